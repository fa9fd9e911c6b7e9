/* client_link_store: links between clients of two organisations; see client_link_store.h. */
#include "store/client_link_store.h"

int store_link_candidates(struct store *s, int64_t org_id, const struct duplicate_probe *probe, json_t **out,
                          struct err *e)
{
	*out = NULL;
	/* as store_duplicate_candidates, in every organisation but org_id (a missing part of the probe binds NULL), and
	 * only among clients with a share_partner consent row at all (whether it holds now is the caller's question):
	 * the index term is looked up per organisation (search_terms_term starts with organisation_id) */
	static const char sql[] =
	    "SELECT c.id, c.organisation_id, o.name AS organisation, c.first_name, c.last_name, c.birth_year, c.email, "
	    "c.phone, c.archived_at FROM clients c JOIN organisations o ON o.id = c.organisation_id "
	    "WHERE c.organisation_id <> ?1 AND c.id IN (SELECT k.client_id FROM consents k WHERE k.purpose = "
	    "'share_partner') AND ("
	    "(c.birth_year = ?3 AND c.id IN (SELECT t.row_id FROM search_terms t WHERE t.organisation_id IN (SELECT o2.id "
	    "FROM organisations o2 WHERE o2.id <> ?1) AND t.entity = 'clients' AND t.term = ?2 AND "
	    "t.field = 'last_name')) "
	    "OR LOWER(c.email) = ?4 OR c.phone LIKE ?5) "
	    "AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.client_id = c.id AND a.action = 'erase') ORDER BY c.id";
	struct store_param p[DUPLICATE_PROBE_PARAMS];
	store_duplicate_probe_params(org_id, probe, p);
	return store_query_rows(s, sql, p, STORE_NPARAMS(p), 1000, out, e);
}

int store_link_exists(struct store *s, int64_t client_a, int64_t client_b, bool *exists, struct err *e)
{
	int64_t lo = client_a < client_b ? client_a : client_b, hi = client_a < client_b ? client_b : client_a;
	const struct store_param p[] = {STORE_P_INT(lo), STORE_P_INT(hi)};
	return store_exists(s, "SELECT COUNT(*) FROM client_links WHERE client_a = ?1 AND client_b = ?2", p, 2, exists,
	                    e);
}

int store_link_insert(struct store *s, int64_t client_1, int64_t org_1, int64_t client_2, int64_t org_2,
                      int64_t user_id, const char *now, int64_t *id, struct err *e)
{
	bool first_low = client_1 < client_2;
	const struct store_param p[] = {
	    STORE_P_INT(first_low ? client_1 : client_2), STORE_P_INT(first_low ? client_2 : client_1),
	    STORE_P_INT(first_low ? org_1 : org_2),       STORE_P_INT(first_low ? org_2 : org_1),
	    STORE_P_OPT_INT(user_id),                     STORE_P_TEXT(now),
	};
	return store_count(s,
	                   "INSERT INTO client_links (client_a, client_b, organisation_a, organisation_b, linked_by, "
	                   "linked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
	                   p, STORE_NPARAMS(p), id, NULL, e);
}

int store_links_of(struct store *s, int64_t client_id, json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id)};
	return store_query_rows(s,
	                        "SELECT l.id, CASE WHEN l.client_a = ?1 THEN l.client_b ELSE l.client_a END AS "
	                        "other_client_id, o.id AS organisation_id, o.name AS organisation, l.linked_at "
	                        "FROM client_links l JOIN organisations o ON o.id = CASE WHEN l.client_a = ?1 THEN "
	                        "l.organisation_b ELSE l.organisation_a END WHERE l.client_a = ?1 OR l.client_b = ?1 "
	                        "ORDER BY l.id",
	                        p, 1, 1000, out, e);
}

int store_link_delete(struct store *s, int64_t link_id, int64_t client_id, bool *removed, struct err *e)
{
	int64_t n = 0;
	const struct store_param p[] = {STORE_P_INT(link_id), STORE_P_INT(client_id)};
	int rc = store_run(s, "DELETE FROM client_links WHERE id = ?1 AND (client_a = ?2 OR client_b = ?2)", p, 2, &n, e);
	*removed = n > 0;
	return rc;
}
