/* ui-reports: the programme figures page (/reports) in the shared layout: a filter form that works without script,
 * key figures, the indicator table, four SVG charts (each with <title>, <desc> and the data table it is drawn from)
 * and links to the funder exports. Figures only, never a row about a person. The figures are exact: small-count
 * suppression applies to what leaves the service (the exports), see docs/outcomes.md. Every figure comes from
 * src/report/ (report_indicators, report_crosstab), the same path as the API, the CLI and the exports. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "web/modules.h"
#include "web/pages/pages.h"
#include "app/policy.h"

int ui_reports(struct page *pg); /* the route is in src/web/api_reports.c */

extern const char *const domain_target_groups[];

/* --- labels --- */

/* "2026-03" as "maalis 2026" / "mars 2026" / "Mar 2026"; other text as it is. */
static void month_label(struct page *pg, const char *ym)
{
	if (strlen(ym) == 7 && ym[4] == '-') {
		char key[24];
		int m = (int)strtol(ym + 5, NULL, 10);
		if (m >= 1 && m <= 12) {
			snprintf(key, sizeof key, "rep.month.%d", m);
			html_printf(pg->b, "%s %.4s", T(pg, key), ym);
			return;
		}
	}
	html_txt(pg->b, ym);
}

/* A cross-tabulation label of dimension d in the page's language. */
static void dim_label(struct page *pg, enum report_dim d, const char *label)
{
	switch (d) {
	case RD_MONTH: month_label(pg, label); return;
	case RD_OUTCOME_TYPE: html_txt(pg->b, TK(pg, "rep.type", label)); return;
	case RD_TARGET_GROUP:
		html_txt(pg->b, strcmp(label, "(none)") == 0 ? T(pg, "rep.none") : TK(pg, "v", label));
		return;
	case RD_OWN_FIELD: html_txt(pg->b, TK(pg, "rep.own", label)); return;
	case RD_REFERRAL_SOURCE:
		html_txt(pg->b, strcmp(label, "(none)") == 0 ? T(pg, "rep.no_source") : TK(pg, "v", label));
		return;
	default: html_txt(pg->b, label);
	}
}

/* An indicator's value as people read it in the page's language ("–" for no value). */
static void indicator_value(struct page *pg, const struct report_indicators *r, enum report_indicator i)
{
	if (r->null[i]) {
		html_printf(pg->b, "<span class=\"none\" title=\"%s\">–</span>", T(pg, "rep.no_value"));
		return;
	}
	if (r->min_cell && r->hidden[i]) { /* a small count about partial work ability: "<k" as in the exports */
		if (report_indicator_unit(i) != REPORT_COUNT) { /* "<5" beside a share would read as "under 5 %" */
			html_printf(pg->b, "<span class=\"hidden-count\" title=\"%s\">%s</span>", T(pg, "rep.hidden_share_why"),
			            T(pg, "rep.hidden_share"));
			return;
		}
		char t[32];
		report_indicator_text(r, i, t);
		html_printf(pg->b, "<span class=\"hidden-count\">%s</span>", t);
		return;
	}
	switch (report_indicator_unit(i)) {
	case REPORT_COUNT: page_int(pg, llround(r->v[i])); break;
	case REPORT_RATIO: page_real(pg, r->v[i], 2); break;
	case REPORT_PERCENT:
		page_real(pg, r->v[i], 1);
		html_raw_trusted(pg->b, "&nbsp;%");
		break;
	case REPORT_DAYS: page_real(pg, r->v[i], 1); break;
	}
}

static const char *ind_label(struct page *pg, enum report_indicator i)
{
	return TK(pg, "rep.ind", report_indicator_key(i));
}

/* --- filter --- */

/* The filter from the query string, always the user's own organisation. */
static int filter_of(struct page *pg, struct report_filter *f, struct err *e)
{
	return web_report_filter(pg->r, NULL, NULL, f, e);
}

/* The filter as a query string for links ("from=...&amp;to=..."), values percent-encoded. */
static void filter_query(struct page *pg, const struct report_filter *f)
{
	struct buf *b = pg->b;
	html_raw_trusted(b, "from=");
	html_url(b, f->from);
	html_raw_trusted(b, "&amp;to=");
	html_url(b, f->to);
	if (f->programme_id)
		html_printf(b, "&amp;programme_id=%lld", (long long)f->programme_id);
	if (f->combined)
		html_raw_trusted(b, "&amp;scope=programme");
	if (f->target_group[0]) {
		html_raw_trusted(b, "&amp;target_group=");
		html_url(b, f->target_group);
	}
	if (f->municipality[0]) {
		html_raw_trusted(b, "&amp;municipality=");
		html_url(b, f->municipality);
	}
}

static void filter_form(struct page *pg, const struct report_filter *f, json_t *programmes)
{
	struct buf *b = pg->b;
	page_filter_begin(pg, "/reports", "f-h");
	html_raw_trusted(b, "<div class=\"grid\">");
	page_period_fields(pg, "r", f->from, f->to);
	page_select_begin(pg, "r-programme", "programme_id", "rep.programme", "rep.all", false);
	size_t i;
	json_t *p;
	json_array_foreach(programmes, i, p) {
		long long id = (long long)jint(p, "id");
		html_printf(b, "<option value=\"%lld\"%s>%s</option>", id, id == f->programme_id ? " selected" : "",
		            jstr(p, "name") ? jstr(p, "name") : "");
	}
	html_raw_trusted(b, "</select></div>");
	/* whose clients: the organisation's own, or every organisation implementing the chosen programme */
	html_printf(b, "<div class=\"field\"><label for=\"r-scope\">%s</label><select id=\"r-scope\" name=\"scope\" "
	               "aria-describedby=\"r-scope-hint\"><option value=\"organisation\"%s>%s</option><option "
	               "value=\"programme\"%s>%s</option></select><p class=\"hint\" id=\"r-scope-hint\">%s</p></div>",
	            T(pg, "rep.scope"), f->combined ? "" : " selected", T(pg, "rep.scope.organisation"),
	            f->combined ? " selected" : "", T(pg, "rep.scope.programme"), T(pg, "rep.scope.hint"));
	page_select_begin(pg, "r-tg", "target_group", "rep.target_group", "rep.all", false);
	for (size_t k = 0; domain_target_groups[k]; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", domain_target_groups[k],
		            strcmp(domain_target_groups[k], f->target_group) == 0 ? " selected" : "",
		            TK(pg, "v", domain_target_groups[k]));
	html_printf(b, "</select></div><div class=\"field\"><label for=\"r-mun\">%s</label><input type=\"text\" "
	               "id=\"r-mun\" name=\"municipality\" value=\"%s\" maxlength=\"100\" autocomplete=\"off\"></div>",
	            T(pg, "rep.municipality"), f->municipality);
	html_raw_trusted(b, "</div>");
	page_filter_end(pg, "/reports");
}

/* --- charts --- */

enum { CHART_W = 760, CHART_H = 300, PAD_L = 56, PAD_R = 16, PAD_B = 64, PAD_T = 24, HBAR_L = 250, HBAR_ROW = 34 };

struct series {
	enum report_dim dim;        /* how labels read (RD_COUNT: labels are catalogue keys) */
	const char *const *labels;
	const double *values;
	const bool *empty;          /* NULL, or true where a point has no value (drawn as a gap) */
	size_t n;
	int decimals;
	bool percent;
};

/* A number on the chart, in the page's language. */
static void chart_num(struct page *pg, double v, const struct series *s)
{
	if (s->decimals)
		page_real(pg, v, s->decimals);
	else
		page_int(pg, llround(v));
	if (s->percent)
		html_raw_trusted(pg->b, "&nbsp;%");
}

static void axis_label(struct page *pg, double v, const void *s)
{
	chart_num(pg, v, s);
}

static void series_label(struct page *pg, const struct series *s, size_t i)
{
	if (s->dim == RD_COUNT)
		html_txt(pg->b, T(pg, s->labels[i]));
	else
		dim_label(pg, s->dim, s->labels[i]);
}

/* The top of the scale: 1, 2, 4, 6 or 8 times a power of ten at or above m, so that half of it is a whole number. */
static double nice_max(double m)
{
	if (m <= 2)
		return 2;
	double p = pow(10, floor(log10(m)));
	static const double steps[] = {1, 2, 4, 6, 8, 10};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i] * p >= m)
			return steps[i] * p;
	return 10 * p;
}

static void svg_open(struct page *pg, const char *id, const char *title_key, const char *desc_key, int h)
{
	html_printf(pg->b, "<figure class=\"chart\" tabindex=\"0\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
	                   "viewBox=\"0 0 %d %d\" aria-labelledby=\"%s-title %s-desc\"><title id=\"%s-title\">%s</title>"
	                   "<desc id=\"%s-desc\">%s</desc>",
	            CHART_W, h, id, id, id, T(pg, title_key), id, T(pg, desc_key));
}

/* Over time: vertical bars, or a line with points, one per month, the value above each, a y axis at 0, half and
 * top. Points marked empty are left out (the line has a gap there). */
static void chart(struct page *pg, const char *id, const char *title_key, const char *desc_key,
                  const struct series *s, bool line, double ymax)
{
	struct buf *b = pg->b;
	double m = ymax;
	for (size_t i = 0; ymax <= 0 && i < s->n; i++)
		m = s->values[i] > m ? s->values[i] : m;
	if (ymax <= 0)
		m = nice_max(m);
	svg_open(pg, id, title_key, desc_key, CHART_H);
	double plot_h = CHART_H - PAD_B - PAD_T, base = CHART_H - PAD_B;
	page_chart_grid(pg, PAD_L, CHART_W - PAD_R, base, plot_h, m, axis_label, s);
	double step = s->n ? (double)(CHART_W - PAD_L - PAD_R) / (double)s->n : 0;
	double px = 0, py = 0;
	bool have_prev = false;
	for (size_t i = 0; i < s->n; i++) {
		double h = s->values[i] / m * plot_h, x = PAD_L + step * (double)i, y = base - h, cx = x + step / 2;
		bool empty = s->empty && s->empty[i];
		if (empty) {
			have_prev = false;
		} else if (line) {
			if (have_prev)
				html_printf(b, "<line class=\"line\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", px, py, cx,
				            y);
			html_printf(b, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>", cx, y);
			px = cx;
			py = y;
			have_prev = true;
		} else {
			double w = step > 12 ? step - 8 : step * 0.8;
			html_printf(b, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
			            cx - w / 2, y, w, h);
		}
		if (!empty) {
			html_printf(b, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx, y - 8);
			chart_num(pg, s->values[i], s);
			html_raw_trusted(b, "</text>");
		}
		html_printf(b, "<text class=\"lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		               "transform=\"rotate(-35 %.1f %.1f)\">",
		            cx, base + 16, cx, base + 16);
		series_label(pg, s, i);
		html_raw_trusted(b, "</text>");
	}
	html_printf(b, "<line class=\"axis-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/></svg></figure>\n", PAD_L,
	            base, CHART_W - PAD_R, base);
}

/* Categories (steps, target groups): horizontal bars with the label on the left and the value after the bar, so
 * long labels read whole. */
static void hchart(struct page *pg, const char *id, const char *title_key, const char *desc_key,
                   const struct series *s)
{
	struct buf *b = pg->b;
	double m = 0;
	for (size_t i = 0; i < s->n; i++)
		m = s->values[i] > m ? s->values[i] : m;
	m = nice_max(m);
	int h = (int)s->n * HBAR_ROW + 16;
	svg_open(pg, id, title_key, desc_key, h);
	double plot_w = CHART_W - HBAR_L - PAD_R - 48;
	for (size_t i = 0; i < s->n; i++) {
		double y = 8 + (double)i * HBAR_ROW, w = s->values[i] / m * plot_w;
		html_printf(b, "<text class=\"lab\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", HBAR_L - 10,
		            y + HBAR_ROW / 2.0);
		series_label(pg, s, i);
		html_printf(b, "</text><rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\"/>"
		               "<text class=\"val\" x=\"%.1f\" y=\"%.1f\">",
		            HBAR_L, y + 4, w, HBAR_ROW - 10, HBAR_L + w + 6, y + HBAR_ROW / 2.0);
		chart_num(pg, s->values[i], s);
		html_raw_trusted(b, "</text>");
	}
	html_printf(b, "<line class=\"axis-line\" x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\"/></svg></figure>\n", HBAR_L,
	            HBAR_L, h - 4);
}

/* A data table behind a disclosure that works without script, up to its first column's header; the caller adds the
 * number columns' headers and ends the head with table_body. */
static void table_open(struct page *pg, const char *id, const char *caption_key, const char *corner_key)
{
	html_printf(pg->b, "<details class=\"data\"><summary>%s</summary><div class=\"table-wrap\">"
	                   "<table class=\"list data\" id=\"%s\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
	            T(pg, "rep.show_table"), id, T(pg, caption_key), T(pg, corner_key));
}

/* Number columns' headers from catalogue keys (NULL-terminated), then the end of the head. */
static void table_body(struct page *pg, const char *const *num_keys)
{
	for (size_t i = 0; num_keys[i]; i++)
		html_printf(pg->b, "<th scope=\"col\" class=\"num\">%s</th>", T(pg, num_keys[i]));
	html_raw_trusted(pg->b, "</tr></thead><tbody>");
}

/* The data table of a cross-tabulation with totals. */
/* One count of a cross-tab: the number, or "<k" when report_crosstab_suppress() hid it. */
static void xcount(struct page *pg, const struct report_crosstab *x, size_t row, size_t col)
{
	char t[32];
	report_crosstab_text(x, row, col, t);
	if (x->min_cell && t[0] == '<')
		html_printf(pg->b, "<span class=\"hidden-count\">%s</span>", t);
	else
		page_int(pg, strtoll(t, NULL, 10));
}

/* The count cells of a cross-tab's row (SIZE_MAX: the totals), its total last, and the row's end. */
static void xcells(struct page *pg, const struct report_crosstab *x, size_t row)
{
	for (size_t k = 0; k <= x->ncols; k++) {
		html_raw_trusted(pg->b, "<td class=\"num\">");
		xcount(pg, x, row, k < x->ncols ? k : SIZE_MAX);
		html_raw_trusted(pg->b, "</td>");
	}
	html_raw_trusted(pg->b, "</tr>");
}

static void crosstab_table(struct page *pg, const char *id, const char *caption_key, const char *corner_key,
                           const struct report_crosstab *x)
{
	struct buf *b = pg->b;
	table_open(pg, id, caption_key, corner_key);
	for (size_t k = 0; k < x->ncols; k++) {
		html_raw_trusted(b, "<th scope=\"col\" class=\"num\">");
		dim_label(pg, x->cols, x->col_labels[k]);
		html_raw_trusted(b, "</th>");
	}
	table_body(pg, (const char *const[]){"rep.total", NULL});
	for (size_t i = 0; i < x->nrows; i++) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		dim_label(pg, x->rows, x->row_labels[i]);
		html_raw_trusted(b, "</th>");
		xcells(pg, x, i);
	}
	html_printf(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", T(pg, "rep.total"));
	xcells(pg, x, SIZE_MAX);
	html_raw_trusted(b, "</tfoot></table></div></details>\n");
}

static void section_open(struct page *pg, const char *id, const char *heading_key)
{
	html_printf(pg->b, "<section class=\"card report\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">%s</h2>\n", id, id,
	            T(pg, heading_key));
}

enum { MAX_POINTS = 241 }; /* months in the longest period (20 years) */

/* A section with a chart of a cross-tabulation's row totals (at most max points) and its table: section id
 * section_id, chart and table ids chart-<id> and table-<id>, catalogue keys rep.chart.<key>, rep.chart.<key>_desc,
 * rep.table.<key> and rep.col.<corner>. by_month: a column chart over months, else horizontal bars. */
static void totals_section(struct page *pg, const struct report_crosstab *x, size_t max, const char *section_id,
                           const char *id, const char *key, const char *corner, bool by_month)
{
	double v[MAX_POINTS];
	const char *lab[MAX_POINTS];
	size_t n = x->nrows < max ? x->nrows : max;
	for (size_t i = 0; i < n; i++) {
		v[i] = x->row_hidden && x->row_hidden[i] ? 0 : (double)x->row_total[i]; /* a hidden count draws no bar */
		lab[i] = x->row_labels[i];
	}
	char chart_id[64], table_id[64], title[64], desc[64], caption[64], col[64];
	snprintf(chart_id, sizeof chart_id, "chart-%s", id);
	snprintf(table_id, sizeof table_id, "table-%s", id);
	snprintf(title, sizeof title, "rep.chart.%s", key);
	snprintf(desc, sizeof desc, "rep.chart.%s_desc", key);
	snprintf(caption, sizeof caption, "rep.table.%s", key);
	snprintf(col, sizeof col, "rep.col.%s", corner);
	struct series s = {by_month ? RD_MONTH : x->rows, lab, v, NULL, n, 0, false};
	section_open(pg, section_id, title);
	if (!n) { /* nothing counted in the period: a sentence, not an empty drawing and an empty table */
		html_printf(pg->b, "<p class=\"empty\">%s</p></section>\n", T(pg, "rep.chart.empty"));
		return;
	}
	if (by_month)
		chart(pg, chart_id, title, desc, &s, false, 0);
	else
		hchart(pg, chart_id, title, desc, &s);
	crosstab_table(pg, table_id, caption, col, x);
	html_raw_trusted(pg->b, "</section>\n");
}

static void per_month(struct page *pg, const struct report_crosstab *month)
{
	totals_section(pg, month, MAX_POINTS, "per-month", "per-month", "per_month", "month", true);
}

static void own_field(struct page *pg, const struct report_crosstab *own)
{
	struct buf *b = pg->b;
	if (own->min_cell) /* suppressed (partial work ability): its shares would reveal the hidden counts */
		return;
	double v[MAX_POINTS];
	const char *lab[MAX_POINTS];
	int64_t emp[MAX_POINTS], yes_n[MAX_POINTS];
	bool none[MAX_POINTS];
	size_t n = own->nrows < MAX_POINTS ? own->nrows : MAX_POINTS;
	long yes = -1, no = -1, unk = -1;
	for (size_t k = 0; k < own->ncols; k++) {
		if (strcmp(own->col_labels[k], "yes") == 0)
			yes = (long)k;
		else if (strcmp(own->col_labels[k], "no") == 0)
			no = (long)k;
		else if (strcmp(own->col_labels[k], "unknown") == 0)
			unk = (long)k;
	}
	for (size_t i = 0; i < n; i++) {
		yes_n[i] = yes >= 0 ? report_crosstab_cell(own, i, (size_t)yes) : 0;
		emp[i] = yes_n[i] + (no >= 0 ? report_crosstab_cell(own, i, (size_t)no) : 0) +
		         (unk >= 0 ? report_crosstab_cell(own, i, (size_t)unk) : 0);
		v[i] = emp[i] ? round((double)yes_n[i] * 1000.0 / (double)emp[i]) / 10.0 : 0;
		lab[i] = own->row_labels[i];
		none[i] = emp[i] == 0; /* no employments: no share, not 0 % */
	}
	struct series s = {RD_MONTH, lab, v, none, n, 1, true};
	section_open(pg, "own-field", "rep.chart.own_field");
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any = any || !none[i];
	if (any)
		chart(pg, "chart-own-field", "rep.chart.own_field", "rep.chart.own_field_desc", &s, true, 100);
	else /* no employment in the period: no share to draw */
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "rep.chart.no_employment"));
	table_open(pg, "table-own-field", "rep.table.own_field", "rep.col.month");
	table_body(pg, (const char *const[]){"rep.col.employments", "rep.col.own_field", "rep.col.pct", NULL});
	for (size_t i = 0; i < n; i++) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		month_label(pg, lab[i]);
		html_raw_trusted(b, "</th><td class=\"num\">");
		page_int(pg, emp[i]);
		html_raw_trusted(b, "</td><td class=\"num\">");
		page_int(pg, yes_n[i]);
		html_raw_trusted(b, "</td><td class=\"num\">");
		if (emp[i]) {
			page_real(pg, v[i], 1);
			html_raw_trusted(b, "&nbsp;%");
		} else {
			html_printf(b, "<span class=\"none\" title=\"%s\">–</span>", T(pg, "rep.no_value"));
		}
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></details>\n</section>\n");
}

static void funnel(struct page *pg, const struct report_indicators *r)
{
	struct buf *b = pg->b;
	/* a real funnel: each step a subset of the one before (report.h, docs/outcomes.md "Dated stages") */
	static const enum report_indicator steps[] = {RI_CLIENTS_SERVED, RI_FUNNEL_PROPOSED, RI_FUNNEL_INTERVIEWED,
	                                              RI_FUNNEL_OFFERED, RI_FUNNEL_HIRED};
	enum { NS = sizeof steps / sizeof *steps };
	double v[NS];
	const char *lab[NS];
	char keys[NS][64];
	for (size_t i = 0; i < NS; i++) {
		v[i] = r->min_cell && r->hidden[steps[i]] ? 0 : r->v[steps[i]];
		snprintf(keys[i], sizeof keys[i], "rep.step.%s", report_indicator_key(steps[i]));
		lab[i] = keys[i];
	}
	struct series s = {RD_COUNT, lab, v, NULL, NS, 0, false};
	section_open(pg, "funnel", "rep.chart.funnel");
	hchart(pg, "chart-funnel", "rep.chart.funnel", "rep.chart.funnel_desc", &s);
	table_open(pg, "table-funnel", "rep.table.funnel", "rep.col.step");
	table_body(pg, (const char *const[]){"rep.col.clients", NULL});
	for (size_t i = 0; i < NS; i++) {
		html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", ind_label(pg, steps[i]));
		indicator_value(pg, r, steps[i]);
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></details>\n</section>\n");
}

static void by_target_group(struct page *pg, const struct report_crosstab *tg)
{
	enum { MAX_GROUPS = 64 };
	totals_section(pg, tg, MAX_GROUPS, "by-target-group", "target-group", "target_group", "target_group", false);
}

/* New clients by who referred them (issue 15 item 4), across target groups. */
static void by_referral_source(struct page *pg, const struct report_crosstab *src)
{
	enum { MAX_SOURCES = 64 };
	totals_section(pg, src, MAX_SOURCES, "by-referral-source", "referral-source", "referral_source", "referral_source",
	               false);
}

/* --- the page --- */

static void key_figures(struct page *pg, const struct report_indicators *r)
{
	static const enum report_indicator keys[] = {RI_CLIENTS_SERVED, RI_NEW_CLIENTS, RI_EMPLOYED, RI_OWN_FIELD_PCT,
	                                             RI_MEDIAN_DAYS_TO_EMPLOYMENT};
	html_printf(pg->b, "<h2 class=\"vh\">%s</h2><ul class=\"figures\">", T(pg, "rep.key_figures"));
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		html_raw_trusted(pg->b, "<li><span class=\"n\">");
		indicator_value(pg, r, keys[i]);
		html_printf(pg->b, "</span> %s</li>", ind_label(pg, keys[i]));
	}
	html_raw_trusted(pg->b, "</ul>\n");
}

/* One cell of the three-bases table: the count and its share of the column's base ("–" where there is none). */
static void base_cell(struct page *pg, const struct report_indicators *r, int count, int pct)
{
	html_raw_trusted(pg->b, "<td class=\"num\">");
	if (count < 0) {
		html_raw_trusted(pg->b, "<span class=\"none\">–</span></td>");
		return;
	}
	indicator_value(pg, r, (enum report_indicator)count);
	html_raw_trusted(pg->b, " <span class=\"meta\">(");
	indicator_value(pg, r, (enum report_indicator)pct);
	html_raw_trusted(pg->b, ")</span></td>");
}

/* The headline figures over each base a funder may ask for, the base named in each column (docs/outcomes.md). */
static void three_bases(struct page *pg, const struct report_indicators *r)
{
	struct buf *b = pg->b;
	section_open(pg, "bases", "rep.bases");
	html_printf(b, "<p class=\"hint\">%s</p><div class=\"table-wrap\"><table class=\"list data\" id=\"bases\">"
	               "<caption class=\"vh\">%s</caption><thead><tr><td></td>",
	            T(pg, "rep.bases_lead"), T(pg, "rep.bases"));
	static const struct {
		const char *key;
		enum report_indicator base;
	} cols[] = {{"rep.base.served", RI_CLIENTS_SERVED}, {"rep.base.left", RI_LEFT}, {"rep.base.employed", RI_EMPLOYED}};
	for (size_t i = 0; i < sizeof cols / sizeof *cols; i++) {
		html_printf(b, "<th scope=\"col\" class=\"num\">%s <span class=\"meta\">(", T(pg, cols[i].key));
		indicator_value(pg, r, cols[i].base);
		html_raw_trusted(b, ")</span></th>");
	}
	html_printf(b, "</tr></thead><tbody><tr><th scope=\"row\">%s</th>", T(pg, "rep.base.row_employed"));
	base_cell(pg, r, RI_EMPLOYED, RI_EMPLOYED_PCT_SERVED);
	base_cell(pg, r, RI_LEFT_EMPLOYED, RI_EMPLOYED_PCT_LEFT);
	base_cell(pg, r, -1, -1);
	html_printf(b, "</tr><tr><th scope=\"row\">%s</th>", T(pg, "rep.base.row_own_field"));
	base_cell(pg, r, RI_OWN_FIELD, RI_OWN_FIELD_PCT_SERVED);
	base_cell(pg, r, RI_LEFT_OWN_FIELD, RI_OWN_FIELD_PCT_LEFT);
	base_cell(pg, r, RI_OWN_FIELD, RI_OWN_FIELD_PCT);
	html_raw_trusted(b, "</tr></tbody></table></div></section>\n");
}

static void indicator_table(struct page *pg, const struct report_indicators *r)
{
	struct buf *b = pg->b;
	section_open(pg, "ind", "rep.indicators");
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list data\" id=\"indicators\"><caption class=\"vh\">%s"
	               "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead>"
	               "<tbody>\n",
	            T(pg, "rep.indicators"), T(pg, "rep.indicator"), T(pg, "rep.value"));
	for (int i = 0; i < RI_COUNT; i++) {
		enum report_indicator ind = (enum report_indicator)i;
		char exact[32];
		report_indicator_text(r, ind, exact); /* the figure as the API and the exports write it, for checking */
		html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"%s\" data-value=\"%s\">",
		            ind_label(pg, ind), report_indicator_key(ind), exact);
		indicator_value(pg, r, ind);
		html_raw_trusted(b, "</td></tr>\n");
	}
	html_raw_trusted(b, "</tbody></table></div></section>\n");
}

/* exact: the page's own figures are exact (no small count hidden here as well as in the downloads). */
static void exports(struct page *pg, const struct report_filter *f, bool exact)
{
	struct buf *b = pg->b;
	html_printf(b, "<section class=\"exports\" aria-labelledby=\"exp-h\"><h2 id=\"exp-h\">%s</h2><ul class=\"plain\">"
	               "<li><a href=\"/api/v1/reports/export.csv?lang=%s&amp;",
	            T(pg, "rep.exports"), pg->lang_code); /* headers and values in the page's language */
	filter_query(pg, f);
	html_printf(b, "\" download>%s</a></li><li><a href=\"/api/v1/reports/export.xlsx?lang=%s&amp;", T(pg, "rep.csv"),
	            pg->lang_code);
	filter_query(pg, f);
	html_printf(b, "\" download>%s</a></li><li><a href=\"/api/v1/reports/esf.csv?lang=%s&amp;", T(pg, "rep.xlsx"),
	            pg->lang_code);
	filter_query(pg, f);
	html_printf(b, "\" download>%s</a></li><li><a href=\"/reports/surveys\">%s</a></li>"
	               "<li><a href=\"/employer-needs\">%s</a></li></ul><p class=\"hint\">%s "
	               "<strong>&lt;%d</strong>, %s</p></section>\n",
	            T(pg, "esf.export"), T(pg, "ss.title"), T(pg, "needs.title"), T(pg, "rep.small_counts"),
	            report_min_cell(), T(pg, exact ? "rep.exact" : "rep.not_exact"));
}

/* The ESF+ common indicators (report_esf): the Regulation's code, the indicator and its count by gender. */
static void esf_table(struct page *pg, const struct report_esf *x)
{
	struct buf *b = pg->b;
	section_open(pg, "esf", "esf.title");
	html_printf(b, "<p class=\"hint\">%s</p><div class=\"table-wrap\"><table class=\"list data\" id=\"esf\">"
	               "<caption class=\"vh\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
	            T(pg, "esf.lead"), T(pg, "esf.title"), T(pg, "esf.code"), T(pg, "esf.indicator"));
	for (int c = 0; c < ESF_COL_COUNT; c++)
		html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>",
		            TK(pg, "esf.col", report_esf_col_key((enum report_esf_col)c)));
	html_raw_trusted(b, "</tr></thead><tbody>\n");
	for (int i = 0; i < ESF_ROW_COUNT; i++) {
		enum report_esf_row row = (enum report_esf_row)i;
		html_printf(b, "<tr%s><td>%s</td><th scope=\"row\">%s</th>", row == ESF_LEAVERS ? " class=\"group-start\"" : "",
		            report_esf_code(row), TK(pg, "esf", report_esf_key(row)));
		for (int c = 0; c < ESF_COL_COUNT; c++) {
			char v[32];
			report_esf_text(x, row, (enum report_esf_col)c, v);
			html_printf(b, "<td class=\"num\" data-key=\"%s.%s\">%s</td>", report_esf_key(row),
			            report_esf_col_key((enum report_esf_col)c), v);
		}
		html_raw_trusted(b, "</tr>\n");
	}
	html_raw_trusted(b, "</tbody></table></div></section>\n");
}

static void economy_feedback(struct page *pg, const struct report_filter *f);
static void settling(struct page *pg, const struct report_filter *f);

int ui_reports(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	struct report_filter f = {0};
	struct err fe = {0}, e = {0};
	bool bad = filter_of(pg, &f, &fe) != 0;
	if (bad) /* show the form with the user's input and the message, and no figures */
		f.programme_id = 0;
	json_t *programmes = NULL;
	struct store_list_query lq = {.limit = 500};
	int rc = page_list(pg, "programmes", &lq, &programmes, NULL);
	if (rc)
		return rc;
	struct report_indicators ind = {0};
	struct report_esf esf = {0};
	struct report_crosstab *month = NULL, *own = NULL, *tg = NULL, *src = NULL;
	if (!bad) {
		rc = report_indicators(r->store, &f, &ind, &e);
		if (!rc)
			rc = report_esf(r->store, &f, &esf, &e);
		if (!rc) /* staff see exact figures, except those about partial work ability (and a whole programme's) */
			report_esf_suppress(&esf, report_min_cell(), false);
		if (!rc)
			rc = report_crosstab(r->store, &f, RD_MONTH, RD_OUTCOME_TYPE, RM_OUTCOMES, &month, &e);
		if (!rc)
			rc = report_crosstab(r->store, &f, RD_MONTH, RD_OWN_FIELD, RM_OUTCOMES, &own, &e);
		if (!rc)
			rc = report_crosstab(r->store, &f, RD_TARGET_GROUP, RD_OUTCOME_TYPE, RM_OUTCOMES, &tg, &e);
		if (!rc)
			rc = report_crosstab(r->store, &f, RD_REFERRAL_SOURCE, RD_TARGET_GROUP, RM_NEW_CLIENTS, &src, &e);
		/* figures about partial work ability hide small counts on the dashboard too (report_filter_sensitive) */
		if (!rc && report_filter_sensitive(&f)) {
			report_indicators_suppress(&ind, report_min_cell());
			rc = report_crosstab_suppress(month, report_min_cell(), &e);
			if (!rc)
				rc = report_crosstab_suppress(own, report_min_cell(), &e);
		}
		if (!rc && report_crosstab_sensitive(tg, &f))
			rc = report_crosstab_suppress(tg, report_min_cell(), &e);
		if (!rc && report_crosstab_sensitive(src, &f))
			rc = report_crosstab_suppress(src, report_min_cell(), &e);
		if (rc) {
			r->err = e;
			goto out;
		}
	}
	page_begin(pg, T(pg, "rep.title"), "reports");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s ", T(pg, "rep.title"), T(pg, "rep.period"));
	page_date(pg, f.from);
	html_raw_trusted(b, "&nbsp;– ");
	page_date(pg, f.to);
	html_printf(b, ". %s</p>\n", T(pg, "rep.lead"));
	if (!bad && f.combined)
		html_printf(b, "<p class=\"notice\">%s</p>\n", T(pg, "rep.scope.note"));
	if (bad) {
		/* name the field in the user's language (the store's message is English) */
		const char *fk = strcmp(fe.field, "programme_id") == 0 ? "programme" : fe.field;
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s %s</div>",
		            T(pg, "rep.bad_filter"), TK(pg, "rep", fk));
		r->status = 400;
	}
	filter_form(pg, &f, programmes);
	if (!bad) {
		key_figures(pg, &ind);
		three_bases(pg, &ind);
		exports(pg, &f, !ind.min_cell);
		indicator_table(pg, &ind);
		per_month(pg, month);
		own_field(pg, own);
		funnel(pg, &ind);
		by_target_group(pg, tg);
		by_referral_source(pg, src);
		esf_table(pg, &esf);
		economy_feedback(pg, &f);
		settling(pg, &f);
	}
	rc = page_end(pg);
out:
	report_crosstab_free(month);
	report_crosstab_free(own);
	report_crosstab_free(tg);
	report_crosstab_free(src);
	return rc;
}

/* "part / whole (pct %)" of o's members; the share only where o has one. */
static void part_of(struct page *pg, json_t *o, const char *part, const char *whole, const char *pct)
{
	page_int(pg, jint(o, part));
	html_raw_trusted(pg->b, " / ");
	page_int(pg, jint(o, whole));
	if (json_is_number(json_object_get(o, pct))) {
		html_raw_trusted(pg->b, " (");
		page_real(pg, json_number_value(json_object_get(o, pct)), 1);
		html_raw_trusted(pg->b, "&nbsp;%)");
	}
}

/* Families and settling in (issue 14; report_settling, as GET /api/v1/reports/settling answers it): how far the
 * families' plans are and how many are still in the region 6 and 12 months after arriving. */
static void settling(struct page *pg, const struct report_filter *f)
{
	struct buf *b = pg->b;
	json_t *j = NULL;
	struct err e = {0};
	if (report_settling(pg->r->store, f, &j, &e))
		return; /* the figures above stand without it */
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, j);
	json_t *sum = json_object_get(j, "summary"), *region = json_object_get(j, "region");
	section_open(pg, "settling", "rep.settling.title");
	html_printf(b, "<p class=\"hint\">%s</p><div class=\"table-wrap\"><table class=\"list\" id=\"table-settling\">"
	               "<tbody><tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"families\">",
	            T(pg, "rep.settling.hint"), T(pg, "rep.settling.families"));
	page_int(pg, jint(sum, "families"));
	html_printf(b, "</td></tr><tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"families_with_plan\">",
	            T(pg, "rep.settling.with_plan"));
	page_int(pg, jint(sum, "families_with_plan"));
	html_printf(b, "</td></tr><tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"steps_done\">",
	            T(pg, "rep.settling.steps_done"));
	part_of(pg, sum, "steps_done", "steps", "steps_done_pct");
	html_printf(b, "</td></tr><tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"families_complete\">",
	            T(pg, "rep.settling.complete"));
	page_int(pg, jint(sum, "families_complete"));
	static const char *const marks[][2] = {{"6", "rep.settling.region6"}, {"12", "rep.settling.region12"}};
	for (size_t k = 0; k < 2; k++) {
		json_t *m = json_object_get(region, marks[k][0]);
		html_printf(b, "</td></tr><tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"region_%s\">",
		            T(pg, marks[k][1]), marks[k][0]);
		part_of(pg, m, "still_in_region", "families", "still_in_region_pct");
	}
	html_raw_trusted(b, "</td></tr></tbody></table></div>");
	/* the funder's file: the same figures, small counts hidden, no per-family rows */
	html_printf(b, "<p class=\"exports\"><a download id=\"settling-csv\" href=\"/api/v1/reports/settling.csv?lang=%s&amp;",
	            pg->lang_code);
	filter_query(pg, f);
	html_printf(b, "\">%s</a></p><p class=\"hint\">%s <strong>&lt;%d</strong>.</p></section>\n", T(pg, "rep.settling.csv"),
	            T(pg, "rep.settling.csv_note"), report_min_cell());
}

/* The economic effect of the period's employments and the clients' feedback (issue 16 items 9 and 8b), as the API
 * answers them (report_economy, report_feedback); not for a filter about partial work ability (health-adjacent). */
static void economy_feedback(struct page *pg, const struct report_filter *f)
{
	struct buf *b = pg->b;
	struct report_economy x = {0};
	struct report_feedback fb = {0};
	struct err e = {0};
	if (report_filter_sensitive(f) || report_economy(pg->r->store, f, &x, &e) ||
	    report_feedback(pg->r->store, f, report_min_cell(), &fb, &e))
		return; /* the figures above stand without it */
	section_open(pg, "economy", "rep.econ.title");
	html_printf(b, "<p class=\"hint\">%s</p><dl class=\"facts\"><dt>%s</dt><dd>", T(pg, "rep.econ.note"),
	            T(pg, "rep.econ.employments"));
	page_int(pg, x.employments);
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "rep.econ.person_months"));
	page_real(pg, x.person_months, 2);
	const struct {
		const char *key;
		double v;
	} euros[] = {{"rep.econ.tax", x.tax_revenue}, {"rep.econ.benefit", x.saved_benefit}, {"rep.econ.total", x.total}};
	for (size_t i = 0; i < sizeof euros / sizeof *euros; i++) {
		html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, euros[i].key));
		page_real(pg, euros[i].v, 2);
		html_raw_trusted(b, "&nbsp;€");
	}
	html_printf(b, "</dd></dl><h3>%s</h3><dl class=\"facts\"><dt>%s</dt><dd>", T(pg, "rep.fb.title"),
	            T(pg, "rep.fb.responses"));
	page_int(pg, fb.responses);
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "rep.fb.mean"));
	if (fb.hidden)
		html_printf(b, "%s", T(pg, "rep.fb.too_few"));
	else
		page_real(pg, fb.mean, 1);
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "rep.fb.satisfied"));
	if (fb.hidden)
		html_printf(b, "%s", T(pg, "rep.fb.too_few"));
	else
		page_real(pg, fb.satisfied_pct, 1), html_raw_trusted(b, "&nbsp;%");
	html_raw_trusted(b, "</dd></dl></section>\n");
}
