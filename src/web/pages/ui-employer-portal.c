/* ui-employer-portal: what an employer contact sees: the shortlists sent to their employer (and nothing else), one
 * shortlist with its anonymised candidates (competence, languages, the match explanation; a name only when the client
 * agreed), and the answer per candidate: invite to an interview, or not chosen with a reason. The same shortlist page
 * also opens from a link that expires (/shortlist?t=TOKEN, no login; the token is a query value so access logs never hold
 * it). Data comes only from the shortlist verbs (src/app/shortlist.h), which build the view from a whitelist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/employer_needs.h"
#include "app/shortlist.h"
#include "core/arena.h"
#include "domain/labels.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

static void list_of(struct page *pg, json_t *arr, const char *key, void (*item)(struct page *, json_t *))
{
	struct buf *b = pg->b;
	html_printf(b, "<div class=\"part\"><h4>%s</h4>", T(pg, key));
	if (!json_array_size(arr)) {
		html_printf(b, "<p class=\"empty\">%s</p></div>", T(pg, "list.empty"));
		return;
	}
	/* a long list (a developer's 26 matched skills) shows its first items; the rest open without script */
	enum { SHOWN = 8 };
	html_raw_trusted(b, "<ul>");
	size_t i, n = json_array_size(arr);
	json_t *x;
	json_array_foreach(arr, i, x) {
		if (i == SHOWN && n > SHOWN + 2) {
			html_raw_trusted(b, "</ul><details class=\"more\"><summary>");
			html_raw_trusted(b, "+ ");
			page_int(pg, (int64_t)(n - SHOWN));
			html_printf(b, " %s", T(pg, "list.more"));
			html_raw_trusted(b, "</summary><ul>");
		}
		html_raw_trusted(b, "<li>");
		item(pg, x);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, n > SHOWN + 2 ? "</ul></details></div>" : "</ul></div>");
}

static void skill_item(struct page *pg, json_t *x)
{
	page_esco_label(pg, jstr(x, "esco_skill"), jstr(x, "label")); /* in the page's language where ESCO has it */
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
	char level[8], name[400];
	snprintf(level, sizeof level, "%lld", (long long)jint(x, "isced_level"));
	labels_text(LABEL_ISCED_LEVEL, level, pg->lang_code, name, sizeof name);
	html_printf(pg->b, "%s: %s", T(pg, "f.isced_level"), name);
	if (jstr(x, "isced_field")) {
		labels_text(LABEL_ISCED_FIELD, jstr(x, "isced_field"), pg->lang_code, name, sizeof name);
		html_printf(pg->b, ", %s: %s", T(pg, "f.isced_field"), name);
	}
	if (jstr(x, "recognition"))
		html_printf(pg->b, " <span class=\"meta\">(%s)</span>", TK(pg, "v", jstr(x, "recognition")));
}

static void exp_item(struct page *pg, json_t *x)
{
	html_txt(pg->b, jstr(x, "title") ? jstr(x, "title") : "–");
	json_t *y = json_object_get(x, "years");
	double years = json_is_number(y) ? json_number_value(y) : 0;
	if (years >= 1) {
		html_raw_trusted(pg->b, " <span class=\"meta\">(");
		page_real(pg, years, 1);
		html_printf(pg->b, " %s)</span>", T(pg, "unit.years"));
	} else if (years > 0 || json_is_number(y)) { /* "0 years" reads as no experience: it was a part of a year */
		html_printf(pg->b, " <span class=\"meta\">(%s)</span>", T(pg, "unit.under_year"));
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

/* A matched skill: {uri, label} (a snapshot made before the uri was kept: its English label as text) */
static void matched_item(struct page *pg, json_t *x)
{
	if (json_is_string(x))
		html_txt(pg->b, json_string_value(x));
	else
		page_esco_label(pg, jstr(x, "uri"), jstr(x, "label"));
}

static void missing_item(struct page *pg, json_t *x)
{
	page_esco_label(pg, jstr(x, "uri"), jstr(x, "label"));
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

/* The lists on a candidate's card: from the profile, then from the match explanation when there is one. */
struct card_list {
	const char *field, *title;
	void (*item)(struct page *, json_t *);
	bool optional; /* left out when empty */
};

static const struct card_list profile_lists[] = {
	{"skills", "e.client-skills", skill_item, false},
	{"languages", "e.client-languages", lang_item, false},
	{"experience", "e.work-history", exp_item, false},
	{"education", "e.educations", edu_item, false},
	{"certificates", "e.certificates", cert_item, true},
	{"targets", "e.target-occupations", title_item, true},
};

static const struct card_list match_lists[] = {
	{"matched_skills", "matches.matched", matched_item, false}, /* "matched" in older snapshots: lists_of */
	{"missing", "matches.missing", missing_item, false},
	{"language_gaps", "matches.language_gaps", gap_item, true},
	{"hard_failed", "matches.gaps", hard_item, true},
};

static void lists_of(struct page *pg, json_t *o, const struct card_list *l, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_t *arr = json_object_get(o, l[i].field);
		if (!arr && !strcmp(l[i].field, "matched_skills"))
			arr = json_object_get(o, "matched");
		if (!l[i].optional || json_array_size(arr))
			list_of(pg, arr, l[i].title, l[i].item);
	}
}

/* The failed answer's message for candidate c (its form id is "answer-p<proposal id>"), or NULL. */
static const char *answer_error(struct page *pg, json_t *c)
{
	if (!pg->failed_form || strncmp(pg->failed_form, "answer-p", 8) != 0 ||
	    strtoll(pg->failed_form + 8, NULL, 10) != jint(c, "proposal_id"))
		return NULL;
	return pg->error_summary;
}

static void answer_form(struct page *pg, const char *action, json_t *c, const char *msg)
{
	struct buf *b = pg->b;
	long long pid = (long long)jint(c, "proposal_id"), n = (long long)jint(c, "number");
	html_printf(b, "<form method=\"post\" action=\"%s\" class=\"answer\" id=\"answer-%lld\">", action, n);
	if (pg->r->authed)
		page_csrf_field(pg);
	html_printf(b, "<input type=\"hidden\" name=\"proposal_id\" value=\"%lld\"><div class=\"field%s\"><label "
	               "for=\"reason-%lld\">%s</label>",
	            pid, msg ? " has-error" : "", n, T(pg, "portal.reason"));
	if (msg)
		html_printf(b, "<p class=\"err\" id=\"reason-%lld-err\" role=\"alert\">%s</p>", n, msg);
	html_printf(b, "<input type=\"text\" id=\"reason-%lld\" name=\"reason\" maxlength=\"500\"", n);
	html_attr_if(b, msg != NULL, "aria-invalid", "true");
	if (msg)
		html_printf(b, " aria-describedby=\"reason-%lld-err\"", n);
	html_raw_trusted(b, "></div><div class=\"actions\">");
	if (strcmp(jstr(c, "stage"), "sent") == 0)
		html_printf(b, "<button type=\"submit\" name=\"answer\" value=\"interview\">%s</button>",
		            T(pg, "portal.interview"));
	html_printf(b, "<button type=\"submit\" name=\"answer\" value=\"not_chosen\" class=\"secondary\">%s</button>"
	               "</div></form>",
	            T(pg, "portal.not_chosen"));
}

/* The shortlist view (shortlist_view's JSON) as a page. action: where answers post (NULL: no answering); by_link: opened
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
	json_t *hours = json_object_get(vac, "hours_per_week");
	if (json_is_number(hours) && json_number_value(hours) > 0) { /* 37.5 reads "37,5" in Finnish */
		html_raw_trusted(b, " · ");
		page_real(pg, json_number_value(hours), 1);
		html_printf(b, " %s", T(pg, "unit.hours_week"));
	}
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
			html_printf(b, "</h2><p class=\"badge s-withdrawn\">%s</p></div><p class=\"hint\">%s</p>",
			            T(pg, "portal.withdrawn"), T(pg, "portal.withdrawn_hint"));
			if (answer_error(pg, c))
				html_printf(b, "<p class=\"err\" role=\"alert\">%s</p>", answer_error(pg, c));
			html_raw_trusted(b, "</li>");
			continue;
		}
		html_printf(b, "</h2><p class=\"badge s-%s\">%s</p>", jstr(c, "stage"), TK(pg, "portal_stage", jstr(c, "stage")));
		if (json_is_object(m)) {
			html_printf(b, "<p class=\"score\"><span class=\"vh\">%s </span>", T(pg, "f.score"));
			/* the calibrated score, as on the staff's match pages (docs/matching.md "Reading a score") */
			page_match_score(pg, json_number_value(json_object_get(m, "score")));
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
		lists_of(pg, prof, profile_lists, sizeof profile_lists / sizeof *profile_lists);
		if (json_is_object(m))
			lists_of(pg, m, match_lists, sizeof match_lists / sizeof *match_lists);
		html_raw_trusted(b, "</div>");
		const char *msg = answer_error(pg, c);
		if (action && json_is_true(json_object_get(c, "answerable")))
			answer_form(pg, action, c, msg);
		else if (msg)
			html_printf(b, "<p class=\"err\" role=\"alert\">%s</p>", msg);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ol>");
	page_has_rows(pg, cands);
}

/* The company's needs as the service recorded them (app_employer_needs_own): the newest first, each with the workers
 * expected per month; the company tells its contact person what has changed. */
static void own_needs(struct page *pg, json_t *needs)
{
	struct buf *b = pg->b;
	html_printf(b, "<section class=\"card\" id=\"portal-needs\" aria-labelledby=\"portal-needs-h\"><h2 "
	               "id=\"portal-needs-h\">%s</h2><p class=\"hint\">%s</p>",
	            T(pg, "portal.needs"), T(pg, "portal.needs_lead"));
	if (!json_array_size(needs))
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "portal.needs_none"));
	static const char *const facts[] = {"reported_on", "longer_term_hiring", "skills_lacking", "challenges",
	                                    "services_wanted", NULL};
	static const char *const cols[] = {"year", "month", "title", "workers", "kind", NULL};
	const struct entity_def *nd = entity_get(ENT_EMPLOYER_NEEDS), *ad = entity_get(ENT_EMPLOYER_NEED_ARRIVALS);
	size_t i;
	json_t *n;
	json_array_foreach(needs, i, n) {
		html_printf(b, "<h3>%s ", T(pg, "needs.record"));
		page_date(pg, jstr(n, "reported_on"));
		html_raw_trusted(b, "</h3>");
		page_facts(pg, nd, facts, n);
		if (json_array_size(json_object_get(n, "arrivals")))
			page_table(pg, ad, cols, json_object_get(n, "arrivals"), NULL);
	}
	html_raw_trusted(b, "</section>");
}

int ui_portal(struct page *pg)
{
	struct buf *b = pg->b;
	json_t *items = NULL;
	struct err e = {0};
	int rc = shortlist_employer_list(web_actor(pg->r), &items, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	json_t *needs = NULL;
	if ((rc = app_employer_needs_own(web_actor(pg->r), &needs, &e)))
		return web_fail(pg->r, rc, &e);
	page_begin(pg, T(pg, "portal.title"), "portal");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "portal.title"), T(pg, "portal.list_lead"));
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "portal.none"));
		own_needs(pg, needs);
		return page_end(pg);
	}
	page_list_head(pg, NULL,
	               (const char *const[]){"portal.vacancy", "shortlist.sent_at", "shortlist.candidates",
	                                     "shortlist.waiting", NULL},
	               NULL);
	size_t i;
	json_t *s;
	json_array_foreach(items, i, s) {
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/portal/shortlists/%lld\">%s</a></th><td>",
		            (long long)jint(s, "id"), jstr(s, "vacancy_title"));
		page_date(pg, jstr(s, "sent_at"));
		html_raw_trusted(b, "</td>");
		ui_shortlist_progress(pg, s);
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	own_needs(pg, needs);
	return page_end(pg);
}

/* The link's token (?t=), or "" (which opens nothing). */
static const char *link_token(struct page *pg)
{
	const char *t = web_query(pg->r, "t");
	return t ? t : "";
}

/* Opens the shortlist of this page: by {id} for an employer user, or by ?t= (a link). */
static int open_of(struct page *pg, bool by_link, struct shortlist **sl, struct err *e)
{
	struct actor *a = web_actor(pg->r);
	return by_link ? shortlist_open_link(a, link_token(pg), sl, e) : shortlist_open(a, web_param_id(pg->r, 0), sl, e);
}

/* A shortlist that cannot be opened: a link that expired has its own page (410); else the error page. */
static int open_failed(struct page *pg, int rc, const struct err *e)
{
	struct web_request *r = pg->r;
	if (rc != ERR_FORBIDDEN || !e->key || strcmp(e->key, "expired") != 0) {
		r->err = *e;
		return rc;
	}
	r->status = 410;
	page_begin(pg, T(pg, "portal.expired_title"), NULL);
	html_printf(pg->b, "<div class=\"narrow card\"><h1>%s</h1><p class=\"lead\" role=\"status\">%s</p></div>",
	            T(pg, "portal.expired_title"), T(pg, "portal.expired"));
	return page_end(pg);
}

/* The shortlist sl as a page: the employer's (crumbs to the list) or the link's (says until when it works). */
static int shortlist_page(struct page *pg, const struct shortlist *sl, bool by_link)
{
	json_t *v = NULL;
	struct err e = {0};
	int rc = shortlist_view(web_actor(pg->r), sl, &v, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	page_begin(pg, jstr(json_object_get(v, "vacancy"), "title"), by_link ? NULL : "portal");
	char action[128];
	if (by_link) {
		snprintf(action, sizeof action, "/shortlist/answer?t=%s", link_token(pg));
	} else {
		html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/portal\">%s</a></p>", T(pg, "portal.title"));
		snprintf(action, sizeof action, "/portal/shortlists/%lld/answer", (long long)jint(v, "id"));
	}
	render(pg, v, action, by_link);
	return page_end(pg);
}

static int show(struct page *pg, bool by_link)
{
	struct shortlist *sl;
	struct err e = {0};
	int rc = open_of(pg, by_link, &sl, &e);
	return rc ? open_failed(pg, rc, &e) : shortlist_page(pg, sl, by_link);
}

/* The answer form posted: the verb decides; a refused answer shows its message beside the candidate's form (the
 * shortlist again, status of the refusal), anything else is the error page. */
static int answer(struct page *pg, bool by_link)
{
	struct web_request *r = pg->r;
	struct shortlist *sl;
	struct err e = {0};
	int rc = open_of(pg, by_link, &sl, &e);
	if (rc)
		return open_failed(pg, rc, &e);
	const char *p = form_get(&pg->form, "proposal_id");
	char *end = NULL;
	long long pid = p ? strtoll(p, &end, 10) : 0;
	if (!p || *end)
		pid = 0;
	rc = shortlist_answer(web_actor(r), sl, pid, form_get(&pg->form, "answer"), form_get(&pg->form, "reason"), &e);
	r->err = e;
	if (rc && page_is_form_error(pg)) {
		page_form_error(pg, arena_printf(r->arena, "answer-p%lld", pid), NULL, page_error_text(pg, &e));
		err_clear(&r->err);
		r->status = web_status_of(e.code);
		return shortlist_page(pg, sl, by_link);
	}
	if (rc)
		return rc;
	char next[128];
	if (by_link)
		snprintf(next, sizeof next, "/shortlist?t=%s&done=answered", link_token(pg));
	else
		snprintf(next, sizeof next, "/portal/shortlists/%lld?done=answered", (long long)web_param_id(r, 0));
	return page_redirect(pg, next);
}

int ui_portal_shortlist(struct page *pg)
{
	return show(pg, false);
}

int ui_portal_answer(struct page *pg)
{
	return answer(pg, false);
}

int ui_link_shortlist(struct page *pg)
{
	return show(pg, true);
}

int ui_link_answer(struct page *pg)
{
	return answer(pg, true);
}
