/* ui-employer-portal: what an employer contact sees: the shortlists sent to their employer (and nothing else), one
 * shortlist with its anonymised candidates (competence, languages, the match explanation; a name only when the client
 * agreed), and the answer per candidate: invite to an interview, or not chosen with a reason. The same shortlist page
 * also opens from a link that expires (/shortlist?t=TOKEN, no login; the token is a query value so access logs never hold
 * it). Data comes only from the shortlist API handlers (api_shortlists.c), which build the view from a whitelist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/pages/ui.h"

static void list_of(struct page *pg, json_t *arr, const char *key, void (*item)(struct page *, json_t *))
{
	struct buf *b = pg->b;
	html_printf(b, "<div class=\"part\"><h4>%s</h4>", T(pg, key));
	if (!json_array_size(arr)) {
		html_printf(b, "<p class=\"empty\">%s</p></div>", T(pg, "list.empty"));
		return;
	}
	html_raw_trusted(b, "<ul>");
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		html_raw_trusted(b, "<li>");
		item(pg, x);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul></div>");
}

static void skill_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, jstr(x, "label") ? jstr(x, "label") : "–");
	if (jstr(x, "level"))
		html_printf(pg->b, " <span class=\"meta\">(%s)</span>", TK(pg, "v", jstr(x, "level")));
}

static void lang_item(struct page *pg, json_t *x)
{
	page_lang_name(pg, jstr(x, "language"));
	const char *l = jstr(x, "level");
	html_printf(pg->b, " %s", l && strcmp(l, "native") == 0 ? T(pg, "v.native") : (l ? l : ""));
}

static void edu_item(struct page *pg, json_t *x)
{
	html_printf(pg->b, "%s %lld", T(pg, "f.isced_level"), (long long)jint(x, "isced_level"));
	if (jstr(x, "isced_field"))
		html_printf(pg->b, ", %s %s", T(pg, "f.isced_field"), jstr(x, "isced_field"));
	if (jstr(x, "recognition"))
		html_printf(pg->b, " <span class=\"meta\">(%s)</span>", TK(pg, "v", jstr(x, "recognition")));
}

static void exp_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, jstr(x, "title") ? jstr(x, "title") : "–");
	json_t *y = json_object_get(x, "years");
	if (json_is_number(y)) {
		html_raw_trusted(pg->b, " <span class=\"meta\">(");
		page_real(pg, json_number_value(y), 1);
		html_printf(pg->b, " %s)</span>", T(pg, "unit.years"));
	}
}

static void title_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, jstr(x, "title") ? jstr(x, "title") : "–");
}

static void cert_item(struct page *pg, json_t *x)
{
	html_printf(pg->b, "%s: %s", TK(pg, "v", jstr(x, "kind")), jstr(x, "name") ? jstr(x, "name") : "");
}

static void text_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, json_string_value(x));
}

static void missing_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, jstr(x, "label"));
	json_t *c = json_object_get(x, "courses");
	if (json_array_size(c)) {
		html_printf(pg->b, " <span class=\"meta\">– %s: ", T(pg, "matches.courses"));
		size_t i;
		json_t *n;
		json_array_foreach(c, i, n) html_printf(pg->b, "%s%s", i ? ", " : "", json_string_value(n));
		html_raw_trusted(pg->b, "</span>");
	}
}

static void gap_item(struct page *pg, json_t *x)
{
	page_lang_name(pg, jstr(x, "language"));
	const char *req = jstr(x, "required_level"), *cl = jstr(x, "client_level");
	html_printf(pg->b, ": %s %s, %s %s", T(pg, "matches.required_level"), req && *req ? req : "–",
	            T(pg, "matches.client_level"), cl && *cl ? cl : T(pg, "matches.no_level"));
}

static void hard_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, TK(pg, "hard", json_string_value(x)));
}

static void answer_form(struct page *pg, const char *action, json_t *c)
{
	struct buf *b = pg->b;
	long long pid = (long long)jint(c, "proposal_id"), n = (long long)jint(c, "number");
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"answer\" id=\"answer-%lld\">", action, n);
	if (pg->r->authed)
		page_csrf_field(pg);
	html_printf(b, "<input type=\"hidden\" name=\"proposal_id\" value=\"%lld\"><div class=\"field\"><label "
	               "for=\"reason-%lld\">%s</label><input type=\"text\" id=\"reason-%lld\" name=\"reason\" "
	               "maxlength=\"500\"></div><div class=\"actions\">",
	            pid, n, T(pg, "portal.reason"), n);
	if (strcmp(jstr(c, "stage"), "sent") == 0)
		html_printf(b, "<button type=\"submit\" name=\"answer\" value=\"interview\">%s</button>",
		            T(pg, "portal.interview"));
	html_printf(b, "<button type=\"submit\" name=\"answer\" value=\"not_chosen\" class=\"secondary\">%s</button>"
	               "</div></form>",
	            T(pg, "portal.not_chosen"));
}

/* The shortlist view (the API's JSON) as a page. action: where answers post (NULL: no answering); by_link: opened
 * through a link (says until when it works). */
static void render(struct page *pg, json_t *v, const char *action, bool by_link)
{
	struct buf *b = pg->b;
	json_t *vac = json_object_get(v, "vacancy");
	html_printf(b, "<h1>%s</h1><p class=\"sub\">%s", jstr(vac, "title"), jstr(json_object_get(v, "employer"), "name"));
	if (jstr(vac, "municipality"))
		html_printf(b, " · %s", jstr(vac, "municipality"));
	if (jstr(vac, "contract_type"))
		html_printf(b, " · %s", TK(pg, "v", jstr(vac, "contract_type")));
	if (jint(vac, "hours_per_week"))
		html_printf(b, " · %lld %s", (long long)jint(vac, "hours_per_week"), T(pg, "unit.hours_week"));
	html_printf(b, "</p><p class=\"lead\">%s</p>", T(pg, "portal.lead"));
	page_notice(pg);
	if (by_link && jstr(v, "link_expires_at")) {
		html_printf(b, "<p class=\"hint\">%s ", T(pg, "portal.link_valid"));
		page_date(pg, jstr(v, "link_expires_at"));
		html_raw_trusted(b, "</p>");
	}
	json_t *cands = json_object_get(v, "candidates");
	html_raw_trusted(b, "<ol class=\"candidates\">");
	size_t i;
	json_t *c;
	json_array_foreach(cands, i, c) {
		long long n = (long long)jint(c, "number");
		json_t *id = json_object_get(c, "identity"), *prof = json_object_get(c, "profile");
		json_t *m = json_object_get(prof, "match");
		html_printf(b, "<li class=\"card candidate\" id=\"cand-%lld\"><div class=\"match-head\"><h2>", n);
		if (json_is_object(id))
			html_printf(b, "%s %s", jstr(id, "first_name"), jstr(id, "last_name"));
		else
			html_printf(b, "%s %lld", T(pg, "portal.candidate"), n);
		if (json_is_true(json_object_get(c, "withdrawn"))) { /* consent withdrawn: the number and a word, nothing else */
			html_printf(b, "</h2><p class=\"badge s-withdrawn\">%s</p></div><p class=\"hint\">%s</p></li>",
			            T(pg, "portal.withdrawn"), T(pg, "portal.withdrawn_hint"));
			continue;
		}
		html_printf(b, "</h2><p class=\"badge s-%s\">%s</p>", jstr(c, "stage"), TK(pg, "portal_stage", jstr(c, "stage")));
		if (json_is_object(m)) {
			html_printf(b, "<p class=\"score\"><span class=\"vh\">%s </span>", T(pg, "f.score"));
			page_real(pg, json_number_value(json_object_get(m, "score")), 0);
			html_raw_trusted(b, "<span class=\"of\">/100</span></p>");
		}
		html_raw_trusted(b, "</div>");
		if (json_is_object(id)) {
			html_printf(b, "<p class=\"contact\">%s: ", T(pg, "portal.contact"));
			if (jstr(id, "email"))
				html_printf(b, "<a href=\"mailto:%s\">%s</a> ", jstr(id, "email"), jstr(id, "email"));
			if (jstr(id, "phone"))
				html_printf(b, "%s", jstr(id, "phone"));
			html_raw_trusted(b, "</p>");
		}
		if (jstr(c, "reason"))
			html_printf(b, "<p class=\"meta\">%s: %s</p>", T(pg, "portal.reason"), jstr(c, "reason"));
		html_raw_trusted(b, "<div class=\"explain\">");
		list_of(pg, json_object_get(prof, "skills"), "e.client-skills", skill_item);
		list_of(pg, json_object_get(prof, "languages"), "e.client-languages", lang_item);
		list_of(pg, json_object_get(prof, "experience"), "e.work-history", exp_item);
		list_of(pg, json_object_get(prof, "education"), "e.educations", edu_item);
		if (json_array_size(json_object_get(prof, "certificates")))
			list_of(pg, json_object_get(prof, "certificates"), "e.certificates", cert_item);
		if (json_array_size(json_object_get(prof, "targets")))
			list_of(pg, json_object_get(prof, "targets"), "e.target-occupations", title_item);
		if (json_is_object(m)) {
			list_of(pg, json_object_get(m, "matched"), "matches.matched", text_item);
			list_of(pg, json_object_get(m, "missing"), "matches.missing", missing_item);
			if (json_array_size(json_object_get(m, "language_gaps")))
				list_of(pg, json_object_get(m, "language_gaps"), "matches.language_gaps", gap_item);
			if (json_array_size(json_object_get(m, "hard_failed")))
				list_of(pg, json_object_get(m, "hard_failed"), "matches.gaps", hard_item);
		}
		html_raw_trusted(b, "</div>");
		if (action && json_is_true(json_object_get(c, "answerable")))
			answer_form(pg, action, c);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ol>");
	if (!json_array_size(cands))
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
}

int ui_portal(struct page *pg)
{
	struct buf *b = pg->b;
	json_t *out = NULL;
	int rc = page_api(pg, "GET", "/api/v1/employer/shortlists", NULL, 0, NULL, &out, NULL);
	if (rc)
		return rc;
	page_begin(pg, T(pg, "portal.title"), "portal");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "portal.title"), T(pg, "portal.list_lead"));
	json_t *items = json_object_get(out, "items");
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "portal.none"));
		return page_end(pg);
	}
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	            T(pg, "portal.vacancy"), T(pg, "shortlist.sent_at"), T(pg, "shortlist.candidates"),
	            T(pg, "shortlist.waiting"));
	size_t i;
	json_t *s;
	json_array_foreach(items, i, s) {
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/portal/shortlists/%lld\">%s</a></th><td>",
		            (long long)jint(s, "id"), jstr(s, "vacancy_title"));
		page_date(pg, jstr(s, "sent_at"));
		html_raw_trusted(b, "</td><td>");
		page_int(pg, jint(s, "items"));
		html_raw_trusted(b, "</td><td>");
		page_int(pg, jint(s, "waiting"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	return page_end(pg);
}

int ui_portal_shortlist(struct page *pg)
{
	struct web_request *r = pg->r;
	const char *params[] = {r->nparams ? r->params[0] : ""};
	json_t *v = NULL;
	int rc = page_api(pg, "GET", "/api/v1/employer/shortlists/{id}", params, 1, NULL, &v, NULL);
	if (rc)
		return rc;
	page_begin(pg, jstr(json_object_get(v, "vacancy"), "title"), "portal");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/portal\">%s</a></p>", T(pg, "portal.title"));
	char action[64];
	snprintf(action, sizeof action, "/portal/shortlists/%lld/answer", (long long)jint(v, "id"));
	render(pg, v, action, false);
	return page_end(pg);
}

static json_t *answer_body(struct page *pg)
{
	const char *p = form_get(&pg->form, "proposal_id"), *a = form_get(&pg->form, "answer");
	const char *reason = form_get(&pg->form, "reason");
	char *end = NULL;
	long long pid = p ? strtoll(p, &end, 10) : 0;
	json_t *body = json_pack("{s:I,s:s}", "proposal_id", (json_int_t)(p && !*end ? pid : 0), "answer", a ? a : "");
	if (reason && *reason)
		json_object_set_new(body, "reason", json_string(reason));
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, body);
	return body;
}

int ui_portal_answer(struct page *pg)
{
	struct web_request *r = pg->r;
	const char *params[] = {r->nparams ? r->params[0] : ""};
	int rc = page_api(pg, "POST", "/api/v1/employer/shortlists/{id}/answers", params, 1, answer_body(pg), NULL, NULL);
	if (rc)
		return rc;
	char next[96];
	snprintf(next, sizeof next, "/portal/shortlists/%lld?done=answered", (long long)web_param_id(r, 0));
	return page_redirect(pg, next);
}

/* A link page that cannot be shown: expired (with its own message) or unknown. */
static int link_failed(struct page *pg)
{
	struct web_request *r = pg->r;
	if (r->err.code != ERR_FORBIDDEN || strcmp(r->err.field, "expires_at") != 0)
		return r->err.code ? (int)r->err.code : ERR_NOT_FOUND;
	err_clear(&r->err);
	r->status = 410;
	page_begin(pg, T(pg, "portal.expired_title"), NULL);
	html_printf(pg->b, "<div class=\"narrow card\"><h1>%s</h1><p class=\"lead\" role=\"status\">%s</p></div>",
	            T(pg, "portal.expired_title"), T(pg, "portal.expired"));
	return page_end(pg);
}

static const char *link_token(struct page *pg)
{
	const char *t = web_query(pg->r, "t");
	return t && strlen(t) == AUTH_TOKEN_HEX ? t : NULL;
}

int ui_link_shortlist(struct page *pg)
{
	json_t *v = NULL;
	const char *t = link_token(pg);
	if (!t)
		return web_error(pg->r, ERR_NOT_FOUND, "t", "no such shortlist link");
	int rc = page_api(pg, "GET", "/api/v1/shortlist-link", NULL, 0, NULL, &v, NULL);
	if (rc)
		return link_failed(pg);
	page_begin(pg, jstr(json_object_get(v, "vacancy"), "title"), NULL);
	char action[96];
	snprintf(action, sizeof action, "/shortlist/answer?t=%s", t);
	render(pg, v, action, true);
	return page_end(pg);
}

int ui_link_answer(struct page *pg)
{
	const char *t = link_token(pg);
	if (!t)
		return web_error(pg->r, ERR_NOT_FOUND, "t", "no such shortlist link");
	int rc = page_api(pg, "POST", "/api/v1/shortlist-link/answers", NULL, 0, answer_body(pg), NULL, NULL);
	if (rc)
		return link_failed(pg);
	char next[128];
	snprintf(next, sizeof next, "/shortlist?t=%s&done=answered", t);
	return page_redirect(pg, next);
}
