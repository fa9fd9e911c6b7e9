/* followup_store: the rows behind the follow-up due list (see followup_store.h). */
#include "store/followup_store.h"

#include "store/store.h"

int store_followup_rows(struct store *s, int64_t org_id, int64_t counsellor_id, const char *since, json_t **out,
                        struct err *e)
{
	static const char sql[] =
		"SELECT o.id AS outcome_id, o.client_id, c.first_name, c.last_name, o.employer_name, o.starts_on, o.ends_on, "
		"f.months FROM outcomes o JOIN clients c ON c.id = o.client_id "
		"LEFT JOIN outcome_followups f ON f.outcome_id = o.id AND f.archived_at IS NULL "
		"WHERE o.organisation_id = ?1 AND o.type = 'employed' AND o.archived_at IS NULL AND c.archived_at IS NULL "
		"AND (?2 = 0 OR c.counsellor_id = ?2) AND o.starts_on >= ?3 ORDER BY o.starts_on, o.id";
	struct store_param p[] = {STORE_P_INT(org_id), STORE_P_INT(counsellor_id), STORE_P_TEXT(since)};
	return store_query_rows(s, sql, p, STORE_NPARAMS(p), FOLLOWUP_STORE_MAX * 3, out, e);
}
