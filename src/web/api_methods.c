/* api_methods: figures by service method (issue 16 item 8a), for the same readers as the other figures.
 *   GET /api/v1/reports/methods?from=&to=&programme_id=&target_group=&municipality=   service events and their
 *                                                                                     clients per method (JSON)
 * The figures come from src/report/methods.c; the organisation is always the caller's own. The answer is exact, as
 * the other JSON figures are, except for partial work ability (report_filter_sensitive): small counts hidden. */
#include <string.h>

#include "report/report.h"
#include "web/modules.h"

struct scan {
	struct report_filter *f;
	struct err e;
};

static int scan_param(void *ctx, const char *key, const char *value)
{
	struct scan *s = ctx;
	if (strcmp(key, "lang") == 0)
		return 0;
	return report_filter_set(s->f, key, value, false, &s->e) ? -1 : 0;
}

static int methods(struct web_request *r)
{
	struct report_filter f = {0};
	report_filter_init(&f, r->p.org_id);
	struct scan s = {&f, {0}};
	if (web_query_each(r, scan_param, &s) || report_filter_check(&f, &s.e)) {
		r->err = s.e;
		return s.e.code ? (int)s.e.code : ERR_INVALID;
	}
	json_t *out = NULL;
	struct err e = {0};
	int rc = report_methods(r->store, &f, report_filter_sensitive(&f) ? report_min_cell() : 0, &out, &e);
	if (rc) {
		r->err = e;
		return rc;
	}
	return web_json(r, 200, out);
}

#define FIGURES (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR))

const struct route api_methods_routes[] = {
	{"GET", "/api/v1/reports/methods", methods, 0, FIGURES,
	 "service events and their clients by service method, with those without one (from, to, programme_id, "
	 "target_group, municipality)"},
};
const size_t api_methods_routes_count = sizeof api_methods_routes / sizeof *api_methods_routes;
