/* api_families: the timeline of a family's settling-in plan (issue 14), for the staff who may see the family.
 *   GET /api/v1/families/{id}/timeline   each change of a step's state, owner, due date or title, newest first
 * The family, its members and its steps are entities (/api/v1/families, /family-members, /settling-steps); the
 * timeline is written by the steps' writes only, so it has no create or update. */
#include "app/family.h"
#include "web/modules.h"

static int timeline(struct web_request *r)
{
	return web_answer_id_verb(r, app_family_timeline, "items");
}

#define FAMILY_READERS (ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR))

const struct route api_families_routes[] = {
	{"GET", "/api/v1/families/{id}/timeline", timeline, NULL, 0, FAMILY_READERS,
	 "the timeline of a family's settling-in plan: each change of a step's state, owner, due date or title"},
};
const size_t api_families_routes_count = sizeof api_families_routes / sizeof *api_families_routes;
