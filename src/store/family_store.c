/* family_store: the settling-in plan's derivations (see family_store.h). */
#include "store/family_store.h"

#include "store/entity_store.h"
#include "store/store.h"

const struct store_step_plan store_settling_steps = {
    .settle_sql = "UPDATE settling_steps SET done_on = CASE WHEN state = 'done' THEN COALESCE(done_on, ?2) "
                  "ELSE NULL END WHERE id = ?1",
    .log_sql = "INSERT INTO settling_step_changes (organisation_id, family_id, step_id, kind, title, state, "
               "owner_id, due_on, changed_on, created_at, updated_at) "
               "SELECT t.organisation_id, t.family_id, t.id, t.kind, t.title, t.state, t.owner_id, t.due_on, ?2, "
               "?3, ?3 FROM settling_steps t WHERE t.id = ?1 AND NOT EXISTS (SELECT 1 FROM settling_step_changes "
               "c WHERE c.id = (SELECT MAX(m.id) FROM settling_step_changes m WHERE m.step_id = t.id) AND "
               "c.state = t.state AND COALESCE(c.owner_id, 0) = COALESCE(t.owner_id, 0) AND "
               "COALESCE(c.due_on, '') = COALESCE(t.due_on, '') AND COALESCE(c.title, '') = "
               "COALESCE(t.title, ''))",
    .changes_sql = "SELECT id, step_id, kind, title, state, owner_id, due_on, changed_on FROM "
                   "settling_step_changes WHERE family_id = ?1 AND organisation_id = ?2 AND archived_at IS NULL "
                   "ORDER BY changed_on DESC, id DESC",
};
