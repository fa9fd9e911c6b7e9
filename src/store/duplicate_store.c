/* duplicate_store: the candidates of the likely-duplicate check; see duplicate_store.h. */
#include "store/duplicate_store.h"

void store_duplicate_probe_params(int64_t org_id, const struct duplicate_probe *probe,
                                  struct store_param p[DUPLICATE_PROBE_PARAMS])
{
	p[0] = STORE_P_INT(org_id);
	p[1] = probe->last_word && probe->birth_year ? STORE_P_TEXT(probe->last_word) : STORE_P_NULL;
	p[2] = STORE_P_OPT_INT(probe->birth_year);
	p[3] = STORE_P_TEXT(probe->email);
	p[4] = STORE_P_TEXT(probe->phone_like);
}

int store_duplicate_candidates(struct store *s, int64_t org_id, const struct duplicate_probe *probe, json_t **out,
                               struct err *e)
{
	*out = NULL;
	/* the statement's text is fixed: a missing part of the probe binds NULL, which matches nothing */
	static const char all[] =
	    "SELECT c.id, c.first_name, c.last_name, c.birth_year, c.email, c.phone, c.archived_at FROM clients c "
	    "WHERE c.organisation_id = ?1 AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.client_id = c.id AND "
	    "a.action = 'erase') ORDER BY c.id";
	static const char some[] =
	    "SELECT c.id, c.first_name, c.last_name, c.birth_year, c.email, c.phone, c.archived_at FROM clients c "
	    "WHERE c.organisation_id = ?1 AND ("
	    "(c.birth_year = ?3 AND c.id IN (SELECT t.row_id FROM search_terms t WHERE t.organisation_id = ?1 AND "
	    "t.entity = 'clients' AND t.field = 'last_name' AND t.term = ?2)) "
	    "OR LOWER(c.email) = ?4 OR c.phone LIKE ?5) "
	    "AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.client_id = c.id AND a.action = 'erase') ORDER BY c.id";
	if (!probe) {
		const struct store_param p[] = {STORE_P_INT(org_id)};
		return store_query_rows(s, all, p, STORE_NPARAMS(p), DUPLICATE_CANDIDATES_MAX, out, e);
	}
	struct store_param p[DUPLICATE_PROBE_PARAMS];
	store_duplicate_probe_params(org_id, probe, p);
	return store_query_rows(s, some, p, STORE_NPARAMS(p), 1000, out, e);
}
