/* api_entities: the generic JSON API for every entity of the domain table:
 *   GET /api/v1/{entity}?filters&q&limit&offset&archived   list
 *   POST /api/v1/{entity}                                   create (201)
 *   GET /api/v1/{entity}/{id}                               read
 *   PATCH /api/v1/{entity}/{id}                             update the fields given
 *   DELETE /api/v1/{entity}/{id}                            archive (kept for history and figures)
 * Every read or change of a client's personal data writes an audit entry in the same transaction.
 *
 * Versions: every record carries "version" (1 when created, +1 on each change). Answers for one record carry
 * ETag: W/"<version>". PATCH and DELETE honour If-Match: W/"<version>" (or "<version>"; "*" = any version): the store
 * changes the row only while it is still at that version, else 412 version_conflict with the record as it is now in
 * error.current. Without If-Match the change is made whatever the version (as before versions existed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "report/report.h"
#include "store/entity_store.h"
#include "web/api.h"
#include "web/policy.h"

static const struct entity_def *entity_of(struct web_request *r)
{
	const struct entity_def *d = entity_find(r->params[0]);
	if (!d)
		web_error(r, ERR_NOT_FOUND, "", "no such API route");
	return d;
}

static int audit_row(struct web_request *r, const struct entity_def *d, const char *action, int64_t id,
                     int64_t client_id, const char *detail)
{
	if (!d->client_field)
		return 0;
	struct err e = {0};
	if (audit_principal(r->store, &r->p, action, d->name, id, client_id, detail, &e)) {
		r->err = e;
		return e.code;
	}
	return 0;
}

static int parse_long(struct web_request *r, const char *name, long def, long min, long max, long *out)
{
	const char *s = web_query(r, name);
	*out = def;
	if (!s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max)
		return web_error(r, ERR_INVALID, name, "%s must be a whole number from %ld to %ld", name, min, max);
	*out = v;
	return 0;
}

struct query_scan {
	struct web_request *r;
	const struct entity_def *d;
	struct store_filter *filters;
	size_t n;
	int rc;
};

static int scan_query(void *cls, const char *key, const char *value)
{
	struct query_scan *q = cls;
	static const char *const reserved[] = {"q", "limit", "offset", "archived", "lang", NULL};
	for (size_t i = 0; reserved[i]; i++)
		if (strcmp(key, reserved[i]) == 0)
			return 0;
	const struct field_def *f = entity_field(q->d, key);
	if (!f || !(f->flags & FF_FILTER)) {
		q->rc = web_error(q->r, ERR_INVALID, key, "%.60s is not a filter of %s", key, q->d->name);
		return q->rc;
	}
	if (!value || q->n >= 16) {
		q->rc = web_error(q->r, ERR_INVALID, key, "filter %s needs a value", key);
		return q->rc;
	}
	if (f->type == FT_BOOL)
		value = strcmp(value, "true") == 0 ? "1" : strcmp(value, "false") == 0 ? "0" : value;
	q->filters[q->n].f = f;
	q->filters[q->n].value = value;
	q->n++;
	return 0;
}

int api_entity_list(struct web_request *r)
{
	const struct entity_def *d = entity_of(r);
	if (!d)
		return r->err.code;
	int rc = policy_entity_access(r, d, ACC_READ);
	if (rc)
		return rc;
	struct store_list_query lq = {0};
	long limit, offset;
	if ((rc = parse_long(r, "limit", 50, 1, 500, &limit)) || (rc = parse_long(r, "offset", 0, 0, 100000000, &offset)))
		return rc;
	lq.limit = limit;
	lq.offset = offset;
	lq.q = web_query(r, "q");
	if (lq.q && strlen(lq.q) > 200)
		return web_error(r, ERR_INVALID, "q", "the search text is too long (at most 200 characters)");
	const char *arch = web_query(r, "archived");
	lq.archived = arch && strcmp(arch, "true") == 0;
	struct store_filter filters[16];
	struct query_scan qs = {r, d, filters, 0, 0};
	if (web_query_each(r, scan_query, &qs))
		return qs.rc;
	lq.filters = filters;
	lq.nfilters = qs.n;
	json_t *items = NULL;
	int64_t total = 0;
	struct err e = {0};
	if ((rc = store_entity_list(r->store, d, policy_scope(r, d), &lq, &items, &total, &e))) {
		r->err = e;
		return rc;
	}
	size_t i;
	json_t *row;
	char detail[512] = "ids=";
	size_t dl = strlen(detail);
	json_array_foreach(items, i, row) {
		policy_redact(r, d, row);
		int64_t cid = policy_client_of(d, row);
		if (cid && dl < sizeof detail - 24)
			dl += (size_t)snprintf(detail + dl, sizeof detail - dl, "%s%lld", i ? "," : "", (long long)cid);
	}
	if (d->client_field && json_array_size(items) && (rc = audit_row(r, d, "list", 0, 0, detail))) {
		json_decref(items);
		return rc;
	}
	return web_json(r, 200,
	                json_pack("{s:o,s:I,s:i,s:i}", "items", items, "total", (json_int_t)total, "limit", (int)limit,
	                          "offset", (int)offset));
}

/* ETag of one record: W/"<version>". Weak, because what a role sees of the row differs (redaction); the version is the
 * record's. */
static void set_etag(struct web_request *r, json_t *row)
{
	char tag[40];
	snprintf(tag, sizeof tag, "W/\"%lld\"", (long long)json_integer_value(json_object_get(row, "version")));
	web_add_header(r, "ETag", tag);
}

/* The version If-Match asks for: 0 when there is no precondition (no header, or "*": the record exists, which the
 * caller already knows). One entity tag, W/"N" or "N", compared by version (weakly); anything else is a 400. */
static int if_match_version(struct web_request *r, int64_t *out)
{
	*out = 0;
	const char *h = r->if_match ? r->if_match : web_header(r, "If-Match");
	if (!h)
		return 0;
	while (*h == ' ' || *h == '\t')
		h++;
	size_t len = strlen(h);
	while (len && (h[len - 1] == ' ' || h[len - 1] == '\t'))
		len--;
	if (len == 1 && h[0] == '*')
		return 0;
	if (len > 2 && h[0] == 'W' && h[1] == '/') {
		h += 2;
		len -= 2;
	}
	int64_t v = 0;
	bool ok = len >= 3 && len <= 17 && h[0] == '"' && h[len - 1] == '"';
	for (size_t i = 1; ok && i + 1 < len; i++) {
		if (h[i] < '0' || h[i] > '9')
			ok = false;
		else
			v = v * 10 + (h[i] - '0');
	}
	if (!ok || v <= 0)
		return web_error(r, ERR_INVALID, "If-Match",
		                 "If-Match must be one entity tag as sent in this record's ETag, such as W/\"3\"");
	*out = v;
	return 0;
}

/* A change refused because the record is at another version: 412 with the record as it is now (as this user may see
 * it) in error.current and its ETag, so the client can show the other person's change. Sending the row is a read:
 * its audit entry is kept (the transaction commits; nothing else was written). */
static int version_conflict(struct web_request *r, const struct entity_def *d, int64_t id, int64_t client_id,
                            const struct err *e)
{
	json_t *now = NULL;
	struct err ge = {0};
	if (store_entity_get(r->store, d, policy_scope(r, d), id, &now, &ge) == 0) {
		policy_redact(r, d, now);
		set_etag(r, now);
		arena_defer(r->arena, (void (*)(void *))json_decref, now);
		if (!audit_row(r, d, "read", id, client_id, "version_conflict")) {
			r->err_current = now;
			r->commit_anyway = true;
		}
	}
	r->err = *e;
	return e->code;
}

/* The common start of the routes on /api/v1/{entity}/{id}: the entity, the role's access, the id, and the row as
 * the user may see it (other organisations' rows are not found). *row is the caller's to json_decref. */
static int target_row(struct web_request *r, enum access need, const struct entity_def **d, int64_t *id, json_t **row)
{
	*row = NULL;
	*d = entity_of(r);
	if (!*d)
		return r->err.code;
	int rc = policy_entity_access(r, *d, need);
	if (rc)
		return rc;
	*id = web_param_id(r, 1);
	if (!*id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	struct err e = {0};
	if ((rc = store_entity_get(r->store, *d, policy_scope(r, *d), *id, row, &e)))
		r->err = e;
	return rc;
}

int api_entity_get(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id;
	json_t *row;
	int rc = target_row(r, ACC_READ, &d, &id, &row);
	if (rc)
		return rc;
	policy_redact(r, d, row);
	if ((rc = audit_row(r, d, "read", id, policy_client_of(d, row), NULL))) {
		json_decref(row);
		return rc;
	}
	set_etag(r, row);
	return web_json(r, 200, row);
}

void api_note_change(struct web_request *r, const struct entity_def *d, int64_t id)
{
	if (r->nchanges < (int)(sizeof r->changes / sizeof *r->changes)) {
		r->changes[r->nchanges].entity = d->name;
		r->changes[r->nchanges].id = id;
		r->nchanges++;
	}
}

int api_entity_create(struct web_request *r)
{
	const struct entity_def *d = entity_of(r);
	if (!d)
		return r->err.code;
	int rc = policy_entity_access(r, d, ACC_WRITE);
	if (rc)
		return rc;
	json_t *body;
	if ((rc = web_json_body(r, &body)))
		return rc;
	struct entity_input in;
	struct err e = {0};
	if ((rc = entity_validate(d, body, true, r->arena, &in, &e)))
		goto fail;
	/* A counsellor who creates a client without naming a counsellor becomes the assigned counsellor. */
	if (strcmp(d->name, "clients") == 0 && r->p.role == ROLE_COUNSELLOR && !json_object_get(body, "counsellor_id")) {
		in.v[in.n].f = entity_field(d, "counsellor_id");
		in.v[in.n].i = r->p.user_id;
		in.n++;
	}
	int64_t org;
	if ((rc = policy_check_refs(r, d, &in, &org, &e)))
		goto fail;
	int64_t client_id = 0;
	for (size_t i = 0; i < in.n; i++)
		if (d->client_field && strcmp(in.v[i].f->name, d->client_field) == 0)
			client_id = in.v[i].i;
	if (strcmp(d->name, "clients") == 0) {
		json_t *c = json_object_get(body, "counsellor_id");
		bool self = r->p.role == ROLE_COUNSELLOR && (!c || (json_is_integer(c) && json_integer_value(c) == r->p.user_id));
		for (size_t i = 0; i < in.n; i++)
			if ((in.v[i].f->flags & FF_ASSIGNED_ONLY) && !self) {
				rc = err_set(&e, ERR_FORBIDDEN, in.v[i].f->name,
				             "only the client's assigned counsellor may record %s", in.v[i].f->name);
				goto fail;
			}
	} else if ((rc = policy_check_write_fields(r, d, &in, client_id, &e))) {
		goto fail;
	}
	if (strcmp(d->name, "users") == 0) {
		rc = err_set(&e, ERR_INVALID, "", "create users with POST /api/v1/users/new (it sets the password)");
		goto fail;
	}
	int64_t id;
	if ((rc = store_entity_insert(r->store, d, org, &in, &id, &e)))
		goto fail;
	/* domain hook, same transaction: validate the override and derive outcomes.matches_competence */
	if (strcmp(d->name, "outcomes") == 0 && (rc = report_outcome_written(r->store, id, &e)))
		goto fail;
	/* a profile part changed: re-derive the client's outcomes (report_profile_written ignores other entities) */
	if ((rc = report_profile_written(r->store, d->name, client_id, &e)))
		goto fail;
	json_t *row;
	if ((rc = store_entity_get(r->store, d, 0, id, &row, &e)))
		goto fail;
	if (strcmp(d->name, "clients") == 0)
		client_id = id;
	if ((rc = audit_row(r, d, "create", id, client_id, NULL))) {
		json_decref(row);
		return rc;
	}
	policy_redact(r, d, row);
	api_note_change(r, d, id);
	char loc[128];
	snprintf(loc, sizeof loc, "/api/v1/%s/%lld", d->name, (long long)id);
	web_add_header(r, "Location", loc);
	set_etag(r, row);
	return web_json(r, 201, row);
fail:
	r->err = e;
	return rc;
}

int api_entity_update(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id;
	json_t *old, *body;
	int rc = target_row(r, ACC_WRITE, &d, &id, &old);
	if (rc)
		return rc;
	struct entity_input in;
	struct err e = {0};
	if ((rc = web_json_body(r, &body))) {
		json_decref(old);
		return rc;
	}
	int64_t want;
	if ((rc = if_match_version(r, &want)))
		goto fail_web;
	if ((rc = entity_validate(d, body, false, r->arena, &in, &e)))
		goto fail;
	if (in.n == 0) {
		rc = err_set(&e, ERR_INVALID, "", "the body names no field to change");
		goto fail;
	}
	if (!json_is_null(json_object_get(old, "archived_at"))) {
		rc = err_set(&e, ERR_CONFLICT, "", "this %s is archived and cannot be changed", d->name);
		goto fail;
	}
	int64_t org;
	if ((rc = policy_check_refs(r, d, &in, &org, &e)))
		goto fail;
	int64_t client_id = policy_client_of(d, old);
	if ((rc = policy_check_write_fields(r, d, &in, client_id, &e)))
		goto fail;
	if ((rc = store_entity_update_if(r->store, d, policy_scope(r, d), id, &in, want, &e))) {
		if (rc == ERR_VERSION_CONFLICT) {
			json_decref(old);
			return version_conflict(r, d, id, client_id, &e);
		}
		goto fail;
	}
	if (strcmp(d->name, "outcomes") == 0 && (rc = report_outcome_written(r->store, id, &e)))
		goto fail;
	if ((rc = report_profile_written(r->store, d->name, client_id, &e)))
		goto fail;
	json_decref(old);
	old = NULL;
	char detail[300] = "fields=";
	for (size_t i = 0; i < in.n; i++) {
		size_t dl = strlen(detail);
		snprintf(detail + dl, sizeof detail - dl, "%s%s", i ? "," : "", in.v[i].f->name);
	}
	if ((rc = audit_row(r, d, "update", id, client_id, detail)))
		return rc;
	json_t *row;
	if ((rc = store_entity_get(r->store, d, 0, id, &row, &e)))
		goto fail;
	policy_redact(r, d, row);
	api_note_change(r, d, id);
	set_etag(r, row);
	return web_json(r, 200, row);
fail:
	r->err = e;
fail_web:
	json_decref(old);
	return rc;
}

int api_entity_archive(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id;
	json_t *old;
	int rc = target_row(r, ACC_WRITE, &d, &id, &old);
	if (rc)
		return rc;
	struct err e = {0};
	int64_t client_id = policy_client_of(d, old);
	json_decref(old);
	int64_t want;
	if ((rc = if_match_version(r, &want)))
		return rc;
	if ((rc = store_entity_archive_if(r->store, d, policy_scope(r, d), id, want, &e))) {
		if (rc == ERR_VERSION_CONFLICT)
			return version_conflict(r, d, id, client_id, &e);
		r->err = e;
		return rc;
	}
	if ((rc = report_profile_written(r->store, d->name, client_id, &e))) {
		r->err = e;
		return rc;
	}
	if ((rc = audit_row(r, d, "archive", id, client_id, NULL)))
		return rc;
	api_note_change(r, d, id);
	return web_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "archived", 1));
}

/* GET /api/v1/clients/{id}/profile: the client with every profile part, in one read (and one audit entry). */
int api_client_profile(struct web_request *r)
{
	const struct entity_def *cd = entity_find("clients");
	int rc = policy_entity_access(r, cd, ACC_READ);
	if (rc)
		return rc;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	json_t *client;
	struct err e = {0};
	if ((rc = store_entity_get(r->store, cd, r->p.org_id, id, &client, &e))) {
		r->err = e;
		return rc;
	}
	policy_redact(r, cd, client);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	for (size_t i = 0; i < entity_count; i++) {
		const struct entity_def *d = entity_all[i];
		if (!d->parent || strcmp(d->parent, "clients") != 0 || d->access[r->p.role] < ACC_READ)
			continue;
		struct store_filter f = {entity_field(d, d->parent_field), idtxt};
		struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 500};
		json_t *items;
		int64_t total;
		if ((rc = store_entity_list(r->store, d, r->p.org_id, &lq, &items, &total, &e))) {
			json_decref(client);
			r->err = e;
			return rc;
		}
		size_t k;
		json_t *row;
		json_array_foreach(items, k, row) policy_redact(r, d, row);
		json_object_set_new(client, d->name, items);
	}
	if ((rc = audit_row(r, cd, "read", id, id, "profile"))) {
		json_decref(client);
		return rc;
	}
	return web_json(r, 200, client);
}
