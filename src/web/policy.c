/* policy: role, organisation and field rules, all read from the entity table (src/domain/entities.c). */
#include "web/policy.h"

#include <stdio.h>
#include <string.h>

#include "store/entity_store.h"

int policy_entity_access(struct web_request *r, const struct entity_def *d, enum access need)
{
	if (d->access[r->p.role] >= need)
		return 0;
	return web_error(r, ERR_FORBIDDEN, "", "your role (%s) may not %s %s", role_name(r->p.role),
	                 need == ACC_WRITE ? "change" : "see", d->name);
}

int64_t policy_scope(const struct web_request *r, const struct entity_def *d)
{
	return (r->p.role == ROLE_ADMIN && d->admin_any_org) ? 0 : r->p.org_id;
}

int policy_check_refs(struct web_request *r, const struct entity_def *d, const struct entity_input *in,
                      int64_t *new_org, struct err *e)
{
	int64_t scope = policy_scope(r, d);
	*new_org = r->p.org_id;
	bool org_given = false;
	for (size_t i = 0; i < in->n; i++) {
		const struct entity_value *v = &in->v[i];
		if (v->f->type != FT_REF || v->is_null)
			continue;
		const struct entity_def *ref = entity_find(v->f->ref);
		if (!ref)
			return err_set(e, ERR_INTERNAL, v->f->name, "unknown reference");
		int64_t org = 0;
		int rc = store_entity_org(r->store, ref, v->i, &org, e);
		if (rc == ERR_NOT_FOUND || (!rc && scope && org != scope && !(ref->scope == SCOPE_SELF && org == scope)))
			return err_key(e, ERR_INVALID, v->f->name, "ref", "%s: no %s with id %lld that you can use", v->f->name,
			               ref->name, (long long)v->i);
		if (rc)
			return rc;
		if (v->f->flags & FF_PARENT)
			*new_org = org;
		if (strcmp(v->f->name, "organisation_id") == 0) {
			*new_org = v->i;
			org_given = true;
		}
	}
	(void)org_given;
	return 0;
}

bool policy_is_assigned(struct web_request *r, int64_t client_id)
{
	if (r->p.role != ROLE_COUNSELLOR || !client_id)
		return false;
	int64_t n = 0;
	char cid[24], uid[24];
	snprintf(cid, sizeof cid, "%lld", (long long)client_id);
	snprintf(uid, sizeof uid, "%lld", (long long)r->p.user_id);
	const char *params[] = {cid, uid};
	struct err e = {0};
	if (store_query_int(r->store,
	                    "SELECT COUNT(*) FROM clients WHERE id = CAST(?1 AS INTEGER) AND counsellor_id = "
	                    "CAST(?2 AS INTEGER)",
	                    params, 2, &n, NULL, &e))
		return false;
	return n > 0;
}

enum privacy_viewer policy_viewer(struct web_request *r, int64_t client_id)
{
	if (r->p.role == ROLE_EMPLOYER)
		return PRIVACY_VIEWER_EMPLOYER;
	return policy_is_assigned(r, client_id) ? PRIVACY_VIEWER_ASSIGNED : PRIVACY_VIEWER_STAFF;
}

int64_t policy_client_of(const struct entity_def *d, json_t *row)
{
	if (!d->client_field || !row)
		return 0;
	json_t *v = json_object_get(row, d->client_field);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
}

void policy_redact(struct web_request *r, const struct entity_def *d, json_t *row)
{
	policy_redact_as_of(r, d, row, row);
}

void policy_redact_as_of(struct web_request *r, const struct entity_def *d, json_t *row, json_t *decides)
{
	bool restricted = false;
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].flags & (FF_ASSIGNED_ONLY | FF_COUNSELLOR_ONLY))
			restricted = true;
	if (!restricted)
		return;
	bool assigned = false;
	if (r->p.role == ROLE_COUNSELLOR) {
		if (strcmp(d->name, "clients") == 0) {
			json_t *c = json_object_get(decides, "counsellor_id");
			assigned = json_is_integer(c) && json_integer_value(c) == r->p.user_id;
		} else {
			assigned = policy_is_assigned(r, policy_client_of(d, decides));
		}
	}
	for (size_t i = 0; i < d->nfields; i++)
		if (!entity_field_visible(&d->fields[i], r->p.role, assigned))
			json_object_del(row, d->fields[i].name);
}

int policy_check_write_fields(struct web_request *r, const struct entity_def *d, const struct entity_input *in,
                              int64_t client_id, struct err *e)
{
	int known = -1;
	for (size_t i = 0; i < in->n; i++) {
		const struct field_def *f = in->v[i].f;
		if (!(f->flags & (FF_ASSIGNED_ONLY | FF_COUNSELLOR_ONLY)))
			continue;
		if (known < 0)
			known = policy_is_assigned(r, client_id);
		if (!entity_field_visible(f, r->p.role, known == 1))
			return err_key(e, ERR_FORBIDDEN, f->name, "assigned_only",
			               "only the client's assigned counsellor may record %s in %s", f->name, d->name);
	}
	return 0;
}
