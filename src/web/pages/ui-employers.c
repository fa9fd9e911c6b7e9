/* ui-employers: employers (list with search), a new employer, and an employer's page with contacts, vacancies and
 * the services given to it. */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const employer_fields[] = {"name", "business_id", "sector", "municipality", "coordinator_id",
                                              "size", "website", "notes", NULL};

int ui_employers(struct page *pg)
{
	struct buf *b = pg->b;
	const char *q = web_query(pg->r, "q");
	if (q && strlen(q) > 200)
		q = NULL;
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

static int new_page(struct page *pg)
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

int ui_employer_new(struct page *pg)
{
	return new_page(pg);
}

int ui_employer_create(struct page *pg)
{
	json_t *body = page_form_json(pg, entity_get(ENT_EMPLOYERS), employer_fields, true);
	return page_create_then_show(pg, entity_get(ENT_EMPLOYERS), body, "employer-new", "/employers", new_page);
}

static const struct ui_part parts[] = {
	{"employer-contacts", L("name", "title", "email", "phone"), L("name", "title", "email", "phone")},
	{"employer-services", L("type", "given_on", "staff_id", "notes"), L("type", "given_on", "notes")},
};

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
	if ((rc = ui_part_sections(pg, "/employers", id, "h2", parts, 2)))
		return rc;
	json_t *vacs = NULL;
	if ((rc = ui_list_by(pg, "vacancies", "employer_id", id, 200, &vacs)))
		return rc;
	html_printf(b, "<section class=\"card\" id=\"sec-vacancies\"><h2>%s</h2>", T(pg, "vacancies.title"));
	if (!json_array_size(vacs)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
	} else {
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
	return ui_part_add(pg, "/employers", parts, 2, employer_page, false, "no such employer or list");
}
