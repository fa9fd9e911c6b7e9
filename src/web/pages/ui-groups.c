/* ui-groups: group events (info sessions, recruitment fairs, group coaching, employer visits): the list of the
 * organisation's events in a period with the figures per event type (src/report/groups.c), a new event, and an
 * event's page where staff record who came: clients (picked by a name search over the clients they may see) and the
 * employers present, each marked attended or not. Every write goes through the entity verbs, so the API's rules
 * (a client or an employer, once per event; the organisation's own rows) hold here too. No script needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "report/report.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

enum { GROUP_LIST_MAX = 1000, PICK_MAX = 100 };

static const char *const event_form[] = {"type", "title", "held_on", "place", "programme_id", NULL};
static const char *const event_facts[] = {"type", "held_on", "place", "programme_id", NULL};

static const char *const *group_types(void)
{
	return entity_field(entity_get(ENT_GROUP_EVENTS), "type")->values;
}

static bool known_type(const char *t)
{
	for (const char *const *v = group_types(); *v; v++)
		if (strcmp(*v, t) == 0)
			return true;
	return false;
}

/* --- the list --- */

static void filter_form(struct page *pg, const struct report_filter *f, const char *type)
{
	struct buf *b = pg->b;
	page_filter_begin(pg, "/groups", "gf-h");
	page_select_begin(pg, "g-type", "type", "grp.type", "grp.all_types", false);
	for (const char *const *v = group_types(); *v; v++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", *v, strcmp(*v, type) == 0 ? " selected" : "",
		            TK(pg, "v", *v));
	html_raw_trusted(b, "</select></div>");
	page_period_fields(pg, "g", f->from, f->to);
	page_filter_end(pg, "/groups");
}

static void figure_cells(struct page *pg, const struct report_group_row *row)
{
	const int64_t v[] = {row->events, row->clients, row->attendances, row->employers};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		html_raw_trusted(pg->b, "<td class=\"num\">");
		page_int(pg, v[i]);
		html_raw_trusted(pg->b, "</td>");
	}
}

/* The figures per event type of the period (every type, whatever the list's type filter). */
static void figures_section(struct page *pg, const struct report_groups *g)
{
	struct buf *b = pg->b;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"g-fig\"><h2 id=\"g-fig\">%s</h2>", T(pg, "grp.figures"));
	page_list_head(pg, NULL,
	               (const char *const[]){"grp.type", "#grp.events", "#grp.clients", "#grp.attendances", "#grp.employers",
	                                     NULL},
	               NULL);
	for (size_t i = 0; i < g->ntypes; i++) {
		html_printf(b, "<tr><th scope=\"row\">%s</th>", TK(pg, "v", g->type[i].type));
		figure_cells(pg, &g->type[i]);
		html_raw_trusted(b, "</tr>");
	}
	html_printf(b, "</tbody><tfoot><tr><th scope=\"row\">%s</th>", T(pg, "rep.total"));
	figure_cells(pg, &g->total);
	html_printf(b, "</tr></tfoot></table></div><p class=\"hint\">%s</p></section>", T(pg, "grp.figures_note"));
}

static void count_cell(struct page *pg, json_t *counts, json_t *ev, const char *what)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)jint(ev, "id"));
	html_raw_trusted(pg->b, "<td class=\"num\">");
	page_int(pg, jint(json_object_get(counts, id), what));
	html_raw_trusted(pg->b, "</td>");
}

static void events_table(struct page *pg, json_t *events, json_t *counts)
{
	struct buf *b = pg->b;
	const struct entity_def *d = entity_get(ENT_GROUP_EVENTS);
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	            page_field_label(pg, d, "title"), T(pg, "grp.type"), page_field_label(pg, d, "held_on"),
	            page_field_label(pg, d, "place"), T(pg, "grp.col_clients"), T(pg, "grp.col_employers"));
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev) {
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/groups/%lld\">%s</a></th><td>%s</td><td>",
		            (long long)jint(ev, "id"), jstr(ev, "title"), TK(pg, "v", jstr(ev, "type")));
		page_date(pg, jstr(ev, "held_on"));
		html_raw_trusted(b, "</td><td>");
		html_txt(b, jstr(ev, "place") ? jstr(ev, "place") : "–");
		html_raw_trusted(b, "</td>");
		count_cell(pg, counts, ev, "clients");
		count_cell(pg, counts, ev, "employers");
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

int ui_groups(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	struct report_filter f = {0};
	report_filter_init(&f, r->p.org_id);
	struct err e = {0};
	const char *from = web_query(r, "from"), *to = web_query(r, "to"), *type = web_query(r, "type");
	if (!type || !*type)
		type = "";
	else if (!known_type(type))
		return web_error(r, ERR_INVALID, "type", "no such event type");
	if ((from && *from && report_filter_set(&f, "from", from, false, &e)) ||
	    (to && *to && report_filter_set(&f, "to", to, false, &e)) || report_filter_check(&f, &e)) {
		r->err = e;
		return e.code ? (int)e.code : ERR_INVALID;
	}
	/* the events, newest first, through the list verb (its access and scope); the period is kept here, as the list
	 * filters compare equal values only */
	const struct entity_def *d = entity_get(ENT_GROUP_EVENTS);
	struct store_filter tf = {entity_field(d, "type"), type};
	struct store_list_query lq = {.filters = &tf, .nfilters = *type ? 1 : 0, .limit = GROUP_LIST_MAX};
	json_t *events = NULL;
	int rc = page_list_in_period(pg, "group-events", &lq, "held_on", f.from, f.to, 0, &events);
	if (rc)
		return rc;
	struct report_groups g = {0};
	json_t *counts = NULL;
	if ((rc = report_groups(r->store, &f, &g, &e)) || (rc = report_group_event_counts(r->store, &f, &counts, &e)))
		return web_fail(r, rc, &e);
	page_own(pg, counts);
	ui_list_begin(pg, d, "grp.title", "caseload", "/groups/new", "grp.new");
	html_printf(b, "<p class=\"lead\">%s</p>", T(pg, "grp.lead"));
	filter_form(pg, &f, type);
	html_raw_trusted(b, "<p class=\"sub\">");
	page_period(pg, f.from, f.to);
	html_raw_trusted(b, "</p>");
	figures_section(pg, &g);
	html_printf(b, "<section class=\"card\" aria-labelledby=\"g-list\"><h2 id=\"g-list\">%s</h2>", T(pg, "grp.list"));
	if (ui_list_found(pg, (int64_t)json_array_size(events), events))
		events_table(pg, events, counts);
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

/* --- a new event --- */

int ui_group_new(struct page *pg)
{
	if (pg->failed_form)
		pg->r->status = 400;
	page_begin(pg, T(pg, "grp.new"), "caseload");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/groups\">%s</a></p><h1>%s</h1><div class=\"card\">",
	            T(pg, "grp.title"), T(pg, "grp.new"));
	page_form_begin(pg, "group-new", "/groups/new");
	return ui_new_form_end(pg, "group-new", entity_get(ENT_GROUP_EVENTS), event_form, NULL);
}

int ui_group_create(struct page *pg)
{
	const struct entity_def *d = entity_get(ENT_GROUP_EVENTS);
	json_t *body = page_form_json(pg, d, event_form, true);
	return page_create_then_show(pg, d, body, "group-new", "/groups", ui_group_new);
}

/* --- an event's page --- */

/* A drop-down of a form that shows its failure beside it; the message of the other person field (client or
 * employer: "name one of them") is shown here too. */
static void pick_begin(struct page *pg, const char *form_id, const char *name, const char *other, const char *label)
{
	struct buf *b = pg->b;
	bool failed = pg->failed_form && strcmp(pg->failed_form, form_id) == 0 && pg->errors;
	const char *msg = failed ? jstr(pg->errors, name) : NULL;
	if (failed && !msg && other)
		msg = jstr(pg->errors, other);
	html_printf(b, "<div class=\"field%s\"><label for=\"%s-%s\">%s</label>", msg ? " has-error" : "", form_id, name,
	            label);
	if (msg)
		html_printf(b, "<p class=\"err\" id=\"%s-%s-err\">%s</p>", form_id, name, msg);
	html_printf(b, "<select id=\"%s-%s\" name=\"%s\"", form_id, name, name);
	if (msg)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-%s-err\"", form_id, name);
	html_raw_trusted(b, ">");
}

static void attended_select(struct page *pg, const char *form_id)
{
	pick_begin(pg, form_id, "attended", NULL, T(pg, "grp.attended"));
	html_printf(pg->b, "<option value=\"yes\">%s</option><option value=\"no\">%s</option></select></div>",
	            T(pg, "v.yes"), T(pg, "v.no"));
}

/* Is this client or employer on the event already (a row not removed)? */
static bool listed(json_t *rows, const char *field, int64_t id)
{
	size_t i;
	json_t *x;
	json_array_foreach(rows, i, x) {
		if (jint(x, field) == id)
			return true;
	}
	return false;
}

/* The form that adds a client: a name search (GET, kept in ?q=) narrows the drop-down of the clients this user may
 * see; without one, a counsellor's drop-down holds their own clients, a coordinator's the organisation's. */
static void add_client_form(struct page *pg, int64_t id, json_t *rows)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	const char *q = web_query(r, "q");
	if (q && (!*q || strlen(q) > 200))
		q = NULL;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	char me[24];
	snprintf(me, sizeof me, "%lld", (long long)r->p.user_id);
	struct store_filter mine = {entity_field(cd, "counsellor_id"), me};
	bool own = !q && r->p.role == ROLE_COUNSELLOR;
	struct store_list_query lq = {.q = q, .filters = own ? &mine : NULL, .nfilters = own ? 1 : 0, .limit = PICK_MAX};
	json_t *clients = NULL;
	if (page_list(pg, "clients", &lq, &clients, NULL))
		clients = NULL;
	err_clear(&r->err); /* an empty or failed search still shows the page */
	html_printf(b, "<div class=\"add\" id=\"add-client\"><h3>%s</h3>", T(pg, "grp.add_client"));
	html_printf(b, "<form method=\"get\" action=\"/groups/%lld#add-client\" class=\"search\" role=\"search\">"
	               "<div class=\"field\"><label for=\"g-q\">%s</label><input type=\"search\" id=\"g-q\" name=\"q\" "
	               "value=\"%s\" maxlength=\"200\"></div><div class=\"actions\"><button type=\"submit\" "
	               "class=\"secondary\">%s</button></div></form>",
	            (long long)id, T(pg, "grp.find_client"), q ? q : "", T(pg, "caseload.search_button"));
	char action[64];
	snprintf(action, sizeof action, "/groups/%lld/attendance", (long long)id);
	page_form_begin(pg, "att-client", action);
	html_raw_trusted(b, "<input type=\"hidden\" name=\"kind\" value=\"client\">");
	pick_begin(pg, "att-client", "client_id", NULL, page_field_label(pg, entity_get(ENT_GROUP_ATTENDANCE), "client_id"));
	html_printf(b, "<option value=\"\">%s</option>", T(pg, "form.choose"));
	size_t n = 0, i;
	json_t *c;
	json_array_foreach(clients, i, c) {
		if (listed(rows, "client_id", jint(c, "id")))
			continue;
		html_printf(b, "<option value=\"%lld\">%s</option>", (long long)jint(c, "id"), page_option_label(pg, cd, c));
		n++;
	}
	html_raw_trusted(b, "</select></div>");
	if (!n)
		html_printf(b, "<p class=\"hint\">%s</p>", T(pg, q ? "grp.no_clients_found" : "grp.no_clients"));
	attended_select(pg, "att-client");
	page_form_end(pg, "grp.add");
	html_raw_trusted(b, "</div>");
}

static void add_employer_form(struct page *pg, int64_t id, json_t *rows)
{
	struct buf *b = pg->b;
	struct store_list_query lq = {.limit = 500};
	json_t *emps = NULL;
	if (page_list(pg, "employers", &lq, &emps, NULL))
		emps = NULL;
	err_clear(&pg->r->err);
	char action[64];
	snprintf(action, sizeof action, "/groups/%lld/attendance", (long long)id);
	html_printf(b, "<div class=\"add\" id=\"add-employer\"><h3>%s</h3>", T(pg, "grp.add_employer"));
	page_form_begin(pg, "att-employer", action);
	html_raw_trusted(b, "<input type=\"hidden\" name=\"kind\" value=\"employer\">");
	pick_begin(pg, "att-employer", "employer_id", "client_id",
	           page_field_label(pg, entity_get(ENT_GROUP_ATTENDANCE), "employer_id"));
	html_printf(b, "<option value=\"\">%s</option>", T(pg, "form.choose"));
	size_t i;
	json_t *x;
	json_array_foreach(emps, i, x) {
		if (!listed(rows, "employer_id", jint(x, "id")))
			html_printf(b, "<option value=\"%lld\">%s</option>", (long long)jint(x, "id"), jstr(x, "name"));
	}
	html_raw_trusted(b, "</select></div>");
	attended_select(pg, "att-employer");
	page_form_end(pg, "grp.add");
	html_raw_trusted(b, "</div>");
}

/* The rows of one kind (clients or employers) with their marks, a button that turns the mark, and one that removes
 * the row. Buttons name their row through aria-describedby (the row's heading cell). */
static void attendance_table(struct page *pg, int64_t id, json_t *rows, const char *field, const char *base)
{
	struct buf *b = pg->b;
	const struct entity_def *ad = entity_get(ENT_GROUP_ATTENDANCE);
	const struct field_def *f = entity_field(ad, field);
	int64_t n = 0, came = 0;
	size_t i;
	json_t *x;
	json_array_foreach(rows, i, x) {
		if (jint(x, field)) {
			n++;
			came += json_is_true(json_object_get(x, "attended"));
		}
	}
	html_printf(b, "<p class=\"result-count\">%s ", T(pg, "grp.count_attended"));
	page_int(pg, came);
	html_printf(b, " / %s ", T(pg, "grp.count_recorded"));
	page_int(pg, n);
	html_raw_trusted(b, "</p>");
	if (!n) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
		return;
	}
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\"><span class=\"vh\">%s</span></th></tr></thead><tbody>",
	            page_field_label(pg, ad, field), T(pg, "grp.attended"), T(pg, "list.actions"));
	json_array_foreach(rows, i, x) {
		int64_t who = jint(x, field), rid = jint(x, "id");
		if (!who)
			continue;
		bool yes = json_is_true(json_object_get(x, "attended"));
		html_printf(b, "<tr><th scope=\"row\" id=\"att-%lld\"><a href=\"%s/%lld\">", (long long)rid, base,
		            (long long)who);
		page_value(pg, f, json_object_get(x, field));
		html_printf(b, "</a></th><td><span class=\"badge %s\">%s</span></td><td class=\"row-actions\">",
		            yes ? "ok" : "bad", T(pg, yes ? "grp.present" : "grp.absent"));
		html_printf(b, "<form method=\"post\" action=\"/groups/%lld/attendance/%lld\" class=\"inline\">",
		            (long long)id, (long long)rid);
		page_csrf_field(pg);
		html_printf(b, "<input type=\"hidden\" name=\"attended\" value=\"%s\"><input type=\"hidden\" name=\"version\" "
		               "value=\"%lld\"><button type=\"submit\" class=\"small secondary\" aria-describedby=\"att-%lld\">"
		               "%s</button></form> ",
		            yes ? "no" : "yes", (long long)jint(x, "version"), (long long)rid,
		            T(pg, yes ? "grp.mark_no" : "grp.mark_yes"));
		html_printf(b, "<form method=\"post\" action=\"/groups/%lld/attendance/%lld/remove\" class=\"inline\">",
		            (long long)id, (long long)rid);
		page_csrf_field(pg);
		html_printf(b, "<button type=\"submit\" class=\"small secondary\" data-confirm=\"%s\" "
		               "aria-describedby=\"att-%lld\">%s</button></form></td></tr>",
		            T(pg, "list.remove_confirm"), (long long)rid, T(pg, "list.remove"));
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

static int event_page(struct page *pg, int64_t id)
{
	struct buf *b = pg->b;
	json_t *ev = NULL, *rows = NULL;
	int rc = page_get(pg, "group-events", id, &ev);
	if (rc || (rc = ui_list_by(pg, "group-attendance", "group_event_id", id, GROUP_LIST_MAX, &rows)))
		return rc;
	const struct entity_def *d = entity_get(ENT_GROUP_EVENTS);
	page_begin(pg, jstr(ev, "title"), "caseload");
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"/groups\">%s</a></p><h1>%s</h1></div>"
	               "<div class=\"head-actions\"><a class=\"button secondary\" href=\"/edit/group-events/%lld?back="
	               "/groups/%lld\">%s</a></div></div>",
	            T(pg, "grp.title"), jstr(ev, "title"), (long long)id, (long long)id, T(pg, "form.edit"));
	page_notice(pg);
	if (pg->error_summary && !pg->failed_form) /* a mark that failed (ui_group_mark) */
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</div>",
		            pg->error_summary);
	html_raw_trusted(b, "<section class=\"card\">");
	page_facts(pg, d, event_facts, ev);
	html_raw_trusted(b, "</section>");
	html_printf(b, "<section class=\"card\" id=\"sec-clients\" aria-labelledby=\"h-clients\"><h2 id=\"h-clients\">%s"
	               "</h2>",
	            T(pg, "grp.participants"));
	attendance_table(pg, id, rows, "client_id", "/clients");
	add_client_form(pg, id, rows);
	html_printf(b, "</section><section class=\"card\" id=\"sec-employers\" aria-labelledby=\"h-employers\">"
	               "<h2 id=\"h-employers\">%s</h2>",
	            T(pg, "grp.employers_present"));
	attendance_table(pg, id, rows, "employer_id", "/employers");
	add_employer_form(pg, id, rows);
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

int ui_group(struct page *pg)
{
	return page_by_id(pg, event_page, "group event");
}

/* A whole number from the form, as JSON; other text as written, for the verb's validation to refuse. */
static json_t *form_id_value(const char *v)
{
	char *end = NULL;
	long long n = strtoll(v, &end, 10);
	return end && !*end && end != v ? json_integer(n) : json_string(v);
}

/* yes/no from the form: true, false, or absent (NULL). */
static json_t *form_yes_no(struct page *pg)
{
	const char *v = form_get(&pg->form, "attended");
	if (v && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
		return json_boolean(strcmp(v, "yes") == 0);
	return NULL;
}

static int group_attend(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	const char *kind = form_get(&pg->form, "kind");
	bool employer = kind && strcmp(kind, "employer") == 0;
	const char *field = employer ? "employer_id" : "client_id", *form_id = employer ? "att-employer" : "att-client";
	json_t *body = page_own(pg, json_pack("{s:I}", "group_event_id", (json_int_t)id));
	if (!body)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	const char *who = form_get(&pg->form, field);
	if (who && *who)
		json_object_set_new(body, field, form_id_value(who));
	json_t *yes = form_yes_no(pg);
	if (yes)
		json_object_set_new(body, "attended", yes);
	int rc = page_create(pg, entity_get(ENT_GROUP_ATTENDANCE), body, form_id, NULL);
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, event_page, id);
	if (rc)
		return rc;
	return page_redirect(pg, arena_printf(r->arena, "/groups/%lld?done=added#sec-%s", (long long)id,
	                                      employer ? "employers" : "clients"));
}

int ui_group_attend(struct page *pg)
{
	return page_by_id(pg, group_attend, "group event");
}

/* The attendance row of the path (/groups/{id}/attendance/{rid}), if it is one of that event's. */
static int attendance_row(struct page *pg, int64_t *id, int64_t *rid, json_t **row)
{
	*id = web_param_id(pg->r, 0);
	*rid = web_param_id(pg->r, 1);
	if (!*id || !*rid)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such attendance");
	int rc = page_get(pg, "group-attendance", *rid, row);
	if (rc)
		return rc;
	if (jint(*row, "group_event_id") != *id)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such attendance");
	return 0;
}

int ui_group_mark(struct page *pg)
{
	int64_t id, rid;
	json_t *row = NULL;
	int rc = attendance_row(pg, &id, &rid, &row);
	if (rc)
		return rc;
	json_t *yes = form_yes_no(pg);
	if (!yes)
		return web_error(pg->r, ERR_INVALID, "attended", "attended must be yes or no");
	json_t *body = page_own(pg, json_pack("{s:o}", "attended", yes));
	if (!body)
		return web_error(pg->r, ERR_UNAVAILABLE, "", "out of memory");
	char form_id[40];
	snprintf(form_id, sizeof form_id, "att-%lld", (long long)rid);
	rc = page_update(pg, entity_get(ENT_GROUP_ATTENDANCE), rid, body, arena_strdup(pg->r->arena, form_id));
	if (rc && page_is_form_error(pg)) {
		/* a version conflict (someone marked it meanwhile) or a refusal: the page as it is now, with the message */
		pg->error_summary = pg->error_summary ? pg->error_summary : page_error_text(pg, &pg->r->err);
		pg->failed_form = NULL;
		return page_reshow(pg, event_page, id);
	}
	if (rc)
		return rc;
	return page_redirect(pg, arena_printf(pg->r->arena, "/groups/%lld?done=saved#sec-%s", (long long)id,
	                                      jint(row, "employer_id") ? "employers" : "clients"));
}

int ui_group_remove(struct page *pg)
{
	int64_t id, rid;
	json_t *row = NULL;
	int rc = attendance_row(pg, &id, &rid, &row);
	if (rc || (rc = page_archive(pg, entity_get(ENT_GROUP_ATTENDANCE), rid)))
		return rc;
	return page_redirect(pg, arena_printf(pg->r->arena, "/groups/%lld?done=removed#sec-%s", (long long)id,
	                                      jint(row, "employer_id") ? "employers" : "clients"));
}
