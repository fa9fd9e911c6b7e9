/* partner_store: referrals across organisations (see partner_store.h). */
#include "store/partner_store.h"

#include <string.h>

#include "store/store.h"

int store_partner_orgs(struct store *s, int64_t own_org, json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(own_org)};
	return store_query_rows(s,
	                        "SELECT id, name, kind, municipality FROM organisations WHERE id <> ?1 AND archived_at IS "
	                        "NULL ORDER BY name, id",
	                        p, STORE_NPARAMS(p), PARTNER_STORE_LIST_MAX, out, e);
}

int store_partner_org_exists(struct store *s, int64_t org_id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(org_id)};
	int64_t n = 0;
	int rc = store_count(s, "SELECT COUNT(*) FROM organisations WHERE id = ?1 AND archived_at IS NULL", p,
	                     STORE_NPARAMS(p), &n, NULL, e);
	if (!rc && n == 0)
		rc = err_set(e, ERR_NOT_FOUND, "partner_organisation_id", "no such organisation");
	return rc;
}

#define OPEN_STATES "('sent', 'accepted', 'started')"

int store_partner_open_exists(struct store *s, int64_t client_id, int64_t partner_org_id, bool *exists,
                              struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id), STORE_P_INT(partner_org_id)};
	return store_exists(s,
	                    "SELECT COUNT(*) FROM partner_referrals WHERE client_id = ?1 AND partner_organisation_id = "
	                    "?2 AND state IN " OPEN_STATES,
	                    p, STORE_NPARAMS(p), exists, e);
}

int store_partner_event(struct store *s, int64_t referral_id, int64_t org_id, int64_t user_id, const char *state,
                        const char *now, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(referral_id), STORE_P_INT(org_id), STORE_P_OPT_INT(user_id),
	                                STORE_P_TEXT(state), STORE_P_TEXT(now)};
	return store_run(s,
	                 "INSERT INTO partner_referral_events (referral_id, organisation_id, user_id, state, outcome, at) "
	                 "SELECT ?1, ?2, ?3, ?4, outcome, ?5 FROM partner_referrals WHERE id = ?1",
	                 p, STORE_NPARAMS(p), NULL, e);
}

int store_partner_insert(struct store *s, const struct partner_store_new *n, int64_t *id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(n->org_id),       STORE_P_INT(n->client_id),
	                                STORE_P_INT(n->partner_org_id), STORE_P_TEXT(n->purpose),
	                                STORE_P_TEXT(n->shared),      n->reason ? STORE_P_TEXT(n->reason) : STORE_P_NULL,
	                                STORE_P_OPT_INT(n->sent_by),  STORE_P_TEXT(n->today),
	                                STORE_P_TEXT(n->now)};
	int rc = store_count(s,
	                           "INSERT INTO partner_referrals (organisation_id, client_id, partner_organisation_id, "
	                           "purpose, shared, reason, state, sent_by, sent_on, created_at, updated_at) VALUES "
	                           "(?1, ?2, ?3, ?4, ?5, ?6, 'sent', ?7, ?8, ?9, ?9) RETURNING id",
	                           p, STORE_NPARAMS(p), id, NULL, e);
	if (rc == ERR_CONFLICT && e->key && strcmp(e->key, "exists") == 0)
		return err_key(e, ERR_CONFLICT, "partner_organisation_id", "referral_open",
		               "the client already has an open referral to this organisation");
	if (rc)
		return rc;
	return store_partner_event(s, *id, n->org_id, n->sent_by, "sent", n->now, e);
}

#define ROW_COLUMNS                                                                                                  \
	"r.id, r.organisation_id, o.name AS organisation_name, r.client_id, r.partner_organisation_id, "                \
	"po.name AS partner_name, r.purpose, r.shared, r.reason, r.state, r.outcome, r.outcome_note, r.sent_by, "       \
	"u.name AS sent_by_name, r.sent_on, r.closed_on, r.version, r.updated_at"
#define ROW_FROM                                                                                                     \
	" FROM partner_referrals r JOIN organisations o ON o.id = r.organisation_id JOIN organisations po ON po.id = "   \
	"r.partner_organisation_id LEFT JOIN users u ON u.id = r.sent_by"

int store_partner_get(struct store *s, int64_t id, json_t **row, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id)};
	return store_query_row(s, "SELECT " ROW_COLUMNS ROW_FROM " WHERE r.id = ?1 AND r.archived_at IS NULL", p,
	                       STORE_NPARAMS(p), "referral", row, e);
}

int store_partner_move(struct store *s, int64_t id, const char *from, const char *to, const char *outcome,
                       const char *note, bool closes, int64_t org_id, int64_t user_id, const char *today,
                       const char *now, bool *moved, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id),
	                                STORE_P_TEXT(from),
	                                STORE_P_TEXT(to),
	                                outcome ? STORE_P_TEXT(outcome) : STORE_P_NULL,
	                                note ? STORE_P_TEXT(note) : STORE_P_NULL,
	                                closes ? STORE_P_TEXT(today) : STORE_P_NULL,
	                                STORE_P_TEXT(now)};
	int64_t changed = 0;
	int rc = store_run(s,
	                   "UPDATE partner_referrals SET state = ?3, outcome = COALESCE(?4, outcome), outcome_note = "
	                   "COALESCE(?5, outcome_note), closed_on = COALESCE(?6, closed_on), updated_at = ?7, version = "
	                   "version + 1 WHERE id = ?1 AND state = ?2 AND archived_at IS NULL",
	                   p, STORE_NPARAMS(p), &changed, e);
	*moved = changed == 1;
	if (rc || !*moved)
		return rc;
	return store_partner_event(s, id, org_id, user_id, to, now, e);
}

int store_partner_events(struct store *s, int64_t id, json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id)};
	return store_query_rows(s,
	                        "SELECT ev.id, ev.state, ev.outcome, ev.at, ev.organisation_id, o.name AS "
	                        "organisation_name, u.name AS user_name FROM partner_referral_events ev JOIN organisations "
	                        "o ON o.id = ev.organisation_id LEFT JOIN users u ON u.id = ev.user_id WHERE "
	                        "ev.referral_id = ?1 ORDER BY ev.id",
	                        p, STORE_NPARAMS(p), PARTNER_STORE_EVENTS_MAX, out, e);
}

int store_partner_list(struct store *s, int64_t org_id, bool incoming, int64_t client_id, const char *state,
                       json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(org_id), STORE_P_INT(client_id),
	                                state ? STORE_P_TEXT(state) : STORE_P_NULL};
	return store_query_rows(s,
	                        incoming ? "SELECT " ROW_COLUMNS ", c.first_name, c.last_name" ROW_FROM
	                                   " JOIN clients c ON c.id = r.client_id WHERE r.partner_organisation_id = ?1 AND "
	                                   "(?2 = 0 OR r.client_id = ?2) AND (CAST(?3 AS TEXT) IS NULL OR r.state = ?3) AND "
	                                   "r.archived_at IS NULL ORDER BY r.sent_on DESC, r.id DESC"
	                                 : "SELECT " ROW_COLUMNS ", c.first_name, c.last_name" ROW_FROM
	                                   " JOIN clients c ON c.id = r.client_id WHERE r.organisation_id = ?1 AND "
	                                   "(?2 = 0 OR r.client_id = ?2) AND (CAST(?3 AS TEXT) IS NULL OR r.state = ?3) AND "
	                                   "r.archived_at IS NULL ORDER BY r.sent_on DESC, r.id DESC",
	                        p, STORE_NPARAMS(p), PARTNER_STORE_LIST_MAX, out, e);
}

int store_partner_open_of_client(struct store *s, int64_t client_id, json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id)};
	return store_query_rows(s,
	                        "SELECT id, organisation_id, partner_organisation_id FROM partner_referrals WHERE "
	                        "client_id = ?1 AND state IN " OPEN_STATES " AND archived_at IS NULL ORDER BY id{{FOR_UPDATE}}",
	                        p, STORE_NPARAMS(p), PARTNER_STORE_LIST_MAX, out, e);
}
