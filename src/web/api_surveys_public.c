/* api_surveys_public: what a survey link (no login, the token) reaches: the invitation of a token and its state,
 * answers typed from the form's raw values, validation and storing once per submission key, and the JSON twin of the
 * public form (GET /api/v1/public/surveys/{token}, POST .../responses). The link and the submission's pipeline are
 * src/app/survey_intake.c's; this file types the form's raw values and reads and answers the routes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/survey_intake.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"

/* ---------------------------------------------------------------- answers */

/* A raw form value as a trimmed string, or NULL when empty. */
static json_t *raw_string(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (!json_is_string(v))
		return NULL;
	const char *s = json_string_value(v);
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return n ? json_stringn(s, n) : NULL;
}

static bool multi_valued(const struct survey_question *q)
{
	return q->type == SURVEY_MULTIPLE || (q->multiple && (q->type == SURVEY_LANGUAGE || q->type == SURVEY_COUNTRY ||
	                                                      q->type == SURVEY_ESCO_OCCUPATION ||
	                                                      q->type == SURVEY_ESCO_SKILL));
}

static json_t *typed_value(const struct survey_question *q, json_t *raw)
{
	if (!raw || json_is_null(raw))
		return NULL;
	if (q->type == SURVEY_CEFR) {
		json_t *o = json_object();
		size_t i;
		json_t *row;
		json_array_foreach(raw, i, row) {
			json_t *l = raw_string(json_object_get(row, "l")), *v = raw_string(json_object_get(row, "v"));
			if (l || v)
				json_object_set(o, l ? json_string_value(l) : "", v ? v : json_string(""));
			json_decref(l);
			json_decref(v);
		}
		if (!json_object_size(o)) {
			json_decref(o);
			return NULL;
		}
		return o;
	}
	if (multi_valued(q)) {
		json_t *a = json_array();
		if (json_is_array(raw)) {
			size_t i;
			json_t *x;
			json_array_foreach(raw, i, x) {
				json_t *s = raw_string(x);
				if (s)
					json_array_append_new(a, s);
			}
		} else {
			json_t *s = raw_string(raw);
			if (s)
				json_array_append_new(a, s);
		}
		if (!json_array_size(a)) {
			json_decref(a);
			return NULL;
		}
		return a;
	}
	json_t *s = raw_string(raw);
	if (!s || q->type != SURVEY_NUMBER)
		return s;
	double d = 0;
	if (json_string_length(s) > 40 || !survey_parse_number(json_string_value(s), &d))
		return s; /* kept as typed: the validation says it is not a number */
	json_decref(s);
	if (d == (double)(long long)d && d > -1e15 && d < 1e15)
		return json_integer((json_int_t)d);
	return json_real(d);
}

json_t *survey_web_typed(const struct survey_def *def, json_t *raw)
{
	json_t *o = json_object();
	json_object_set_new(o, "_consent", json_true());
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		if (g->repeatable) {
			json_t *arr = json_array();
			size_t i;
			json_t *entry;
			json_array_foreach(json_object_get(raw, g->id), i, entry) {
				json_t *t = json_object();
				for (size_t k = 0; k < g->n_questions; k++) {
					json_t *v = typed_value(&g->questions[k], json_object_get(entry, g->questions[k].id));
					if (v)
						json_object_set_new(t, g->questions[k].id, v);
				}
				if (json_object_size(t))
					json_array_append_new(arr, t);
				else
					json_decref(t);
			}
			if (json_array_size(arr))
				json_object_set_new(o, g->id, arr);
			else
				json_decref(arr);
			continue;
		}
		for (size_t k = 0; k < g->n_questions; k++) {
			json_t *v = typed_value(&g->questions[k], json_object_get(raw, g->questions[k].id));
			if (v)
				json_object_set_new(o, g->questions[k].id, v);
		}
	}
	return o;
}

int survey_api_public_get(struct web_request *r)
{
	json_t *inv;
	int rc = app_survey_link(r->store, r->params[0], &inv, &r->err);
	if (rc)
		return rc;
	survey_web_own(r, inv);
	const struct survey_def *def;
	if ((rc = app_survey_def_of_link(r->store, inv, r->arena, &def, &r->err)))
		return rc;
	/* the values of the texts' placeholders ({region}, {organisation}; survey.h): a client fills them as the form does */
	struct survey_fill fill = {0};
	survey_web_fill(r, (int64_t)json_integer_value(json_object_get(inv, "id")), &fill);
	return web_json(r, 200, json_pack("{s:s,s:s?,s:o,s:{s:s?,s:s?}}", "state", app_survey_link_state(inv), "expires_at",
	                                  json_string_value(json_object_get(inv, "expires_at")), "survey",
	                                  survey_definition_to_json(def), "fill", "region", fill.region, "organisation",
	                                  fill.organisation));
}

int survey_api_public_submit(struct web_request *r)
{
	json_t *body, *inv;
	int rc = web_json_body(r, &body);
	if (rc || (rc = app_survey_link(r->store, r->params[0], &inv, &r->err)))
		return rc;
	survey_web_own(r, inv);
	const char *key = json_string_value(json_object_get(body, "submission_key"));
	if (!app_survey_key_ok(key))
		return web_error(r, ERR_INVALID, "submission_key",
		                 "submission_key must be 16 to 64 letters, digits, '-' or '_' (the same for a resent copy)");
	json_t *answers = json_object_get(body, "answers");
	if (!json_is_object(answers))
		return web_error(r, ERR_INVALID, "answers", "answers must be an object");
	const struct survey_def *def;
	if ((rc = app_survey_def_of_link(r->store, inv, r->arena, &def, &r->err)))
		return rc;
	const char *lang = json_string_value(json_object_get(body, "lang"));
	if (!lang || !survey_has_lang(def, lang))
		lang = def->langs[0];
	struct survey_answer_errors errs = {0};
	int64_t id;
	bool inserted;
	rc = app_survey_submit(r->store, inv, def, key, lang, answers, true, &id, &inserted, &errs, &r->err);
	if (rc == ERR_INVALID) {
		json_t *o = json_pack("{s:{s:s,s:s,s:s},s:o}", "error", "code", "invalid", "message", r->err.message, "field",
		                      r->err.field, "errors", survey_answer_errors_to_json(&errs));
		survey_answer_errors_free(&errs);
		err_clear(&r->err);
		return web_json(r, 400, o);
	}
	survey_answer_errors_free(&errs);
	if (rc)
		return rc;
	return web_json(r, inserted ? 201 : 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "duplicate", !inserted));
}

