/* entity verbs: the one read path and the one write pipeline of every entity (see entity.h). */
#include "app/entity.h"

#include <stdio.h>
#include <string.h>

#include "app/consent.h"
#include "app/entity_internal.h"
#include "app/funders.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "core/validate.h"
#include "domain/outcome.h"
#include "report/report.h"
#include "store/cohort_store.h"
#include "store/family_store.h"
#include "store/taxonomy_store.h"
#include "taxonomy/taxonomy.h"

/* Client data is audited; other entities (employers, courses...) are not personal data. Every write of a staff
 * account or an organisation is audited too (who was made what, by whom). */
int app_entity_audit(const struct actor *a, const struct entity_def *d, const char *action, int64_t id,
                     int64_t client_id, const char *detail, struct err *e)
{
	bool admin_write = (d->id == ENT_USERS || d->id == ENT_ORGANISATIONS) && strcmp(action, "read") != 0 &&
	                   strcmp(action, "list") != 0;
	if (!entity_audited(d) && !admin_write)
		return 0;
	return audit_principal(a->store, a->p, action, d->name, id, client_id, detail, e);
}

/* The value a write gives field name: from the input, else the stored row (old; NULL on create). */
static const char *given_text(const struct entity_input *in, json_t *old, const char *name)
{
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].f->name, name) == 0)
			return in->v[i].is_null ? NULL : in->v[i].s;
	return old ? json_string_value(json_object_get(old, name)) : NULL;
}

static int64_t given_int(const struct entity_input *in, json_t *old, const char *name)
{
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].f->name, name) == 0)
			return in->v[i].is_null ? 0 : in->v[i].i;
	return old ? (int64_t)json_integer_value(json_object_get(old, name)) : 0;
}

/* An info-point contact holds no personal data unless the person agreed: a name or a contact without the agreement
 * is refused (withdrawing the agreement means clearing them in the same write). */
static int info_contact_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	(void)a;
	bool agreed = false;
	bool given = false;
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].f->name, "personal_data_agreed") == 0) {
			agreed = !in->v[i].is_null && in->v[i].i;
			given = true;
		}
	if (!given && old)
		agreed = json_is_true(json_object_get(old, "personal_data_agreed"));
	static const char *const personal[] = {"name", "contact"};
	for (size_t i = 0; i < 2 && !agreed; i++) {
		const char *v = given_text(in, old, personal[i]);
		if (v && *v)
			return err_key(e, ERR_INVALID, personal[i], "info_no_agreement",
			               "a %s is recorded only when the person agreed to it (personal_data_agreed)", personal[i]);
	}
	return 0;
}

/* A follow-up is of an employment, at 3, 6 or 12 months, and not recorded before its time (two weeks early at most):
 * a "6 months" check one month after the start would report a job as lasting that has not. */
static int followup_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	int64_t months = given_int(in, old, "months"), outcome_id = given_int(in, old, "outcome_id");
	const char *checked = given_text(in, old, "checked_on");
	if (!outcome_followup_months((long)months))
		return err_key(e, ERR_INVALID, "months", "followup_months", "a follow-up is made at 3, 6 or 12 months");
	const struct entity_def *od = entity_get(ENT_OUTCOMES);
	json_t *outcome = NULL;
	int rc = store_entity_get(a->store, od, policy_scope(a, od), outcome_id, &outcome, e);
	if (rc)
		return rc;
	const char *type = json_string_value(json_object_get(outcome, "type"));
	char due[11] = "", earliest[11] = "";
	bool dated = outcome_followup_dates(json_string_value(json_object_get(outcome, "starts_on")), (long)months, due,
	                                    earliest);
	bool employment = type && strcmp(type, "employed") == 0;
	json_decref(outcome);
	if (!employment)
		return err_key(e, ERR_INVALID, "outcome_id", "followup_not_employment",
		               "follow-ups are made of employments only");
	if (dated && checked && strcmp(checked, earliest) < 0)
		return err_key(e, ERR_INVALID, "checked_on", "followup_too_early",
		               "the %lld-month check is due on %s: record it on %s or later", (long long)months, due,
		               earliest);
	return 0;
}

/* Whether a live row of d other than old has every names[i] equal to values[i] (in the actor's scope). */
static int other_row(const struct actor *a, const struct entity_def *d, json_t *old, const char *const *names,
                     const char *const *values, size_t n, bool *found, struct err *e)
{
	struct store_filter f[4] = {0};
	for (size_t i = 0; i < n && i < 4; i++)
		f[i] = (struct store_filter){entity_field(d, names[i]), values[i]};
	struct store_list_query lq = {.filters = f, .nfilters = n < 4 ? n : 4, .limit = 2};
	json_t *items = NULL;
	int64_t total = 0;
	*found = false;
	int rc = store_entity_list(a->store, d, policy_scope(a, d), &lq, &items, &total, e);
	if (rc)
		return rc;
	int64_t self = old ? (int64_t)json_integer_value(json_object_get(old, "id")) : 0;
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		if ((int64_t)json_integer_value(json_object_get(x, "id")) != self)
			*found = true;
	}
	json_decref(items);
	return 0;
}

/* A client's languages: each language once per assessment day (a second row without a new test result would show
 * two levels for one language and count it twice in matching; test results over time are rows with their days). The client's row is locked first, so that two writers adding the same language take
 * turns and the second one sees the first one's row (SQLite's writers take turns anyway). */
static int language_lock(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	json_t *client = NULL;
	struct err le = {0};
	int rc = store_entity_get_for_update(a->store, cd, policy_scope(a, cd), given_int(in, old, "client_id"), &client,
	                                     &le);
	json_decref(client);
	if (rc == ERR_NOT_FOUND)
		return 0; /* the reference check names it */
	if (rc)
		*e = le;
	return rc;
}

static int language_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	const char *lang = given_text(in, old, "language"), *on = given_text(in, old, "assessed_on");
	char client[24];
	snprintf(client, sizeof client, "%lld", (long long)given_int(in, old, "client_id"));
	if (!lang || !*lang)
		return 0;
	/* A language test result over time is a row per assessment (the "Finnish level gained" figure compares them):
	 * without a test day any other row of the language is a second one; with one, another row of that day is. */
	const char *names[] = {"client_id", "language", "assessed_on"}, *values[] = {client, lang, on};
	bool twice = false;
	int rc = other_row(a, entity_get(ENT_CLIENT_LANGUAGES), old, names, values, on && *on ? 3 : 2, &twice, e);
	if (rc)
		return rc;
	if (twice)
		return err_key(e, ERR_CONFLICT, "language", "language_twice",
		               "the client already has this language; change the level on its row instead (a new test "
		               "result is a row with its own assessment day)");
	return 0;
}

/* An attendance row is one client or one employer at an event, each at most once: a row with neither says nothing,
 * one with both would count an employer's visit as a client's attendance too, and a second row of the same client
 * would count one person twice in the event's figures (src/report/groups.c). */
static int attendance_duplicate(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	(void)a;
	const char *field = given_int(in, old, "client_id") ? "client_id" : "employer_id";
	return err_key(e, ERR_INVALID, field, "attendance_twice", "already recorded for this event");
}

static int attendance_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	int64_t client = given_int(in, old, "client_id"), employer = given_int(in, old, "employer_id");
	if ((client != 0) == (employer != 0))
		return err_key(e, ERR_INVALID, "client_id", "attendance_who",
		               "an attendance names a client or an employer (one of them)");
	char event[24], who[24];
	snprintf(event, sizeof event, "%lld", (long long)given_int(in, old, "group_event_id"));
	snprintf(who, sizeof who, "%lld", (long long)(client ? client : employer));
	const char *field = client ? "client_id" : "employer_id";
	const char *names[] = {"group_event_id", field}, *values[] = {event, who};
	bool twice = false;
	int rc = other_row(a, entity_get(ENT_GROUP_ATTENDANCE), old, names, values, 2, &twice, e);
	if (rc)
		return rc;
	if (twice)
		return attendance_duplicate(a, old, in, e);
	return 0;
}

/* A settling-in step: a custom step names itself, and the person it is of belongs to its family (an adult client
 * with that family_id, or a family member of that family). */
static int settling_step_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	const char *kind = given_text(in, old, "kind"), *title = given_text(in, old, "title");
	if (kind && strcmp(kind, "custom") == 0 && (!title || !*title))
		return err_key(e, ERR_INVALID, "title", "settling_custom_title", "a custom step needs a title");
	int64_t family = given_int(in, old, "family_id");
	static const struct {
		enum entity_id ent;
		const char *field;
	} who[] = {{ENT_CLIENTS, "client_id"}, {ENT_FAMILY_MEMBERS, "member_id"}};
	for (size_t k = 0; k < sizeof who / sizeof *who; k++) {
		int64_t id = given_int(in, old, who[k].field);
		if (!id)
			continue;
		const struct entity_def *d = entity_get(who[k].ent);
		json_t *row = NULL;
		int rc = store_entity_get(a->store, d, policy_scope(a, d), id, &row, e);
		if (rc)
			return rc;
		int64_t of = (int64_t)json_integer_value(json_object_get(row, "family_id"));
		json_decref(row);
		if (of != family)
			return err_key(e, ERR_INVALID, who[k].field, "settling_not_in_family",
			               "this person is not a member of the step's family");
	}
	return 0;
}

static int settling_step_written(struct store *s, int64_t id, struct err *e)
{
	char today[11];
	validate_today(today);
	return store_step_written(s, &store_settling_steps, id, today, e);
}

/* A rule that a row is there once, as its error tells it: the field, the stable key and the message. */
struct once_rule {
	const char *field, *key, *message;
};

static int once_broken(const struct once_rule *o, struct err *e)
{
	return err_key(e, ERR_CONFLICT, o->field, o->key, "%s", o->message);
}

/* A cohort member: a client is recruited in one cohort at most (also a unique index: migration 0019). */
static const struct once_rule cohort_client_once = {
	"client_id", "cohort_client_twice",
	"this client is already a member of a cohort; one person is recruited in one cohort"};

static int cohort_member_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	int64_t client = given_int(in, old, "client_id");
	if (!client)
		return 0;
	char who[24];
	snprintf(who, sizeof who, "%lld", (long long)client);
	const char *names[] = {"client_id"}, *values[] = {who};
	bool twice = false;
	int rc = other_row(a, entity_get(ENT_COHORT_MEMBERS), old, names, values, 1, &twice, e);
	if (rc)
		return rc;
	return twice ? once_broken(&cohort_client_once, e) : 0;
}

/* A cohort step: one row per member and step (also a unique index: migration 0019); a done day is not in the future
 * and only a done or interrupted step has one. */
static const struct once_rule cohort_step_once = {
	"step", "cohort_step_twice", "this member already has this step; change the state on its row instead"};

static int cohort_step_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	const char *state = given_text(in, old, "state"), *done = given_text(in, old, "done_on");
	bool closed = state && (strcmp(state, "done") == 0 || strcmp(state, "interrupted") == 0);
	if (done && *done && !closed) {
		bool given = false;
		for (size_t i = 0; i < in->n; i++)
			if (strcmp(in->v[i].f->name, "done_on") == 0 && !in->v[i].is_null)
				given = true;
		if (given)
			return err_key(e, ERR_INVALID, "done_on", "cohort_done_day_state",
			               "a done day belongs to a step that is done or interrupted; set the state too");
	}
	char today[11];
	validate_today(today);
	if (done && *done && strcmp(done, today) > 0)
		return err_key(e, ERR_INVALID, "done_on", "cohort_done_future",
		               "the done day is in the future; give the planned day instead");
	char member[24];
	snprintf(member, sizeof member, "%lld", (long long)given_int(in, old, "member_id"));
	const char *step = given_text(in, old, "step");
	const char *names[] = {"member_id", "step"}, *values[] = {member, step ? step : ""};
	bool twice = false;
	int rc = other_row(a, entity_get(ENT_COHORT_STEPS), old, names, values, 2, &twice, e);
	if (rc)
		return rc;
	return twice ? once_broken(&cohort_step_once, e) : 0;
}

static int cohort_step_written(struct store *s, int64_t id, struct err *e)
{
	char today[11];
	validate_today(today);
	return store_step_written(s, &store_cohort_steps, id, today, e);
}

/* Per-entity steps of the pipeline, indexed by entity (a new entity needs no entry). */
static const struct {
	const char *create_with; /* these rows are created by another verb, which runs its own steps */
	/* row locks that check decides under, taken before the references are checked (their check takes shared locks;
	 * asking for a stronger lock after it would deadlock two writers) */
	int (*lock)(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
	/* a rule across fields or rows, after validation and before the store (old: NULL on create) */
	int (*check)(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
	int (*after_write)(struct store *s, int64_t id, struct err *e); /* derivation on create and update */
	/* the store found a unique index taken (a "once" rule that check decided, lost to a request at the same
	 * moment): the same error check gives */
	int (*duplicate)(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
	const struct once_rule *once; /* the same where the rule's error is fixed */
} hooks[ENT_COUNT] = {
	[ENT_USERS] = {.create_with = "POST /api/v1/users/new (it sets the password)"},
	[ENT_OUTCOMES] = {.after_write = report_outcome_written}, /* matches_competence and its override */
	[ENT_OUTCOME_FOLLOWUPS] = {.check = followup_check},
	/* a client or an employer, once per event (also a unique index: migration 0014) */
	[ENT_GROUP_ATTENDANCE] = {.check = attendance_check, .duplicate = attendance_duplicate},
	/* each language once per client; the mark of a level gained on each of the client's language rows */
	[ENT_CLIENT_LANGUAGES] = {.lock = language_lock, .check = language_check, .after_write = report_language_written},
	[ENT_PROPOSALS] = {.after_write = report_proposal_written},  /* the day of each stage */
	/* the days of the client's first and last event on its row (served); its row locked first, as for languages */
	[ENT_SERVICE_EVENTS] = {.lock = language_lock, .after_write = report_service_event_written},
	[ENT_EDUCATIONS] = {.after_write = report_education_written}, /* the days of the recognition */
	[ENT_INFO_CONTACTS] = {.check = info_contact_check}, /* no personal data without the person's agreement */
	[ENT_PROGRAMME_FUNDERS] = {.lock = app_funder_lock, .check = app_funder_check}, /* shares sum to <= 100 % */
	/* the person is of the family; done_on and the plan's timeline */
	[ENT_SETTLING_STEPS] = {.check = settling_step_check, .after_write = settling_step_written},
	/* a client in one cohort; a step once per member, its done day and the member's timeline */
	[ENT_COHORT_MEMBERS] = {.check = cohort_member_check, .once = &cohort_client_once},
	[ENT_COHORT_STEPS] = {.check = cohort_step_check, .after_write = cohort_step_written,
	                      .once = &cohort_step_once},
};

/* A store error rc of a write: a unique index taken is told as the entity's own "once" rule where it has one. */
static int duplicate_as_rule(const struct actor *a, const struct entity_def *d, json_t *old,
                             const struct entity_input *in, int rc, struct err *e)
{
	const struct once_rule *once = hooks[d->id].once;
	if (rc == ERR_CONFLICT && e->key && strcmp(e->key, "exists") == 0 && (once || hooks[d->id].duplicate)) {
		err_clear(e);
		return once ? once_broken(once, e) : hooks[d->id].duplicate(a, old, in, e);
	}
	return rc;
}

/* Derivations, in the same transaction as the write: the entity's own hook, then the client's outcomes when a part
 * of the competence profile changed (removed: an archive, which has no row to derive). */
static int derive(const struct actor *a, const struct entity_def *d, int64_t id, int64_t client_id, bool removed,
                  struct err *e)
{
	int rc = 0;
	if (!removed && hooks[d->id].after_write)
		rc = hooks[d->id].after_write(a->store, id, e);
	if (!rc && d->id == ENT_CONSENTS) /* what the newest consent rows decide beyond their rows */
		rc = app_consent_written(a, client_id, e);
	if (!rc)
		rc = report_profile_written(a->store, d->name, client_id, e);
	return rc;
}

/* Field f of the input becomes a copy of text (in the actor's arena): a value given as null or "" is replaced, a
 * missing one added (the input has room for every field). */
static int input_fill(const struct actor *a, struct entity_input *in, const struct field_def *f, const char *text,
                      struct err *e)
{
	char *copy = arena_strdup(a->arena, text);
	if (!copy)
		return err_oom(e);
	for (size_t i = 0; i < in->n; i++)
		if (in->v[i].f == f) {
			in->v[i].is_null = false;
			in->v[i].s = copy;
			return 0;
		}
	in->v[in->n++] = (struct entity_value){.f = f, .s = copy};
	return 0;
}

/* A work-history or target-occupation title is coded to an ESCO occupation when it is written (issue 17): a row whose
 * title is given and that names no occupation, neither in the request nor already, gets the occupation the title
 * maps to (tax_map_title on the server's taxonomy index, when it is confident and agrees with an ISCO code the row
 * names). It is stored in esco_occupation,
 * where the counsellor sees it in the profile and confirms it by leaving it or changes it; fill_isco then adds its
 * unit group. Without a taxonomy index (a CLI run) nothing is coded. */
static int fill_occupation(const struct actor *a, const struct entity_def *d, json_t *old, struct entity_input *in,
                           struct err *e)
{
	if (d->id != ENT_WORK_HISTORY && d->id != ENT_TARGET_OCCUPATIONS)
		return 0;
	const struct tax_index *ix = tax_title_index();
	const struct field_def *occ = entity_field(d, "esco_occupation"), *title = entity_field(d, "title");
	if (!ix || !occ || !title)
		return 0;
	const struct field_def *isco = entity_field(d, "isco_code");
	const char *text = NULL, *had = old ? json_string_value(json_object_get(old, "esco_occupation")) : NULL;
	const char *code = old ? json_string_value(json_object_get(old, "isco_code")) : NULL;
	if (had && *had)
		return 0;
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i].f == occ && !in->v[i].is_null && in->v[i].s && *in->v[i].s)
			return 0; /* written by a person */
		if (in->v[i].f == title && !in->v[i].is_null)
			text = in->v[i].s;
		if (isco && in->v[i].f == isco)
			code = in->v[i].is_null ? NULL : in->v[i].s;
	}
	if (!text || !*text)
		return 0;
	struct tax_hit hit[1];
	size_t n = 0;
	bool mapped = false;
	struct err ignored = {0};
	if (tax_map_title(ix, text, "fi", 1, hit, &n, &mapped, &ignored) || !mapped || n == 0 ||
	    hit[0].kind != TAX_OCCUPATION)
		return 0; /* not confident: the title stays as written, for the counsellor to code */
	if (code && *code && strncmp(code, hit[0].isco, 4) != 0)
		return 0; /* the ISCO code a person wrote says otherwise */
	return input_fill(a, in, occ, hit[0].uri, e);
}

/* A row that names an ESCO occupation and no ISCO code gets the occupation's unit group, so that figures by
 * occupation group count it (the form fills it as well; a code the user wrote stays). On update the code follows a
 * changed occupation unless the same request sets it. */
static int fill_isco(const struct actor *a, const struct entity_def *d, struct entity_input *in, struct err *e)
{
	const struct field_def *occ = entity_field(d, "esco_occupation"), *isco = entity_field(d, "isco_code");
	if (!occ || !isco)
		return 0;
	const char *uri = NULL;
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i].f == isco && !in->v[i].is_null && in->v[i].s && *in->v[i].s)
			return 0;
		if (in->v[i].f == occ && !in->v[i].is_null)
			uri = in->v[i].s;
	}
	if (!uri || !*uri)
		return 0;
	char code[5] = "";
	int rc = store_occupation_isco(a->store, uri, code, e);
	if (rc || !code[0])
		return rc;
	return input_fill(a, in, isco, code, e);
}

/* A client leaves the service when the status leaves the open ones (employed, in education, closed): left_on is
 * that day unless the request names it; a case reopened (intake, active, paused) has not left. The base of
 * "employed, % of those who left" (docs/outcomes.md). */
static int fill_left_on(const struct actor *a, const struct entity_def *d, json_t *old, struct entity_input *in,
                        struct err *e)
{
	if (!entity_is_client(d))
		return 0;
	const struct field_def *left = entity_field(d, "left_on");
	const char *status = NULL;
	for (size_t i = 0; i < in->n; i++) {
		if (in->v[i].f == left)
			return 0; /* written by the counsellor */
		if (strcmp(in->v[i].f->name, "status") == 0 && !in->v[i].is_null)
			status = in->v[i].s;
	}
	if (!status)
		return 0;
	const char *was = old ? json_string_value(json_object_get(old, "status")) : NULL;
	bool closing = !client_status_seeking(status) && (!was || client_status_seeking(was));
	bool reopening = client_status_seeking(status) && old && json_string_value(json_object_get(old, "left_on"));
	if (!closing && !reopening)
		return 0;
	struct entity_value v = {.f = left, .is_null = reopening};
	if (closing) {
		char *today = arena_alloc(a->arena, 11);
		if (!today)
			return err_oom(e);
		validate_today(today);
		v.s = today;
	}
	in->v[in->n++] = v;
	return 0;
}

/* The row as stored (other organisations' rows are not found), after the role check; arena-owned, not redacted. */
static int stored_row(const struct actor *a, const struct entity_def *d, enum access need, int64_t id, json_t **row,
                      struct err *e)
{
	*row = NULL;
	int rc = policy_entity_access(a, d, need, e);
	if (rc)
		return rc;
	if (id <= 0)
		return err_set(e, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	if ((rc = store_entity_get(a->store, d, policy_scope(a, d), id, row, e)))
		return rc;
	if (!(*row = arena_json(a->arena, *row))) /* released: out of memory */
		return err_oom(e);
	return 0;
}

int app_entity_get(const struct actor *a, const struct entity_def *d, int64_t id, json_t **row, struct err *e)
{
	int rc = stored_row(a, d, ACC_READ, id, row, e);
	if (rc)
		return rc;
	policy_redact(a, d, *row, *row);
	const char *cc = entity_audit_client(d);
	return app_entity_audit(a, d, "read", id, cc ? jget_int(*row, cc) : 0, NULL, e);
}

int app_step_timeline(const struct actor *a, const struct store_step_plan *plan, int64_t org_id, int64_t owner_id,
                      json_t **items, struct err *e)
{
	json_t *rows = NULL;
	int rc = store_step_changes(a->store, plan, org_id, owner_id, &rows, e);
	if (rc)
		return rc;
	if (!(*items = arena_json(a->arena, rows)))
		return err_oom(e);
	return 0;
}

/* Fields a verb of their own guards (FF_VERB) are not written through the generic create or update. */
static int guarded_fields(const struct entity_def *d, const struct entity_input *in, struct err *e)
{
	for (size_t i = 0; i < in->n; i++)
		if (in->v[i].f->flags & FF_VERB)
			return err_key(e, ERR_INVALID, in->v[i].f->name, "verb_only",
			               "%s of %s is changed only through its own action, not by editing the record",
			               in->v[i].f->name, d->name);
	return 0;
}

/* After a write: the row as the actor may see it now (assignment as `decides` says), and the change note. */
static int written(const struct actor *a, const struct entity_def *d, int64_t id, json_t *decides, json_t **row,
                   struct err *e)
{
	int rc = store_entity_get(a->store, d, 0, id, row, e);
	if (rc)
		return rc;
	if (!(*row = arena_json(a->arena, *row))) /* released: out of memory */
		return err_oom(e);
	policy_redact(a, d, *row, decides ? decides : *row);
	app_note_change(a, d, id);
	return 0;
}

int app_entity_create(const struct actor *a, const struct entity_def *d, json_t *body, json_t **row, struct err *e)
{
	*row = NULL;
	int rc = policy_entity_access(a, d, ACC_WRITE, e);
	if (rc)
		return rc;
	if (hooks[d->id].create_with)
		return err_set(e, ERR_INVALID, "", "create %s with %s", d->name, hooks[d->id].create_with);
	struct entity_input in = {0};
	if ((rc = entity_validate(d, body, true, a->arena, &in, e)) || (rc = guarded_fields(d, &in, e)))
		return rc;
	/* A counsellor who creates a client without naming a counsellor becomes its assigned counsellor. */
	const struct field_def *cf = entity_is_client(d) ? entity_field(d, "counsellor_id") : NULL;
	int64_t counsellor = 0;
	for (size_t i = 0; cf && i < in.n; i++)
		if (in.v[i].f == cf && !in.v[i].is_null)
			counsellor = in.v[i].i;
	if (cf && a->p->role == ROLE_COUNSELLOR && !json_object_get(body, "counsellor_id")) {
		in.v[in.n].f = cf;
		in.v[in.n].i = counsellor = a->p->user_id;
		in.n++;
	}
	int64_t org, client_id = 0;
	if ((hooks[d->id].lock && (rc = hooks[d->id].lock(a, NULL, &in, e))) || (rc = policy_check_refs(a, d, &in, &org, e)))
		return rc;
	for (size_t i = 0; !cf && i < in.n; i++)
		if (d->client_field && strcmp(in.v[i].f->name, d->client_field) == 0)
			client_id = in.v[i].i;
	if ((rc = policy_check_write_fields(a, d, &in, client_id, counsellor, e)) ||
	    (rc = fill_occupation(a, d, NULL, &in, e)) || (rc = fill_isco(a, d, &in, e)) ||
	    (rc = fill_left_on(a, d, NULL, &in, e)) || (hooks[d->id].check && (rc = hooks[d->id].check(a, NULL, &in, e))))
		return rc;
	int64_t id;
	if ((rc = duplicate_as_rule(a, d, NULL, &in, store_entity_insert(a->store, d, org, &in, &id, e), e)) ||
	    (rc = derive(a, d, id, client_id, false, e)) ||
	    (rc = app_entity_audit(a, d, "create", id, cf ? id : client_id, NULL, e)))
		return rc;
	return written(a, d, id, NULL, row, e);
}

/* A change of a client's counsellor is audited as a reassignment, naming the old and the new counsellor. */
static int audit_reassign(const struct actor *a, const struct entity_def *d, int64_t id, json_t *old,
                          const struct entity_input *in, struct err *e)
{
	if (!entity_is_client(d))
		return 0;
	json_t *was = json_object_get(old, "counsellor_id");
	for (size_t i = 0; i < in->n; i++) {
		if (strcmp(in->v[i].f->name, "counsellor_id") != 0)
			continue;
		long long from = json_is_integer(was) ? (long long)json_integer_value(was) : 0;
		long long to = in->v[i].is_null ? 0 : (long long)in->v[i].i;
		char moved[96];
		snprintf(moved, sizeof moved, "counsellor_id from=%lld to=%lld", from, to);
		int rc = from != to ? app_entity_audit(a, d, "reassign", id, id, moved, e) : 0;
		if (rc)
			return rc;
	}
	return 0;
}

/* A refused precondition: the row as it is now, as this actor may see it (reading it is audited). */
static int conflict(const struct actor *a, const struct entity_def *d, int64_t id, int64_t client_id,
                    json_t **current, struct err *e)
{
	struct err ge = {0};
	json_t *now = NULL;
	if (current && store_entity_get(a->store, d, policy_scope(a, d), id, &now, &ge) == 0) {
		if (!arena_json(a->arena, now)) /* released: out of memory */
			return err_oom(e);
		policy_redact(a, d, now, now);
		if (app_entity_audit(a, d, "read", id, client_id, "version_conflict", &ge) == 0)
			*current = now;
	}
	return e->code;
}

/* The references an update changes: one that names the row already referenced is not checked again, so that a row
 * keeps a reference to a row archived since (a service event's method no longer offered) and a form that sends every
 * field back can still be saved. Checking them all would refuse that; a new reference is checked as on create. */
static int changed_refs(const struct actor *a, json_t *old, const struct entity_input *in, struct entity_input *out,
                        struct err *e)
{
	out->n = 0;
	out->v = arena_alloc(a->arena, (in->n ? in->n : 1) * sizeof *out->v);
	if (!out->v)
		return err_oom(e);
	for (size_t i = 0; i < in->n; i++) {
		const struct entity_value *v = &in->v[i];
		json_t *was = json_object_get(old, v->f->name);
		if (v->f->type == FT_REF && !v->is_null && json_is_integer(was) && json_integer_value(was) == v->i)
			continue;
		out->v[out->n++] = *v;
	}
	return 0;
}

int app_entity_update(const struct actor *a, const struct entity_def *d, int64_t id, json_t *body,
                      int64_t expect_version, json_t **row, json_t **current, struct err *e)
{
	*row = NULL;
	if (current)
		*current = NULL;
	json_t *old;
	int rc = stored_row(a, d, ACC_WRITE, id, &old, e);
	if (rc)
		return rc;
	struct entity_input in = {0};
	if ((rc = entity_validate(d, body, false, a->arena, &in, e)) || (rc = guarded_fields(d, &in, e)))
		return rc;
	if (in.n == 0)
		return err_key(e, ERR_INVALID, "", "empty", "the body names no field to change");
	if (!json_is_null(json_object_get(old, "archived_at")) && json_object_get(old, "archived_at"))
		return err_key(e, ERR_CONFLICT, "", "archived", "this %s is archived and cannot be changed", d->name);
	int64_t org, client_id = policy_client_of(d, old);
	struct entity_input refs = {0};
	if ((rc = policy_check_account_write(a, d, id, old, &in, e)) || (rc = changed_refs(a, old, &in, &refs, e)) ||
	    (hooks[d->id].lock && (rc = hooks[d->id].lock(a, old, &in, e))) ||
	    (rc = policy_check_refs(a, d, &refs, &org, e)) ||
	    (rc = policy_check_write_fields(a, d, &in, client_id, 0, e)) || (rc = fill_occupation(a, d, old, &in, e)) ||
	    (rc = fill_isco(a, d, &in, e)) ||
	    (rc = fill_left_on(a, d, old, &in, e)) || (hooks[d->id].check && (rc = hooks[d->id].check(a, old, &in, e))))
		return rc;
	rc = duplicate_as_rule(a, d, old, &in,
	                       store_entity_update_if(a->store, d, policy_scope(a, d), id, &in, expect_version, e), e);
	if (rc == ERR_VERSION_CONFLICT)
		return conflict(a, d, id, client_id, current, e);
	if (rc || (rc = derive(a, d, id, client_id, false, e)) || (rc = audit_reassign(a, d, id, old, &in, e)))
		return rc;
	char detail[300] = "fields=";
	for (size_t i = 0; i < in.n; i++) {
		size_t dl = strlen(detail);
		snprintf(detail + dl, sizeof detail - dl, "%s%s", i ? "," : "", in.v[i].f->name);
	}
	for (size_t i = 0; d->id == ENT_USERS && i < in.n; i++) /* a role change names the old and the new role */
		if (strcmp(in.v[i].f->name, "role") == 0) {
			const char *was = json_string_value(json_object_get(old, "role"));
			size_t dl = strlen(detail);
			snprintf(detail + dl, sizeof detail - dl, " role=%s->%s", was ? was : "", in.v[i].s ? in.v[i].s : "");
		}
	if ((rc = app_entity_audit(a, d, "update", id, client_id, detail, e)))
		return rc;
	return written(a, d, id, old, row, e);
}

int app_entity_archive(const struct actor *a, const struct entity_def *d, int64_t id, int64_t expect_version,
                       json_t **current, struct err *e)
{
	if (current)
		*current = NULL;
	json_t *old;
	int rc = stored_row(a, d, ACC_WRITE, id, &old, e);
	if (rc)
		return rc;
	if ((rc = policy_check_account_write(a, d, id, old, NULL, e)))
		return rc;
	int64_t client_id = policy_client_of(d, old);
	rc = store_entity_archive_if(a->store, d, policy_scope(a, d), id, expect_version, e);
	if (rc == ERR_VERSION_CONFLICT)
		return conflict(a, d, id, client_id, current, e);
	if (rc || (rc = derive(a, d, id, client_id, true, e)) || (rc = app_entity_audit(a, d, "archive", id, client_id, NULL, e)))
		return rc;
	app_note_change(a, d, id);
	return 0;
}

int app_client_profile(const struct actor *a, int64_t id, json_t **client, struct err *e)
{
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	int rc = stored_row(a, cd, ACC_READ, id, client, e);
	if (rc)
		return rc;
	policy_redact(a, cd, *client, *client);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	for (size_t i = 0; i < entity_count; i++) {
		const struct entity_def *d = entity_all[i];
		if (!d->parent || entity_find(d->parent) != cd || !policy_may(a, d, ACC_READ))
			continue;
		struct store_filter f = {entity_field(d, d->parent_field), idtxt};
		struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 500};
		json_t *items;
		int64_t total;
		if ((rc = store_entity_list(a->store, d, policy_scope(a, d), &lq, &items, &total, e)))
			return rc;
		size_t k;
		json_t *row;
		json_array_foreach(items, k, row) policy_redact(a, d, row, row);
		json_object_set_new(*client, d->name, items);
	}
	return app_entity_audit(a, cd, "read", id, id, "profile", e);
}
