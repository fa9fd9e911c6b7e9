/* survey_form_render: the public survey form's HTML (see survey_form.c for the request side): the page frame in the
 * respondent's language and direction, one question of each type with the Finnish (or English) text beside it and
 * its message, a step with its progress, the check page and the copy of the answers. Everything goes through the
 * escaping writer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uloc.h>

#include "store/survey_store.h"
#include "web/pages/survey_form_internal.h"

/* ---------------------------------------------------------------- page frame */

void sform_head(struct sform *sf, const char *title)
{
	html_printf(sf->b,
	            "<!doctype html>\n<html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<meta name=\"robots\" content=\"noindex\"><title>%s</title>"
	            "<link rel=\"stylesheet\" href=\"/static/survey.css\"><script src=\"/static/survey.js\" defer></script>"
	            "</head>\n<body class=\"survey\"><main id=\"main\" class=\"sv\">",
	            sf->lang, survey_ui_rtl(sf->lang) ? "rtl" : "ltr", title);
}

int sform_finish(struct sform *sf, int status)
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

void sform_redirect(struct sform *sf, const char *url)
{
	struct web_request *r = sf->r;
	r->out.len = 0;
	r->status = 303;
	r->content_type = "text/html; charset=utf-8";
	web_add_header(r, "Location", url);
	html_printf(&r->out, "<!doctype html><title>%s</title><a href=\"%s\">%s</a>\n", url, url, url);
}

/* Every language of the survey (or of the UI when the survey is unknown) says the same thing: expired, used... */
int sform_message_page(struct sform *sf, const char *key, int status)
{
	static const char *const all[] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so", "vi", "tl"};
	size_t n = sf->def ? sf->def->n_langs : sizeof all / sizeof *all;
	sform_head(sf, survey_ui(sf->lang, "expired_title"));
	html_raw_trusted(sf->b, "<div class=\"sv-card sv-message\">");
	for (size_t i = 0; i < n; i++) {
		const char *l = sf->def ? sf->def->langs[i] : all[i];
		html_printf(sf->b, "<section lang=\"%s\" dir=\"%s\"><h2>%s</h2><p>%s</p></section>", l,
		            survey_ui_rtl(l) ? "rtl" : "ltr", survey_ui(l, "expired_title"), survey_ui(l, key));
	}
	html_raw_trusted(sf->b, "</div>");
	return sform_finish(sf, status);
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
		case SURVEY_EMAIL:
		case SURVEY_PHONE: /* left to right even on an Arabic page, or "+358 40 765 4321" reads backwards */
			html_raw_trusted(b, "<bdi dir=\"ltr\">");
			html_txt(b, s);
			html_raw_trusted(b, "</bdi>");
			break;
		default: /* the respondent's own text keeps its own direction */
			html_raw_trusted(b, "<bdi>");
			html_txt(b, s);
			html_raw_trusted(b, "</bdi>");
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
		html_printf(b, " data-when=\"%s\" data-%s=\"%s\"%s", q->when->question,
		            q->when->negate ? "not-equals" : "equals", q->when->equals, shown ? "" : " data-hidden");
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

long sform_next_step(struct sform *sf, long from)
{
	for (long s = from + 1; s <= (long)sf->def->n_groups; s++)
		if (survey_group_visible(&sf->def->groups[s - 1], sf->typed))
			return s;
	return (long)sf->def->n_groups + 1;
}

long sform_prev_step(struct sform *sf, long from)
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

/* The top of every step of the form (a group of questions, or the answers to check): the survey's title, the form
 * opened, the language buttons and the progress. */
static void step_top(struct sform *sf)
{
	sform_head(sf, TX(sf, &sf->def->title, sf->lang));
	html_printf(sf->b, "<header class=\"sv-head\"><p class=\"sv-title\">%s</p></header>", TX(sf, &sf->def->title, sf->lang));
	form_open(sf);
	lang_buttons(sf);
	progress(sf);
}

static int render_group(struct sform *sf, int status)
{
	const struct survey_group *g = &sf->def->groups[sf->step - 1];
	step_top(sf);
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
	            sform_next_step(sf, sf->step) > (long)sf->def->n_groups ? U(sf, "check") : U(sf, "next"));
	if (sform_prev_step(sf, sf->step) < sf->step)
		html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">%s</button>",
		            U(sf, "back"));
	html_printf(sf->b, "<button type=\"submit\" name=\"action\" value=\"save\" class=\"link\">%s</button></div></form>",
	            U(sf, "save"));
	return sform_finish(sf, status);
}

/* The answers of the shown groups, for the check page and the copy. */
void sform_answers_list(struct sform *sf, json_t *typed, bool edit)
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
	step_top(sf);
	html_printf(sf->b, "<div class=\"sv-card\"><h1>%s</h1>", U(sf, "check"));
	sform_answers_list(sf, sf->typed, true);
	html_printf(sf->b, "</div><input type=\"hidden\" name=\"submission_key\" value=\"%s\"><div class=\"nav\">"
	                   "<button type=\"submit\" name=\"action\" value=\"submit\" class=\"primary\">%s</button>"
	                   "<button type=\"submit\" name=\"action\" value=\"back\" class=\"secondary\">%s</button>"
	                   "<button type=\"submit\" name=\"action\" value=\"save\" class=\"link\">%s</button></div></form>",
	            json_string_value(json_object_get(sf->draft, "submission_key")), U(sf, "submit"), U(sf, "back"),
	            U(sf, "save"));
	return sform_finish(sf, 200);
}

int sform_render_start(struct sform *sf, const char *error, int status)
{
	const struct survey_def *d = sf->def;
	sform_head(sf, TX(sf, &d->title, sf->lang));
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
	            sf->token, sform_start_csrf(sf), sf->lang, U(sf, "consent_title"));
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
	            U(sf, "resume_have"), sf->token, sform_start_csrf(sf), sf->lang, U(sf, "resume_code"), U(sf, "continue"));
	return sform_finish(sf, status);
}

int sform_render_saved(struct sform *sf)
{
	sform_head(sf, TX(sf, &sf->def->title, sf->lang));
	html_printf(sf->b, "<div class=\"sv-card\"><h1>%s</h1><p>%s</p><p class=\"code\" dir=\"ltr\">%s</p>"
	                   "<p><a class=\"button\" href=\"/s/%s?lang=%s\">%s</a></p></div>",
	            U(sf, "save"), U(sf, "saved"), sform_pretty_code(sf, sf->resume), sf->token, sf->lang, U(sf, "continue"));
	return sform_finish(sf, 200);
}

int sform_render_current(struct sform *sf, int status)
{
	if (sf->step > (long)sf->def->n_groups)
		return render_check(sf);
	if (!survey_group_visible(&sf->def->groups[sf->step - 1], sf->typed))
		sf->step = sform_next_step(sf, sf->step);
	if (sf->step > (long)sf->def->n_groups)
		return render_check(sf);
	return render_group(sf, status);
}
