/* ui-employer-needs: the employers' needs overview (issue 15 item 1). The workers the employers expect per month
 * (a stacked bar chart drawn by the server, with its data table), per region and sector (a table), the challenges
 * they report, the services they want and their interest in longer-term hiring, and the employers with their
 * current needs. The figures come from src/report/employer_needs.c through web_employer_needs, as the API's. */
#include <stdio.h>
#include <string.h>

#include "app/survey_review.h"
#include "domain/labels.h"
#include "report/report.h"
#include "store/survey_store.h"
#include "web/modules.h"
#include "web/pages/survey_internal.h"
#include "web/pages/ui-employer-needs.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

enum { W = 760, H = 300, PAD_L = 56, PAD_R = 16, PAD_B = 64, PAD_T = 24, KINDS = 3 };
static const char *const kinds[KINDS] = {"seasonal", "agency", "permanent"};

static void filter_form(struct page *pg, const struct report_filter *f, const char *sector)
{
	page_filter_begin(pg, "/employer-needs", "nf-h");
	page_period_fields(pg, "nf", f->from, f->to);
	html_printf(pg->b,
	            "<div class=\"field\"><label for=\"nf-mun\">%s</label><input type=\"text\" id=\"nf-mun\" "
	            "name=\"municipality\" value=\"%s\" maxlength=\"100\" autocomplete=\"off\"></div><div class=\"field\"><label for=\"nf-sector\">%s</label>"
	            "<input type=\"text\" id=\"nf-sector\" name=\"sector\" value=\"%s\" maxlength=\"100\"></div>",
	            T(pg, "rep.municipality"), f->municipality, T(pg, "f.sector"), sector ? sector : "");
	page_filter_end(pg, "/employer-needs");
}

/* A workers count on the chart's axis. */
static void axis_label(struct page *pg, double v, const void *arg)
{
	(void)arg;
	page_int(pg, (long long)(v + 0.5));
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
	html_printf(b, "<figure class=\"chart\" tabindex=\"0\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d "
	               "%d\" aria-labelledby=\"needs-chart-title needs-chart-desc\"><title id=\"needs-chart-title\">%s"
	               "</title><desc id=\"needs-chart-desc\">%s</desc>",
	            W, H, T(pg, "needs.chart"), T(pg, "needs.chart_desc"));
	double plot_h = H - PAD_B - PAD_T, base = H - PAD_B;
	page_chart_grid(pg, PAD_L, W - PAD_R, base, plot_h, top, axis_label, NULL);
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

/* Opens a section (of class cls) headed by title_key's text, its heading's id h_id, and in it the wide table (id
 * table_id) of rows; false when there are no rows: the section then says so and is closed. */
static bool table_section_begin(struct page *pg, const char *cls, const char *h_id, const char *title_key, json_t *rows,
                                const char *table_id)
{
	html_printf(pg->b, "<section class=\"%s\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>", cls, h_id, h_id,
	            T(pg, title_key));
	if (!json_array_size(rows)) {
		html_printf(pg->b, "<p class=\"empty\">%s</p></section>", T(pg, "needs.empty"));
		return false;
	}
	page_wide_table_begin(pg, h_id, table_id);
	return true;
}

static void regions_table(struct page *pg, json_t *regions)
{
	struct buf *b = pg->b;
	static const char *const cols[] = {"employers", "workers", "seasonal", "agency", "permanent", "longer_term_yes"};
	if (!table_section_begin(pg, "card report", "needs-reg-h", "needs.regions", regions, "needs-regions"))
		return;
	html_printf(b, "<caption class=\"vh\">%s</caption><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
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
	page_count_table_begin(pg, id, T(pg, heading_key), T(pg, "needs.col.employers"));
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
	const bool links = page_may(pg, entity_get(ENT_EMPLOYERS), ACC_READ);
	if (!table_section_begin(pg, "card", "needs-emp-h", "needs.employers", rows, "needs-employers"))
		return;
	page_table_head(pg,
	                (const char *const[]){"f.name", "needs.col.municipality", "needs.col.sector", "f.reported_on",
	                                      "#needs.col.workers", "f.longer_term_hiring", "f.challenges", NULL});
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
	page_report_begin(pg, "needs.title", "needs.lead");
	filter_form(pg, &f, sector);
	html_printf(b,
	            "<section class=\"card report\" aria-labelledby=\"needs-fig-h\"><h2 id=\"needs-fig-h\">%s</h2>"
	            "<p class=\"sub\">",
	            T(pg, "needs.figures"));
	page_period(pg, f.from, f.to);
	html_raw_trusted(b, "</p><ul class=\"figures\">");
	page_figure(pg, "employers", jint(o, "employers"), T(pg, "needs.n_employers"));
	page_figure(pg, "workers", jint(o, "workers"), T(pg, "needs.n_workers"));
	json_t *bk = json_object_get(o, "by_kind");
	for (int k = 0; k < KINDS; k++)
		page_figure(pg, kinds[k], jint(bk, kinds[k]), TK(pg, "needs.kind", kinds[k]));
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

/* ---------------------------------------------------------------- the needs survey on an employer's page */

/* The newest version of the employer-needs survey the organisation may use (0 when none is registered). */
static int64_t needs_survey_id(struct page *pg)
{
	json_t *items = NULL;
	struct err e = {0};
	if (survey_store_list(pg->r->store, pg->r->p.org_id, &items, &e))
		return 0;
	page_own(pg, items);
	size_t i;
	json_t *s;
	json_array_foreach(items, i, s) if (jstr(s, "slug") && strcmp(jstr(s, "slug"), SURVEY_EMPLOYER_NEEDS) == 0) return jint(s, "id");
	return 0;
}

/* One answer of a response as words: a coded answer by its option's text in the page's language. */
static void answer_text(struct page *pg, const struct survey_def *def, const char *qid, json_t *v)
{
	const struct survey_question *q = survey_find_question(def, qid);
	size_t i;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			if (i)
				html_raw_trusted(pg->b, ", ");
			answer_text(pg, def, qid, x);
		}
		return;
	}
	for (size_t o = 0; q && json_is_string(v) && o < q->n_options; o++)
		if (strcmp(q->options[o].value, json_string_value(v)) == 0) {
			html_txt(pg->b, survey_text(def, &q->options[o].text, pg->lang_code));
			return;
		}
	if (json_is_string(v))
		html_txt(pg->b, json_string_value(v));
	else if (json_is_number(v))
		page_int(pg, (long long)json_number_value(v));
}

/* A response's answers, question by question in the survey's order, in the page's language. */
static void answers_list(struct page *pg, const struct survey_review *rv)
{
	struct buf *b = pg->b;
	const struct survey_def *d = rv->def;
	html_raw_trusted(b, "<dl class=\"facts\">");
	for (size_t g = 0; g < d->n_groups; g++) {
		const struct survey_group *gr = &d->groups[g];
		json_t *rows = gr->repeatable ? json_object_get(rv->answers, gr->id) : NULL;
		size_t nrows = gr->repeatable ? json_array_size(rows) : 1;
		for (size_t r = 0; r < nrows; r++) {
			json_t *src = gr->repeatable ? json_array_get(rows, r) : rv->answers;
			if (gr->repeatable)
				html_printf(b, "<dt>%s</dt><dd>", survey_text(d, &gr->title, pg->lang_code));
			for (size_t q = 0; q < gr->n_questions; q++) {
				json_t *v = json_object_get(src, gr->questions[q].id);
				if (!v || json_is_null(v) || (json_is_array(v) && !json_array_size(v)))
					continue;
				if (gr->repeatable) {
					html_raw_trusted(b, q ? " · " : "");
					answer_text(pg, d, gr->questions[q].id, v);
				} else {
					html_printf(b, "<dt>%s</dt><dd>", survey_text(d, &gr->questions[q].text, pg->lang_code));
					answer_text(pg, d, gr->questions[q].id, v);
					html_raw_trusted(b, "</dd>");
				}
			}
			if (gr->repeatable)
				html_raw_trusted(b, "</dd>");
		}
	}
	html_raw_trusted(b, "</dl>");
}

/* One of the buttons on answers waiting for a review: a form posting to the employer's
 * /needs-answers/{answer}/verb (accept, dismiss), its button (a secondary one or not) labelled by label_key's text. */
static void answer_button(struct page *pg, int64_t employer_id, int64_t answer, const char *verb, bool secondary,
                          const char *label_key)
{
	char action[128], fid[48];
	snprintf(action, sizeof action, "/employers/%lld/needs-answers/%lld/%s", (long long)employer_id,
	         (long long)answer, verb);
	snprintf(fid, sizeof fid, "needs-%s-%lld", verb, (long long)answer);
	page_form_begin(pg, fid, action);
	html_raw_trusted(pg->b, "<div class=\"actions\"><button type=\"submit\"");
	html_attr_if(pg->b, secondary, "class", "secondary");
	html_printf(pg->b, ">%s</button></div></form>", T(pg, label_key));
}

/* The answers that wait for a review, of the links made for this employer (20 at the most), each with its accept and
 * dismiss buttons. */
static int answers_waiting(struct page *pg, int64_t employer_id)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *queue = NULL;
	struct err e = {0};
	if (survey_review_list(web_actor(r), "submitted", &queue, &e))
		return web_fail(r, e.code ? (int)e.code : ERR_INTERNAL, &e);
	size_t i, shown = 0;
	json_t *row;
	json_array_foreach(queue, i, row) {
		if (jint(row, "invitation_employer_id") != employer_id || shown >= 20)
			continue;
		struct survey_review rv = {0};
		if (survey_review_get(web_actor(r), jint(row, "id"), &rv, &e))
			return web_fail(r, e.code ? (int)e.code : ERR_INTERNAL, &e);
		if (!shown++)
			html_printf(b, "<h3>%s</h3>", T(pg, "needs.answers"));
		html_printf(b, "<div class=\"needs-answer\" id=\"needs-answer-%lld\"><p class=\"sub\">%s ",
		            (long long)jint(row, "id"), T(pg, "needs.answered_on"));
		page_date(pg, jstr(row, "submitted_at"));
		html_raw_trusted(b, "</p>");
		answers_list(pg, &rv);
		answer_button(pg, employer_id, jint(row, "id"), "accept", false, "needs.accept");
		answer_button(pg, employer_id, jint(row, "id"), "dismiss", true, "needs.dismiss");
		html_raw_trusted(b, "</div>");
	}
	return 0;
}

int ui_employer_needs_section(struct page *pg, int64_t employer_id)
{
	if (!page_may(pg, entity_get(ENT_EMPLOYER_NEEDS), ACC_WRITE))
		return 0;
	struct buf *b = pg->b;
	html_printf(b, "<section class=\"card\" id=\"sec-needs-survey\"><h2>%s</h2><p class=\"hint\">%s</p>",
	            T(pg, "needs.survey"), T(pg, "needs.survey_lead"));
	char action[96];
	snprintf(action, sizeof action, "/employers/%lld/needs-survey", (long long)employer_id);
	page_form_begin(pg, "needs-survey", action);
	html_printf(b,
	            "<div class=\"field\"><label for=\"needs-survey-lang\">%s</label><select id=\"needs-survey-lang\" "
	            "name=\"lang\"><option value=\"fi\"%s>suomi</option><option value=\"sv\"%s>svenska</option>"
	            "<option value=\"en\"%s>English</option></select></div><div class=\"actions\"><button "
	            "type=\"submit\">%s</button></div></form>",
	            T(pg, "needs.survey_lang"), pg->lang == LANG_FI ? " selected" : "",
	            pg->lang == LANG_SV ? " selected" : "", pg->lang == LANG_EN ? " selected" : "",
	            T(pg, "needs.survey_send"));
	int rc = answers_waiting(pg, employer_id);
	if (rc)
		return rc;
	html_raw_trusted(b, "</section>");
	return 0;
}

/* POST /employers/{id}/needs-survey: a single-use link for 30 days, shown once with its QR code. */
int ui_employer_needs_survey(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	json_t *emp = NULL;
	int rc = page_get(pg, "employers", id, &emp);
	if (rc)
		return rc;
	int64_t sid = needs_survey_id(pg);
	if (!sid)
		return web_error(r, ERR_NOT_FOUND, "survey_id", "the employer-needs survey is not registered");
	const char *lang = form_get(&pg->form, "lang");
	json_t *body = page_own(pg, json_pack("{s:I,s:I,s:s,s:i,s:b,s:s}", "survey_id", (json_int_t)sid, "employer_id",
	                                      (json_int_t)id, "lang", lang && strlen(lang) == 2 ? lang : pg->lang_code,
	                                      "expires_in_days", 30, "single_use", 1, "label", jstr(emp, "name")));
	json_t *out = NULL;
	if ((rc = survey_web_invite(r, body, &out)))
		return rc;
	page_own(pg, out);
	json_t *it = json_array_get(json_object_get(out, "items"), 0);
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "needs.survey"), "employers");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/employers/%lld\">%s</a></p><h1>%s</h1><p class=\"notice\" "
	               "role=\"status\">%s</p><link rel=\"stylesheet\" href=\"/static/survey.css\"><div class=\"card\">"
	               "<ul class=\"qr-sheet\"><li class=\"qr-card\"><p class=\"qr-label\">%s</p>",
	            (long long)id, jstr(emp, "name"), T(pg, "needs.survey"), T(pg, "survey.shown_once"), jstr(emp, "name"));
	if (survey_web_qr_svg(b, jstr(it, "url"), T(pg, "survey.qr_label")))
		html_printf(b, "<p class=\"err\">%s</p>", T(pg, "survey.qr_failed"));
	html_printf(b, "<p class=\"qr-link\"><a href=\"%s\" class=\"survey-link\" id=\"needs-survey-link\">%s</a></p>"
	               "<p class=\"hint\">%s ",
	            jstr(it, "url"), jstr(it, "url"), T(pg, "survey.expires"));
	page_date(pg, jstr(it, "expires_at"));
	html_printf(b, "</p></li></ul></div><p><a href=\"/employers/%lld\">%s</a></p>", (long long)id,
	            T(pg, "needs.back"));
	r->status = 201;
	return page_end(pg);
}

/* POST /employers/{id}/needs-answers/{rid}/accept | dismiss: the answers become a needs record of the employer (the
 * one the link names: a link of another employer is refused), or are closed without one. */
static int review(struct page *pg, bool accept)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0), rid = web_param_id(r, 1);
	struct survey_review rv = {0};
	struct err e = {0};
	int rc = survey_review_get(web_actor(r), rid, &rv, &e);
	if (!rc && jint(rv.row, "invitation_employer_id") != id)
		rc = err_set(&e, ERR_NOT_FOUND, "id", "no answers of this employer with that id");
	int64_t need = 0;
	json_t *written;
	if (!rc)
		rc = accept ? survey_review_accept_needs(web_actor(r), rid, id, &need, &written, &e)
		            : survey_review_dismiss(web_actor(r), rid, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return page_redirectf(pg, "/employers/%lld?done=%s#%s", (long long)id, accept ? "needs_accepted" : "dismissed",
	                      accept ? "sec-current-needs" : "sec-needs-survey");
}

int ui_employer_needs_accept(struct page *pg)
{
	return review(pg, true);
}

int ui_employer_needs_dismiss(struct page *pg)
{
	return review(pg, false);
}

/* ---------------------------------------------------------------- one needs record and its arrivals */

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})
static const struct ui_part need_parts[] = {
	{"employer-need-arrivals", L("month", "year", "title", "esco_occupation", "workers", "kind"),
	 L("year", "month", "title", "esco_occupation", "workers", "kind")},
};

static int need_page(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *need = NULL, *emp = NULL;
	int rc = page_get(pg, "employer-needs", id, &need);
	if (rc || (rc = page_get(pg, "employers", jint(need, "employer_id"), &emp)))
		return rc;
	page_begin(pg, T(pg, "needs.record"), "employers");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/employers/%lld#sec-employer-needs\">%s</a>"
	               "</p><h1>%s ",
	            (long long)jint(emp, "id"), jstr(emp, "name"), T(pg, "needs.record"));
	page_date(pg, jstr(need, "reported_on"));
	html_printf(b, "</h1></div><div class=\"head-actions\"><a class=\"button secondary\" href=\"/edit/employer-needs/"
	               "%lld?back=/employer-needs/%lld\">%s</a></div></div>",
	            (long long)id, (long long)id, T(pg, "form.edit"));
	page_notice(pg);
	static const char *const facts[] = {"source", "longer_term_hiring", "skills_lacking", "challenges",
	                                    "services_wanted", "notes", NULL};
	html_raw_trusted(b, "<section class=\"card\">");
	page_facts(pg, entity_get(ENT_EMPLOYER_NEEDS), facts, need);
	html_raw_trusted(b, "</section>");
	if ((rc = ui_part_sections(pg, "/employer-needs", id, "h2", need_parts, 1)))
		return rc;
	html_printf(b, "<p><a href=\"/employers/%lld\">%s</a> · <a href=\"/employer-needs\">%s</a></p>",
	            (long long)jint(emp, "id"), T(pg, "needs.back"), T(pg, "needs.overview_link"));
	return page_end(pg);
}

int ui_employer_need(struct page *pg)
{
	return page_by_id(pg, need_page, "needs record");
}

int ui_employer_need_add(struct page *pg)
{
	return ui_part_add(pg, "/employer-needs", need_parts, 1, need_page, false, "no such needs record or list");
}
