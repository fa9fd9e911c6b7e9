/* family: the timeline of a family's settling-in plan (see family.h). */
#include "app/family.h"

#include "app/entity.h"
#include "app/policy.h"
#include "core/jget.h"
#include "store/family_store.h"

int app_family_timeline(const struct actor *a, int64_t family_id, json_t **items, struct err *e)
{
	*items = NULL;
	const struct entity_def *fd = entity_get(ENT_FAMILIES);
	int rc = policy_entity_access(a, fd, ACC_READ, e);
	if (rc)
		return rc;
	json_t *fam = NULL;
	if ((rc = store_entity_get(a->store, fd, policy_scope(a, fd), family_id, &fam, e)))
		return rc;
	int64_t org = jget_int(fam, "organisation_id");
	json_decref(fam);
	return app_step_timeline(a, &store_settling_steps, org, family_id, items, e);
}
