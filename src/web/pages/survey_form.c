/* survey_form: the public survey form GET/POST /s/{token}: no login, the link's token is the key. Mobile-first, one
 * question group per screen with a progress indicator; each question in the respondent's language with the Finnish
 * (or, for a Finnish respondent, English) text beside it; consent before any question; answers saved on the server
 * on every step (a draft found again by a resume cookie or code), ESCO pick-lists through a server-side suggestion
 * step (no script needed), messages next to the fields with everything typed kept, a submission key so a form sent
 * twice is stored once, and a copy of the answers to download. Right-to-left for Arabic, Thai line breaking.
 * This file is the request side (the link, drafts, reading a step's fields, the handlers); the HTML is written by
 * survey_form_render.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "store/survey_store.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/survey_form_internal.h"

/* ---------------------------------------------------------------- setup */

static bool normalise_code(const char *in, char out[RESUME_LEN + 1])
{
	size_t n = 0;
	for (const char *p = in; p && *p && n <= RESUME_LEN; p++) {
		char c = *p;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			if (n == RESUME_LEN)
				return false;
			out[n++] = c;
		} else if (c != '-' && c != ' ') {
			return false;
		}
	}
	out[n] = 0;
	return n == RESUME_LEN;
}

static void resume_hash(const char *code, char out[65])
{
	char buf[40];
	snprintf(buf, sizeof buf, "resume:%s", code);
	auth_hash_hex(buf, strlen(buf), out);
}

static void new_code(char out[RESUME_LEN + 1])
{
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	char hex[AUTH_TOKEN_HEX + 1];
	auth_random_token(hex);
	for (int i = 0; i < RESUME_LEN; i++) {
		unsigned v = (unsigned)(hex[2 * i] <= '9' ? hex[2 * i] - '0' : hex[2 * i] - 'a' + 10) * 16u +
		             (unsigned)(hex[2 * i + 1] <= '9' ? hex[2 * i + 1] - '0' : hex[2 * i + 1] - 'a' + 10);
		out[i] = alphabet[v % 32u];
	}
	out[RESUME_LEN] = 0;
}

const char *sform_pretty_code(struct sform *sf, const char *c)
{
	return arena_printf(sf->r->arena, "%.4s-%.4s-%.4s-%.4s", c, c + 4, c + 8, c + 12);
}

const char *sform_start_csrf(struct sform *sf)
{
	char buf[AUTH_TOKEN_HEX + 8], out[65];
	snprintf(buf, sizeof buf, "start:%s", sf->token);
	auth_hash_hex(buf, strlen(buf), out);
	return arena_strdup(sf->r->arena, out);
}

static void set_cookie(struct sform *sf, const char *code, bool clear)
{
	const bool tls = web_server_config(sf->r->srv)->secure_cookies;
	char c[400];
	snprintf(c, sizeof c, "osaaja_survey=%s; Path=/s/%s; Max-Age=%d; HttpOnly; SameSite=Lax%s", clear ? "" : code,
	         sf->token, clear ? 0 : 60 * 60 * 24 * 90, tls ? "; Secure" : "");
	web_add_header(sf->r, "Set-Cookie", c);
}

/* The survey's own copy of the language code want (it lives as long as the definition), or NULL. */
static const char *pick_lang(struct sform *sf, const char *want)
{
	for (size_t i = 0; want && i < sf->def->n_langs; i++)
		if (strcmp(sf->def->langs[i], want) == 0)
			return sf->def->langs[i];
	return NULL;
}

static void choose_lang(struct sform *sf)
{
	const char *l = pick_lang(sf, web_query(sf->r, "lang"));
	if (!l)
		l = pick_lang(sf, form_get(&sf->form, "lang"));
	if (!l && sf->draft)
		l = pick_lang(sf, json_string_value(json_object_get(sf->draft, "lang")));
	if (!l)
		l = pick_lang(sf, json_string_value(json_object_get(sf->inv, "lang")));
	if (!l) /* the phone's languages, best first (th-TH,th;q=0.9,en;q=0.8 -> th) */
		l = accept_lang_pick(web_header(sf->r, "Accept-Language"), sf->def->langs, sf->def->n_langs);
	sf->lang = l ? l : sf->def->langs[0];
	const char *bes = survey_ui_beside(sf->lang);
	sf->beside = survey_has_lang(sf->def, bes) ? bes : NULL;
}

static int load(struct sform *sf, struct web_request *r)
{
	memset(sf, 0, sizeof *sf);
	sf->r = r;
	sf->b = &r->out;
	sf->token = r->params[0];
	sf->lang = "en";
	r->out.len = 0;
	if (strcmp(r->method, "POST") == 0 && form_parse(r->arena, r->body, r->body_len, &sf->form, &r->err))
		return ERR_INVALID;
	int rc = app_survey_link(r->store, sf->token, &sf->inv, &r->err);
	if (rc == ERR_NOT_FOUND) { /* the link's own page says so; anything else (the database away) is not its fault */
		err_clear(&r->err);
		return ERR_NOT_FOUND;
	}
	if (rc)
		return rc;
	own(sf, sf->inv);
	if (app_survey_def_of_link(r->store, sf->inv, r->arena, &sf->def, &r->err))
		return r->err.code;
	survey_web_fill(r, (int64_t)json_integer_value(json_object_get(sf->inv, "id")), &sf->fill);
	/* the draft: from the resume cookie, or from the code the form carries (works without cookies) */
	char code[RESUME_LEN + 1];
	const char *c = form_get(&sf->form, "resume");
	if (!c)
		c = web_cookie(r, "osaaja_survey");
	if (c && normalise_code(c, code)) {
		char h[65];
		resume_hash(code, h);
		struct err e = {0};
		if (survey_store_draft_get(r->store, (int64_t)json_integer_value(json_object_get(sf->inv, "id")), h,
		                           &sf->draft, &e) == 0) {
			own(sf, sf->draft);
			sf->resume = arena_strdup(r->arena, code);
			json_error_t je;
			const char *a = json_string_value(json_object_get(sf->draft, "answers"));
			sf->raw = own(sf, json_loads(a ? a : "{}", 0, &je));
			sf->step = (long)json_integer_value(json_object_get(sf->draft, "step"));
		}
	}
	if (!sf->raw)
		sf->raw = own(sf, json_object());
	choose_lang(sf);
	sf->typed = own(sf, survey_web_typed(sf->def, sf->raw));
	sf->errors = own(sf, json_object());
	if (sf->step < 1 || sf->step > (long)sf->def->n_groups + 1)
		sf->step = 1;
	return 0;
}

static int save_draft(struct sform *sf)
{
	char *text = json_dumps(sf->raw, JSON_COMPACT);
	if (!text)
		return web_error(sf->r, ERR_UNAVAILABLE, "", "out of memory");
	struct err e = {0};
	int rc = survey_store_draft_save(sf->r->store, (int64_t)json_integer_value(json_object_get(sf->draft, "id")),
	                                 sf->lang, sf->step, text, &e);
	free(text);
	if (rc)
		sf->r->err = e;
	return rc;
}

/* ---------------------------------------------------------------- reading a step's form into the draft */

static json_t *form_list(struct sform *sf, const char *name)
{
	const char *v[SURVEY_MAX_ITEMS];
	size_t n = form_get_all(&sf->form, name, v, SURVEY_MAX_ITEMS);
	json_t *a = json_array();
	for (size_t i = 0; i < n && i < SURVEY_MAX_ITEMS; i++)
		if (*v[i])
			json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *read_question(struct sform *sf, const struct survey_question *q, const char *base, const char *action)
{
	char name[200];
	if (q->type == SURVEY_CEFR) {
		snprintf(name, sizeof name, "%s.rows", base);
		const char *rs = form_get(&sf->form, name);
		long rows = rs ? strtol(rs, NULL, 10) : 0;
		if (rows < 0 || rows > MAX_ROWS)
			rows = MAX_ROWS;
		json_t *a = json_array();
		for (long k = 0; k < rows; k++) {
			char ln[200], vn[200];
			snprintf(ln, sizeof ln, "%s.l.%ld", base, k);
			snprintf(vn, sizeof vn, "%s.v.%ld", base, k);
			const char *l = form_get(&sf->form, ln), *v = form_get(&sf->form, vn);
			if ((l && *l) || (v && *v))
				json_array_append_new(a, json_pack("{s:s,s:s}", "l", l ? l : "", "v", v ? v : ""));
		}
		return a;
	}
	if (q->type == SURVEY_ESCO_OCCUPATION || q->type == SURVEY_ESCO_SKILL) {
		json_t *a = form_list(sf, base);
		snprintf(name, sizeof name, "%s.t", base);
		const char *typed = form_get(&sf->form, name);
		char want[220];
		snprintf(want, sizeof want, "suggest:%s", base);
		bool searching = action && strcmp(action, want) == 0;
		if (typed && *typed && !searching) { /* typed and not looked up: kept as written */
			if (!q->multiple)
				json_array_clear(a);
			json_array_append_new(a, json_string(typed));
		}
		if (q->multiple)
			return a;
		json_t *one = json_array_size(a) ? json_incref(json_array_get(a, json_array_size(a) - 1)) : json_string("");
		json_decref(a);
		return one;
	}
	if (q->type == SURVEY_MULTIPLE || q->multiple)
		return form_list(sf, base);
	const char *v = form_get(&sf->form, base);
	return json_string(v ? v : "");
}

static bool entry_empty(json_t *e)
{
	const char *k;
	json_t *v;
	json_object_foreach(e, k, v) {
		if (json_is_string(v) && *json_string_value(v))
			return false;
		if (json_is_array(v) && json_array_size(v))
			return false;
	}
	return true;
}

static void read_group(struct sform *sf, const struct survey_group *g, const char *action)
{
	if (!g->repeatable) {
		for (size_t k = 0; k < g->n_questions; k++) {
			char base[160];
			snprintf(base, sizeof base, "q.%s", g->questions[k].id);
			json_object_set_new(sf->raw, g->questions[k].id, read_question(sf, &g->questions[k], base, action));
		}
		return;
	}
	char name[120];
	snprintf(name, sizeof name, "%s.n", g->id);
	const char *ns = form_get(&sf->form, name);
	long n = ns ? strtol(ns, NULL, 10) : 0;
	if (n < 0 || n > (long)g->max_repeats)
		n = (long)g->max_repeats;
	json_t *arr = json_array();
	for (long i = 0; i < n; i++) {
		json_t *e = json_object();
		for (size_t k = 0; k < g->n_questions; k++) {
			char base[160];
			snprintf(base, sizeof base, "q.%s.%ld.%s", g->id, i, g->questions[k].id);
			json_object_set_new(e, g->questions[k].id, read_question(sf, &g->questions[k], base, action));
		}
		json_array_append_new(arr, e);
	}
	json_object_set_new(sf->raw, g->id, arr);
}

/* Drops entries left empty (the form shows one blank entry anyway) so error paths and entries line up. */
static void compact(struct sform *sf, const struct survey_group *g)
{
	json_t *arr = json_object_get(sf->raw, g->id);
	for (size_t i = json_array_size(arr); i-- > 0;)
		if (entry_empty(json_array_get(arr, i)))
			json_array_remove(arr, i);
}

/* Validation messages of one group (paths that start with one of its question ids, or its own id). */
static bool group_errors(struct sform *sf, const struct survey_group *g)
{
	struct survey_answer_errors errs = {0};
	survey_answers_validate(sf->def, sf->typed, sf->lang, &errs);
	bool any = false;
	for (size_t i = 0; i < errs.n; i++) {
		const char *p = errs.v[i].path;
		size_t n = strcspn(p, "[.");
		bool mine = g->repeatable && strlen(g->id) == n && strncmp(p, g->id, n) == 0;
		for (size_t k = 0; !g->repeatable && k < g->n_questions; k++)
			mine |= strlen(g->questions[k].id) == n && strncmp(p, g->questions[k].id, n) == 0;
		if (mine) {
			json_object_set_new(sf->errors, p, json_string(errs.v[i].message));
			any = true;
		}
	}
	survey_answer_errors_free(&errs);
	return any;
}

static void suggest(struct sform *sf, const char *base)
{
	char name[200];
	snprintf(name, sizeof name, "%s.t", base);
	const char *text = form_get(&sf->form, name);
	sf->suggest_base = base;
	sf->suggest_hits = own(sf, json_array());
	sf->suggest_text = text ? text : "";
	const struct tax_index *ix = api_taxonomy_index();
	if (!text || !*text || strlen(text) > 200 || !ix)
		return;
	/* find the question: the last segment of the base */
	const char *qid = strrchr(base, '.');
	const struct survey_question *q = qid ? survey_find_question(sf->def, qid + 1) : NULL;
	unsigned kind = q && q->type == SURVEY_ESCO_SKILL ? TAX_SKILL : TAX_OCCUPATION;
	struct tax_hit hits[SUGGEST];
	size_t n = 0;
	struct err e = {0};
	if (tax_search(ix, text, sf->lang, kind, SUGGEST, hits, &n, &e) == 0 && n == 0)
		tax_search(ix, text, "en", kind, SUGGEST, hits, &n, &e);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(sf->suggest_hits, json_string(hits[i].uri));
}

/* ---------------------------------------------------------------- handlers */

static int not_found(struct sform *sf)
{
	sf->def = NULL;
	return sform_message_page(sf, "not_found", 404);
}

/* load, writing the "not found" page for an unknown link: *done then says the caller returns the rc. */
static int load_link(struct sform *sf, struct web_request *r, bool *done)
{
	int rc = load(sf, r);
	*done = rc != 0;
	return rc == ERR_NOT_FOUND ? not_found(sf) : rc;
}

/* GET /s/{token}: the draft's current step, or the start page of an open link. */
static int form_page(struct sform *sf)
{
	if (sf->draft)
		return sform_render_current(sf, 200);
	const char *state = app_survey_link_state(sf->inv);
	if (strcmp(state, "open") != 0)
		return sform_message_page(sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
	return sform_render_start(sf, NULL, 200);
}

static int start(struct sform *sf)
{
	struct web_request *r = sf->r;
	const char *state = app_survey_link_state(sf->inv);
	if (strcmp(state, "open") != 0)
		return sform_message_page(sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
	const char *c = form_get(&sf->form, "consent");
	if (!c || strcmp(c, "yes") != 0)
		return sform_render_start(sf, U(sf, "consent_needed"), 400);
	char code[RESUME_LEN + 1], h[65], csrf[AUTH_TOKEN_HEX + 1], key[AUTH_TOKEN_HEX + 1];
	new_code(code);
	resume_hash(code, h);
	auth_random_token(csrf);
	auth_random_token(key);
	int64_t id;
	struct err e = {0};
	int rc = survey_store_draft_insert(r->store, (int64_t)json_integer_value(json_object_get(sf->inv, "organisation_id")),
	                                   (int64_t)json_integer_value(json_object_get(sf->inv, "id")), h, csrf, key,
	                                   sf->lang, "{}", &id, &e);
	if (rc)
		return web_fail(r, rc, &e);
	set_cookie(sf, code, false);
	sform_redirect(sf, arena_printf(r->arena, "/s/%s?lang=%s", sf->token, sf->lang));
	return 0;
}

static int resume(struct sform *sf)
{
	if (!sf->draft)
		return sform_render_start(sf, U(sf, "resume_wrong"), 400);
	set_cookie(sf, sf->resume, false);
	sform_redirect(sf, arena_printf(sf->r->arena, "/s/%s?lang=%s", sf->token, sf->lang));
	return 0;
}

static int submit(struct sform *sf)
{
	struct web_request *r = sf->r;
	const char *key = json_string_value(json_object_get(sf->draft, "submission_key"));
	struct survey_answer_errors errs = {0};
	int64_t id;
	bool inserted;
	int rc = app_survey_submit(r->store, sf->inv, sf->def, key, sf->lang, sf->typed, false, &id, &inserted, &errs,
	                           &r->err);
	if (rc == ERR_INVALID) {
		err_clear(&r->err);
		/* back to the first group with a message; everything typed stays in the draft */
		long first = 0;
		for (size_t gi = 0; gi < sf->def->n_groups && !first; gi++)
			if (survey_group_visible(&sf->def->groups[gi], sf->typed) && group_errors(sf, &sf->def->groups[gi]))
				first = (long)gi + 1;
		survey_answer_errors_free(&errs);
		sf->step = first ? first : 1;
		if ((rc = save_draft(sf)))
			return rc;
		return sform_render_current(sf, 400);
	}
	survey_answer_errors_free(&errs);
	if (rc == ERR_CONFLICT && strcmp(r->err.field, "token") == 0) {
		/* another respondent used the link up meanwhile: this draft stays, nothing was stored */
		err_clear(&r->err);
		return sform_message_page(sf, "used", 410);
	}
	if (rc)
		return rc;
	struct err e = {0};
	if ((rc = survey_store_draft_delete(r->store, (int64_t)json_integer_value(json_object_get(sf->draft, "id")), &e)))
		return web_fail(r, rc, &e);
	set_cookie(sf, "", true);
	sform_redirect(sf, arena_printf(r->arena, "/s/%s/done?k=%s&lang=%s", sf->token, key, sf->lang));
	return 0;
}

/* POST /s/{token}: start, resume, a step's answers (saved first, whatever the button), submit. */
static int form_post(struct sform *sf)
{
	struct web_request *r = sf->r;
	const char *action = form_get(&sf->form, "action");
	const char *csrf = form_get(&sf->form, "csrf");
	if (!action)
		action = "next";
	/* a submission sent again after it was stored: the same thank-you page, nothing stored twice */
	const char *skey = form_get(&sf->form, "submission_key");
	if (strcmp(action, "submit") == 0 && app_survey_key_ok(skey)) {
		json_t *prev;
		struct err e = {0};
		if (survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(sf->inv, "id")),
		                                 skey, &prev, &e) == 0) {
			json_decref(prev);
			sform_redirect(sf,
			               arena_printf(r->arena, "/s/%s/done?k=%s&lang=%s", sf->token, skey, sf->lang));
			return 0;
		}
	}
	if (strcmp(action, "start") == 0 || strcmp(action, "resume") == 0) {
		if (!csrf || !auth_token_equal(csrf, sform_start_csrf(sf)))
			return sform_message_page(sf, "form_expired", 403);
		return strcmp(action, "start") == 0 ? start(sf) : resume(sf);
	}
	if (!sf->draft || !csrf ||
	    !auth_token_equal(csrf, json_string_value(json_object_get(sf->draft, "csrf_token")))) {
		const char *state = app_survey_link_state(sf->inv);
		if (strcmp(state, "open") != 0)
			return sform_message_page(sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
		return sform_render_start(sf, U(sf, "form_expired"), 403);
	}
	/* whatever the button, what was typed on this screen is saved first */
	const char *ps = form_get(&sf->form, "step");
	long posted = ps ? strtol(ps, NULL, 10) : sf->step;
	if (posted >= 1 && posted <= (long)sf->def->n_groups) {
		sf->step = posted;
		const struct survey_group *g = &sf->def->groups[posted - 1];
		read_group(sf, g, action);
		if (g->repeatable && strncmp(action, "add:", 4) != 0)
			compact(sf, g);
		if (g->repeatable && strncmp(action, "remove:", 7) == 0) {
			const char *colon = strrchr(action, ':');
			long i = colon ? strtol(colon + 1, NULL, 10) : -1;
			if (i >= 0)
				json_array_remove(json_object_get(sf->raw, g->id), (size_t)i);
		}
		if (g->repeatable && strncmp(action, "add:", 4) == 0) {
			json_t *arr = json_object_get(sf->raw, g->id);
			compact(sf, g);
			if (json_array_size(arr) < g->max_repeats) {
				if (!json_array_size(arr))
					json_array_append_new(arr, json_object());
				json_array_append_new(arr, json_object());
			}
		}
		sf->typed = survey_web_typed(sf->def, sf->raw); /* the old one is released with the arena */
		own(sf, sf->typed);
	} else if (posted == (long)sf->def->n_groups + 1) {
		sf->step = posted;
	}
	if (strncmp(action, "lang:", 5) == 0 && survey_has_lang(sf->def, action + 5)) {
		sf->lang = action + 5;
		const char *bes = survey_ui_beside(sf->lang);
		sf->beside = survey_has_lang(sf->def, bes) ? bes : NULL;
	}
	if (strcmp(action, "next") == 0 && sf->step <= (long)sf->def->n_groups &&
	    !group_errors(sf, &sf->def->groups[sf->step - 1]))
		sf->step = sform_next_step(sf, sf->step);
	else if (strcmp(action, "back") == 0)
		sf->step = sform_prev_step(sf, sf->step);
	else if (strncmp(action, "goto:", 5) == 0) {
		long g = strtol(action + 5, NULL, 10);
		if (g >= 1 && g <= (long)sf->def->n_groups)
			sf->step = g;
	}
	int rc = save_draft(sf);
	if (rc)
		return rc;
	if (strcmp(action, "submit") == 0)
		return submit(sf);
	if (strcmp(action, "save") == 0)
		return sform_render_saved(sf);
	if (strncmp(action, "suggest:", 8) == 0) {
		suggest(sf, arena_strdup(r->arena, action + 8));
		return sform_render_current(sf, 200);
	}
	if (json_object_size(sf->errors))
		return sform_render_current(sf, 400);
	if (strncmp(action, "add:", 4) == 0 || strncmp(action, "remove:", 7) == 0)
		return sform_render_current(sf, 200);
	sform_redirect(sf, arena_printf(r->arena, "/s/%s?lang=%s", sf->token, sf->lang));
	return 0;
}

/* A page of the link: the link loaded (its "not found" page written otherwise), then page(sf). */
static int with_link(struct web_request *r, int (*page)(struct sform *sf))
{
	struct sform sf = {0};
	bool done;
	int rc = load_link(&sf, r, &done);
	return done ? rc : page(&sf);
}

int survey_form_get(struct web_request *r)
{
	return with_link(r, form_page);
}

int survey_form_post(struct web_request *r)
{
	return with_link(r, form_post);
}

/* Loads the link and the response its ?k= names into *row. When either is missing the "not found" page is written
 * and *done set: the caller returns the rc. */
static int load_response(struct sform *sf, struct web_request *r, json_t **row, bool *done)
{
	int rc = load_link(sf, r, done);
	if (*done)
		return rc;
	*done = true;
	const char *key = web_query(r, "k");
	struct err e = {0};
	if (!app_survey_key_ok(key) ||
	    survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(sf->inv, "id")), key, row,
	                                 &e))
		return sform_message_page(sf, "not_found", 404);
	own(sf, *row);
	*done = false;
	return 0;
}

/* The thank-you page with the links to the copy. */
static int done_page(struct sform *sf, json_t *row)
{
	(void)row;
	const char *key = web_query(sf->r, "k");
	sform_head(sf, U(sf, "thanks_title"));
	html_printf(sf->b, "<div class=\"sv-card done\"><h1>%s</h1><p>%s</p>", U(sf, "thanks_title"), U(sf, "thanks"));
	if (sf->beside)
		html_printf(sf->b, "<p class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</p>", sf->beside,
		            survey_ui(sf->beside, "thanks"));
	html_printf(sf->b, "<p><a class=\"button\" href=\"/s/%s/copy?k=%s&amp;lang=%s\" download>%s</a> "
	                   "<a href=\"/s/%s/copy?k=%s&amp;format=json\" download>%s</a></p></div>",
	            sf->token, key, sf->lang, U(sf, "copy_html"), sf->token, key, U(sf, "copy_json"));
	return sform_finish(sf, 200);
}

/* The copy of the submitted answers: JSON (?format=json) or an HTML page in the language they were given in. */
static int copy_page(struct sform *sf, json_t *row)
{
	struct web_request *r = sf->r;
	json_error_t je;
	const char *a = json_string_value(json_object_get(row, "answers"));
	json_t *answers = own(sf, json_loads(a ? a : "{}", 0, &je));
	if (!answers)
		answers = own(sf, json_object());
	const char *fmt = web_query(r, "format");
	char cd[120];
	if (fmt && strcmp(fmt, "json") == 0) {
		snprintf(cd, sizeof cd, "attachment; filename=\"%s-answers.json\"", sf->def->slug);
		web_add_header(r, "Content-Disposition", cd);
		return web_json(r, 200, json_pack("{s:s,s:I,s:O,s:O,s:O}", "survey", sf->def->slug, "version",
		                                  (json_int_t)sf->def->version, "lang", json_object_get(row, "lang"),
		                                  "submitted_at", json_object_get(row, "submitted_at"), "answers", answers));
	}
	const char *lang = json_string_value(json_object_get(row, "lang"));
	if (!web_query(r, "lang") && lang && survey_has_lang(sf->def, lang)) {
		sf->lang = lang;
		const char *bes = survey_ui_beside(sf->lang);
		sf->beside = survey_has_lang(sf->def, bes) ? bes : NULL;
	}
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-answers.html\"", sf->def->slug);
	web_add_header(r, "Content-Disposition", cd);
	sform_head(sf, U(sf, "your_answers"));
	html_printf(sf->b, "<div class=\"sv-card\"><h1>%s</h1><p class=\"sv-title\">%s</p><p>", U(sf, "your_answers"),
	            TX(sf, &sf->def->title, sf->lang));
	html_txt(sf->b, json_string_value(json_object_get(row, "submitted_at")));
	html_raw_trusted(sf->b, "</p>");
	sform_answers_list(sf, answers, false);
	html_raw_trusted(sf->b, "</div>");
	return sform_finish(sf, 200);
}

/* A page about a submitted response: the link and the response (?k=) loaded, else "not found". */
static int with_response(struct web_request *r, int (*page)(struct sform *sf, json_t *row))
{
	struct sform sf = {0};
	json_t *row;
	bool done;
	int rc = load_response(&sf, r, &row, &done);
	return done ? rc : page(&sf, row);
}

int survey_form_done(struct web_request *r)
{
	return with_response(r, done_page);
}

int survey_form_copy(struct web_request *r)
{
	return with_response(r, copy_page);
}
