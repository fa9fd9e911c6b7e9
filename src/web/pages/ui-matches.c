/* ui-matches: best open vacancies for a client and best consenting clients for a vacancy, each with its explanation
 * (matched skills, missing essential skills with the catalogue's courses, language gaps, hard requirements as gaps
 * or, with the toggle, as a filter), and a one-click proposal. The match query is the API's (app_matches: policy,
 * organisation scope and audit), proposals are created through the entity verbs of src/app. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "app/matches.h"
#include "core/arena.h"
#include "web/modules.h"
#include "web/pages/ui.h"

enum { MATCH_PAGE_LIMIT = 20 };

/* Ids already proposed for the subject (client or vacancy): "ID," text for a quick look-up. */
static const char *proposed_ids(struct page *pg, enum match_subject subj, int64_t id)
{
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	struct store_filter f = {entity_field(pd, subj == MATCH_FOR_CLIENT ? "client_id" : "vacancy_id"), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 500};
	json_t *items = NULL;
	if (page_list(pg, "proposals", &lq, &items, NULL)) {
		err_clear(&pg->r->err);
		return ",";
	}
	struct buf b = {0};
	buf_init(&b, 1 << 20);
	buf_puts(&b, ",");
	size_t i;
	json_t *p;
	json_array_foreach(items, i, p) buf_printf(&b, "%lld,", (long long)jint(p, subj == MATCH_FOR_CLIENT ? "vacancy_id"
	                                                                                                     : "client_id"));
	const char *s = arena_strdup(pg->r->arena, b.data ? b.data : ",");
	buf_free(&b);
	return s;
}

static bool in_ids(const char *ids, int64_t id)
{
	char key[32];
	snprintf(key, sizeof key, ",%lld,", (long long)id);
	return strstr(ids, key) != NULL;
}

static void cefr(struct page *pg, int level)
{
	if (level == 7)
		html_txt(pg->b, T(pg, "v.native"));
	else if (level > 0)
		html_txt(pg->b, match_cefr_name(level));
	else
		html_txt(pg->b, T(pg, "matches.no_level"));
}

/* A catalogue text with "{n}" in it, the number in its place. */
static void text_n(struct page *pg, const char *key, long long n)
{
	/* every {n} of the text ("{n}/{n} täyttyy") */
	const char *t = T(pg, key), *at;
	while ((at = strstr(t, "{n}"))) {
		html_txtn(pg->b, t, (size_t)(at - t));
		page_int(pg, n);
		t = at + 3;
	}
	html_txt(pg->b, t);
}

/* One row of the breakdown: the part, a bar of how well it fits (0..1), and what that means in words. */
static void part_row(struct page *pg, const char *part, double fit, const char *key, long long n)
{
	int step = fit <= 0 ? 0 : fit >= 1 ? 20 : (int)(fit * 20.0 + 0.5); /* the CSP allows no inline style */
	html_printf(pg->b, "<tr><th scope=\"row\">%s</th><td class=\"part\"><span class=\"part-bar\" aria-hidden=\"true\">"
	                   "<span class=\"fill w%d\"></span></span></td><td>",
	            T(pg, part), step);
	text_n(pg, key, n);
	html_raw_trusted(pg->b, "</td></tr>");
}

static void reasons(struct page *pg, const struct match_item *it, const char *hid)
{
	struct match_reason why[MATCH_MAX_REASONS] = {0};
	size_t n = match_item_reasons(it, why, MATCH_MAX_REASONS);
	html_printf(pg->b, "<div class=\"why\"><h4 id=\"%s-w\">%s</h4>", hid, T(pg, "matches.why"));
	if (!n) {
		html_printf(pg->b, "<p class=\"empty\">%s</p></div>", T(pg, "list.empty"));
		return;
	}
	html_printf(pg->b, "<ul class=\"reasons\" aria-labelledby=\"%s-w\">", hid);
	for (size_t i = 0; i < n; i++) {
		const struct match_reason *w = &why[i];
		html_raw_trusted(pg->b, "<li>");
		switch (w->kind) {
		case MATCH_REASON_COVERAGE: text_n(pg, "matches.reason.coverage", w->value); break;
		case MATCH_REASON_SKILL:
			html_printf(pg->b, "%s: ", T(pg, "matches.reason.skill"));
			page_concept_label(pg, w->skill->label, w->skill->uri, w->skill->label_lang);
			break;
		case MATCH_REASON_OCCUPATION:
			html_txt(pg->b, T(pg, w->value >= 4 ? "matches.reason.occupation4"
			                      : w->value == 3 ? "matches.reason.occupation3" : "matches.reason.occupation2"));
			break;
		case MATCH_REASON_LANGUAGE: html_txt(pg->b, T(pg, "matches.reason.language")); break;
		case MATCH_REASON_LIMITS: text_n(pg, "matches.reason.limits", w->value); break;
		}
		html_raw_trusted(pg->b, "</li>");
	}
	html_raw_trusted(pg->b, "</ul></div>");
}

static void breakdown(struct page *pg, const struct match_item *it, const char *hid)
{
	static const char *const occ[] = {"matches.occ.0", "matches.occ.1", "matches.occ.2", "matches.occ.3",
	                                  "matches.occ.4"};
	struct match_breakdown bd = {0};
	match_item_breakdown(it, &bd);
	int d = it->isco_digits < 0 ? 0 : it->isco_digits > 4 ? 4 : it->isco_digits;
	html_printf(pg->b, "<div class=\"breakdown\"><h4 id=\"%s-b\">%s</h4><table class=\"breakdown\" "
	                   "aria-labelledby=\"%s-b\"><tbody>",
	            hid, T(pg, "matches.breakdown"), hid);
	part_row(pg, "matches.part.skills", it->skill, "matches.part.skills_text", lround(100.0 * it->skill));
	part_row(pg, "matches.part.occupation", it->occupation, occ[d], 0);
	part_row(pg, "matches.part.education", it->education_fit,
	         it->education_fit >= 1 ? "matches.part.education_ok" : "matches.part.education_short", 0);
	part_row(pg, "matches.part.language", it->language_fit,
	         it->language_fit >= 1 ? "matches.part.language_ok" : "matches.part.language_short", 0);
	/* the count is the length of the list under "Requirements not met" (match_item_unmet), languages included */
	size_t unmet = match_item_unmet(it, NULL, 0);
	int met = bd.limits_checked - bd.limits_failed +
	          ((it->hard_checked & MATCH_HARD_LANGUAGE) && !(it->hard_failed & MATCH_HARD_LANGUAGE));
	if (unmet)
		part_row(pg, "matches.part.limits", (double)met / (double)(met + (int)unmet), "matches.part.limits_failed",
		         (long long)unmet);
	else if (!met)
		part_row(pg, "matches.part.limits", 1, "matches.part.limits_none", 0);
	else
		part_row(pg, "matches.part.limits", 1, "matches.part.limits_ok", met);
	html_printf(pg->b, "</tbody></table><p class=\"hint\">%s</p></div>", T(pg, "matches.breakdown_note"));
}

/* A language level the vacancy asks for and the client's. */
static void lang_gap(struct page *pg, const struct match_lang_gap *g)
{
	page_lang_name(pg, g->language);
	html_printf(pg->b, ": %s ", T(pg, "matches.required_level"));
	cefr(pg, g->required_level);
	html_printf(pg->b, ", %s ", T(pg, "matches.client_level"));
	cefr(pg, g->client_level);
}

/* One hard requirement not met (NULL: one past the few listed, named only by the count). */
static void unmet_item(struct page *pg, const struct match_unmet *u)
{
	struct buf *b = pg->b;
	html_raw_trusted(b, "<li class=\"hard\">");
	if (!u) {
		html_txt(b, T(pg, "matches.hard"));
	} else if (u->lang) {
		lang_gap(pg, u->lang);
	} else if (u->licence) {
		/* "kind:name" as words: the kind from the catalogue, the name as the vacancy wrote it */
		char *kind = arena_strdup(pg->r->arena, u->licence), *name = kind ? strchr(kind, ':') : NULL;
		if (name)
			*name++ = 0;
		html_printf(b, "%s: ", T(pg, "matches.licence"));
		if (name && *kind)
			html_printf(b, "%s ", TK(pg, "v", kind));
		html_txt(b, name ? name : u->licence);
	} else {
		html_txt(b, TK(pg, "hard", match_hard_name(u->check)));
	}
	html_printf(b, " <span class=\"badge hard\">%s</span></li>", T(pg, "matches.hard"));
}

enum { MATCH_GAPS_SHOWN = 5 };

/* The explanation of one match item: the reasons, the breakdown, the gaps (the first few missing essential skills
 * with courses, "and N more"), and every shared skill behind a disclosure. */
static void explain(struct page *pg, const struct match_item *it, const char *hid)
{
	struct buf *b = pg->b;
	html_raw_trusted(b, "<div class=\"explain\">");
	reasons(pg, it, hid);
	breakdown(pg, it, hid);
	html_printf(b, "<div><h4 id=\"%s-x\">%s</h4>", hid, T(pg, "matches.missing"));
	if (!it->nmissing)
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "matches.none_missing"));
	else {
		html_printf(b, "<ul class=\"missing\" aria-labelledby=\"%s-x\">", hid);
		for (size_t i = 0; i < it->nmissing && i < MATCH_GAPS_SHOWN; i++) {
			const struct match_missing_skill *m = &it->missing[i];
			html_raw_trusted(b, "<li><span class=\"gap\">");
			page_concept_label(pg, m->label, m->uri, m->label_lang);
			html_raw_trusted(b, "</span>");
			if (m->ncourses) {
				html_printf(b, "<span class=\"courses\"> – %s: ", T(pg, "matches.courses"));
				for (size_t k = 0; k < m->ncourses; k++)
					html_printf(b, "%s<span class=\"course\">%s</span>", k ? ", " : "", m->courses[k].name);
				html_raw_trusted(b, "</span>");
			}
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ul>");
		if (it->nmissing > MATCH_GAPS_SHOWN) {
			html_raw_trusted(b, "<p class=\"more\">");
			text_n(pg, "matches.more", (long long)(it->nmissing - MATCH_GAPS_SHOWN));
			html_raw_trusted(b, "</p>");
		}
	}
	html_raw_trusted(b, "</div>");
	struct match_unmet unmet[16];
	size_t nunmet = match_item_unmet(it, unmet, sizeof unmet / sizeof *unmet);
	if (nunmet) { /* the hard requirements not met: as many items as the breakdown counts */
		html_printf(b, "<div><h4 id=\"%s-g\">%s</h4><ul class=\"gaps\" aria-labelledby=\"%s-g\">", hid,
		            T(pg, "matches.gaps"), hid);
		for (size_t i = 0; i < nunmet; i++)
			unmet_item(pg, i < sizeof unmet / sizeof *unmet ? &unmet[i] : NULL);
		html_raw_trusted(b, "</ul></div>");
	}
	bool soft_lang = false;
	for (size_t i = 0; i < it->nlang_gaps; i++)
		soft_lang |= !it->lang_gaps[i].required;
	if (soft_lang || it->education_fit < 1) { /* what lowers the score without being a requirement */
		html_printf(b, "<div><h4 id=\"%s-s\">%s</h4><ul class=\"gaps\" aria-labelledby=\"%s-s\">", hid,
		            T(pg, "matches.soft_gaps"), hid);
		if (it->education_fit < 1)
			html_printf(b, "<li class=\"soft\">%s</li>", T(pg, "matches.education_gap"));
		for (size_t i = 0; i < it->nlang_gaps; i++)
			if (!it->lang_gaps[i].required) {
				html_raw_trusted(b, "<li class=\"soft\">");
				lang_gap(pg, &it->lang_gaps[i]);
				html_raw_trusted(b, "</li>");
			}
		html_raw_trusted(b, "</ul></div>");
	}
	if (it->nmatched) {
		html_raw_trusted(b, "<details class=\"all-matched\"><summary>");
		text_n(pg, "matches.all_matched", (long long)it->nmatched);
		html_printf(b, "</summary><ul class=\"chips ok\" aria-label=\"%s\">", T(pg, "matches.matched"));
		for (size_t i = 0; i < it->nmatched; i++) {
			html_raw_trusted(b, "<li>");
			page_concept_label(pg, it->matched[i].label, it->matched[i].uri, it->matched[i].label_lang);
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ul></details>");
	}
	html_raw_trusted(b, "</div>");
}

static void propose_button(struct page *pg, int64_t client, int64_t vacancy, double score, const char *from,
                           bool filter, const char *who)
{
	html_raw_trusted(pg->b, "<form method=\"post\" action=\"/matches/propose\" class=\"inline propose\">");
	page_csrf_field(pg);
	html_printf(pg->b,
	            "<input type=\"hidden\" name=\"client_id\" value=\"%lld\"><input type=\"hidden\" name=\"vacancy_id\" "
	            "value=\"%lld\"><input type=\"hidden\" name=\"score\" value=\"%.1f\"><input type=\"hidden\" "
	            "name=\"from\" value=\"%s\"><input type=\"hidden\" name=\"hard\" value=\"%s\"><button type=\"submit\" "
	            "class=\"small\">%s<span class=\"vh\"> %s</span></button></form>",
	            (long long)client, (long long)vacancy, score, from, filter ? "filter" : "gaps",
	            T(pg, "matches.propose"), who);
}

static int matches_page(struct page *pg, enum match_subject subj)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	int64_t id = web_param_id(r, 0);
	bool for_client = subj == MATCH_FOR_CLIENT;
	json_t *row = NULL;
	int rc = page_get(pg, for_client ? "clients" : "vacancies", id, &row);
	if (rc)
		return rc;
	const char *hard = web_query(r, "hard"), *all_q = web_query(r, "all");
	bool filter = hard && strcmp(hard, "filter") == 0, all = !for_client && all_q && strcmp(all_q, "true") == 0;
	const char *name = for_client ? page_row_name(pg, entity_get(ENT_CLIENTS), row) : jstr(row, "title");
	const char *title = arena_printf(r->arena, "%s: %s", T(pg, for_client ? "client.matches" : "vacancy.matches"),
	                                 name ? name : "");
	page_begin(pg, title, for_client ? "caseload" : "vacancies");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/%s/%lld\">%s</a></p><h1>%s</h1>",
	            for_client ? "clients" : "vacancies", (long long)id, name ? name : "", title);
	page_notice(pg);
	const char *self = for_client ? "client" : "vacancy";
	html_printf(b, "<form method=\"get\" class=\"card filter\" action=\"/%s/%lld/matches\"><label class=\"check\">"
	               "<input type=\"checkbox\" name=\"hard\" value=\"filter\" id=\"hard-filter\"%s> %s</label>",
	            for_client ? "clients" : "vacancies", (long long)id, filter ? " checked" : "",
	            T(pg, for_client ? "matches.filter_client" : "matches.filter_vacancy"));
	if (!for_client) /* people already placed are left out unless asked for */
		html_printf(b, "<label class=\"check\"><input type=\"checkbox\" name=\"all\" value=\"true\" id=\"all-clients\"%s> "
		               "%s</label>",
		            all ? " checked" : "", T(pg, "matches.all_clients"));
	html_printf(b, "<button type=\"submit\" class=\"small secondary\">%s</button></form>", T(pg, "matches.show"));
	struct match_result *res = NULL;
	rc = app_matches(web_actor(r), subj, id, MATCH_PAGE_LIMIT,
	                 (filter ? MATCH_Q_FILTER_HARD : 0) | (all ? MATCH_Q_ALL_CLIENTS : 0), pg->lang_code, &res, &r->err);
	if (rc == ERR_FORBIDDEN || rc == ERR_NOT_FOUND || rc == ERR_UNAVAILABLE) {
		/* a missing consent is named as such, with the way to record it; not as "no permission" */
		bool consent = r->err.key && strcmp(r->err.key, "consent") == 0;
		const char *key = rc == ERR_UNAVAILABLE ? "matches.unavailable"
		                  : rc == ERR_NOT_FOUND ? (for_client ? "matches.client_not_indexed" : "matches.vacancy_not_open")
		                  : consent ? "matches.no_consent" : "error.403";
		err_clear(&r->err);
		html_printf(b, "<div class=\"card\"><p class=\"lead\" role=\"status\">%s</p>", T(pg, key));
		if (consent && for_client)
			html_printf(b, "<p><a class=\"button\" href=\"/clients/%lld#sec-consents\">%s</a></p>", (long long)id,
			            T(pg, "matches.record_consent"));
		html_raw_trusted(b, "</div>");
		return page_end(pg);
	}
	if (rc)
		return rc;
	html_printf(b, "<p class=\"result-count\" role=\"status\">%s: ", T(pg, "matches.compared"));
	page_int(pg, (long long)res->candidates);
	if (filter) {
		html_printf(b, " · %s: ", T(pg, "matches.filtered"));
		page_int(pg, (long long)res->filtered);
	}
	html_raw_trusted(b, "</p>");
	if (!res->nitems) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "matches.none"));
		return page_end(pg);
	}
	const char *done = proposed_ids(pg, subj, id);
	bool can_propose = page_may(pg, entity_get(ENT_PROPOSALS), ACC_WRITE);
	html_raw_trusted(b, "<ol class=\"matches\">");
	for (size_t i = 0; i < res->nitems; i++) {
		const struct match_item *it = &res->items[i];
		json_t *other = NULL;
		const char *oname;
		if (page_get(pg, for_client ? "vacancies" : "clients", it->id, &other)) {
			err_clear(&r->err);
			continue;
		}
		oname = for_client ? jstr(other, "title") : page_row_name(pg, entity_get(ENT_CLIENTS), other);
		char hid[32];
		snprintf(hid, sizeof hid, "m%zu", i);
		html_printf(b, "<li class=\"match card%s\" id=\"match-%lld\"><div class=\"match-head\"><h2 id=\"%s\">"
		               "<a href=\"/%s/%lld\">%s</a></h2>",
		            it->hard_failed ? " has-gaps" : "", (long long)it->id, hid, for_client ? "vacancies" : "clients",
		            (long long)it->id, oname ? oname : "");
		if (for_client) {
			html_raw_trusted(b, "<p class=\"sub\">");
			page_value(pg, entity_field(entity_get(ENT_VACANCIES), "employer_id"), json_object_get(other, "employer_id"));
			if (jstr(other, "municipality"))
				html_printf(b, " · %s", jstr(other, "municipality"));
			html_raw_trusted(b, "</p>");
		} else if (jstr(other, "status")) { /* whether the person is looking for work now */
			html_raw_trusted(b, "<p class=\"sub\">");
			page_status_badge(pg, jstr(other, "status"));
			html_raw_trusted(b, "</p>");
		}
		/* the calibrated score people read (docs/matching.md); the raw one ranks and is kept in the API */
		html_printf(b, "<p class=\"score\" title=\"%s\"><span class=\"vh\">%s </span>", T(pg, "matches.score_help"),
		            T(pg, "f.score"));
		page_match_score(pg, it->score);
		html_raw_trusted(b, "<span class=\"of\">/100</span></p>");
		/* in words: never "a good match" while a hard requirement is not met (match_item_verdict) */
		const char *verdict = match_verdict_name(match_item_verdict(it));
		html_printf(b, "<p class=\"verdict v-%s\">%s</p>", verdict, TK(pg, "matches.verdict", verdict));
		int64_t cid = for_client ? id : it->id, vid = for_client ? it->id : id;
		if (in_ids(done, it->id))
			html_printf(b, "<p class=\"badge proposed\">%s</p>", T(pg, "matches.proposed"));
		else if (can_propose)
			propose_button(pg, cid, vid, it->score, self, filter, oname ? oname : "");
		html_raw_trusted(b, "</div>");
		explain(pg, it, hid);
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ol>");
	return page_end(pg);
}

int ui_client_matches(struct page *pg)
{
	return matches_page(pg, MATCH_FOR_CLIENT);
}

int ui_vacancy_matches(struct page *pg)
{
	return matches_page(pg, MATCH_FOR_VACANCY);
}

/* POST /matches/propose: one click proposes the client to the vacancy (stage suggested, the score kept). A second
 * click finds the proposal already there and creates nothing. */
int ui_match_propose(struct page *pg)
{
	struct web_request *r = pg->r;
	const char *c = form_get(&pg->form, "client_id"), *v = form_get(&pg->form, "vacancy_id");
	const char *sc = form_get(&pg->form, "score"), *from = form_get(&pg->form, "from");
	const char *hard = form_get(&pg->form, "hard");
	char *end1 = NULL, *end2 = NULL;
	long long cid = c ? strtoll(c, &end1, 10) : 0, vid = v ? strtoll(v, &end2, 10) : 0;
	if (!c || !v || *end1 || *end2 || cid <= 0 || vid <= 0)
		return web_error(r, ERR_INVALID, "", "choose a client and a vacancy");
	bool back_client = !from || strcmp(from, "vacancy") != 0;
	const struct entity_def *pd = entity_get(ENT_PROPOSALS);
	char ct[24], vt[24];
	snprintf(ct, sizeof ct, "%lld", cid);
	snprintf(vt, sizeof vt, "%lld", vid);
	struct store_filter f[2] = {{entity_field(pd, "client_id"), ct}, {entity_field(pd, "vacancy_id"), vt}};
	struct store_list_query lq = {.filters = f, .nfilters = 2, .limit = 1};
	json_t *items = NULL;
	int rc = page_list(pg, "proposals", &lq, &items, NULL);
	if (rc)
		return rc;
	const char *done = "proposed";
	if (json_array_size(items)) {
		done = "already_proposed";
	} else {
		json_t *body = json_pack("{s:I,s:I,s:s,s:I}", "client_id", (json_int_t)cid, "vacancy_id", (json_int_t)vid,
		                         "stage", "suggested", "staff_id", (json_int_t)r->p.user_id);
		arena_defer(r->arena, (void (*)(void *))json_decref, body);
		char *e2 = NULL;
		double score = sc ? strtod(sc, &e2) : -1;
		if (sc && !*e2 && score >= 0 && score <= 1000)
			json_object_set_new(body, "score", json_real(score));
		if ((rc = page_create(pg, entity_get(ENT_PROPOSALS), body, NULL, NULL)))
			return rc;
	}
	return page_redirectf(pg, "/%s/%lld/matches?done=%s%s#match-%lld", back_client ? "clients" : "vacancies",
	                      back_client ? cid : vid, done, hard && strcmp(hard, "filter") == 0 ? "&hard=filter" : "",
	                      back_client ? vid : cid);
}
