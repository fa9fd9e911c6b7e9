/* policy: role, organisation and field rules, all read from the entity table (src/domain/entities.c). */
#include "app/policy.h"

#include <string.h>

#include "core/jget.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"

bool policy_may(const struct actor *a, const struct entity_def *d, enum access need)
{
	return d->access[a->p->role] >= need;
}

int policy_entity_access(const struct actor *a, const struct entity_def *d, enum access need, struct err *e)
{
	if (policy_may(a, d, need))
		return 0;
	return err_key(e, ERR_FORBIDDEN, "", "role", "your role (%s) may not %s %s", role_name(a->p->role),
	               need == ACC_WRITE ? "change" : "see", d->name);
}

int64_t policy_scope(const struct actor *a, const struct entity_def *d)
{
	return (a->p->role == ROLE_SYSADMIN && d->admin_any_org) ? 0 : a->p->org_id;
}

int policy_get_scoped(const struct actor *a, const struct entity_def *d, int64_t id, const char *field, const char *what,
                      json_t **row, struct err *e)
{
	json_t *r = NULL;
	int rc = id > 0 ? store_entity_get(a->store, d, policy_scope(a, d), id, &r, e) : ERR_NOT_FOUND;
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_NOT_FOUND, field, "no %s with that id in your organisation", what);
	if (rc)
		return rc;
	if (row)
		*row = r;
	else
		json_decref(r);
	return 0;
}

int policy_check_refs(const struct actor *a, const struct entity_def *d, const struct entity_input *in,
                      int64_t *new_org, struct err *e)
{
	int64_t scope = policy_scope(a, d);
	*new_org = a->p->org_id;
	for (size_t i = 0; i < in->n; i++) {
		const struct entity_value *v = &in->v[i];
		if (v->f->type != FT_REF || v->is_null)
			continue;
		const struct entity_def *ref = entity_find(v->f->ref);
		if (!ref)
			return err_set(e, ERR_INTERNAL, v->f->name, "unknown reference");
		int64_t org = 0;
		int rc = store_entity_org(a->store, ref, v->i, &org, e);
		bool usable = !rc && (!scope || org == scope);
		if (!rc && !usable && (v->f->flags & FF_OTHER_ORG)) /* another organisation, by its nature */
			usable = true;
		/* a programme this organisation co-implements: its clients may be in it; a child row of it (a funder, a
		 * co-implementer) is a write of the programme, its own organisation's */
		if (!rc && !usable && ref->shared && !(v->f->flags & FF_PARENT))
			rc = store_entity_shared_with(a->store, ref, v->i, scope, &usable, e);
		if (rc == ERR_NOT_FOUND || (!rc && !usable))
			return err_key(e, ERR_INVALID, v->f->name, "ref", "%s: no %s with id %lld that you can use",
			               v->f->name, ref->name, (long long)v->i);
		if (rc)
			return rc;
		if ((v->f->flags & FF_OTHER_ORG) && org == a->p->org_id)
			return err_key(e, ERR_INVALID, v->f->name, "own_org", "%s must be another organisation than yours",
			               v->f->name);
		if (v->f->flags & FF_PARENT)
			*new_org = org;
		if (strcmp(v->f->name, "organisation_id") == 0)
			*new_org = v->i;
	}
	return 0;
}

bool policy_may_give_value(const struct actor *a, const struct entity_def *d, const struct field_def *f,
                           const char *value)
{
	/* The system-administrator role is given only at the console (osaaja user add). */
	if (d->id == ENT_USERS && strcmp(f->name, "role") == 0 && value && strcmp(value, "sysadmin") == 0)
		return a->p->console;
	return true;
}

int policy_check_account_write(const struct actor *a, const struct entity_def *d, int64_t id, json_t *old,
                               const struct entity_input *in, struct err *e)
{
	if (d->id != ENT_USERS)
		return 0;
	const char *was = old ? json_string_value(json_object_get(old, "role")) : NULL;
	if (was && strcmp(was, "sysadmin") == 0 && a->p->role != ROLE_SYSADMIN && !a->p->console)
		return err_key(e, ERR_FORBIDDEN, "role", "sysadmin_only",
		               "only a system administrator may change this account");
	/* An administrator who archives their own account locks the organisation out of its administration. */
	if (!in && old && id == a->p->user_id && !a->p->console)
		return err_key(e, ERR_FORBIDDEN, NULL, "own_account", "you may not archive your own account");
	for (size_t i = 0; in && i < in->n; i++) {
		if (strcmp(in->v[i].f->name, "role") != 0)
			continue;
		if (old && id == a->p->user_id && !a->p->console)
			return err_key(e, ERR_FORBIDDEN, "role", "own_role", "you may not change your own role");
		if (!in->v[i].is_null && !policy_may_give_value(a, d, in->v[i].f, in->v[i].s))
			return err_key(e, ERR_FORBIDDEN, "role", "sysadmin_cli_only",
			               "the system-administrator role is given only at the console (osaaja user add)");
	}
	return 0;
}

bool policy_is_assigned(const struct actor *a, int64_t client_id)
{
	if (a->p->role != ROLE_COUNSELLOR || !client_id)
		return false;
	int64_t counsellor = 0;
	struct err e = {0};
	return store_client_counsellor(a->store, client_id, &counsellor, &e) == 0 && counsellor == a->p->user_id;
}

enum privacy_viewer policy_viewer(const struct actor *a, int64_t client_id)
{
	if (a->p->role == ROLE_EMPLOYER)
		return PRIVACY_VIEWER_EMPLOYER;
	return policy_is_assigned(a, client_id) ? PRIVACY_VIEWER_ASSIGNED : PRIVACY_VIEWER_STAFF;
}

int64_t policy_client_of(const struct entity_def *d, json_t *row)
{
	if (!d->client_field || !row)
		return 0;
	return jget_int(row, d->client_field);
}

bool policy_redacts(const struct entity_def *d)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].flags & (FF_ASSIGNED_ONLY | FF_COUNSELLOR_ONLY))
			return true;
	return false;
}

bool policy_row_assigned(const struct actor *a, const struct entity_def *d, int64_t counsellor_id,
                         int64_t client_id)
{
	if (a->p->role != ROLE_COUNSELLOR)
		return false;
	if (entity_is_client(d)) /* the row names its counsellor: no look-up */
		return counsellor_id == a->p->user_id;
	return policy_is_assigned(a, client_id);
}

void policy_hidden_fields(const struct actor *a, const struct entity_def *d, bool assigned, bool *hidden)
{
	for (size_t i = 0; i < d->nfields; i++)
		hidden[i] = !entity_field_visible(&d->fields[i], a->p->role, assigned);
}

void policy_redact_audit_entry(const struct actor *a, bool assigned, json_t *entry)
{
	const char *detail = jget_text(entry, "detail");
	const struct entity_def *d = entity_find(jget_text(entry, "entity"));
	if (!d || !detail || strncmp(detail, "fields=", 7) != 0 || !policy_redacts(d))
		return;
	char kept[300];
	size_t len = (size_t)snprintf(kept, sizeof kept, "fields=");
	bool dropped = false, any = false;
	for (const char *p = detail + 7; *p;) {
		size_t n = strcspn(p, ", ");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p);
		const struct field_def *f = entity_field(d, name);
		if (f && !entity_field_visible(f, a->p->role, assigned))
			dropped = true;
		else if (len < sizeof kept) {
			len += (size_t)snprintf(kept + len, sizeof kept - len, "%s%s", any ? "," : "", name);
			any = true;
		}
		p += n;
		if (*p != ',')
			break; /* the list ends (a role change " role=..." follows only on accounts) */
		p++;
	}
	if (dropped)
		json_object_set_new(entry, "detail", json_string(kept));
}

void policy_redact(const struct actor *a, const struct entity_def *d, json_t *row, json_t *decides)
{
	if (!policy_redacts(d))
		return;
	bool assigned = policy_row_assigned(a, d, jget_int(decides, "counsellor_id"), policy_client_of(d, decides));
	for (size_t i = 0; i < d->nfields; i++)
		if (!entity_field_visible(&d->fields[i], a->p->role, assigned))
			json_object_del(row, d->fields[i].name);
}

int policy_check_write_fields(const struct actor *a, const struct entity_def *d, const struct entity_input *in,
                              int64_t client_id, int64_t new_counsellor, struct err *e)
{
	int known = -1;
	for (size_t i = 0; i < in->n; i++) {
		const struct field_def *f = in->v[i].f;
		if (!(f->flags & (FF_ASSIGNED_ONLY | FF_COUNSELLOR_ONLY)))
			continue;
		if (known < 0)
			known = client_id ? policy_is_assigned(a, client_id)
			                  : a->p->role == ROLE_COUNSELLOR && new_counsellor == a->p->user_id;
		if (!entity_field_visible(f, a->p->role, known == 1))
			return err_key(e, ERR_FORBIDDEN, f->name, "assigned_only",
			               "only the client's assigned counsellor may record %s in %s", f->name, d->name);
	}
	return 0;
}

bool policy_consent_given(const struct actor *a, int64_t client_id, const char *purpose)
{
	char today[11];
	validate_today(today);
	enum privacy_consent c = PRIVACY_CONSENT_NONE;
	struct err e = {0};
	return privacy_store_consent_now(a->store, client_id, purpose, today, &c, &e) == 0 && c == PRIVACY_CONSENT_GIVEN;
}
