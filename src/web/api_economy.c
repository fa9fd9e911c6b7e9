/* api_economy: the economic effect and the clients' feedback (issue 16 items 9 and 8b), a thin adapter over
 * src/app/economy.h and src/report/ (economy.c, feedback.c):
 *   GET /api/v1/economic-parameters[?on=]        the parameters in force for the organisation, with their sources
 *   PUT /api/v1/economic-parameters              the organisation's own values (admin): {"items": [...]}
 *   GET /api/v1/reports/economy?from=&to=&programme_id=   estimated new tax revenue and saved benefit
 *   GET /api/v1/reports/feedback?from=&to=       feedback answers, mean satisfaction and share satisfied
 *   GET|POST /admin/economy                      the parameters on the admin pages (src/web/pages/ui-admin.c)
 * The organisation is always the caller's own. */

#include "app/economy.h"
#include "report/report.h"
#include "web/modules.h"
#include "web/pages/pages.h"

int ui_admin_economy(struct page *pg);      /* src/web/pages/ui-admin.c (ui.h belongs to the pages) */
int ui_admin_economy_save(struct page *pg);

static int params_get(struct web_request *r)
{
	json_t *j = NULL;
	struct err e = {0};
	int rc = app_economy_params(web_actor(r), web_query(r, "on"), &j, &e);
	return rc ? web_fail(r, rc, &e) : web_json(r, 200, j);
}

static int params_put(struct web_request *r)
{
	json_t *body = NULL; /* the request's (released with its arena) */
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	struct err e = {0};
	rc = app_economy_params_set(web_actor(r), body, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return params_get(r);
}

static int economy(struct web_request *r)
{
	static const char *const allowed[] = {"from", "to", "programme_id", NULL};
	return web_report_answer(r, allowed, report_economy_doc);
}

static int feedback(struct web_request *r)
{
	static const char *const allowed[] = {"from", "to", NULL};
	return web_report_answer(r, allowed, report_feedback_doc);
}


#define FIGURES WEB_FIGURE_ROLES
#define ADMIN ROLE_BIT(ROLE_ADMIN)

const struct route api_economy_routes[] = {
	{"GET", "/api/v1/economic-parameters", params_get, NULL, 0, FIGURES,
	 "the parameters of the economic-effect estimate in force for the organisation (?on=YYYY-MM-DD), with sources"},
	{"PUT", "/api/v1/economic-parameters", params_put, NULL, 0, ADMIN,
	 "set the organisation's own parameters: {items: [{key, value, source, valid_from}]}"},
	{"GET", "/api/v1/reports/economy", economy, NULL, 0, FIGURES,
	 "economic effect of the employments starting in the period: new tax revenue and saved benefit (from, to, "
	 "programme_id)"},
	{"GET", "/api/v1/reports/feedback", feedback, NULL, 0, FIGURES,
	 "client feedback in the period: answers, mean satisfaction (1-5) and share satisfied (from, to)"},
	{"GET", "/admin/economy", NULL, ui_admin_economy, RF_HTML, ADMIN, "economic parameters (admin page)"},
	{"POST", "/admin/economy", NULL, ui_admin_economy_save, RF_HTML, ADMIN, "set an economic parameter (form)"},
};
const size_t api_economy_routes_count = sizeof api_economy_routes / sizeof *api_economy_routes;
