/* api_methods: figures by service method (issue 16 item 8a), for the same readers as the other figures.
 *   GET /api/v1/reports/methods?from=&to=&programme_id=&target_group=&municipality=   service events and their
 *                                                                                     clients per method (JSON)
 * The figures come from src/report/methods.c; the organisation is always the caller's own. The answer is exact, as
 * the other JSON figures are, except for partial work ability (report_filter_sensitive): small counts hidden. */
#include "report/report.h"
#include "web/modules.h"

/* The figures per method as a document (web_report_doc): exact, but small counts hidden where the filter asks about
 * partial work ability. */
static int per_method(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	return report_methods(s, f, report_filter_sensitive(f) ? report_min_cell() : 0, out, e);
}

static int methods(struct web_request *r)
{
	return web_report_answer(r, NULL, per_method);
}

#define FIGURES WEB_FIGURE_ROLES

const struct route api_methods_routes[] = {
	{"GET", "/api/v1/reports/methods", methods, NULL, 0, FIGURES,
	 "service events and their clients by service method, with those without one (from, to, programme_id, "
	 "target_group, municipality)"},
};
const size_t api_methods_routes_count = sizeof api_methods_routes / sizeof *api_methods_routes;
