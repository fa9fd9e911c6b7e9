/* app privacy: the data subject's rights as verbs (see privacy.h). */
#include "app/privacy.h"

#include <stdio.h>
#include <string.h>

#include "app/policy.h"
#include "app/survey_review.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "core/validate.h"
#include "domain/privacy.h"
#include "store/entity_store.h"

int app_privacy_may_manage(const struct actor *a, struct err *e)
{
	if (!privacy_may_manage(a->p->role))
		return err_set(e, ERR_FORBIDDEN, "", "your role (%s) may not handle data subject requests",
		               role_name(a->p->role));
	return 0;
}

/* The export read from the store with every field the reader may not see removed. */
static int build_export(const struct actor *a, int64_t id, json_t **out, struct err *e)
{
	json_t *x;
	int rc = privacy_store_export(a->store, a->p->org_id, id, &x, e);
	if (rc)
		return rc;
	/* an answer that fills a field the reader may not see goes as the field does */
	if ((rc = survey_review_redact_export(a, id, json_object_get(x, "survey-responses"), e))) {
		json_decref(x);
		return rc;
	}
	policy_redact(a, entity_get(ENT_CLIENTS), json_object_get(x, "client"), json_object_get(x, "client"));
	if (json_is_object(json_object_get(x, "family")))
		policy_redact(a, entity_get(ENT_FAMILIES), json_object_get(x, "family"), json_object_get(x, "family"));
	size_t k;
	json_t *row;
	for (size_t i = 0; i < privacy_rule_count; i++) {
		const struct entity_def *d = entity_find(privacy_rules[i].entity);
		if (d)
			json_array_foreach(json_object_get(x, d->name), k, row) policy_redact(a, d, row, row);
	}
	json_t *client = json_object_get(x, "client");
	bool assigned = policy_row_assigned(a, entity_get(ENT_CLIENTS), jget_int(client, "counsellor_id"), id);
	json_array_foreach(json_object_get(x, "audit"), k, row) policy_redact_audit_entry(a, assigned, row);
	char now[21];
	store_now(now);
	json_object_set_new(x, "format", json_string("osaaja-export-1"));
	json_object_set_new(x, "client_id", json_integer(id));
	json_object_set_new(x, "generated_at", json_string(now));
	*out = x;
	return 0;
}

int app_privacy_export(const struct actor *a, int64_t client_id, const char *format, json_t **out, struct err *e)
{
	*out = NULL;
	json_t *x;
	int rc = app_privacy_may_manage(a, e);
	if (rc || (rc = build_export(a, client_id, &x, e)))
		return rc;
	if ((rc = audit_principal(a->store, a->p, "export", "clients", client_id, client_id, format, e))) {
		json_decref(x);
		return rc;
	}
	*out = x;
	return 0;
}

/* One client's erasure and its audit entry (the caller checked the role). */
static int erase_one(const struct actor *a, int64_t id, const char *reason, struct privacy_counts *c, struct err *e)
{
	char now[21];
	store_now(now);
	int rc = privacy_store_erase(a->store, a->p->org_id, id, now, c, e);
	if (rc)
		return rc;
	char detail[160];
	snprintf(detail, sizeof detail, "reason=%s deleted=%lld scrubbed=%lld withdrawn=%lld", reason,
	         (long long)c->deleted, (long long)c->scrubbed, (long long)c->withdrawn);
	if ((rc = audit_principal(a->store, a->p, "erase", "clients", id, id, detail, e)))
		return rc;
	app_note_change(a, entity_get(ENT_CLIENTS), id); /* the match index drops the client after commit */
	return 0;
}

int app_privacy_erase(const struct actor *a, int64_t client_id, const char *reason, struct privacy_counts *c,
                      struct err *e)
{
	int rc = app_privacy_may_manage(a, e);
	return rc ? rc : erase_one(a, client_id, reason, c, e);
}

int app_privacy_inactive(const struct actor *a, long months, char cutoff[11], json_t **items, struct err *e)
{
	*items = NULL;
	char today[11];
	validate_today(today);
	int rc = app_privacy_may_manage(a, e);
	if (rc || (rc = privacy_retention_cutoff(today, months, cutoff, e)) ||
	    (rc = privacy_store_inactive(a->store, a->p->org_id, cutoff, 1000, items, e)))
		return rc;
	size_t n = json_array_size(*items), i;
	int64_t *ids = arena_alloc(a->arena, (n ? n : 1) * sizeof *ids);
	json_t *row;
	if (!ids)
		rc = err_oom(e);
	else
		json_array_foreach(*items, i, row) ids[i] = json_integer_value(json_object_get(row, "id"));
	if (rc || (rc = audit_principal_subjects(a->store, a->p, "list", "clients", 0, "retention ", ids, n, e))) {
		json_decref(*items);
		*items = NULL;
	}
	return rc;
}

int app_privacy_erase_inactive(const struct actor *a, long months, const int64_t *ids, size_t n, struct err *e)
{
	size_t room = a->changes ? APP_CHANGES_MAX - (size_t)a->changes->n : APP_CHANGES_MAX;
	size_t max = room < PRIVACY_BATCH_MAX ? room : PRIVACY_BATCH_MAX;
	int rc = app_privacy_may_manage(a, e);
	if (rc)
		return rc;
	if (n == 0 || n > max)
		return err_set(e, ERR_INVALID, "client_ids", "client_ids must be a list of 1 to %zu client ids", max);
	char today[11], cutoff[11];
	validate_today(today);
	if ((rc = privacy_retention_cutoff(today, months, cutoff, e)))
		return rc;
	/* Check them all before erasing any: a confirmation covers exactly the reviewed list. */
	for (size_t i = 0; i < n; i++) {
		if (ids[i] <= 0)
			return err_set(e, ERR_INVALID, "client_ids", "client_ids must hold positive whole numbers");
		for (size_t k = 0; k < i; k++)
			if (ids[k] == ids[i])
				return err_set(e, ERR_INVALID, "client_ids", "client %lld is named twice", (long long)ids[i]);
		bool inactive, erased;
		if ((rc = privacy_store_client_inactive(a->store, a->p->org_id, ids[i], cutoff, &inactive, e)) ||
		    (rc = privacy_store_is_erased(a->store, ids[i], &erased, e)))
			return rc;
		if (erased)
			return err_set(e, ERR_CONFLICT, "client_ids", "client %lld has already been erased", (long long)ids[i]);
		if (!inactive)
			return err_set(e, ERR_CONFLICT, "client_ids",
			               "client %lld has had service events or changes since %s; nothing was erased",
			               (long long)ids[i], cutoff);
	}
	for (size_t i = 0; i < n; i++) {
		struct privacy_counts c = {0};
		if ((rc = erase_one(a, ids[i], "retention", &c, e)))
			return rc;
	}
	return 0;
}
