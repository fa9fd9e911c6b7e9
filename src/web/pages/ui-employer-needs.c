/* ui-employer-needs: the employers' needs overview (issue 15 item 1). The workers the employers expect per month
 * (a stacked bar chart drawn by the server, with its data table), per region and sector (a table), the challenges
 * they report, the services they want and their interest in longer-term hiring, and the employers with their
 * current needs. The figures come from src/report/employer_needs.c through web_employer_needs, as the API's. */
#include <stdio.h>
#include <string.h>

#include "domain/labels.h"
#include "report/report.h"
#include "web/modules.h"
#include "web/pages/ui-employer-needs.h"

enum { W = 760, H = 300, PAD_L = 56, PAD_R = 16, PAD_B = 64, PAD_T = 24, KINDS = 3 };
static const char *const kinds[KINDS] = {"seasonal", "agency", "permanent"};

static void filter_form(struct page *pg, const struct report_filter *f, const char *sector)
{
	html_printf(pg->b,
	            "<form method=\"get\" action=\"/employer-needs\" class=\"search card filters\" aria-labelledby=\"nf-h\">"
	            "<h2 id=\"nf-h\" class=\"vh\">%s</h2><div class=\"field\"><label for=\"nf-from\">%s</label>"
	            "<input type=\"date\" id=\"nf-from\" name=\"from\" value=\"%s\" required></div><div class=\"field\">"
	            "<label for=\"nf-to\">%s</label><input type=\"date\" id=\"nf-to\" name=\"to\" value=\"%s\" required>"
	            "</div><div class=\"field\"><label for=\"nf-mun\">%s</label><input type=\"text\" id=\"nf-mun\" "
	            "name=\"municipality\" value=\"%s\" maxlength=\"100\" autocomplete=\"off\"></div><div class=\"field\"><label for=\"nf-sector\">%s</label>"
	            "<input type=\"text\" id=\"nf-sector\" name=\"sector\" value=\"%s\" maxlength=\"100\"></div><div class=\"actions\">"
	            "<button type=\"submit\">%s</button> <a href=\"/employer-needs\">%s</a></div></form>",
	            T(pg, "rep.filters"), T(pg, "rep.from"), f->from, T(pg, "rep.to"), f->to, T(pg, "rep.municipality"),
	            f->municipality, T(pg, "f.sector"), sector ? sector : "", T(pg, "rep.show"), T(pg, "rep.clear"));
}

/* A month "YYYY-MM" as the page's language writes it short: "5/2027". */
static void month_label(struct page *pg, const char *ym)
{
	int y = 0, m = 0;
	if (ym && sscanf(ym, "%4d-%2d", &y, &m) == 2)
		html_printf(pg->b, "%d/%d", m, y);
}

/* The workers per month, stacked by kind, with a legend and the data table behind a disclosure. */
static void month_chart(struct page *pg, json_t *by_month)
{
	struct buf *b = pg->b;
	size_t n = json_array_size(by_month), i;
	json_t *row;
	double m = 0;
	json_array_foreach(by_month, i, row) m = (double)jint(row, "workers") > m ? (double)jint(row, "workers") : m;
	double top = 2;
	while (top < m)
		top = top < 10 ? top * 2 : top * 2.5 > m && top * 2 < m ? top * 2.5 : top * 2;
	html_printf(b, "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d "
	               "%d\" aria-labelledby=\"needs-chart-title needs-chart-desc\"><title id=\"needs-chart-title\">%s"
	               "</title><desc id=\"needs-chart-desc\">%s</desc>",
	            W, H, T(pg, "needs.chart"), T(pg, "needs.chart_desc"));
	double plot_h = H - PAD_B - PAD_T, base = H - PAD_B;
	for (int t = 0; t <= 2; t++) {
		double y = base - plot_h * t / 2.0;
		html_printf(b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/><text class=\"axis\" "
		               "x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
		            PAD_L, y, W - PAD_R, y, PAD_L - 6, y + 4);
		page_int(pg, (long long)(top * t / 2.0 + 0.5));
		html_raw_trusted(b, "</text>");
	}
	double step = n ? (double)(W - PAD_L - PAD_R) / (double)n : 0, bw = step > 12 ? step - 8 : step * 0.8;
	json_array_foreach(by_month, i, row) {
		double cx = PAD_L + step * (double)i + step / 2, y = base;
		for (int k = 0; k < KINDS; k++) {
			double h = (double)jint(row, kinds[k]) / top * plot_h;
			if (h > 0)
				html_printf(b, "<rect class=\"bar k-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
				            kinds[k], cx - bw / 2, y - h, bw, h);
			y -= h;
		}
		if (jint(row, "workers")) {
			html_printf(b, "<text class=\"val\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", cx, y - 6);
			page_int(pg, jint(row, "workers"));
			html_raw_trusted(b, "</text>");
		}
		html_printf(b, "<text class=\"lab\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" transform=\"rotate(-35 %.1f "
		               "%.1f)\">",
		            cx, base + 16, cx, base + 16);
		month_label(pg, jstr(row, "month"));
		html_raw_trusted(b, "</text>");
	}
	html_printf(b, "<line class=\"axis-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/></svg>", PAD_L, base,
	            W - PAD_R, base);
	html_raw_trusted(b, "<figcaption><ul class=\"legend\">");
	for (int k = 0; k < KINDS; k++)
		html_printf(b, "<li><span class=\"swatch k-%s\" aria-hidden=\"true\"></span>%s</li>", kinds[k],
		            TK(pg, "needs.kind", kinds[k]));
	html_raw_trusted(b, "</ul></figcaption></figure>");
	html_printf(b, "<details class=\"data\"><summary>%s</summary><div class=\"table-wrap\"><table class=\"list data\" "
	               "id=\"needs-months\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
	            T(pg, "rep.show_table"), T(pg, "needs.chart"), T(pg, "needs.month"));
	for (int k = 0; k < KINDS; k++)
		html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>", TK(pg, "needs.kind", kinds[k]));
	html_printf(b, "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>", T(pg, "needs.col.workers"));
	json_array_foreach(by_month, i, row) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		month_label(pg, jstr(row, "month"));
		html_raw_trusted(b, "</th>");
		for (int k = 0; k < KINDS; k++) {
			html_raw_trusted(b, "<td class=\"num\">");
			page_int(pg, jint(row, kinds[k]));
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "<td class=\"num\">");
		page_int(pg, jint(row, "workers"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></details>");
}

/* Where a text may be empty (an employer without a municipality or sector). */
static void text_or_none(struct page *pg, const char *s)
{
	html_txt(pg->b, s && *s ? s : T(pg, "needs.not_recorded"));
}

/* A sector as the page's language names it (data/labels: the sectors organisations use), else as written. */
static void sector_label(struct page *pg, const char *s)
{
	char name[200];
	if (!s || !*s) {
		html_txt(pg->b, T(pg, "needs.not_recorded"));
		return;
	}
	labels_text(LABEL_SECTOR, s, pg->lang_code, name, sizeof name);
	html_txt(pg->b, name);
}

static void regions_table(struct page *pg, json_t *regions)
{
	struct buf *b = pg->b;
	static const char *const cols[] = {"employers", "workers", "seasonal", "agency", "permanent", "longer_term_yes"};
	html_printf(b, "<section class=\"card report\" aria-labelledby=\"needs-reg-h\"><h2 id=\"needs-reg-h\">%s</h2>",
	            T(pg, "needs.regions"));
	if (!json_array_size(regions)) {
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "needs.empty"));
		return;
	}
	html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"needs-reg-h\"><table "
	               "class=\"list\" id=\"needs-regions\"><caption class=\"vh\">%s"
	               "</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
	            T(pg, "needs.regions"), T(pg, "needs.col.municipality"), T(pg, "needs.col.sector"));
	for (size_t c = 0; c < sizeof cols / sizeof *cols; c++)
		html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>", TK(pg, "needs.col", cols[c]));
	html_raw_trusted(b, "</tr></thead><tbody>");
	size_t i;
	json_t *r;
	json_array_foreach(regions, i, r) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		text_or_none(pg, jstr(r, "municipality"));
		html_raw_trusted(b, "</th><td>");
		sector_label(pg, jstr(r, "sector"));
		html_raw_trusted(b, "</td>");
		for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
			html_printf(b, "<td class=\"num\" data-key=\"%s\">", cols[c]);
			page_int(pg, jint(r, cols[c]));
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></section>");
}

/* Employers per code of one field (the challenges, the services, the interest in hiring for longer). */
static void codes_table(struct page *pg, json_t *list, const char *id, const char *heading_key)
{
	struct buf *b = pg->b;
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"%s\"><caption>%s</caption><thead><tr>"
	               "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	            id, T(pg, heading_key), T(pg, heading_key), T(pg, "needs.col.employers"));
	size_t i;
	json_t *r;
	json_array_foreach(list, i, r) {
		const char *v = jstr(r, "value");
		html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\" data-key=\"%s\">",
		            strcmp(v, "(none)") == 0 ? T(pg, "needs.not_recorded") : TK(pg, "v", v), v);
		page_int(pg, jint(r, "count"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

/* The employers and their current needs; their names link to their pages for those who may open them. */
static void employers_table(struct page *pg, json_t *rows)
{
	struct buf *b = pg->b;
	const bool links = entity_get(ENT_EMPLOYERS)->access[pg->r->p.role] >= ACC_READ;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"needs-emp-h\"><h2 id=\"needs-emp-h\">%s</h2>",
	            T(pg, "needs.employers"));
	if (!json_array_size(rows)) {
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "needs.empty"));
		return;
	}
	html_printf(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"needs-emp-h\"><table "
	               "class=\"list\" id=\"needs-employers\"><thead><tr><th scope=\"col\">"
	               "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" "
	               "class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	            T(pg, "f.name"), T(pg, "needs.col.municipality"), T(pg, "needs.col.sector"), T(pg, "f.reported_on"),
	            T(pg, "needs.col.workers"), T(pg, "f.longer_term_hiring"), T(pg, "f.challenges"));
	size_t i;
	json_t *r;
	const struct field_def *ch = entity_field(entity_get(ENT_EMPLOYER_NEEDS), "challenges");
	const struct field_def *lh = entity_field(entity_get(ENT_EMPLOYER_NEEDS), "longer_term_hiring");
	json_array_foreach(rows, i, r) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		if (links)
			html_printf(b, "<a href=\"/employers/%lld#sec-employer-needs\">%s</a>", (long long)jint(r, "employer_id"),
			            jstr(r, "name"));
		else
			html_txt(b, jstr(r, "name"));
		html_raw_trusted(b, "</th><td>");
		text_or_none(pg, jstr(r, "municipality"));
		html_raw_trusted(b, "</td><td>");
		sector_label(pg, jstr(r, "sector"));
		html_raw_trusted(b, "</td><td>");
		page_date(pg, jstr(r, "reported_on"));
		html_printf(b, "</td><td class=\"num\" data-key=\"workers-%lld\">", (long long)jint(r, "employer_id"));
		page_int(pg, jint(r, "workers"));
		html_raw_trusted(b, "</td><td>");
		page_value(pg, lh, json_object_get(r, "longer_term_hiring"));
		html_raw_trusted(b, "</td><td>");
		page_value(pg, ch, json_object_get(r, "challenges"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div></section>");
}

int ui_employer_needs(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	struct report_filter f = {0};
	const char *sector = NULL;
	json_t *o = NULL;
	int rc = web_employer_needs(r, &f, &sector, &o);
	if (rc)
		return rc;
	page_own(pg, o);
	page_begin(pg, T(pg, "needs.title"), "reports");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/reports\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
	            T(pg, "rep.title"), T(pg, "needs.title"), T(pg, "needs.lead"));
	filter_form(pg, &f, sector);
	html_printf(b, "<section class=\"card report\" aria-labelledby=\"needs-fig-h\"><h2 id=\"needs-fig-h\">%s</h2>"
	               "<p class=\"sub\">%s ",
	            T(pg, "needs.figures"), T(pg, "rep.period"));
	page_date(pg, f.from);
	html_raw_trusted(b, "–");
	page_date(pg, f.to);
	html_raw_trusted(b, "</p><ul class=\"figures\"><li><span class=\"n\" data-key=\"employers\">");
	page_int(pg, jint(o, "employers"));
	html_printf(b, "</span> %s</li><li><span class=\"n\" data-key=\"workers\">", T(pg, "needs.n_employers"));
	page_int(pg, jint(o, "workers"));
	html_printf(b, "</span> %s</li>", T(pg, "needs.n_workers"));
	json_t *bk = json_object_get(o, "by_kind");
	for (int k = 0; k < KINDS; k++) {
		html_printf(b, "<li><span class=\"n\" data-key=\"%s\">", kinds[k]);
		page_int(pg, jint(bk, kinds[k]));
		html_printf(b, "</span> %s</li>", TK(pg, "needs.kind", kinds[k]));
	}
	html_raw_trusted(b, "</ul>");
	month_chart(pg, json_object_get(o, "by_month"));
	html_raw_trusted(b, "</section>");
	regions_table(pg, json_object_get(o, "regions"));
	html_printf(b, "<section class=\"card report\" aria-labelledby=\"needs-ch-h\"><h2 id=\"needs-ch-h\">%s</h2>",
	            T(pg, "needs.challenges_services"));
	codes_table(pg, json_object_get(o, "challenges"), "needs-challenges", "f.challenges");
	codes_table(pg, json_object_get(o, "services_wanted"), "needs-services", "f.services_wanted");
	codes_table(pg, json_object_get(o, "longer_term_hiring"), "needs-hiring", "f.longer_term_hiring");
	html_raw_trusted(b, "</section>");
	employers_table(pg, json_object_get(o, "rows"));
	html_printf(b, "<section class=\"exports\" aria-labelledby=\"needs-exp-h\"><h2 id=\"needs-exp-h\">%s</h2>"
	               "<ul class=\"plain\"><li><a href=\"/api/v1/reports/employer-needs.csv?lang=%s&amp;from=",
	            T(pg, "needs.download"), pg->lang_code);
	html_url(b, f.from);
	html_raw_trusted(b, "&amp;to=");
	html_url(b, f.to);
	if (f.municipality[0]) {
		html_raw_trusted(b, "&amp;municipality=");
		html_url(b, f.municipality);
	}
	if (sector && *sector) {
		html_raw_trusted(b, "&amp;sector=");
		html_url(b, sector);
	}
	html_printf(b, "\" download>%s</a></li></ul><p class=\"hint\">%s</p></section>", T(pg, "needs.csv"),
	            T(pg, "needs.note"));
	return page_end(pg);
}
