#include "app/consent.h"

#include <stdio.h>
#include <string.h>

#include "app/partner_referral.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/validate.h"
#include "domain/privacy.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"

int app_consent_written(const struct actor *a, int64_t client_id, struct err *e)
{
	return client_id ? partner_referral_consent_changed(a, client_id, e) : 0;
}

int app_consent_withdraw(const struct actor *a, int64_t client_id, const char *purpose, json_t **out, struct err *e)
{
	*out = NULL;
	const struct entity_def *cd = entity_get(ENT_CONSENTS);
	int rc = policy_entity_access(a, cd, ACC_WRITE, e);
	if (rc || (rc = privacy_purpose_check(purpose, e)))
		return rc;
	char today[11], now[21];
	validate_today(today);
	store_now(now);
	int64_t ids[16];
	size_t n = 0;
	/* the store locks the client row (for update) and answers ERR_NOT_FOUND for another organisation's client: a
	 * read of it here first, under a shared lock, would deadlock two withdrawals at once on PostgreSQL */
	if ((rc = privacy_store_withdraw(a->store, a->p->org_id, client_id, purpose, today, now, ids, 16, &n, e)))
		return rc;
	char detail[96];
	snprintf(detail, sizeof detail, "purpose=%s fields=withdrawn_on", purpose);
	for (size_t i = 0; i < n && i < 16; i++) {
		if ((rc = audit_principal(a->store, a->p, "update", "consents", ids[i], client_id, detail, e)))
			return rc;
		app_note_change(a, cd, ids[i]);
	}
	app_note_change(a, entity_get(ENT_CLIENTS), client_id);
	if ((rc = app_consent_written(a, client_id, e)))
		return rc;
	if (!(*out = arena_json(a->arena, json_pack("{s:I,s:s,s:I,s:s}", "client_id", (json_int_t)client_id, "purpose",
	                                            purpose, "withdrawn", (json_int_t)n, "withdrawn_on", today))))
		return err_oom(e);
	return 0;
}
