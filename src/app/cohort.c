/* cohort: a recruitment cohort's board, a member's move and timeline (see cohort.h). */
#include "app/cohort.h"

#include <string.h>

#include "app/entity.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "core/validate.h"
#include "store/cohort_store.h"
#include "store/entity_store.h"

const char *const app_cohort_columns[] = {"selection", "training_abroad", "permit", "travel", "arrival", "housing",
                                          "induction", "first_6_months", "completed", "interrupted", NULL};
enum { NSTEPS = 8, NCOLUMNS = 10 };

static int step_index(const char *step)
{
	for (int i = 0; step && domain_cohort_steps[i]; i++)
		if (strcmp(domain_cohort_steps[i], step) == 0)
			return i;
	return -1;
}

static bool state_is(json_t *row, const char *state)
{
	const char *s = json_string_value(json_object_get(row, "state"));
	return s && strcmp(s, state) == 0;
}

/* The column of a member with step rows by step (an object step -> row). */
static int member_column(json_t *by_step)
{
	const char *k;
	json_t *row;
	json_object_foreach(by_step, k, row) {
		if (state_is(row, "interrupted"))
			return NCOLUMNS - 1;
	}
	for (int i = 0; i < NSTEPS; i++) {
		json_t *r = json_object_get(by_step, domain_cohort_steps[i]);
		if (!r || !(state_is(r, "done") || state_is(r, "not_needed")))
			return i;
	}
	return NSTEPS; /* completed */
}

static json_t *opt_str(json_t *row, const char *k)
{
	json_t *v = json_object_get(row, k);
	return json_is_string(v) ? json_incref(v) : json_null();
}

int app_cohort_board(const struct actor *a, int64_t cohort_id, bool names, json_t **board, struct err *e)
{
	*board = NULL;
	const struct entity_def *cd = entity_get(ENT_COHORTS);
	int rc = policy_entity_access(a, cd, ACC_READ, e);
	if (rc || (rc = policy_entity_access(a, entity_get(ENT_COHORT_STEPS), ACC_READ, e)))
		return rc;
	json_t *cohort = NULL;
	if ((rc = store_entity_get(a->store, cd, policy_scope(a, cd), cohort_id, &cohort, e)))
		return rc;
	int64_t org = (int64_t)json_integer_value(json_object_get(cohort, "organisation_id"));
	/* the employer's name: who the cohort is recruited for (not personal data; a manager may not list employers) */
	int64_t employer = (int64_t)json_integer_value(json_object_get(cohort, "employer_id"));
	json_t *emp = NULL;
	struct err ignored = {0};
	if (employer && store_entity_get(a->store, entity_get(ENT_EMPLOYERS), org, employer, &emp, &ignored) == 0)
		json_object_set(cohort, "employer_name", json_object_get(emp, "name"));
	json_decref(emp);
	json_t *members = NULL, *steps = NULL;
	if ((rc = store_cohort_board_rows(a->store, org, cohort_id, &members, &steps, e))) {
		json_decref(cohort);
		return rc;
	}
	json_t *out = json_object();
	json_object_set_new(out, "cohort", cohort);
	json_t *columns = json_array(), *counts = json_object();
	json_t *col_members[NCOLUMNS];
	size_t col_count[NCOLUMNS] = {0};
	for (int c = 0; c < NCOLUMNS; c++)
		col_members[c] = json_array();
	int64_t reached_arrival = 0, employed_6 = 0;
	size_t i, j;
	json_t *m, *s;
	json_array_foreach(members, i, m) {
		int64_t mid = (int64_t)json_integer_value(json_object_get(m, "id"));
		json_t *by_step = json_object();
		json_array_foreach(steps, j, s) {
			if ((int64_t)json_integer_value(json_object_get(s, "member_id")) != mid)
				continue;
			const char *step = json_string_value(json_object_get(s, "step"));
			if (step_index(step) < 0)
				continue;
			json_object_set_new(by_step, step,
			                    json_pack("{s:O,s:o,s:o,s:o}", "id", json_object_get(s, "id"), "state",
			                              opt_str(s, "state"), "planned_on", opt_str(s, "planned_on"), "done_on",
			                              opt_str(s, "done_on")));
		}
		if (state_is(json_object_get(by_step, "arrival"), "done"))
			reached_arrival++;
		if (state_is(json_object_get(by_step, "first_6_months"), "done"))
			employed_6++;
		int c = member_column(by_step);
		json_t *cur = NULL;
		if (c < NSTEPS) {
			cur = json_object_get(by_step, domain_cohort_steps[c]);
		} else if (c == NCOLUMNS - 1) {
			const char *k;
			json_t *r;
			json_object_foreach(by_step, k, r) {
				if (state_is(r, "interrupted"))
					cur = r;
			}
		} else {
			cur = json_object_get(by_step, domain_cohort_steps[NSTEPS - 1]);
		}
		json_t *card = json_pack("{s:O,s:O,s:O}", "id", json_object_get(m, "id"), "name", json_object_get(m, "name"),
		                         "client_id", json_object_get(m, "client_id"));
		json_object_set_new(card, "state", cur ? opt_str(cur, "state") : json_string("not_started"));
		json_object_set_new(card, "planned_on", cur ? opt_str(cur, "planned_on") : json_null());
		json_object_set_new(card, "done_on", cur ? opt_str(cur, "done_on") : json_null());
		json_object_set_new(card, "steps", by_step);
		if (names)
			json_array_append_new(col_members[c], card);
		else
			json_decref(card);
		col_count[c]++;
	}
	for (int c = 0; c < NCOLUMNS; c++) {
		size_t n = col_count[c];
		json_object_set_new(counts, app_cohort_columns[c], json_integer((json_int_t)n));
		json_array_append_new(columns, json_pack("{s:s,s:I,s:o}", "column", app_cohort_columns[c], "count",
		                                         (json_int_t)n, "members", col_members[c]));
	}
	json_object_set_new(out, "columns", columns);
	json_object_set_new(out, "counts", counts);
	json_object_set_new(out, "figures", json_pack("{s:I,s:I,s:I}", "members", (json_int_t)json_array_size(members),
	                                              "reached_arrival", (json_int_t)reached_arrival,
	                                              "employed_6_months", (json_int_t)employed_6));
	json_decref(members);
	json_decref(steps);
	if (names && (rc = audit_principal(a->store, a->p, "read", "cohorts", cohort_id, 0, "board", e))) {
		json_decref(out);
		return rc;
	}
	if (!(*board = arena_json(a->arena, out)))
		return err_oom(e);
	return 0;
}

/* The member's step rows (archived left out), as the entity list gives them. */
static int member_steps(const struct actor *a, int64_t member_id, json_t **items, struct err *e)
{
	const struct entity_def *sd = entity_get(ENT_COHORT_STEPS);
	char mid[24];
	snprintf(mid, sizeof mid, "%lld", (long long)member_id);
	struct store_filter f[] = {{entity_field(sd, "member_id"), mid}};
	struct store_list_query lq = {.filters = f, .nfilters = 1, .limit = 50};
	int64_t total = 0;
	return app_entity_list(a, sd, &lq, items, &total, e);
}

/* One step of the member: created with state (and done_on) when it has no row, else updated when it differs. */
static int set_step(const struct actor *a, int64_t member_id, json_t *rows, const char *step, const char *state,
                    const char *done_on, struct err *e)
{
	const struct entity_def *sd = entity_get(ENT_COHORT_STEPS);
	size_t i;
	json_t *r, *found = NULL;
	json_array_foreach(rows, i, r) {
		const char *st = json_string_value(json_object_get(r, "step"));
		if (st && strcmp(st, step) == 0)
			found = r;
	}
	json_t *row = NULL, *current = NULL;
	int rc;
	if (!found) {
		json_t *body = json_pack("{s:I,s:s,s:s}", "member_id", (json_int_t)member_id, "step", step, "state", state);
		if (done_on)
			json_object_set_new(body, "done_on", json_string(done_on));
		rc = app_entity_create(a, sd, body, &row, e);
		json_decref(body);
		return rc;
	}
	if (state_is(found, state))
		return 0;
	json_t *body = json_pack("{s:s}", "state", state);
	if (done_on)
		json_object_set_new(body, "done_on", json_string(done_on));
	int64_t id = (int64_t)json_integer_value(json_object_get(found, "id"));
	int64_t version = (int64_t)json_integer_value(json_object_get(found, "version"));
	rc = app_entity_update(a, sd, id, body, version, &row, &current, e);
	json_decref(body);
	return rc;
}

int app_cohort_move(const struct actor *a, int64_t member_id, const char *step, const char *on, json_t **steps,
                    struct err *e)
{
	*steps = NULL;
	const struct entity_def *md = entity_get(ENT_COHORT_MEMBERS), *sd = entity_get(ENT_COHORT_STEPS);
	int rc = policy_entity_access(a, sd, ACC_WRITE, e);
	if (rc)
		return rc;
	int k = step_index(step);
	if (k < 0)
		return err_key(e, ERR_INVALID, "step", "cohort_step_unknown",
		               "step must be one of selection, training_abroad, permit, travel, arrival, housing, "
		               "induction, first_6_months");
	char today[11];
	validate_today(today);
	if (!on || !*on)
		on = today;
	else if (!validate_date(on))
		return err_key(e, ERR_INVALID, "on", "date", "on must be a date (YYYY-MM-DD)");
	else if (strcmp(on, today) > 0)
		return err_key(e, ERR_INVALID, "on", "cohort_done_future",
		               "the day of the move is in the future; move the member on the day it happens");
	/* the member, locked: two moves of one member take turns */
	json_t *member = NULL;
	if ((rc = store_entity_get_for_update(a->store, md, policy_scope(a, md), member_id, &member, e)))
		return rc;
	json_decref(member);
	json_t *rows = NULL;
	if ((rc = member_steps(a, member_id, &rows, e)))
		return rc;
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		if (state_is(r, "interrupted"))
			return err_key(e, ERR_CONFLICT, "step", "cohort_interrupted",
			               "this member's way was interrupted; reopen the interrupted step before moving them");
	}
	for (int s = 0; s < NSTEPS && !rc; s++) {
		const char *name = domain_cohort_steps[s];
		json_t *found = NULL;
		json_array_foreach(rows, i, r) {
			const char *st = json_string_value(json_object_get(r, "step"));
			if (st && strcmp(st, name) == 0)
				found = r;
		}
		if (s < k) {
			if (!found || state_is(found, "not_started") || state_is(found, "in_progress"))
				rc = set_step(a, member_id, rows, name, "done", on, e);
		} else if (s == k) {
			rc = set_step(a, member_id, rows, name, "in_progress", NULL, e);
		} else if (found && state_is(found, "in_progress")) {
			rc = set_step(a, member_id, rows, name, "not_started", NULL, e);
		}
	}
	if (rc)
		return rc;
	return member_steps(a, member_id, steps, e);
}

int app_cohort_timeline(const struct actor *a, int64_t member_id, json_t **items, struct err *e)
{
	*items = NULL;
	const struct entity_def *md = entity_get(ENT_COHORT_MEMBERS);
	int rc = policy_entity_access(a, entity_get(ENT_COHORT_STEPS), ACC_READ, e);
	if (rc)
		return rc;
	json_t *member = NULL;
	if ((rc = app_entity_get(a, md, member_id, &member, e)))
		return rc;
	return app_step_timeline(a, &store_cohort_steps, jget_int(member, "organisation_id"), member_id, items, e);
}
