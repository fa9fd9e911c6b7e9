/* client_links: links between clients of two organisations; see client_links.h. */
#include "app/client_links.h"

#include <string.h>

#include "app/duplicates.h"
#include "app/entity.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "store/client_link_store.h"
#include "store/privacy_store.h"

static int oom(struct err *e)
{
	return err_oom(e);
}

/* Whether the client's newest share_partner consent row gives consent today. */
static int consent_holds(const struct actor *a, int64_t client_id, bool *holds, struct err *e)
{
	char now[21], today[11];
	store_now(now);
	memcpy(today, now, 10);
	today[10] = 0;
	enum privacy_consent c = PRIVACY_CONSENT_NONE;
	int rc = privacy_store_consent_now(a->store, client_id, "share_partner", today, &c, e);
	*holds = !rc && c == PRIVACY_CONSENT_GIVEN;
	return rc;
}

/* The client (read as the actor may: its organisation only, audited) and its candidates now. */
static int candidates(const struct actor *a, int64_t client_id, bool *consent, json_t **items, struct err *e)
{
	json_t *client = NULL, *rows = NULL;
	*items = NULL;
	int rc = app_entity_get(a, entity_get(ENT_CLIENTS), client_id, &client, e);
	if (rc || (rc = consent_holds(a, client_id, consent, e)))
		return rc;
	json_t *out = arena_json(a->arena, json_array());
	if (!(*items = out))
		return oom(e);
	if (!*consent)
		return 0;
	if ((rc = app_duplicates_elsewhere(a, client, &rows, e)))
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		int64_t id = jget_int(row, "id");
		bool holds = false, linked = false;
		if ((rc = consent_holds(a, id, &holds, e)) || (rc = store_link_exists(a->store, client_id, id, &linked, e)))
			return rc;
		if (!holds || linked)
			continue;
		json_t *c = json_pack("{s:I,s:I,s:O,s:O}", "client_id", (json_int_t)id, "organisation_id",
		                      (json_int_t)jget_int(row, "organisation_id"), "organisation",
		                      json_object_get(row, "organisation"), "reasons", json_object_get(row, "reasons"));
		if (!c || json_array_append_new(out, c))
			return oom(e);
	}
	return 0;
}

int app_link_candidates(const struct actor *a, int64_t client_id, json_t **out, struct err *e)
{
	*out = NULL;
	bool consent = false;
	json_t *items = NULL;
	int rc = policy_entity_access(a, entity_get(ENT_CLIENTS), ACC_READ, e);
	if (rc || (rc = candidates(a, client_id, &consent, &items, e)))
		return rc;
	size_t i;
	json_t *c;
	json_array_foreach(items, i, c) /* each told: in both organisations' logs */
		if ((rc = audit_principal(a->store, a->p, "read", "clients", client_id, client_id,
		                          arena_printf(a->arena, "link_candidate client=%lld", (long long)jget_int(c, "client_id")),
		                          e)) ||
		    (rc = app_audit_in_org(a, jget_int(c, "organisation_id"), "read", "clients",
		                           jget_int(c, "client_id"), jget_int(c, "client_id"), "link_candidate", e)))
			return rc;
	if (!(*out = arena_json(a->arena, json_pack("{s:b,s:O}", "consent", consent, "items", items))))
		return oom(e);
	return 0;
}

int app_link_create(const struct actor *a, int64_t client_id, int64_t other_id, json_t **link, struct err *e)
{
	*link = NULL;
	bool consent = false;
	json_t *items = NULL;
	int rc = policy_entity_access(a, entity_get(ENT_CLIENTS), ACC_WRITE, e);
	if (rc || (rc = candidates(a, client_id, &consent, &items, e)))
		return rc;
	if (!consent)
		return err_key(e, ERR_CONFLICT, "client_id", "partner_consent",
		               "the client has no current consent to share with partner organisations (share_partner); "
		               "record the consent first");
	json_t *found = NULL, *c;
	size_t i;
	json_array_foreach(items, i, c)
		if (jget_int(c, "client_id") == other_id)
			found = c;
	if (!found) {
		bool linked = false;
		if ((rc = store_link_exists(a->store, client_id, other_id, &linked, e)))
			return rc;
		if (linked)
			return err_key(e, ERR_CONFLICT, "client_id", "already_linked", "the two records are linked already");
		return err_key(e, ERR_NOT_FOUND, "client_id", "no_link_candidate",
		               "no client %lld of another organisation matches this client with both consents given",
		               (long long)other_id);
	}
	char now[21];
	store_now(now);
	int64_t id = 0, other_org = jget_int(found, "organisation_id");
	if ((rc = store_link_insert(a->store, client_id, a->p->org_id, other_id, other_org, a->p->user_id, now, &id, e))) {
		if (rc == ERR_CONFLICT) /* the same link by a request at the same moment */
			return err_key(e, ERR_CONFLICT, "client_id", "already_linked", "the two records are linked already");
		return rc;
	}
	if ((rc = audit_principal(a->store, a->p, "link", "clients", client_id, client_id,
	                          arena_printf(a->arena, "client_links=%lld organisation=%lld", (long long)id,
	                                       (long long)other_org),
	                          e)) ||
	    (rc = app_audit_in_org(a, other_org, "link", "clients", other_id, other_id,
	                           arena_printf(a->arena, "client_links=%lld", (long long)id), e)))
		return rc;
	if (!(*link = arena_json(a->arena, json_pack("{s:I,s:O,s:I,s:s}", "id", (json_int_t)id, "organisation",
	                                             json_object_get(found, "organisation"), "organisation_id",
	                                             (json_int_t)other_org, "linked_at", now))))
		return oom(e);
	return 0;
}

/* The actor may `need` the client: a client of the actor's own organisation (ERR_NOT_FOUND otherwise). */
static int own_client(const struct actor *a, int64_t client_id, enum access need, struct err *e)
{
	const struct entity_def *d = entity_get(ENT_CLIENTS);
	int rc = policy_entity_access(a, d, need, e);
	int64_t org = 0;
	if (rc || (rc = store_entity_org(a->store, d, client_id, &org, e)))
		return rc == ERR_NOT_FOUND ? err_set(e, ERR_NOT_FOUND, "id", "no client with id %lld", (long long)client_id)
		                           : rc;
	if (org != a->p->org_id)
		return err_set(e, ERR_NOT_FOUND, "id", "no client with id %lld", (long long)client_id);
	return 0;
}

int app_links_of(const struct actor *a, int64_t client_id, json_t **items, struct err *e)
{
	*items = NULL;
	int rc = own_client(a, client_id, ACC_READ, e);
	if (rc)
		return rc;
	json_t *rows = NULL, *out = arena_json(a->arena, json_array());
	if (!out)
		return oom(e);
	bool mine = false;
	if ((rc = consent_holds(a, client_id, &mine, e)) || (mine && (rc = store_links_of(a->store, client_id, &rows, e))))
		return rc;
	arena_json(a->arena, rows);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		bool theirs = false;
		if ((rc = consent_holds(a, jget_int(row, "other_client_id"), &theirs, e)))
			return rc;
		if (!theirs)
			continue;
		json_object_del(row, "other_client_id"); /* nothing of the other record but its organisation */
		if (json_array_append(out, row))
			return oom(e);
	}
	*items = out;
	return 0;
}

int app_link_remove(const struct actor *a, int64_t client_id, int64_t link_id, struct err *e)
{
	json_t *rows = NULL, *found = NULL, *row;
	int rc = own_client(a, client_id, ACC_WRITE, e);
	if (rc || (rc = store_links_of(a->store, client_id, &rows, e)))
		return rc;
	arena_json(a->arena, rows);
	size_t i;
	json_array_foreach(rows, i, row)
		if (jget_int(row, "id") == link_id)
			found = row;
	bool removed = false;
	if (!found || (rc = store_link_delete(a->store, link_id, client_id, &removed, e)) || !removed)
		return rc ? rc : err_set(e, ERR_NOT_FOUND, "link", "the client has no link %lld", (long long)link_id);
	const char *detail = arena_printf(a->arena, "client_links=%lld", (long long)link_id);
	if ((rc = audit_principal(a->store, a->p, "unlink", "clients", client_id, client_id, detail, e)) ||
	    (rc = app_audit_in_org(a, jget_int(found, "organisation_id"), "unlink", "clients",
	                           jget_int(found, "other_client_id"), jget_int(found, "other_client_id"), detail, e)))
		return rc;
	return 0;
}
