/* dashboard: the /reports page: a filter form, the indicator table and four SVG charts rendered by the server, each
 * with <title>, <desc> and the data table it is drawn from (for screen readers and for checking the figures).
 * Figures only, never personal data. HTML goes through report_h_txt (escaping) until src/web/html.h exists. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report/internal.h"

extern const char *const domain_target_groups[];

void report_h_raw(struct buf *b, const char *trusted_markup)
{
	buf_puts(b, trusted_markup);
}

void report_h_txt(struct buf *b, const char *s)
{
	for (const char *c = s ? s : ""; *c; c++) {
		switch (*c) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		case '\'': buf_puts(b, "&#39;"); break;
		default: buf_append(b, c, 1);
		}
	}
}

void report_h_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

enum { CHART_W = 640, CHART_H = 260, PAD_L = 48, PAD_B = 56, PAD_T = 16 };

struct series {
	const char *const *labels;
	const double *values;
	size_t n;
};

static double max_of(const struct series *s)
{
	double m = 0;
	for (size_t i = 0; i < s->n; i++)
		m = s->values[i] > m ? s->values[i] : m;
	return m;
}

static void svg_open(struct buf *b, const char *id, const char *title, const char *desc)
{
	report_h_fmt(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
	                "viewBox=\"0 0 %d %d\" aria-labelledby=\"", CHART_W, CHART_H, CHART_W, CHART_H);
	report_h_txt(b, id);
	report_h_raw(b, "-title ");
	report_h_txt(b, id);
	report_h_raw(b, "-desc\"><title id=\"");
	report_h_txt(b, id);
	report_h_raw(b, "-title\">");
	report_h_txt(b, title);
	report_h_raw(b, "</title><desc id=\"");
	report_h_txt(b, id);
	report_h_raw(b, "-desc\">");
	report_h_txt(b, desc);
	report_h_raw(b, "</desc>");
	report_h_fmt(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", PAD_L, CHART_H - PAD_B,
	             CHART_W - 8, CHART_H - PAD_B);
}

/* Vertical bars (or a line with points when line is true), one per label, with the value above each. */
static void chart(struct buf *b, const char *id, const char *title, const char *desc, const struct series *s,
                  bool line, double ymax)
{
	svg_open(b, id, title, desc);
	double m = ymax > 0 ? ymax : max_of(s);
	if (m <= 0)
		m = 1;
	double plot_h = CHART_H - PAD_B - PAD_T, step = s->n ? (double)(CHART_W - PAD_L - 8) / (double)s->n : 0;
	double px = 0, py = 0;
	for (size_t i = 0; i < s->n; i++) {
		double h = s->values[i] / m * plot_h, x = PAD_L + step * (double)i, y = CHART_H - PAD_B - h;
		char v[32];
		snprintf(v, sizeof v, line ? "%.1f" : "%.0f", s->values[i]);
		if (line) {
			double cx = x + step / 2;
			if (i)
				report_h_fmt(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f5fa8\" "
				                "stroke-width=\"2\"/>", px, py, cx, y);
			report_h_fmt(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#1f5fa8\"/>", cx, y);
			px = cx;
			py = y;
		} else {
			report_h_fmt(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#1f5fa8\"/>", x + 2, y,
			             step > 6 ? step - 4 : step, h);
		}
		report_h_fmt(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">", x + step / 2, y - 3);
		report_h_txt(b, v);
		report_h_raw(b, "</text>");
		report_h_fmt(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"end\" transform=\"rotate(-35 %.1f %d)\">",
		             x + step / 2, CHART_H - PAD_B + 14, x + step / 2, CHART_H - PAD_B + 14);
		report_h_txt(b, s->labels[i]);
		report_h_raw(b, "</text>");
	}
	report_h_raw(b, "</svg>\n");
}

/* A data table from a cross-tabulation, with totals. */
static void crosstab_table(struct buf *b, const char *id, const char *caption, const struct report_crosstab *x)
{
	report_h_raw(b, "<table class=\"data\" id=\"");
	report_h_txt(b, id);
	report_h_raw(b, "\"><caption>");
	report_h_txt(b, caption);
	report_h_raw(b, "</caption><thead><tr><th scope=\"col\">");
	report_h_txt(b, report_dim_name(x->rows));
	report_h_raw(b, "</th>");
	for (size_t k = 0; k < x->ncols; k++) {
		report_h_raw(b, "<th scope=\"col\">");
		report_h_txt(b, x->col_labels[k]);
		report_h_raw(b, "</th>");
	}
	report_h_raw(b, "<th scope=\"col\">total</th></tr></thead><tbody>");
	for (size_t i = 0; i < x->nrows; i++) {
		report_h_raw(b, "<tr><th scope=\"row\">");
		report_h_txt(b, x->row_labels[i]);
		report_h_raw(b, "</th>");
		for (size_t k = 0; k < x->ncols; k++)
			report_h_fmt(b, "<td>%" PRId64 "</td>", report_crosstab_cell(x, i, k));
		report_h_fmt(b, "<td>%" PRId64 "</td></tr>", x->row_total[i]);
	}
	report_h_raw(b, "</tbody><tfoot><tr><th scope=\"row\">total</th>");
	for (size_t k = 0; k < x->ncols; k++)
		report_h_fmt(b, "<td>%" PRId64 "</td>", x->col_total[k]);
	report_h_fmt(b, "<td>%" PRId64 "</td></tr></tfoot></table>\n", x->total);
}

static void input(struct buf *b, const char *name, const char *label, const char *type, const char *value)
{
	report_h_raw(b, "<label>");
	report_h_txt(b, label);
	report_h_raw(b, " <input name=\"");
	report_h_txt(b, name);
	report_h_raw(b, "\" type=\"");
	report_h_txt(b, type);
	report_h_raw(b, "\" value=\"");
	report_h_txt(b, value);
	report_h_raw(b, "\"></label>\n");
}

static void filter_form(struct buf *b, const struct report_filter *f)
{
	char prog[24] = "";
	if (f->programme_id)
		snprintf(prog, sizeof prog, "%" PRId64, f->programme_id);
	report_h_raw(b, "<form method=\"get\" action=\"/reports\" class=\"filters\">\n");
	input(b, "from", "From", "date", f->from);
	input(b, "to", "To", "date", f->to);
	input(b, "programme_id", "Programme id", "number", prog);
	input(b, "municipality", "Municipality", "text", f->municipality);
	report_h_raw(b, "<label>Target group <select name=\"target_group\"><option value=\"\">all</option>");
	for (size_t i = 0; domain_target_groups[i]; i++) {
		report_h_raw(b, "<option value=\"");
		report_h_txt(b, domain_target_groups[i]);
		report_h_raw(b, strcmp(domain_target_groups[i], f->target_group) == 0 ? "\" selected>" : "\">");
		report_h_txt(b, domain_target_groups[i]);
		report_h_raw(b, "</option>");
	}
	report_h_raw(b, "</select></label>\n<button type=\"submit\">Show</button></form>\n");
}

static void indicator_table(struct buf *b, const struct report_indicators *r)
{
	report_h_raw(b, "<table class=\"data\" id=\"indicators\"><caption>Indicators</caption><thead><tr>"
	                "<th scope=\"col\">Indicator</th><th scope=\"col\">Value</th></tr></thead><tbody>\n");
	for (int i = 0; i < RI_COUNT; i++) {
		char v[32];
		report_indicator_text(r, (enum report_indicator)i, v);
		report_h_raw(b, "<tr><th scope=\"row\">");
		report_h_txt(b, report_indicator_label((enum report_indicator)i));
		report_h_raw(b, "</th><td data-key=\"");
		report_h_txt(b, report_indicator_key((enum report_indicator)i));
		report_h_raw(b, "\">");
		report_h_txt(b, v);
		report_h_raw(b, "</td></tr>\n");
	}
	report_h_raw(b, "</tbody></table>\n");
}

static void section(struct buf *b, const char *id, const char *heading)
{
	report_h_raw(b, "<section aria-labelledby=\"");
	report_h_txt(b, id);
	report_h_raw(b, "-h\"><h2 id=\"");
	report_h_txt(b, id);
	report_h_raw(b, "-h\">");
	report_h_txt(b, heading);
	report_h_raw(b, "</h2>\n");
}

int report_dashboard_html(struct store *s, const struct report_filter *f, struct buf *b, struct err *e)
{
	struct report_indicators r;
	struct report_crosstab *month = NULL, *own = NULL, *tg = NULL;
	int rc = report_indicators(s, f, &r, e);
	if (!rc)
		rc = report_crosstab(s, f, RD_MONTH, RD_OUTCOME_TYPE, RM_OUTCOMES, &month, e);
	if (!rc)
		rc = report_crosstab(s, f, RD_MONTH, RD_OWN_FIELD, RM_OUTCOMES, &own, e);
	if (!rc)
		rc = report_crosstab(s, f, RD_TARGET_GROUP, RD_OUTCOME_TYPE, RM_OUTCOMES, &tg, e);
	if (rc)
		goto out;
	report_h_raw(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	                "<title>Reports - osaaja</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\n"
	                "<body><main><h1>Programme figures</h1>\n");
	report_h_raw(b, "<p>Period ");
	report_h_txt(b, f->from);
	report_h_raw(b, " &ndash; ");
	report_h_txt(b, f->to);
	report_h_raw(b, ". Definitions: docs/outcomes.md. Figures only; no personal data.</p>\n");
	filter_form(b, f);
	report_h_raw(b, "<p class=\"exports\"><a href=\"/api/v1/reports/export.csv?from=");
	report_h_txt(b, f->from);
	report_h_raw(b, "&amp;to=");
	report_h_txt(b, f->to);
	report_h_raw(b, "\">CSV</a> <a href=\"/api/v1/reports/export.xlsx?from=");
	report_h_txt(b, f->from);
	report_h_raw(b, "&amp;to=");
	report_h_txt(b, f->to);
	report_h_raw(b, "\">XLSX</a></p>\n");
	section(b, "ind", "Indicators");
	indicator_table(b, &r);
	report_h_raw(b, "</section>\n");

	/* 1. outcomes per month */
	{
		double v[300];
		const char *lab[300];
		size_t n = month->nrows < 300 ? month->nrows : 300;
		for (size_t i = 0; i < n; i++) {
			v[i] = (double)month->row_total[i];
			lab[i] = month->row_labels[i];
		}
		struct series sr = {lab, v, n};
		section(b, "per-month", "Outcomes per month");
		chart(b, "chart-per-month", "Outcomes per month",
		      "Bar chart: number of outcomes (all types) starting in each month of the period. The table below "
		      "gives the numbers by outcome type.",
		      &sr, false, 0);
		crosstab_table(b, "table-per-month", "Outcomes per month by type", month);
		report_h_raw(b, "</section>\n");
	}
	/* 2. own-field rate over time */
	{
		double v[300];
		const char *lab[300];
		size_t n = own->nrows < 300 ? own->nrows : 300;
		long yes = -1, no = -1, unk = -1;
		for (size_t k = 0; k < own->ncols; k++) {
			if (strcmp(own->col_labels[k], "yes") == 0)
				yes = (long)k;
			else if (strcmp(own->col_labels[k], "no") == 0)
				no = (long)k;
			else if (strcmp(own->col_labels[k], "unknown") == 0)
				unk = (long)k;
		}
		section(b, "own-field", "Employed in own field over time");
		report_h_raw(b, "");
		int64_t emp[300], y[300];
		for (size_t i = 0; i < n; i++) {
			y[i] = yes >= 0 ? report_crosstab_cell(own, i, (size_t)yes) : 0;
			emp[i] = y[i] + (no >= 0 ? report_crosstab_cell(own, i, (size_t)no) : 0) +
			         (unk >= 0 ? report_crosstab_cell(own, i, (size_t)unk) : 0);
			v[i] = emp[i] ? (double)(int64_t)((double)y[i] * 1000.0 / (double)emp[i] + 0.5) / 10.0 : 0;
			lab[i] = own->row_labels[i];
		}
		struct series sr = {lab, v, n};
		chart(b, "chart-own-field", "Share of employments in own field, by month",
		      "Line chart: percentage of employments starting in each month that match the client's competence "
		      "(final value: the counsellor's override where given). Months without employments show 0.",
		      &sr, true, 100);
		report_h_raw(b, "<table class=\"data\" id=\"table-own-field\"><caption>Employments and own field by month"
		                "</caption><thead><tr><th scope=\"col\">month</th><th scope=\"col\">employments</th>"
		                "<th scope=\"col\">own field</th><th scope=\"col\">%</th></tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			report_h_raw(b, "<tr><th scope=\"row\">");
			report_h_txt(b, lab[i]);
			report_h_fmt(b, "</th><td>%" PRId64 "</td><td>%" PRId64 "</td><td>", emp[i], y[i]);
			if (emp[i])
				report_h_fmt(b, "%.1f", v[i]);
			report_h_raw(b, "</td></tr>");
		}
		report_h_raw(b, "</tbody></table>\n</section>\n");
	}
	/* 3. funnel */
	{
		static const enum report_indicator steps[] = {RI_NEW_CLIENTS, RI_CLIENTS_SERVED, RI_CV_READY,
		                                              RI_FIRST_INTERVIEW, RI_EMPLOYED, RI_OWN_FIELD};
		enum { NS = sizeof steps / sizeof *steps };
		double v[NS];
		const char *lab[NS];
		for (size_t i = 0; i < NS; i++) {
			v[i] = r.v[steps[i]];
			lab[i] = report_indicator_key(steps[i]);
		}
		struct series sr = {lab, v, NS};
		section(b, "funnel", "From intake to employment");
		chart(b, "chart-funnel", "From intake to employment",
		      "Bar chart of clients at each step in the period: new clients, clients served, CV ready, first job "
		      "interview, employed, employed in own field.",
		      &sr, false, 0);
		report_h_raw(b, "<table class=\"data\" id=\"table-funnel\"><caption>Clients at each step</caption><thead>"
		                "<tr><th scope=\"col\">step</th><th scope=\"col\">clients</th></tr></thead><tbody>");
		for (size_t i = 0; i < NS; i++) {
			char t[32];
			report_indicator_text(&r, steps[i], t);
			report_h_raw(b, "<tr><th scope=\"row\">");
			report_h_txt(b, report_indicator_label(steps[i]));
			report_h_raw(b, "</th><td>");
			report_h_txt(b, t);
			report_h_raw(b, "</td></tr>");
		}
		report_h_raw(b, "</tbody></table>\n</section>\n");
	}
	/* 4. outcomes by target group */
	{
		double v[64];
		const char *lab[64];
		size_t n = tg->nrows < 64 ? tg->nrows : 64;
		for (size_t i = 0; i < n; i++) {
			v[i] = (double)tg->row_total[i];
			lab[i] = tg->row_labels[i];
		}
		struct series sr = {lab, v, n};
		section(b, "by-target-group", "Outcomes by target group");
		chart(b, "chart-target-group", "Outcomes by target group",
		      "Bar chart: outcomes in the period by the client's target group. A client in two target groups counts "
		      "in both; the table gives the numbers by outcome type.",
		      &sr, false, 0);
		crosstab_table(b, "table-target-group", "Outcomes by target group and type", tg);
		report_h_raw(b, "</section>\n");
	}
	report_h_raw(b, "</main></body></html>\n");
	if (b->failed)
		rc = err_set(e, ERR_TOO_BIG, "", "the page is too large");
out:
	report_crosstab_free(month);
	report_crosstab_free(own);
	report_crosstab_free(tg);
	return rc;
}
