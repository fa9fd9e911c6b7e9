/* api_info_point: the international info point (issue 15 item 6).
 *   GET /api/v1/reports/info-point?from=&to=&municipality=   the period's contacts by channel, topic, language,
 *                                                             moving status and referral (src/report/info_point.c)
 *   GET /info-point, /info-point/new, POST /info-point/new   the staff pages (src/web/pages/ui-info-point.c)
 * The contacts themselves are an entity (info-contacts: the generic API). The figures count contacts, not persons,
 * and hold no personal data: exact, for the same readers as the other figures. */
#include "report/report.h"
#include "web/modules.h"
#include "web/pages/ui.h"

static int figures(struct web_request *r)
{
	static const char *const only[] = {"from", "to", "municipality", NULL};
	return web_report_answer(r, only, report_info_point);
}


enum {
	H = RF_HTML,
	/* who may log contacts (info-contacts: src/domain/entities.c) */
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	FIGURES = WEB_FIGURE_ROLES, /* as the other figures */
};

const struct route api_info_point_routes[] = {
	{"GET", "/api/v1/reports/info-point", figures, NULL, 0, FIGURES,
	 "the international info point's contacts in the period by channel, topic, language, moving status and where "
	 "they were referred (from, to, municipality)"},
	{"GET", "/info-point", NULL, ui_info_point, H, FIGURES, "the info point: the period's figures and contacts (?from=&to=)"},
	{"GET", "/info-point/new", NULL, ui_info_point_new, H, STAFF, "log an info-point contact (form)"},
	{"POST", "/info-point/new", NULL, ui_info_point_create, H, STAFF, "log an info-point contact"},
};
const size_t api_info_point_routes_count = sizeof api_info_point_routes / sizeof *api_info_point_routes;
