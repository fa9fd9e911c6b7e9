/* survey_review: the review queue (GET /reviews) and one response beside a client's profile (GET /reviews/{id}):
 * the counsellor picks the client (or a new one), accepts the mapped answers item by item, and the accepted items
 * enter the profile through the entity verbs in one transaction. The pages call the verbs of src/app/survey_review.h
 * as the JSON API does. Every answer, free text and answers that could not be coded included, stays visible as the
 * respondent wrote it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/survey_review.h"
#include "store/survey_store.h"
#include "web/pages/survey_internal.h"
#include "web/pages/ui-duplicates.h"

static json_t *own(struct page *pg, json_t *j)
{
	return survey_web_own(pg->r, j);
}

int ui_survey_reviews(struct page *pg)
{
	const char *status = web_query(pg->r, "status");
	if (!status || (strcmp(status, "accepted") != 0 && strcmp(status, "dismissed") != 0))
		status = "submitted";
	json_t *items;
	struct err e = {0};
	int rc = survey_review_list(web_actor(pg->r), status, &items, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "survey.reviews_title"), "reviews");
	html_printf(b, "<h1>%s</h1>", T(pg, "survey.reviews_title"));
	page_notice(pg);
	html_printf(b, "<nav class=\"tabs\" aria-label=\"%s\"><ul>", T(pg, "survey.state"));
	static const char *const tabs[] = {"submitted", "accepted", "dismissed"};
	for (size_t i = 0; i < 3; i++)
		html_printf(b, "<li><a href=\"/reviews?status=%s\" aria-current=\"%s\">%s</a></li>", tabs[i],
		            strcmp(tabs[i], status) == 0 ? "page" : "false", TK(pg, "survey.status", tabs[i]));
	html_printf(b, "</ul></nav><p><a href=\"/surveys/invitations\">%s</a></p>", T(pg, "survey.links_title"));
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "survey.queue_empty"));
		return page_end(pg);
	}
	page_list_head(pg, "review-queue",
	               (const char *const[]){"survey.submitted", "survey.survey", "survey.answer_lang", "survey.label",
	                                     "survey.client", NULL},
	               NULL);
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/reviews/%lld\">", (long long)jint(row, "id"));
		page_date(pg, jstr(row, "submitted_at"));
		html_printf(b, " #%lld</a></th><td><code>%s</code></td><td>", (long long)jint(row, "id"),
		            jstr(row, "survey_slug") ? jstr(row, "survey_slug") : "");
		page_lang_name(pg, jstr(row, "lang"));
		html_printf(b, "</td><td>%s</td><td>", jstr(row, "invitation_label") ? jstr(row, "invitation_label") : "–");
		int64_t cid = jint(row, "client_id") ? jint(row, "client_id") : jint(row, "invitation_client_id");
		if (cid)
			html_printf(b, "<a href=\"/clients/%lld\">#%lld</a>", (long long)cid, (long long)cid);
		else
			html_txt(b, T(pg, "survey.no_client"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	return page_end(pg);
}

/* An answer as written, in the respondent's language, and in the page's language where the survey has it. */
static void answer_text(struct page *pg, const struct survey_def *def, const struct survey_question *q, json_t *v,
                        const char *lang)
{
	struct buf *b = pg->b;
	if (!v) {
		html_raw_trusted(b, "<span class=\"none\">–</span>");
		return;
	}
	if (json_is_object(v)) { /* CEFR */
		const char *k;
		json_t *x;
		bool first = true;
		json_object_foreach(v, k, x) {
			html_raw_trusted(b, first ? "" : ", ");
			page_lang_name(pg, k);
			html_printf(b, " %s", json_is_string(x) ? json_string_value(x) : "");
			first = false;
		}
		return;
	}
	size_t n = json_is_array(v) ? json_array_size(v) : 1;
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
		if (i)
			html_raw_trusted(b, "; ");
		if (json_is_number(x) && q->has_min && q->min >= 1000) { /* a year: no group separator ("2019") */
			html_printf(b, "%lld", (long long)json_number_value(x));
			continue;
		}
		if (json_is_number(x)) {
			page_real(pg, json_number_value(x), 2);
			continue;
		}
		const char *s = json_string_value(x);
		if (!s)
			continue;
		const struct survey_option *o = survey_find_option(q, s);
		if (o) {
			html_txt(b, survey_web_text(def, &o->text, pg->lang_code));
			if (strcmp(lang, pg->lang_code) != 0 && survey_has_lang(def, lang))
				/* isolated (bdi): an Arabic text with its own brackets keeps them in order in a Finnish line */
				html_printf(b, " <span class=\"beside\">(<bdi lang=\"%s\">%s</bdi>)</span>", lang,
				            survey_web_text(def, &o->text, lang));
		} else if (q->type == SURVEY_LANGUAGE) {
			page_lang_name(pg, s);
		} else if (q->type == SURVEY_COUNTRY) {
			page_country_name(pg, s);
		} else if (q->type == SURVEY_YESNO) {
			html_txt(b, survey_message(pg->lang_code, s));
		} else if ((q->type == SURVEY_ESCO_OCCUPATION || q->type == SURVEY_ESCO_SKILL) && strncmp(s, "http", 4) == 0) {
			const char *langs[] = {pg->lang_code, "en"};
			json_t *l = NULL;
			struct err e = {0};
			survey_store_esco_labels(pg->r->store, s, langs, 2, &l, &e);
			own(pg, l);
			const char *t = jstr(l, pg->lang_code) ? jstr(l, pg->lang_code) : jstr(l, "en");
			/* text, never a link: the answer is the respondent's, and "http:evil.example/..." is not ESCO */
			html_printf(b, "<span class=\"uri\" title=\"%s\">%s</span>", s, t ? t : s);
		} else if (q->type == SURVEY_ESCO_OCCUPATION || q->type == SURVEY_ESCO_SKILL) {
			html_printf(b, "<span lang=\"%s\">%s</span> <span class=\"badge\">%s</span>", lang, s,
			            T(pg, "survey.not_coded"));
		} else {
			html_printf(b, "<span lang=\"%s\">%s</span>", lang, s);
		}
	}
}

/* Every item starts accepted unless it would overwrite a value the client has (old: survey_review_existing); after
 * a failed accept, what the counsellor had ticked. */
static bool accepted(struct page *pg, json_t *old, const char *key)
{
	if (!pg->is_post)
		return !json_object_get(old, key);
	const char *v[256];
	size_t n = form_get_all(&pg->form, "accept", v, 256);
	for (size_t i = 0; i < n && i < 256; i++)
		if (strcmp(v[i], key) == 0)
			return true;
	return false;
}

static const char *qtext(struct page *pg, const struct survey_def *def, const struct survey_question *q,
                         const struct survey_fill *fill)
{
	return survey_web_filled(pg->r, def, &q->text, pg->lang_code, fill);
}

/* The question of an item's first question id, for showing the item's answer as written. */
static json_t *item_answer(const struct survey_def *def, json_t *answers, const char *key, const char *qid,
                           const struct survey_question **q)
{
	*q = survey_find_question(def, qid);
	if (!*q)
		return NULL;
	const struct survey_group *g = (*q)->group;
	if (g->repeatable) {
		const char *br = strchr(key, '[');
		size_t i = br ? (size_t)strtoul(br + 1, NULL, 10) : 0;
		return json_object_get(json_array_get(json_object_get(answers, g->id), i), qid);
	}
	json_t *v = json_object_get(answers, qid);
	const char *br = strrchr(key, '[');
	if (br && json_is_array(v)) /* one pick of a list */
		return json_array_get(v, (size_t)strtoul(br + 1, NULL, 10));
	return v;
}

static int review_page(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	struct survey_review rv = {0};
	struct err e = {0};
	int rc = survey_review_get(web_actor(r), id, &rv, &e);
	if (rc)
		return web_fail(r, rc, &e);
	json_t *resp = rv.row, *answers = rv.answers, *items = rv.items;
	const struct survey_def *def = rv.def;
	/* open employer-needs answers are reviewed on their employer's page, where they become its needs record */
	if (!pg->is_post && jint(resp, "invitation_employer_id") && jstr(resp, "survey_slug") &&
	    strcmp(jstr(resp, "status"), "submitted") == 0 &&
	    strcmp(jstr(resp, "survey_slug"), SURVEY_EMPLOYER_NEEDS) == 0) {
		return page_redirectf(pg, "/employers/%lld#needs-answer-%lld",
		                      (long long)jint(resp, "invitation_employer_id"), (long long)id);
	}
	const char *lang = jstr(resp, "lang") ? jstr(resp, "lang") : def->langs[0];
	bool open = strcmp(jstr(resp, "status"), "submitted") == 0;
	struct survey_fill fill = {0};
	survey_web_fill(r, jint(resp, "invitation_id"), &fill);
	/* the client: chosen on the page, or the one the response or its link names */
	int64_t cid = jint(resp, "client_id") ? jint(resp, "client_id") : jint(resp, "invitation_client_id");
	const char *pick = pg->is_post ? form_get(&pg->form, "client_id") : web_query(r, "client");
	bool create = pick && strcmp(pick, "new") == 0;
	if (pick && !create) {
		char *end;
		long long v = strtoll(pick, &end, 10);
		if (!*end && v > 0)
			cid = v;
	}
	if (create)
		cid = 0;
	json_t *client = NULL;
	if (cid && page_get(pg, "clients", cid, &client)) {
		err_clear(&r->err);
		client = NULL;
		cid = 0;
	}
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "survey.review_title"), "reviews");
	html_printf(b, "<p><a href=\"/reviews\">%s</a></p><h1>%s #%lld</h1>", T(pg, "survey.reviews_title"),
	            T(pg, "survey.review_title"), (long long)id);
	html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(pg, "survey.survey"),
	            survey_web_text(def, &def->title, pg->lang_code), T(pg, "survey.submitted"));
	page_date(pg, jstr(resp, "submitted_at"));
	html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "survey.answer_lang"));
	page_lang_name(pg, lang);
	html_printf(b, "</dd><dt>%s</dt><dd>%s</dd></dl>", T(pg, "survey.state"), TK(pg, "survey.status", jstr(resp, "status")));
	if (open) { /* choose the client to compare with */
		struct store_list_query lq = {.limit = 500};
		json_t *clients = NULL;
		if (page_list(pg, "clients", &lq, &clients, NULL) == 0) {
			html_printf(b, "<form method=\"get\" action=\"/reviews/%lld\" class=\"inline client-pick\">"
			               "<label for=\"review-client\">%s</label><select id=\"review-client\" name=\"client\">"
			               "<option value=\"new\"%s>%s</option>",
			            (long long)id, T(pg, "survey.client"), cid ? "" : " selected", T(pg, "survey.new_client"));
			size_t i;
			json_t *row;
			json_array_foreach(clients, i, row) html_printf(b, "<option value=\"%lld\"%s>%s</option>",
			                                                (long long)jint(row, "id"), jint(row, "id") == cid ? " selected" : "",
			                                                page_row_name(pg, NULL, row));
			html_printf(b, "</select> <button type=\"submit\" class=\"small secondary\">%s</button></form>",
			            T(pg, "survey.compare"));
		}
		err_clear(&r->err);
	}
	if (json_array_size(r->err_matches)) /* the new client looks like one already recorded: which, and why */
		ui_dup_warning(pg);
	else if (pg->failed_form)
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s %s</div>",
		            T(pg, "form.has_errors"), pg->error_summary ? pg->error_summary : "");
	json_t *old = NULL, *have = NULL;
	if (survey_review_existing(web_actor(r), open ? cid : 0, items, &old, &have, &e))
		return web_fail(r, e.code ? (int)e.code : ERR_INTERNAL, &e);
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	const struct entity_def *ld = entity_get(ENT_CLIENT_LANGUAGES);
	html_printf(b, "<form method=\"post\" action=\"/reviews/%lld/accept\" id=\"review-form\">", (long long)id);
	page_csrf_field(pg);
	if (cid)
		html_printf(b, "<input type=\"hidden\" name=\"client_id\" value=\"%lld\">", (long long)cid);
	else
		html_raw_trusted(b, "<input type=\"hidden\" name=\"client_id\" value=\"new\">");
	html_printf(b, "<h2>%s</h2><p class=\"hint\">%s</p><div class=\"table-wrap\"><table class=\"list review\">"
	               "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	               "<th scope=\"col\">%s</th></tr></thead><tbody>",
	            T(pg, "survey.to_profile"), cid ? T(pg, "survey.to_profile_hint") : T(pg, "survey.new_client_hint"),
	            T(pg, "survey.accept"), T(pg, "survey.question"), T(pg, "survey.answer"),
	            cid ? T(pg, "survey.in_profile") : T(pg, "survey.goes_to"));
	size_t i;
	json_t *it;
	/* a spouse answering her own survey: its spouse part is about her family's worker */
	const char *own_role = client ? jstr(client, "family_role") : NULL;
	bool by_spouse = own_role && strcmp(own_role, "spouse") == 0;
	json_array_foreach(items, i, it) {
		const char *key = jstr(it, "key"), *entity = jstr(it, "entity");
		const char *msg = NULL;
		size_t klen = strlen(key);
		const char *ek;
		json_t *ev;
		json_object_foreach(pg->errors, ek, ev) if (strncmp(ek, key, klen) == 0) msg = json_string_value(ev);
		html_raw_trusted(b, "<tr");
		html_attr_if(b, msg != NULL, "class", "has-error");
		html_printf(b, "><td><input type=\"checkbox\" name=\"accept\" value=\"%s\" id=\"acc-%zu\"%s%s "
		               "aria-label=\"%s\"></td><th scope=\"row\">",
		            key, i, accepted(pg, old, key) ? " checked" : "", open ? "" : " disabled", T(pg, "survey.accept"));
		size_t k;
		json_t *qid;
		json_array_foreach(json_object_get(it, "questions"), k, qid) {
			const struct survey_question *q;
			item_answer(def, answers, key, json_string_value(qid), &q);
			if (q)
			{
				html_raw_trusted(b, k ? "<br>" : "");
				html_printf(b, "<label for=\"acc-%zu\">%s</label>", i, qtext(pg, def, q, &fill));
			}
		}
		html_raw_trusted(b, "</th><td>");
		json_t *fields = json_object_get(it, "fields");
		bool is_lang = entity_find(entity) == ld;
		if (is_lang) { /* this item's language only, not the whole answer */
			page_lang_name(pg, jstr(fields, "language"));
			html_raw_trusted(b, " ");
			page_value(pg, entity_field(ld, "level"), json_object_get(fields, "level"));
		}
		json_array_foreach(json_object_get(it, "questions"), k, qid) {
			const struct survey_question *q;
			json_t *v = item_answer(def, answers, key, json_string_value(qid), &q);
			if (q && !is_lang) {
				html_raw_trusted(b, k ? "<br>" : "");
				answer_text(pg, def, q, v, lang);
			}
		}
		json_t *was = json_object_get(old, key);
		if (was) { /* accepting would overwrite: the value now and the new one side by side (in the answer's cell,
		            * so a phone shows them without scrolling the table), not ticked */
			const char *col = is_lang ? "level" : strchr(key, '.') + 1;
			const struct field_def *f = entity_field(is_lang ? ld : cd, col);
			html_printf(b, "<div class=\"overwrite\"><span class=\"was\"><span class=\"meta\">%s:</span> ",
			            T(pg, "survey.now_value"));
			page_value(pg, f, was);
			html_printf(b, "</span> <span aria-hidden=\"true\">→</span> <span class=\"new\"><span class=\"meta\">"
			               "%s:</span> <strong>",
			            T(pg, "survey.new_value"));
			page_value(pg, f, json_object_get(fields, col));
			html_printf(b, "</strong></span><br><span class=\"badge dup\">%s</span></div>", T(pg, "survey.overwrites"));
		}
		if (msg)
			html_printf(b, "<p class=\"err\">%s</p>", msg);
		html_raw_trusted(b, "</td><td>");
		json_t *lang_now = is_lang ? json_object_get(have, key) : NULL;
		const char *person = jstr(it, "person");
		if (person && strcmp(person, "spouse") == 0) { /* the spouse's own record (made or updated on accept) */
			html_printf(b, "<span class=\"badge\">%s</span> ", T(pg, by_spouse ? "survey.to_worker" : "survey.to_spouse"));
			if (entity_find(entity) == cd)
				html_txt(b, page_field_label(pg, cd, strchr(key, '.') + 1));
			else
				html_txt(b, TK(pg, "survey.adds", entity));
		} else if (lang_now) { /* a language the client has: its level now (accepting changes that row, adds none) */
			page_value(pg, entity_field(ld, "level"), lang_now);
		} else if (entity_find(entity) == cd) { /* a field of the client itself */
			const char *col = strchr(key, '.') + 1;
			const struct field_def *f = entity_field(cd, col);
			if (client && f)
				page_value(pg, f, json_object_get(client, col));
			else
				html_txt(b, f ? page_field_label(pg, cd, col) : col);
		} else {
			html_printf(b, "<span class=\"badge\">%s</span>", TK(pg, "survey.adds", entity));
		}
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	if (open)
		html_printf(b, "<p class=\"hint\">%s</p>", T(pg, "survey.consent_recorded"));
	bool spouse_items = false;
	json_array_foreach(items, i, it) spouse_items |= jstr(it, "person") && strcmp(jstr(it, "person"), "spouse") == 0;
	if (open && spouse_items)
		html_printf(b, "<p class=\"hint\" id=\"spouse-hint\">%s</p>",
		            T(pg, by_spouse ? "survey.spouse_hint_worker" : "survey.spouse_hint"));
	if (open && !cid)
		ui_dup_confirm(pg); /* "a different person: create anyway", after a likely-duplicate warning */
	if (open)
		html_printf(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>", T(pg, "survey.accept_button"));
	html_raw_trusted(b, "</form>");
	if (open) {
		html_printf(b, "<form method=\"post\" action=\"/reviews/%lld/dismiss\" class=\"inline\">", (long long)id);
		page_csrf_field(pg);
		html_printf(b, "<button type=\"submit\" class=\"secondary\" data-confirm=\"%s\">%s</button></form>",
		            T(pg, "survey.dismiss_confirm"), T(pg, "survey.dismiss"));
	}
	/* every answer as written, mapped or not */
	html_printf(b, "<h2>%s</h2>", T(pg, "survey.all_answers"));
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		size_t n = g->repeatable ? json_array_size(json_object_get(answers, g->id)) : 1;
		if (!n)
			continue;
		html_printf(b, "<section class=\"summary\"><h3>%s</h3>", survey_web_text(def, &g->title, pg->lang_code));
		for (size_t e2 = 0; e2 < n; e2++) {
			json_t *entry = g->repeatable ? json_array_get(json_object_get(answers, g->id), e2) : answers;
			html_raw_trusted(b, "<dl class=\"facts\">");
			for (size_t k = 0; k < g->n_questions; k++) {
				const struct survey_question *q = &g->questions[k];
				json_t *v = json_object_get(entry, q->id);
				if (!v)
					continue;
				html_printf(b, "<dt>%s", qtext(pg, def, q, &fill));
				if (!q->maps_to)
					html_printf(b, " <span class=\"badge\">%s</span>", T(pg, "survey.not_mapped"));
				html_raw_trusted(b, "</dt><dd>");
				answer_text(pg, def, q, v, lang);
				html_raw_trusted(b, "</dd>");
			}
			html_raw_trusted(b, "</dl>");
		}
		html_raw_trusted(b, "</section>");
	}
	return page_end(pg);
}

static int review_accept(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	const char *pick = form_get(&pg->form, "client_id");
	int64_t cid = 0;
	if (pick && strcmp(pick, "new") != 0) {
		char *end;
		long long v = strtoll(pick, &end, 10);
		if (*end || v <= 0)
			return web_error(r, ERR_INVALID, "client_id", "choose a client");
		cid = v;
	}
	const char *keys[256];
	size_t n = form_get_all(&pg->form, "accept", keys, 256);
	json_t *arr = own(pg, json_array());
	for (size_t i = 0; i < n && i < 256; i++)
		json_array_append_new(arr, json_string(keys[i]));
	int64_t out;
	json_t *written;
	struct err ae = {0};
	const char *confirm = form_get(&pg->form, "confirm_new");
	json_t *matches = NULL;
	int arc = survey_review_accept(web_actor(r), id, cid, cid == 0, confirm && strcmp(confirm, "1") == 0, arr, &out,
	                               &written, &matches, &ae);
	if (arc) {
		r->err = ae;
		if (!r->err.code)
			r->err.code = (enum err_code)arc;
		if (!page_is_form_error(pg))
			return r->err.code;
		/* nothing of it may stay: roll back now and render the page in a fresh (empty) transaction */
		const char *msg = page_error_text(pg, &ae); /* in the page's language where the key has a text */
		page_form_error(pg, "review", r->err.field, msg);
		pg->error_summary = arena_printf(r->arena, "%s: %s", r->err.field, msg);
		err_clear(&r->err);
		store_rollback(r->store);
		if (web_actor(r)->changes) /* the rows it noted are gone with the transaction */
			web_actor(r)->changes->n = 0;
		struct err e = {0};
		if (store_begin(r->store, &e) || (matches && app_duplicates_shown(web_actor(r), matches, &e))) {
			r->err = e;
			return e.code;
		}
		r->err_matches = matches; /* the records the person may be, with "a different person" to tick */
		int rc = review_page(pg, id);
		r->status = 400;
		return rc;
	}
	return page_redirect(pg, arena_printf(r->arena, "/clients/%lld?done=survey_accepted", (long long)out));
}

int ui_survey_review(struct page *pg)
{
	return page_by_id(pg, review_page, "response");
}

int ui_survey_review_accept(struct page *pg)
{
	return page_by_id(pg, review_accept, "response");
}

int ui_survey_review_dismiss(struct page *pg)
{
	struct err e = {0};
	int rc = survey_review_dismiss(web_actor(pg->r), web_param_id(pg->r, 0), &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	return page_redirect(pg, "/reviews?done=survey_dismissed");
}
