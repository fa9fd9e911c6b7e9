/* survey definition: parses and validates a survey definition and looks things up in it (canonical.c writes it). */
#include "survey/internal.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/validate.h"

struct survey_def_private {
	struct arena *arena;
	json_t *root; /* the parsed text; strings in the def point into it */
};

static const char *const qtype_names[SURVEY_QTYPE_COUNT] = {
	[SURVEY_SINGLE] = "single",     [SURVEY_MULTIPLE] = "multiple",
	[SURVEY_TEXT] = "text",         [SURVEY_LONGTEXT] = "longtext",
	[SURVEY_NUMBER] = "number",     [SURVEY_DATE] = "date",
	[SURVEY_YESNO] = "yesno",       [SURVEY_CEFR] = "cefr",
	[SURVEY_LANGUAGE] = "language", [SURVEY_COUNTRY] = "country",
	[SURVEY_ESCO_OCCUPATION] = "esco_occupation", [SURVEY_ESCO_SKILL] = "esco_skill",
	[SURVEY_EMAIL] = "email",       [SURVEY_PHONE] = "phone",
};

const char *survey_qtype_name(enum survey_qtype t)
{
	return (unsigned)t < SURVEY_QTYPE_COUNT ? qtype_names[t] : "?";
}

/* ---- maps_to: the profile fields a question may fill (see 0001_core.sql) and the types that can fill them ---- */

#define T(x) (1u << (x))
#define M_TEXT (T(SURVEY_TEXT) | T(SURVEY_LONGTEXT) | T(SURVEY_SINGLE))
#define M_LONG (T(SURVEY_TEXT) | T(SURVEY_LONGTEXT) | T(SURVEY_SINGLE) | T(SURVEY_MULTIPLE))
#define M_NUM (T(SURVEY_NUMBER) | T(SURVEY_SINGLE))

static const struct {
	const char *name;
	unsigned types;
} map_targets[] = {
	{"client.first_name", T(SURVEY_TEXT)},
	{"client.last_name", T(SURVEY_TEXT)},
	{"client.birth_year", M_NUM},
	{"client.gender", T(SURVEY_SINGLE)},
	{"client.email", T(SURVEY_EMAIL)},
	{"client.phone", T(SURVEY_PHONE)},
	{"client.municipality", M_TEXT},
	{"client.mother_tongue", T(SURVEY_LANGUAGE)},
	{"client.nationality", T(SURVEY_COUNTRY)},
	{"client.country_of_education", T(SURVEY_COUNTRY)},
	{"client.permit_type", M_TEXT},
	{"client.permit_expires_on", T(SURVEY_DATE)},
	{"client.availability", M_LONG},
	{"client.available_from", T(SURVEY_DATE)},
	{"client.regions", M_LONG},
	{"client.strengths", M_LONG},
	{"client.career_goals", M_LONG},
	{"client.work_hours_max", M_NUM},
	{"client_languages", T(SURVEY_CEFR)},
	{"client_languages.language", T(SURVEY_LANGUAGE)},
	{"client_languages.level", T(SURVEY_CEFR)},
	{"educations.isced_level", M_NUM},
	{"educations.isced_field", M_TEXT},
	{"educations.degree_title", T(SURVEY_TEXT)},
	{"educations.institution", T(SURVEY_TEXT)},
	{"educations.country", T(SURVEY_COUNTRY)},
	{"educations.completed_year", M_NUM},
	{"educations.recognition", M_TEXT},
	{"work_history.title", T(SURVEY_TEXT)},
	{"work_history.esco_occupation", T(SURVEY_ESCO_OCCUPATION)},
	{"work_history.employer_name", T(SURVEY_TEXT)},
	{"work_history.country", T(SURVEY_COUNTRY)},
	{"work_history.start_year", M_NUM},
	{"work_history.end_year", M_NUM},
	{"work_history.years", M_NUM},
	{"client_skills", T(SURVEY_ESCO_SKILL)},
	{"client_skills.esco_skill", T(SURVEY_ESCO_SKILL)},
	{"client_skills.label", M_LONG},
	{"certificates", T(SURVEY_MULTIPLE) | T(SURVEY_SINGLE)},
	{"certificates.name", M_LONG},
	{"certificates.kind", T(SURVEY_SINGLE)},
	{"certificates.expires_on", T(SURVEY_DATE)},
	{"target_occupations", T(SURVEY_ESCO_OCCUPATION)},
	{"target_occupations.esco_occupation", T(SURVEY_ESCO_OCCUPATION)},
	{"target_occupations.title", M_LONG},
};

static int map_index(const char *m)
{
	if (!m)
		return -1;
	/* "spouse." fills the same field of the spouse's own profile, linked to the respondent's family. */
	if (strncmp(m, "spouse.", 7) == 0)
		m += 7;
	for (size_t i = 0; i < sizeof map_targets / sizeof *map_targets; i++)
		if (strcmp(m, map_targets[i].name) == 0)
			return (int)i;
	return -1;
}

bool survey_maps_to_known(const char *maps_to)
{
	return map_index(maps_to) >= 0;
}

bool survey_maps_to_accepts(const char *maps_to, enum survey_qtype t)
{
	int i = map_index(maps_to);
	return i >= 0 && (unsigned)t < SURVEY_QTYPE_COUNT && (map_targets[i].types & T(t));
}

/* ---- parsing context ---- */

struct ctx {
	const char *text;
	size_t len;
	struct err *e;
	struct survey_jpath path;
	struct arena *a;
	struct survey_def *def;
	json_t *root;
	/* every id in document order (groups and questions share one namespace: both are keys of an answer set) */
	const char *all_ids[SURVEY_MAX_GROUPS + SURVEY_MAX_QUESTIONS];
	size_t n_all_ids;
	const struct survey_question *seen[SURVEY_MAX_QUESTIONS]; /* questions parsed so far */
	size_t n_seen;
	const char *seen_groups[SURVEY_MAX_GROUPS];
	size_t n_seen_groups;
};

static void push_key(struct ctx *c, const char *k)
{
	if (c->path.n < SURVEY_JPATH_MAX)
		c->path.c[c->path.n] = (struct survey_jpath_comp){.key = k};
	c->path.n++;
}

static void push_idx(struct ctx *c, size_t i)
{
	if (c->path.n < SURVEY_JPATH_MAX)
		c->path.c[c->path.n] = (struct survey_jpath_comp){.index = i};
	c->path.n++;
}

static void pop(struct ctx *c)
{
	c->path.n--;
}

/* Fills c->e: "<path> (line L, column C): <what>". Returns code. */
__attribute__((format(printf, 3, 4))) static int fail(struct ctx *c, enum err_code code, const char *fmt, ...)
{
	struct survey_jpath p = c->path;
	if (p.n > SURVEY_JPATH_MAX)
		p.n = SURVEY_JPATH_MAX;
	char path[256], what[384], msg[768];
	survey_jpath_format(&p, path, sizeof path);
	int line, col;
	survey_locate(c->text, c->len, &p, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	survey_utf8_clean(what);
	snprintf(msg, sizeof msg, "%s (line %d, column %d): %s", path[0] ? path : "(top level)", line, col, what);
	if (c->e) {
		c->e->code = code;
		survey_utf8_copy(c->e->message, sizeof c->e->message, msg);
		survey_utf8_copy(c->e->field, sizeof c->e->field, path);
	}
	return code;
}

static int oom(struct ctx *c)
{
	return err_set(c->e, ERR_UNAVAILABLE, "", "out of memory while reading the survey definition");
}

/* The array v under name: given, non-empty and at most max items (hint ends the message of a wrong value); room for
 * its items, size bytes each, in *room (the definition's arena) and their number in *n. */
static int get_array(struct ctx *c, json_t *v, const char *name, const char *hint, int max, size_t size, void **room,
                     size_t *n)
{
	if (!v)
		return fail(c, ERR_INVALID, "\"%s\" is missing", name);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return fail(c, ERR_INVALID, "\"%s\" must be a non-empty array%s", name, hint);
	if (json_array_size(v) > (size_t)max)
		return fail(c, ERR_TOO_BIG, "more than %d %s", max, name);
	*n = json_array_size(v);
	if (!(*room = arena_alloc(c->a, *n * size)))
		return oom(c);
	return 0;
}

/* Rejects keys outside allowed (a typo would otherwise silently drop a setting). */
static int check_keys(struct ctx *c, json_t *obj, const char *const *allowed)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(k, *a) == 0)
				ok = true;
		if (!ok) {
			push_key(c, k);
			char list[256] = "";
			size_t n = 0;
			for (const char *const *a = allowed; *a && n < sizeof list; a++) {
				int w = snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", *a);
				if (w < 0)
					break;
				n += (size_t)w;
			}
			return fail(c, ERR_INVALID, "unknown key \"%.64s\" (allowed: %s)", k, list);
		}
	}
	return 0;
}

static bool is_ident(const char *s, bool allow_dash)
{
	size_t n = strlen(s);
	if (n == 0 || n > SURVEY_MAX_ID || !(islower((unsigned char)s[0]) || isdigit((unsigned char)s[0])))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!(islower(ch) || isdigit(ch) || ch == '_' || (allow_dash && ch == '-')))
			return false;
	}
	return true;
}

/* A required or optional string member; *out NULL when absent and optional. */
static int get_string(struct ctx *c, json_t *obj, const char *key, bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v) {
		if (!required)
			return 0;
		push_key(c, key);
		return fail(c, ERR_INVALID, "\"%s\" is missing", key);
	}
	if (!json_is_string(v)) {
		push_key(c, key);
		return fail(c, ERR_INVALID, "\"%s\" must be a string", key);
	}
	*out = json_string_value(v);
	return 0;
}

static int get_bool(struct ctx *c, json_t *obj, const char *key, bool *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 0;
	if (!json_is_boolean(v)) {
		push_key(c, key);
		return fail(c, ERR_INVALID, "\"%s\" must be true or false", key);
	}
	*out = json_is_true(v);
	return 0;
}

static int get_size(struct ctx *c, json_t *obj, const char *key, size_t lo, size_t hi, size_t *out, bool *present)
{
	json_t *v = json_object_get(obj, key);
	if (present)
		*present = v != NULL;
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < (json_int_t)lo || json_integer_value(v) > (json_int_t)hi) {
		push_key(c, key);
		return fail(c, ERR_INVALID, "\"%s\" must be a whole number from %zu to %zu", key, lo, hi);
	}
	*out = (size_t)json_integer_value(v);
	return 0;
}

/* A text per declared language: {"fi": "...", "sv": "...", ...}. */
static int get_text(struct ctx *c, json_t *obj, const char *key, bool required, size_t max, struct survey_text *out)
{
	const struct survey_def *d = c->def;
	json_t *v = json_object_get(obj, key);
	out->v = NULL;
	if (!v) {
		if (!required)
			return 0;
		push_key(c, key);
		return fail(c, ERR_INVALID, "\"%s\" is missing (a text in every language of the survey)", key);
	}
	push_key(c, key);
	if (!json_is_object(v))
		return fail(c, ERR_INVALID, "\"%s\" must be an object with a text per language, e.g. {\"fi\": \"...\"}", key);
	out->v = arena_alloc(c->a, d->n_langs * sizeof *out->v);
	if (!out->v)
		return oom(c);
	const char *lang;
	json_t *s;
	json_object_foreach(v, lang, s) {
		size_t li = 0;
		while (li < d->n_langs && strcmp(d->langs[li], lang) != 0)
			li++;
		push_key(c, lang);
		if (li == d->n_langs)
			return fail(c, ERR_INVALID, "text in \"%.16s\", which is not among the survey's languages", lang);
		if (!json_is_string(s))
			return fail(c, ERR_INVALID, "the \"%s\" text must be a string", lang);
		const char *str = json_string_value(s);
		size_t n = json_string_length(s);
		bool blank = true;
		for (size_t i = 0; i < n && blank; i++)
			blank = isspace((unsigned char)str[i]);
		if (blank)
			return fail(c, ERR_INVALID, "the \"%s\" text is empty", lang);
		if (n > max)
			return fail(c, ERR_TOO_BIG, "the \"%s\" text is longer than %zu bytes", lang, max);
		if (!validate_utf8(str, n))
			return fail(c, ERR_INVALID, "the \"%s\" text contains control characters", lang);
		const char *bad = NULL;
		size_t bad_len = 0;
		if (!survey_placeholder_scan(str, &bad, &bad_len))
			return fail(c, ERR_INVALID, "the \"%s\" text has an unknown placeholder {%.*s} (known: {region}, "
				    "{organisation})", lang, (int)bad_len, bad);
		out->v[li] = str;
		pop(c);
	}
	for (size_t li = 0; li < d->n_langs; li++) {
		if (!out->v[li]) {
			push_key(c, d->langs[li]);
			return fail(c, ERR_INVALID, "missing the \"%s\" text (every text needs every language of the survey)",
				    d->langs[li]);
		}
	}
	pop(c);
	return 0;
}

static const struct survey_question *seen_question(struct ctx *c, const char *id)
{
	for (size_t i = 0; i < c->n_seen; i++)
		if (strcmp(c->seen[i]->id, id) == 0)
			return c->seen[i];
	return NULL;
}

static bool id_anywhere(struct ctx *c, const char *id)
{
	for (size_t i = 0; i < c->n_all_ids; i++)
		if (strcmp(c->all_ids[i], id) == 0)
			return true;
	return false;
}

/* "when": {"question": id, "equals": value} or {"question": id, "not_equals": value}. group: the group being read;
 * of_question: the condition belongs to a question of that group (else to the group itself). */
static int get_condition(struct ctx *c, json_t *obj, const struct survey_group *group, bool of_question,
			 const struct survey_condition **out)
{
	static const char *const keys[] = {"question", "equals", "not_equals", NULL};
	json_t *v = json_object_get(obj, "when");
	*out = NULL;
	if (!v)
		return 0;
	push_key(c, "when");
	if (!json_is_object(v))
		return fail(c, ERR_INVALID, "\"when\" must be an object {\"question\": ..., \"equals\": ...}");
	int rc = check_keys(c, v, keys);
	if (rc)
		return rc;
	struct survey_condition *cond = arena_alloc(c->a, sizeof *cond);
	if (!cond)
		return oom(c);
	cond->negate = json_object_get(v, "not_equals") != NULL;
	if (cond->negate && json_object_get(v, "equals")) {
		push_key(c, "not_equals");
		return fail(c, ERR_INVALID, "a condition has either \"equals\" or \"not_equals\", not both");
	}
	const char *vkey = cond->negate ? "not_equals" : "equals";
	if ((rc = get_string(c, v, "question", true, &cond->question)) || (rc = get_string(c, v, vkey, true, &cond->equals)))
		return rc;
	const struct survey_question *t = seen_question(c, cond->question);
	push_key(c, "question");
	if (!t) {
		if (id_anywhere(c, cond->question))
			return fail(c, ERR_INVALID,
				    "the condition refers to \"%.64s\", which is not an earlier question; a condition may only "
				    "refer to a question asked before it", cond->question);
		return fail(c, ERR_INVALID, "the condition refers to an unknown question \"%.64s\"", cond->question);
	}
	if (t->group->repeatable && !(of_question && t->group == group))
		return fail(c, ERR_INVALID,
			    "the condition refers to \"%.64s\" in the repeatable group \"%s\"; only questions of the same "
			    "repeat can depend on it", cond->question, t->group->id);
	if (t->type != SURVEY_SINGLE && t->type != SURVEY_MULTIPLE && t->type != SURVEY_YESNO)
		return fail(c, ERR_INVALID,
			    "a condition can depend on a single, multiple or yesno question, and \"%.64s\" is %s",
			    cond->question, survey_qtype_name(t->type));
	pop(c);
	push_key(c, vkey);
	if (t->type == SURVEY_YESNO) {
		if (strcmp(cond->equals, "yes") != 0 && strcmp(cond->equals, "no") != 0)
			return fail(c, ERR_INVALID, "\"%.64s\" is a yesno question: \"%s\" must be \"yes\" or \"no\"",
				    cond->question, vkey);
	} else if (!survey_find_option(t, cond->equals)) {
		return fail(c, ERR_INVALID, "\"%.64s\" is not an option of question \"%.64s\"", cond->equals, cond->question);
	}
	pop(c);
	cond->target = t;
	*out = cond;
	pop(c);
	return 0;
}

static bool type_has_options(enum survey_qtype t)
{
	return t == SURVEY_SINGLE || t == SURVEY_MULTIPLE;
}

static bool type_may_have_options(enum survey_qtype t)
{
	return type_has_options(t) || t == SURVEY_LANGUAGE || t == SURVEY_COUNTRY || t == SURVEY_CEFR;
}

static bool type_may_be_multiple(enum survey_qtype t)
{
	return t == SURVEY_LANGUAGE || t == SURVEY_COUNTRY || t == SURVEY_ESCO_OCCUPATION || t == SURVEY_ESCO_SKILL;
}

static int get_options(struct ctx *c, json_t *qj, struct survey_question *q)
{
	static const char *const keys[] = {"value", "text", NULL};
	json_t *v = json_object_get(qj, "options");
	if (!v) {
		if (type_has_options(q->type)) {
			push_key(c, "options");
			return fail(c, ERR_INVALID, "a %s question needs \"options\"", survey_qtype_name(q->type));
		}
		return 0;
	}
	push_key(c, "options");
	if (!type_may_have_options(q->type))
		return fail(c, ERR_INVALID, "a %s question takes no \"options\"", survey_qtype_name(q->type));
	void *room;
	int rc = get_array(c, v, "options", "", SURVEY_MAX_OPTIONS, sizeof *q->options, &room, &q->n_options);
	if (rc)
		return rc;
	q->options = room;
	for (size_t i = 0; i < q->n_options; i++) {
		json_t *o = json_array_get(v, i);
		struct survey_option *op = &q->options[i];
		push_idx(c, i);
		if (!json_is_object(o))
			return fail(c, ERR_INVALID, "an option must be an object {\"value\": ..., \"text\": {...}}");
		rc = check_keys(c, o, keys);
		if (rc || (rc = get_string(c, o, "value", true, &op->value)))
			return rc;
		push_key(c, "value");
		if (q->type == SURVEY_LANGUAGE || q->type == SURVEY_CEFR) {
			if (!validate_lang_code(op->value))
				return fail(c, ERR_INVALID, "\"%.64s\" is not an ISO 639-1 language code", op->value);
		} else if (q->type == SURVEY_COUNTRY) {
			if (!validate_country_code(op->value))
				return fail(c, ERR_INVALID, "\"%.64s\" is not an ISO 3166-1 country code", op->value);
		} else if (!is_ident(op->value, true)) {
			return fail(c, ERR_INVALID,
				    "option value \"%.64s\" must be 1-64 characters a-z, 0-9, _ or -", op->value);
		}
		for (size_t k = 0; k < i; k++)
			if (strcmp(q->options[k].value, op->value) == 0)
				return fail(c, ERR_INVALID, "option value \"%s\" appears twice in this question", op->value);
		pop(c);
		/* Code pick-lists may leave naming to the form (ICU display names); choices need their words. */
		if ((rc = get_text(c, o, "text", type_has_options(q->type), SURVEY_MAX_STRING, &op->text)))
			return rc;
		pop(c);
	}
	pop(c);
	return 0;
}

/* The opening of a group (is_group) or a question, which the two share: obj is an object with only the allowed keys
 * and an "id" that starts with a-z, holds only a-z, 0-9 and _, and is new among both the groups' and the questions'
 * ids (they share one namespace, as conditions name them). The messages name the kind being read. */
static int get_identified(struct ctx *c, json_t *obj, const char *const *allowed, bool is_group, const char **id)
{
	const char *what = is_group ? "group" : "question", *other = is_group ? "question" : "group";
	int rc;
	if (!json_is_object(obj))
		return fail(c, ERR_INVALID, "a %s must be an object", what);
	if ((rc = check_keys(c, obj, allowed)) || (rc = get_string(c, obj, "id", true, id)))
		return rc;
	push_key(c, "id");
	if (!is_ident(*id, false) || !islower((unsigned char)(*id)[0])) {
		char most[24] = ""; /* questions' message also says how long an id may be */
		if (!is_group)
			snprintf(most, sizeof most, " (at most %d)", SURVEY_MAX_ID);
		return fail(c, ERR_INVALID, "%s id \"%.64s\" must start with a-z and hold only a-z, 0-9 and _%s", what,
			    *id, most);
	}
	bool a_group = false, a_question = seen_question(c, *id) != NULL;
	for (size_t i = 0; i < c->n_seen_groups && !a_group; i++)
		a_group = strcmp(c->seen_groups[i], *id) == 0;
	if (is_group ? a_group : a_question)
		return fail(c, ERR_INVALID, "duplicate %s id \"%s\"", what, *id);
	if (is_group ? a_question : a_group)
		return fail(c, ERR_INVALID, "%s id \"%s\" is already the id of a %s", what, *id, other);
	pop(c);
	return 0;
}

static int get_question(struct ctx *c, json_t *qj, struct survey_group *g, struct survey_question *q)
{
	static const char *const keys[] = {"id", "type", "text", "help", "required", "options", "min", "max",
					   "max_length", "multiple", "max_items", "when", "maps_to", NULL};
	int rc = get_identified(c, qj, keys, false, &q->id);
	if (rc)
		return rc;
	const char *type;
	if ((rc = get_string(c, qj, "type", true, &type)))
		return rc;
	size_t t = 0;
	while (t < SURVEY_QTYPE_COUNT && strcmp(qtype_names[t], type) != 0)
		t++;
	if (t == SURVEY_QTYPE_COUNT) {
		push_key(c, "type");
		return fail(c, ERR_INVALID,
			    "unknown type \"%.32s\" (known: single, multiple, text, longtext, number, date, yesno, cefr, "
			    "language, country, esco_occupation, esco_skill, email, phone)", type);
	}
	q->type = (enum survey_qtype)t;
	q->group = g;
	q->index = c->def->n_questions;
	if ((rc = get_text(c, qj, "text", true, SURVEY_MAX_STRING, &q->text)) ||
	    (rc = get_text(c, qj, "help", false, SURVEY_MAX_STRING, &q->help)) ||
	    (rc = get_bool(c, qj, "required", &q->required)) || (rc = get_options(c, qj, q)))
		return rc;

	json_t *mn = json_object_get(qj, "min"), *mx = json_object_get(qj, "max");
	if ((mn || mx) && q->type != SURVEY_NUMBER) {
		push_key(c, mn ? "min" : "max");
		return fail(c, ERR_INVALID, "\"min\" and \"max\" apply only to number questions");
	}
	if (mn) {
		push_key(c, "min");
		if (!json_is_number(mn) || !isfinite(json_number_value(mn)))
			return fail(c, ERR_INVALID, "\"min\" must be a number");
		q->has_min = true;
		q->min = json_number_value(mn);
		pop(c);
	}
	if (mx) {
		push_key(c, "max");
		if (!json_is_number(mx) || !isfinite(json_number_value(mx)))
			return fail(c, ERR_INVALID, "\"max\" must be a number");
		q->has_max = true;
		q->max = json_number_value(mx);
		if (q->has_min && q->max < q->min)
			return fail(c, ERR_INVALID, "\"max\" is smaller than \"min\"");
		pop(c);
	}

	bool present;
	size_t maxlen_ceiling = q->type == SURVEY_LONGTEXT ? 10000 : 1000;
	q->max_length = q->type == SURVEY_LONGTEXT ? 4000 : 200;
	if ((rc = get_size(c, qj, "max_length", 1, maxlen_ceiling, &q->max_length, &present)))
		return rc;
	if (present && q->type != SURVEY_TEXT && q->type != SURVEY_LONGTEXT) {
		push_key(c, "max_length");
		return fail(c, ERR_INVALID, "\"max_length\" applies only to text and longtext questions");
	}
	if ((rc = get_bool(c, qj, "multiple", &q->multiple)))
		return rc;
	if (q->multiple && !type_may_be_multiple(q->type)) {
		push_key(c, "multiple");
		return fail(c, ERR_INVALID, "\"multiple\" applies only to language, country, esco_occupation and esco_skill "
			    "questions (use type multiple for several options)");
	}
	q->max_items = q->type == SURVEY_MULTIPLE ? (q->n_options ? q->n_options : 1) : 20;
	if ((rc = get_size(c, qj, "max_items", 1, SURVEY_MAX_ITEMS, &q->max_items, &present)))
		return rc;
	if (present && !q->multiple && q->type != SURVEY_MULTIPLE && q->type != SURVEY_CEFR) {
		push_key(c, "max_items");
		return fail(c, ERR_INVALID, "\"max_items\" applies only to multiple, cefr and \"multiple\": true questions");
	}
	if ((rc = get_condition(c, qj, g, true, &q->when)))
		return rc;
	if ((rc = get_string(c, qj, "maps_to", false, &q->maps_to)))
		return rc;
	if (q->maps_to) {
		push_key(c, "maps_to");
		if (!survey_maps_to_known(q->maps_to))
			return fail(c, ERR_INVALID, "\"%.64s\" is not a known profile field (e.g. client.first_name, "
				    "client_languages, work_history.title, educations.isced_level, client_skills, "
				    "target_occupations; \"spouse.\" before one of them)", q->maps_to);
		if (!survey_maps_to_accepts(q->maps_to, q->type))
			return fail(c, ERR_INVALID, "a %s question cannot fill \"%.64s\"", survey_qtype_name(q->type),
				    q->maps_to);
		pop(c);
	}
	return 0;
}

static int get_group(struct ctx *c, json_t *gj, struct survey_group *g)
{
	static const char *const keys[] = {"id", "title", "help", "repeatable", "max_repeats", "when", "questions", NULL};
	int rc = get_identified(c, gj, keys, true, &g->id);
	if (rc)
		return rc;
	c->seen_groups[c->n_seen_groups++] = g->id;
	if ((rc = get_text(c, gj, "title", true, SURVEY_MAX_STRING, &g->title)) ||
	    (rc = get_text(c, gj, "help", false, SURVEY_MAX_STRING, &g->help)) ||
	    (rc = get_bool(c, gj, "repeatable", &g->repeatable)))
		return rc;
	bool present;
	g->max_repeats = g->repeatable ? 0 : 1;
	if ((rc = get_size(c, gj, "max_repeats", 1, SURVEY_MAX_REPEATS, &g->max_repeats, &present)))
		return rc;
	if (present && !g->repeatable) {
		push_key(c, "max_repeats");
		return fail(c, ERR_INVALID, "\"max_repeats\" needs \"repeatable\": true");
	}
	if (g->repeatable && !present) {
		push_key(c, "max_repeats");
		return fail(c, ERR_INVALID, "a repeatable group needs \"max_repeats\" (1 to %d)", SURVEY_MAX_REPEATS);
	}
	if ((rc = get_condition(c, gj, g, false, &g->when)))
		return rc;
	json_t *qs = json_object_get(gj, "questions");
	push_key(c, "questions");
	if (json_is_array(qs) && c->def->n_questions + json_array_size(qs) > SURVEY_MAX_QUESTIONS)
		return fail(c, ERR_TOO_BIG, "the survey has more than %d questions", SURVEY_MAX_QUESTIONS);
	void *room;
	if ((rc = get_array(c, qs, "questions", "", SURVEY_MAX_QUESTIONS, sizeof *g->questions, &room,
	                    &g->n_questions)))
		return rc;
	g->questions = room;
	for (size_t i = 0; i < g->n_questions; i++) {
		push_idx(c, i);
		if ((rc = get_question(c, json_array_get(qs, i), g, &g->questions[i])))
			return rc;
		c->seen[c->n_seen++] = &g->questions[i];
		c->def->n_questions++;
		pop(c);
	}
	pop(c);
	return 0;
}

/* Collects every id that looks like one, so that a condition on a later question can be told from a typo. */
static void collect_ids(struct ctx *c, json_t *groups)
{
	size_t gi;
	json_t *g;
	json_array_foreach(groups, gi, g) {
		json_t *id = json_object_get(g, "id");
		if (json_is_string(id) && c->n_all_ids < sizeof c->all_ids / sizeof *c->all_ids)
			c->all_ids[c->n_all_ids++] = json_string_value(id);
		size_t qi;
		json_t *q;
		json_array_foreach(json_object_get(g, "questions"), qi, q) {
			id = json_object_get(q, "id");
			if (json_is_string(id) && c->n_all_ids < sizeof c->all_ids / sizeof *c->all_ids)
				c->all_ids[c->n_all_ids++] = json_string_value(id);
		}
	}
}

static int parse_def(struct ctx *c)
{
	static const char *const keys[] = {"slug", "version", "languages", "title", "intro", "consent", "groups", NULL};
	struct survey_def *d = c->def;
	json_t *r = c->root;
	int rc;
	if (!json_is_object(r))
		return fail(c, ERR_INVALID, "a survey definition must be a JSON object");
	if ((rc = check_keys(c, r, keys)) || (rc = get_string(c, r, "slug", true, &d->slug)))
		return rc;
	if (!is_ident(d->slug, true)) {
		push_key(c, "slug");
		return fail(c, ERR_INVALID, "\"slug\" must be 1-64 characters a-z, 0-9, _ or -");
	}
	json_t *ver = json_object_get(r, "version");
	push_key(c, "version");
	if (!ver)
		return fail(c, ERR_INVALID, "\"version\" is missing");
	if (!json_is_integer(ver) || json_integer_value(ver) < 1 || json_integer_value(ver) > 1000000)
		return fail(c, ERR_INVALID, "\"version\" must be a whole number from 1 to 1000000");
	d->version = (long)json_integer_value(ver);
	pop(c);

	json_t *langs = json_object_get(r, "languages");
	push_key(c, "languages");
	void *room;
	if ((rc = get_array(c, langs, "languages", " of ISO 639-1 codes", SURVEY_MAX_LANGS, sizeof *d->langs, &room,
	                    &d->n_langs)))
		return rc;
	d->langs = room;
	for (size_t i = 0; i < d->n_langs; i++) {
		json_t *l = json_array_get(langs, i);
		push_idx(c, i);
		if (!json_is_string(l) || !validate_lang_code(json_string_value(l)))
			return fail(c, ERR_INVALID, "a language must be an ISO 639-1 code such as \"fi\"");
		d->langs[i] = json_string_value(l);
		for (size_t k = 0; k < i; k++)
			if (strcmp(d->langs[k], d->langs[i]) == 0)
				return fail(c, ERR_INVALID, "language \"%s\" is listed twice", d->langs[i]);
		pop(c);
	}
	pop(c);

	if ((rc = get_text(c, r, "title", true, SURVEY_MAX_STRING, &d->title)) ||
	    (rc = get_text(c, r, "intro", true, SURVEY_MAX_CONSENT, &d->intro)) ||
	    (rc = get_text(c, r, "consent", true, SURVEY_MAX_CONSENT, &d->consent)))
		return rc;

	json_t *groups = json_object_get(r, "groups");
	push_key(c, "groups");
	if ((rc = get_array(c, groups, "groups", "", SURVEY_MAX_GROUPS, sizeof *d->groups, &room, &d->n_groups)))
		return rc;
	d->groups = room;
	collect_ids(c, groups);
	for (size_t i = 0; i < d->n_groups; i++) {
		push_idx(c, i);
		if ((rc = get_group(c, json_array_get(groups, i), &d->groups[i])))
			return rc;
		pop(c);
	}
	pop(c);
	return 0;
}

int survey_definition_parse(const char *text, size_t len, struct survey_def **out, struct err *e)
{
	*out = NULL;
	err_clear(e);
	if (!text)
		return err_set(e, ERR_INVALID, "", "no survey definition given");
	if (len > SURVEY_MAX_TEXT_BYTES)
		return err_set(e, ERR_TOO_BIG, "", "the survey definition is larger than %u bytes", SURVEY_MAX_TEXT_BYTES);
	json_error_t jerr;
	json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		char path[128], msg[512];
		size_t pos = jerr.position > 0 ? (size_t)jerr.position : 0;
		survey_path_at(text, len, pos, path, sizeof path);
		int line = jerr.line > 0 ? jerr.line : 1, col = jerr.column > 0 ? jerr.column : 1;
		if (jerr.line < 0) /* errors before any text was read, e.g. an empty input */
			survey_line_col(text, len, pos, &line, &col);
		snprintf(msg, sizeof msg, "%s (line %d, column %d): JSON syntax error: %s",
			 path[0] ? path : "(top level)", line, col, jerr.text);
		survey_utf8_clean(msg);
		if (e) {
			e->code = ERR_INVALID;
			survey_utf8_copy(e->message, sizeof e->message, msg);
			survey_utf8_copy(e->field, sizeof e->field, path);
		}
		return ERR_INVALID;
	}
	struct arena *a = arena_new(0);
	struct ctx *c = calloc(1, sizeof *c);
	struct survey_def *d = a ? arena_alloc(a, sizeof *d) : NULL;
	struct survey_def_private *priv = a ? arena_alloc(a, sizeof *priv) : NULL;
	if (!a || !c || !d || !priv) {
		json_decref(root);
		arena_free(a);
		free(c);
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory while reading the survey definition");
	}
	priv->arena = a;
	priv->root = root;
	d->priv = priv;
	*c = (struct ctx){.text = text, .len = len, .e = e, .a = a, .def = d, .root = root};
	int rc = parse_def(c);
	free(c);
	if (rc) {
		survey_definition_free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void survey_definition_free(struct survey_def *def)
{
	if (!def)
		return;
	json_decref(def->priv->root);
	arena_free(def->priv->arena); /* def itself lives in the arena */
}

/* ---- lookups ---- */

const char *survey_text(const struct survey_def *def, const struct survey_text *t, const char *lang)
{
	if (!t->v)
		return NULL;
	for (size_t i = 0; lang && i < def->n_langs; i++)
		if (strcmp(def->langs[i], lang) == 0 && t->v[i])
			return t->v[i];
	return t->v[0];
}

bool survey_has_lang(const struct survey_def *def, const char *lang)
{
	for (size_t i = 0; lang && i < def->n_langs; i++)
		if (strcmp(def->langs[i], lang) == 0)
			return true;
	return false;
}

const struct survey_question *survey_find_question(const struct survey_def *def, const char *id)
{
	for (size_t g = 0; g < def->n_groups; g++)
		for (size_t q = 0; q < def->groups[g].n_questions; q++)
			if (strcmp(def->groups[g].questions[q].id, id) == 0)
				return &def->groups[g].questions[q];
	return NULL;
}

const struct survey_group *survey_find_group(const struct survey_def *def, const char *id)
{
	for (size_t g = 0; g < def->n_groups; g++)
		if (strcmp(def->groups[g].id, id) == 0)
			return &def->groups[g];
	return NULL;
}

const struct survey_option *survey_find_option(const struct survey_question *q, const char *value)
{
	for (size_t i = 0; value && i < q->n_options; i++)
		if (strcmp(q->options[i].value, value) == 0)
			return &q->options[i];
	return NULL;
}
