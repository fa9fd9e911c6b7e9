/* survey answers: checks a submitted answer set against its definition; messages in the respondent's language. */
#include "survey/internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

#define ESCO_LABEL_MAX 200 /* characters in a typed label when nothing in the pick-list fits */

struct actx {
	const struct survey_def *def;
	const char *lang;
	struct survey_answer_errors *out;
	bool oom;
};

/* Writes s with {min} and {max} filled in into dst[cap]. */
static void fill(char *dst, size_t cap, const char *s, double min, double max)
{
	char mn[32], mx[32];
	snprintf(mn, sizeof mn, "%.15g", min);
	snprintf(mx, sizeof mx, "%.15g", max);
	size_t n = 0;
	while (*s && n + 1 < cap) {
		const char *rep = NULL;
		if (strncmp(s, "{min}", 5) == 0)
			rep = mn;
		else if (strncmp(s, "{max}", 5) == 0)
			rep = mx;
		if (rep) {
			for (; *rep && n + 1 < cap; rep++)
				dst[n++] = *rep;
			s += 5;
			continue;
		}
		dst[n++] = *s++;
	}
	dst[n] = 0;
	char tmp[sizeof ((struct survey_answer_error *)0)->message];
	survey_utf8_copy(tmp, sizeof tmp, dst); /* never end on half a character */
	survey_utf8_copy(dst, cap, tmp);
}

static void add(struct actx *a, const char *path, const char *code, double min, double max)
{
	struct survey_answer_errors *o = a->out;
	if (o->n == SURVEY_MAX_ANSWER_ERRORS) {
		o->truncated = true;
		return;
	}
	if (!o->v) {
		o->v = calloc(SURVEY_MAX_ANSWER_ERRORS, sizeof *o->v);
		if (!o->v) {
			a->oom = true;
			return;
		}
	}
	struct survey_answer_error *e = &o->v[o->n++];
	survey_utf8_copy(e->path, sizeof e->path, path);
	survey_utf8_clean(e->path);
	e->code = code;
	fill(e->message, sizeof e->message, survey_message(a->lang, code), min, max);
}

static bool is_empty(const json_t *v)
{
	if (!v || json_is_null(v))
		return true;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		while (*s && isspace((unsigned char)*s))
			s++;
		return *s == 0;
	}
	if (json_is_array(v))
		return json_array_size(v) == 0;
	if (json_is_object(v))
		return json_object_size(v) == 0;
	return false;
}

/* "yes", "no" or NULL for a yesno answer. */
static const char *yesno(const json_t *v)
{
	if (json_is_true(v))
		return "yes";
	if (json_is_false(v))
		return "no";
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0)
			return s;
	}
	return NULL;
}

static const json_t *answer_of(const struct survey_question *q, const json_t *top, const json_t *inst)
{
	return json_object_get(q->group->repeatable ? inst : top, q->id);
}

static bool answer_is(const struct survey_condition *w, const json_t *v)
{
	const struct survey_question *t = w->target;
	if (t->type == SURVEY_YESNO) {
		const char *yn = yesno(v);
		return yn && strcmp(yn, w->equals) == 0;
	}
	if (json_is_string(v))
		return strcmp(json_string_value(v), w->equals) == 0;
	if (json_is_array(v)) {
		size_t i;
		const json_t *x;
		json_array_foreach(v, i, x)
			if (json_is_string(x) && strcmp(json_string_value(x), w->equals) == 0)
				return true;
	}
	return false;
}

static bool cond_holds(const struct survey_condition *w, const json_t *v)
{
	return answer_is(w, v) != w->negate;
}

/* The one visibility rule (survey.h): the form, validation and pruning all ask these two. A condition holds only
 * when its target question is itself visible, so a chain q1 -> q2 -> q3 hides q3 as soon as q1 hides q2. */
bool survey_group_visible(const struct survey_group *g, const json_t *answers)
{
	/* A group's condition is on a question of an earlier plain group (the parser guarantees it). */
	return !g->when || (survey_question_visible(g->when->target, answers, NULL) &&
			    cond_holds(g->when, answer_of(g->when->target, answers, NULL)));
}

/* Conditions point only to earlier questions, so this recursion ends. */
bool survey_question_visible(const struct survey_question *q, const json_t *answers, const json_t *entry)
{
	if (!survey_group_visible(q->group, answers))
		return false;
	if (!q->when)
		return true;
	const struct survey_question *t = q->when->target;
	return survey_question_visible(t, answers, entry) && cond_holds(q->when, answer_of(t, answers, entry));
}

static bool option_ok(const struct survey_question *q, const char *s)
{
	return q->n_options == 0 || survey_find_option(q, s) != NULL;
}

/* One pick of a language / country / esco question; the error code or NULL. */
static const char *check_pick(const struct survey_question *q, const json_t *v)
{
	if (!json_is_string(v))
		return "invalid_value";
	const char *s = json_string_value(v);
	switch (q->type) {
	case SURVEY_LANGUAGE:
		return validate_lang_code(s) && option_ok(q, s) ? NULL : "invalid_language";
	case SURVEY_COUNTRY:
		return validate_country_code(s) && option_ok(q, s) ? NULL : "invalid_country";
	case SURVEY_ESCO_OCCUPATION:
	case SURVEY_ESCO_SKILL:
		if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
			return validate_esco_uri(s, q->type == SURVEY_ESCO_SKILL ? "skill" : "occupation") ? NULL
													   : "invalid_esco";
		/* Nothing in the list fitted: the respondent's own words, kept for a counsellor to code. */
		return survey_utf8_chars(s) <= ESCO_LABEL_MAX && validate_utf8(s, strlen(s)) && !strchr(s, '\n')
			       ? NULL
			       : "invalid_esco";
	default:
		return "invalid_value";
	}
}

bool survey_parse_number(const char *s, double *out)
{
	char tmp[64];
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		char c = 0;
		if ((p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) || (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9)) {
			c = (char)('0' + (p[1] & 0x0F)); /* U+0660..0669, U+06F0..06F9 */
			p++;
		} else if (p[0] == 0xD9 && p[1] == 0xAB) { /* U+066B ARABIC DECIMAL SEPARATOR */
			c = '.';
			p++;
		} else if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
			c = (char)('0' + (p[2] - 0x90)); /* U+0E50..0E59 */
			p += 2;
		} else {
			c = *p == ',' ? '.' : (char)*p;
		}
		if (n + 1 >= sizeof tmp)
			return false;
		tmp[n++] = c;
	}
	tmp[n] = 0;
	const char *t = tmp;
	while (isspace((unsigned char)*t))
		t++;
	if (!*t || !(isdigit((unsigned char)*t) || *t == '-' || *t == '+' || *t == '.'))
		return false;
	char *end = NULL;
	*out = strtod(t, &end);
	while (isspace((unsigned char)*end))
		end++;
	return *end == 0 && isfinite(*out);
}

static bool parse_number(const json_t *v, double *out)
{
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return isfinite(*out);
	}
	/* Forms post text; accept "12", "2.5", "2,5" and the same in Arabic-Indic or Thai digits. */
	if (!json_is_string(v) || json_string_length(v) > 40)
		return false;
	return survey_parse_number(json_string_value(v), out);
}

/* code when v is not text that valid accepts; else NULL. */
static const char *text_check(const json_t *v, bool (*valid)(const char *), const char *code)
{
	return json_is_string(v) && valid(json_string_value(v)) ? NULL : code;
}

/* "too_many" (with the limit in lim) when a question's n items are more than it takes; else NULL. */
static const char *too_many(const struct survey_question *q, size_t n, double *lim)
{
	if (n <= q->max_items)
		return NULL;
	*lim = (double)q->max_items;
	return "too_many";
}

static void check_value(struct actx *a, const struct survey_question *q, const json_t *v, const char *path)
{
	if (is_empty(v)) {
		if (q->required)
			add(a, path, "required", 0, 0);
		return;
	}
	const char *code = NULL;
	double lim = 0;
	switch (q->type) {
	case SURVEY_SINGLE:
		if (!json_is_string(v) || !survey_find_option(q, json_string_value(v)))
			code = "invalid_choice";
		break;
	case SURVEY_MULTIPLE: {
		if (!json_is_array(v)) {
			code = "invalid_choice";
			break;
		}
		size_t i;
		const json_t *x;
		json_array_foreach(v, i, x)
			if (!json_is_string(x) || !survey_find_option(q, json_string_value(x)))
				code = "invalid_choice";
		if (!code)
			code = too_many(q, json_array_size(v), &lim);
		break;
	}
	case SURVEY_TEXT:
	case SURVEY_LONGTEXT:
		if (!json_is_string(v) || !validate_utf8(json_string_value(v), json_string_length(v)))
			code = "invalid_value";
		else if (survey_utf8_chars(json_string_value(v)) > q->max_length) {
			code = "too_long";
			lim = (double)q->max_length;
		}
		break;
	case SURVEY_NUMBER: {
		double d;
		if (!parse_number(v, &d))
			code = "not_number";
		else if (q->has_min && d < q->min)
			code = "below_min";
		else if (q->has_max && d > q->max) {
			code = "above_max";
			lim = q->max;
		}
		break;
	}
	case SURVEY_DATE:
		code = text_check(v, validate_date, "invalid_date");
		break;
	case SURVEY_YESNO:
		if (!yesno(v))
			code = "invalid_yesno";
		break;
	case SURVEY_CEFR: {
		if (!json_is_object(v)) {
			code = "invalid_cefr";
			break;
		}
		const char *k;
		const json_t *x;
		json_object_foreach((json_t *)v, k, x) {
			if (!validate_lang_code(k) || !option_ok(q, k))
				code = "invalid_language";
			else if (!json_is_string(x) || !validate_cefr(json_string_value(x)))
				code = code ? code : "invalid_cefr";
		}
		if (!code)
			code = too_many(q, json_object_size(v), &lim);
		break;
	}
	case SURVEY_LANGUAGE:
	case SURVEY_COUNTRY:
	case SURVEY_ESCO_OCCUPATION:
	case SURVEY_ESCO_SKILL:
		if (!q->multiple) {
			code = check_pick(q, v);
		} else if (!json_is_array(v)) {
			code = "invalid_value";
		} else {
			size_t i;
			const json_t *x;
			json_array_foreach(v, i, x)
				if (!code)
					code = check_pick(q, x);
			if (!code)
				code = too_many(q, json_array_size(v), &lim);
		}
		break;
	case SURVEY_EMAIL:
		code = text_check(v, validate_email, "invalid_email");
		break;
	case SURVEY_PHONE:
		code = text_check(v, validate_phone, "invalid_phone");
		break;
	default:
		code = "invalid_value";
	}
	if (code)
		add(a, path, code, q->has_min ? q->min : 0, lim);
}

/* Whether key is answered at the top level: a question of a plain group or a repeatable group's id. */
static bool top_key_known(const struct survey_def *def, const char *key)
{
	if (strcmp(key, "_consent") == 0)
		return true;
	const struct survey_group *g = survey_find_group(def, key);
	if (g)
		return g->repeatable;
	const struct survey_question *q = survey_find_question(def, key);
	return q && !q->group->repeatable;
}

static bool in_group(const struct survey_group *g, const char *key)
{
	for (size_t i = 0; i < g->n_questions; i++)
		if (strcmp(g->questions[i].id, key) == 0)
			return true;
	return false;
}

/* ---- the one walk of an answer set ---- */

/* What a walk's callback returns: go on, pass over this group or repeat, or stop the walk (out of memory). */
enum { WALK_ON = 0, WALK_SKIP = 1, WALK_STOP = -1 };

/* Validation and pruning see the same answers: the visible groups in order; a plain group's visible questions, each
 * with its answer (inst NULL); a repeatable group's array (group), then each repeat (repeat) and its visible
 * questions with the repeat's answers (inst, repeat number ri). Visibility is survey_group_visible and
 * survey_question_visible, nothing else. Returns WALK_STOP when a callback stopped the walk, else WALK_ON. */
struct walk {
	int (*group)(void *ctx, const struct survey_group *g, const json_t *arr);
	int (*repeat)(void *ctx, const struct survey_group *g, size_t ri, const json_t *inst);
	int (*question)(void *ctx, const struct survey_question *q, const json_t *v, size_t ri, const json_t *inst);
};

static int walk(const struct survey_def *def, const json_t *answers, const struct walk *w, void *ctx)
{
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		if (!survey_group_visible(g, answers))
			continue;
		if (!g->repeatable) {
			for (size_t qi = 0; qi < g->n_questions; qi++) {
				const struct survey_question *q = &g->questions[qi];
				if (survey_question_visible(q, answers, NULL) &&
				    w->question(ctx, q, json_object_get(answers, q->id), 0, NULL) == WALK_STOP)
					return WALK_STOP;
			}
			continue;
		}
		const json_t *arr = json_object_get(answers, g->id);
		int rc = w->group(ctx, g, arr);
		if (rc == WALK_SKIP)
			continue;
		if (rc == WALK_STOP)
			return WALK_STOP;
		size_t ri;
		const json_t *inst;
		json_array_foreach(arr, ri, inst) {
			if ((rc = w->repeat(ctx, g, ri, inst)) == WALK_SKIP)
				continue;
			if (rc == WALK_STOP)
				return WALK_STOP;
			for (size_t qi = 0; qi < g->n_questions; qi++) {
				const struct survey_question *q = &g->questions[qi];
				if (survey_question_visible(q, answers, inst) &&
				    w->question(ctx, q, json_object_get(inst, q->id), ri, inst) == WALK_STOP)
					return WALK_STOP;
			}
		}
	}
	return WALK_ON;
}

/* ---- validation ---- */

static int check_group(void *ctx, const struct survey_group *g, const json_t *arr)
{
	struct actx *a = ctx;
	if (is_empty(arr))
		return WALK_SKIP; /* no repeats given: each repeat's required questions apply only to a repeat */
	if (!json_is_array(arr)) {
		add(a, g->id, "invalid_value", 0, 0);
		return WALK_SKIP;
	}
	if (json_array_size(arr) > g->max_repeats) {
		add(a, g->id, "too_many_repeats", 0, (double)g->max_repeats);
		return WALK_SKIP;
	}
	return WALK_ON;
}

static int check_repeat(void *ctx, const struct survey_group *g, size_t ri, const json_t *inst)
{
	struct actx *a = ctx;
	char path[160];
	if (!json_is_object(inst)) {
		snprintf(path, sizeof path, "%s[%zu]", g->id, ri);
		add(a, path, "invalid_value", 0, 0);
		return WALK_SKIP;
	}
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)inst, key, v) {
		if (!in_group(g, key)) {
			snprintf(path, sizeof path, "%s[%zu].%.64s", g->id, ri, key);
			add(a, path, "unknown", 0, 0);
		}
	}
	return WALK_ON;
}

static int check_question(void *ctx, const struct survey_question *q, const json_t *v, size_t ri, const json_t *inst)
{
	char path[160];
	if (inst)
		snprintf(path, sizeof path, "%s[%zu].%s", q->group->id, ri, q->id);
	check_value(ctx, q, v, inst ? path : q->id);
	return WALK_ON;
}

int survey_answers_validate(const struct survey_def *def, const json_t *answers, const char *lang,
			    struct survey_answer_errors *out)
{
	memset(out, 0, sizeof *out);
	struct actx a = {.def = def, .lang = lang, .out = out};
	if (!json_is_object(answers)) {
		add(&a, "", "not_object", 0, 0);
		return a.oom ? ERR_UNAVAILABLE : ERR_INVALID;
	}
	if (!json_is_true(json_object_get(answers, "_consent")))
		add(&a, "_consent", "consent", 0, 0);
	const char *key;
	const json_t *v;
	json_object_foreach((json_t *)answers, key, v)
		if (!top_key_known(def, key))
			add(&a, key, "unknown", 0, 0);
	walk(def, answers, &(struct walk){check_group, check_repeat, check_question}, &a);
	if (a.oom)
		return ERR_UNAVAILABLE;
	return out->n ? ERR_INVALID : 0;
}

void survey_answer_errors_free(struct survey_answer_errors *errs)
{
	if (!errs)
		return;
	free(errs->v);
	memset(errs, 0, sizeof *errs);
}

json_t *survey_answer_errors_to_json(const struct survey_answer_errors *errs)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < errs->n; i++) {
		const struct survey_answer_error *e = &errs->v[i];
		if (json_array_append_new(arr, json_pack("{s:s, s:s, s:s}", "path", e->path, "code", e->code, "message",
							 e->message))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* ---- pruning ---- */

struct pctx {
	json_t *out;  /* the pruned answers */
	json_t *copy; /* the repeatable group's array in out */
	json_t *cur;  /* the repeat being copied */
};

static int prune_group(void *ctx, const struct survey_group *g, const json_t *arr)
{
	struct pctx *p = ctx;
	if (!json_is_array(arr))
		return WALK_SKIP;
	p->copy = json_array();
	return json_object_set_new(p->out, g->id, p->copy) ? WALK_STOP : WALK_ON;
}

static int prune_repeat(void *ctx, const struct survey_group *g, size_t ri, const json_t *inst)
{
	(void)g;
	(void)ri;
	struct pctx *p = ctx;
	if (!json_is_object(inst))
		return WALK_SKIP;
	p->cur = json_object();
	return json_array_append_new(p->copy, p->cur) ? WALK_STOP : WALK_ON;
}

static int prune_question(void *ctx, const struct survey_question *q, const json_t *v, size_t ri, const json_t *inst)
{
	(void)ri;
	struct pctx *p = ctx;
	if (!v)
		return WALK_ON;
	return json_object_set(inst ? p->cur : p->out, q->id, (json_t *)v) ? WALK_STOP : WALK_ON;
}

json_t *survey_answers_prune(const struct survey_def *def, const json_t *answers)
{
	if (!json_is_object(answers))
		return NULL;
	struct pctx p = {.out = json_object()};
	if (!p.out)
		return NULL;
	json_t *consent = json_object_get(answers, "_consent");
	if ((consent && json_object_set(p.out, "_consent", consent)) ||
	    walk(def, answers, &(struct walk){prune_group, prune_repeat, prune_question}, &p) == WALK_STOP) {
		json_decref(p.out);
		return NULL;
	}
	return p.out;
}
