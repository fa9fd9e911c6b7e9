/* ui-cohorts: international recruitment cohorts (issue 15 item 7). /cohorts lists the organisation's cohorts with their
 * figures; /cohorts/{id} is a cohort's board: a column per step with a card per member and the current step's days
 * (on a phone the columns stack into a list grouped by step). Reads through the cohort verbs (src/app/cohort.c);
 * members and steps are written through the API (/api/v1/cohort-members, /cohort-steps, .../move). */
#include <stdio.h>
#include <string.h>

#include "app/cohort.h"
#include "web/modules.h"
#include "web/pages/ui.h"

enum { COHORT_LIST_MAX = 100 };

/* The cohort's three figures (docs/outcomes.md, "Recruitment cohorts"). */
static void figures(struct page *pg, json_t *fig)
{
	static const char *const keys[][2] = {
		{"members", "coh.fig.members"},
		{"reached_arrival", "coh.fig.arrived"},
		{"employed_6_months", "coh.fig.employed6"},
	};
	html_printf(pg->b, "<ul class=\"figures\" aria-label=\"%s\">", T(pg, "coh.figures"));
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		long long n = jint(fig, keys[i][0]);
		/* "1 member", not "1 members" (the other two read as a state: "1 arrived") */
		page_figure(pg, keys[i][0], n, T(pg, i == 0 && n == 1 ? "coh.fig.member" : keys[i][1]));
	}
	html_raw_trusted(pg->b, "</ul>");
}

/* What a cohort's form asks (the ESCO occupation and the ISCO code through the API or the edit page). */
static const char *const cohort_form[] = {"name", "employer_id", "programme_id", "occupation_title", "country",
                                          "planned_arrival_on", "school", "staffing_agency", "notes", NULL};
static const char *const member_form[] = {"name", "client_id", NULL};

/* A closed "add" box with the form of entity d posting to action, open again after a failed try. */
static void add_box(struct page *pg, const struct entity_def *d, const char *form_id, const char *action,
                    const char *summary_key, const char *const *fields, const char *button_key)
{
	bool failed = pg->failed_form && strcmp(pg->failed_form, form_id) == 0;
	html_printf(pg->b, "<section class=\"card\" id=\"sec-%s\"><details class=\"add\"%s><summary>%s</summary>", form_id,
	            failed ? " open" : "", T(pg, summary_key));
	page_form_begin(pg, form_id, action);
	page_form_fields(pg, form_id, d, fields, NULL);
	page_form_end(pg, button_key);
	html_raw_trusted(pg->b, "</details></section>");
}

int ui_cohorts(struct page *pg)
{
	struct buf *b = pg->b;
	struct store_list_query lq = {.limit = COHORT_LIST_MAX};
	json_t *items = NULL;
	int rc = page_list(pg, "cohorts", &lq, &items, NULL);
	if (rc)
		return rc;
	const struct entity_def *d = entity_get(ENT_COHORTS);
	page_begin(pg, T(pg, "coh.title"), "cohorts");
	html_printf(b, "<div class=\"head\"><h1>%s</h1></div><p class=\"lead\">%s</p>", T(pg, "coh.title"),
	            T(pg, "coh.lead"));
	page_notice(pg);
	if (page_may(pg, d, ACC_WRITE))
		add_box(pg, d, "cohort-new", "/cohorts", "coh.add", cohort_form, "form.create");
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "coh.none"));
		return page_end(pg);
	}
	page_list_head(pg, "cohorts",
	               (const char *const[]){"f.name", "f.employer_id", "f.occupation_title", "coh.country",
	                                     "f.planned_arrival_on", "#coh.col.members", "#coh.col.arrived",
	                                     "#coh.col.employed6", NULL},
	               NULL);
	size_t i;
	json_t *c;
	json_array_foreach(items, i, c) {
		int64_t id = jint(c, "id");
		json_t *board = NULL;
		struct err e = {0};
		if ((rc = app_cohort_board(web_actor(pg->r), id, false, &board, &e)))
			return web_fail(pg->r, rc, &e);
		json_t *co = json_object_get(board, "cohort"), *fig = json_object_get(board, "figures");
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/cohorts/%lld\">", (long long)id);
		html_txt(b, jstr(c, "name") ? jstr(c, "name") : "");
		html_raw_trusted(b, "</a></th><td>");
		html_txt(b, jstr(co, "employer_name") ? jstr(co, "employer_name") : "–");
		html_raw_trusted(b, "</td><td>");
		html_txt(b, jstr(c, "occupation_title") ? jstr(c, "occupation_title") : "–");
		html_raw_trusted(b, "</td><td>");
		if (jstr(c, "country"))
			page_country_name(pg, jstr(c, "country"));
		html_raw_trusted(b, "</td><td>");
		if (jstr(c, "planned_arrival_on"))
			page_date(pg, jstr(c, "planned_arrival_on"));
		html_raw_trusted(b, "</td>");
		static const char *const figs[] = {"members", "reached_arrival", "employed_6_months"};
		for (size_t k = 0; k < 3; k++) {
			html_raw_trusted(b, "<td class=\"num\">");
			page_int(pg, jint(fig, figs[k]));
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	return page_end(pg);
}

/* A fact of the cohort as a line of its description list (text as written). */
static void fact(struct page *pg, const char *label_key, const char *text)
{
	html_printf(pg->b, "<dt>%s</dt><dd>", T(pg, label_key));
	html_txt(pg->b, text && *text ? text : "–");
	html_raw_trusted(pg->b, "</dd>");
}

/* Every step of a member with a row, in order, with its state and days (folded: the card shows the current one). */
static void steps_detail(struct page *pg, json_t *m)
{
	struct buf *b = pg->b;
	json_t *steps = json_object_get(m, "steps");
	if (!json_object_size(steps))
		return;
	html_printf(b, "<details class=\"steps\"><summary>%s</summary><ul>", T(pg, "coh.all_steps"));
	for (size_t i = 0; domain_cohort_steps[i]; i++) {
		json_t *st = json_object_get(steps, domain_cohort_steps[i]);
		if (!st)
			continue;
		char key[64], skey[64];
		snprintf(key, sizeof key, "coh.step.%s", domain_cohort_steps[i]);
		snprintf(skey, sizeof skey, "coh.state.%s", jstr(st, "state") ? jstr(st, "state") : "not_started");
		html_printf(b, "<li data-step=\"%s\"><span class=\"state\">%s</span> %s", domain_cohort_steps[i], T(pg, key),
		            T(pg, skey));
		if (jstr(st, "planned_on")) {
			html_printf(b, "<span class=\"meta\">%s ", T(pg, "coh.planned"));
			page_date(pg, jstr(st, "planned_on"));
			html_raw_trusted(b, "</span>");
		}
		if (jstr(st, "done_on")) {
			bool stopped = jstr(st, "state") && strcmp(jstr(st, "state"), "interrupted") == 0;
			html_printf(b, "<span class=\"meta\">%s ", T(pg, stopped ? "coh.interrupted_on" : "coh.done_on"));
			page_date(pg, jstr(st, "done_on"));
			html_raw_trusted(b, "</span>");
		}
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul></details>");
}

/* A writer's form on a card: move the member to a step (today; src/app/cohort.c app_cohort_move). */
static void move_form(struct page *pg, int64_t cohort, json_t *m, const char *column)
{
	struct buf *b = pg->b;
	long long mid = (long long)jint(m, "id");
	if (strcmp(column, "completed") == 0) /* every step done: the last one is where a move back starts */
		column = "first_6_months";
	html_printf(b, "<form method=\"post\" action=\"/cohorts/%lld/members/%lld/move\" class=\"stage\">",
	            (long long)cohort, mid);
	page_csrf_field(pg);
	html_printf(b, "<label for=\"move-%lld\" class=\"vh\">%s</label><select id=\"move-%lld\" name=\"step\">", mid,
	            T(pg, "coh.move_to"), mid);
	for (size_t s = 0; domain_cohort_steps[s]; s++) {
		char key[64];
		snprintf(key, sizeof key, "coh.step.%s", domain_cohort_steps[s]);
		html_printf(b, "<option value=\"%s\"%s>%s</option>", domain_cohort_steps[s],
		            strcmp(column, domain_cohort_steps[s]) == 0 ? " selected" : "", T(pg, key));
	}
	html_printf(b, "</select><button type=\"submit\" class=\"small\">%s</button></form>", T(pg, "coh.move"));
}

/* One member's card: the name (a link to the client for those who may read clients), the current step's state and its
 * planned and done days; a writer's move form (not on an interrupted member: reopen the step first). */
static void card(struct page *pg, json_t *m, bool link_clients, int64_t cohort, const char *column, bool can_write)
{
	struct buf *b = pg->b;
	html_printf(b, "<li class=\"prop\" data-member=\"%lld\"><span class=\"who\">", (long long)jint(m, "id"));
	if (link_clients && jint(m, "client_id"))
		html_printf(b, "<a href=\"/clients/%lld\">", (long long)jint(m, "client_id"));
	html_txt(b, jstr(m, "name") ? jstr(m, "name") : T(pg, "coh.erased")); /* no name: the client was erased */
	if (link_clients && jint(m, "client_id"))
		html_raw_trusted(b, "</a>");
	html_raw_trusted(b, "</span>");
	const char *state = jstr(m, "state");
	if (state) {
		char key[64];
		snprintf(key, sizeof key, "coh.state.%s", state);
		html_printf(b, "<span class=\"state\" data-state=\"%s\">%s</span>", state, T(pg, key));
	}
	if (jstr(m, "planned_on")) {
		html_printf(b, "<span class=\"meta\">%s ", T(pg, "coh.planned"));
		page_date(pg, jstr(m, "planned_on"));
		html_raw_trusted(b, "</span>");
	}
	if (jstr(m, "done_on")) {
		bool stopped = state && strcmp(state, "interrupted") == 0;
		html_printf(b, "<span class=\"meta\">%s ", T(pg, stopped ? "coh.interrupted_on" : "coh.done_on"));
		page_date(pg, jstr(m, "done_on"));
		html_raw_trusted(b, "</span>");
	}
	json_t *arrival = json_object_get(json_object_get(m, "steps"), "arrival");
	const char *arrived = jstr(arrival, "done_on");
	if (arrived && strcmp(jstr(arrival, "state") ? jstr(arrival, "state") : "", "done") == 0) {
		html_printf(b, "<span class=\"meta\">%s ", T(pg, "coh.arrived_on"));
		page_date(pg, arrived);
		html_raw_trusted(b, "</span>");
	}
	steps_detail(pg, m);
	if (can_write && strcmp(column, "interrupted") != 0)
		move_form(pg, cohort, m, column);
	html_raw_trusted(b, "</li>");
}

static int board_page(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *board = NULL;
	struct err e = {0};
	int rc = app_cohort_board(web_actor(pg->r), id, true, &board, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	json_t *co = json_object_get(board, "cohort");
	bool can_write = page_may(pg, entity_get(ENT_COHORT_STEPS), ACC_WRITE);
	page_begin(pg, jstr(co, "name") ? jstr(co, "name") : T(pg, "coh.title"), "cohorts");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/cohorts\">%s</a></p><h1>",
	            T(pg, "coh.title"));
	html_txt(b, jstr(co, "name") ? jstr(co, "name") : "");
	html_raw_trusted(b, "</h1></div>");
	if (can_write)
		html_printf(b, "<div class=\"head-actions\"><a class=\"button secondary\" href=\"/edit/cohorts/%lld?back="
		               "/cohorts/%lld\">%s</a></div>",
		            (long long)id, (long long)id, T(pg, "form.edit"));
	html_raw_trusted(b, "</div>");
	page_notice(pg);
	if (pg->failed_form && pg->errors) { /* a refused move (ui_cohort_move) */
		const char *k;
		json_t *msg;
		json_object_foreach(pg->errors, k, msg) {
			html_raw_trusted(b, "<p class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>");
			html_txt(b, json_string_value(msg) ? json_string_value(msg) : "");
			html_raw_trusted(b, "</p>");
		}
	}
	html_raw_trusted(b, "<div class=\"card\"><dl class=\"facts\">");
	fact(pg, "f.employer_id", jstr(co, "employer_name"));
	fact(pg, "f.school", jstr(co, "school"));
	fact(pg, "f.staffing_agency", jstr(co, "staffing_agency"));
	html_printf(b, "<dt>%s</dt><dd>", T(pg, "coh.country"));
	if (jstr(co, "country"))
		page_country_name(pg, jstr(co, "country"));
	else
		html_raw_trusted(b, "–");
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "f.occupation_title"));
	if (jstr(co, "occupation_title"))
		html_txt(b, jstr(co, "occupation_title"));
	else if (jstr(co, "esco_occupation"))
		page_esco_label(pg, jstr(co, "esco_occupation"), NULL);
	else
		html_raw_trusted(b, "–");
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "f.planned_arrival_on"));
	if (jstr(co, "planned_arrival_on"))
		page_date(pg, jstr(co, "planned_arrival_on"));
	else
		html_raw_trusted(b, "–");
	html_raw_trusted(b, "</dd></dl>");
	figures(pg, json_object_get(board, "figures"));
	html_printf(b, "<p class=\"hint\">%s</p></div>", T(pg, "coh.rule"));
	html_printf(b, "<h2 id=\"board-h\">%s</h2><div class=\"board cohort\" role=\"region\" tabindex=\"0\" aria-labelledby=\"board-h\">",
	            T(pg, "coh.board"));
	bool link_clients = page_may(pg, entity_get(ENT_CLIENTS), ACC_READ);
	size_t i, j;
	json_t *col, *m;
	json_array_foreach(json_object_get(board, "columns"), i, col) {
		const char *name = jstr(col, "column");
		char key[64];
		snprintf(key, sizeof key, "coh.step.%s", name);
		html_printf(b, "<section class=\"stage-col\" data-column=\"%s\" aria-labelledby=\"col-%s\"><h3 id=\"col-%s\">"
		               "<span>%s</span><span class=\"count\">",
		            name, name, name, T(pg, key));
		page_int(pg, jint(col, "count"));
		html_raw_trusted(b, "</span></h3><ul>");
		json_array_foreach(json_object_get(col, "members"), j, m)
			card(pg, m, link_clients, id, name, can_write);
		html_raw_trusted(b, "</ul></section>");
	}
	html_raw_trusted(b, "</div>");
	if (can_write) /* a person joins: by a short name until arrival, with the client record when there is one */
		add_box(pg, entity_get(ENT_COHORT_MEMBERS), "cohort-members",
		        arena_printf(pg->r->arena, "/cohorts/%lld/add/cohort-members", (long long)id), "coh.add_member",
		        member_form, "form.create");
	return page_end(pg);
}

int ui_cohort_board(struct page *pg)
{
	return page_by_id(pg, board_page, "cohort");
}

/* POST /cohorts/{id}/members/{mid}/move: the board's move form. The member must be of this cohort; a refused move
 * shows the verb's message on the error page (nothing of it is stored). */
int ui_cohort_move(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t cohort = web_param_id(r, 0), member = web_param_id(r, 1);
	if (!cohort || !member)
		return web_error(r, ERR_NOT_FOUND, "", "no such cohort member");
	json_t *m = NULL;
	int rc = page_get(pg, "cohort-members", member, &m);
	if (rc)
		return rc;
	if (jint(m, "cohort_id") != cohort)
		return web_error(r, ERR_NOT_FOUND, "", "no such cohort member");
	json_t *steps = NULL;
	struct err e = {0};
	rc = app_cohort_move(web_actor(r), member, form_get(&pg->form, "step"), NULL, &steps, &e);
	/* The verb refuses these before it writes anything: the board again (400) with the message. Any other failure
	 * may come after a write and is an error page (the transaction rolls back). */
	if (rc && (e.code == ERR_INVALID || (e.key && strcmp(e.key, "cohort_interrupted") == 0))) {
		page_failed(pg, rc, &e, NULL, "move");
		return page_reshow(pg, board_page, cohort);
	}
	if (rc)
		return web_fail(r, rc, &e);
	return page_redirectf(pg, "/cohorts/%lld?done=moved", (long long)cohort);
}

/* POST /cohorts: a new cohort from the form, then its board. */
int ui_cohort_create(struct page *pg)
{
	const struct entity_def *d = entity_get(ENT_COHORTS);
	return page_create_then_show(pg, d, page_form_json(pg, d, cohort_form, true), "cohort-new", "/cohorts",
	                             ui_cohorts);
}

/* POST /cohorts/{id}/add/cohort-members: a member of the cohort, then the board. */
int ui_cohort_member_add(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	if (!id)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such cohort");
	return page_add_child(pg, "/cohorts", id, entity_get(ENT_COHORT_MEMBERS), member_form, board_page, false);
}
