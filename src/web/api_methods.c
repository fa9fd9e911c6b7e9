/* api_methods: figures by service method (issue 16 item 8a), for the same readers as the other figures.
 *   GET /api/v1/reports/methods?from=&to=&programme_id=&target_group=&municipality=   service events and their
 *                                                                                     clients per method (JSON)
 * The figures come from src/report/methods.c; the organisation is always the caller's own. The answer is exact, as
 * the other JSON figures are, except for partial work ability (report_filter_sensitive): small counts hidden. */
#include "report/report.h"
#include "web/modules.h"

static int methods(struct web_request *r)
{
	struct report_filter f = {0};
	int rc = web_report_filter(r, NULL, NULL, &f, &r->err);
	if (rc)
		return rc;
	json_t *out = NULL;
	if ((rc = report_methods(r->store, &f, report_filter_sensitive(&f) ? report_min_cell() : 0, &out, &r->err)))
		return rc;
	return web_json(r, 200, out);
}

#define FIGURES WEB_FIGURE_ROLES

const struct route api_methods_routes[] = {
	{"GET", "/api/v1/reports/methods", methods, 0, FIGURES,
	 "service events and their clients by service method, with those without one (from, to, programme_id, "
	 "target_group, municipality)"},
};
const size_t api_methods_routes_count = sizeof api_methods_routes / sizeof *api_methods_routes;
