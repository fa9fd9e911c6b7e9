/* ui-vacancies: vacancies (list), the vacancy intake form, a vacancy's page with its skills, languages and licences,
 * and its shortlist: the proposals in their pipeline stages, each movable to the next stage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "core/arena.h"
#include "core/validate.h"
#include "web/pages/ui-skill-suggest.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

extern const char *const domain_proposal_stages[];

static const char *const intake_fields[] = {
	"employer_id", "esco_occupation", "title", "isco_code", "description", "municipality", "hours_per_week",
	"contract_type", "positions", "status", "education_level_min", "isced_field", "physical_load", "permit_required",
	"recurring", "starts_on", "closes_on", NULL};

static const char *const vacancy_statuses[] = {"open", "draft", "filled", "closed", NULL};

int ui_vacancies(struct page *pg)
{
	struct buf *b = pg->b;
	const struct entity_def *d = entity_get(ENT_VACANCIES);
	const char *st = web_query(pg->r, "status");
	if (!st)
		st = "open";
	bool all = strcmp(st, "all") == 0;
	bool known = all;
	for (size_t i = 0; vacancy_statuses[i]; i++)
		known |= strcmp(st, vacancy_statuses[i]) == 0;
	if (!known)
		st = "open";
	const char *q = ui_list_search_text(pg);
	struct store_filter f = {entity_field(d, "status"), st};
	struct store_list_query lq = {.filters = all ? NULL : &f, .nfilters = all ? 0 : 1, .q = q, .limit = 500};
	json_t *items = NULL;
	int64_t total = 0;
	int rc = page_list(pg, "vacancies", &lq, &items, &total);
	if (rc)
		return rc;
	ui_list_begin(pg, d, "vacancies.title", "vacancies", "/vacancies/new", "vacancies.new");
	html_printf(b, "<form method=\"get\" action=\"/vacancies\" class=\"search card\" role=\"search\"><div class=\"grid\">"
	               "<div class=\"field\"><label for=\"vac-q\">%s</label><input type=\"search\" id=\"vac-q\" name=\"q\" "
	               "value=\"%s\"></div><div class=\"field\"><label for=\"vac-status\">%s</label>"
	               "<select id=\"vac-status\" name=\"status\"><option value=\"all\"%s>%s</option>",
	            T(pg, "vacancies.search"), q ? q : "", T(pg, "f.status"), all ? " selected" : "", T(pg, "form.all"));
	for (size_t i = 0; vacancy_statuses[i]; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", vacancy_statuses[i],
		            strcmp(st, vacancy_statuses[i]) == 0 ? " selected" : "", TK(pg, "v", vacancy_statuses[i]));
	html_printf(b, "</select></div></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	            T(pg, "caseload.search_button"));
	if (!ui_list_found(pg, total, items))
		return page_end(pg);
	static const char *const cols[] = {"employer_id", "status", "contract_type", "positions", "municipality",
	                                   "closes_on"};
	ui_list_table(pg, d, items, "/vacancies", "title", "f.title", cols, 6);
	return page_end(pg);
}

int ui_vacancy_new(struct page *pg)
{
	page_begin(pg, T(pg, "vacancies.new"), "vacancies");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/vacancies\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>"
	                   "<div class=\"card\">",
	            T(pg, "vacancies.title"), T(pg, "vacancies.new"), T(pg, "vacancies.intake_lead"));
	page_form_begin(pg, "vacancy-new", "/vacancies/new");
	const char *emp = web_query(pg->r, "employer_id");
	json_t *defaults = json_pack("{s:s,s:i}", "status", "open", "positions", 1);
	if (emp && strlen(emp) < 16 && strspn(emp, "0123456789") == strlen(emp))
		json_object_set_new(defaults, "employer_id", json_integer(strtoll(emp, NULL, 10)));
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, defaults);
	return ui_new_form_end(pg, "vacancy-new", entity_get(ENT_VACANCIES), intake_fields, defaults);
}

int ui_vacancy_create(struct page *pg)
{
	const struct entity_def *d = entity_get(ENT_VACANCIES);
	json_t *body = page_form_json(pg, d, intake_fields, true);
	const char *t = jstr(body, "title");
	if (t && !json_object_get(body, "esco_occupation") && validate_esco_uri(t, "occupation")) {
		json_object_set_new(body, "esco_occupation", json_string(t));
		json_object_del(body, "title");
	}
	return page_create_then_show(pg, entity_get(ENT_VACANCIES), body, "vacancy-new", "/vacancies", ui_vacancy_new);
}

static const struct ui_part parts[] = {
	{"vacancy-skills", L("label", "required", "esco_skill"), L("esco_skill", "label", "required")},
	{"vacancy-languages", L("language", "min_level", "required"), L("language", "min_level", "required")},
	{"vacancy-licences", L("name", "kind"), L("kind", "name")},
};

static void stage_form(struct page *pg, json_t *p)
{
	struct buf *b = pg->b;
	long long pid = (long long)jint(p, "id");
	html_printf(b, "<form method=\"post\" action=\"/proposals/%lld/stage\" class=\"stage\">", pid);
	page_csrf_field(pg);
	html_printf(b, "<label for=\"stage-%lld\" class=\"vh\">%s</label><select id=\"stage-%lld\" name=\"stage\">", pid,
	            T(pg, "f.stage"), pid);
	const char *cur = jstr(p, "stage");
	for (size_t s = 0; domain_proposal_stages[s]; s++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", domain_proposal_stages[s],
		            cur && strcmp(cur, domain_proposal_stages[s]) == 0 ? " selected" : "",
		            TK(pg, "v", domain_proposal_stages[s]));
	html_printf(b, "</select><label for=\"reason-%lld\" class=\"vh\">%s</label><input type=\"text\" id=\"reason-%lld\" "
	               "name=\"reason\" value=\"%s\" placeholder=\"%s\" maxlength=\"500\"><button type=\"submit\" "
	               "class=\"small\">%s</button></form>",
	            pid, T(pg, "f.reason"), pid, jstr(p, "reason") ? jstr(p, "reason") : "", T(pg, "f.reason"),
	            T(pg, "form.save"));
}

static void shortlist(struct page *pg, int64_t id, bool can_write)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	json_t *props = NULL;
	html_printf(b, "<section id=\"shortlist\" aria-labelledby=\"h-shortlist\"><h2 id=\"h-shortlist\">%s</h2>",
	            T(pg, "vacancy.shortlist"));
	if (ui_list_by(pg, "proposals", "vacancy_id", id, 500, &props)) {
		err_clear(&r->err);
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "error.403"));
		return;
	}
	html_raw_trusted(b, "<div class=\"board\">");
	for (size_t s = 0; domain_proposal_stages[s]; s++) {
		const char *stage = domain_proposal_stages[s];
		size_t n = 0, i;
		json_t *p;
		json_array_foreach(props, i, p) if (jstr(p, "stage") && strcmp(jstr(p, "stage"), stage) == 0) n++;
		html_printf(b, "<section class=\"stage-col\" aria-labelledby=\"st-%s\"><h3 id=\"st-%s\">%s <span class=\"n\">",
		            stage, stage, TK(pg, "v", stage));
		page_int(pg, (long long)n);
		html_raw_trusted(b, "</span></h3><ul>");
		json_array_foreach(props, i, p) {
			if (!jstr(p, "stage") || strcmp(jstr(p, "stage"), stage) != 0)
				continue;
			html_printf(b, "<li class=\"prop\"><a href=\"/clients/%lld\">", (long long)jint(p, "client_id"));
			page_value(pg, entity_field(pd, "client_id"), json_object_get(p, "client_id"));
			html_raw_trusted(b, "</a>");
			if (json_is_number(json_object_get(p, "score"))) {
				html_printf(b, " <span class=\"score\">%s ", T(pg, "f.score"));
				page_match_score(pg, json_number_value(json_object_get(p, "score"))); /* as the match page */
				html_raw_trusted(b, "</span>");
			}
			if (jstr(p, "reason"))
				html_printf(b, "<p class=\"meta\">%s</p>", jstr(p, "reason"));
			if (can_write)
				stage_form(pg, p);
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ul></section>");
	}
	html_raw_trusted(b, "</div>");
	if (can_write) {
		/* propose a client: the counsellor's own clients, or the organisation's for a coordinator */
		const struct entity_def *cd = entity_get(ENT_CLIENTS);
		char me[24];
		snprintf(me, sizeof me, "%lld", (long long)r->p.user_id);
		struct store_filter cf = {entity_field(cd, "counsellor_id"), me};
		bool mine = r->p.role == ROLE_COUNSELLOR;
		struct store_list_query clq = {.filters = mine ? &cf : NULL, .nfilters = mine ? 1 : 0, .limit = 500};
		json_t *clients = NULL;
		if (page_list(pg, "clients", &clq, &clients, NULL) == 0 && json_array_size(clients)) {
			char action[64];
			snprintf(action, sizeof action, "/vacancies/%lld/propose", (long long)id);
			html_raw_trusted(b, "<div class=\"card\">");
			page_form_begin(pg, "propose", action);
			const char *msg = pg->errors ? jstr(pg->errors, "client_id") : NULL;
			html_printf(b, "<div class=\"field%s\"><label for=\"propose-client\">%s</label>", msg ? " has-error" : "",
			            T(pg, "vacancy.propose_client"));
			if (msg)
				html_printf(b, "<p class=\"err\" id=\"propose-client-err\">%s</p>", msg);
			html_printf(b, "<select id=\"propose-client\" name=\"client_id\" required aria-required=\"true\">"
			               "<option value=\"\">%s</option>",
			            T(pg, "form.choose"));
			size_t i;
			json_t *c;
			json_array_foreach(clients, i, c) html_printf(b, "<option value=\"%lld\">%s</option>", (long long)jint(c, "id"),
			                                              page_option_label(pg, cd, c));
			html_raw_trusted(b, "</select></div>");
			page_form_end(pg, "client.propose");
			html_raw_trusted(b, "</div>");
		}
		err_clear(&r->err);
	}
	html_raw_trusted(b, "</section>");
}

static int vacancy_page(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *v = NULL;
	int rc = page_get(pg, "vacancies", id, &v);
	if (rc)
		return rc;
	const struct entity_def *d = entity_get(ENT_VACANCIES);
	page_begin(pg, jstr(v, "title"), "vacancies");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/vacancies\">%s</a></p><h1>%s</h1>"
	               "<p class=\"sub\"><span class=\"badge\">%s</span> ",
	            T(pg, "vacancies.title"), jstr(v, "title"), TK(pg, "v", jstr(v, "status")));
	html_printf(b, "<a href=\"/employers/%lld\">", (long long)jint(v, "employer_id"));
	page_value(pg, entity_field(d, "employer_id"), json_object_get(v, "employer_id"));
	html_printf(b, "</a></p></div><div class=\"head-actions\"><a class=\"button secondary\" "
	               "href=\"/edit/vacancies/%lld?back=/vacancies/%lld\">%s</a> <a class=\"button secondary\" "
	               "href=\"/vacancies/%lld/matches\">%s</a> <a class=\"button secondary\" "
	               "href=\"/vacancies/%lld/shortlists\">%s</a></div></div>",
	            (long long)id, (long long)id, T(pg, "form.edit"), (long long)id, T(pg, "vacancy.matches"),
	            (long long)id, T(pg, "vacancy.send_shortlist"));
	page_notice(pg);
	html_raw_trusted(b, "<section class=\"card\">");
	page_facts(pg, d, intake_fields + 3, v);
	html_raw_trusted(b, "</section>");
	shortlist(pg, id, page_may(pg, entity_get(ENT_PROPOSALS), ACC_WRITE));
	html_printf(b, "<h2>%s</h2><div class=\"cards\">", T(pg, "vacancy.requirements"));
	if ((rc = ui_part_sections(pg, "/vacancies", id, "h3", parts, 3)))
		return rc;
	html_raw_trusted(b, "</div>");
	if (page_may(pg, entity_get(ENT_VACANCY_SKILLS), ACC_WRITE)) {
		html_printf(b, "<section class=\"card\" id=\"sec-skill-suggest\"><h3>%s</h3>", T(pg, "skillsuggest.title"));
		ui_skill_suggest_box(pg, "/vacancies", id);
		html_raw_trusted(b, "</section>");
	}
	return page_end(pg);
}

int ui_vacancy(struct page *pg)
{
	return page_by_id(pg, vacancy_page, "vacancy");
}

int ui_vacancy_add(struct page *pg)
{
	/* requirements must be coded in ESCO to match */
	return ui_part_add(pg, "/vacancies", parts, 3, vacancy_page, true, "no such vacancy or list");
}

int ui_vacancy_propose(struct page *pg)
{
	return ui_propose(pg, true, vacancy_page);
}

int ui_proposal_stage(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "", "no such proposal");
	json_t *p = NULL;
	int rc = page_get(pg, "proposals", id, &p);
	if (rc)
		return rc;
	json_t *body = page_form_json(pg, entity_get(ENT_PROPOSALS), L("stage", "reason"), false);
	rc = page_update(pg, entity_get(ENT_PROPOSALS), id, body, "stage");
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, vacancy_page, jint(p, "vacancy_id"));
	if (rc)
		return rc;
	return page_redirectf(pg, "/vacancies/%lld?done=saved#shortlist", (long long)jint(p, "vacancy_id"));
}
