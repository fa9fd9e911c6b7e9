/* api_surveys: multilingual self-service intake. Survey definitions (list, view, import and export as JSON; the
 * defaults in data/surveys/ are registered at start when absent), invitation links (a random 32-byte token shown
 * once; only its hash is kept), the public form /s/{token} and its JSON twin, and the review queue from which a
 * counsellor accepts answers into a client's profile through the entity table's own validation.
 *   GET  /api/v1/surveys, /api/v1/surveys/{id}, /api/v1/surveys/{id}/definition     POST /api/v1/surveys (admin)
 *   GET|POST /api/v1/survey-invitations                                             (counsellor)
 *   GET  /api/v1/survey-responses[?status=], /api/v1/survey-responses/{id}           (counsellor, own organisation)
 *   POST /api/v1/survey-responses/{id}/accept {client_id | create_client, accept: [keys]}, .../dismiss
 *   GET  /api/v1/public/surveys/{token}   POST /api/v1/public/surveys/{token}/responses   (no login: the token)
 * Pages: /s/{token} (public form), /admin/surveys, /surveys/invitations, /reviews (src/web/pages/survey_*.c). */
#include <dirent.h>
#include <limits.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/audit.h"
#include "core/log.h"
#include "core/validate.h"
#include "report/report.h"
#include "store/entity_store.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/modules.h"
#include "web/pages/survey_internal.h"
#include "web/policy.h"

/* ---------------------------------------------------------------- helpers */

static void decref(void *p)
{
	json_decref(p);
}

static void free_def(void *p)
{
	survey_definition_free(p);
}

static json_t *own(struct web_request *r, json_t *j)
{
	if (j)
		arena_defer(r->arena, decref, j);
	return j;
}

static int fail(struct web_request *r, int rc, const struct err *e)
{
	r->err = *e;
	return rc;
}

const char *survey_web_text(const struct survey_def *def, const struct survey_text *t, const char *lang)
{
	const char *s = survey_text(def, t, lang);
	return s ? s : "";
}

int survey_web_def(struct web_request *r, int64_t org_id, int64_t id, const struct survey_def **out)
{
	json_t *row;
	struct err e = {0};
	int rc = survey_store_get(r->store, org_id, id, &row, &e);
	if (rc)
		return fail(r, rc, &e);
	own(r, row);
	const char *text = json_string_value(json_object_get(row, "definition"));
	struct survey_def *def;
	if ((rc = survey_definition_parse(text ? text : "", text ? strlen(text) : 0, &def, &e))) {
		log_error("event=survey_stored_invalid id=%lld message=\"%s\"", (long long)id, e.message);
		return web_error(r, ERR_INTERNAL, "", "a stored survey definition does not parse");
	}
	arena_defer(r->arena, free_def, def);
	*out = def;
	return 0;
}

static void iso_in(long seconds, char out[21])
{
	time_t t = time(NULL) + seconds;
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

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
	return rc ? fail(r, rc, &e) : 0;
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
	char buf[64];
	snprintf(buf, sizeof buf, "%s", json_string_value(s));
	for (char *p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	char *end;
	double d = strtod(buf, &end);
	if (*end || end == buf || strlen(json_string_value(s)) >= sizeof buf - 1)
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

int survey_web_submit(struct web_request *r, json_t *inv, const struct survey_def *def, const char *key,
                      const char *lang, json_t *typed, int64_t *id, bool *inserted, struct survey_answer_errors *errs)
{
	*inserted = false;
	int64_t inv_id = (int64_t)json_integer_value(json_object_get(inv, "id"));
	json_t *prev;
	struct err e = {0};
	int rc = survey_store_response_by_key(r->store, inv_id, key, &prev, &e);
	if (rc == 0) { /* sent twice: the first copy stands */
		*id = (int64_t)json_integer_value(json_object_get(prev, "id"));
		json_decref(prev);
		return 0;
	}
	if (rc != ERR_NOT_FOUND)
		return fail(r, rc, &e);
	if ((rc = survey_answers_validate(def, typed, lang, errs)))
		return rc == ERR_INVALID ? web_error(r, ERR_INVALID, errs->n ? errs->v[0].path : "", "%s",
		                                     errs->n ? errs->v[0].message : "invalid answers")
		                         : web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	json_t *pruned = own(r, survey_answers_prune(def, typed));
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
		return fail(r, rc, &e);
	if (*inserted && (rc = survey_store_invitation_use(r->store, inv_id, &e))) {
		/* The link was used up by another submission meanwhile: this one is not kept, whatever the caller commits. */
		struct err e2 = {0};
		*inserted = false;
		if (rc == ERR_CONFLICT && survey_store_response_delete(r->store, *id, &e2))
			return fail(r, e2.code, &e2);
		return fail(r, rc, &e);
	}
	return 0;
}

/* ---------------------------------------------------------------- review items */

static const struct {
	const char *table, *entity;
} tables[] = {
	{"client", "clients"},
	{"work_history", "work-history"},
	{"educations", "educations"},
	{"client_skills", "client-skills"},
	{"client_languages", "client-languages"},
	{"certificates", "certificates"},
	{"target_occupations", "target-occupations"},
};

static const char *entity_of_table(const char *table, size_t n)
{
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		if (strlen(tables[i].table) == n && strncmp(tables[i].table, table, n) == 0)
			return tables[i].entity;
	return NULL;
}

static bool is_uri(json_t *v)
{
	return json_is_string(v) && strncmp(json_string_value(v), "http", 4) == 0;
}

/* The value for an entity column: integers for whole-number columns, as given otherwise; NULL to leave it out. */
static json_t *column_value(const char *entity, const char *col, json_t *v)
{
	const struct entity_def *d = entity_find(entity);
	const struct field_def *f = d ? entity_field(d, col) : NULL;
	if (!f || !v)
		return NULL;
	if (f->type == FT_INT) {
		if (json_is_integer(v))
			return json_incref(v);
		if (json_is_real(v))
			return json_integer((json_int_t)json_real_value(v));
		if (json_is_string(v)) {
			char *end;
			long long x = strtoll(json_string_value(v), &end, 10);
			return *end || end == json_string_value(v) ? NULL : json_integer(x);
		}
		return NULL;
	}
	if (f->type == FT_REAL)
		return json_is_number(v) ? json_real(json_number_value(v)) : NULL;
	if ((f->type == FT_ESCO_OCCUPATION || f->type == FT_ESCO_SKILL) && !is_uri(v))
		return NULL;
	return json_incref(v);
}

static json_t *item_new(json_t *items, const char *key, const char *entity)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) if (strcmp(json_string_value(json_object_get(it, "key")), key) == 0) return it;
	it = json_pack("{s:s,s:s,s:{},s:[]}", "key", key, "entity", entity, "fields", "questions");
	json_array_append_new(items, it);
	return it;
}

static void item_add(json_t *it, const char *qid, const char *col, json_t *val)
{
	json_t *qs = json_object_get(it, "questions");
	size_t i;
	json_t *x;
	bool have = false;
	json_array_foreach(qs, i, x) have |= strcmp(json_string_value(x), qid) == 0;
	if (!have)
		json_array_append_new(qs, json_string(qid));
	if (val && !json_object_get(json_object_get(it, "fields"), col))
		json_object_set_new(json_object_get(it, "fields"), col, val);
	else
		json_decref(val);
}

static const char *cert_kind(const char *value)
{
	if (strncmp(value, "driving", 7) == 0)
		return "driving_licence";
	if (strstr(value, "card") || strstr(value, "passport"))
		return "card";
	if (strstr(value, "licen") || strstr(value, "forklift"))
		return "licence";
	return "certificate";
}

/* One question's answer v into items; scope names the row ("about_you", "work_history[1]"). */
static void map_answer(const struct survey_def *def, json_t *items, const struct survey_question *q, json_t *v,
                       const char *scope)
{
	const char *m = q->maps_to;
	if (!m || !v || strncmp(m, "spouse.", 7) == 0) /* a spouse is a client of its own: created by hand */
		return;
	const char *dot = strchr(m, '.');
	size_t tlen = dot ? (size_t)(dot - m) : strlen(m);
	const char *entity = entity_of_table(m, tlen);
	if (!entity)
		return;
	char key[160];
	if (strncmp(m, "client.", 7) == 0) {
		json_t *cv = column_value(entity, dot + 1, v);
		if (!cv)
			return;
		snprintf(key, sizeof key, "%s", m);
		item_add(item_new(items, key, entity), q->id, dot + 1, cv);
		return;
	}
	if (dot) { /* a column of a row built from the whole group (or repeat) */
		snprintf(key, sizeof key, "%.*s:%s", (int)tlen, m, scope);
		json_t *it = item_new(items, key, entity);
		const char *col = dot + 1;
		json_t *cv = column_value(entity, col, v);
		if (!cv && (strcmp(col, "esco_occupation") == 0 || strcmp(col, "esco_skill") == 0) && json_is_string(v)) {
			/* typed when nothing in the list fitted: the text goes where a person reads it */
			item_add(it, q->id, strcmp(entity, "client-skills") == 0 ? "label" : "title", json_incref(v));
			return;
		}
		if (!cv && strcmp(col, "isced_level") == 0)
			return;
		item_add(it, q->id, col, cv);
		return;
	}
	/* a whole-row answer: one row per pick */
	size_t k = 0;
	if (strcmp(m, "client_languages") == 0) {
		const char *lang;
		json_t *lv;
		json_object_foreach(v, lang, lv) {
			snprintf(key, sizeof key, "client_languages:%s[%zu]", q->id, k++);
			json_t *it = item_new(items, key, entity);
			item_add(it, q->id, "language", json_string(lang));
			item_add(it, q->id, "level", json_incref(lv));
		}
		return;
	}
	json_t *list = json_is_array(v) ? json_incref(v) : json_pack("[O]", v);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (!json_is_string(x))
			continue;
		snprintf(key, sizeof key, "%.*s:%s[%zu]", (int)tlen, m, q->id, k++);
		json_t *it = item_new(items, key, entity);
		const char *s = json_string_value(x);
		if (strcmp(m, "client_skills") == 0) {
			item_add(it, q->id, is_uri(x) ? "esco_skill" : "label", json_incref(x));
			item_add(it, q->id, "evidence", json_string("self_declared"));
		} else if (strcmp(m, "target_occupations") == 0) {
			item_add(it, q->id, is_uri(x) ? "esco_occupation" : "title", json_incref(x));
		} else if (strcmp(m, "certificates") == 0) {
			const struct survey_option *o = survey_find_option(q, s);
			item_add(it, q->id, "kind", json_string(cert_kind(s)));
			item_add(it, q->id, "name", json_string(o ? survey_web_text(def, &o->text, def->langs[0]) : s));
		}
	}
	json_decref(list);
}

json_t *survey_web_review_items(const struct survey_def *def, json_t *answers)
{
	json_t *items = json_array();
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		if (g->repeatable) {
			size_t i;
			json_t *entry;
			json_array_foreach(json_object_get(answers, g->id), i, entry) {
				char scope[96];
				snprintf(scope, sizeof scope, "%s[%zu]", g->id, i);
				for (size_t k = 0; k < g->n_questions; k++)
					map_answer(def, items, &g->questions[k], json_object_get(entry, g->questions[k].id), scope);
			}
			continue;
		}
		for (size_t k = 0; k < g->n_questions; k++)
			map_answer(def, items, &g->questions[k], json_object_get(answers, g->questions[k].id), g->id);
	}
	/* certificates.name from a text question gets a kind so the row can be written */
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_t *f = json_object_get(it, "fields");
		if (strcmp(json_string_value(json_object_get(it, "entity")), "certificates") == 0 && !json_object_get(f, "kind"))
			json_object_set_new(f, "kind", json_string("other"));
	}
	return items;
}

/* ---------------------------------------------------------------- accepting into a profile */

static int item_error(struct web_request *r, const char *key, struct err *e)
{
	char field[200];
	snprintf(field, sizeof field, "%s%s%s", key, e->field[0] ? "." : "", e->field);
	r->err = *e;
	size_t n = strlen(field) < sizeof r->err.field - 1 ? strlen(field) : sizeof r->err.field - 1;
	memcpy(r->err.field, field, n);
	r->err.field[n] = 0;
	return e->code ? (int)e->code : ERR_INVALID;
}

static int audit_write_row(struct web_request *r, const char *action, const char *entity, int64_t id,
                           int64_t client_id, const char *detail)
{
	struct err e = {0};
	int rc = audit_principal(r->store, &r->p, action, entity, id, client_id, detail, &e);
	return rc ? fail(r, rc, &e) : 0;
}

int survey_web_accept(struct web_request *r, int64_t response_id, int64_t client_id, json_t *keys,
                      int64_t *out_client, json_t **written)
{
	*written = NULL;
	json_t *resp;
	struct err e = {0};
	int rc = survey_store_response_get(r->store, r->p.org_id, response_id, &resp, &e);
	if (rc)
		return fail(r, rc, &e);
	own(r, resp);
	if (strcmp(json_string_value(json_object_get(resp, "status")), "submitted") != 0)
		return web_error(r, ERR_CONFLICT, "status", "this response has already been reviewed");
	const struct survey_def *def;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(resp, "survey_id")), &def)))
		return rc;
	json_error_t je;
	const char *atext = json_string_value(json_object_get(resp, "answers"));
	json_t *answers = own(r, json_loads(atext ? atext : "{}", 0, &je));
	json_t *items = own(r, survey_web_review_items(def, answers));
	if (!json_is_array(keys))
		return web_error(r, ERR_INVALID, "accept", "accept must be a list of item keys");
	json_t *chosen = own(r, json_array());
	json_t *client_body = own(r, json_object());
	size_t i;
	json_t *k;
	json_array_foreach(keys, i, k) {
		json_t *found = NULL, *it;
		size_t j;
		json_array_foreach(items, j, it) if (json_is_string(k) &&
		                                     strcmp(json_string_value(json_object_get(it, "key")),
		                                            json_string_value(k)) == 0) found = it;
		if (!found)
			return web_error(r, ERR_INVALID, "accept", "%.80s is not an item of this response",
			                 json_is_string(k) ? json_string_value(k) : "(not text)");
		if (strcmp(json_string_value(json_object_get(found, "entity")), "clients") == 0)
			json_object_update(client_body, json_object_get(found, "fields"));
		else
			json_array_append(chosen, found);
	}
	*written = json_array();
	own(r, *written);
	const struct entity_def *cd = entity_find("clients");
	if ((rc = policy_entity_access(r, cd, ACC_WRITE)))
		return rc;
	struct entity_input in = {0};
	int64_t org = r->p.org_id;
	if (!client_id) { /* a new client from the accepted client fields */
		if (r->p.role == ROLE_COUNSELLOR)
			json_object_set_new(client_body, "counsellor_id", json_integer(r->p.user_id));
		if ((rc = entity_validate(cd, client_body, true, r->arena, &in, &e)) ||
		    (rc = policy_check_refs(r, cd, &in, &org, &e)) ||
		    (rc = store_entity_insert(r->store, cd, org, &in, &client_id, &e)))
			return item_error(r, "client", &e);
		if ((rc = audit_write_row(r, "create", "clients", client_id, client_id, "via=survey")))
			return rc;
		api_note_change(r, cd, client_id);
		json_array_append_new(*written, json_pack("{s:s,s:s,s:I}", "key", "client", "entity", "clients", "id",
		                                          (json_int_t)client_id));
	} else {
		json_t *old;
		if ((rc = store_entity_get(r->store, cd, r->p.org_id, client_id, &old, &e)))
			return item_error(r, "client_id", &e);
		bool archived = !json_is_null(json_object_get(old, "archived_at"));
		json_decref(old);
		if (archived)
			return web_error(r, ERR_CONFLICT, "client_id", "this client is archived");
		if (json_object_size(client_body)) {
			if ((rc = entity_validate(cd, client_body, false, r->arena, &in, &e)) ||
			    (rc = policy_check_refs(r, cd, &in, &org, &e)) ||
			    (rc = policy_check_write_fields(r, cd, &in, client_id, &e)) ||
			    (rc = store_entity_update(r->store, cd, r->p.org_id, client_id, &in, &e)))
				return item_error(r, "client", &e);
			char detail[300] = "via=survey fields=";
			const char *f;
			json_t *v;
			json_object_foreach(client_body, f, v) {
				size_t dl = strlen(detail);
				snprintf(detail + dl, sizeof detail - dl, "%s%s", dl > 18 ? "," : "", f);
			}
			if ((rc = audit_write_row(r, "update", "clients", client_id, client_id, detail)))
				return rc;
			api_note_change(r, cd, client_id);
			json_array_append_new(*written, json_pack("{s:s,s:s,s:I}", "key", "client", "entity", "clients", "id",
			                                          (json_int_t)client_id));
		}
	}
	json_t *it;
	json_array_foreach(chosen, i, it) {
		const char *key = json_string_value(json_object_get(it, "key"));
		const struct entity_def *d = entity_find(json_string_value(json_object_get(it, "entity")));
		json_t *body = own(r, json_deep_copy(json_object_get(it, "fields")));
		json_object_set_new(body, d->parent_field, json_integer(client_id));
		int64_t id, rorg;
		if ((rc = policy_entity_access(r, d, ACC_WRITE)))
			return rc;
		if ((rc = entity_validate(d, body, true, r->arena, &in, &e)) ||
		    (rc = policy_check_refs(r, d, &in, &rorg, &e)) ||
		    (rc = policy_check_write_fields(r, d, &in, client_id, &e)) ||
		    (rc = store_entity_insert(r->store, d, rorg, &in, &id, &e)) ||
		    /* the derivation the generic create runs: a profile part re-derives the client's outcomes */
		    (rc = report_profile_written(r->store, d->name, client_id, &e)))
			return item_error(r, key, &e);
		if ((rc = audit_write_row(r, "create", d->name, id, client_id, "via=survey")))
			return rc;
		api_note_change(r, d, id);
		json_array_append_new(*written, json_pack("{s:s,s:s,s:I}", "key", key, "entity", d->name, "id", (json_int_t)id));
	}
	json_t *dec = json_pack("{s:O,s:I}", "accepted", keys, "client_id", (json_int_t)client_id);
	char *dtext = dec ? json_dumps(dec, JSON_COMPACT) : NULL;
	json_decref(dec);
	if (!dtext)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	rc = survey_store_response_review(r->store, r->p.org_id, response_id, "accepted", client_id, r->p.user_id, dtext,
	                                  &e);
	free(dtext);
	if (rc)
		return fail(r, rc, &e);
	char detail[64];
	snprintf(detail, sizeof detail, "accepted=%zu", json_array_size(keys));
	if ((rc = audit_write_row(r, "accept", "survey-responses", response_id, client_id, detail)))
		return rc;
	*out_client = client_id;
	json_incref(*written); /* the caller owns it; the arena keeps its own reference */
	return 0;
}

/* ---------------------------------------------------------------- invitations, links, QR */

const char *survey_web_link(struct web_request *r, const char *token)
{
	const char *host = web_header(r, "Host");
	bool ok = host && *host && strlen(host) < 200;
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		     *p == '-' || *p == ':' || *p == '[' || *p == ']';
	const bool tls = r->srv && web_server_config(r->srv)->secure_cookies;
	return arena_printf(r->arena, "%s://%s/s/%s", tls ? "https" : "http", ok ? host : "localhost", token);
}

int survey_web_qr_svg(struct buf *b, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	const int w = qr->width, q = 4;
	html_printf(b,
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" "
	            "aria-label=\"%s\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	            "<path fill=\"#000\" d=\"",
	            w + 2 * q, w + 2 * q, label, w + 2 * q, w + 2 * q);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1)
				html_printf(b, "M%d %dh1v1h-1z", x + q, y + q);
	html_raw_trusted(b, "\"/></svg>");
	QRcode_free(qr);
	return b->failed ? -1 : 0;
}

static int get_long(struct web_request *r, json_t *body, const char *name, long def, long min, long max, long *out)
{
	json_t *v = json_object_get(body, name);
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return web_error(r, ERR_INVALID, name, "%s must be a whole number from %ld to %ld", name, min, max);
	*out = (long)json_integer_value(v);
	return 0;
}

int survey_web_invite(struct web_request *r, json_t *body, json_t **out)
{
	*out = NULL;
	static const char *const known[] = {"survey_id", "single_use", "count", "max_uses", "expires_in_days",
	                                    "client_id", "label", "lang", NULL};
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v) {
		bool ok = false;
		for (size_t i = 0; known[i]; i++)
			ok |= strcmp(k, known[i]) == 0;
		if (!ok)
			return web_error(r, ERR_INVALID, k, "%.60s is not a field of an invitation", k);
	}
	long survey_id, count, max_uses, days, client_id;
	int rc;
	if ((rc = get_long(r, body, "survey_id", 0, 1, 1L << 50, &survey_id)) ||
	    (rc = get_long(r, body, "count", 1, 1, 100, &count)) ||
	    (rc = get_long(r, body, "max_uses", 0, 1, 100000, &max_uses)) ||
	    (rc = get_long(r, body, "expires_in_days", 14, 1, 365, &days)) ||
	    (rc = get_long(r, body, "client_id", 0, 1, 1L << 50, &client_id)))
		return rc;
	if (!survey_id)
		return web_error(r, ERR_INVALID, "survey_id", "survey_id is required");
	json_t *su = json_object_get(body, "single_use");
	if (su && !json_is_boolean(su))
		return web_error(r, ERR_INVALID, "single_use", "single_use must be true or false");
	bool single = !su || json_is_true(su);
	const char *label = json_string_value(json_object_get(body, "label"));
	if (json_object_get(body, "label") && !json_is_null(json_object_get(body, "label")) &&
	    (!label || strlen(label) > 100 || !validate_utf8(label, strlen(label))))
		return web_error(r, ERR_INVALID, "label", "label must be text of at most 100 bytes");
	const char *lang = json_string_value(json_object_get(body, "lang"));
	if (lang && !validate_lang_code(lang))
		return web_error(r, ERR_INVALID, "lang", "lang must be a two-letter language code");
	if (!single)
		count = 1;
	struct err e = {0};
	json_t *srow;
	if ((rc = survey_store_get(r->store, r->p.org_id, survey_id, &srow, &e)))
		return fail(r, rc, &e);
	json_decref(srow);
	if (client_id) {
		json_t *c;
		if ((rc = store_entity_get(r->store, entity_find("clients"), r->p.org_id, client_id, &c, &e)))
			return fail(r, rc == ERR_NOT_FOUND ? ERR_INVALID : rc,
			            &(struct err){ERR_INVALID, "no client with that id that you can use", "client_id"});
		json_decref(c);
	}
	char expires[21];
	iso_in(days * 86400L, expires);
	json_t *items = own(r, json_array());
	for (long i = 0; i < count; i++) {
		char tok[AUTH_TOKEN_HEX + 1], hash[65];
		auth_random_token(tok);
		auth_hash_hex(tok, strlen(tok), hash);
		struct survey_invitation_new in = {
			.org_id = r->p.org_id, .survey_id = survey_id, .client_id = client_id, .created_by = r->p.user_id,
			.token_hash = hash, .label = label, .lang = lang, .expires_at = expires, .single_use = single,
			.max_uses = single ? 0 : max_uses,
		};
		int64_t id;
		if ((rc = survey_store_invitation_insert(r->store, &in, &id, &e)))
			return fail(r, rc, &e);
		if ((rc = audit_write_row(r, "create", "survey-invitations", id, client_id, single ? "single_use" : "group")))
			return rc;
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)id, "token", tok, "url",
		                                       survey_web_link(r, tok), "expires_at", expires, "single_use", single));
	}
	*out = json_pack("{s:O}", "items", items);
	return 0;
}

/* ---------------------------------------------------------------- JSON API handlers */

static json_t *survey_summary(json_t *row)
{
	const char *text = json_string_value(json_object_get(row, "definition"));
	json_error_t je;
	json_t *d = text ? json_loads(text, 0, &je) : NULL;
	json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:b,s:O,s:O}", "id", json_object_get(row, "id"), "slug",
	                      json_object_get(row, "slug"), "version", json_object_get(row, "version"), "organisation_id",
	                      json_object_get(row, "organisation_id"), "default",
	                      json_is_null(json_object_get(row, "organisation_id")), "title",
	                      d && json_object_get(d, "title") ? json_object_get(d, "title") : json_null(), "languages",
	                      d && json_object_get(d, "languages") ? json_object_get(d, "languages") : json_array());
	json_decref(d);
	return o;
}

static int surveys_list(struct web_request *r)
{
	json_t *items, *out = json_array();
	struct err e = {0};
	int rc = survey_store_list(r->store, r->p.org_id, &items, &e);
	if (rc) {
		json_decref(out);
		return fail(r, rc, &e);
	}
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) json_array_append_new(out, survey_summary(row));
	json_decref(items);
	return web_json(r, 200, json_pack("{s:o}", "items", out));
}

static int surveys_get(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	const struct survey_def *def;
	int rc = survey_web_def(r, r->p.org_id, id, &def);
	if (rc)
		return rc;
	json_t *row;
	struct err e = {0};
	if ((rc = survey_store_get(r->store, r->p.org_id, id, &row, &e)))
		return fail(r, rc, &e);
	json_t *o = survey_summary(row);
	json_decref(row);
	json_object_set_new(o, "definition", survey_definition_to_json(def));
	return web_json(r, 200, o);
}

static int surveys_export(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	const struct survey_def *def;
	int rc = survey_web_def(r, r->p.org_id, id, &def);
	if (rc)
		return rc;
	char cd[160];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-v%ld.json\"", def->slug, def->version);
	web_add_header(r, "Content-Disposition", cd);
	return web_json(r, 200, survey_definition_to_json(def));
}

int survey_web_import(struct web_request *r, const char *text, size_t len, json_t **out)
{
	*out = NULL;
	struct survey_def *def;
	struct err e = {0};
	int rc = survey_definition_parse(text, len, &def, &e);
	if (rc)
		return fail(r, rc, &e);
	json_t *canon = survey_definition_to_json(def);
	char *ctext = canon ? json_dumps(canon, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(canon);
	int64_t id = 0;
	if (!ctext)
		rc = web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	else if ((rc = survey_store_insert(r->store, r->p.org_id, def->slug, def->version, ctext, &id, &e)))
		fail(r, rc, &e);
	free(ctext);
	if (!rc) {
		char detail[120];
		snprintf(detail, sizeof detail, "slug=%s version=%ld", def->slug, def->version);
		rc = audit_write_row(r, "create", "surveys", id, 0, detail);
		*out = json_pack("{s:I,s:s,s:I}", "id", (json_int_t)id, "slug", def->slug, "version", (json_int_t)def->version);
	}
	survey_definition_free(def);
	return rc;
}

static int surveys_import(struct web_request *r)
{
	if (!r->body_len)
		return web_error(r, ERR_INVALID, "", "the request needs the survey definition (JSON) as its body");
	json_t *out;
	int rc = survey_web_import(r, r->body, r->body_len, &out);
	if (rc)
		return rc;
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/surveys/%lld", (long long)json_integer_value(json_object_get(out, "id")));
	web_add_header(r, "Location", loc);
	return web_json(r, 201, out);
}

static int invitations_list(struct web_request *r)
{
	json_t *items;
	struct err e = {0};
	int rc = survey_store_invitation_list(r->store, r->p.org_id, &items, &e);
	if (rc)
		return fail(r, rc, &e);
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) json_object_set_new(row, "state", json_string(survey_web_inv_state(row)));
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

static int invitations_create(struct web_request *r)
{
	json_t *body, *out;
	int rc = web_json_body(r, &body);
	if (rc || (rc = survey_web_invite(r, body, &out)))
		return rc;
	return web_json(r, 201, out);
}

static int responses_list(struct web_request *r)
{
	const char *status = web_query(r, "status");
	if (status && strcmp(status, "submitted") != 0 && strcmp(status, "accepted") != 0 &&
	    strcmp(status, "dismissed") != 0)
		return web_error(r, ERR_INVALID, "status", "status must be submitted, accepted or dismissed");
	json_t *items;
	struct err e = {0};
	int rc = survey_store_response_list(r->store, r->p.org_id, status, 500, &items, &e);
	if (rc)
		return fail(r, rc, &e);
	if (json_array_size(items) && (rc = audit_write_row(r, "list", "survey-responses", 0, 0, "queue"))) {
		json_decref(items);
		return rc;
	}
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

static int responses_get(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *row;
	struct err e = {0};
	int rc = survey_store_response_get(r->store, r->p.org_id, id, &row, &e);
	if (rc)
		return fail(r, rc, &e);
	own(r, row);
	const struct survey_def *def;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(row, "survey_id")), &def)))
		return rc;
	json_error_t je;
	const char *a = json_string_value(json_object_get(row, "answers"));
	json_t *answers = json_loads(a ? a : "{}", 0, &je);
	json_t *o = json_deep_copy(row);
	json_object_set_new(o, "answers", answers ? answers : json_object());
	json_object_set_new(o, "items", survey_web_review_items(def, json_object_get(o, "answers")));
	json_object_set_new(o, "survey", json_pack("{s:s,s:I}", "slug", def->slug, "version", (json_int_t)def->version));
	int64_t cid = (int64_t)json_integer_value(json_object_get(row, "client_id"));
	if ((rc = audit_write_row(r, "read", "survey-responses", id, cid, NULL))) {
		json_decref(o);
		return rc;
	}
	return web_json(r, 200, o);
}

static int responses_accept(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *cid = json_object_get(body, "client_id");
	int64_t client_id = json_is_integer(cid) ? (int64_t)json_integer_value(cid) : 0;
	if (cid && !json_is_null(cid) && client_id <= 0)
		return web_error(r, ERR_INVALID, "client_id", "client_id must be the id of a client");
	if (!client_id && !json_is_true(json_object_get(body, "create_client"))) {
		json_t *row;
		struct err e = {0};
		if ((rc = survey_store_response_get(r->store, r->p.org_id, id, &row, &e)))
			return fail(r, rc, &e);
		client_id = (int64_t)json_integer_value(json_object_get(row, "invitation_client_id"));
		json_decref(row);
		if (!client_id)
			return web_error(r, ERR_INVALID, "client_id",
			                 "name the client (client_id) or ask for a new one (create_client: true)");
	}
	int64_t out_client;
	json_t *written;
	if ((rc = survey_web_accept(r, id, client_id, json_object_get(body, "accept") ? json_object_get(body, "accept")
	                                                                              : own(r, json_array()),
	                            &out_client, &written)))
		return rc;
	return web_json(r, 200, json_pack("{s:I,s:o}", "client_id", (json_int_t)out_client, "written", written));
}

static int responses_dismiss(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *row;
	struct err e = {0};
	int rc = survey_store_response_get(r->store, r->p.org_id, id, &row, &e);
	if (rc)
		return fail(r, rc, &e);
	bool open = strcmp(json_string_value(json_object_get(row, "status")), "submitted") == 0;
	json_decref(row);
	if (!open)
		return web_error(r, ERR_CONFLICT, "status", "this response has already been reviewed");
	if ((rc = survey_store_response_review(r->store, r->p.org_id, id, "dismissed", 0, r->p.user_id, NULL, &e)))
		return fail(r, rc, &e);
	if ((rc = audit_write_row(r, "dismiss", "survey-responses", id, 0, NULL)))
		return rc;
	return web_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "dismissed"));
}

static int public_get(struct web_request *r)
{
	json_t *inv;
	int rc = survey_web_invitation(r, r->params[0], &inv);
	if (rc)
		return rc;
	own(r, inv);
	const struct survey_def *def;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(inv, "survey_id")), &def)))
		return rc;
	return web_json(r, 200, json_pack("{s:s,s:s?,s:o}", "state", survey_web_inv_state(inv), "expires_at",
	                                  json_string_value(json_object_get(inv, "expires_at")), "survey",
	                                  survey_definition_to_json(def)));
}

static int public_submit(struct web_request *r)
{
	json_t *body, *inv;
	int rc = web_json_body(r, &body);
	if (rc || (rc = survey_web_invitation(r, r->params[0], &inv)))
		return rc;
	own(r, inv);
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
	/* A resent copy is answered as the first was, even after the link has been used up by it. */
	json_t *prev;
	struct err e = {0};
	if (survey_store_response_by_key(r->store, (int64_t)json_integer_value(json_object_get(inv, "id")), key, &prev,
	                                 &e) == 0) {
		json_t *o = json_pack("{s:O,s:b}", "id", json_object_get(prev, "id"), "duplicate", 1);
		json_decref(prev);
		return web_json(r, 200, o);
	}
	const char *state = survey_web_inv_state(inv);
	if (strcmp(state, "open") != 0)
		return web_error(r, ERR_CONFLICT, "token", "this survey link is %s", state);
	struct survey_answer_errors errs = {0};
	int64_t id;
	bool inserted;
	rc = survey_web_submit(r, inv, def, key, lang, answers, &id, &inserted, &errs);
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

/* ---------------------------------------------------------------- pages wrappers and route table */

#define PAGE(fn)                                     \
	static int fn##_route(struct web_request *r) \
	{                                            \
		return page_run(r, fn, CSRF_SESSION);    \
	}
PAGE(ui_survey_admin)
PAGE(ui_survey_admin_upload)
PAGE(ui_survey_admin_download)
PAGE(ui_survey_invitations)
PAGE(ui_survey_invitations_create)
PAGE(ui_survey_reviews)
PAGE(ui_survey_review)
PAGE(ui_survey_review_accept)
PAGE(ui_survey_review_dismiss)

enum {
	H = RF_HTML,
	P = RF_PUBLIC,
	ADMIN = ROLE_BIT(ROLE_ADMIN),
	COUNSELLOR = ROLE_BIT(ROLE_COUNSELLOR),
	READERS = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_MANAGER),
};

const struct route api_surveys_routes[] = {
	{"GET", "/api/v1/surveys", surveys_list, 0, READERS, "survey definitions the organisation may use"},
	{"POST", "/api/v1/surveys", surveys_import, 0, ADMIN, "import a survey definition (the JSON as the body)"},
	{"GET", "/api/v1/surveys/{id}", surveys_get, 0, READERS, "a survey definition with its metadata"},
	{"GET", "/api/v1/surveys/{id}/definition", surveys_export, 0, READERS, "export a survey definition as JSON"},
	{"GET", "/api/v1/survey-invitations", invitations_list, 0, COUNSELLOR, "survey links of the organisation"},
	{"POST", "/api/v1/survey-invitations", invitations_create, 0, COUNSELLOR,
	 "create survey links (the tokens are shown once)"},
	{"GET", "/api/v1/survey-responses", responses_list, 0, COUNSELLOR, "the review queue (?status=)"},
	{"GET", "/api/v1/survey-responses/{id}", responses_get, 0, COUNSELLOR, "a response with the items to accept"},
	{"POST", "/api/v1/survey-responses/{id}/accept", responses_accept, 0, COUNSELLOR,
	 "accept items of a response into a client's profile"},
	{"POST", "/api/v1/survey-responses/{id}/dismiss", responses_dismiss, 0, COUNSELLOR,
	 "close a response without writing a profile"},
	{"GET", "/api/v1/public/surveys/{token}", public_get, P, 0, "the survey of a link and whether it is open"},
	{"POST", "/api/v1/public/surveys/{token}/responses", public_submit, P, 0,
	 "submit answers through a link (stored once per submission_key)"},
	{"GET", "/s/{token}", survey_form_get, P | H, 0, "public survey form"},
	{"POST", "/s/{token}", survey_form_post, P | H, 0, "public survey form step (form)"},
	{"GET", "/s/{token}/done", survey_form_done, P | H, 0, "thank-you page with the answer copy"},
	{"GET", "/s/{token}/copy", survey_form_copy, P | H, 0, "a copy of the submitted answers (HTML or JSON)"},
	{"GET", "/admin/surveys", ui_survey_admin_route, H, ADMIN, "survey definitions: upload and download"},
	{"POST", "/admin/surveys", ui_survey_admin_upload_route, H, ADMIN, "upload a survey definition (form)"},
	{"GET", "/admin/surveys/{id}/definition", ui_survey_admin_download_route, H, ADMIN, "download a definition"},
	{"GET", "/surveys/invitations", ui_survey_invitations_route, H, COUNSELLOR, "survey links"},
	{"POST", "/surveys/invitations", ui_survey_invitations_create_route, H, COUNSELLOR,
	 "create survey links and print them with QR codes (form)"},
	{"GET", "/reviews", ui_survey_reviews_route, H, COUNSELLOR, "survey answers waiting for review"},
	{"GET", "/reviews/{id}", ui_survey_review_route, H, COUNSELLOR, "review answers beside the client's profile"},
	{"POST", "/reviews/{id}/accept", ui_survey_review_accept_route, H, COUNSELLOR, "accept answers (form)"},
	{"POST", "/reviews/{id}/dismiss", ui_survey_review_dismiss_route, H, COUNSELLOR, "dismiss answers (form)"},
};
const size_t api_surveys_routes_count = sizeof api_surveys_routes / sizeof *api_surveys_routes;

/* ---------------------------------------------------------------- start: register the default surveys */

static bool find_surveys_dir(char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[len > 0 ? len : 0] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	const char *cands[] = {".", exe, exe, exe};
	const char *ups[] = {"", "/..", "/../..", "/../share/osaaja"};
	for (size_t i = 0; i < 4; i++) {
		if (i > 0 && !exe[0])
			break;
		snprintf(out, n, "%s%s/data/surveys", cands[i], ups[i]);
		if (access(out, R_OK | X_OK) == 0)
			return true;
	}
	return false;
}

static int load_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char *b = malloc(SURVEY_MAX_TEXT_BYTES + 1);
	size_t n = b ? fread(b, 1, SURVEY_MAX_TEXT_BYTES + 1, f) : 0;
	fclose(f);
	if (!b || n > SURVEY_MAX_TEXT_BYTES) {
		free(b);
		return -1;
	}
	*text = b;
	*len = n;
	return 0;
}

static int register_defaults(struct store *s, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct err e = {0};
	int rc = 0, added = 0;
	if (store_begin(s, &e)) {
		closedir(d);
		fprintf(stderr, "osaaja serve: surveys: %s\n", e.message);
		return -1;
	}
	struct dirent *de;
	while (!rc && (de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		if (nl < 6 || de->d_name[0] == '.' || strcmp(de->d_name + nl - 5, ".json") != 0)
			continue;
		char path[PATH_MAX + 256];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		char *text;
		size_t len;
		struct survey_def *def;
		if (load_file(path, &text, &len)) {
			fprintf(stderr, "osaaja serve: cannot read %s\n", path);
			rc = -1;
			break;
		}
		if (survey_definition_parse(text, len, &def, &e)) {
			fprintf(stderr, "osaaja serve: %s: %s\n", path, e.message);
			free(text);
			rc = -1;
			break;
		}
		free(text);
		bool found;
		if ((rc = survey_store_exists(s, 0, def->slug, def->version, &found, &e)) == 0 && !found) {
			json_t *canon = survey_definition_to_json(def);
			char *ctext = canon ? json_dumps(canon, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
			json_decref(canon);
			int64_t id;
			rc = ctext ? survey_store_insert(s, 0, def->slug, def->version, ctext, &id, &e) : -1;
			free(ctext);
			added += rc == 0;
		}
		if (rc)
			fprintf(stderr, "osaaja serve: cannot register survey %s: %s\n", def->slug, e.message);
		survey_definition_free(def);
	}
	closedir(d);
	if (rc) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, &e)) {
		fprintf(stderr, "osaaja serve: surveys: %s\n", e.message);
		return -1;
	}
	if (added)
		log_info("event=surveys_registered count=%d", added);
	return 0;
}

int api_surveys_start(struct store *s, const char *db_url)
{
	(void)db_url;
	char dir[PATH_MAX];
	if (!find_surveys_dir(dir, sizeof dir)) {
		log_warn("event=surveys_start message=\"data/surveys not found; no default surveys registered\"");
		return 0;
	}
	return register_defaults(s, dir);
}

void api_surveys_stop(void)
{
}
