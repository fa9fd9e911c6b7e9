/* api_groups: group events (info sessions, recruitment fairs, group coaching, employer visits) with their attendance.
 *   GET /api/v1/reports/group-events?from=&to=&programme_id=   figures per event type (src/report/groups.c; JSON)
 *   GET /groups, /groups/new, /groups/{id} and their forms      the staff pages (src/web/pages/ui-groups.c)
 * The events and attendance rows themselves are entities (group-events, group-attendance: the generic API); the
 * pages write them through the same entity verbs. The figures are for staff and exact (counts, no personal data). */
#include "report/report.h"
#include "web/modules.h"
#include "web/pages/ui.h"

static int figures(struct web_request *r)
{
	/* a period and a programme: a client's target group or municipality does not describe an event */
	static const char *const only[] = {"from", "to", "programme_id", NULL};
	return web_report_answer(r, only, report_groups_doc);
}


enum {
	H = RF_HTML,
	/* the roles group-events and group-attendance give write access (src/domain/entities.c) */
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	FIGURES = WEB_FIGURE_ROLES, /* as the other figures */
};

const struct route api_groups_routes[] = {
	{"GET", "/api/v1/reports/group-events", figures, NULL, 0, FIGURES,
	 "group events per type in the period: events held, clients who attended, attendances, employers present "
	 "(from, to, programme_id)"},
	{"GET", "/groups", NULL, ui_groups, H, STAFF, "group events with figures per type (?type=&from=&to=)"},
	{"GET", "/groups/new", NULL, ui_group_new, H, STAFF, "new group event form"},
	{"POST", "/groups/new", NULL, ui_group_create, H, STAFF, "create a group event (form)"},
	{"GET", "/groups/{id}", NULL, ui_group, H, STAFF, "group event page: attendance of clients and employers"},
	{"POST", "/groups/{id}/attendance", NULL, ui_group_attend, H, STAFF, "add a client or an employer (form)"},
	{"POST", "/groups/{id}/attendance/{rid}", NULL, ui_group_mark, H, STAFF, "mark attended yes or no (form)"},
	{"POST", "/groups/{id}/attendance/{rid}/remove", NULL, ui_group_remove, H, STAFF, "remove an attendance row"},
};
const size_t api_groups_routes_count = sizeof api_groups_routes / sizeof *api_groups_routes;
