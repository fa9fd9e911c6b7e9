/* actor: change notes and audit entries in another organisation's log (see actor.h). */
#include "app/actor.h"

#include "auth/audit.h"
#include "core/arena.h"

void app_note_change(const struct actor *a, const struct entity_def *d, int64_t id)
{
	struct app_changes *c = a->changes;
	if (!c || !d)
		return;
	/* The same row twice (a verb that writes it in two steps) is one note. */
	for (int i = 0; i < c->n; i++)
		if (c->v[i].d == d && c->v[i].id == id)
			return;
	if (c->n < APP_CHANGES_MAX) {
		c->v[c->n].d = d;
		c->v[c->n].id = id;
		c->n++;
	}
}

int app_audit_in_org(const struct actor *a, int64_t org_id, const char *action, const char *entity, int64_t entity_id,
                     int64_t client_id, const char *detail, struct err *e)
{
	struct audit_entry m = {
		.user_id = a->p->user_id,
		.org_id = org_id,
		.role = role_name(a->p->role),
		.action = action,
		.entity = entity,
		.entity_id = entity_id,
		.client_id = client_id,
		.detail = arena_printf(a->arena, "%s%sby organisation=%lld", detail ? detail : "", detail ? " " : "",
		                       (long long)a->p->org_id),
	};
	return audit_write(a->store, &m, e);
}
