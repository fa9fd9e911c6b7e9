/* api_reports: programme figures for managers and staff (never personal data), exports, and the ui_reports_route page.
 *   GET /api/v1/reports/indicators?programme_id=&target_group=&municipality=&from=&to=   every indicator (JSON)
 *   GET /api/v1/reports/crosstab?rows=DIM&cols=DIM&measure=outcomes|new_clients&...       two-way table (JSON)
 *   GET /api/v1/reports/export.csv | export.xlsx                                          indicators for funders
 *   GET /api/v1/reports/crosstab.csv?rows=&cols=&measure=&...                             two-way table for funders
 *   GET /api/v1/reports/esf | esf.csv   the ESF+ common indicators by gender (JSON; CSV for the managing authority)
 *   GET /api/v1/reports/settling        families' settling-in plans and how many are still in the region (JSON)
 *   GET /api/v1/reports/settling.csv    the same for a funder, small counts hidden (CSV)
 *   GET /api/v1/reports/clients.csv     pseudonymised client-level table for evaluators (admin; audited 'export')
 *   GET /reports                        the figures page (src/web/pages/ui-reports.c) in the staff layout
 * Every figure comes from src/report/ (one query path); the organisation is always the caller's own. What is meant
 * for funders (export.*, crosstab.csv) hides small counts (report_min_cell()); the JSON and the page stay exact,
 * except figures about partial work ability, hidden for every reader (report_filter_sensitive()). */
#include <stdio.h>
#include <string.h>

#include "app/reports.h"
#include "domain/labels.h"
#include "report/report.h"
#include "web/api_export.h"
#include "web/modules.h"
#include "web/pages/pages.h"

int ui_reports(struct page *pg); /* src/web/pages/ui-reports.c (declared here: ui.h belongs to the pages) */
int ui_survey_summary(struct page *pg); /* src/web/pages/ui-survey-summary.c */

struct scan {
	struct report_filter *f;
	const char *const *only, *const *skip;
	struct err e;
};

static int scan_param(void *ctx, const char *key, const char *value)
{
	struct scan *s = ctx;
	return report_filter_param(s->f, s->only, s->skip, key, value, &s->e) ? -1 : 0;
}

int web_report_filter(struct web_request *r, const char *const *only, const char *const *skip, struct report_filter *f,
                      struct err *e)
{
	report_filter_init(f, r->p.org_id);
	struct scan s = {f, only, skip, {0}};
	if (web_query_each(r, scan_param, &s) || report_filter_check(f, &s.e) ||
	    report_filter_access(r->store, f, &s.e)) {
		*e = s.e;
		return e->code ? (int)e->code : ERR_INVALID;
	}
	return 0;
}

int web_report_answer(struct web_request *r, const char *const *only, web_report_doc doc)
{
	struct report_filter f = {0};
	json_t *out = NULL;
	int rc = web_report_filter(r, only, NULL, &f, &r->err);
	if (rc || (rc = doc(r->store, &f, &out, &r->err)))
		return rc;
	return web_json(r, 200, out);
}

/* The filter from the query string (a crosstab's own parameters skipped); the error goes to r->err. */
static int filter_of(struct web_request *r, struct report_filter *f, bool crosstab)
{
	static const char *const crosstab_params[] = {"rows", "cols", "measure", NULL};
	return web_report_filter(r, NULL, crosstab ? crosstab_params : NULL, f, &r->err);
}

/* The figures kept in their report's own struct, for their JSON and their files: the indicators and the ESF+ common
 * indicators. figures_of fills the kind's member only. */
enum figures_kind { FIGURES_INDICATORS, FIGURES_ESF };
struct figures {
	struct report_indicators ind;
	struct report_esf esf;
};

/* The figures of kind the query's filter asks for; for_funders hides every small count (report_min_cell()), else
 * only those about partial work ability (report_filter_sensitive(); for the ESF+ indicators, report_esf_suppress). */
static int figures_of(struct web_request *r, enum figures_kind kind, struct report_filter *f, struct figures *x,
                      bool for_funders)
{
	int rc = filter_of(r, f, false);
	if (rc)
		return rc;
	struct err e = {0};
	if (kind == FIGURES_ESF) {
		if ((rc = report_esf(r->store, f, &x->esf, &e)))
			return web_fail(r, rc, &e);
		report_esf_suppress(&x->esf, report_min_cell(), for_funders);
		return 0;
	}
	if ((rc = report_indicators(r->store, f, &x->ind, &e)))
		return web_fail(r, rc, &e);
	if (for_funders || report_filter_sensitive(f)) /* partial work ability: for every reader */
		report_indicators_suppress(&x->ind, report_min_cell());
	return 0;
}

/* The JSON route of such figures: figures_of(..., false) answered as 200. */
static int figures_json(struct web_request *r, enum figures_kind kind)
{
	struct report_filter f = {0};
	struct figures x = {0};
	int rc = figures_of(r, kind, &f, &x, false);
	if (rc)
		return rc;
	return web_json(r, 200, kind == FIGURES_ESF ? report_esf_json(&x.esf) : report_indicators_json(&x.ind));
}

static int indicators(struct web_request *r)
{
	return figures_json(r, FIGURES_INDICATORS);
}

/* The cross-tabulation the query asks for; *out is the caller's to free. */
static int crosstab_of(struct web_request *r, struct report_filter *f, struct report_crosstab **out)
{
	int rc = filter_of(r, f, true);
	if (rc)
		return rc;
	enum report_dim rows, cols;
	enum report_measure m = RM_OUTCOMES;
	const char *rs = web_query(r, "rows"), *cs = web_query(r, "cols"), *ms = web_query(r, "measure");
	if (report_dim_parse(rs, &rows))
		return web_error(r, ERR_INVALID, "rows", "rows must be one of programme, target_group, municipality, "
		                                         "organisation, month, outcome_type, own_field, contract_type");
	if (report_dim_parse(cs, &cols))
		return web_error(r, ERR_INVALID, "cols", "cols must be one of programme, target_group, municipality, "
		                                         "organisation, month, outcome_type, own_field, contract_type");
	if (ms && report_measure_parse(ms, &m))
		return web_error(r, ERR_INVALID, "measure", "measure must be outcomes or new_clients");
	struct err e = {0};
	if ((rc = report_crosstab(r->store, f, rows, cols, m, out, &e)))
		return web_fail(r, rc, &e);
	return 0;
}

static int crosstab(struct web_request *r)
{
	struct report_filter f = {0};
	struct report_crosstab *x;
	int rc = crosstab_of(r, &f, &x);
	if (rc)
		return rc;
	struct err e = {0};
	/* a table about partial work ability hides small counts for staff too */
	if (report_crosstab_sensitive(x, &f) && (rc = report_crosstab_suppress(x, report_min_cell(), &e))) {
		report_crosstab_free(x);
		return web_fail(r, rc, &e);
	}
	json_t *j = report_crosstab_json(x);
	report_crosstab_free(x);
	json_object_set_new(j, "filter", report_filter_json(&f));
	return web_json(r, 200, j);
}

static void attachment(struct web_request *r, const char *type, const char *name, const struct report_filter *f)
{
	char cd[160];
	r->status = 200;
	r->content_type = type;
	snprintf(cd, sizeof cd, "attachment; filename=\"osaaja-%s-%s-%s\"", f->from, f->to, name);
	web_add_header(r, "Content-Disposition", cd);
}

int web_csv_attachment(struct web_request *r, const char *name, const struct report_filter *f)
{
	attachment(r, "text/csv; charset=utf-8", name, f);
	return r->out.failed ? web_error(r, ERR_TOO_BIG, "", "the export is too large") : 0;
}

static const char *export_text(void *ctx, const char *key)
{
	return pages_text(*(const enum page_lang *)ctx, key);
}

int web_export_lang_of(struct web_request *r, struct web_export_lang *x)
{
	static const char *const codes[LANG_COUNT] = {"fi", "sv", "en"};
	const char *l = web_query(r, "lang");
	x->use = NULL;
	if (!l)
		return 0;
	for (int i = 0; i < LANG_COUNT; i++)
		if (strcmp(l, codes[i]) == 0) {
			x->lang = (enum page_lang)i;
			if (report_locale_init(&x->loc, codes[i], export_text, &x->lang))
				x->use = &x->loc;
			return 0;
		}
	return web_error(r, ERR_INVALID, "lang", "lang must be fi, sv or en");
}

int web_figures_json(struct web_request *r, web_figures_of of)
{
	struct report_filter f = {0};
	json_t *j = NULL;
	int rc = of(r, &f, &j, false);
	return rc ? rc : web_json(r, 200, j);
}

int web_figures_csv(struct web_request *r, web_figures_of of, web_figures_csv_writer csv, const char *name)
{
	struct report_filter f = {0};
	json_t *j = NULL;
	struct web_export_lang xl = {0};
	int rc = web_export_lang_of(r, &xl);
	if (!rc)
		rc = of(r, &f, &j, true);
	if (rc)
		return rc;
	r->out.len = 0;
	csv(j, xl.use, &r->out);
	json_decref(j);
	return web_csv_attachment(r, name, &f);
}

/* Such figures as a file in the language of ?lang, every small count hidden: the indicators as CSV or (xlsx) an XLSX
 * workbook, the ESF+ common indicators as CSV in the managing authority's layout. */
static int figures_file(struct web_request *r, enum figures_kind kind, bool xlsx)
{
	struct report_filter f = {0};
	struct figures x = {0};
	struct web_export_lang xl = {0};
	int rc = web_export_lang_of(r, &xl);
	if (!rc)
		rc = figures_of(r, kind, &f, &x, true);
	if (rc)
		return rc;
	r->out.len = 0;
	if (kind == FIGURES_ESF) {
		report_esf_csv(&x.esf, xl.use, &r->out);
		return web_csv_attachment(r, "esf.csv", &f);
	}
	if (!xlsx) {
		report_indicators_csv(&x.ind, xl.use, &r->out);
		return web_csv_attachment(r, "indicators.csv", &f);
	}
	struct err e = {0};
	if ((rc = report_export_xlsx(r->store, &x.ind, xl.use, &r->out, &e)))
		return web_fail(r, rc, &e);
	attachment(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "indicators.xlsx", &f);
	return 0;
}

static int export_csv(struct web_request *r)
{
	return figures_file(r, FIGURES_INDICATORS, false);
}

static int export_xlsx(struct web_request *r)
{
	return figures_file(r, FIGURES_INDICATORS, true);
}

static int crosstab_csv(struct web_request *r)
{
	struct report_filter f = {0};
	struct report_crosstab *x;
	struct web_export_lang xl = {0};
	int rc = web_export_lang_of(r, &xl);
	if (!rc)
		rc = crosstab_of(r, &f, &x);
	if (rc)
		return rc;
	struct err e = {0};
	if ((rc = report_crosstab_suppress(x, report_min_cell(), &e))) {
		report_crosstab_free(x);
		return web_fail(r, rc, &e);
	}
	r->out.len = 0;
	report_crosstab_csv(x, xl.use, &r->out);
	report_crosstab_free(x);
	return web_csv_attachment(r, "crosstab.csv", &f);
}

static int clients_csv(struct web_request *r)
{
	struct report_filter f = {0};
	struct web_export_lang xl = {0};
	int rc = web_export_lang_of(r, &xl);
	if (!rc)
		rc = filter_of(r, &f, false);
	if (rc)
		return rc;
	struct err e = {0};
	r->out.len = 0;
	if ((rc = app_report_clients_csv(web_actor(r), &f, xl.use, &r->out, &e)))
		return web_fail(r, rc, &e);
	attachment(r, "text/csv; charset=utf-8", "clients.csv", &f);
	return 0;
}

/* Answers that are codes read as words of lang: languages and countries by name, yes and no in the staff languages
 * (the option texts already come from the survey in lang). */
static void summary_words(json_t *sum, const char *lang)
{
	static const char *const codes[LANG_COUNT] = {"fi", "sv", "en"};
	int staff = -1;
	for (int i = 0; i < LANG_COUNT; i++)
		if (strcmp(lang, codes[i]) == 0)
			staff = i;
	size_t qi, vi;
	json_t *q, *v;
	json_array_foreach(json_object_get(sum, "questions"), qi, q) {
		const char *type = json_string_value(json_object_get(q, "type"));
		bool language = type && (!strcmp(type, "language") || !strcmp(type, "cefr"));
		bool country = type && !strcmp(type, "country"), yesno = type && !strcmp(type, "yesno");
		json_array_foreach(json_object_get(q, "values"), vi, v) {
			const char *code = json_string_value(json_object_get(v, "value"));
			if (!code)
				continue;
			char name[128];
			const char *known = language ? labels_name(LABEL_LANGUAGE, code, lang) : NULL;
			if (known) {
				json_object_set_new(v, "text", json_string(known));
			} else if (language || country) {
				char loc[8];
				snprintf(loc, sizeof loc, "und_%.2s", code);
				page_icu_name(country ? loc : code, country, lang, code, name, sizeof name);
				json_object_set_new(v, "text", json_string(name));
			} else if (yesno && staff >= 0 && (!strcmp(code, "yes") || !strcmp(code, "no"))) {
				snprintf(name, sizeof name, "v.%s", code);
				json_object_set_new(v, "text", json_string(pages_text((enum page_lang)staff, name)));
			}
		}
	}
}

/* The survey summary of ?survey= (a slug) for the query's period and programme, by ?by= (none, lang, nationality,
 * role), texts in ?lang= (else the user's language); for_funders hides small counts. */
int web_survey_summary(struct web_request *r, int min_cell, json_t **out)
{
	static const char *const only[] = {"from", "to", "programme_id", NULL};
	static const char *const skip[] = {"survey", "by", "lang", NULL};
	struct report_filter f = {0};
	int rc = web_report_filter(r, only, skip, &f, &r->err);
	if (rc)
		return rc;
	const char *slug = web_query(r, "survey"), *by = web_query(r, "by"), *lang = web_query(r, "lang");
	if (!slug || !*slug)
		return web_error(r, ERR_INVALID, "survey", "name the survey (survey=seasonal-worker, for example)");
	struct err e = {0};
	if ((rc = report_survey_summary(r->store, &f, slug, by && *by ? by : "none", lang && *lang ? lang : r->p.lang,
	                                min_cell, out, &e)))
		return web_fail(r, rc, &e);
	summary_words(*out, lang && *lang ? lang : r->p.lang);
	return 0;
}

/* The survey summary as figures (web_figures_of); f holds only the period, the summary's own, for a file's name. */
static int summary_of(struct web_request *r, struct report_filter *f, json_t **j, bool for_funders)
{
	int rc = web_survey_summary(r, for_funders ? report_min_cell() : 0, j);
	if (rc)
		return rc;
	report_filter_init(f, r->p.org_id);
	const char *from = json_string_value(json_object_get(json_object_get(*j, "filter"), "from"));
	const char *to = json_string_value(json_object_get(json_object_get(*j, "filter"), "to"));
	snprintf(f->from, sizeof f->from, "%s", from ? from : "");
	snprintf(f->to, sizeof f->to, "%s", to ? to : "");
	return 0;
}

static int survey_summary(struct web_request *r)
{
	return web_figures_json(r, summary_of);
}

static int survey_summary_csv(struct web_request *r)
{
	return web_figures_csv(r, summary_of, report_survey_summary_csv, "survey-summary.csv");
}

static int esf(struct web_request *r)
{
	return figures_json(r, FIGURES_ESF);
}

static int esf_csv(struct web_request *r)
{
	return figures_file(r, FIGURES_ESF, false);
}

/* Families and settling in for the filter: how far the plans are, and the families still in the region after 6 and
 * 12 months; for_funders hides small counts (report_settling_suppress). *j is the caller's. */
static int settling_of(struct web_request *r, struct report_filter *f, json_t **j, bool for_funders)
{
	int rc = filter_of(r, f, false);
	if (rc)
		return rc;
	struct err e = {0};
	if ((rc = report_settling(r->store, f, j, &e)))
		return web_fail(r, rc, &e);
	if (for_funders)
		report_settling_suppress(*j, report_min_cell());
	return 0;
}

static int settling(struct web_request *r)
{
	return web_figures_json(r, settling_of);
}

/* The settling figures for a funder: small counts hidden, no per-family rows. */
static int settling_csv(struct web_request *r)
{
	return web_figures_csv(r, settling_of, report_settling_csv, "settling.csv");
}


#define FIGURES WEB_FIGURE_ROLES

const struct route api_reports_routes[] = {
	{"GET", "/api/v1/reports/indicators", indicators, NULL, 0, FIGURES,
	 "programme indicators (programme_id, target_group, municipality, from, to)"},
	{"GET", "/api/v1/reports/crosstab", crosstab, NULL, 0, FIGURES,
	 "cross-tabulation of two dimensions (rows, cols, measure) with the same filters"},
	{"GET", "/api/v1/reports/export.csv", export_csv, NULL, 0, FIGURES, "indicators as CSV (small counts shown as <k; ?lang=fi|sv|en: for a person, in that language)"},
	{"GET", "/api/v1/reports/export.xlsx", export_xlsx, NULL, 0, FIGURES,
	 "indicators and tables as an XLSX workbook (small counts shown as <k; ?lang=fi|sv|en)"},
	{"GET", "/api/v1/reports/crosstab.csv", crosstab_csv, NULL, 0, FIGURES,
	 "cross-tabulation as CSV for funders (small counts shown as <k, with secondary suppression; ?lang=fi|sv|en)"},
	{"GET", "/api/v1/reports/esf", esf, NULL, 0, FIGURES,
	 "the ESF+ common indicators: participants who entered by their characteristics, leavers by their results, by gender"},
	{"GET", "/api/v1/reports/esf.csv", esf_csv, NULL, 0, FIGURES,
	 "the ESF+ common indicators in the managing authority's layout (small counts shown as <k; ?lang=fi|sv|en)"},
	{"GET", "/api/v1/reports/survey-summary", survey_summary, NULL, 0, FIGURES,
	 "what the answers to a survey say: counts and shares per answer, by language, nationality, role or respondent "
	 "(worker, spouse), and the free "
	 "texts (survey, from, to, programme_id, by, lang)"},
	{"GET", "/api/v1/reports/survey-summary.csv", survey_summary_csv, NULL, 0, FIGURES,
	 "the survey summary as CSV for a funder (small counts shown as <k; ?lang=fi|sv|en)"},
	{"GET", "/api/v1/reports/settling", settling, NULL, 0, FIGURES,
	 "families and settling in: steps done per family and in all, families still in the region after 6 and 12 months"},
	{"GET", "/api/v1/reports/settling.csv", settling_csv, NULL, 0, FIGURES,
	 "families and settling in as CSV for a funder (no per-family rows; small counts shown as <k; ?lang=fi|sv|en)"},
	{"GET", "/api/v1/reports/clients.csv", clients_csv, NULL, 0, ROLE_BIT(ROLE_ADMIN),
	 "pseudonymised client-level table for evaluators (audited; ?lang=fi|sv|en)"},
	{"GET", "/reports", NULL, ui_reports, RF_HTML, FIGURES, "programme figures page with charts (staff layout)"},
	{"GET", "/reports/surveys", NULL, ui_survey_summary, RF_HTML, FIGURES,
	 "the survey summary page: a survey's answers counted (?survey=&from=&to=&programme_id=&by=)"},
};
const size_t api_reports_routes_count = sizeof api_reports_routes / sizeof *api_reports_routes;

int api_reports_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_reports_stop(void)
{
}
