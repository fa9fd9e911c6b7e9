/* api_entities: the generic JSON API for every entity of the domain table:
 *   GET /api/v1/{entity}?filters&q&sort&dir&limit&offset&archived   list
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

#include "app/duplicates.h"
#include "app/entity.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/jsonw.h"
#include "domain/labels.h"
#include "store/entity_store.h"
#include "web/api.h"
#include "web/modules.h"

/* Each handler turns the request into a verb's arguments and its result into JSON; the pipeline is src/app/entity.c. */

static const struct entity_def *entity_of(struct web_request *r)
{
	const struct entity_def *d = entity_find(r->params[0]);
	if (!d)
		web_error(r, ERR_NOT_FOUND, "", "no such API route");
	return d;
}

/* A verb's failure: its error for the caller (with the current row on a version conflict). */
static int failed(struct web_request *r, int rc, const struct err *e, json_t *current)
{
	r->err = *e;
	if (rc == ERR_VERSION_CONFLICT && current) {
		r->err_current = current;
		r->commit_anyway = true; /* the read of the current row is audited */
	}
	return rc;
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
	static const char *const reserved[] = {"q", "limit", "offset", "archived", "lang", "sort", "dir", NULL};
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
	int kind = labels_kind_of_field(f->name); /* a name ("espanja", "spanska") filters as its code ("es") */
	if (kind >= 0 && labels_code((enum label_kind)kind, value))
		value = labels_code((enum label_kind)kind, value);
	q->filters[q->n].f = f;
	q->filters[q->n].value = value;
	q->n++;
	return 0;
}

static int api_entity_list(struct web_request *r)
{
	const struct entity_def *d = entity_of(r);
	if (!d)
		return r->err.code;
	struct store_list_query lq = {0};
	long limit, offset;
	int rc;
	if ((rc = parse_long(r, "limit", 50, 1, 500, &limit)) || (rc = parse_long(r, "offset", 0, 0, 100000000, &offset)))
		return rc;
	lq.limit = limit;
	lq.offset = offset;
	lq.q = web_query(r, "q");
	if (lq.q && strlen(lq.q) > 200)
		return web_error(r, ERR_INVALID, "q", "the search text is too long (at most 200 characters)");
	const char *arch = web_query(r, "archived");
	lq.archived = arch && strcmp(arch, "true") == 0;
	/* sort=field[,field...] (fields the caller may read; then id) and dir=asc|desc: ordered and paged by the store */
	lq.sort = web_query(r, "sort");
	if (lq.sort && (!*lq.sort || strlen(lq.sort) > 200))
		return web_error(r, ERR_INVALID, "sort", "sort names one to four fields, comma-separated");
	const char *dir = web_query(r, "dir");
	if (dir && strcmp(dir, "asc") != 0 && strcmp(dir, "desc") != 0)
		return web_error(r, ERR_INVALID, "dir", "dir is asc or desc");
	lq.desc = dir && strcmp(dir, "desc") == 0;
	struct store_filter filters[16];
	struct query_scan qs = {r, d, filters, 0, 0};
	if (web_query_each(r, scan_query, &qs))
		return qs.rc;
	lq.filters = filters;
	lq.nfilters = qs.n;
	/* {"items": [...], "total", "limit", "offset"}, the rows written as they are read (no tree: a list is the
	 * busiest answer of a caseload); an error discards what was written */
	int64_t total = 0;
	struct err e = {0};
	struct jsonw w = {0};
	jsonw_init(&w, web_json_begin(r, 200));
	jsonw_obj(&w);
	jsonw_key(&w, "items");
	if ((rc = app_entity_list_write(web_actor(r), d, &lq, &w, &total, &e)))
		return failed(r, rc, &e, NULL);
	jsonw_kint(&w, "total", total);
	jsonw_kint(&w, "limit", limit);
	jsonw_kint(&w, "offset", offset);
	jsonw_obj_end(&w);
	return web_json_end(r);
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

/* The entity and id of the routes on /api/v1/{entity}/{id}. */
static int target(struct web_request *r, const struct entity_def **d, int64_t *id)
{
	*d = entity_of(r);
	if (!*d)
		return r->err.code;
	return web_path_id(r, 1, id);
}

static int api_entity_get(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id;
	json_t *row;
	struct err e = {0};
	int rc = target(r, &d, &id);
	if (rc)
		return rc;
	if ((rc = app_entity_get(web_actor(r), d, id, &row, &e)))
		return failed(r, rc, &e, NULL);
	set_etag(r, row);
	return web_json(r, 200, json_incref(row));
}

static int api_entity_create(struct web_request *r)
{
	const struct entity_def *d = entity_of(r);
	if (!d)
		return r->err.code;
	json_t *body, *row;
	struct err e = {0};
	int rc = policy_entity_access(web_actor(r), d, ACC_WRITE, &r->err); /* before reading the body: 403 first */
	if (rc || (rc = web_json_body(r, &body)))
		return rc;
	if (d->id == ENT_CLIENTS) { /* a likely duplicate is refused unless the body says "confirm_new": true */
		json_t *matches = NULL, *confirm = json_object_get(body, "confirm_new");
		if (confirm && !json_is_boolean(confirm))
			return web_error(r, ERR_INVALID, "confirm_new", "confirm_new must be true or false");
		bool confirmed = json_is_true(confirm);
		json_object_del(body, "confirm_new");
		if ((rc = app_client_create(web_actor(r), body, confirmed, &row, &matches, &e))) {
			if (matches) {
				r->err_matches = matches;
				r->commit_anyway = true; /* showing the matches was audited */
			}
			return failed(r, rc, &e, NULL);
		}
	} else if ((rc = app_entity_create(web_actor(r), d, body, &row, &e))) {
		return failed(r, rc, &e, NULL);
	}
	char loc[128];
	snprintf(loc, sizeof loc, "/api/v1/%s/%lld", d->name, (long long)json_integer_value(json_object_get(row, "id")));
	web_add_header(r, "Location", loc);
	set_etag(r, row);
	return web_json(r, 201, json_incref(row));
}

static int api_entity_update(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id, want;
	json_t *body, *row, *current = NULL;
	struct err e = {0};
	int rc = target(r, &d, &id);
	if (rc || (rc = policy_entity_access(web_actor(r), d, ACC_WRITE, &r->err)) || (rc = web_json_body(r, &body)) ||
	    (rc = if_match_version(r, &want)))
		return rc;
	if ((rc = app_entity_update(web_actor(r), d, id, body, want, &row, &current, &e))) {
		if (current)
			set_etag(r, current);
		return failed(r, rc, &e, current);
	}
	set_etag(r, row);
	return web_json(r, 200, json_incref(row));
}

static int api_entity_archive(struct web_request *r)
{
	const struct entity_def *d;
	int64_t id, want;
	json_t *current = NULL;
	struct err e = {0};
	int rc = target(r, &d, &id);
	if (rc || (rc = if_match_version(r, &want)))
		return rc;
	if ((rc = app_entity_archive(web_actor(r), d, id, want, &current, &e))) {
		if (current)
			set_etag(r, current);
		return failed(r, rc, &e, current);
	}
	return web_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "archived", 1));
}

/* GET /api/v1/clients/{id}/profile: the client with every profile part, in one read (and one audit entry). */
static int api_client_profile(struct web_request *r)
{
	int64_t id;
	if (web_path_id(r, 0, &id))
		return r->err.code;
	json_t *client;
	struct err e = {0};
	int rc = app_client_profile(web_actor(r), id, &client, &e);
	return rc ? failed(r, rc, &e, NULL) : web_json(r, 200, json_incref(client));
}

/* The generic routes: routes.c joins them after every other table, so that a specific route always wins. */
const struct route api_entities_routes[] = {
	{"GET", "/api/v1/clients/{id}/profile", api_client_profile, NULL, 0, 0, "a client's whole competence profile"},
	{"GET", "/api/v1/{entity}", api_entity_list, NULL, 0, 0, "list (filters, q, sort, dir, limit, offset, archived)"},
	{"POST", "/api/v1/{entity}", api_entity_create, NULL, 0, 0, "create"},
	{"GET", "/api/v1/{entity}/{id}", api_entity_get, NULL, 0, 0, "read"},
	{"PATCH", "/api/v1/{entity}/{id}", api_entity_update, NULL, 0, 0, "update the fields given"},
	{"DELETE", "/api/v1/{entity}/{id}", api_entity_archive, NULL, 0, 0, "archive"},
};
const size_t api_entities_routes_count = sizeof api_entities_routes / sizeof *api_entities_routes;
