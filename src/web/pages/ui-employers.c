/* ui-employers: employers (list with search), a new employer, and an employer's page with contacts, vacancies, the
 * services given to it and its needs (the current ones, and their history). */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "web/pages/ui-employer-needs.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const employer_fields[] = {"name", "business_id", "sector", "municipality", "coordinator_id",
                                              "size", "website", "notes", NULL};

int ui_employers(struct page *pg)
{
	struct buf *b = pg->b;
	const char *q = ui_list_search_text(pg);
	struct store_list_query lq = {.q = q, .limit = 500};
	json_t *items = NULL;
	int64_t total = 0;
	int rc = page_list(pg, "employers", &lq, &items, &total);
	if (rc)
		return rc;
	const struct entity_def *d = entity_get(ENT_EMPLOYERS);
	ui_list_begin(pg, d, "employers.title", "employers", "/employers/new", "employers.new");
	html_printf(b, "<form method=\"get\" action=\"/employers\" class=\"search card\" role=\"search\"><div class=\"field\">"
	               "<label for=\"emp-q\">%s</label><input type=\"search\" id=\"emp-q\" name=\"q\" value=\"%s\"></div>"
	               "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	            T(pg, "employers.search"), q ? q : "", T(pg, "caseload.search_button"));
	if (!ui_list_found(pg, total, items))
		return page_end(pg);
	static const char *const cols[] = {"business_id", "sector", "municipality", "coordinator_id"};
	ui_list_table(pg, d, items, "/employers", "name", "f.name", cols, 4);
	return page_end(pg);
}

int ui_employer_new(struct page *pg)
{
	page_begin(pg, T(pg, "employers.new"), "employers");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/employers\">%s</a></p><h1>%s</h1><div class=\"card\">",
	            T(pg, "employers.title"), T(pg, "employers.new"));
	page_form_begin(pg, "employer-new", "/employers/new");
	json_t *defaults = NULL;
	if (pg->r->p.role == ROLE_COORDINATOR) {
		defaults = json_pack("{s:I}", "coordinator_id", (json_int_t)pg->r->p.user_id);
		arena_defer(pg->r->arena, (void (*)(void *))json_decref, defaults);
	}
	return ui_new_form_end(pg, "employer-new", entity_get(ENT_EMPLOYERS), employer_fields, defaults);
}

int ui_employer_create(struct page *pg)
{
	json_t *body = page_form_json(pg, entity_get(ENT_EMPLOYERS), employer_fields, true);
	return page_create_then_show(pg, entity_get(ENT_EMPLOYERS), body, "employer-new", "/employers",
	                             ui_employer_new);
}

static const struct ui_part parts[] = {
	{"employer-contacts", L("name", "title", "email", "phone"), L("name", "title", "email", "phone")},
	{"employer-services", L("type", "given_on", "staff_id", "notes"), L("type", "given_on", "notes")},
	/* needs with their history: newest first, a new report is a new record (issue 15 item 1) */
	{"employer-needs", L("reported_on", "source", "longer_term_hiring", "challenges", "services_wanted"),
	 L("reported_on", "source", "longer_term_hiring", "skills_lacking", "challenges", "services_wanted", "notes")},
};

/* The employer's current needs (its newest record) with the workers it expects, and the way to the overview. */
static int current_needs(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *needs = NULL, *arr = NULL;
	int rc = ui_list_by(pg, "employer-needs", "employer_id", id, 1, &needs);
	if (rc)
		return rc;
	json_t *cur = json_array_get(needs, 0);
	html_printf(b, "<section class=\"card\" id=\"sec-current-needs\"><h2>%s</h2>", T(pg, "needs.current"));
	if (!cur) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "needs.none_yet"));
	} else {
		const struct entity_def *nd = entity_get(ENT_EMPLOYER_NEEDS), *ad = entity_get(ENT_EMPLOYER_NEED_ARRIVALS);
		html_printf(b, "<p class=\"sub\">%s ", T(pg, "f.reported_on"));
		page_date(pg, jstr(cur, "reported_on"));
		html_raw_trusted(b, "</p>");
		static const char *const facts[] = {"source", "longer_term_hiring", "skills_lacking", "challenges",
		                                    "services_wanted", "notes", NULL};
		page_facts(pg, nd, facts, cur);
		if ((rc = ui_list_by(pg, "employer-need-arrivals", "need_id", jint(cur, "id"), 200, &arr)))
			return rc;
		html_printf(b, "<h3>%s</h3><p><a href=\"/employer-needs/%lld#sec-employer-need-arrivals\">%s</a></p>",
		            TK(pg, "e", "employer-need-arrivals"), (long long)jint(cur, "id"), T(pg, "needs.open_record"));
		if (page_has_rows(pg, arr)) {
			static const char *const cols[] = {"month", "title", "workers", "kind"};
			page_field_list_head(pg, "current-arrivals", ad, cols, sizeof cols / sizeof *cols, NULL);
			size_t i;
			json_t *a;
			json_array_foreach(arr, i, a) {
				html_raw_trusted(b, "<tr>");
				for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
					html_raw_trusted(b, "<td>");
					if (strcmp(cols[c], "month") == 0) /* "5/2027": a year is not written 2 027 */
						html_printf(b, "%lld/%lld", (long long)jint(a, "month"), (long long)jint(a, "year"));
					else if (strcmp(cols[c], "kind") == 0)
						html_txt(b, TK(pg, "needs.kind", jstr(a, "kind")));
					else
						page_value(pg, entity_field(ad, cols[c]), json_object_get(a, cols[c]));
					html_raw_trusted(b, "</td>");
				}
				html_raw_trusted(b, "</tr>");
			}
			html_raw_trusted(b, "</tbody></table></div>");
		}
	}
	html_printf(b, "<p class=\"hint\">%s</p><p><a href=\"/employer-needs\">%s</a></p></section>",
	            T(pg, "needs.history_hint"), T(pg, "needs.overview_link"));
	return 0;
}

static int employer_page(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *emp = NULL;
	int rc = page_get(pg, "employers", id, &emp);
	if (rc)
		return rc;
	const struct entity_def *d = entity_get(ENT_EMPLOYERS);
	page_begin(pg, jstr(emp, "name"), "employers");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/employers\">%s</a></p><h1>%s</h1></div>",
	            T(pg, "employers.title"), jstr(emp, "name"));
	html_printf(b, "<div class=\"head-actions\"><a class=\"button secondary\" href=\"/edit/employers/%lld?back="
	               "/employers/%lld\">%s</a> <a class=\"button\" href=\"/vacancies/new?employer_id=%lld\">%s</a></div>"
	               "</div>",
	            (long long)id, (long long)id, T(pg, "form.edit"), (long long)id, T(pg, "vacancies.new"));
	page_notice(pg);
	html_raw_trusted(b, "<section class=\"card\">");
	page_facts(pg, d, employer_fields + 1, emp);
	html_raw_trusted(b, "</section>");
	if ((rc = current_needs(pg, id)) || (rc = ui_employer_needs_section(pg, id)) ||
	    (rc = ui_part_sections(pg, "/employers", id, "h2", parts, sizeof parts / sizeof *parts)))
		return rc;
	json_t *vacs = NULL;
	if ((rc = ui_list_by(pg, "vacancies", "employer_id", id, 200, &vacs)))
		return rc;
	html_printf(b, "<section class=\"card\" id=\"sec-vacancies\"><h2>%s</h2>", T(pg, "vacancies.title"));
	if (page_has_rows(pg, vacs)) {
		html_raw_trusted(b, "<ul class=\"plain\">");
		size_t i;
		json_t *v;
		json_array_foreach(vacs, i, v) html_printf(b, "<li><a href=\"/vacancies/%lld\">%s</a> <span class=\"badge\">%s</span></li>",
		                                           (long long)jint(v, "id"), jstr(v, "title"),
		                                           TK(pg, "v", jstr(v, "status")));
		html_raw_trusted(b, "</ul>");
	}
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

int ui_employer(struct page *pg)
{
	return page_by_id(pg, employer_page, "employer");
}

int ui_employer_add(struct page *pg)
{
	return ui_part_add(pg, "/employers", parts, sizeof parts / sizeof *parts, employer_page, false,
	                   "no such employer or list");
}
