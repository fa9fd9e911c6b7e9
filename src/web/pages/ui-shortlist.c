/* ui-shortlist: a coordinator or counsellor picks proposals of a vacancy and sends them to its employer as an
 * anonymised shortlist (optionally also as a link that expires); the page also lists the shortlists sent with the
 * employer's answers waiting, and lets a counsellor reveal or hide a client's identity (only with the client's
 * 'share_employer' consent, which the API checks). Everything goes through the API's handlers (page_api). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/pages/ui.h"

enum { SHORTLIST_FORM_MAX = 50 }; /* as SHORTLIST_MAX_ITEMS: the API says so when there are more */

static bool sendable(const char *stage)
{
	return stage && (!strcmp(stage, "suggested") || !strcmp(stage, "discussed") || !strcmp(stage, "sent"));
}

static int shortlists_page(struct page *pg, int64_t id, json_t *sent)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *v = NULL;
	int rc = page_get(pg, "vacancies", id, &v);
	if (rc)
		return rc;
	const struct entity_def *pd = entity_get(ENT_PROPOSALS), *vd = entity_get(ENT_VACANCIES);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	/* before the page starts: page_api clears the output buffer */
	json_t *list = NULL;
	const char *params[] = {idtxt};
	if ((rc = page_api(pg, "GET", "/api/v1/vacancies/{id}/shortlists", params, 1, NULL, &list, NULL)))
		return rc;
	const char *title = arena_printf(r->arena, "%s: %s", T(pg, "shortlist.title"), jstr(v, "title"));
	page_begin(pg, title, "vacancies");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/vacancies/%lld\">%s</a></p><h1>%s</h1><p class=\"lead\">%s ",
	            (long long)id, jstr(v, "title"), T(pg, "shortlist.title"), T(pg, "shortlist.to"));
	page_value(pg, entity_field(vd, "employer_id"), json_object_get(v, "employer_id"));
	html_printf(b, ". %s</p>", T(pg, "shortlist.anonymous_lead"));
	page_notice(pg);
	if (sent && jstr(sent, "link")) {
		const char *host = web_header(r, "Host");
		bool tls = web_server_config(r->srv)->secure_cookies;
		html_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p><p><a class=\"link-out\" id=\"shortlist-link\" "
		               "href=\"%s\">%s%s%s</a></p><p class=\"hint\">%s ",
		            T(pg, "shortlist.link_made"), jstr(sent, "link"), host ? (tls ? "https://" : "http://") : "",
		            host ? host : "", jstr(sent, "link"), T(pg, "shortlist.link_expires"));
		page_date(pg, jstr(sent, "link_expires_at"));
		html_printf(b, ". %s</p></div>", T(pg, "shortlist.link_once"));
	}

	struct store_filter f = {entity_field(pd, "vacancy_id"), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 500};
	json_t *props = NULL;
	if ((rc = page_list(pg, "proposals", &lq, &props, NULL)))
		return rc;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	/* choose and send */
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-send\"><h2 id=\"h-send\">%s</h2>",
	            T(pg, "shortlist.send_title"));
	size_t nsend = 0, i;
	json_t *p;
	json_array_foreach(props, i, p) nsend += sendable(jstr(p, "stage"));
	if (!nsend) {
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "shortlist.nothing_to_send"));
	} else {
		char action[64];
		snprintf(action, sizeof action, "/vacancies/%lld/shortlists", (long long)id);
		page_form_begin(pg, "shortlist", action);
		html_printf(b, "<fieldset class=\"choose\"><legend>%s</legend>", T(pg, "shortlist.choose"));
		json_array_foreach(props, i, p) {
			if (!sendable(jstr(p, "stage")))
				continue;
			long long pid = (long long)jint(p, "id");
			html_printf(b, "<label class=\"check\" for=\"sl-%lld\"><input type=\"checkbox\" id=\"sl-%lld\" "
			               "name=\"proposal_id\" value=\"%lld\"> ",
			            pid, pid, pid);
			page_value(pg, entity_field(pd, "client_id"), json_object_get(p, "client_id"));
			html_printf(b, " <span class=\"meta\">(%s", TK(pg, "v", jstr(p, "stage")));
			if (json_is_number(json_object_get(p, "score"))) {
				html_printf(b, ", %s ", T(pg, "f.score"));
				page_real(pg, json_number_value(json_object_get(p, "score")), 0);
			}
			html_raw_trusted(b, ")</span></label>");
		}
		html_printf(b, "</fieldset><div class=\"field\"><label class=\"check\" for=\"sl-link\"><input type=\"checkbox\" "
		               "id=\"sl-link\" name=\"link\" value=\"1\"> %s</label></div><div class=\"field\"><label "
		               "for=\"sl-days\">%s</label><input type=\"number\" id=\"sl-days\" name=\"link_days\" value=\"14\" "
		               "min=\"1\" max=\"90\" step=\"1\" inputmode=\"numeric\" class=\"short\"></div>",
		            T(pg, "shortlist.with_link"), T(pg, "shortlist.link_days"));
		page_form_end(pg, "shortlist.send");
		html_raw_trusted(b, "</section>");
	}

	/* identity: a counsellor reveals or hides, only with consent (the API says so otherwise) */
	bool counsellor = r->p.role == ROLE_COUNSELLOR;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-identity\"><h2 id=\"h-identity\">%s</h2>"
	               "<p class=\"hint\">%s</p>",
	            T(pg, "shortlist.identity"), T(pg, "shortlist.identity_hint"));
	if (!json_array_size(props)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
	} else {
		html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>"
		               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		            page_field_label(pg, pd, "client_id"), page_field_label(pg, pd, "stage"),
		            T(pg, "shortlist.identity_state"));
		json_array_foreach(props, i, p) {
			long long pid = (long long)jint(p, "id");
			bool rev = json_is_true(json_object_get(p, "identity_revealed"));
			html_printf(b, "<tr id=\"prop-%lld\"><th scope=\"row\">", pid);
			page_value(pg, entity_field(pd, "client_id"), json_object_get(p, "client_id"));
			html_printf(b, "</th><td>%s</td><td>%s", TK(pg, "v", jstr(p, "stage")),
			            T(pg, rev ? "shortlist.revealed" : "shortlist.anonymous"));
			if (counsellor) {
				html_printf(b, " <form method=\"post\" action=\"/proposals/%lld/reveal\" class=\"inline\">", pid);
				page_csrf_field(pg);
				html_printf(b, "<input type=\"hidden\" name=\"reveal\" value=\"%s\"><button type=\"submit\" "
				               "class=\"small secondary\">%s<span class=\"vh\"> ",
				            rev ? "0" : "1", T(pg, rev ? "shortlist.hide" : "shortlist.reveal"));
				page_value(pg, entity_field(pd, "client_id"), json_object_get(p, "client_id"));
				html_raw_trusted(b, "</span></button></form>");
			}
			html_raw_trusted(b, "</td></tr>");
		}
		html_raw_trusted(b, "</tbody></table></div>");
	}
	html_raw_trusted(b, "</section>");
	(void)cd;

	/* shortlists sent */
	json_t *items = json_object_get(list, "items");
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-sent\"><h2 id=\"h-sent\">%s</h2>",
	            T(pg, "shortlist.sent"));
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
	} else {
		html_printf(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"sent-shortlists\"><thead><tr>"
		               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		               "<th scope=\"col\">%s</th></tr></thead><tbody>",
		            T(pg, "shortlist.sent_at"), T(pg, "shortlist.candidates"), T(pg, "shortlist.waiting"),
		            T(pg, "shortlist.link_until"));
		json_t *s;
		json_array_foreach(items, i, s) {
			html_raw_trusted(b, "<tr><th scope=\"row\">");
			page_date(pg, jstr(s, "sent_at"));
			html_raw_trusted(b, "</th><td>");
			page_int(pg, jint(s, "items"));
			html_raw_trusted(b, "</td><td>");
			page_int(pg, jint(s, "waiting"));
			html_raw_trusted(b, "</td><td>");
			if (jstr(s, "link_expires_at"))
				page_date(pg, jstr(s, "link_expires_at"));
			else
				html_raw_trusted(b, "<span class=\"none\">–</span>");
			html_raw_trusted(b, "</td></tr>");
		}
		html_raw_trusted(b, "</tbody></table></div>");
	}
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

int ui_vacancy_shortlists(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	if (!id)
		return web_error(pg->r, ERR_NOT_FOUND, "id", "no such vacancy");
	return shortlists_page(pg, id, NULL);
}

int ui_vacancy_shortlist_send(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "no such vacancy");
	const char *vals[SHORTLIST_FORM_MAX];
	size_t n = form_get_all(&pg->form, "proposal_id", vals, SHORTLIST_FORM_MAX);
	json_t *ids = json_array();
	for (size_t i = 0; i < n && i < SHORTLIST_FORM_MAX; i++) {
		char *end;
		long long v = strtoll(vals[i], &end, 10);
		if (!*end && v > 0)
			json_array_append_new(ids, json_integer(v));
	}
	json_t *body = json_pack("{s:o}", "proposal_ids", ids);
	arena_defer(r->arena, (void (*)(void *))json_decref, body);
	if (form_get(&pg->form, "link")) {
		json_object_set_new(body, "link", json_true());
		const char *d = form_get(&pg->form, "link_days");
		char *end;
		long days = d ? strtol(d, &end, 10) : 14;
		json_object_set_new(body, "link_days", json_integer(d && *d && !*end ? days : 14));
	}
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	const char *params[] = {idtxt};
	json_t *out = NULL;
	int rc = page_api(pg, "POST", "/api/v1/vacancies/{id}/shortlists", params, 1, body, &out, "shortlist");
	if (rc && page_is_form_error(pg)) {
		if (!json_array_size(ids))
			pg->error_summary = T(pg, "shortlist.choose_one");
		r->err.code = ERR_OK;
		r->status = 400;
		return shortlists_page(pg, id, NULL);
	}
	if (rc)
		return rc;
	if (jstr(out, "link")) /* the link is shown once, on this answer, never stored in the clear */
		return shortlists_page(pg, id, out);
	char next[80];
	snprintf(next, sizeof next, "/vacancies/%lld/shortlists?done=shortlist_sent", (long long)id);
	return page_redirect(pg, next);
}

int ui_proposal_reveal(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	json_t *p = NULL;
	int rc = page_get(pg, "proposals", id, &p);
	if (rc)
		return rc;
	const char *rv = form_get(&pg->form, "reveal");
	json_t *body = json_pack("{s:b}", "reveal", rv && strcmp(rv, "1") == 0);
	arena_defer(r->arena, (void (*)(void *))json_decref, body);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	const char *params[] = {idtxt};
	rc = page_api(pg, "POST", "/api/v1/proposals/{id}/reveal", params, 1, body, NULL, NULL);
	const char *done = rv && strcmp(rv, "1") == 0 ? "revealed" : "hidden";
	if (rc == ERR_CONFLICT) {
		err_clear(&r->err);
		done = "no_share_consent";
	} else if (rc) {
		return rc;
	}
	char next[96];
	snprintf(next, sizeof next, "/vacancies/%lld/shortlists?done=%s#prop-%lld", (long long)jint(p, "vacancy_id"),
	         done, (long long)id);
	return page_redirect(pg, next);
}
