/* cohort_store: the derivations and reads of recruitment cohorts (see cohort_store.h). */
#include "store/cohort_store.h"

#include "store/entity_store.h"
#include "store/store.h"

const struct store_step_plan store_cohort_steps = {
    .settle_sql = "UPDATE cohort_steps SET done_on = CASE WHEN state IN ('done', 'interrupted') THEN "
                  "COALESCE(done_on, ?2) ELSE NULL END WHERE id = ?1",
    .log_sql = "INSERT INTO cohort_step_changes (organisation_id, member_id, step_id, step, state, planned_on, "
               "done_on, changed_on, created_at, updated_at) "
               "SELECT t.organisation_id, t.member_id, t.id, t.step, t.state, t.planned_on, t.done_on, ?2, ?3, ?3 "
               "FROM cohort_steps t WHERE t.id = ?1 AND NOT EXISTS (SELECT 1 FROM cohort_step_changes c WHERE "
               "c.id = (SELECT MAX(m.id) FROM cohort_step_changes m WHERE m.step_id = t.id) AND c.state = t.state "
               "AND COALESCE(c.planned_on, '') = COALESCE(t.planned_on, '') AND COALESCE(c.done_on, '') = "
               "COALESCE(t.done_on, ''))",
    .changes_sql = "SELECT id, step_id, step, state, planned_on, done_on, changed_on FROM cohort_step_changes "
                   "WHERE member_id = ?1 AND organisation_id = ?2 AND archived_at IS NULL "
                   "ORDER BY changed_on DESC, id DESC",
};

int store_cohort_board_rows(struct store *s, int64_t org_id, int64_t cohort_id, json_t **members, json_t **steps,
                            struct err *e)
{
	*members = *steps = NULL;
	const struct store_param p[] = {STORE_P_INT(cohort_id), STORE_P_INT(org_id)};
	int rc = store_query_rows(s,
	                          "SELECT id, name, client_id FROM cohort_members WHERE cohort_id = ?1 AND "
	                          "organisation_id = ?2 AND archived_at IS NULL ORDER BY name, id",
	                          p, STORE_NPARAMS(p), COHORT_STORE_MAX_MEMBERS, members, e);
	if (rc)
		return rc;
	rc = store_query_rows(s,
	                      "SELECT t.id, t.member_id, t.step, t.state, t.planned_on, t.done_on FROM cohort_steps t JOIN "
	                      "cohort_members m ON m.id = t.member_id WHERE m.cohort_id = ?1 AND m.organisation_id = ?2 AND "
	                      "m.archived_at IS NULL AND t.archived_at IS NULL ORDER BY t.member_id, t.id",
	                      p, STORE_NPARAMS(p), (size_t)COHORT_STORE_MAX_MEMBERS * 8, steps, e);
	if (rc) {
		json_decref(*members);
		*members = NULL;
	}
	return rc;
}
