/* survey_summary: what the answers to one survey say, counted (issue 14 item 6; docs/outcomes.md "Survey summary"):
 * per question with fixed answers (one or several options, yes/no, a language, a country, the languages of a CEFR
 * grid) the respondents who answered and how many gave each answer, optionally cross-tabulated by the respondent's
 * language, nationality or role (a worker; a worker with a spouse, whose spouse part was answered) or respondent
 * (the person an answer is about: the worker, or the spouse; see person_of); the free texts
 * of long-text questions for reading. Personal fields (names, phone, e-mail, dates, numbers, ESCO picks) are never
 * counted. Counts are of responses submitted in the period, of the organisation, and of the programme's links when a
 * programme is given; every version of the survey counts, under the newest version's questions. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "report/internal.h"
#include "survey/survey.h"

static const char SQL_RESPONSES[] =
	"SELECT r.answers, r.lang, v.definition, v.version, COALESCE(c.family_role, '') FROM survey_responses r "
	"JOIN survey_invitations i ON i.id = r.invitation_id JOIN surveys v ON v.id = i.survey_id "
	"LEFT JOIN clients c ON c.id = COALESCE(r.client_id, i.client_id) "
	"WHERE v.slug = ?1 AND r.submitted_at IS NOT NULL AND r.submitted_at >= ?2 AND r.submitted_at < ?3 "
	"AND (?4 = 0 OR r.organisation_id = ?4) AND (?5 = 0 OR i.programme_id = ?5) ORDER BY r.id";

enum { MAX_FREE_TEXTS = 500 };

/* A text of the survey with its placeholders in their neutral wording; NULL when out of memory (ta NULL). */
static const char *neutral_text(struct arena *ta, const struct survey_def *def, const struct survey_text *t,
                                const char *lang)
{
	return ta ? survey_fill_text(ta, survey_text(def, t, lang), &(struct survey_fill){0}, lang) : NULL;
}

static const char *const dims[] = {"none", "lang", "nationality", "role", "respondent", NULL};

/* The spouse part of a survey: a group with a question that fills the spouse's own profile ("spouse." maps_to; the
 * items with person "spouse" in the review). Its answers are about the respondent's spouse. */
static bool spouse_part(const struct survey_group *gr)
{
	for (size_t k = 0; k < gr->n_questions; k++)
		if (gr->questions[k].maps_to && strncmp(gr->questions[k].maps_to, "spouse.", 7) == 0)
			return true;
	return false;
}

static bool counted_type(enum survey_qtype t)
{
	return t == SURVEY_SINGLE || t == SURVEY_MULTIPLE || t == SURVEY_YESNO || t == SURVEY_LANGUAGE ||
	       t == SURVEY_COUNTRY || t == SURVEY_CEFR;
}

/* counts[qid][value] = {"n": total, "by": {dim value: n}}; answered[qid] = {"n", "by"} */
static void bump(json_t *obj, const char *key, const char *dim)
{
	json_t *c = json_object_get(obj, key);
	if (!c) {
		c = json_pack("{s:I,s:{}}", "n", (json_int_t)0, "by");
		json_object_set_new(obj, key, c);
	}
	json_object_set_new(c, "n", json_integer(json_integer_value(json_object_get(c, "n")) + 1));
	json_t *by = json_object_get(c, "by");
	json_object_set_new(by, dim, json_integer(json_integer_value(json_object_get(by, dim)) + 1));
}

static void count_value(json_t *qcounts, json_t *v, const char *dim)
{
	if (json_is_string(v) && json_string_length(v))
		bump(qcounts, json_string_value(v), dim);
	else if (json_is_true(v))
		bump(qcounts, "yes", dim);
	else if (json_is_false(v))
		bump(qcounts, "no", dim);
}

/* One response's answers into counts, answered and free (the free texts). */
/* partner: the dimension value of the spouse part's answers (by respondent: the respondent's partner; else dim).
 * *partner_answered: whether an answer of the spouse part was counted. */
static void count_response(const struct survey_def *def, json_t *answers, const char *dim, const char *partner,
                           json_t *counts, json_t *answered, json_t *free, bool *partner_answered)
{
	const char *own = dim;
	for (size_t g = 0; g < def->n_groups; g++) {
		const struct survey_group *gr = &def->groups[g];
		if (gr->repeatable)
			continue;
		bool sp = spouse_part(gr);
		dim = sp ? partner : own;
		for (size_t k = 0; k < gr->n_questions; k++) {
			const struct survey_question *q = &gr->questions[k];
			json_t *v = json_object_get(answers, q->id);
			if (!v || json_is_null(v))
				continue;
			if (q->type == SURVEY_LONGTEXT && json_is_string(v) && json_string_length(v)) {
				json_t *list = json_object_get(free, q->id);
				if (!list)
					json_object_set_new(free, q->id, list = json_array());
				if (json_array_size(list) < MAX_FREE_TEXTS)
					json_array_append(list, v);
				continue;
			}
			if (!counted_type(q->type))
				continue;
			json_t *qc = json_object_get(counts, q->id);
			if (!qc)
				json_object_set_new(counts, q->id, qc = json_object());
			size_t before = json_object_size(qc);
			bool any = false;
			if (json_is_array(v)) {
				size_t i;
				json_t *x;
				json_array_foreach(v, i, x) {
					count_value(qc, x, dim);
					any = true;
				}
			} else if (json_is_object(v)) { /* a CEFR grid: the languages given */
				const char *lang;
				json_t *lv;
				json_object_foreach(v, lang, lv) {
					bump(qc, lang, dim);
					any = true;
				}
			} else {
				count_value(qc, v, dim);
				any = json_object_size(qc) > before || json_is_string(v) || json_is_boolean(v);
			}
			if (any) {
				bump(answered, q->id, dim);
				*partner_answered |= sp;
			}
		}
	}
}

/* By respondent, the person a response's own answers are about: the spouse when the response came through a link of
 * (or was accepted into the record of) a client who is their family's spouse, else the worker. The spouse part of
 * the response is about the other of the two. */
static const char *person_of(const char *family_role, bool partner)
{
	bool spouse = family_role && strcmp(family_role, "spouse") == 0;
	return spouse != partner ? "spouse" : "worker";
}

static const char *dim_of(const char *by, json_t *answers, const char *lang, const char *family_role)
{
	if (strcmp(by, "respondent") == 0)
		return person_of(family_role, false);
	if (strcmp(by, "lang") == 0)
		return lang && *lang ? lang : "(none)";
	if (strcmp(by, "nationality") == 0) {
		const char *n = json_string_value(json_object_get(answers, "nationality"));
		return n && *n ? n : "(none)";
	}
	if (strcmp(by, "role") == 0) {
		const char *sp = json_string_value(json_object_get(answers, "has_spouse"));
		bool spouse = (sp && strcmp(sp, "yes") == 0) || json_is_true(json_object_get(answers, "has_spouse"));
		return spouse ? "worker_with_spouse" : "worker";
	}
	return "all";
}

/* A count as shown: null below min_cell (0 is shown: it singles out nobody). */
static json_t *shown(int64_t n, int min_cell)
{
	return n > 0 && n < min_cell ? json_null() : json_integer(n);
}

static json_t *by_json(json_t *by, json_t *dimvals, int min_cell)
{
	json_t *out = json_object();
	const char *d;
	json_t *x;
	json_object_foreach(dimvals, d, x) {
		(void)x;
		json_object_set_new(out, d, shown(json_integer_value(json_object_get(by, d)), min_cell));
	}
	return out;
}

/* A count as a crosstab flag gives it: null when hidden. */
static json_t *flagged(int64_t n, bool hidden)
{
	return hidden ? json_null() : json_integer(n);
}

/* One question's table for a funder (min_cell > 0, by a second dimension): its values (rows, their counts the row
 * totals) by the dimension's values (columns, the respondents who answered in each the column totals, all who
 * answered the grand total), suppressed as every cross-tabulation that leaves the service (report_crosstab_suppress:
 * the small counts, then those a shown total would give away). Sets each value's "count", "pct" (null when its count
 * or the total is hidden) and "by", and the question's "answered" and "answered_by"; drops the values' "_c". */
static int table_suppress(json_t *qj, json_t *an, json_t *dimvals, int64_t n, int min_cell, struct err *e)
{
	json_t *values = json_object_get(qj, "values");
	struct report_crosstab x = {.nrows = json_array_size(values), .ncols = json_object_size(dimvals), .total = n};
	x.cells = calloc(x.nrows * x.ncols + 1, sizeof *x.cells);
	x.row_total = calloc(x.nrows + 1, sizeof *x.row_total);
	x.col_total = calloc(x.ncols + 1, sizeof *x.col_total);
	int rc = x.cells && x.row_total && x.col_total ? 0 : err_oom(e);
	size_t i, c;
	json_t *v, *dv;
	const char *d;
	json_array_foreach(values, i, v) {
		if (rc)
			break;
		json_t *cc = json_object_get(v, "_c");
		x.row_total[i] = json_integer_value(json_object_get(cc, "n"));
		c = 0;
		json_object_foreach(dimvals, d, dv) {
			x.cells[i * x.ncols + c++] = json_integer_value(json_object_get(json_object_get(cc, "by"), d));
		}
	}
	c = 0;
	json_object_foreach(dimvals, d, dv) {
		if (rc)
			break;
		x.col_total[c++] = json_integer_value(json_object_get(json_object_get(an, "by"), d));
	}
	if (!rc)
		rc = report_crosstab_suppress(&x, min_cell, e);
	json_array_foreach(values, i, v) {
		if (rc)
			break;
		int64_t cn = x.row_total[i];
		json_object_set_new(v, "count", flagged(cn, x.row_hidden[i]));
		json_object_set_new(v, "pct", n && !x.row_hidden[i] && !x.total_hidden
		                                  ? json_real(round((double)cn * 1000.0 / (double)n) / 10.0)
		                                  : json_null());
		json_t *by = json_object();
		c = 0;
		json_object_foreach(dimvals, d, dv) {
			size_t at = i * x.ncols + c++;
			json_object_set_new(by, d, flagged(x.cells[at], x.hidden[at]));
		}
		json_object_set_new(v, "by", by);
		json_object_del(v, "_c");
	}
	if (!rc) {
		json_t *ab = json_object();
		c = 0;
		json_object_foreach(dimvals, d, dv) {
			json_object_set_new(ab, d, flagged(x.col_total[c], x.col_hidden[c]));
			c++;
		}
		json_object_set_new(qj, "answered", flagged(n, x.total_hidden));
		json_object_set_new(qj, "answered_by", ab);
	}
	report_crosstab_release(&x);
	return rc;
}

/* The groups line for a funder: the respondents of each dimension value beside all responses, a single hidden one
 * not given away by the total (the secondary rule of report_crosstab_suppress, on one line). */
static int groups_suppress(json_t *groups, json_t *dimvals, int64_t responses, int min_cell, struct err *e)
{
	struct report_crosstab x = {.nrows = json_object_size(dimvals), .ncols = 0, .total = responses};
	x.cells = calloc(1, sizeof *x.cells);
	x.row_total = calloc(x.nrows + 1, sizeof *x.row_total);
	x.col_total = calloc(1, sizeof *x.col_total);
	int rc = x.cells && x.row_total && x.col_total ? 0 : err_oom(e);
	size_t i = 0;
	const char *d;
	json_t *dv;
	json_object_foreach(dimvals, d, dv) {
		if (x.row_total)
			x.row_total[i++] = json_integer_value(dv);
	}
	if (!rc)
		rc = report_crosstab_suppress(&x, min_cell, e);
	i = 0;
	json_object_foreach(dimvals, d, dv) {
		if (rc)
			break;
		json_object_set_new(groups, d, flagged(x.row_total[i], x.row_hidden[i]));
		i++;
	}
	report_crosstab_release(&x);
	return rc;
}

int report_survey_summary(struct store *s, const struct report_filter *f, const char *slug, const char *by,
                          const char *lang, int min_cell, json_t **out, struct err *e)
{
	*out = NULL;
	bool known = false;
	for (size_t i = 0; dims[i]; i++)
		known = known || strcmp(dims[i], by) == 0;
	if (!known)
		return err_set(e, ERR_INVALID, "by", "by must be none, lang, nationality, role or respondent");
	long to_day = 0;
	char next[11];
	if (!report_days(f->to, &to_day))
		return err_set(e, ERR_INVALID, "to", "to must be a date YYYY-MM-DD");
	report_date_of(to_day + 1, next);
	const struct store_param p[] = {STORE_P_TEXT(slug), STORE_P_TEXT(f->from), STORE_P_TEXT(next),
	                                STORE_P_INT(f->org_id), STORE_P_INT(f->programme_id)};
	struct store_stmt *st = NULL;
	int rc = store_prepare_bound(s, SQL_RESPONSES, p, STORE_NPARAMS(p), &st, e);
	if (rc)
		return rc;
	json_t *counts = json_object(), *answered = json_object(), *free = json_object(), *dimvals = json_object();
	bool by_person = strcmp(by, "respondent") == 0;
	if (by_person) { /* both columns, zeros too */
		json_object_set_new(dimvals, "worker", json_integer(0));
		json_object_set_new(dimvals, "spouse", json_integer(0));
	}
	struct survey_def *def = NULL, *newest = NULL;
	long def_version = -1, newest_version = -1;
	int64_t responses = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		long version = (long)store_col_int(st, 3);
		if (version != def_version) { /* responses of one version mostly come together */
			const char *text = store_col_text(st, 2);
			struct survey_def *d = NULL;
			struct err pe = {0};
			if (!text || survey_definition_parse(text, strlen(text), &d, &pe))
				continue; /* a stored definition that no longer parses: its answers cannot be read by question */
			if (def != newest)
				survey_definition_free(def);
			def = d;
			def_version = version;
			if (version > newest_version) {
				if (newest && newest != def)
					survey_definition_free(newest);
				newest = def;
				newest_version = version;
			}
		}
		json_t *answers = json_loads(store_col_text(st, 0) ? store_col_text(st, 0) : "{}", 0, NULL);
		if (!json_is_object(answers)) {
			json_decref(answers);
			continue;
		}
		const char *role = store_col_text(st, 4);
		const char *dim = dim_of(by, answers, store_col_text(st, 1), role);
		const char *partner = by_person ? person_of(role, true) : dim;
		bool partner_answered = false;
		json_object_set_new(dimvals, dim, json_integer(json_integer_value(json_object_get(dimvals, dim)) + 1));
		count_response(def, answers, dim, partner, counts, answered, free, &partner_answered);
		if (by_person && partner_answered) /* the persons whose answers count: the partner too */
			json_object_set_new(dimvals, partner,
			                    json_integer(json_integer_value(json_object_get(dimvals, partner)) + 1));
		responses++;
		json_decref(answers);
	}
	store_reset(st);
	if (def != newest)
		survey_definition_free(def);
	if (rc < 0) {
		survey_definition_free(newest);
		json_decref(counts);
		json_decref(answered);
		json_decref(free);
		json_decref(dimvals);
		return -rc;
	}
	json_t *questions = json_array(), *texts = json_array();
	/* the texts' placeholders in their neutral wording ("this region"): the responses came through links of many
	 * programmes, and a report names no one of them */
	struct arena *ta = arena_new(0);
	for (size_t g = 0; !rc && newest && g < newest->n_groups; g++) {
		const struct survey_group *gr = &newest->groups[g];
		for (size_t k = 0; !rc && k < gr->n_questions && !gr->repeatable; k++) {
			const struct survey_question *q = &gr->questions[k];
			const char *qtext = neutral_text(ta, newest, &q->text, lang);
			if (q->type == SURVEY_LONGTEXT && json_object_get(free, q->id)) {
				json_array_append_new(texts, json_pack("{s:s,s:s,s:O}", "id", q->id, "text", qtext ? qtext : "",
				                                       "answers", json_object_get(free, q->id)));
				continue;
			}
			if (!counted_type(q->type))
				continue;
			json_t *qc = json_object_get(counts, q->id), *an = json_object_get(answered, q->id);
			int64_t n = json_integer_value(json_object_get(an, "n"));
			json_t *values = json_array();
			/* the options in the survey's order (zeros too), then other answers (languages, countries) by count */
			for (size_t o = 0; o < q->n_options; o++) {
				const char *ot = neutral_text(ta, newest, &q->options[o].text, lang);
				json_t *c = json_object_get(qc, q->options[o].value);
				json_array_append_new(values, json_pack("{s:s,s:s}", "value", q->options[o].value, "text",
				                                        ot ? ot : q->options[o].value));
				json_object_set_new(json_array_get(values, json_array_size(values) - 1), "_c",
				                    c ? json_incref(c) : json_pack("{s:I,s:{}}", "n", (json_int_t)0, "by"));
			}
			if (q->type == SURVEY_YESNO && !q->n_options) {
				static const char *const yn[] = {"yes", "no"};
				for (size_t y = 0; y < 2; y++) {
					json_t *c = json_object_get(qc, yn[y]);
					json_array_append_new(values, json_pack("{s:s,s:s,s:o}", "value", yn[y], "text", yn[y], "_c",
					                                        c ? json_incref(c) : json_pack("{s:I,s:{}}", "n", (json_int_t)0, "by")));
				}
			}
			const char *v;
			json_t *c;
			json_object_foreach(qc, v, c) {
				bool listed = survey_find_option(q, v) != NULL ||
				              (q->type == SURVEY_YESNO && !q->n_options && (!strcmp(v, "yes") || !strcmp(v, "no")));
				if (!listed)
					json_array_append_new(values, json_pack("{s:s,s:s,s:O}", "value", v, "text", v, "_c", c));
			}
			size_t i;
			json_t *x;
			if (min_cell > 0 && strcmp(by, "none") != 0) { /* the funder's: suppressed as a cross-tabulation */
				json_t *qj = json_pack("{s:s,s:s,s:s,s:s,s:o}", "id", q->id, "group", gr->id, "type",
				                       survey_qtype_name(q->type), "text", qtext ? qtext : q->id, "values", values);
				if (!qj || (rc = table_suppress(qj, an, dimvals, n, min_cell, e))) {
					json_decref(qj);
					break;
				}
				json_array_append_new(questions, qj);
				continue;
			}
			json_array_foreach(values, i, x) {
				json_t *cc = json_object_get(x, "_c");
				int64_t cn = json_integer_value(json_object_get(cc, "n"));
				json_object_set_new(x, "count", shown(cn, min_cell));
				bool hidden = (cn > 0 && cn < min_cell) || (n > 0 && n < min_cell);
				json_object_set_new(x, "pct", n && !hidden ? json_real(round((double)cn * 1000.0 / (double)n) / 10.0)
				                                           : json_null());
				if (strcmp(by, "none") != 0)
					json_object_set_new(x, "by", by_json(json_object_get(cc, "by"), dimvals, min_cell));
				json_object_del(x, "_c");
			}
			json_t *qj = json_pack("{s:s,s:s,s:s,s:s,s:o,s:o}", "id", q->id, "group", gr->id, "type",
			                       survey_qtype_name(q->type), "text", qtext ? qtext : q->id, "answered",
			                       shown(n, min_cell), "values", values);
			if (strcmp(by, "none") != 0)
				json_object_set_new(qj, "answered_by", by_json(json_object_get(an, "by"), dimvals, min_cell));
			json_array_append_new(questions, qj);
		}
	}
	arena_free(ta);
	json_t *groups = json_object();
	const char *d;
	json_t *x;
	json_object_foreach(dimvals, d, x)
		json_object_set_new(groups, d, shown(json_integer_value(x), min_cell));
	if (!rc && min_cell > 0 && strcmp(by, "none") != 0)
		rc = groups_suppress(groups, dimvals, responses, min_cell, e);
	if (rc) {
		survey_definition_free(newest);
		json_decref(counts);
		json_decref(answered);
		json_decref(free);
		json_decref(dimvals);
		json_decref(groups);
		json_decref(questions);
		json_decref(texts);
		return rc;
	}
	*out = json_pack("{s:s,s:I,s:s,s:o,s:o,s:i,s:o,s:o,s:o}", "survey", slug, "version", (json_int_t)newest_version,
	                 "by", by, "filter", report_filter_json(f), "responses", shown(responses, min_cell), "min_cell",
	                 min_cell, "groups", groups, "questions", questions, "free_texts", texts);
	survey_definition_free(newest);
	json_decref(counts);
	json_decref(answered);
	json_decref(free);
	json_decref(dimvals);
	return *out ? 0 : err_oom(e);
}
