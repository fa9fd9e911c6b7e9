/* followup: the follow-up due list (see followup.h). */
#include "app/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/date.h"
#include "domain/outcome.h"
#include "store/followup_store.h"

static int by_due(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	int c = strcmp(json_string_value(json_object_get(a, "due_on")), json_string_value(json_object_get(b, "due_on")));
	return c ? c : (int)(json_integer_value(json_object_get(a, "outcome_id")) -
	                     json_integer_value(json_object_get(b, "outcome_id")));
}

int app_followups_due(const struct actor *a, const char *today, json_t **items, struct err *e)
{
	*items = NULL;
	const struct entity_def *d = entity_get(ENT_OUTCOME_FOLLOWUPS);
	int rc = policy_entity_access(a, d, ACC_READ, e);
	if (rc)
		return rc;
	char since[11], horizon[11];
	date_add_days(today, -(13 * 31 + 60), since); /* a 12-month check stays on the list two months after it fell due */
	date_add_days(today, FOLLOWUP_AHEAD_DAYS, horizon);
	json_t *rows = NULL;
	int64_t mine = a->p->role == ROLE_COUNSELLOR ? a->p->user_id : 0;
	if ((rc = store_followup_rows(a->store, a->p->org_id, mine, since, &rows, e)))
		return rc;
	json_t *out = json_array();
	size_t n = json_array_size(rows);
	int64_t *ids = NULL; /* the clients listed, for the audit entry */
	size_t nids = 0, ids_cap = 0;
	for (size_t i = 0; i < n;) {
		json_t *first = json_array_get(rows, i);
		int64_t oid = json_integer_value(json_object_get(first, "outcome_id"));
		bool done[13] = {false};
		size_t j = i;
		for (; j < n && json_integer_value(json_object_get(json_array_get(rows, j), "outcome_id")) == oid; j++) {
			json_int_t mo = json_integer_value(json_object_get(json_array_get(rows, j), "months"));
			if (mo > 0 && mo <= 12)
				done[mo] = true;
		}
		i = j;
		const char *starts = json_string_value(json_object_get(first, "starts_on"));
		static const long months[] = {3, 6, 12};
		bool listed = false;
		for (size_t k = 0; k < sizeof months / sizeof *months; k++) {
			char due[11], earliest[11];
			if (done[months[k]] || !outcome_followup_dates(starts, months[k], due, earliest) ||
			    strcmp(due, horizon) > 0)
				continue;
			const char *fn = json_string_value(json_object_get(first, "first_name"));
			const char *ln = json_string_value(json_object_get(first, "last_name"));
			char name[256];
			snprintf(name, sizeof name, "%s %s", fn ? fn : "", ln ? ln : "");
			json_array_append_new(
				out, json_pack("{s:I,s:I,s:s,s:O?,s:s,s:i,s:s,s:s,s:b,s:b}", "outcome_id", (json_int_t)oid, "client_id",
			                   json_integer_value(json_object_get(first, "client_id")), "client_name", name,
			                   "employer_name", json_object_get(first, "employer_name"), "starts_on", starts, "months",
			                   (int)months[k], "due_on", due, "earliest_on", earliest, "overdue",
			                   strcmp(due, today) < 0, "open", strcmp(earliest, today) <= 0));
			listed = true;
		}
		if (listed) {
			if (arena_grow(a->arena, &ids, &ids_cap, nids, sizeof *ids, 64)) {
				json_decref(rows);
				json_decref(out);
				return err_oom(e);
			}
			ids[nids++] = json_integer_value(json_object_get(first, "client_id"));
		}
	}
	json_decref(rows);
	size_t m = json_array_size(out);
	if (m > 1) { /* sort a copy of the references, then rebuild the array in that order */
		json_t **v = arena_alloc(a->arena, m * sizeof *v);
		if (!v) {
			json_decref(out);
			return err_oom(e);
		}
		for (size_t i = 0; i < m; i++)
			v[i] = json_incref(json_array_get(out, i));
		qsort(v, m, sizeof *v, by_due);
		json_array_clear(out);
		for (size_t i = 0; i < m; i++)
			json_array_append_new(out, v[i]);
	}
	if (!(*items = arena_json(a->arena, out)))
		return err_oom(e);
	return m ? audit_principal_subjects(a->store, a->p, "list", "clients", 0, "followups_due ", ids, nids, e) : 0;
}
