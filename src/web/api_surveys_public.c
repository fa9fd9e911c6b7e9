/* api_surveys_public: what a survey link (no login, the token) reaches: the invitation of a token and its state,
 * answers typed from the form's raw values, validation and storing once per submission key, and the JSON twin of the
 * public form (GET /api/v1/public/surveys/{token}, POST .../responses). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/privacy_store.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"

bool survey_web_key_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

static bool is_hex_token(const char *s)
{
	if (!s || strlen(s) != AUTH_TOKEN_HEX)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

int survey_web_invitation(struct web_request *r, const char *token, json_t **inv)
{
	*inv = NULL;
	if (!is_hex_token(token))
		return web_error(r, ERR_NOT_FOUND, "token", "no such survey link");
	char hash[65];
	auth_hash_hex(token, strlen(token), hash);
	struct err e = {0};
	int rc = survey_store_invitation_by_hash(r->store, hash, inv, &e);
	if (rc == ERR_NOT_FOUND)
		return web_error(r, ERR_NOT_FOUND, "token", "no such survey link");
	return rc ? survey_web_fail(r, rc, &e) : 0;
}

const char *survey_web_inv_state(json_t *inv)
{
	if (!json_is_null(json_object_get(inv, "archived_at")) && json_object_get(inv, "archived_at"))
		return "closed";
	json_int_t used = json_integer_value(json_object_get(inv, "used_count"));
	if (json_integer_value(json_object_get(inv, "single_use")) && used >= 1)
		return "used";
	json_t *mx = json_object_get(inv, "max_uses");
	if (json_is_integer(mx) && used >= json_integer_value(mx))
		return "used";
	char now[21];
	store_now(now);
	const char *exp = json_string_value(json_object_get(inv, "expires_at"));
	if (!exp || strcmp(exp, now) <= 0)
		return "expired";
	return "open";
}

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

/* A link sent to a client whose data has been erased takes nothing more: 409 (key "erased"), nothing stored. The
 * erasure also closes the link; this answer says why, and holds for a link closed by nothing else. */
static int refuse_if_erased(struct web_request *r, json_t *inv)
{
	int64_t client_id = (int64_t)json_integer_value(json_object_get(inv, "client_id"));
	if (!client_id)
		return 0;
	bool erased = false;
	struct err e = {0};
	int rc = privacy_store_is_erased(r->store, client_id, &erased, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	if (!erased)
		return 0;
	err_key(&e, ERR_CONFLICT, "token", "erased",
	        "this survey link is no longer in use: the data of the person it was sent to has been erased, and no "
	        "answers are taken through it");
	return survey_web_fail(r, ERR_CONFLICT, &e);
}

/* survey_web_submit after its two checks (the link's client not erased, no copy stored under key): validates,
 * stores and counts the use. The public submit has made both checks itself and calls this once. */
static int submit_checked(struct web_request *r, json_t *inv, const struct survey_def *def, const char *key,
                          const char *lang, json_t *typed, int64_t *id, bool *inserted,
                          struct survey_answer_errors *errs)
{
	*inserted = false;
	int64_t inv_id = (int64_t)json_integer_value(json_object_get(inv, "id"));
	struct err e = {0};
	int rc;
	if ((rc = survey_answers_validate(def, typed, lang, errs)))
		return rc == ERR_INVALID ? web_error(r, ERR_INVALID, errs->n ? errs->v[0].path : "", "%s",
		                                     errs->n ? errs->v[0].message : "invalid answers")
		                         : web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	json_t *pruned = survey_web_own(r, survey_answers_prune(def, typed));
	char *text = pruned ? json_dumps(pruned, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	if (!text)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	struct survey_response_new in = {
		.org_id = (int64_t)json_integer_value(json_object_get(inv, "organisation_id")),
		.invitation_id = inv_id,
		.survey_id = (int64_t)json_integer_value(json_object_get(inv, "survey_id")),
		.client_id = (int64_t)json_integer_value(json_object_get(inv, "client_id")),
		.submission_key = key,
		.lang = lang,
		.answers = text,
	};
	rc = survey_store_response_insert(r->store, &in, id, inserted, &e);
	free(text);
	if (rc)
		return survey_web_fail(r, rc, &e);
	if (*inserted && (rc = survey_store_invitation_use(r->store, inv_id, &e))) {
		/* The link was used up by another submission meanwhile: this one is not kept, whatever the caller commits. */
		struct err e2 = {0};
		*inserted = false;
		if (rc == ERR_CONFLICT && survey_store_response_delete(r->store, *id, &e2))
			return survey_web_fail(r, e2.code, &e2);
		return survey_web_fail(r, rc, &e);
	}
	return 0;
}

int survey_web_submit(struct web_request *r, json_t *inv, const struct survey_def *def, const char *key,
                      const char *lang, json_t *typed, int64_t *id, bool *inserted, struct survey_answer_errors *errs)
{
	*inserted = false;
	int rc = refuse_if_erased(r, inv);
	if (rc)
		return rc;
	json_t *prev;
	struct err e = {0};
	rc = survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(inv, "id")), key, &prev,
	                                  &e);
	if (rc == 0) { /* sent twice: the first copy stands */
		*id = (int64_t)json_integer_value(json_object_get(prev, "id"));
		json_decref(prev);
		return 0;
	}
	if (rc != ERR_NOT_FOUND)
		return survey_web_fail(r, rc, &e);
	return submit_checked(r, inv, def, key, lang, typed, id, inserted, errs);
}

int survey_api_public_get(struct web_request *r)
{
	json_t *inv;
	int rc = survey_web_invitation(r, r->params[0], &inv);
	if (rc)
		return rc;
	survey_web_own(r, inv);
	const struct survey_def *def;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(inv, "survey_id")), &def)))
		return rc;
	/* the values of the texts' placeholders ({region}, {organisation}; survey.h): a client fills them as the form does */
	struct survey_fill fill = {0};
	survey_web_fill(r, (int64_t)json_integer_value(json_object_get(inv, "id")), &fill);
	return web_json(r, 200, json_pack("{s:s,s:s?,s:o,s:{s:s?,s:s?}}", "state", survey_web_inv_state(inv), "expires_at",
	                                  json_string_value(json_object_get(inv, "expires_at")), "survey",
	                                  survey_definition_to_json(def), "fill", "region", fill.region, "organisation",
	                                  fill.organisation));
}

int survey_api_public_submit(struct web_request *r)
{
	json_t *body, *inv;
	int rc = web_json_body(r, &body);
	if (rc || (rc = survey_web_invitation(r, r->params[0], &inv)))
		return rc;
	survey_web_own(r, inv);
	const char *key = json_string_value(json_object_get(body, "submission_key"));
	if (!survey_web_key_ok(key))
		return web_error(r, ERR_INVALID, "submission_key",
		                 "submission_key must be 16 to 64 letters, digits, '-' or '_' (the same for a resent copy)");
	json_t *answers = json_object_get(body, "answers");
	if (!json_is_object(answers))
		return web_error(r, ERR_INVALID, "answers", "answers must be an object");
	const struct survey_def *def;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(inv, "survey_id")), &def)))
		return rc;
	const char *lang = json_string_value(json_object_get(body, "lang"));
	if (!lang || !survey_has_lang(def, lang))
		lang = def->langs[0];
	if ((rc = refuse_if_erased(r, inv)))
		return rc;
	/* A resent copy is answered as the first was, even after the link has been used up by it. */
	json_t *prev;
	struct err e = {0};
	rc = survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(inv, "id")), key, &prev,
	                                  &e);
	if (rc == 0) {
		json_t *o = json_pack("{s:O,s:b}", "id", json_object_get(prev, "id"), "duplicate", 1);
		json_decref(prev);
		return web_json(r, 200, o);
	}
	if (rc != ERR_NOT_FOUND)
		return survey_web_fail(r, rc, &e);
	const char *state = survey_web_inv_state(inv);
	if (strcmp(state, "open") != 0)
		return web_error(r, ERR_CONFLICT, "token", "this survey link is %s", state);
	struct survey_answer_errors errs = {0};
	int64_t id;
	bool inserted;
	rc = submit_checked(r, inv, def, key, lang, answers, &id, &inserted, &errs); /* both checks made above */
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

