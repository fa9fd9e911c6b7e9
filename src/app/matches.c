/* app matches: the match query as a verb (see matches.h). */
#include "app/matches.h"

#include <stdio.h>

#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "match/live.h"

int app_matches(const struct actor *a, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                const char *lang, struct match_result **out, struct err *e)
{
	*out = NULL;
	const struct entity_def *d = entity_get(subject == MATCH_FOR_CLIENT ? ENT_CLIENTS : ENT_VACANCIES);
	int rc = policy_entity_access(a, entity_get(ENT_CLIENTS), ACC_READ, e);
	if (rc || (rc = policy_entity_access(a, d, ACC_READ, e)))
		return rc;
	int64_t orgs[1] = {a->p->org_id};
	struct match_query q = {.orgs = orgs, .norgs = 1, .limit = limit, .flags = flags, .lang = lang};
	if ((rc = match_live_query(a->store, subject, id, &q, a->arena, out, e))) {
		if (rc == ERR_NOT_FOUND)
			snprintf(e->message, sizeof e->message, "no %s with id %lld in your organisation's match index",
			         subject == MATCH_FOR_CLIENT ? "client" : "open vacancy", (long long)id);
		return rc;
	}
	/* Work-capacity checks reach only the client's assigned counsellor (match_item_redact). */
	for (size_t i = 0; i < (*out)->nitems; i++) {
		struct match_item *it = &(*out)->items[i];
		match_item_redact(it, policy_viewer(a, subject == MATCH_FOR_CLIENT ? id : it->id));
	}
	/* Matches are derived from personal data: a client's are audited as a read of that client; a vacancy's name the
	 * clients shown in one entry, which reaches each one's access log (audit_principal_subjects). */
	if (subject == MATCH_FOR_CLIENT) {
		char detail[64];
		snprintf(detail, sizeof detail, "matches=%zu", (*out)->nitems);
		return audit_principal(a->store, a->p, "match", "clients", id, id, detail, e);
	}
	if (!(*out)->nitems)
		return 0;
	int64_t *ids = arena_alloc(a->arena, (*out)->nitems * sizeof *ids);
	if (!ids)
		return err_oom(e);
	for (size_t i = 0; i < (*out)->nitems; i++)
		ids[i] = (*out)->items[i].id;
	return audit_principal_subjects(a->store, a->p, "match", "vacancies", id, "", ids, (*out)->nitems, e);
}
