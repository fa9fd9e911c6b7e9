/* api_employer_needs: the employers' needs overview (issue 15 item 1; src/report/employer_needs.c).
 *   GET /api/v1/reports/employer-needs?from=&to=&municipality=&sector=   per region and sector, month and kind
 *   GET /api/v1/reports/employer-needs.csv?...&lang=fi|sv|en             the region-and-sector table as CSV
 *   GET /employer-needs                                                  the page: a table and a chart
 *   GET /employer-needs/{id}, POST /employer-needs/{id}/add/employer-need-arrivals   one record and its arrivals
 *   POST /employers/{id}/needs-survey, /employers/{id}/needs-answers/{rid}/accept|dismiss   from the employer's page
 * The needs records themselves are entities (employer-needs, employer-need-arrivals: the generic API). The period
 * defaults to the next twelve months from this month's first day: needs look ahead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "report/report.h"
#include "web/api_export.h"
#include "web/modules.h"
#include "web/pages/ui-employer-needs.h"

/* The period's end: the last day of the month `months` after the month of from (YYYY-MM-DD). */
static void month_end(const char *from, int months, char out[11])
{
	long y = strtol(from, NULL, 10), m = strtol(from + 5, NULL, 10) - 1 + months;
	y += m / 12;
	m = m % 12 + 1;
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int d = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	char t[32];
	snprintf(t, sizeof t, "%04ld-%02ld-%02d", y % 10000, m, d);
	memcpy(out, t, 10);
	out[10] = 0;
}

int web_employer_needs(struct web_request *r, struct report_filter *f, const char **sector, json_t **out)
{
	static const char *const only[] = {"from", "to", "municipality", NULL};
	static const char *const skip[] = {"sector", "done", NULL};
	*out = NULL;
	int rc = web_report_filter(r, only, skip, f, &r->err);
	if (rc)
		return rc;
	if (!web_query(r, "from")) {
		char today[11];
		validate_today(today);
		snprintf(f->from, sizeof f->from, "%.7s-01", today);
	}
	if (!web_query(r, "to"))
		month_end(f->from, 11, f->to);
	*sector = web_query(r, "sector");
	if (*sector && (strlen(*sector) > 100 || !validate_utf8(*sector, strlen(*sector))))
		return web_error(r, ERR_INVALID, "sector", "sector must be text of at most 100 bytes");
	if ((rc = report_employer_needs(r->store, f, *sector, out, &r->err)))
		return rc;
	return 0;
}

/* The overview as figures (web_figures_of); a file is exact too: it counts employers, not persons. */
static int overview_of(struct web_request *r, struct report_filter *f, json_t **out, bool for_funders)
{
	(void)for_funders;
	const char *sector;
	return web_employer_needs(r, f, &sector, out);
}

static int overview(struct web_request *r)
{
	return web_figures_json(r, overview_of);
}

static int overview_csv(struct web_request *r)
{
	return web_figures_csv(r, overview_of, report_employer_needs_csv, "employer-needs.csv");
}


enum {
	H = RF_HTML,
	FIGURES = WEB_FIGURE_ROLES,
	/* who write needs records and send the survey (employer-needs: src/domain/entities.c) */
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
};

const struct route api_employer_needs_routes[] = {
	{"GET", "/api/v1/reports/employer-needs", overview, NULL, 0, FIGURES,
	 "employers' current needs: workers expected per region (municipality) and sector, month and kind, with "
	 "challenges, wanted services and interest in longer-term hiring (from, to, municipality, sector)"},
	{"GET", "/api/v1/reports/employer-needs.csv", overview_csv, NULL, 0, FIGURES,
	 "the employers' needs per region and sector as CSV (?lang=fi|sv|en: for a person, in that language)"},
	{"GET", "/employer-needs", NULL, ui_employer_needs, H, FIGURES, "the employers' needs overview: a table and a chart"},
	{"GET", "/employer-needs/{id}", NULL, ui_employer_need, H, STAFF, "one needs record of an employer with its arrivals"},
	{"POST", "/employer-needs/{id}/add/{entity}", NULL, ui_employer_need_add, H, STAFF, "add the workers expected (form)"},
	{"POST", "/employers/{id}/needs-survey", NULL, ui_employer_needs_survey, H, STAFF,
	 "a link to the employer-needs survey for the employer, shown once with its QR code (form)"},
	{"POST", "/employers/{id}/needs-answers/{rid}/accept", NULL, ui_employer_needs_accept, H, STAFF,
	 "the employer's survey answers become its needs record (form)"},
	{"POST", "/employers/{id}/needs-answers/{rid}/dismiss", NULL, ui_employer_needs_dismiss, H, STAFF,
	 "close the employer's survey answers without a needs record (form)"},
};
const size_t api_employer_needs_routes_count = sizeof api_employer_needs_routes / sizeof *api_employer_needs_routes;
