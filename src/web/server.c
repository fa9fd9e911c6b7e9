/* server: libmicrohttpd glue: per-connection request context, body ceilings, routing, authentication, the
 * per-request transaction, security headers and the access log. One database connection per worker thread. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/session_cache.h"
#include "core/log.h"
#include "core/validate.h"
#include "web/api.h"
#include "web/router.h"
#include "web/web.h"

enum { MAX_HOOKS = 8 };
static web_change_hook hooks[MAX_HOOKS];
static int nhooks;

void web_on_change(web_change_hook fn)
{
	if (nhooks < MAX_HOOKS)
		hooks[nhooks++] = fn;
}

enum { BODY_LIMIT = 1 << 20, BIG_BODY_LIMIT = 16 << 20, OUT_LIMIT = 64 << 20 };

struct web_server {
	struct web_config cfg;
	struct MHD_Daemon *d;
	pthread_key_t store_key;
	int port;
};

void (*web_html_error_hook)(struct web_request *r);
int (*web_page_hook)(struct web_request *r);

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                          "base-uri 'none'; object-src 'none'";

static void close_store(void *p)
{
	store_close(p);
}

/* The calling worker thread's database connection, opened (and migrated once by the caller of start) lazily. */
static struct store *thread_store(struct web_server *s, struct err *e)
{
	struct store *st = pthread_getspecific(s->store_key);
	if (st)
		return st;
	if (store_open(s->cfg.db_url, &st, e))
		return NULL;
	pthread_setspecific(s->store_key, st);
	return st;
}

static void drop_thread_store(struct web_server *s)
{
	struct store *st = pthread_getspecific(s->store_key);
	if (st) {
		store_close(st);
		pthread_setspecific(s->store_key, NULL);
	}
}

int web_status_of(enum err_code code)
{
	switch (code) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 400;
	case ERR_UNAUTH: return 401;
	case ERR_FORBIDDEN: return 403;
	case ERR_NOT_FOUND: return 404;
	case ERR_CONFLICT: return 409;
	case ERR_TOO_BIG: return 413;
	case ERR_THROTTLED: return 429;
	case ERR_VERSION_CONFLICT: return 412;
	case ERR_UNAVAILABLE: return 503;
	case ERR_INTERNAL: return 500;
	}
	return 500;
}

int web_error(struct web_request *r, enum err_code code, const char *field, const char *fmt, ...)
{
	r->err.code = code;
	snprintf(r->err.field, sizeof r->err.field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err.message, sizeof r->err.message, fmt, ap);
	va_end(ap);
	return (int)code;
}

int web_fail(struct web_request *r, int rc, const struct err *e)
{
	r->err = *e;
	return rc;
}

int web_json(struct web_request *r, int status, json_t *j)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	r->out.len = 0;
	char *s = j ? json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
	json_decref(j);
	if (!s)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	buf_puts(&r->out, s);
	buf_puts(&r->out, "\n");
	free(s);
	return r->out.failed ? web_error(r, ERR_UNAVAILABLE, "", "response too large") : 0;
}

struct buf *web_json_begin(struct web_request *r, int status)
{
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	r->out.len = 0;
	return &r->out;
}

int web_json_end(struct web_request *r)
{
	buf_puts(&r->out, "\n");
	return r->out.failed ? web_error(r, ERR_UNAVAILABLE, "", "response too large") : 0;
}

static void error_json(struct web_request *r)
{
	json_t *j = json_pack("{s:{s:s,s:s,s:s?,s:s?}}", "error", "code", err_code_name(r->err.code), "message",
	                      r->err.message, "field", r->err.field[0] ? r->err.field : NULL, "key", r->err.key);
	if (j && r->err.code == ERR_VERSION_CONFLICT && r->err_current) /* the other person's change, to show it */
		json_object_set(json_object_get(j, "error"), "current", r->err_current);
	if (j && r->err.code == ERR_CONFLICT && r->err_matches) /* a likely duplicate: the records it may be */
		json_object_set(json_object_get(j, "error"), "matches", r->err_matches);
	int status = web_status_of(r->err.code);
	if (web_json(r, status, j)) { /* out of memory while reporting: plain text */
		r->out.len = 0;
		r->out.failed = false;
		buf_puts(&r->out, "{\"error\":{\"code\":\"unavailable\",\"message\":\"out of memory\"}}\n");
		r->status = 503;
	}
}

const char *web_query(struct web_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

struct query_iter {
	int (*fn)(void *, const char *, const char *);
	void *ctx;
	int rc;
};

static enum MHD_Result query_cb(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct query_iter *q = cls;
	q->rc = q->fn(q->ctx, key, value);
	return q->rc ? MHD_NO : MHD_YES;
}

int web_query_each(struct web_request *r, int (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	struct query_iter q = {fn, ctx, 0};
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, query_cb, &q);
	return q.rc;
}

const char *web_header(struct web_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *web_cookie(struct web_request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int64_t web_param_id(struct web_request *r, int i)
{
	if (i >= r->nparams)
		return 0;
	const char *s = r->params[i];
	if (!*s || strlen(s) > 15)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int web_path_id(struct web_request *r, int i, int64_t *id)
{
	*id = web_param_id(r, i);
	return *id ? 0 : web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
}

int web_path_id_body(struct web_request *r, int64_t *id, json_t **body, const struct web_field *fields, size_t n)
{
	int rc = web_path_id(r, 0, id);
	if (rc || (rc = web_json_body(r, body)))
		return rc;
	char names[256] = "";
	for (size_t i = 0, len = 0; i < n && len < sizeof names; i++)
		len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", fields[i].name);
	const char *k;
	json_t *v;
	json_object_foreach(*body, k, v) {
		size_t i = 0;
		while (i < n && strcmp(fields[i].name, k) != 0)
			i++;
		if (i == n)
			return web_error(r, ERR_INVALID, k, "%.60s is not a field here (%s)", k, names);
		if (fields[i].type == JSON_STRING && !json_is_string(v) && !json_is_null(v))
			return web_error(r, ERR_INVALID, k, "%.60s must be text", k);
		if (fields[i].type == JSON_INTEGER && !json_is_integer(v))
			return web_error(r, ERR_INVALID, k, "%.60s must be a whole number", k);
	}
	for (size_t i = 0; i < n; i++)
		if (fields[i].required && !json_is_string(json_object_get(*body, fields[i].name)) &&
		    !json_is_integer(json_object_get(*body, fields[i].name)))
			return web_error(r, ERR_INVALID, fields[i].name, "%s is required", fields[i].name);
	return 0;
}

int web_answer(struct web_request *r, int rc, const struct err *e, int status, json_t *out, const char *wrap)
{
	if (rc) {
		r->err = *e;
		return rc;
	}
	return web_json(r, status, wrap ? json_pack("{s:O}", wrap, out) : json_incref(out));
}

/* The two id adapters' one body: verb, or else text_verb with text, on the path id. */
static int answer_id(struct web_request *r, web_id_verb verb, web_id_text_verb text_verb, const char *text,
                     const char *wrap)
{
	int64_t id;
	int rc = web_path_id(r, 0, &id);
	if (rc)
		return rc;
	json_t *out = NULL;
	struct err e = {0};
	rc = verb ? verb(web_actor(r), id, &out, &e) : text_verb(web_actor(r), id, text, &out, &e);
	return web_answer(r, rc, &e, 200, out, wrap);
}

int web_answer_id_verb(struct web_request *r, web_id_verb verb, const char *wrap)
{
	return answer_id(r, verb, NULL, NULL, wrap);
}

int web_answer_id_text_verb(struct web_request *r, web_id_text_verb verb, const char *text, const char *wrap)
{
	return answer_id(r, NULL, verb, text, wrap);
}

void web_add_header(struct web_request *r, const char *name, const char *value)
{
	if (r->nheaders < (int)(sizeof r->headers / sizeof *r->headers)) {
		r->headers[r->nheaders].name = name;
		r->headers[r->nheaders].value = arena_strdup(r->arena, value);
		r->nheaders++;
	}
}

int web_json_body(struct web_request *r, json_t **out)
{
	*out = NULL;
	if (!r->body_len)
		return web_error(r, ERR_INVALID, "", "the request needs a JSON body");
	json_error_t je;
	json_t *j = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		return web_error(r, ERR_INVALID, "", "the body is not valid JSON: %s at line %d, column %d", je.text,
		                 je.line, je.column);
	if (!json_is_object(j)) {
		json_decref(j);
		return web_error(r, ERR_INVALID, "", "the body must be a JSON object");
	}
	arena_defer(r->arena, (void (*)(void *))json_decref, j);
	*out = j;
	return 0;
}

/* The route of r (router.c), its path parameters copied into r; 404/405 are the caller's to answer. */
static enum router_result route_find(struct web_request *r, char *allow, size_t allow_n)
{
	size_t n;
	const struct route *routes = web_routes(&n);
	struct router_match m = {0};
	_Static_assert(ROUTER_MAX_PARAMS == sizeof r->params / sizeof r->params[0], "router and request agree");
	enum router_result rc = router_find(routes, n, r->method, r->path, r->arena, &m);
	r->route = m.route;
	r->nparams = m.nparams;
	for (int i = 0; i < m.nparams; i++)
		r->params[i] = m.params[i];
	snprintf(allow, allow_n, "%s", m.allow);
	return rc;
}

static bool is_state_changing(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

/* Authentication from a Bearer token or the session cookie; CSRF for cookie sessions on state-changing requests. */
static int authenticate(struct web_request *r)
{
	const char *authz = web_header(r, "Authorization");
	const char *token = NULL;
	bool bearer = false;
	if (authz && strncmp(authz, "Bearer ", 7) == 0) {
		token = authz + 7;
		bearer = true;
	} else {
		token = web_cookie(r, "osaaja_session");
	}
	if (!token)
		return ERR_UNAUTH;
	struct err e = {0};
	if (auth_session_lookup(r->store, token, &r->p, &e)) {
		r->err = e;
		return e.code;
	}
	snprintf(r->session_token, sizeof r->session_token, "%s", token);
	r->authed = true;
	if (!bearer && is_state_changing(r->method)) {
		const char *csrf = web_header(r, "X-CSRF-Token");
		/* HTML forms send the token as a form field instead; pages check it with web_check_form_csrf. */
		if (!(r->route->flags & RF_HTML) && (!csrf || !auth_token_equal(csrf, r->p.csrf)))
			return web_error(r, ERR_FORBIDDEN, "", "missing or wrong X-CSRF-Token header (from the login response)");
	}
	return 0;
}

/* Every query parameter, name and value, must be UTF-8 text before any handler or store sees it: one answer (400
 * naming the parameter) whichever store is behind (issue 20.5). */
static int query_utf8(void *ctx, const char *key, const char *value)
{
	struct web_request *r = ctx;
	if (!validate_utf8(key, strlen(key)))
		return web_error(r, ERR_INVALID, "", "a query parameter name is not UTF-8 text");
	const bool named = strlen(key) < sizeof r->err.field; /* never cut a name inside a character */
	if (value && !validate_utf8(value, strlen(value)))
		return web_error(r, ERR_INVALID, named ? key : "", "the query parameter %s is not UTF-8 text",
		                 named ? key : "(a long name)");
	return 0;
}

/* A read that is run again (dispatch): nothing of the first try's answer or identity is kept. */
static void answer_reset(struct web_request *r)
{
	r->out.len = 0;
	r->out.failed = false;
	r->nheaders = 0;
	r->status = 0;
	r->content_type = NULL;
	r->err = (struct err){0};
	r->err_current = r->err_matches = NULL;
	r->authed = false;
	r->p = (struct principal){0};
	r->session_token[0] = 0;
}

/* Authentication, the route's roles, then its handler; a read's audit entries are queued from the start. */
static int run_handler(struct web_request *r, bool read)
{
	const struct route *rt = r->route;
	struct err e = {0};
	int rc = 0;
	if (read)
		audit_defer_begin();
	if (!(rt->flags & RF_PUBLIC)) {
		rc = authenticate(r);
		if (rc == ERR_UNAUTH && !r->err.message[0])
			web_error(r, ERR_UNAUTH, "", "please log in");
		if (!rc && rt->roles && !(rt->roles & ROLE_BIT(r->p.role)))
			rc = web_error(r, ERR_FORBIDDEN, "", "your role (%s) may not use this", role_name(r->p.role));
	} else {
		/* Public routes may still know the user (e.g. pages that show a login link or the user's name). */
		const char *tok = web_cookie(r, "osaaja_session");
		if (tok && r->store && auth_session_lookup(r->store, tok, &r->p, &e) == 0) {
			r->authed = true;
			snprintf(r->session_token, sizeof r->session_token, "%s", tok);
		}
	}
	if (rc)
		return rc;
	if (!rt->page)
		return rt->handler(r);
	if (!web_page_hook)
		return web_error(r, ERR_INTERNAL, "", "the pages are not loaded");
	return web_page_hook(r);
}

static void finish(struct web_request *r, int rc);
static void read_audited(struct web_request *r, int rc, int arc, const struct err *e);

/* Routes and runs the request. true: a read whose answer waits for its queued audit entries (the caller hands them to
 * the appender, then calls read_audited); false: r holds the answer. */
static bool dispatch(struct web_request *r, int *held_rc)
{
	char allow[ROUTER_ALLOW_MAX];
	enum router_result found = route_find(r, allow, sizeof allow);
	if (found == ROUTER_NO_MEMORY) {
		web_error(r, ERR_UNAVAILABLE, "", "out of memory");
		error_json(r);
		return false;
	}
	if (!r->route) {
		if (found == ROUTER_METHOD_NOT_ALLOWED) {
			web_add_header(r, "Allow", allow);
			web_error(r, ERR_INVALID, "", "method %s is not allowed here; allowed: %s", r->method, allow);
			error_json(r);
			r->status = 405;
		} else {
			web_error(r, ERR_NOT_FOUND, "", "no such page or API route");
			if (strncmp(r->path, "/api/", 5) != 0 && web_html_error_hook)
				web_html_error_hook(r);
			else
				error_json(r);
		}
		return false;
	}
	const struct route *rt = r->route;
	const bool tx = !(rt->flags & (RF_NO_TX | RF_NO_TX_STORE));
	/* A GET reads: a read transaction beside the other readers, its audit entries group-committed before it answers. */
	const bool read = tx && !is_state_changing(r->method) && !(rt->flags & RF_GET_WRITES) && audit_group_running();
	int (*begin)(struct store *, struct err *) = read ? store_begin_read : store_begin;
	struct err e = {0};
	if (web_query_each(r, query_utf8, r))
		goto fail;
	if (tx || !(rt->flags & RF_PUBLIC) || (rt->flags & RF_NO_TX_STORE)) {
		r->store = thread_store(r->srv, &e);
		if (!r->store) {
			r->err = e;
			goto fail;
		}
	}
	if (tx && begin(r->store, &e) &&
	    /* A PostgreSQL connection that died while idle (database restart): reconnect once and try again. */
	    !(e.code == ERR_UNAVAILABLE && store_kind(r->store) == STORE_POSTGRES && !store_reconnect(r->store, &e) &&
	      !begin(r->store, &e))) {
		r->err = e;
		drop_thread_store(r->srv); /* a lost connection: reconnect on the next request */
		r->store = NULL;
		goto fail;
	}
	int rc = run_handler(r, read);
	/* A read on PostgreSQL sends no BEGIN (store_begin_read), so a connection that died while idle (a database
	 * restart) shows itself only at the first statement: once more on a new connection. A read changes nothing; its
	 * queued audit entries are dropped and queued again. */
	if (read && rc == ERR_UNAVAILABLE && store_kind(r->store) == STORE_POSTGRES) {
		struct err ignored = {0};
		store_rollback(r->store);
		audit_defer_end(false, &ignored);
		struct err again = {0};
		if (!store_reconnect(r->store, &again) && !begin(r->store, &again)) {
			answer_reset(r);
			rc = run_handler(r, read);
		} else {
			r->err = again; /* why the database cannot be reached, for the log */
		}
	}
	if (tx && r->store) {
		if (!rc || r->commit_anyway) {
			if (store_commit(r->store, &e)) {
				if (!rc) {
					r->err = e;
					rc = e.code;
				}
			}
		} else {
			store_rollback(r->store);
		}
	}
	/* A request that may have changed a session or an account (a logout, a role, an archived user) empties this
	 * server's session cache once it has committed; the other servers hear of it from the database. */
	if (!read && (is_state_changing(r->method) || (rt->flags & RF_GET_WRITES)))
		session_cache_forget_all();
	if (read) {
		/* Nothing of a read goes out before its audit entries are committed: a failed batch fails the answer. */
		const bool keep = !rc || r->commit_anyway;
		/* A read whose entries are queued parks its connection (MHD_suspend_connection) and its worker thread
		 * serves others meanwhile; the appender resumes it with the batch's outcome (on_audited). */
		if (keep && audit_defer_pending()) {
			*held_rc = rc;
			return true;
		}
		read_audited(r, rc, audit_defer_end(keep, &e), &e);
		return false;
	}
	finish(r, rc);
	return false;
fail:
	finish(r, r->err.code ? (int)r->err.code : ERR_INTERNAL);
	return false;
}

/* A read's answer once its audit batch is known: arc, the batch's outcome (e why it failed). */
static void read_audited(struct web_request *r, int rc, int arc, const struct err *e)
{
	if (arc && !rc) {
		r->out.len = 0;
		r->nheaders = 0;
		r->err = *e;
		rc = arc;
	}
	finish(r, rc);
}

/* The change notes of a request that succeeded, or its error as JSON or as a page. */
static void finish(struct web_request *r, int rc)
{
	if (!rc) {
		for (int i = 0; i < r->changes.n; i++)
			for (int h = 0; h < nhooks; h++)
				hooks[h](r->store, r->changes.v[i].d->name, r->changes.v[i].id);
		return;
	}
	if (!r->err.code)
		r->err.code = (enum err_code)rc;
	if (r->err.code == ERR_UNAVAILABLE && r->store && store_kind(r->store) == STORE_POSTGRES) {
		drop_thread_store(r->srv);
		r->store = NULL;
	}
	if (r->err.code == ERR_INTERNAL || r->err.code == ERR_UNAVAILABLE)
		log_error("event=request_failed path=%s code=%s message=\"%s\"", r->path, err_code_name(r->err.code),
		          r->err.message);
	if (r->err.code == ERR_INTERNAL) /* never show internals (SQL, paths) to the caller */
		snprintf(r->err.message, sizeof r->err.message, "an internal error happened; it has been logged");
	if (r->err.code == ERR_UNAVAILABLE) { /* nor where the database is and who we log in as (issue 20.4) */
		snprintf(r->err.message, sizeof r->err.message, "the service is unavailable; try again in a moment");
		r->err.field[0] = 0;
	}
	if (r->err.code == ERR_UNAUTH)
		web_add_header(r, "WWW-Authenticate", "Bearer realm=\"osaaja\"");
	if (r->route && (r->route->flags & RF_HTML) && web_html_error_hook)
		web_html_error_hook(r);
	else
		error_json(r);
}

struct conn_state {
	struct web_request r;
	bool too_big;
	struct timespec start;
	/* a parked read: its handler's outcome, and the audit batch's once the appender has answered */
	bool parked, audited;
	int held_rc, audit_rc;
	struct err audit_err;
};

/* The appender's answer to a parked read (on its thread): kept for the worker, which the resume calls again. */
static void on_audited(void *ctx, int rc, const struct err *e)
{
	struct conn_state *cs = ctx;
	cs->audit_rc = rc;
	if (rc)
		cs->audit_err = *e;
	cs->audited = true;
	MHD_resume_connection(cs->r.conn);
}

static void common_headers(struct MHD_Response *resp, struct web_request *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy", csp);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (!r->route || !(r->route->flags & RF_NO_TX))
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	MHD_add_response_header(resp, "Content-Type", r->content_type ? r->content_type : "text/plain; charset=utf-8");
}

static enum MHD_Result respond(struct MHD_Connection *c, struct web_request *r)
{
	size_t len;
	char *data = buf_take(&r->out, &len);
	if (strcmp(r->method, "HEAD") == 0)
		len = 0;
	struct MHD_Response *resp = MHD_create_response_from_buffer(len, data ? data : "", MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return MHD_NO;
	}
	common_headers(resp, r);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}


/* Whether addr is one of the configured reverse proxies (comma-separated, exact addresses). */
static bool trusted_proxy(const struct web_server *s, const char *addr)
{
	const char *list = s->cfg.trusted_proxies;
	size_t n = strlen(addr);
	for (const char *p = list; p && *p;) {
		size_t len = strcspn(p, ",");
		if (len == n && strncmp(p, addr, n) == 0)
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

/* The client's address: the TCP peer, or, when the peer is a trusted proxy, the address that proxy saw (the
 * rightmost X-Forwarded-For entry that is not itself a trusted proxy). A header from anyone else is ignored, so
 * it cannot be forged to dodge the login throttling. */
static void client_address(const struct web_server *s, struct MHD_Connection *c, char *addr, size_t n)
{
	const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff || !addr[0] || !trusted_proxy(s, addr))
		return;
	char copy[512];
	snprintf(copy, sizeof copy, "%s", xff);
	for (;;) {
		char *comma = strrchr(copy, ',');
		char *a = comma ? comma + 1 : copy;
		while (*a == ' ')
			a++;
		size_t len = strcspn(a, " ");
		a[len] = 0;
		struct in6_addr probe6 = {0};
		struct in_addr probe4 = {0};
		bool valid = len > 0 && len < n &&
		             (inet_pton(AF_INET, a, &probe4) == 1 || inet_pton(AF_INET6, a, &probe6) == 1);
		if (!valid)
			return; /* a malformed entry: keep the proxy's own address */
		memcpy(addr, a, len + 1); /* len < n: checked above */
		if (!comma || !trusted_proxy(s, a))
			return;
		*comma = 0;
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	(void)version;
	struct web_server *s = cls;
	struct conn_state *cs = *con_cls;
	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &cs->start);
		cs->r.srv = s;
		cs->r.conn = c;
		cs->r.arena = arena_new(0);
		if (!cs->r.arena) {
			free(cs);
			return MHD_NO;
		}
		cs->r.method = arena_strdup(cs->r.arena, method);
		cs->r.path = arena_strdup(cs->r.arena, url);
		buf_init(&cs->r.out, OUT_LIMIT);
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (ci && ci->client_addr) {
			const struct sockaddr *sa = ci->client_addr;
			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, cs->r.address,
				          sizeof cs->r.address);
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, cs->r.address,
				          sizeof cs->r.address);
		}
		client_address(s, c, cs->r.address, sizeof cs->r.address);
		*con_cls = cs;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		size_t limit = strncmp(url, "/api/v1/import", 14) == 0 || strncmp(url, "/import", 7) == 0 ? BIG_BODY_LIMIT
		                                                                                          : BODY_LIMIT;
		if (cl && strtoull(cl, NULL, 10) > limit)
			cs->too_big = true;
		return MHD_YES;
	}
	struct web_request *r = &cs->r;
	if (*upload_size) {
		size_t limit = strncmp(url, "/api/v1/import", 14) == 0 || strncmp(url, "/import", 7) == 0 ? BIG_BODY_LIMIT
		                                                                                          : BODY_LIMIT;
		if (!cs->too_big) {
			size_t have = r->body_len;
			if (have + *upload_size > limit) {
				cs->too_big = true;
			} else {
				char *nb = arena_alloc(r->arena, have + *upload_size + 1);
				if (!nb) {
					cs->too_big = true;
				} else {
					if (have)
						memcpy(nb, r->body, have);
					memcpy(nb + have, upload, *upload_size);
					r->body = nb;
					r->body_len = have + *upload_size;
				}
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cs->parked) { /* resumed: the audit batch has answered */
		if (!cs->audited)
			return MHD_YES;
		cs->parked = false;
		read_audited(r, cs->held_rc, cs->audit_rc, &cs->audit_err);
	} else if (cs->too_big) {
		web_error(r, ERR_TOO_BIG, "", "the request body is too large");
		error_json(r);
	} else if (dispatch(r, &cs->held_rc)) {
		/* Parked before it is handed over, so that the appender's resume cannot come before the suspend. */
		cs->parked = true;
		MHD_suspend_connection(c);
		struct err e = {0};
		int rc = audit_defer_end_async(on_audited, cs, &e);
		if (rc)
			on_audited(cs, rc, &e);
		return MHD_YES;
	}
	return respond(c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return;
	struct timespec end = {0};
	clock_gettime(CLOCK_MONOTONIC, &end);
	double ms = (double)(end.tv_sec - cs->start.tv_sec) * 1e3 + (double)(end.tv_nsec - cs->start.tv_nsec) / 1e6;
	/* The route's pattern (/s/{token}), never the path: a path may carry a survey link's token; query strings
	 * (which may hold search text) are never logged. A path that matched no route is logged escaped. */
	char method[32], path[512];
	log_info("event=request method=%s path=\"%s\" status=%d ms=%.1f user=%lld",
	         log_quote(method, sizeof method, cs->r.method),
	         log_quote(path, sizeof path, cs->r.route ? cs->r.route->pattern : cs->r.path), cs->r.status, ms,
	         (long long)cs->r.p.user_id);
	buf_free(&cs->r.out);
	arena_free(cs->r.arena);
	free(cs);
	*con_cls = NULL;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = 0;
	log_warn("event=http_server message=\"%s\"", msg);
}

int web_server_start(const struct web_config *cfg, struct web_server **out, struct err *e)
{
	*out = NULL;
	struct web_server *s = calloc(1, sizeof *s);
	if (!s)
		return err_oom(e);
	s->cfg = *cfg;
	if (pthread_key_create(&s->store_key, close_store)) {
		free(s);
		return err_set(e, ERR_UNAVAILABLE, "", "cannot create thread key");
	}
	struct sockaddr_in sa = {0};
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->bind ? cfg->bind : "127.0.0.1", &sa.sin_addr) != 1) {
		pthread_key_delete(s->store_key);
		free(s);
		return err_set(e, ERR_INVALID, "bind", "--bind must be an IPv4 address such as 127.0.0.1");
	}
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	/* Two threads a core (at least 4, at most 32). A read waiting for its audit commit parks its connection, not its
	 * thread, so reads need no more threads than that; writes queue on one lock and lose with more (bench/load on two
	 * cores with parked reads, 2 / 4 / 8 threads: SQLite client read 19 000 / 22 000 / 19 000 req/s, SQLite intake
	 * 5 400 / 4 600 / 4 200). 32 keeps two servers well inside PostgreSQL's default 100 connections. */
	long per_core = (cores < 1 ? 1 : cores) * 2;
	unsigned threads = cfg->threads > 0 ? (unsigned)cfg->threads
	                                    : (unsigned)(per_core < 4 ? 4 : per_core > 32 ? 32 : per_core);
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME,
	                        (uint16_t)cfg->port,
	                        NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	                        MHD_OPTION_THREAD_POOL_SIZE, threads,
	                        /* idle time between bytes; a whole slow head is bounded by the per-address cap here and
	                         * by the proxy's client_header_timeout (deploy/nginx.conf) */
	                        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
	                        /* the request head's room (bodies go to the request's own buffer): 64 KB holds a head
	                         * twice nginx's default limit; libmicrohttpd zeroes the whole pool after every request
	                         * on a kept-alive connection, so 256 KB cost a tenth of a client read's CPU */
	                        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_CONNECTION_LIMIT,
	                        (unsigned)4000,
	                        MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	                        (unsigned)(cfg->max_per_address > 0 ? cfg->max_per_address : 0),
	                        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
	if (!s->d) {
		pthread_key_delete(s->store_key);
		free(s);
		return err_set(e, ERR_UNAVAILABLE, "port", "cannot listen on %s:%d (in use, or not allowed)",
		               cfg->bind ? cfg->bind : "127.0.0.1", cfg->port);
	}
	/* The appender that commits the reads' audit entries in groups, on its own connection; WAL checkpoints on
	 * another, so that no batch waits for one. */
	if (store_checkpointer_start(cfg->db_url, e) || audit_group_start(cfg->db_url, e) ||
	    session_cache_start(cfg->db_url, e)) {
		audit_group_stop();
		store_checkpointer_stop();
		MHD_stop_daemon(s->d);
		pthread_key_delete(s->store_key);
		free(s);
		return e->code;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	*out = s;
	return 0;
}

int web_server_port(const struct web_server *s)
{
	return s->port;
}

const struct web_config *web_server_config(const struct web_server *s)
{
	return &s->cfg;
}

void web_server_stop(struct web_server *s)
{
	if (!s)
		return;
	audit_group_drain(); /* no parked read is left for the appender to resume on a closed connection */
	MHD_stop_daemon(s->d);
	audit_group_stop(); /* after the last request: what it queued is committed */
	session_cache_stop();
	store_checkpointer_stop();
	pthread_key_delete(s->store_key);
	free(s);
}
