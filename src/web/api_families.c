/* api_families: the timeline of a family's settling-in plan (issue 14), for the staff who may see the family.
 *   GET /api/v1/families/{id}/timeline   each change of a step's state, owner, due date or title, newest first
 * The family, its members and its steps are entities (/api/v1/families, /family-members, /settling-steps); the
 * timeline is written by the steps' writes only, so it has no create or update. */
#include "app/family.h"
#include "web/modules.h"

static int timeline(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *items = NULL;
	struct err e = {0};
	int rc = app_family_timeline(web_actor(r), id, &items, &e);
	if (rc) {
		r->err = e;
		return rc;
	}
	return web_json(r, 200, json_pack("{s:O}", "items", items));
}

#define FAMILY_READERS (ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR))

const struct route api_families_routes[] = {
	{"GET", "/api/v1/families/{id}/timeline", timeline, 0, FAMILY_READERS,
	 "the timeline of a family's settling-in plan: each change of a step's state, owner, due date or title"},
};
const size_t api_families_routes_count = sizeof api_families_routes / sizeof *api_families_routes;
