/* api_surveys_review: the review queue. The items a response offers a counsellor (one per profile row its answers
 * map to), accepting chosen items into a client's profile through the entity rules and derivations in the request's
 * transaction, and the JSON routes of the queue (list, read, accept, dismiss). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "store/entity_store.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"
#include "app/policy.h"

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

/* ---------------------------------------------------------------- one response */

int survey_web_response(struct web_request *r, int64_t id, json_t **row, const struct survey_def **def,
                        json_t **answers)
{
	if (id <= 0)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	struct err e = {0};
	int rc = survey_store_response_get(r->store, r->p.org_id, id, row, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	survey_web_own(r, *row);
	if (!def)
		return 0;
	if ((rc = survey_web_def(r, 0, (int64_t)json_integer_value(json_object_get(*row, "survey_id")), def)))
		return rc;
	json_error_t je;
	const char *text = json_string_value(json_object_get(*row, "answers"));
	*answers = survey_web_own(r, json_loads(text ? text : "{}", 0, &je));
	if (!*answers)
		*answers = survey_web_own(r, json_object());
	return *answers ? 0 : web_error(r, ERR_UNAVAILABLE, "", "out of memory");
}

/* Whether a response still waits for its review; else a 409 on r. */
static int still_open(struct web_request *r, json_t *row)
{
	if (strcmp(json_string_value(json_object_get(row, "status")), "submitted") != 0)
		return web_error(r, ERR_CONFLICT, "status", "this response has already been reviewed");
	return 0;
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

/* Sorts the accepted keys: client.* fields merge into *client_body, every other item goes to *rows (both owned by
 * r's arena). A key that is not an item of the response is a 400 naming "accept". */
static int pick_items(struct web_request *r, json_t *items, json_t *keys, json_t **client_body, json_t **rows)
{
	if (!json_is_array(keys))
		return web_error(r, ERR_INVALID, "accept", "accept must be a list of item keys");
	*rows = survey_web_own(r, json_array());
	*client_body = survey_web_own(r, json_object());
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
			json_object_update(*client_body, json_object_get(found, "fields"));
		else
			json_array_append(*rows, found);
	}
	return 0;
}

/* After a row was written: audited, announced to the match index, listed in written. */
static int wrote(struct web_request *r, json_t *written, const char *action, const struct entity_def *d, int64_t id,
                 int64_t client_id, const char *key, const char *detail)
{
	int rc = survey_web_audit(r, action, d->name, id, client_id, detail);
	if (rc)
		return rc;
	app_note_change(web_actor(r), d, id);
	json_array_append_new(written, json_pack("{s:s,s:s,s:I}", "key", key, "entity", d->name, "id", (json_int_t)id));
	return 0;
}

/* The accepted client fields: a new client (*client_id 0) created from them, or the existing one updated. */
static int write_client(struct web_request *r, json_t *body, int64_t *client_id, json_t *written)
{
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	struct entity_input in = {0};
	struct err e = {0};
	int64_t org = r->p.org_id;
	int rc = policy_entity_access(web_actor(r), cd, ACC_WRITE, &r->err);
	if (rc)
		return rc;
	if (!*client_id) {
		if (r->p.role == ROLE_COUNSELLOR)
			json_object_set_new(body, "counsellor_id", json_integer(r->p.user_id));
		if ((rc = entity_validate(cd, body, true, r->arena, &in, &e)) ||
		    (rc = policy_check_refs(web_actor(r), cd, &in, &org, &e)) ||
		    (rc = store_entity_insert(r->store, cd, org, &in, client_id, &e)))
			return item_error(r, "client", &e);
		return wrote(r, written, "create", cd, *client_id, *client_id, "client", "via=survey");
	}
	json_t *old;
	if ((rc = store_entity_get(r->store, cd, r->p.org_id, *client_id, &old, &e)))
		return item_error(r, "client_id", &e);
	bool archived = !json_is_null(json_object_get(old, "archived_at"));
	json_decref(old);
	if (archived)
		return web_error(r, ERR_CONFLICT, "client_id", "this client is archived");
	if (!json_object_size(body))
		return 0;
	if ((rc = entity_validate(cd, body, false, r->arena, &in, &e)) || (rc = policy_check_refs(web_actor(r), cd, &in, &org, &e)) ||
	    (rc = policy_check_write_fields(web_actor(r), cd, &in, *client_id, 0, &e)) ||
	    (rc = store_entity_update(r->store, cd, r->p.org_id, *client_id, &in, &e)))
		return item_error(r, "client", &e);
	char detail[300] = "via=survey fields=";
	const char *f;
	json_t *v;
	json_object_foreach(body, f, v) {
		size_t dl = strlen(detail);
		snprintf(detail + dl, sizeof detail - dl, "%s%s", dl > 18 ? "," : "", f);
	}
	return wrote(r, written, "update", cd, *client_id, *client_id, "client", detail);
}

/* One profile row of an accepted item, through the entity rules and the derivations the generic create runs. */
static int write_row(struct web_request *r, json_t *item, int64_t client_id, json_t *written)
{
	const char *key = json_string_value(json_object_get(item, "key"));
	const struct entity_def *d = entity_find(json_string_value(json_object_get(item, "entity")));
	json_t *body = survey_web_own(r, json_deep_copy(json_object_get(item, "fields")));
	json_object_set_new(body, d->parent_field, json_integer(client_id));
	struct entity_input in = {0};
	struct err e = {0};
	int64_t id, org;
	int rc = policy_entity_access(web_actor(r), d, ACC_WRITE, &r->err);
	if (rc)
		return rc;
	if ((rc = entity_validate(d, body, true, r->arena, &in, &e)) || (rc = policy_check_refs(web_actor(r), d, &in, &org, &e)) ||
	    (rc = policy_check_write_fields(web_actor(r), d, &in, client_id, 0, &e)) ||
	    (rc = store_entity_insert(r->store, d, org, &in, &id, &e)) ||
	    /* as api_entity_create: a profile part re-derives the client's outcomes ("matches competence") */
	    (rc = report_profile_written(r->store, d->name, client_id, &e)))
		return item_error(r, key, &e);
	return wrote(r, written, "create", d, id, client_id, key, "via=survey");
}

int survey_web_accept(struct web_request *r, int64_t response_id, int64_t client_id, json_t *keys,
                      int64_t *out_client, json_t **written)
{
	*written = NULL;
	json_t *resp, *answers, *client_body = NULL, *rows = NULL;
	const struct survey_def *def;
	int rc = survey_web_response(r, response_id, &resp, &def, &answers);
	if (rc || (rc = still_open(r, resp)) ||
	    (rc = pick_items(r, survey_web_own(r, survey_web_review_items(def, answers)), keys, &client_body, &rows)))
		return rc;
	json_t *out = survey_web_own(r, json_array());
	if ((rc = write_client(r, client_body, &client_id, out)))
		return rc;
	size_t i;
	json_t *it;
	json_array_foreach(rows, i, it) if ((rc = write_row(r, it, client_id, out))) return rc;
	json_t *dec = json_pack("{s:O,s:I}", "accepted", keys, "client_id", (json_int_t)client_id);
	char *dtext = dec ? json_dumps(dec, JSON_COMPACT) : NULL;
	json_decref(dec);
	if (!dtext)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	struct err e = {0};
	rc = survey_store_response_review(r->store, r->p.org_id, response_id, "accepted", client_id, r->p.user_id, dtext,
	                                  &e);
	free(dtext);
	if (rc)
		return survey_web_fail(r, rc, &e);
	char detail[64];
	snprintf(detail, sizeof detail, "accepted=%zu", json_array_size(keys));
	if ((rc = survey_web_audit(r, "accept", "survey-responses", response_id, client_id, detail)))
		return rc;
	*out_client = client_id;
	*written = json_incref(out); /* the caller owns it; the arena keeps its own reference */
	return 0;
}

int survey_api_responses_list(struct web_request *r)
{
	const char *status = web_query(r, "status");
	if (status && strcmp(status, "submitted") != 0 && strcmp(status, "accepted") != 0 &&
	    strcmp(status, "dismissed") != 0)
		return web_error(r, ERR_INVALID, "status", "status must be submitted, accepted or dismissed");
	json_t *items;
	struct err e = {0};
	int rc = survey_store_response_list(r->store, r->p.org_id, status, 500, &items, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	if (json_array_size(items) && (rc = survey_web_audit(r, "list", "survey-responses", 0, 0, "queue"))) {
		json_decref(items);
		return rc;
	}
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

int survey_api_responses_get(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	json_t *row, *answers;
	const struct survey_def *def;
	int rc = survey_web_response(r, id, &row, &def, &answers);
	if (rc)
		return rc;
	json_t *o = json_deep_copy(row);
	json_object_set(o, "answers", answers);
	json_object_set_new(o, "items", survey_web_review_items(def, answers));
	json_object_set_new(o, "survey", json_pack("{s:s,s:I}", "slug", def->slug, "version", (json_int_t)def->version));
	int64_t cid = (int64_t)json_integer_value(json_object_get(row, "client_id"));
	if ((rc = survey_web_audit(r, "read", "survey-responses", id, cid, NULL))) {
		json_decref(o);
		return rc;
	}
	return web_json(r, 200, o);
}

int survey_api_responses_accept(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *body, *row;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *cid = json_object_get(body, "client_id");
	int64_t client_id = json_is_integer(cid) ? (int64_t)json_integer_value(cid) : 0;
	if (cid && !json_is_null(cid) && client_id <= 0)
		return web_error(r, ERR_INVALID, "client_id", "client_id must be the id of a client");
	if (!client_id && !json_is_true(json_object_get(body, "create_client"))) {
		if ((rc = survey_web_response(r, id, &row, NULL, NULL)))
			return rc;
		client_id = (int64_t)json_integer_value(json_object_get(row, "invitation_client_id"));
		if (!client_id)
			return web_error(r, ERR_INVALID, "client_id",
			                 "name the client (client_id) or ask for a new one (create_client: true)");
	}
	int64_t out_client;
	json_t *written;
	if ((rc = survey_web_accept(r, id, client_id, json_object_get(body, "accept") ? json_object_get(body, "accept")
	                                                                              : survey_web_own(r, json_array()),
	                            &out_client, &written)))
		return rc;
	return web_json(r, 200, json_pack("{s:I,s:o}", "client_id", (json_int_t)out_client, "written", written));
}

int survey_api_responses_dismiss(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	json_t *row;
	struct err e = {0};
	int rc = survey_web_response(r, id, &row, NULL, NULL);
	if (rc || (rc = still_open(r, row)))
		return rc;
	if ((rc = survey_store_response_review(r->store, r->p.org_id, id, "dismissed", 0, r->p.user_id, NULL, &e)))
		return survey_web_fail(r, rc, &e);
	if ((rc = survey_web_audit(r, "dismiss", "survey-responses", id, 0, NULL)))
		return rc;
	return web_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "dismissed"));
}

