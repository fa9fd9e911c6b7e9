/* shortlist_store: shortlists and their items (see shortlist_store.h). */
#include "store/shortlist_store.h"

#include <stdio.h>
#include <string.h>

#include "store/entity_store.h"
#include "store/privacy_store.h"

int shortlist_store_create(struct store *s, int64_t org_id, int64_t vacancy_id, int64_t employer_id,
                           int64_t created_by, const char *now, const char *token_hash, const char *expires_at,
                           int64_t *id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(org_id),     STORE_P_INT(vacancy_id),   STORE_P_INT(employer_id),
	                                STORE_P_INT(created_by), STORE_P_TEXT(now),         STORE_P_TEXT(token_hash),
	                                STORE_P_TEXT(expires_at)};
	bool found;
	int rc = store_count(s,
	                     "INSERT INTO shortlists (organisation_id, vacancy_id, employer_id, created_by, sent_at, "
	                     "link_token_hash, link_expires_at, created_at, updated_at) "
	                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5, ?5) RETURNING id",
	                     p, STORE_NPARAMS(p), id, &found, e);
	if (rc)
		return rc;
	return found ? 0 : err_set(e, ERR_INTERNAL, "", "the shortlist was not stored");
}

int shortlist_store_add_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, int position,
                             const char *profile, const char *now, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(shortlist_id), STORE_P_INT(proposal_id), STORE_P_INT(position),
	                                STORE_P_TEXT(profile), STORE_P_TEXT(now)};
	return store_run(s,
	                 "INSERT INTO shortlist_items (shortlist_id, proposal_id, position, profile, created_at) "
	                 "VALUES (?1, ?2, ?3, ?4, ?5)",
	                 p, STORE_NPARAMS(p), NULL, e);
}

int shortlist_store_list(struct store *s, int64_t org_id, int64_t employer_id, int64_t vacancy_id, json_t **items,
                         struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(org_id), STORE_P_INT(employer_id), STORE_P_INT(vacancy_id)};
	return store_query_rows(
		s,
		"SELECT sl.id, sl.vacancy_id, v.title AS vacancy_title, sl.employer_id, em.name AS employer_name, sl.sent_at, "
		"sl.link_expires_at, (SELECT COUNT(*) FROM shortlist_items i WHERE i.shortlist_id = sl.id) AS items, "
		"(SELECT COUNT(*) FROM shortlist_items i JOIN proposals p ON p.id = i.proposal_id "
		" WHERE i.shortlist_id = sl.id AND p.stage = 'sent') AS waiting "
		"FROM shortlists sl JOIN vacancies v ON v.id = sl.vacancy_id JOIN employers em ON em.id = sl.employer_id "
		"WHERE sl.archived_at IS NULL AND (?1 = 0 OR sl.organisation_id = ?1) "
		"AND ((?2 > 0 AND sl.employer_id = ?2) OR (?2 = 0 AND sl.vacancy_id = ?3)) "
		"ORDER BY sl.sent_at DESC, sl.id DESC",
		p, STORE_NPARAMS(p), SHORTLIST_LIST_MAX, items, e);
}

#define GET_SQL                                                                                                    \
	"SELECT sl.id, sl.organisation_id, sl.vacancy_id, sl.employer_id, sl.created_by, sl.sent_at, sl.link_expires_at, " \
	"v.title AS vacancy_title, v.municipality, v.hours_per_week, v.contract_type, em.name AS employer_name "          \
	"FROM shortlists sl JOIN vacancies v ON v.id = sl.vacancy_id JOIN employers em ON em.id = sl.employer_id "     \
	"WHERE sl.archived_at IS NULL AND "

int shortlist_store_get(struct store *s, int64_t id, json_t **row, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id)};
	return store_query_row(s, GET_SQL "sl.id = ?1", p, 1, "shortlist", row, e);
}

int shortlist_store_by_token(struct store *s, const char *token_hash, json_t **row, struct err *e)
{
	const struct store_param p[] = {STORE_P_TEXT(token_hash)};
	return store_query_row(s, GET_SQL "sl.link_token_hash = ?1", p, 1, "shortlist", row, e);
}

int shortlist_store_items(struct store *s, int64_t shortlist_id, json_t **items, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(shortlist_id)};
	return store_query_rows(s,
	                        "SELECT i.proposal_id, i.position, i.profile, p.stage, p.reason, p.identity_revealed, "
	                        "p.client_id FROM shortlist_items i JOIN proposals p ON p.id = i.proposal_id "
	                        "WHERE i.shortlist_id = ?1 AND p.archived_at IS NULL ORDER BY i.position, i.id",
	                        p, 1, SHORTLIST_MAX_ITEMS, items, e);
}

int shortlist_store_has_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, bool *found, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(shortlist_id), STORE_P_INT(proposal_id)};
	return store_exists(s, "SELECT COUNT(*) FROM shortlist_items WHERE shortlist_id = ?1 AND proposal_id = ?2", p,
	                    2, found, e);
}

int shortlist_store_identity(struct store *s, int64_t client_id, json_t **row, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id)};
	return store_query_row(s, "SELECT first_name, last_name, email, phone FROM clients WHERE id = ?1 AND "
	                          "archived_at IS NULL",
	                       p, 1, "client", row, e);
}
