/* ui-shortlist: a coordinator or counsellor picks proposals of a vacancy and sends them to its employer as an
 * anonymised shortlist (optionally also as a link that expires); the page also lists the shortlists sent with the
 * employer's answers waiting, and lets a counsellor reveal or hide a client's identity (only with the client's
 * 'share_employer' consent). The rules are the shortlist verbs' (src/app/shortlist.h); this page calls them. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/policy.h"
#include "app/shortlist.h"
#include "core/arena.h"
#include "web/modules.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

/* Values read from the form: one more than a shortlist holds, so that the verb says when there are too many. */
enum { SHORTLIST_FORM_MAX = SHORTLIST_MAX_ITEMS + 1 };

/* The message of the failed send form for field, beside it (id sl-FIELD-err), if any. */
static const char *field_error(struct page *pg, const char *field)
{
	const char *msg = pg->failed_form && !strcmp(pg->failed_form, "shortlist") && pg->errors
	                          ? jstr(pg->errors, field)
	                          : NULL;
	if (msg)
		html_printf(pg->b, "<p class=\"err\" id=\"sl-%s-err\">%s</p>", field, msg);
	return msg;
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
	json_t *sent_list = NULL;
	struct err e = {0};
	if ((rc = shortlist_list_of_vacancy(web_actor(r), id, &sent_list, &e)))
		return web_fail(r, rc, &e);
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

	json_t *props = NULL;
	if ((rc = ui_list_by(pg, "proposals", "vacancy_id", id, 500, &props)))
		return rc;
	/* choose and send */
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-send\"><h2 id=\"h-send\">%s</h2>",
	            T(pg, "shortlist.send_title"));
	size_t nsend = 0, i;
	json_t *p;
	json_array_foreach(props, i, p) nsend += shortlist_stage_sendable(jstr(p, "stage"));
	if (!nsend) {
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "shortlist.nothing_to_send"));
	} else {
		char action[64];
		snprintf(action, sizeof action, "/vacancies/%lld/shortlists", (long long)id);
		page_form_begin(pg, "shortlist", action);
		html_printf(b, "<fieldset class=\"choose\"><legend>%s</legend>", T(pg, "shortlist.choose"));
		field_error(pg, "proposal_ids");
		field_error(pg, "consent");
		json_array_foreach(props, i, p) {
			if (!shortlist_stage_sendable(jstr(p, "stage")))
				continue;
			long long pid = (long long)jint(p, "id");
			html_printf(b, "<label class=\"check\" for=\"sl-%lld\"><input type=\"checkbox\" id=\"sl-%lld\" "
			               "name=\"proposal_id\" value=\"%lld\"> ",
			            pid, pid, pid);
			page_value(pg, entity_field(pd, "client_id"), json_object_get(p, "client_id"));
			html_printf(b, " <span class=\"meta\">(%s", TK(pg, "v", jstr(p, "stage")));
			if (json_is_number(json_object_get(p, "score"))) {
				html_printf(b, ", %s ", T(pg, "shortlist.score_inline")); /* mid-sentence: lower case */
				page_match_score(pg, json_number_value(json_object_get(p, "score"))); /* as the match page */
			}
			html_raw_trusted(b, ")</span></label>");
		}
		html_printf(b, "</fieldset><div class=\"field\"><label class=\"check\" for=\"sl-link\"><input type=\"checkbox\" "
		               "id=\"sl-link\" name=\"link\" value=\"1\"> %s</label></div><div class=\"field\"><label "
		               "for=\"sl-days\">%s</label>",
		            T(pg, "shortlist.with_link"), T(pg, "shortlist.link_days"));
		bool bad_days = field_error(pg, "link_days") != NULL;
		html_printf(b, "<input type=\"number\" id=\"sl-days\" name=\"link_days\" value=\"%d\" min=\"1\" max=\"%d\" "
		               "step=\"1\" inputmode=\"numeric\" class=\"short\"",
		            SHORTLIST_LINK_DAYS_DEFAULT, SHORTLIST_LINK_DAYS_MAX);
		html_attr_if(b, bad_days, "aria-invalid", "true");
		html_attr_if(b, bad_days, "aria-describedby", "sl-link_days-err");
		html_raw_trusted(b, "></div>");
		page_form_end(pg, "shortlist.send");
		html_raw_trusted(b, "</section>");
	}

	/* identity: a counsellor reveals or hides, only with consent (the verb says so otherwise) */
	bool counsellor = r->p.role == ROLE_COUNSELLOR;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-identity\"><h2 id=\"h-identity\">%s</h2>"
	               "<p class=\"hint\">%s</p>",
	            T(pg, "shortlist.identity"), T(pg, "shortlist.identity_hint"));
	if (page_has_rows(pg, props)) {
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
			/* "show the name" only where the client has agreed to it (share_employer, the newest row) */
			if (counsellor && !rev && !policy_consent_given(web_actor(r), jint(p, "client_id"), "share_employer")) {
				html_printf(b, " <a href=\"/clients/%lld#sec-consents\" class=\"hint\">%s</a>",
				            (long long)jint(p, "client_id"), T(pg, "shortlist.no_share_consent"));
			} else if (counsellor) {
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

	/* shortlists sent */
	json_t *items = sent_list;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"h-sent\"><h2 id=\"h-sent\">%s</h2>",
	            T(pg, "shortlist.sent"));
	if (page_has_rows(pg, items)) {
		page_list_head(pg, "sent-shortlists",
		               (const char *const[]){"shortlist.sent_at", "shortlist.candidates", "shortlist.waiting",
		                                     "shortlist.link_until", NULL},
		               NULL);
		json_t *s;
		json_array_foreach(items, i, s) {
			html_raw_trusted(b, "<tr><th scope=\"row\">");
			page_date(pg, jstr(s, "sent_at"));
			html_raw_trusted(b, "</th>");
			ui_shortlist_progress(pg, s);
			html_raw_trusted(b, "<td>");
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

static int shortlists_of(struct page *pg, int64_t id)
{
	return shortlists_page(pg, id, NULL);
}

int ui_vacancy_shortlists(struct page *pg)
{
	return page_by_id(pg, shortlists_of, "vacancy");
}

static int shortlist_send_form(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	const char *vals[SHORTLIST_FORM_MAX];
	size_t nv = form_get_all(&pg->form, "proposal_id", vals, SHORTLIST_FORM_MAX), n = 0;
	int64_t ids[SHORTLIST_FORM_MAX];
	for (size_t i = 0; i < nv && i < SHORTLIST_FORM_MAX; i++) {
		char *end;
		long long v = strtoll(vals[i], &end, 10);
		if (!*end && v > 0)
			ids[n++] = v;
	}
	bool link = form_get(&pg->form, "link") != NULL;
	int days = 0; /* the verb's default (also for text that is not a number); the verb refuses one out of range */
	const char *d = form_get(&pg->form, "link_days");
	if (link && d && *d) {
		char *end;
		long v = strtol(d, &end, 10);
		if (!*end)
			days = v < 1 || v > INT_MAX ? -1 : (int)v;
	}
	json_t *out = NULL;
	struct err e = {0};
	int rc = shortlist_send(web_actor(r), id, ids, n, link, days, &out, &e);
	r->err = e;
	if (rc && page_is_form_error(pg)) {
		page_form_error(pg, "shortlist", e.field, page_error_text(pg, &e));
		if (!n)
			pg->error_summary = T(pg, "shortlist.choose_one");
		err_clear(&r->err);
		r->status = 400;
		return shortlists_page(pg, id, NULL);
	}
	if (rc)
		return rc;
	if (jstr(out, "link")) /* the link is shown once, on this answer, never stored in the clear */
		return shortlists_page(pg, id, out);
	return page_redirectf(pg, "/vacancies/%lld/shortlists?done=shortlist_sent", (long long)id);
}

int ui_vacancy_shortlist_send(struct page *pg)
{
	return page_by_id(pg, shortlist_send_form, "vacancy");
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
	bool reveal = rv && strcmp(rv, "1") == 0;
	struct err e = {0};
	const char *done = reveal ? "revealed" : "hidden";
	if ((rc = proposal_reveal(web_actor(r), id, reveal, &e))) {
		if (!e.key || strcmp(e.key, "consent") != 0)
			return web_fail(r, rc, &e);
		done = "no_share_consent";
	}
	return page_redirectf(pg, "/vacancies/%lld/shortlists?done=%s#prop-%lld", (long long)jint(p, "vacancy_id"),
	                      done, (long long)id);
}
