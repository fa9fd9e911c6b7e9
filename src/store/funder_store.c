/* funder_store: the sum of a programme's funders' shares (see funder_store.h). */
#include "store/funder_store.h"

#include "store/store.h"

int store_programme_share_sum(struct store *s, int64_t programme_id, int64_t except_id, double *sum, struct err *e)
{
	static const char sql[] = "SELECT COALESCE(SUM(share_pct), 0.0) FROM programme_funders WHERE programme_id = ?1 "
	                          "AND archived_at IS NULL AND id <> ?2";
	struct store_param p[] = {STORE_P_INT(programme_id), STORE_P_INT(except_id)};
	struct store_stmt *st = NULL;
	bool found = false;
	*sum = 0;
	int rc = store_query_first(s, sql, p, STORE_NPARAMS(p), &st, &found, e);
	if (rc || !found)
		return rc;
	*sum = store_col_real(st, 0);
	store_reset(st);
	return 0;
}
