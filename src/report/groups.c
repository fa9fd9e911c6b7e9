/* groups: figures of group events (info sessions, recruitment fairs, group coaching, employer visits) per event type
 * and per event; see report.h and docs/outcomes.md ("Group events"). Three statements over group_events and
 * group_attendance, each with the same bound filter: organisation (?1, 0 = any), period (?2, ?3) and programme
 * (?4, 0 = any). */
#include <stdio.h>
#include <string.h>

#include "domain/entity.h"
#include "report/internal.h"

#define GROUP_WHERE                                                                                                   \
	"g.archived_at IS NULL AND g.held_on >= ?2 AND g.held_on <= ?3 AND (?1 = 0 OR g.organisation_id = ?1) "          \
	"AND (?4 = 0 OR g.programme_id = ?4)"
/* attendance that counts: a row not removed and marked attended (a client or employer signed up but absent is not) */
#define ATTENDED_FROM                                                                                                 \
	" FROM group_attendance a JOIN group_events g ON g.id = a.group_event_id WHERE a.archived_at IS NULL "          \
	"AND a.attended = 1 AND " GROUP_WHERE

static const char SQL_EVENTS[] = "SELECT g.type, COUNT(*) FROM group_events g WHERE " GROUP_WHERE " GROUP BY g.type";
static const char SQL_BY_TYPE[] = "SELECT g.type, COUNT(DISTINCT a.client_id), COUNT(a.client_id), "
                                  "COUNT(DISTINCT a.employer_id)" ATTENDED_FROM " GROUP BY g.type";
static const char SQL_TOTAL[] =
	"SELECT COUNT(DISTINCT a.client_id), COUNT(a.client_id), COUNT(DISTINCT a.employer_id)" ATTENDED_FROM;
static const char SQL_PER_EVENT[] =
	"SELECT g.id, COUNT(DISTINCT a.client_id), COUNT(DISTINCT a.employer_id)" ATTENDED_FROM " GROUP BY g.id";

static int prepare(struct store *s, const char *sql, const struct report_filter *f, struct store_stmt **st,
                   struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(f->org_id), STORE_P_TEXT(f->from), STORE_P_TEXT(f->to),
	                                STORE_P_INT(f->programme_id)};
	return store_prepare_bound(s, sql, p, STORE_NPARAMS(p), st, e);
}

static struct report_group_row *row_of(struct report_groups *r, const char *type)
{
	for (size_t i = 0; type && i < r->ntypes; i++)
		if (strcmp(r->type[i].type, type) == 0)
			return &r->type[i];
	return NULL; /* a type no longer in the table: only in the total */
}

int report_groups(struct store *s, const struct report_filter *f, struct report_groups *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->filter = *f;
	const struct field_def *tf = entity_field(entity_get(ENT_GROUP_EVENTS), "type");
	for (size_t i = 0; tf && i < REPORT_GROUP_TYPES_MAX && tf->values[i]; i++)
		out->type[out->ntypes++].type = tf->values[i];
	struct store_stmt *st = NULL;
	int rc = prepare(s, SQL_EVENTS, f, &st, e);
	if (rc)
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int64_t n = store_col_int(st, 1);
		struct report_group_row *row = row_of(out, store_col_text(st, 0));
		if (row)
			row->events = n;
		out->total.events += n;
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	if ((rc = prepare(s, SQL_BY_TYPE, f, &st, e)))
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		struct report_group_row *row = row_of(out, store_col_text(st, 0));
		if (!row)
			continue;
		row->clients = store_col_int(st, 1);
		row->attendances = store_col_int(st, 2);
		row->employers = store_col_int(st, 3);
	}
	store_reset(st);
	if (rc < 0)
		return -rc;
	bool found = false;
	const struct store_param p[] = {STORE_P_INT(f->org_id), STORE_P_TEXT(f->from), STORE_P_TEXT(f->to),
	                                STORE_P_INT(f->programme_id)};
	if ((rc = store_query_first(s, SQL_TOTAL, p, STORE_NPARAMS(p), &st, &found, e)))
		return rc;
	if (found) {
		out->total.clients = store_col_int(st, 0);
		out->total.attendances = store_col_int(st, 1);
		out->total.employers = store_col_int(st, 2);
		store_reset(st);
	}
	return 0;
}

static json_t *row_json(const struct report_group_row *r)
{
	json_t *j = json_pack("{s:I,s:I,s:I,s:I}", "events", (json_int_t)r->events, "clients", (json_int_t)r->clients,
	                      "attendances", (json_int_t)r->attendances, "employers", (json_int_t)r->employers);
	if (j && r->type)
		json_object_set_new(j, "type", json_string(r->type));
	return j;
}

static json_t *groups_json(const struct report_groups *r)
{
	json_t *types = json_array();
	for (size_t i = 0; i < r->ntypes; i++)
		json_array_append_new(types, row_json(&r->type[i]));
	return json_pack("{s:o,s:o,s:o}", "filter", report_filter_json(&r->filter), "types", types, "total",
	                 row_json(&r->total));
}

int report_groups_doc(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	struct report_groups g = {0};
	int rc = report_groups(s, f, &g, e);
	*out = rc ? NULL : groups_json(&g);
	return rc;
}

int report_group_event_counts(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	*out = json_object();
	if (!*out)
		return err_oom(e);
	struct store_stmt *st = NULL;
	int rc = prepare(s, SQL_PER_EVENT, f, &st, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	while ((rc = store_step(st, e)) == STORE_ROW) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)store_col_int(st, 0));
		json_object_set_new(*out, id, json_pack("{s:I,s:I}", "clients", (json_int_t)store_col_int(st, 1),
		                                        "employers", (json_int_t)store_col_int(st, 2)));
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
		return -rc;
	}
	return 0;
}
