/* ui-survey-summary: the survey summary page (issue 14 item 6): what a survey's answers say, for the staff who write
 * the pilot's report: per question the respondents and each answer's count and share, optionally by language,
 * nationality, role or respondent (worker or spouse), the free texts for reading, and the funder's CSV (small counts hidden) in fi, sv or en. The
 * figures are web_survey_summary's, the same as GET /api/v1/reports/survey-summary. */
#include <stdio.h>
#include <string.h>

#include "report/report.h"
#include "store/survey_store.h"
#include "web/modules.h"
#include "web/pages/pages.h"

static const char *const dims[] = {"none", "lang", "nationality", "role", "respondent", NULL};

/* The slugs of the surveys the organisation may use, each once. */
static json_t *slugs_of(struct page *pg)
{
	json_t *items = NULL, *out = page_own(pg, json_array());
	struct err e = {0};
	if (survey_store_list(pg->r->store, pg->r->p.org_id, &items, &e))
		return out;
	size_t i;
	json_t *x;
	json_array_foreach(items, i, x) {
		const char *slug = jstr(x, "slug");
		bool seen = false;
		size_t k;
		json_t *y;
		json_array_foreach(out, k, y) {
			seen = seen || (slug && strcmp(json_string_value(y), slug) == 0);
		}
		if (slug && !seen)
			json_array_append_new(out, json_string(slug));
	}
	json_decref(items);
	return out;
}

static void filter_form(struct page *pg, json_t *slugs, const char *slug, const char *by, json_t *filter)
{
	struct buf *b = pg->b;
	page_filter_begin(pg, "/reports/surveys", "ssf-h");
	page_select_begin(pg, "ss-survey", "survey", "ss.survey", "ss.pick", true);
	size_t i;
	json_t *x;
	json_array_foreach(slugs, i, x) {
		const char *v = json_string_value(x);
		html_printf(b, "<option value=\"%s\"%s>%s</option>", v, slug && strcmp(v, slug) == 0 ? " selected" : "",
		            TK(pg, "ss.slug", v));
	}
	html_raw_trusted(b, "</select></div>");
	page_select_begin(pg, "ss-by", "by", "ss.by", "ss.by_none", false);
	for (size_t d = 1; dims[d]; d++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", dims[d], by && strcmp(by, dims[d]) == 0 ? " selected" : "",
		            TK(pg, "ss.by", dims[d]));
	html_raw_trusted(b, "</select></div>");
	const char *from = jstr(filter, "from"), *to = jstr(filter, "to");
	page_period_fields(pg, "ss", from, to);
	page_filter_end(pg, NULL);
}

static void cell(struct page *pg, json_t *v, bool pct)
{
	html_raw_trusted(pg->b, "<td class=\"num\">");
	if (json_is_integer(v) && !pct) {
		page_int(pg, json_integer_value(v));
	} else if (json_is_number(v)) {
		page_real(pg, json_number_value(v), 1);
		html_raw_trusted(pg->b, "&nbsp;%");
	} else {
		html_raw_trusted(pg->b, "–");
	}
	html_raw_trusted(pg->b, "</td>");
}

/* A dimension value as a word: a language or a country by name, a role by the catalogue. */
static void dim_label(struct page *pg, const char *by, const char *v, char *out, size_t n)
{
	if (strcmp(v, "(none)") == 0)
		snprintf(out, n, "%s", T(pg, "ip.none"));
	else if (strcmp(by, "lang") == 0 || strcmp(by, "nationality") == 0)
		page_display_name(pg, v, strcmp(by, "nationality") == 0, out, n);
	else
		snprintf(out, n, "%s", TK(pg, "ss.role", v));
}

static void question_table(struct page *pg, json_t *q, const char *by, json_t *groups, size_t qi)
{
	struct buf *b = pg->b;
	bool cross = strcmp(by, "none") != 0;
	/* the question above its table, not as the caption: a caption is as wide as the table, and on a phone a wide
	 * table's caption runs off the screen */
	html_printf(b, "<h3 class=\"q\" id=\"ss-%s-q\">%s</h3><div class=\"table-wrap\"><table class=\"list data\" "
	               "id=\"ss-%s\" aria-labelledby=\"ss-%s-q\"><thead><tr>"
	               "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s"
	               "</th>",
	            jstr(q, "id"), jstr(q, "text"), jstr(q, "id"), jstr(q, "id"), T(pg, "ss.col.answer"),
	            T(pg, "ss.col.count"), T(pg, "ss.col.pct"));
	const char *d;
	json_t *x;
	char name[128];
	json_object_foreach(groups, d, x) {
		if (!cross)
			break;
		dim_label(pg, by, d, name, sizeof name);
		html_raw_trusted(b, "<th scope=\"col\" class=\"num\">");
		html_txt(b, name);
		html_raw_trusted(b, "</th>");
	}
	html_raw_trusted(b, "</tr></thead><tbody>");
	size_t vi;
	json_t *v;
	json_array_foreach(json_object_get(q, "values"), vi, v) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		html_txt(b, jstr(v, "text"));
		html_printf(b, "</th>");
		cell(pg, json_object_get(v, "count"), false);
		cell(pg, json_object_get(v, "pct"), true);
		json_object_foreach(groups, d, x) {
			if (!cross)
				break;
			cell(pg, json_object_get(json_object_get(v, "by"), d), false);
		}
		html_raw_trusted(b, "</tr>");
	}
	html_printf(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", T(pg, "ss.answered"));
	cell(pg, json_object_get(q, "answered"), false);
	html_raw_trusted(b, "<td></td>");
	json_object_foreach(groups, d, x) {
		if (!cross)
			break;
		cell(pg, json_object_get(json_object_get(q, "answered_by"), d), false);
	}
	html_raw_trusted(b, "</tr></tfoot></table></div>");
	(void)qi;
}

int ui_survey_summary(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *slugs = slugs_of(pg);
	const char *slug = web_query(r, "survey");
	if ((!slug || !*slug) && json_array_size(slugs))
		slug = json_string_value(json_array_get(slugs, 0));
	const char *by = web_query(r, "by");
	if (!by || !*by)
		by = "none";
	json_t *sum = NULL;
	if (web_query(r, "survey")) { /* chosen: its summary (a bad filter is the error page's 400 with its message) */
		int rc = web_survey_summary(r, 0, &sum);
		if (rc)
			return rc;
		page_own(pg, sum);
	}
	page_report_begin(pg, "ss.title", "ss.lead");
	json_t *filter = sum ? json_object_get(sum, "filter") : NULL;
	json_t *dflt = NULL;
	if (!filter) {
		struct report_filter f = {0};
		report_filter_init(&f, r->p.org_id);
		dflt = page_own(pg, json_pack("{s:s,s:s}", "from", f.from, "to", f.to));
		filter = dflt;
	}
	filter_form(pg, slugs, slug, by, filter);
	if (sum) {
		html_raw_trusted(b, "<ul class=\"figures\">");
		page_figure(pg, "responses", jint(sum, "responses"), T(pg, "ss.responses"));
		html_raw_trusted(b, "</ul>");
		html_raw_trusted(b, "<p class=\"exports\"><a download href=\"/api/v1/reports/survey-summary.csv?survey=");
		html_url(b, slug);
		html_raw_trusted(b, "&amp;by=");
		html_url(b, by);
		html_printf(b, "&amp;from=%s&amp;to=%s&amp;lang=%s\">%s</a></p><p class=\"hint\">%s <strong>&lt;%d</strong>.</p>",
		            jstr(filter, "from"), jstr(filter, "to"), pg->lang_code, T(pg, "ss.csv"), T(pg, "ss.note"),
		            report_min_cell());
		if (strcmp(by, "respondent") == 0) /* whose column an answer is in */
			html_printf(b, "<p class=\"hint\" id=\"ss-respondent-note\">%s</p>", T(pg, "ss.respondent_note"));
		json_t *groups = json_object_get(sum, "groups");
		size_t qi;
		json_t *q;
		html_printf(b, "<section class=\"card\" aria-labelledby=\"ss-q\"><h2 id=\"ss-q\">%s</h2>", T(pg, "ss.questions"));
		json_array_foreach(json_object_get(sum, "questions"), qi, q) question_table(pg, q, by, groups, qi);
		html_raw_trusted(b, "</section>");
		json_t *texts = json_object_get(sum, "free_texts");
		if (json_array_size(texts)) {
			html_printf(b, "<section class=\"card\" aria-labelledby=\"ss-t\"><h2 id=\"ss-t\">%s</h2>", T(pg, "ss.texts"));
			json_array_foreach(texts, qi, q) {
				html_raw_trusted(b, "<details><summary>");
				html_txt(b, jstr(q, "text"));
				html_raw_trusted(b, "</summary><ul>");
				size_t k;
				json_t *t;
				json_array_foreach(json_object_get(q, "answers"), k, t) {
					html_raw_trusted(b, "<li>");
					html_txt(b, json_string_value(t));
					html_raw_trusted(b, "</li>");
				}
				html_raw_trusted(b, "</ul></details>");
			}
			html_raw_trusted(b, "</section>");
		}
	}
	return page_end(pg);
}
