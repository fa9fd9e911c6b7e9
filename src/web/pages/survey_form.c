/* survey_form: the public survey form GET/POST /s/{token}: no login, the link's token is the key. Mobile-first, one
 * question group per screen with a progress indicator; each question in the respondent's language with the Finnish
 * (or, for a Finnish respondent, English) text beside it; consent before any question; answers saved on the server
 * on every step (a draft found again by a resume cookie or code), ESCO pick-lists through a server-side suggestion
 * step (no script needed), messages next to the fields with everything typed kept, a submission key so a form sent
 * twice is stored once, and a copy of the answers to download. Right-to-left for Arabic, Thai line breaking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

#include "core/arena.h"
#include "store/survey_store.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/survey_internal.h"

enum { RESUME_LEN = 16, MAX_ROWS = 20, SUGGEST = 6 };

struct sform {
	struct web_request *r;
	struct buf *b;
	const char *token;
	json_t *inv;
	const struct survey_def *def;
	const char *lang, *beside;
	json_t *draft;      /* NULL before consent */
	const char *resume; /* the draft's resume code */
	json_t *raw;        /* answers as typed */
	json_t *typed;
	long step;          /* 1..n_groups: a group; n_groups + 1: the check page */
	json_t *errors;     /* path -> message */
	const char *suggest_base;
	json_t *suggest_hits; /* [{uri, labels{}}] */
	const char *suggest_text;
	const char *notice;
	struct form form;
};

static void decref(void *p)
{
	json_decref(p);
}

static json_t *own(struct sform *sf, json_t *j)
{
	if (j)
		arena_defer(sf->r->arena, decref, j);
	return j;
}

static const char *U(struct sform *sf, const char *key)
{
	return survey_ui(sf->lang, key);
}

static const char *TX(struct sform *sf, const struct survey_text *t, const char *lang)
{
	return survey_web_text(sf->def, t, lang);
}

/* ---------------------------------------------------------------- page frame */

static void head(struct sform *sf, const char *title)
{
	html_printf(sf->b,
	            "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<meta name=\"robots\" content=\"noindex\"><title>%s</title>"
	            "<link rel=\"stylesheet\" href=\"/static/survey.css\"><script src=\"/static/survey.js\" defer></script>"
	            "</head>\n<body class=\"survey\"><main id=\"main\" class=\"sv\">",
	            sf->lang, survey_ui_rtl(sf->lang) ? "rtl" : "ltr", title);
}

static int finish(struct sform *sf, int status)
{
	html_raw_trusted(sf->b, "</main></body></html>\n");
	struct web_request *r = sf->r;
	r->content_type = "text/html; charset=utf-8";
	r->status = status;
	if (r->out.failed)
		return web_error(r, ERR_UNAVAILABLE, "", "the page is too large");
	return 0;
}

/* A text of the survey in the respondent's language with the same text in the language beside it. */
static void dual(struct sform *sf, const char *tag, const char *cls, const struct survey_text *t)
{
	const char *mine = TX(sf, t, sf->lang);
	const char *other = sf->beside ? TX(sf, t, sf->beside) : "";
	html_printf(sf->b, "<%s class=\"%s\"><span class=\"mine\">%s</span>", tag, cls, mine);
	if (*other && strcmp(other, mine) != 0)
		html_printf(sf->b, " <span class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</span>", sf->beside, other);
	html_printf(sf->b, "</%s>", tag);
}

static void redirect(struct sform *sf, const char *url)
{
	struct web_request *r = sf->r;
	r->out.len = 0;
	r->status = 303;
	r->content_type = "text/html; charset=utf-8";
	web_add_header(r, "Location", url);
	html_printf(&r->out, "<!doctype html><title>%s</title><a href=\"%s\">%s</a>\n", url, url, url);
}

/* Every language of the survey (or of the UI when the survey is unknown) says the same thing: expired, used... */
static int message_page(struct sform *sf, const char *key, int status)
{
	static const char *const all[] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so"};
	size_t n = sf->def ? sf->def->n_langs : 8;
	head(sf, survey_ui(sf->lang, "expired_title"));
	html_raw_trusted(sf->b, "<div class=\"sv-card sv-message\">");
	for (size_t i = 0; i < n; i++) {
		const char *l = sf->def ? sf->def->langs[i] : all[i];
		html_printf(sf->b, "<section lang=\"%s\" dir=\"%s\"><h2>%s</h2><p>%s</p></section>", l,
		            survey_ui_rtl(l) ? "rtl" : "ltr", survey_ui(l, "expired_title"), survey_ui(l, key));
	}
	html_raw_trusted(sf->b, "</div>");
	return finish(sf, status);
}

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

static const char *pretty_code(struct sform *sf, const char *c)
{
	return arena_printf(sf->r->arena, "%.4s-%.4s-%.4s-%.4s", c, c + 4, c + 8, c + 12);
}

static const char *start_csrf(struct sform *sf)
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
	if (survey_web_invitation(r, sf->token, &sf->inv)) {
		err_clear(&r->err);
		return ERR_NOT_FOUND;
	}
	own(sf, sf->inv);
	if (survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(sf->inv, "survey_id")), &sf->def))
		return r->err.code;
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

/* ---------------------------------------------------------------- values for people */

static const char *code_name(struct sform *sf, const char *code, bool country)
{
	char out[200];
	survey_ui_code_name(code, country, sf->lang, out, sizeof out);
	return arena_strdup(sf->r->arena, out);
}

static json_t *esco_labels(struct sform *sf, const char *uri)
{
	const char *langs[] = {sf->lang, "fi", "sv", "en"};
	json_t *o = NULL;
	struct err e = {0};
	if (survey_store_esco_labels(sf->r->store, uri, langs, 4, &o, &e))
		return own(sf, json_object());
	return own(sf, o);
}

/* An ESCO pick in the respondent's language with ESCO's Finnish, Swedish and English labels beside it. */
static void esco_label(struct sform *sf, const char *value)
{
	if (strncmp(value, "http", 4) != 0) {
		html_txt(sf->b, value);
		return;
	}
	json_t *l = esco_labels(sf, value);
	const char *mine = json_string_value(json_object_get(l, sf->lang));
	const char *first = mine ? mine : json_string_value(json_object_get(l, "en"));
	html_printf(sf->b, "<span class=\"mine\">%s</span>", first ? first : value);
	static const char *const esco_langs[] = {"fi", "sv", "en"};
	bool any = false;
	for (size_t i = 0; i < 3; i++) {
		const char *t = json_string_value(json_object_get(l, esco_langs[i]));
		if (!t || (strcmp(esco_langs[i], sf->lang) == 0) || (!mine && strcmp(esco_langs[i], "en") == 0))
			continue;
		html_raw_trusted(sf->b, any ? " · " : " <span class=\"esco-alt\">");
		html_printf(sf->b, "<span lang=\"%s\" dir=\"ltr\">%s</span>", esco_langs[i], t);
		any = true;
	}
	if (any)
		html_raw_trusted(sf->b, "</span>");
}

static const char *option_text(struct sform *sf, const struct survey_question *q, const char *v)
{
	const struct survey_option *o = survey_find_option(q, v);
	return o ? TX(sf, &o->text, sf->lang) : v;
}

/* A typed answer as the respondent reads it. */
static void show_value(struct sform *sf, const struct survey_question *q, json_t *v)
{
	struct buf *b = sf->b;
	if (!v) {
		html_printf(b, "<span class=\"none\">%s</span>", U(sf, "no_answer"));
		return;
	}
	if (q->type == SURVEY_CEFR && json_is_object(v)) {
		const char *k;
		json_t *x;
		bool first = true;
		json_object_foreach(v, k, x) {
			html_printf(b, "%s%s: %s", first ? "" : ", ", code_name(sf, k, false),
			            json_is_string(x) && strcmp(json_string_value(x), "native") == 0 ? survey_message(sf->lang, "native")
			                                                                            : json_string_value(x));
			first = false;
		}
		return;
	}
	json_t *list = json_is_array(v) ? v : NULL;
	size_t n = list ? json_array_size(list) : 1;
	for (size_t i = 0; i < n; i++) {
		json_t *x = list ? json_array_get(list, i) : v;
		if (i)
			html_raw_trusted(b, list && (q->type == SURVEY_ESCO_SKILL || q->type == SURVEY_ESCO_OCCUPATION) ? "; " : ", ");
		if (json_is_number(x)) {
			html_printf(b, "%g", json_number_value(x));
			continue;
		}
		const char *s = json_string_value(x);
		if (!s)
			continue;
		switch (q->type) {
		case SURVEY_SINGLE:
		case SURVEY_MULTIPLE: html_txt(b, option_text(sf, q, s)); break;
		case SURVEY_YESNO: html_txt(b, survey_message(sf->lang, s)); break;
		case SURVEY_LANGUAGE: html_txt(b, code_name(sf, s, false)); break;
		case SURVEY_COUNTRY: html_txt(b, code_name(sf, s, true)); break;
		case SURVEY_ESCO_OCCUPATION:
		case SURVEY_ESCO_SKILL: esco_label(sf, s); break;
		default: html_txt(b, s);
		}
	}
}

/* ---------------------------------------------------------------- one question */

static const char *error_for(struct sform *sf, const char *path)
{
	size_t n = strlen(path);
	const char *k;
	json_t *v;
	json_object_foreach(sf->errors, k, v) if (strncmp(k, path, n) == 0 && (k[n] == 0 || k[n] == '[' || k[n] == '.'))
		return json_string_value(v);
	return NULL;
}

static const char *raw_str(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	return json_is_string(v) ? json_string_value(v) : "";
}

static bool raw_has(json_t *v, const char *val)
{
	if (json_is_string(v))
		return strcmp(json_string_value(v), val) == 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) if (json_is_string(x) && strcmp(json_string_value(x), val) == 0) return true;
	return false;
}

struct named {
	const char *code;
	const char *name;
};

static int named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* <option>s of ISO codes named in the respondent's language (a question's options restrict the list). */
static void code_options(struct sform *sf, const struct survey_question *q, bool country, json_t *cur)
{
	const char *const *codes = country ? uloc_getISOCountries() : survey_ui_langs;
	size_t n = 0;
	if (q->n_options)
		n = q->n_options;
	else
		while (codes[n])
			n++;
	struct named *v = arena_alloc(sf->r->arena, (n + 1) * sizeof *v);
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		v[i].code = q->n_options ? q->options[i].value : codes[i];
		v[i].name = q->n_options ? TX(sf, &q->options[i].text, sf->lang) : code_name(sf, v[i].code, country);
	}
	qsort(v, n, sizeof *v, named_cmp);
	for (size_t i = 0; i < n; i++)
		html_printf(sf->b, "<option value=\"%s\"%s>%s</option>", v[i].code, raw_has(cur, v[i].code) ? " selected" : "",
		            v[i].name);
}

static void cefr_select(struct sform *sf, const char *name, const char *id, const char *cur)
{
	static const char *const levels[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native", NULL};
	html_printf(sf->b, "<select name=\"%s\" id=\"%s\"><option value=\"\">%s</option>", name, id, U(sf, "choose"));
	for (size_t k = 0; levels[k]; k++)
		html_printf(sf->b, "<option value=\"%s\"%s>%s</option>", levels[k], strcmp(cur, levels[k]) == 0 ? " selected" : "",
		            k == 6 ? survey_message(sf->lang, "native") : levels[k]);
	html_raw_trusted(sf->b, "</select>");
}

/* The attributes that tie a question's input to its help text and its message: aria-describedby, and
 * aria-invalid / aria-required when they hold. Written through the HTML writer, never as a %s argument. */
static void field_attrs(struct sform *sf, const char *id, bool invalid, bool required)
{
	html_printf(sf->b, " aria-describedby=\"%s\"",
	            invalid ? arena_printf(sf->r->arena, "%s-help %s-err", id, id)
	                    : arena_printf(sf->r->arena, "%s-help", id));
	html_attr_if(sf->b, invalid, "aria-invalid", "true");
	html_attr_if(sf->b, required, "aria-required", "true");
}

static void esco_choice(struct sform *sf, const char *base, const char *id, bool multi, const char *value,
                        bool checked, int n)
{
	html_printf(sf->b, "<label class=\"choice esco\" for=\"%s-c%d\"><input type=\"%s\" name=\"%s\" id=\"%s-c%d\" "
	                   "value=\"%s\"%s> <span>",
	            id, n, multi ? "checkbox" : "radio", base, id, n, value, checked ? " checked" : "");
	esco_label(sf, value);
	html_raw_trusted(sf->b, "</span></label>");
}

static void esco_field(struct sform *sf, const struct survey_question *q, const char *base, const char *id, json_t *cur,
                       bool invalid)
{
	bool multi = q->multiple;
	int n = 0;
	/* what is chosen now */
	if (multi) {
		size_t i;
		json_t *x;
		json_array_foreach(cur, i, x) if (json_is_string(x)) esco_choice(sf, base, id, true, json_string_value(x), true, n++);
	} else if (*raw_str(cur)) {
		esco_choice(sf, base, id, false, raw_str(cur), true, n++);
	}
	/* suggestions for what was just typed */
	if (sf->suggest_base && strcmp(sf->suggest_base, base) == 0) {
		html_printf(sf->b, "<div class=\"suggest\" role=\"group\" aria-label=\"%s\"><p class=\"hint\">%s</p>",
		            U(sf, "suggestions"), json_array_size(sf->suggest_hits) ? U(sf, "suggestions") : U(sf, "no_suggestions"));
		size_t i;
		json_t *h;
		json_array_foreach(sf->suggest_hits, i, h) {
			const char *uri = json_string_value(h);
			if (!raw_has(cur, uri))
				esco_choice(sf, base, id, multi, uri, false, n++);
		}
		html_printf(sf->b, "<label class=\"choice\" for=\"%s-c%d\"><input type=\"%s\" name=\"%s\" id=\"%s-c%d\" "
		                   "value=\"%s\"> <span>%s: <q>%s</q></span></label>",
		            id, n, multi ? "checkbox" : "radio", base, id, n, sf->suggest_text, U(sf, "as_written"),
		            sf->suggest_text);
		n++;
		html_raw_trusted(sf->b, "</div>");
	}
	if (!multi && n)
		html_printf(sf->b, "<label class=\"choice\" for=\"%s-c%d\"><input type=\"radio\" name=\"%s\" id=\"%s-c%d\" "
		                   "value=\"\"> <span>%s</span></label>",
		            id, n, base, id, n, U(sf, "none"));
	html_printf(sf->b, "<div class=\"search-row\"><input type=\"text\" name=\"%s.t\" id=\"%s\" autocomplete=\"off\" "
	                   "maxlength=\"200\"", base, id);
	field_attrs(sf, id, invalid, q->required);
	html_printf(sf->b, "> <button type=\"submit\" name=\"action\" value=\"suggest:%s\" "
	                   "class=\"secondary\">%s</button></div><p class=\"hint\">%s</p>",
	            base, U(sf, "search"), U(sf, "search_hint"));
}

static void question(struct sform *sf, const struct survey_question *q, const char *base, json_t *cur, json_t *entry)
{
	struct buf *b = sf->b;
	char id[160];
	snprintf(id, sizeof id, "%s", base);
	for (char *p = id; *p; p++)
		if (*p == '.')
			*p = '-';
	const char *msg = error_for(sf, base + 2); /* paths have no "q." */
	bool shown = survey_question_visible(q, sf->typed, entry);
	html_printf(b, "<div class=\"q%s\" id=\"%s-box\"", msg ? " has-error" : "", id);
	if (q->when)
		html_printf(b, " data-when=\"%s\" data-equals=\"%s\"%s", q->when->question, q->when->equals,
		            shown ? "" : " data-hidden");
	html_raw_trusted(b, ">");
	const bool group_of_choices = q->type == SURVEY_SINGLE || q->type == SURVEY_MULTIPLE || q->type == SURVEY_YESNO ||
	                              q->type == SURVEY_CEFR || q->type == SURVEY_ESCO_OCCUPATION ||
	                              q->type == SURVEY_ESCO_SKILL;
	const char *mine = TX(sf, &q->text, sf->lang), *other = sf->beside ? TX(sf, &q->text, sf->beside) : "";
	if (group_of_choices) {
		html_raw_trusted(b, "<fieldset");
		field_attrs(sf, id, msg != NULL, false); /* aria-required does not belong on a group */
		html_raw_trusted(b, "><legend>");
	} else {
		html_printf(b, "<label for=\"%s\">", id);
	}
	html_printf(b, "<span class=\"mine\">%s</span>", mine);
	if (q->required)
		html_printf(b, " <span class=\"req\" title=\"%s\" aria-hidden=\"true\">*</span>", U(sf, "required"));
	if (*other && strcmp(other, mine) != 0)
		html_printf(b, "<span class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</span>", sf->beside, other);
	html_raw_trusted(b, group_of_choices ? "</legend>" : "</label>");
	const char *help = TX(sf, &q->help, sf->lang);
	html_printf(b, "<p class=\"help\" id=\"%s-help\">%s</p>", id, help);
	if (msg)
		html_printf(b, "<p class=\"err\" id=\"%s-err\" role=\"alert\">%s</p>", id, msg);
	switch (q->type) {
	case SURVEY_SINGLE:
	case SURVEY_MULTIPLE:
		for (size_t k = 0; k < q->n_options; k++) {
			const struct survey_option *o = &q->options[k];
			html_printf(b, "<label class=\"choice\" for=\"%s-%zu\"><input type=\"%s\" name=\"%s\" id=\"%s-%zu\" "
			               "value=\"%s\"%s> <span class=\"mine\">%s</span>",
			            id, k, q->type == SURVEY_SINGLE ? "radio" : "checkbox", base, id, k, o->value,
			            raw_has(cur, o->value) ? " checked" : "", TX(sf, &o->text, sf->lang));
			const char *ot = sf->beside ? TX(sf, &o->text, sf->beside) : "";
			if (*ot && strcmp(ot, TX(sf, &o->text, sf->lang)) != 0)
				html_printf(b, " <span class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</span>", sf->beside, ot);
			html_raw_trusted(b, "</label>");
		}
		break;
	case SURVEY_YESNO:
		for (int k = 0; k < 2; k++) {
			const char *v = k ? "no" : "yes";
			html_printf(b, "<label class=\"choice\" for=\"%s-%s\"><input type=\"radio\" name=\"%s\" id=\"%s-%s\" "
			               "value=\"%s\"%s> <span class=\"mine\">%s</span>",
			            id, v, base, id, v, v, raw_has(cur, v) ? " checked" : "", survey_message(sf->lang, v));
			if (sf->beside)
				html_printf(b, " <span class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</span>", sf->beside,
				            survey_message(sf->beside, v));
			html_raw_trusted(b, "</label>");
		}
		break;
	case SURVEY_LANGUAGE:
	case SURVEY_COUNTRY:
		html_printf(b, "<select name=\"%s\" id=\"%s\"%s", base, id, q->multiple ? " multiple" : "");
		field_attrs(sf, id, msg != NULL, q->required);
		html_printf(b, "><option value=\"\">%s</option>", U(sf, "choose"));
		code_options(sf, q, q->type == SURVEY_COUNTRY, cur);
		html_raw_trusted(b, "</select>");
		break;
	case SURVEY_CEFR: {
		size_t rows = json_array_size(cur) + 1;
		if (rows < 2)
			rows = 2;
		if (rows > MAX_ROWS)
			rows = MAX_ROWS;
		html_printf(b, "<input type=\"hidden\" name=\"%s.rows\" value=\"%zu\">", base, rows);
		for (size_t k = 0; k < rows; k++) {
			json_t *row = json_array_get(cur, k);
			char ln[200], vn[200], li[200], vi[200];
			snprintf(ln, sizeof ln, "%s.l.%zu", base, k);
			snprintf(vn, sizeof vn, "%s.v.%zu", base, k);
			snprintf(li, sizeof li, "%s-l-%zu", id, k);
			snprintf(vi, sizeof vi, "%s-v-%zu", id, k);
			json_t *l = json_object_get(row, "l");
			html_printf(b, "<div class=\"cefr-row\"><label for=\"%s\" class=\"small\">%s</label>"
			               "<select name=\"%s\" id=\"%s\"><option value=\"\">%s</option>",
			            k == 0 ? id : li, U(sf, "language"), ln, k == 0 ? id : li, U(sf, "choose"));
			code_options(sf, q, false, l);
			html_printf(b, "</select><label for=\"%s\" class=\"small\">%s</label>", vi, U(sf, "level"));
			cefr_select(sf, vn, vi, raw_str(json_object_get(row, "v")));
			html_raw_trusted(b, "</div>");
		}
		break;
	}
	case SURVEY_ESCO_OCCUPATION:
	case SURVEY_ESCO_SKILL:
		esco_field(sf, q, base, id, cur, msg != NULL);
		break;
	case SURVEY_LONGTEXT:
		html_printf(b, "<textarea name=\"%s\" id=\"%s\" rows=\"4\" maxlength=\"%zu\"", base, id,
		            q->max_length ? q->max_length * 2 : 8000);
		field_attrs(sf, id, msg != NULL, q->required);
		html_printf(b, ">%s</textarea>", raw_str(cur));
		break;
	default: {
		const char *type = q->type == SURVEY_EMAIL ? "email"
		                   : q->type == SURVEY_PHONE ? "tel"
		                   : q->type == SURVEY_DATE  ? "date"
		                                             : "text";
		html_printf(b, "<input type=\"%s\" name=\"%s\" id=\"%s\" value=\"%s\"", type, base, id, raw_str(cur));
		if (q->type == SURVEY_NUMBER)
			html_raw_trusted(b, " inputmode=\"decimal\"");
		if (q->type == SURVEY_PHONE || q->type == SURVEY_EMAIL)
			html_raw_trusted(b, " dir=\"ltr\"");
		if (q->type == SURVEY_EMAIL)
			html_raw_trusted(b, " autocomplete=\"email\"");
		field_attrs(sf, id, msg != NULL, q->required);
		html_raw_trusted(b, ">");
	}
	}
	html_raw_trusted(b, group_of_choices ? "</fieldset></div>" : "</div>");
}

/* ---------------------------------------------------------------- steps */

static long next_step(struct sform *sf, long from)
{
	for (long s = from + 1; s <= (long)sf->def->n_groups; s++)
		if (survey_group_visible(&sf->def->groups[s - 1], sf->typed))
			return s;
	return (long)sf->def->n_groups + 1;
}

static long prev_step(struct sform *sf, long from)
{
	for (long s = from - 1; s >= 1; s--)
		if (survey_group_visible(&sf->def->groups[s - 1], sf->typed))
			return s;
	return 1;
}

static void progress(struct sform *sf)
{
	long total = 1, at = 0;
	for (size_t g = 0; g < sf->def->n_groups; g++)
		if (survey_group_visible(&sf->def->groups[g], sf->typed)) {
			total++;
			if ((long)g + 1 <= sf->step)
				at++;
		}
	if (sf->step > (long)sf->def->n_groups)
		at = total;
	html_printf(sf->b, "<div class=\"progress\"><p id=\"progress-label\">%s %ld %s %ld</p>"
	                   "<progress max=\"%ld\" value=\"%ld\" aria-labelledby=\"progress-label\">%ld / %ld</progress></div>",
	            U(sf, "step"), at, U(sf, "of"), total, total, at, at, total);
}

static void lang_buttons(struct sform *sf)
{
	html_printf(sf->b, "<details class=\"langs\"><summary>%s: %s</summary><div class=\"lang-list\">", U(sf, "language"),
	            survey_ui_lang_name(sf->lang));
	for (size_t i = 0; i < sf->def->n_langs; i++) {
		const char *l = sf->def->langs[i];
		html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"lang:%s\" lang=\"%s\" class=\"link\"", l, l);
		html_attr_if(sf->b, strcmp(l, sf->lang) == 0, "aria-current", "true");
		html_printf(sf->b, ">%s</button>", survey_ui_lang_name(l));
	}
	html_raw_trusted(sf->b, "</div></details>");
}

static void form_open(struct sform *sf)
{
	html_printf(sf->b, "<form method=\"post\" action=\"/s/%s\" class=\"sv-form\" novalidate>"
	                   "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"resume\" "
	                   "value=\"%s\"><input type=\"hidden\" name=\"lang\" value=\"%s\"><input type=\"hidden\" "
	                   "name=\"step\" value=\"%ld\">"
	                   /* Enter in a field means "next", not the first other button */
	                   "<button type=\"submit\" name=\"action\" value=\"next\" class=\"vh\" tabindex=\"-1\" "
	                   "aria-hidden=\"true\">%s</button>",
	            sf->token, json_string_value(json_object_get(sf->draft, "csrf_token")), sf->resume, sf->lang, sf->step,
	            U(sf, "next"));
}

static int render_group(struct sform *sf, int status)
{
	const struct survey_group *g = &sf->def->groups[sf->step - 1];
	head(sf, TX(sf, &sf->def->title, sf->lang));
	html_printf(sf->b, "<header class=\"sv-head\"><p class=\"sv-title\">%s</p></header>", TX(sf, &sf->def->title, sf->lang));
	form_open(sf);
	lang_buttons(sf);
	progress(sf);
	html_raw_trusted(sf->b, "<div class=\"sv-card\">");
	dual(sf, "h1", "group-title", &g->title);
	if (*TX(sf, &g->help, sf->lang))
		dual(sf, "p", "group-help", &g->help);
	if (json_object_size(sf->errors))
		html_printf(sf->b, "<p class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</p>", U(sf, "has_errors"));
	if (sf->notice)
		html_printf(sf->b, "<p class=\"notice\" role=\"status\">%s</p>", sf->notice);
	if (g->repeatable) {
		json_t *entries = json_object_get(sf->raw, g->id);
		size_t n = json_array_size(entries);
		if (n == 0)
			n = 1;
		html_printf(sf->b, "<input type=\"hidden\" name=\"%s.n\" value=\"%zu\">", g->id, n);
		for (size_t i = 0; i < n; i++) {
			json_t *entry = json_array_get(entries, i);
			json_t *tentry = json_array_get(json_object_get(sf->typed, g->id), i);
			html_printf(sf->b, "<section class=\"entry\" aria-label=\"%s %zu\"><h2 class=\"entry-title\">%s %zu</h2>",
			            U(sf, "entry"), i + 1, U(sf, "entry"), i + 1);
			for (size_t k = 0; k < g->n_questions; k++) {
				char base[160];
				snprintf(base, sizeof base, "q.%s.%zu.%s", g->id, i, g->questions[k].id);
				char path[160];
				snprintf(path, sizeof path, "q.%s[%zu].%s", g->id, i, g->questions[k].id);
				/* the error path is "group[i].question"; the field name keeps dots */
				const struct survey_question *q = &g->questions[k];
				const char *msg = error_for(sf, path + 2);
				if (msg)
					json_object_set_new(sf->errors, base + 2, json_string(msg));
				question(sf, q, base, json_object_get(entry, q->id), tentry);
			}
			if (n > 1)
				html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"remove:%s:%zu\" class=\"secondary "
				                   "small\">%s</button>",
				            g->id, i, U(sf, "remove_entry"));
			html_raw_trusted(sf->b, "</section>");
		}
		if (n < g->max_repeats)
			html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"add:%s\" class=\"secondary\">%s</button>",
			            g->id, U(sf, "add_entry"));
	} else {
		for (size_t k = 0; k < g->n_questions; k++) {
			char base[160];
			snprintf(base, sizeof base, "q.%s", g->questions[k].id);
			question(sf, &g->questions[k], base, json_object_get(sf->raw, g->questions[k].id), NULL);
		}
	}
	html_raw_trusted(sf->b, "</div><div class=\"nav\">");
	html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"next\" class=\"primary\">%s</button>",
	            next_step(sf, sf->step) > (long)sf->def->n_groups ? U(sf, "check") : U(sf, "next"));
	if (prev_step(sf, sf->step) < sf->step)
		html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">%s</button>",
		            U(sf, "back"));
	html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"link\">%s</button></div></form>",
	            U(sf, "save"));
	return finish(sf, status);
}

/* The answers of the shown groups, for the check page and the copy. */
static void answers_list(struct sform *sf, json_t *typed, bool edit)
{
	for (size_t gi = 0; gi < sf->def->n_groups; gi++) {
		const struct survey_group *g = &sf->def->groups[gi];
		if (!survey_group_visible(g, typed))
			continue;
		html_raw_trusted(sf->b, "<section class=\"summary\">");
		dual(sf, "h2", "group-title", &g->title);
		size_t n = g->repeatable ? json_array_size(json_object_get(typed, g->id)) : 1;
		for (size_t i = 0; i < n; i++) {
			json_t *entry = g->repeatable ? json_array_get(json_object_get(typed, g->id), i) : typed;
			html_raw_trusted(sf->b, "<dl>");
			for (size_t k = 0; k < g->n_questions; k++) {
				const struct survey_question *q = &g->questions[k];
				if (!survey_question_visible(q, typed, g->repeatable ? entry : NULL))
					continue;
				html_raw_trusted(sf->b, "<div class=\"pair\">");
				dual(sf, "dt", "", &q->text);
				html_raw_trusted(sf->b, "<dd>");
				show_value(sf, q, json_object_get(entry, q->id));
				html_raw_trusted(sf->b, "</dd></div>");
			}
			html_raw_trusted(sf->b, "</dl>");
		}
		if (edit)
			html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"goto:%zu\" class=\"link\">%s</button>",
			            gi + 1, U(sf, "edit"));
		html_raw_trusted(sf->b, "</section>");
	}
}

static int render_check(struct sform *sf)
{
	head(sf, TX(sf, &sf->def->title, sf->lang));
	html_printf(sf->b, "<header class=\"sv-head\"><p class=\"sv-title\">%s</p></header>", TX(sf, &sf->def->title, sf->lang));
	form_open(sf);
	lang_buttons(sf);
	progress(sf);
	html_printf(sf->b, "<div class=\"sv-card\"><h1>%s</h1>", U(sf, "check"));
	answers_list(sf, sf->typed, true);
	html_printf(sf->b, "</div><input type=\"hidden\" name=\"submission_key\" value=\"%s\"><div class=\"nav\">"
	                   "<button type=\"submit\" name=\"action\" value=\"submit\" class=\"primary\">%s</button>"
	                   "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">%s</button>"
	                   "<button type=\"submit\" name=\"action\" value=\"save\" class=\"link\">%s</button></div></form>",
	            json_string_value(json_object_get(sf->draft, "submission_key")), U(sf, "submit"), U(sf, "back"),
	            U(sf, "save"));
	return finish(sf, 200);
}

static int render_start(struct sform *sf, const char *error, int status)
{
	const struct survey_def *d = sf->def;
	head(sf, TX(sf, &d->title, sf->lang));
	html_printf(sf->b, "<nav class=\"langs-start\" aria-label=\"%s\"><p>%s</p><ul>", U(sf, "choose_language"),
	            U(sf, "choose_language"));
	for (size_t i = 0; i < d->n_langs; i++) {
		html_printf(sf->b, "<li><a href=\"/s/%s?lang=%s\" lang=\"%s\" hreflang=\"%s\"", sf->token, d->langs[i],
		            d->langs[i], d->langs[i]);
		html_attr_if(sf->b, strcmp(d->langs[i], sf->lang) == 0, "aria-current", "true");
		html_printf(sf->b, ">%s</a></li>", survey_ui_lang_name(d->langs[i]));
	}
	html_raw_trusted(sf->b, "</ul></nav><div class=\"sv-card\">");
	dual(sf, "h1", "sv-h1", &d->title);
	dual(sf, "p", "intro", &d->intro);
	html_printf(sf->b, "<form method=\"post\" action=\"/s/%s\" class=\"sv-form\" novalidate>"
	                   "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\"hidden\" name=\"lang\" "
	                   "value=\"%s\"><section class=\"consent\" aria-labelledby=\"consent-h\"><h2 id=\"consent-h\">%s</h2>",
	            sf->token, start_csrf(sf), sf->lang, U(sf, "consent_title"));
	dual(sf, "p", "consent-text", &d->consent);
	if (error)
		html_printf(sf->b, "<p class=\"err\" id=\"consent-err\" role=\"alert\">%s</p>", error);
	html_printf(sf->b, "<label class=\"choice consent-box%s\" for=\"consent\"><input type=\"checkbox\" name=\"consent\" "
	                   "id=\"consent\" value=\"yes\"", error ? " has-error" : "");
	html_attr_if(sf->b, error != NULL, "aria-invalid", "true");
	html_attr_if(sf->b, error != NULL, "aria-describedby", "consent-err");
	html_printf(sf->b, "> <span>%s</span></label></section>"
	                   "<div class=\"nav\"><button type=\"submit\" name=\"action\" value=\"start\" class=\"primary\">%s"
	                   "</button></div></form>",
	            U(sf, "consent_agree"), U(sf, "start"));
	html_printf(sf->b, "</div><details class=\"sv-card resume\"><summary>%s</summary><form method=\"post\" "
	                   "action=\"/s/%s\" class=\"sv-form\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
	                   "<input type=\"hidden\" name=\"lang\" value=\"%s\"><label for=\"resume-code\">%s</label>"
	                   "<input type=\"text\" name=\"resume\" id=\"resume-code\" autocomplete=\"off\" dir=\"ltr\" "
	                   "maxlength=\"24\" autocapitalize=\"characters\"> <button type=\"submit\" name=\"action\" "
	                   "value=\"resume\" class=\"secondary\">%s</button></form></details>",
	            U(sf, "resume_have"), sf->token, start_csrf(sf), sf->lang, U(sf, "resume_code"), U(sf, "continue"));
	return finish(sf, status);
}

static int render_saved(struct sform *sf)
{
	head(sf, TX(sf, &sf->def->title, sf->lang));
	html_printf(sf->b, "<div class=\"sv-card\"><h1>%s</h1><p>%s</p><p class=\"code\" dir=\"ltr\">%s</p>"
	                   "<p><a class=\"button\" href=\"/s/%s?lang=%s\">%s</a></p></div>",
	            U(sf, "save"), U(sf, "saved"), pretty_code(sf, sf->resume), sf->token, sf->lang, U(sf, "continue"));
	return finish(sf, 200);
}

static int render_current(struct sform *sf, int status)
{
	if (sf->step > (long)sf->def->n_groups)
		return render_check(sf);
	if (!survey_group_visible(&sf->def->groups[sf->step - 1], sf->typed))
		sf->step = next_step(sf, sf->step);
	if (sf->step > (long)sf->def->n_groups)
		return render_check(sf);
	return render_group(sf, status);
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
	return message_page(sf, "not_found", 404);
}

int survey_form_get(struct web_request *r)
{
	struct sform sf = {0};
	int rc = load(&sf, r);
	if (rc == ERR_NOT_FOUND)
		return not_found(&sf);
	if (rc)
		return rc;
	if (sf.draft)
		return render_current(&sf, 200);
	const char *state = survey_web_inv_state(sf.inv);
	if (strcmp(state, "open") != 0)
		return message_page(&sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
	return render_start(&sf, NULL, 200);
}

static int start(struct sform *sf)
{
	struct web_request *r = sf->r;
	const char *state = survey_web_inv_state(sf->inv);
	if (strcmp(state, "open") != 0)
		return message_page(sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
	const char *c = form_get(&sf->form, "consent");
	if (!c || strcmp(c, "yes") != 0)
		return render_start(sf, U(sf, "consent_needed"), 400);
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
	if (rc) {
		r->err = e;
		return rc;
	}
	set_cookie(sf, code, false);
	redirect(sf, arena_printf(r->arena, "/s/%s?lang=%s", sf->token, sf->lang));
	return 0;
}

static int resume(struct sform *sf)
{
	if (!sf->draft)
		return render_start(sf, U(sf, "resume_wrong"), 400);
	set_cookie(sf, sf->resume, false);
	redirect(sf, arena_printf(sf->r->arena, "/s/%s?lang=%s", sf->token, sf->lang));
	return 0;
}

static int submit(struct sform *sf)
{
	struct web_request *r = sf->r;
	const char *key = json_string_value(json_object_get(sf->draft, "submission_key"));
	struct survey_answer_errors errs = {0};
	int64_t id;
	bool inserted;
	int rc = survey_web_submit(r, sf->inv, sf->def, key, sf->lang, sf->typed, &id, &inserted, &errs);
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
		return render_current(sf, 400);
	}
	survey_answer_errors_free(&errs);
	if (rc == ERR_CONFLICT && strcmp(r->err.field, "token") == 0) {
		/* another respondent used the link up meanwhile: this draft stays, nothing was stored */
		err_clear(&r->err);
		return message_page(sf, "used", 410);
	}
	if (rc)
		return rc;
	struct err e = {0};
	if ((rc = survey_store_draft_delete(r->store, (int64_t)json_integer_value(json_object_get(sf->draft, "id")), &e))) {
		r->err = e;
		return rc;
	}
	set_cookie(sf, "", true);
	redirect(sf, arena_printf(r->arena, "/s/%s/done?k=%s&lang=%s", sf->token, key, sf->lang));
	return 0;
}

int survey_form_post(struct web_request *r)
{
	struct sform sf = {0};
	int rc = load(&sf, r);
	if (rc == ERR_NOT_FOUND)
		return not_found(&sf);
	if (rc)
		return rc;
	const char *action = form_get(&sf.form, "action");
	const char *csrf = form_get(&sf.form, "csrf");
	if (!action)
		action = "next";
	/* a submission sent again after it was stored: the same thank-you page, nothing stored twice */
	const char *skey = form_get(&sf.form, "submission_key");
	if (strcmp(action, "submit") == 0 && survey_web_key_ok(skey)) {
		json_t *prev;
		struct err e = {0};
		if (survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(sf.inv, "id")), skey,
		                                 &prev, &e) == 0) {
			json_decref(prev);
			redirect(&sf, arena_printf(r->arena, "/s/%s/done?k=%s&lang=%s", sf.token, skey, sf.lang));
			return 0;
		}
	}
	if (strcmp(action, "start") == 0 || strcmp(action, "resume") == 0) {
		if (!csrf || !auth_token_equal(csrf, start_csrf(&sf)))
			return message_page(&sf, "form_expired", 403);
		return strcmp(action, "start") == 0 ? start(&sf) : resume(&sf);
	}
	if (!sf.draft || !csrf || !auth_token_equal(csrf, json_string_value(json_object_get(sf.draft, "csrf_token")))) {
		const char *state = survey_web_inv_state(sf.inv);
		if (strcmp(state, "open") != 0)
			return message_page(&sf, strcmp(state, "used") == 0 ? "used" : "expired", 410);
		return render_start(&sf, U(&sf, "form_expired"), 403);
	}
	/* whatever the button, what was typed on this screen is saved first */
	const char *ps = form_get(&sf.form, "step");
	long posted = ps ? strtol(ps, NULL, 10) : sf.step;
	if (posted >= 1 && posted <= (long)sf.def->n_groups) {
		sf.step = posted;
		const struct survey_group *g = &sf.def->groups[posted - 1];
		read_group(&sf, g, action);
		if (g->repeatable && strncmp(action, "add:", 4) != 0)
			compact(&sf, g);
		if (g->repeatable && strncmp(action, "remove:", 7) == 0) {
			const char *colon = strrchr(action, ':');
			long i = colon ? strtol(colon + 1, NULL, 10) : -1;
			if (i >= 0)
				json_array_remove(json_object_get(sf.raw, g->id), (size_t)i);
		}
		if (g->repeatable && strncmp(action, "add:", 4) == 0) {
			json_t *arr = json_object_get(sf.raw, g->id);
			compact(&sf, g);
			if (json_array_size(arr) < g->max_repeats) {
				if (!json_array_size(arr))
					json_array_append_new(arr, json_object());
				json_array_append_new(arr, json_object());
			}
		}
		sf.typed = survey_web_typed(sf.def, sf.raw); /* the old one is released with the arena */
		own(&sf, sf.typed);
	} else if (posted == (long)sf.def->n_groups + 1) {
		sf.step = posted;
	}
	if (strncmp(action, "lang:", 5) == 0 && survey_has_lang(sf.def, action + 5)) {
		sf.lang = action + 5;
		const char *bes = survey_ui_beside(sf.lang);
		sf.beside = survey_has_lang(sf.def, bes) ? bes : NULL;
	}
	if (strcmp(action, "next") == 0 && sf.step <= (long)sf.def->n_groups &&
	    !group_errors(&sf, &sf.def->groups[sf.step - 1]))
		sf.step = next_step(&sf, sf.step);
	else if (strcmp(action, "back") == 0)
		sf.step = prev_step(&sf, sf.step);
	else if (strncmp(action, "goto:", 5) == 0) {
		long g = strtol(action + 5, NULL, 10);
		if (g >= 1 && g <= (long)sf.def->n_groups)
			sf.step = g;
	}
	if ((rc = save_draft(&sf)))
		return rc;
	if (strcmp(action, "submit") == 0)
		return submit(&sf);
	if (strcmp(action, "save") == 0)
		return render_saved(&sf);
	if (strncmp(action, "suggest:", 8) == 0) {
		suggest(&sf, arena_strdup(r->arena, action + 8));
		return render_current(&sf, 200);
	}
	if (json_object_size(sf.errors))
		return render_current(&sf, 400);
	if (strncmp(action, "add:", 4) == 0 || strncmp(action, "remove:", 7) == 0)
		return render_current(&sf, 200);
	redirect(&sf, arena_printf(r->arena, "/s/%s?lang=%s", sf.token, sf.lang));
	return 0;
}

static int load_response(struct sform *sf, json_t **row)
{
	const char *key = web_query(sf->r, "k");
	struct err e = {0};
	if (!survey_web_key_ok(key) ||
	    survey_store_response_by_key(sf->r->store, (int64_t)json_integer_value(json_object_get(sf->inv, "id")), key, row,
	                                 &e))
		return ERR_NOT_FOUND;
	own(sf, *row);
	return 0;
}

int survey_form_done(struct web_request *r)
{
	struct sform sf = {0};
	json_t *row;
	int rc = load(&sf, r);
	if (rc == ERR_NOT_FOUND)
		return not_found(&sf);
	if (rc)
		return rc;
	if (load_response(&sf, &row))
		return message_page(&sf, "not_found", 404);
	const char *key = web_query(r, "k");
	head(&sf, U(&sf, "thanks_title"));
	html_printf(sf.b, "<div class=\"sv-card done\"><h1>%s</h1><p>%s</p>", U(&sf, "thanks_title"), U(&sf, "thanks"));
	if (sf.beside)
		html_printf(sf.b, "<p class=\"beside\" lang=\"%s\" dir=\"ltr\">%s</p>", sf.beside, survey_ui(sf.beside, "thanks"));
	html_printf(sf.b, "<p><a class=\"button\" href=\"/s/%s/copy?k=%s&amp;lang=%s\" download>%s</a> "
	                  "<a href=\"/s/%s/copy?k=%s&amp;format=json\" download>%s</a></p></div>",
	            sf.token, key, sf.lang, U(&sf, "copy_html"), sf.token, key, U(&sf, "copy_json"));
	return finish(&sf, 200);
}

int survey_form_copy(struct web_request *r)
{
	struct sform sf = {0};
	json_t *row;
	int rc = load(&sf, r);
	if (rc == ERR_NOT_FOUND)
		return not_found(&sf);
	if (rc)
		return rc;
	if (load_response(&sf, &row))
		return message_page(&sf, "not_found", 404);
	json_error_t je;
	const char *a = json_string_value(json_object_get(row, "answers"));
	json_t *answers = own(&sf, json_loads(a ? a : "{}", 0, &je));
	const char *fmt = web_query(r, "format");
	char cd[120];
	if (fmt && strcmp(fmt, "json") == 0) {
		snprintf(cd, sizeof cd, "attachment; filename=\"%s-answers.json\"", sf.def->slug);
		web_add_header(r, "Content-Disposition", cd);
		return web_json(r, 200, json_pack("{s:s,s:I,s:O,s:O,s:O}", "survey", sf.def->slug, "version",
		                                  (json_int_t)sf.def->version, "lang", json_object_get(row, "lang"),
		                                  "submitted_at", json_object_get(row, "submitted_at"), "answers",
		                                  answers ? answers : json_object()));
	}
	const char *lang = json_string_value(json_object_get(row, "lang"));
	if (!web_query(r, "lang") && lang && survey_has_lang(sf.def, lang)) {
		sf.lang = lang;
		const char *bes = survey_ui_beside(sf.lang);
		sf.beside = survey_has_lang(sf.def, bes) ? bes : NULL;
	}
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-answers.html\"", sf.def->slug);
	web_add_header(r, "Content-Disposition", cd);
	head(&sf, U(&sf, "your_answers"));
	html_printf(sf.b, "<div class=\"sv-card\"><h1>%s</h1><p class=\"sv-title\">%s</p><p>", U(&sf, "your_answers"),
	            TX(&sf, &sf.def->title, sf.lang));
	html_txt(sf.b, json_string_value(json_object_get(row, "submitted_at")));
	html_raw_trusted(sf.b, "</p>");
	answers_list(&sf, answers, false);
	html_raw_trusted(sf.b, "</div>");
	return finish(&sf, 200);
}
