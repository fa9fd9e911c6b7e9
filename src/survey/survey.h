/* survey: multilingual self-service survey definitions (JSON) and validation of submitted answers.
 *
 * Promises:
 * - survey_definition_parse accepts only a fully valid definition: every id unique, every type known, every text
 *   present in every declared language, options where a choice needs them, conditions only on earlier questions and
 *   on values those questions can take, maps_to naming a known profile field of a compatible type, every size under
 *   its ceiling. A rejected definition gets one error whose message names the JSON path and the line and column in
 *   the text ("groups[1].questions[2].text (line 40, column 9): missing the \"th\" text").
 * - struct survey_def is read-only after parsing and walks as groups -> questions -> options; texts are looked up
 *   by language with a fallback to the survey's first language (survey_text).
 * - survey_answers_validate checks one submitted answer set and reports per-question messages in the respondent's
 *   language (fi sv en ru th ar uk so vi tl; others fall back to English).
 *
 * Ownership: the caller owns the struct survey_def returned by survey_definition_parse and releases it with
 * survey_definition_free; every pointer inside it (strings included) lives exactly as long as the def.
 * survey_definition_to_json and survey_answers_prune return a new reference the caller json_decref's.
 * struct survey_answer_errors is filled by survey_answers_validate and released with survey_answer_errors_free.
 *
 * Definition format (examples: data/surveys/competence-intake.json and seasonal-worker.json):
 *   { "slug", "version", "languages": ["fi", ...], "title": {lang: text}, "intro": {...}, "consent": {...},
 *     "groups": [ { "id", "title": {...}, "help"?: {...}, "repeatable"?: bool, "max_repeats"?: n, "when"?: cond,
 *                   "questions": [ { "id", "type", "text": {...}, "help"?: {...}, "required"?: bool,
 *                                    "options"?: [ {"value", "text": {...}} ], "min"?, "max"?, "max_length"?,
 *                                    "multiple"?: bool, "max_items"?: n, "when"?: cond, "maps_to"?: "table.column" } ] } ] }
 *   cond = { "question": "<id of an earlier question>", "equals": "<option value, or yes/no>" }
 *       or { "question": ..., "not_equals": ... } (shown unless that answer is given: an unanswered question shows it)
 *
 * Answer format: a JSON object. "_consent": true is required. A question of a plain group is answered under its id;
 * a repeatable group is answered under the group's id with an array (at most max_repeats) of objects keyed by the
 * group's question ids. Values by type: single/language/country/esco_* -> string (array of strings when "multiple"),
 * multiple -> array of option values, text/longtext/email/phone -> string, number -> JSON number, date ->
 * "YYYY-MM-DD", yesno -> "yes"/"no" (or true/false), cefr -> object {"<ISO 639-1>": "A1".."C2"|"native"}.
 * An ESCO pick is an ESCO URI, or a label typed by the respondent when nothing in the list fits (kept for a
 * counsellor to code). A question whose condition is false is neither required nor checked; survey_answers_prune
 * drops such answers before storage. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

struct arena;

/* Ceilings on a definition. */
#define SURVEY_MAX_TEXT_BYTES (1u << 20)  /* the definition file */
#define SURVEY_MAX_LANGS 16
#define SURVEY_MAX_GROUPS 64
#define SURVEY_MAX_QUESTIONS 400          /* in the whole survey */
#define SURVEY_MAX_OPTIONS 300            /* per question */
#define SURVEY_MAX_ID 64                  /* bytes in an id, slug or option value */
#define SURVEY_MAX_STRING 4000            /* bytes in one text in one language */
#define SURVEY_MAX_CONSENT 12000          /* bytes in the consent or intro text in one language */
#define SURVEY_MAX_REPEATS 50
#define SURVEY_MAX_ITEMS 100              /* answers to one multiple question */
#define SURVEY_MAX_ANSWER_ERRORS 200

enum survey_qtype {
	SURVEY_SINGLE,          /* one option */
	SURVEY_MULTIPLE,        /* any number of options */
	SURVEY_TEXT,            /* one line, max_length bytes (default 200) */
	SURVEY_LONGTEXT,        /* several lines, max_length bytes (default 4000) */
	SURVEY_NUMBER,          /* within [min, max] when given */
	SURVEY_DATE,            /* YYYY-MM-DD */
	SURVEY_YESNO,
	SURVEY_CEFR,            /* a CEFR level per language */
	SURVEY_LANGUAGE,        /* ISO 639-1 pick; options optional (restrict the list) */
	SURVEY_COUNTRY,         /* ISO 3166-1 alpha-2 pick; options optional */
	SURVEY_ESCO_OCCUPATION, /* ESCO occupation pick-list */
	SURVEY_ESCO_SKILL,      /* ESCO skill pick-list */
	SURVEY_EMAIL,
	SURVEY_PHONE,
	SURVEY_QTYPE_COUNT
};

/* A text in every language of the survey: v[i] belongs to def->langs[i]. All NULL when an optional text is absent. */
struct survey_text {
	const char **v;
};

struct survey_question;

/* Shown only when `question` (an earlier question) has the answer `equals` (for a multiple question: includes it);
 * negate ("not_equals" in the definition): shown unless it has that answer, so also while it is unanswered. */
struct survey_condition {
	const char *question;
	const char *equals;      /* the value of "equals" or of "not_equals" */
	bool negate;
	const struct survey_question *target;
};

struct survey_option {
	const char *value;
	struct survey_text text;
};

struct survey_group;

struct survey_question {
	const char *id;
	enum survey_qtype type;
	struct survey_text text;
	struct survey_text help;     /* optional */
	bool required;
	bool multiple;               /* language, country, esco_* : an array of picks */
	size_t max_items;            /* multiple / cefr: most answers (default 20) */
	bool has_min, has_max;
	double min, max;             /* number */
	size_t max_length;           /* text / longtext, bytes */
	struct survey_option *options;
	size_t n_options;
	const struct survey_condition *when; /* NULL: always shown */
	const char *maps_to;         /* profile field it fills, e.g. "client.first_name"; NULL: kept for a counsellor */
	const struct survey_group *group;
	size_t index;                /* position in the whole survey, 0-based */
};

struct survey_group {
	const char *id;
	struct survey_text title;
	struct survey_text help;     /* optional */
	bool repeatable;             /* "each job you have held" */
	size_t max_repeats;
	const struct survey_condition *when;
	struct survey_question *questions;
	size_t n_questions;
};

struct survey_def {
	const char *slug;
	long version;
	const char **langs;          /* ISO 639-1; langs[0] is the fallback language */
	size_t n_langs;
	struct survey_text title, intro, consent;
	struct survey_group *groups;
	size_t n_groups;
	size_t n_questions;
	struct survey_def_private *priv;
};

/* Parses and validates a definition of len bytes (not necessarily NUL-terminated). 0 and *out on success;
 * ERR_INVALID (or ERR_TOO_BIG, ERR_UNAVAILABLE) with e->message naming path, line and column, e->field the path. */
int survey_definition_parse(const char *text, size_t len, struct survey_def **out, struct err *e);
void survey_definition_free(struct survey_def *def);
/* The definition in its canonical JSON form; it parses back to an equal definition. NULL when out of memory. */
json_t *survey_definition_to_json(const struct survey_def *def);

/* Lookups. survey_text: the text in lang, else in the survey's first language, else NULL (absent optional text). */
const char *survey_text(const struct survey_def *def, const struct survey_text *t, const char *lang);
bool survey_has_lang(const struct survey_def *def, const char *lang);
const struct survey_question *survey_find_question(const struct survey_def *def, const char *id);
const struct survey_group *survey_find_group(const struct survey_def *def, const char *id);
const struct survey_option *survey_find_option(const struct survey_question *q, const char *value);
const char *survey_qtype_name(enum survey_qtype t);
/* Whether maps_to names a known profile field (optionally "spouse."-prefixed), and whether type t can fill it. */
bool survey_maps_to_known(const char *maps_to);
bool survey_maps_to_accepts(const char *maps_to, enum survey_qtype t);

struct survey_answer_error {
	char path[128];      /* "first_name", "jobs[1].job_title", "_consent" */
	const char *code;    /* stable: "required", "invalid_choice", "too_long", "below_min", ... */
	char message[320];   /* in the respondent's language */
};

struct survey_answer_errors {
	struct survey_answer_error *v;
	size_t n;
	bool truncated;      /* more than SURVEY_MAX_ANSWER_ERRORS */
};

/* Validates answers against def. 0 when valid; ERR_INVALID with out->n > 0 per-question errors, messages in lang
 * (falls back to English); ERR_UNAVAILABLE when out of memory. out is always initialised. */
int survey_answers_validate(const struct survey_def *def, const json_t *answers, const char *lang,
			    struct survey_answer_errors *out);
void survey_answer_errors_free(struct survey_answer_errors *errs);
/* [{"path", "code", "message"}, ...]; NULL when out of memory. */
json_t *survey_answer_errors_to_json(const struct survey_answer_errors *errs);
/* The one visibility rule, for the form, validation and pruning alike. A group or question is visible when it has
 * no condition, or when the question its condition names is itself visible and has the answer the condition asks
 * for (so the rule is transitive: a chain q1 -> q2 -> q3 hides q3 whenever q1's answer hides q2). A question's
 * group must be visible too. answers is the whole answer object; entry is the object of one repeat of a repeatable
 * group (NULL outside one), where conditions on questions of that group are read. */
bool survey_group_visible(const struct survey_group *g, const json_t *answers);
bool survey_question_visible(const struct survey_question *q, const json_t *answers, const json_t *entry);
/* A copy of answers without the answers to questions and groups whose condition is false. NULL when out of memory
 * or answers is not an object. */
json_t *survey_answers_prune(const struct survey_def *def, const json_t *answers);
/* The one reading of a number typed where a number is asked (the form, its JSON twin, the review's accept): "12",
 * "2.5", "2,5", and the same in Arabic-Indic (U+0660..0669), Extended Arabic-Indic (U+06F0..06F9) or Thai
 * (U+0E50..0E59) digits, normalised to ASCII (U+066B, the Arabic decimal separator, and a comma read as a point).
 * true and *out when the whole text (spaces around it allowed) is one finite number of at most 63 bytes. */
bool survey_parse_number(const char *s, double *out);
/* A message of the catalogue in lang (fallback English), e.g. survey_message("th", "required"); never NULL. */
const char *survey_message(const char *lang, const char *code);

/* Placeholders a text of a definition may hold, filled where the form is shown (survey_fill_text):
 *   {region}        the region of the link's programme; "this region" in the respondent's language when it has none;
 *   {organisation}  the organisation that made the link (the controller of the answers); a neutral wording without.
 * A text is written so that the value reads well in its nominative form. survey_definition_parse rejects any other
 * {name} of lowercase letters and '_' (a misspelt placeholder would reach the respondent as it is). */
struct survey_fill {
	const char *region;
	const char *organisation;
};
bool survey_placeholder_known(const char *name, size_t n);
/* true when every {name} in text is known; else false with *bad, *bad_len the first unknown name. */
bool survey_placeholder_scan(const char *text, const char **bad, size_t *bad_len);
/* text with its placeholders filled in lang (f NULL or a NULL/empty value: the neutral wording); text itself when
 * it has none. A value the link gives is wrapped in U+2068 ... U+2069 (a bidi isolate, so a Latin name inside an
 * Arabic sentence keeps its order); a neutral wording is not. A new string belongs to arena a. NULL when out of
 * memory. */
const char *survey_fill_text(struct arena *a, const char *text, const struct survey_fill *f, const char *lang);
