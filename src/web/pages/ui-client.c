/* ui-client: a client's page: contact and status, the competence profile (education, work history, skills and
 * target occupations with the ESCO picker, languages with CEFR levels, certificates, strengths and goals, work
 * capacity for the assigned counsellor only), the timeline of service events, consents, outcomes and proposals;
 * and the forms that change them. Reads and writes go through the verbs of src/app (pages/data.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "core/arena.h"
#include "core/fold.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"
#include "app/policy.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

struct group {
	const char *id, *title_key;
	const char *const *fields;
};

static const struct group groups[] = {
	{"contact", "client.contact",
	 L("first_name", "last_name", "birth_year", "gender", "email", "phone", "municipality", "mother_tongue",
	   "nationality", "country_of_education", "permit_type", "permit_expires_on")},
	{"service", "client.service",
	 L("status", "programme_id", "counsellor_id", "target_groups", "intake_on", "labour_status", "referral_source",
	   "left_on",
	   "availability", "available_from",
	   "regions", "cv_ready")},
	{"goals", "client.goals", L("strengths", "career_goals")},
	{"capacity", "client.capacity", L("work_hours_max", "physical_load", "accommodations")},
};

struct section {
	const char *entity, *area;
	const char *const *cols, *const *form;
};

static const struct section sections[] = {
	{"educations", "profile",
	 L("degree_title", "isced_level", "isced_field", "institution", "country", "completed_year", "recognition"),
	 L("isced_level", "isced_field", "degree_title", "institution", "country", "completed_year", "recognition")},
	{"work-history", "profile", L("title", "employer_name", "country", "start_year", "end_year", "years"),
	 L("esco_occupation", "title", "isco_code", "employer_name", "country", "start_year", "end_year", "years")},
	{"client-skills", "profile", L("label", "level", "evidence", "esco_skill"),
	 L("esco_skill", "label", "evidence", "level")},
	{"target-occupations", "profile", L("title", "isco_code", "esco_occupation"),
	 L("esco_occupation", "title", "isco_code")},
	{"client-languages", "profile", L("language", "level", "assessed_on"), L("language", "level", "assessed_on")},
	{"certificates", "profile", L("name", "kind", "expires_on"), L("kind", "name", "expires_on")},
	{"service-events", "timeline", NULL,
	 L("type", "method_id", "happened_on", "duration_min", "summary", "notes", "referral_target",
	   "referral_organisation")},
	{"consents", "consents", L("purpose", "given", "given_on", "withdrawn_on", "method"),
	 L("purpose", "given", "given_on", "withdrawn_on", "method")},
	{"outcomes", "outcomes",
	 L("type", "employer_name", "contract_type", "hours_per_week", "starts_on", "ends_on", "matches_competence"),
	 L("type", "employer_id", "employer_name", "isco_code", "hours_per_week", "contract_type", "starts_on",
	   "ends_on", "override_matches", "override_reason")},
};
enum { NSECTIONS = sizeof sections / sizeof *sections };

static const struct section *section_of(const char *entity)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (strcmp(sections[i].entity, entity) == 0)
			return &sections[i];
	return NULL;
}

static const struct group *group_of(const char *id)
{
	for (size_t i = 0; id && i < sizeof groups / sizeof *groups; i++)
		if (strcmp(groups[i].id, id) == 0)
			return &groups[i];
	return NULL;
}

/* The client's whole profile through the API (scope, redaction, one audit entry). A client of another organisation
 * is a 403 page (the API answers 404 so as not to confirm ids; the page says plainly that it is not the user's). */
static int load_profile(struct page *pg, int64_t id, json_t **out)
{
	struct err e = {0};
	int rc = page_failed(pg, app_client_profile(web_actor(pg->r), id, out, &e), &e, NULL, NULL);
	if (rc == ERR_NOT_FOUND) {
		int64_t org = 0;
		if (store_entity_org(pg->r->store, entity_get(ENT_CLIENTS), id, &org, &e) == 0 && org != pg->r->p.org_id)
			return web_error(pg->r, ERR_FORBIDDEN, "", "this client belongs to another organisation");
	}
	return rc;
}

static void propose_form(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	const struct entity_def *vd = entity_get(ENT_VACANCIES);
	struct store_filter f = {entity_field(vd, "status"), "open"};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 200};
	json_t *items = NULL;
	if (page_list(pg, "vacancies", &lq, &items, NULL) || !json_array_size(items)) {
		err_clear(&pg->r->err);
		html_printf(b, "<p class=\"hint\">%s</p>", T(pg, "client.no_open_vacancies"));
		return;
	}
	char action[64];
	snprintf(action, sizeof action, "/clients/%lld/propose", (long long)id);
	page_form_begin(pg, "propose", action);
	page_select_begin(pg, "propose-vacancy", "vacancy_id", "client.propose_to", "form.choose", true);
	size_t i;
	json_t *v;
	json_array_foreach(items, i, v) {
		html_printf(b, "<option value=\"%lld\">%s – ", (long long)jint(v, "id"), jstr(v, "title"));
		page_value(pg, entity_field(vd, "employer_id"), json_object_get(v, "employer_id"));
		html_raw_trusted(b, "</option>");
	}
	html_raw_trusted(b, "</select></div>");
	page_form_end(pg, "client.propose");
}

static void timeline(struct page *pg, json_t *events)
{
	struct buf *b = pg->b;
	const struct entity_def *d = entity_get(ENT_SERVICE_EVENTS);
	if (!json_array_size(events)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
		return;
	}
	html_raw_trusted(b, "<ol class=\"timeline\">");
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev) {
		html_raw_trusted(b, "<li><div class=\"when\">");
		page_date(pg, jstr(ev, "happened_on"));
		html_printf(b, "</div><div class=\"what\"><strong>%s</strong>", TK(pg, "v", jstr(ev, "type")));
		if (jint(ev, "method_id")) { /* the method's name, as the organisation's admins wrote it */
			html_raw_trusted(b, " · ");
			page_value(pg, entity_field(d, "method_id"), json_object_get(ev, "method_id"));
		}
		if (jint(ev, "duration_min")) {
			html_raw_trusted(b, " · ");
			page_int(pg, jint(ev, "duration_min"));
			html_printf(b, " %s", T(pg, "unit.min"));
		}
		if (jstr(ev, "summary"))
			html_printf(b, "<p>%s</p>", jstr(ev, "summary"));
		if (jstr(ev, "notes"))
			html_printf(b, "<p class=\"notes\"><span class=\"vh\">%s: </span>%s</p>",
			            page_field_label(pg, d, "notes"), jstr(ev, "notes"));
		if (jstr(ev, "referral_target")) {
			html_printf(b, "<p>%s: %s", page_field_label(pg, d, "referral_target"),
			            TK(pg, "v", jstr(ev, "referral_target")));
			if (jstr(ev, "referral_organisation"))
				html_printf(b, " (%s)", jstr(ev, "referral_organisation"));
			html_raw_trusted(b, "</p>");
		}
		if (jint(ev, "staff_id")) {
			html_printf(b, "<p class=\"meta\">%s: ", page_field_label(pg, d, "staff_id"));
			page_value(pg, entity_field(d, "staff_id"), json_object_get(ev, "staff_id"));
			html_raw_trusted(b, "</p>");
		}
		html_raw_trusted(b, "</div></li>");
	}
	html_raw_trusted(b, "</ol>");
}

static void add_form(struct page *pg, int64_t id, const struct section *s)
{
	const struct entity_def *d = entity_find(s->entity);
	bool failed = pg->failed_form && strcmp(pg->failed_form, s->entity) == 0;
	char action[96];
	snprintf(action, sizeof action, "/clients/%lld/add/%s", (long long)id, s->entity);
	html_printf(pg->b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "", TK(pg, "add", d->name));
	page_form_begin(pg, s->entity, action);
	page_form_fields(pg, s->entity, d, s->form, NULL);
	page_form_end(pg, "form.add");
	html_raw_trusted(pg->b, "</details>");
}

static int client_page(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *c = NULL;
	int rc = load_profile(pg, id, &c);
	if (rc)
		return rc;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	bool can_write = cd->access[r->p.role] >= ACC_WRITE;
	bool assigned = r->p.role == ROLE_COUNSELLOR && jint(c, "counsellor_id") == r->p.user_id;
	const char *name = arena_printf(r->arena, "%s %s", jstr(c, "first_name"), jstr(c, "last_name"));
	page_begin(pg, name, "caseload");
	char *latin = name ? fold_latin(name) : NULL; /* a name in another script: its Latin spelling beside it */
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/caseload\">%s</a></p><h1>%s",
	            T(pg, "caseload.title"), name ? name : "");
	if (latin)
		html_printf(b, " <span class=\"translit\" lang=\"und-Latn\">(%s)</span>", latin);
	free(latin);
	html_printf(b, "</h1><p class=\"sub\"><span class=\"badge s-%s\">%s</span>",
	            jstr(c, "status") ? jstr(c, "status") : "none", TK(pg, "v", jstr(c, "status")));
	if (jint(c, "counsellor_id")) {
		html_printf(b, " %s: ", T(pg, "f.counsellor_id"));
		page_value(pg, entity_field(cd, "counsellor_id"), json_object_get(c, "counsellor_id"));
	}
	html_printf(b, "</p></div><a class=\"button secondary\" href=\"/clients/%lld/matches\">%s</a></div>",
	            (long long)id, T(pg, "client.matches"));
	page_notice(pg);
	html_printf(b, "<nav class=\"tabs\" aria-label=\"%s\"><a href=\"#details\">%s</a><a href=\"#profile\">%s</a>"
	               "<a href=\"#timeline\">%s</a><a href=\"#consents\">%s</a><a href=\"#outcomes\">%s</a>"
	               "<a href=\"#proposals\">%s</a></nav>",
	            T(pg, "client.sections"), T(pg, "client.details"), T(pg, "client.profile"), T(pg, "client.timeline"),
	            T(pg, "client.consents"), T(pg, "client.outcomes"), T(pg, "client.proposals"));

	/* details: one card per group, each with its own edit form */
	html_printf(b, "<section id=\"details\" aria-labelledby=\"h-details\"><h2 id=\"h-details\">%s</h2>"
	               "<div class=\"cards\">",
	            T(pg, "client.details"));
	for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
		const struct group *gr = &groups[g];
		bool capacity = strcmp(gr->id, "capacity") == 0;
		if (capacity && !assigned) /* work capacity: the assigned counsellor only (policy_redact removed it) */
			continue;
		char fid[32];
		snprintf(fid, sizeof fid, "client-%s", gr->id);
		html_printf(b, "<section class=\"card\" id=\"card-%s\"><h3>%s</h3>", gr->id, T(pg, gr->title_key));
		if (capacity)
			html_printf(b, "<p class=\"hint\">%s</p>", T(pg, "client.capacity_hint"));
		page_facts(pg, cd, gr->fields, c);
		if (can_write) {
			bool failed = pg->failed_form && strcmp(pg->failed_form, fid) == 0;
			char action[64];
			snprintf(action, sizeof action, "/clients/%lld/edit", (long long)id);
			html_printf(b, "<details class=\"edit\"%s><summary>%s</summary>", failed ? " open" : "",
			            T(pg, "form.edit"));
			page_form_begin(pg, fid, action);
			html_printf(b, "<input type=\"hidden\" name=\"group\" value=\"%s\">", gr->id);
			page_form_fields(pg, fid, cd, gr->fields, c);
			page_form_end(pg, "form.save");
			html_raw_trusted(b, "</details>");
		}
		html_raw_trusted(b, "</section>");
	}
	html_raw_trusted(b, "</div></section>");

	const char *areas[] = {"profile", "timeline", "consents", "outcomes"};
	for (size_t a = 0; a < 4; a++) {
		html_printf(b, "<section id=\"%s\" aria-labelledby=\"h-%s\"><h2 id=\"h-%s\">%s</h2>", areas[a], areas[a],
		            areas[a], TK(pg, "client", areas[a]));
		for (size_t i = 0; i < NSECTIONS; i++) {
			const struct section *s = &sections[i];
			if (strcmp(s->area, areas[a]) != 0)
				continue;
			const struct entity_def *d = entity_find(s->entity);
			json_t *items = json_object_get(c, s->entity);
			html_printf(b, "<section class=\"card\" id=\"sec-%s\">", s->entity);
			if (strcmp(areas[a], "profile") == 0)
				html_printf(b, "<h3>%s</h3>", TK(pg, "e", s->entity));
			char remove[96];
			snprintf(remove, sizeof remove, "/clients/%lld/remove/%s", (long long)id, s->entity);
			bool w = d->access[r->p.role] >= ACC_WRITE;
			if (w)
				add_form(pg, id, s);
			if (s->cols)
				page_table(pg, d, s->cols, items, w ? remove : NULL);
			else
				timeline(pg, items);
			html_raw_trusted(b, "</section>");
		}
		html_raw_trusted(b, "</section>");
	}

	/* proposals of this client */
	html_printf(b, "<section id=\"proposals\" aria-labelledby=\"h-proposals\"><h2 id=\"h-proposals\">%s</h2>"
	               "<div class=\"card\">",
	            T(pg, "client.proposals"));
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	struct store_filter pf = {entity_field(pd, "client_id"), idtxt};
	struct store_list_query plq = {.filters = &pf, .nfilters = 1, .limit = 200};
	json_t *props = NULL;
	if (page_list(pg, "proposals", &plq, &props, NULL) == 0)
		page_table(pg, pd, L("vacancy_id", "stage", "reason", "staff_id"), props, NULL);
	err_clear(&r->err);
	if (pd->access[r->p.role] >= ACC_WRITE)
		propose_form(pg, id);
	html_raw_trusted(b, "</div></section>");
	return page_end(pg);
}

int ui_client(struct page *pg)
{
	return page_by_id(pg, client_page, "client");
}

int ui_client_edit(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	const struct group *g = group_of(form_get(&pg->form, "group"));
	if (!id || !g)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such client or form");
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	json_t *body = page_form_json(pg, cd, g->fields, false);
	char fid[32];
	snprintf(fid, sizeof fid, "client-%s", g->id);
	int rc = page_update(pg, entity_get(ENT_CLIENTS), id, body, fid); /* a version conflict shows both versions (page_form_fields) */
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, client_page, id);
	if (rc)
		return rc;
	char next[64];
	snprintf(next, sizeof next, "/clients/%lld?done=saved#%s", (long long)id, fid);
	return page_redirect(pg, next);
}

int ui_client_add(struct page *pg)
{
	const struct section *s = section_of(pg->r->params[1]);
	if (!s)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such client or list");
	/* a title or skill not found in ESCO stays as written, for a counsellor to code later */
	return page_add_child(pg, "/clients", web_param_id(pg->r, 0), entity_find(s->entity), s->form, client_page, false);
}

int ui_client_remove(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0), rid = web_param_id(r, 2);
	const struct section *s = section_of(r->params[1]);
	if (!id || !rid || !s)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	json_t *row = NULL;
	int rc = page_get(pg, s->entity, rid, &row);
	if (rc)
		return rc;
	if (jint(row, "client_id") != id)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	if ((rc = page_archive(pg, entity_find(s->entity), rid)))
		return rc;
	char next[96];
	snprintf(next, sizeof next, "/clients/%lld?done=removed#sec-%s", (long long)id, s->entity);
	return page_redirect(pg, next);
}

int ui_client_propose(struct page *pg)
{
	return ui_propose(pg, false, client_page);
}

static const char *const new_fields[] = {"first_name", "last_name", "birth_year", "gender", "email", "phone",
                                         "municipality", "mother_tongue", "programme_id", "target_groups", "status",
                                         "intake_on", NULL};

static int new_page(struct page *pg)
{
	page_begin(pg, T(pg, "client.new"), "caseload");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/caseload\">%s</a></p><h1>%s</h1><div class=\"card\">",
	            T(pg, "caseload.title"), T(pg, "client.new"));
	page_form_begin(pg, "client-new", "/clients/new");
	json_t *defaults = json_pack("{s:s}", "status", "intake");
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, defaults);
	page_form_fields(pg, "client-new", entity_get(ENT_CLIENTS), new_fields, defaults);
	page_form_end(pg, "form.create");
	html_raw_trusted(pg->b, "</div>");
	return page_end(pg);
}

int ui_client_new(struct page *pg)
{
	return new_page(pg);
}

int ui_client_create(struct page *pg)
{
	json_t *body = page_form_json(pg, entity_get(ENT_CLIENTS), new_fields, true);
	return page_create_then_show(pg, entity_get(ENT_CLIENTS), body, "client-new", "/clients", new_page);
}
