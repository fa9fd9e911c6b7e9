/* api_cohorts: international recruitment cohorts (issue 15 item 7).
 *   GET  /api/v1/cohorts/{id}/board              the board: a column per step, a card per member, the figures
 *   POST /api/v1/cohort-members/{id}/move        {"step", "on"}: move a member to a step (src/app/cohort.c)
 *   GET  /api/v1/cohort-members/{id}/timeline    each change of a member's steps, newest first
 *   GET  /cohorts, /cohorts/{id}                 the pages (src/web/pages/ui-cohorts.c)
 *   POST /cohorts/{id}/members/{mid}/move        the board's move form
 * Cohorts, members and steps are entities (/api/v1/cohorts, /cohort-members, /cohort-steps). Counsellors and
 * coordinators write, managers read; employers have no access. */
#include <string.h>

#include "app/cohort.h"
#include "core/jget.h"
#include "web/modules.h"
#include "web/pages/ui.h"

static int board_named(const struct actor *a, int64_t id, json_t **out, struct err *e)
{
	return app_cohort_board(a, id, true, out, e);
}

static int board(struct web_request *r)
{
	return web_answer_id_verb(r, board_named, NULL);
}

static int move(struct web_request *r)
{
	static const struct web_field fields[] = {{"step", JSON_STRING, true}, {"on", JSON_STRING, false}};
	int64_t id;
	json_t *body;
	int rc = web_path_id_body(r, &id, &body, fields, 2);
	if (rc)
		return rc;
	json_t *steps = NULL;
	struct err e = {0};
	rc = app_cohort_move(web_actor(r), id, jget_text(body, "step"), jget_text(body, "on"), &steps, &e);
	return web_answer(r, rc, &e, 200, steps, "items");
}

static int timeline(struct web_request *r)
{
	return web_answer_id_verb(r, app_cohort_timeline, "items");
}


enum {
	H = RF_HTML,
	/* cohorts (src/domain/entities.c): counsellors and coordinators write, managers read */
	WRITERS = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	READERS = WRITERS | ROLE_BIT(ROLE_MANAGER),
};

const struct route api_cohorts_routes[] = {
	{"GET", "/api/v1/cohorts/{id}/board", board, NULL, 0, READERS,
	 "a recruitment cohort's board: a column per step with a card per member (the current step's state and days), "
	 "the members per column and the cohort's figures (members, reached arrival, still employed after 6 months)"},
	{"POST", "/api/v1/cohort-members/{id}/move", move, NULL, 0, WRITERS,
	 "move a cohort member to a step (step, on): the earlier open steps become done on that day, the step in "
	 "progress"},
	{"GET", "/api/v1/cohort-members/{id}/timeline", timeline, NULL, 0, READERS,
	 "the timeline of a cohort member: each change of a step's state, planned day or done day, newest first"},
	{"GET", "/cohorts", NULL, ui_cohorts, H, READERS, "the recruitment cohorts with their figures"},
	{"GET", "/cohorts/{id}", NULL, ui_cohort_board, H, READERS, "a recruitment cohort's board"},
	{"POST", "/cohorts/{id}/members/{mid}/move", NULL, ui_cohort_move, H, WRITERS, "move a cohort member to a step (form)"},
	{"POST", "/cohorts", NULL, ui_cohort_create, H, WRITERS, "create a recruitment cohort (form)"},
	{"POST", "/cohorts/{id}/add/cohort-members", NULL, ui_cohort_member_add, H, WRITERS,
	 "add a person to a cohort (form)"},
};
const size_t api_cohorts_routes_count = sizeof api_cohorts_routes / sizeof *api_cohorts_routes;
