/* ui-client: a client's page: contact and status, the competence profile (education, work history, skills and
 * target occupations with the ESCO picker, languages with CEFR levels, certificates, strengths and goals, work
 * capacity for the assigned counsellor only), the timeline of service events, consents, outcomes and proposals;
 * and the forms that change them. Reads and writes go through the verbs of src/app (pages/data.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/entity.h"
#include "app/family.h"
#include "core/arena.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "web/pages/ui-duplicates.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui-partner-referrals.h"
#include "web/pages/ui-skill-suggest.h"
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
	   "regions", "cv_ready", "family_id", "family_role")},
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
	{"work-history", "profile",
	 L("title", "esco_occupation", "employer_name", "country", "start_year", "end_year", "years"),
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

/* Opens one entry of a timeline (<ol class="timeline">): its day and, in bold, what happened; the caller adds the
 * details and closes the entry with "</div></li>". */
static void timeline_entry(struct page *pg, const char *day, const char *what)
{
	html_raw_trusted(pg->b, "<li><div class=\"when\">");
	page_date(pg, day);
	html_printf(pg->b, "</div><div class=\"what\"><strong>%s</strong>", what);
}

/* Opens a timeline list of rows; false (with the empty-list note shown) when there are none. */
static bool timeline_begin(struct page *pg, json_t *rows)
{
	if (!page_has_rows(pg, rows))
		return false;
	html_raw_trusted(pg->b, "<ol class=\"timeline\">");
	return true;
}

static void timeline(struct page *pg, json_t *events)
{
	struct buf *b = pg->b;
	const struct entity_def *d = entity_get(ENT_SERVICE_EVENTS);
	if (!timeline_begin(pg, events))
		return;
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev) {
		timeline_entry(pg, jstr(ev, "happened_on"), TK(pg, "v", jstr(ev, "type")));
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

/* ---- the family: its adults (clients, each page linked to the others'), its children and other members, the
 * settling-in plan and its timeline. Read through the family's own access (the staff who may see its clients); never
 * on an employer's page. */

static const char *const member_cols[] = {"first_name", "last_name", "relation", "birth_year", "gender", NULL};
static const char *const member_form[] = {"relation", "first_name", "last_name", "birth_year", "gender",
                                          "mother_tongue", "nationality", NULL};
static const char *const step_cols[] = {"kind", "title", "client_id", "member_id", "state", "owner_id", "due_on",
                                        "done_on", NULL};
static const char *const step_form[] = {"kind", "title", "owner_id", "due_on", "state", NULL};
static const char *const family_new_form[] = {"name", "municipality", "arrived_on", NULL};

/* The person a step is of: "c<client id>", "m<member id>", or the whole family (empty). */
static void who_select(struct page *pg, json_t *adults, json_t *members)
{
	struct buf *b = pg->b;
	page_select_begin(pg, "settling-steps-who", "who", "family.who", "family.whole", false);
	size_t i;
	json_t *x;
	json_array_foreach(adults, i, x) {
		html_printf(b, "<option value=\"c%lld\">%s %s</option>", (long long)jint(x, "id"), jstr(x, "first_name"),
		            jstr(x, "last_name") ? jstr(x, "last_name") : "");
	}
	json_array_foreach(members, i, x) {
		html_printf(b, "<option value=\"m%lld\">%s %s</option>", (long long)jint(x, "id"), jstr(x, "first_name"),
		            jstr(x, "last_name") ? jstr(x, "last_name") : "");
	}
	html_raw_trusted(b, "</select></div>");
}

static void family_add_form(struct page *pg, int64_t id, const char *entity, const char *const *form, json_t *adults,
                            json_t *members)
{
	const struct entity_def *d = entity_find(entity);
	bool failed = pg->failed_form && strcmp(pg->failed_form, entity) == 0;
	char action[96];
	snprintf(action, sizeof action, "/clients/%lld/family/add/%s", (long long)id, entity);
	html_printf(pg->b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "", TK(pg, "add", entity));
	page_form_begin(pg, entity, action);
	if (d->id == ENT_SETTLING_STEPS)
		who_select(pg, adults, members);
	page_form_fields(pg, entity, d, form, NULL);
	page_form_end(pg, "form.add");
	html_raw_trusted(pg->b, "</details>");
}

/* The plan's timeline: each change of a step's state, newest first. */
static void settling_timeline(struct page *pg, json_t *changes)
{
	struct buf *b = pg->b;
	if (!timeline_begin(pg, changes))
		return;
	size_t i;
	json_t *x;
	json_array_foreach(changes, i, x) {
		timeline_entry(pg, jstr(x, "changed_on"), jstr(x, "title") ? jstr(x, "title") : TK(pg, "v", jstr(x, "kind")));
		html_printf(b, " · <span class=\"badge st-%s\">%s</span></div></li>", jstr(x, "state") ? jstr(x, "state") : "",
		            TK(pg, "v", jstr(x, "state")));
	}
	html_raw_trusted(b, "</ol>");
}

static void family_section(struct page *pg, int64_t id, json_t *c)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	const struct entity_def *fd = entity_get(ENT_FAMILIES);
	if (!page_may(pg, fd, ACC_READ))
		return;
	bool w = page_may(pg, fd, ACC_WRITE);
	int64_t fid = jint(c, "family_id");
	html_printf(b, "<section id=\"family\" aria-labelledby=\"h-family\"><h2 id=\"h-family\">%s</h2>",
	            T(pg, "client.family"));
	json_t *fam = NULL;
	if (!fid || page_get(pg, "families", fid, &fam)) {
		err_clear(&r->err);
		html_printf(b, "<div class=\"card\"><p class=\"empty\">%s</p>", T(pg, "family.none"));
		if (w) {
			bool failed = pg->failed_form && strcmp(pg->failed_form, "family-new") == 0;
			char action[64];
			snprintf(action, sizeof action, "/clients/%lld/family/new", (long long)id);
			html_printf(b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "",
			            TK(pg, "add", "families"));
			page_form_begin(pg, "family-new", action);
			json_t *defaults = json_pack("{s:s+, s:s?}", "name", T(pg, "family.name_prefix"),
			                             jstr(c, "last_name") ? jstr(c, "last_name") : "", "municipality",
			                             jstr(c, "municipality"));
			arena_defer(r->arena, (void (*)(void *))json_decref, defaults);
			page_form_fields(pg, "family-new", fd, family_new_form, defaults);
			page_form_end(pg, "form.create");
			html_raw_trusted(b, "</details>");
		}
		html_raw_trusted(b, "</div></section>");
		return;
	}
	/* the family's card: its facts and its adults, each linked to their page */
	html_printf(b, "<div class=\"cards\"><section class=\"card\" id=\"card-family\"><h3>%s</h3>", jstr(fam, "name"));
	page_facts(pg, fd, L("municipality", "arrived_on", "left_region_on", "notes"), fam);
	if (w)
		html_printf(b, "<p><a class=\"small\" href=\"/edit/families/%lld?back=/clients/%lld\">%s</a></p>",
		            (long long)fid, (long long)id, T(pg, "form.edit"));
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	char ftxt[24];
	snprintf(ftxt, sizeof ftxt, "%lld", (long long)fid);
	struct store_filter ff = {entity_field(cd, "family_id"), ftxt};
	struct store_list_query lq = {.filters = &ff, .nfilters = 1, .limit = 20};
	json_t *adults = NULL, *members = NULL, *steps = NULL, *changes = NULL;
	if (page_list(pg, "clients", &lq, &adults, NULL))
		err_clear(&r->err), adults = NULL;
	html_printf(b, "<h4>%s</h4><ul class=\"family-adults\">", T(pg, "family.adults"));
	size_t i;
	json_t *x;
	json_array_foreach(adults, i, x) {
		const char *role = jstr(x, "family_role");
		if (jint(x, "id") == id)
			html_printf(b, "<li><strong>%s %s</strong>", jstr(x, "first_name"),
			            jstr(x, "last_name") ? jstr(x, "last_name") : "");
		else
			html_printf(b, "<li><a href=\"/clients/%lld\">%s %s</a>", (long long)jint(x, "id"), jstr(x, "first_name"),
			            jstr(x, "last_name") ? jstr(x, "last_name") : "");
		if (role)
			html_printf(b, " · %s", TK(pg, "v", role));
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul></section>");
	/* children and other members */
	html_printf(b, "<section class=\"card\" id=\"sec-family-members\"><h3>%s</h3>", TK(pg, "e", "family-members"));
	if (page_children(pg, "family-members", fid, &members))
		err_clear(&r->err), members = NULL;
	char remove[96];
	snprintf(remove, sizeof remove, "/clients/%lld/family/remove/family-members", (long long)id);
	page_table(pg, entity_get(ENT_FAMILY_MEMBERS), member_cols, members, w ? remove : NULL);
	if (w)
		family_add_form(pg, id, "family-members", member_form, adults, members);
	html_raw_trusted(b, "</section></div>");
	/* the settling-in plan: how far it is, its steps, and their timeline */
	html_printf(b, "<section class=\"card\" id=\"sec-settling-steps\"><h3>%s</h3>", TK(pg, "e", "settling-steps"));
	if (page_children(pg, "settling-steps", fid, &steps))
		err_clear(&r->err), steps = NULL;
	long needed = 0, done = 0;
	json_array_foreach(steps, i, x) {
		const char *st = jstr(x, "state");
		needed += !st || strcmp(st, "not_needed") != 0;
		done += st && strcmp(st, "done") == 0;
	}
	if (needed)
		html_printf(b, "<p class=\"sub\">%s: %ld / %ld</p>", T(pg, "family.steps_done"), done, needed);
	snprintf(remove, sizeof remove, "/clients/%lld/family/remove/settling-steps", (long long)id);
	page_table(pg, entity_get(ENT_SETTLING_STEPS), step_cols, steps, w ? remove : NULL);
	if (w)
		family_add_form(pg, id, "settling-steps", step_form, adults, members);
	html_printf(b, "<h4>%s</h4>", T(pg, "family.timeline"));
	struct err e = {0};
	if (app_family_timeline(web_actor(r), fid, &changes, &e))
		changes = NULL;
	settling_timeline(pg, changes);
	html_raw_trusted(b, "</section></section>");
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
	bool can_write = page_may(pg, cd, ACC_WRITE);
	bool assigned = r->p.role == ROLE_COUNSELLOR && jint(c, "counsellor_id") == r->p.user_id;
	const char *name = arena_printf(r->arena, "%s %s", jstr(c, "first_name"), jstr(c, "last_name"));
	page_begin(pg, name, "caseload");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/caseload\">%s</a></p><h1>%s",
	            T(pg, "caseload.title"), name ? name : "");
	page_latin_spelling(pg, name);
	html_raw_trusted(b, "</h1><p class=\"sub\">");
	page_status_badge(pg, jstr(c, "status"));
	if (jint(c, "counsellor_id")) {
		html_printf(b, " %s: ", T(pg, "f.counsellor_id"));
		page_value(pg, entity_field(cd, "counsellor_id"), json_object_get(c, "counsellor_id"));
	}
	html_printf(b, "</p></div><a class=\"button secondary\" href=\"/clients/%lld/matches\">%s</a></div>",
	            (long long)id, T(pg, "client.matches"));
	page_notice(pg);
	html_printf(b, "<nav class=\"tabs\" aria-label=\"%s\"><a href=\"#details\">%s</a><a href=\"#family\">%s</a>"
	               "<a href=\"#profile\">%s</a><a href=\"#timeline\">%s</a><a href=\"#consents\">%s</a>"
	               "<a href=\"#outcomes\">%s</a><a href=\"#proposals\">%s</a><a href=\"#partners\">%s</a></nav>",
	            T(pg, "client.sections"), T(pg, "client.details"), T(pg, "client.family"), T(pg, "client.profile"),
	            T(pg, "client.timeline"), T(pg, "client.consents"), T(pg, "client.outcomes"), T(pg, "client.proposals"),
	            T(pg, "pr.title_client"));

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

	family_section(pg, id, c);

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
			bool w = page_may(pg, d, ACC_WRITE);
			if (w)
				add_form(pg, id, s);
			if (w && d == entity_get(ENT_CLIENT_SKILLS))
				ui_skill_suggest_box(pg, "/clients", id);
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
	if (page_may(pg, pd, ACC_WRITE))
		propose_form(pg, id);
	html_raw_trusted(b, "</div></section>");
	ui_partner_client_section(pg, id);
	ui_client_links_section(pg, id); /* the same person in other organisations (with both consents) */
	return page_end(pg);
}

int ui_client(struct page *pg)
{
	return page_by_id(pg, client_page, "client");
}

int ui_client_show(struct page *pg, int64_t id)
{
	return client_page(pg, id);
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
	return page_redirectf(pg, "/clients/%lld?done=saved#%s", (long long)id, fid);
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
	return page_redirectf(pg, "/clients/%lld?done=removed#sec-%s", (long long)id, s->entity);
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
	ui_dup_warning(pg); /* a likely duplicate: the records it may be, and "create anyway" below */
	json_t *defaults = json_pack("{s:s}", "status", "intake");
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, defaults);
	page_form_fields(pg, "client-new", entity_get(ENT_CLIENTS), new_fields, defaults);
	ui_dup_confirm(pg);
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
	json_t *body = page_form_json(pg, entity_get(ENT_CLIENTS), new_fields, true), *row = NULL, *matches = NULL;
	const char *confirm = form_get(&pg->form, "confirm_new");
	struct err e = {0};
	int rc = app_client_create(web_actor(pg->r), body, confirm && strcmp(confirm, "1") == 0, &row, &matches, &e);
	if (matches) { /* shown with the form again, which keeps what was typed; showing them was audited */
		pg->r->err_matches = matches;
		pg->r->commit_anyway = true;
	}
	if (page_form_again(pg, (rc = page_failed(pg, rc, &e, NULL, "client-new"))))
		return new_page(pg);
	if (rc)
		return rc;
	return page_redirectf(pg, "/clients/%lld?done=created", (long long)jint(row, "id"));
}

/* ---- the family's forms: a new family for this client, a member or a step added, one removed ---- */

/* The family of client id as this user may see it: its id, or 0 with a 404 answered. */
static int64_t family_of(struct page *pg, int64_t id)
{
	json_t *c = NULL;
	if (!id || page_get(pg, "clients", id, &c))
		return 0;
	return jint(c, "family_id");
}

int ui_client_family_new(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	json_t *c = NULL;
	if (!id)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such client");
	int rc = page_get(pg, "clients", id, &c);
	if (rc)
		return rc;
	json_t *body = page_form_json(pg, entity_get(ENT_FAMILIES), family_new_form, true), *fam = NULL;
	rc = page_create(pg, entity_get(ENT_FAMILIES), body, "family-new", &fam);
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, client_page, id);
	if (rc)
		return rc;
	/* the client joins it (as its worker unless a role is set) */
	json_t *link = json_pack("{s:I}", "family_id", (json_int_t)jint(fam, "id"));
	if (!jstr(c, "family_role"))
		json_object_set_new(link, "family_role", json_string("worker"));
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, link);
	if ((rc = page_update(pg, entity_get(ENT_CLIENTS), id, link, "family-new")))
		return page_is_form_error(pg) ? page_reshow(pg, client_page, id) : rc;
	return page_redirectf(pg, "/clients/%lld?done=created#family", (long long)id);
}

int ui_client_family_add(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	const char *entity = r->params[1];
	const struct entity_def *d = entity_find(entity ? entity : "");
	if (!d || (d->id != ENT_FAMILY_MEMBERS && d->id != ENT_SETTLING_STEPS))
		return web_error(r, ERR_NOT_FOUND, "", "no such list");
	int64_t fid = family_of(pg, id);
	if (!fid)
		return r->err.code ? (int)r->err.code : web_error(r, ERR_NOT_FOUND, "", "this client has no family");
	json_t *body = page_form_json(pg, d, d->id == ENT_SETTLING_STEPS ? step_form : member_form, true);
	json_object_set_new(body, "family_id", json_integer(fid));
	const char *who = d->id == ENT_SETTLING_STEPS ? form_get(&pg->form, "who") : NULL;
	if (who && (who[0] == 'c' || who[0] == 'm') && who[1]) {
		char *end = NULL;
		long long pid = strtoll(who + 1, &end, 10);
		if (end && !*end && pid > 0)
			json_object_set_new(body, who[0] == 'c' ? "client_id" : "member_id", json_integer(pid));
	}
	int rc = page_create(pg, d, body, d->name, NULL);
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, client_page, id);
	if (rc)
		return rc;
	return page_redirectf(pg, "/clients/%lld?done=added#sec-%s", (long long)id, d->name);
}

int ui_client_family_remove(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0), rid = web_param_id(r, 2);
	const struct entity_def *d = entity_find(r->params[1] ? r->params[1] : "");
	if (!d || (d->id != ENT_FAMILY_MEMBERS && d->id != ENT_SETTLING_STEPS) || !rid)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	int64_t fid = family_of(pg, id);
	json_t *row = NULL;
	int rc = fid ? page_get(pg, d->name, rid, &row) : ERR_NOT_FOUND;
	if (rc || jint(row, "family_id") != fid)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	if ((rc = page_archive(pg, d, rid)))
		return rc;
	return page_redirectf(pg, "/clients/%lld?done=removed#sec-%s", (long long)id, d->name);
}
