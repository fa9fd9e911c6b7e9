/* web: the HTTP server (libmicrohttpd, thread pool), the static route table, the request context handlers receive,
 * and JSON responses. A request flows: router -> authentication -> policy (role, organisation) -> handler (domain +
 * store) -> writer -> audit, inside one database transaction that commits only when the handler succeeded.
 *
 * Ownership: everything a handler allocates for the request comes from r->arena and dies with the request. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "auth/auth.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

struct web_server;
struct web_request;
struct MHD_Connection;

typedef int (*web_handler)(struct web_request *r);
/* A staff page (src/web/pages): a route names it instead of a handler, and the pages module runs it. */
struct page;
typedef int (*web_page_fn)(struct page *pg);

enum route_flag {
	RF_PUBLIC = 1 << 0,   /* no login needed */
	RF_NO_TX = 1 << 1,    /* no database transaction (static files, health) */
	RF_HTML = 1 << 2,     /* errors render as an HTML page, not JSON */
	RF_BIG_BODY = 1 << 3, /* body limit 16 MiB (imports) instead of 1 MiB */
	RF_GET_WRITES = 1 << 4, /* a GET that writes (not only its audit): a write transaction, not a read one */
	RF_NO_TX_STORE = 1 << 5, /* a connection but no transaction: one statement, atomic by itself (the health check:
	                          * on PostgreSQL one round trip instead of begin, read and commit) */
	/* A page's form check other than the session's CSRF token (src/web/pages: page_run). */
	RF_CSRF_LOGIN = 1 << 6,     /* the login form: the pre-login token */
	RF_CSRF_IF_AUTHED = 1 << 7, /* checked only when logged in (the language form, a shortlist link's answer) */
};

/* Bit per role (1u << ROLE_x); 0 in a route means "every logged-in role" (the handler checks further). */
#define ROLES_ALL 0u
#define ROLE_BIT(r) (1u << (r))

struct route {
	const char *method;   /* "GET", "POST", "PATCH", "DELETE" */
	const char *pattern;  /* "/api/v1/clients/{id}/matches"; {name} matches one path segment */
	web_handler handler;  /* a JSON or file route: NULL when page is set */
	web_page_fn page;     /* a page: run through web_page_hook (its language, form and CSRF check) */
	unsigned flags;
	unsigned roles;
	const char *summary;  /* for the OpenAPI document */
};

struct web_header {
	const char *name, *value;
};

struct web_request {
	struct web_server *srv;
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	const char *body;
	size_t body_len;
	struct arena *arena;
	struct store *store;
	const struct route *route;
	const char *params[4]; /* path parameters, in pattern order */
	int nparams;
	char address[64];
	bool authed;
	struct principal p;
	char session_token[AUTH_TOKEN_HEX + 1];
	/* response */
	int status;
	struct buf out;
	const char *content_type;
	struct web_header headers[8];
	int nheaders;
	struct err err;
	json_t *err_current;  /* ERR_VERSION_CONFLICT: the record as it is now, sent as error.current (arena-owned) */
	json_t *err_matches;  /* error key "likely_duplicate": the records it may be, sent as error.matches (arena) */
	const char *if_match; /* when set, used instead of the If-Match header (pages: the version their form showed) */
	bool commit_anyway; /* commit the transaction even though the handler failed (e.g. a failed-login record) */
	struct app_changes changes; /* rows changed by this request, for after-commit hooks */
	struct actor act;           /* the application layer's view of this request (web_actor) */
};

/* The request as the application layer's actor (src/app/actor.h): its principal, store, arena and change notes. */
static inline struct actor *web_actor(struct web_request *r)
{
	r->act = (struct actor){.p = &r->p, .store = r->store, .arena = r->arena, .changes = &r->changes};
	return &r->act;
}

struct web_config {
	const char *db_url;
	const char *bind;       /* "127.0.0.1" by default */
	int port;               /* 0 = any free port */
	int threads;            /* worker threads; 0 = two a core, 4 to 32 */
	const char *port_file;  /* if set, the bound port is written there once listening */
	const char *static_dir; /* folder served under /static/ (default "web/static" beside the binary's cwd) */
	bool secure_cookies;    /* add Secure to cookies (behind TLS) */
	/* Open connections one address may hold (0 = no cap: behind a reverse proxy, which caps per client itself).
	 * With the cap, slow clients from one address cannot take the connections everyone else needs. */
	int max_per_address;
	/* Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses, e.g. "127.0.0.1,10.0.0.5");
	 * NULL: none, the TCP peer is the client. */
	const char *trusted_proxies;
	bool demo; /* a demonstration with made-up data: every page's header says so */
};

int web_server_start(const struct web_config *cfg, struct web_server **out, struct err *e);
int web_server_port(const struct web_server *s);
void web_server_stop(struct web_server *s);
const struct web_config *web_server_config(const struct web_server *s);

/* The route table (all modules' routes joined) and its size; used by the router and the OpenAPI check. */
const struct route *web_routes(size_t *n);

/* Request helpers. */
const char *web_query(struct web_request *r, const char *name);   /* decoded ?name= value or NULL */
const char *web_header(struct web_request *r, const char *name);
/* Calls fn for every query argument in order; stops when fn returns non-zero and returns that value. */
int web_query_each(struct web_request *r, int (*fn)(void *ctx, const char *key, const char *value), void *ctx);
const char *web_cookie(struct web_request *r, const char *name);
int64_t web_param_id(struct web_request *r, int i);               /* path param as a positive id, or 0 */
/* Path param i as a positive id in *id; else 404 ("the id must be a positive whole number") and its code. */
int web_path_id(struct web_request *r, int i, int64_t *id);
void web_add_header(struct web_request *r, const char *name, const char *value); /* value copied into the arena */
/* Parses the body as a JSON object (ceiling on depth and size); 400 with line/column on a syntax error. */
int web_json_body(struct web_request *r, json_t **out);
/* A field a verb's body may hold: its JSON type (JSON_STRING: text or null; JSON_INTEGER: a whole number) and
 * whether it must be given. */
struct web_field {
	const char *name;
	json_type type;
	bool required;
};
/* Path param 0 as an id and the body as a JSON object holding only `fields` (n of them), each of its type; else a
 * 404 or a 400 naming the field, and its code. *body belongs to the request. */
int web_path_id_body(struct web_request *r, int64_t *id, json_t **body, const struct web_field *fields, size_t n);

/* Responses. web_json takes ownership of j (decref'd). web_error fills r->err and returns its code, so handlers
 * can `return web_error(r, ERR_INVALID, "field", "...")`. */
int web_json(struct web_request *r, int status, json_t *j);
/* For an answer written straight into r->out (core/jsonw) instead of through a jansson tree: web_json_begin clears
 * the output and returns it; web_json_end ends the document with the newline web_json adds, or answers 503 when the
 * writing ran out of memory or past the ceiling. */
struct buf *web_json_begin(struct web_request *r, int status);
int web_json_end(struct web_request *r);
int web_error(struct web_request *r, enum err_code code, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
int web_status_of(enum err_code code);
/* A verb's failure (rc, e) as the request's error, so handlers and pages can `return web_fail(r, rc, &e)` where a
 * verb filled its own struct err. */
int web_fail(struct web_request *r, int rc, const struct err *e);

/* The JSON adapter's end of an application verb: the verb's error (rc, e) as the request's, or `status` with out,
 * which the verb's owner keeps (the answer takes its own reference); with wrap, the answer is {wrap: out}. */
int web_answer(struct web_request *r, int rc, const struct err *e, int status, json_t *out, const char *wrap);
/* The verbs that read one record by its path id (param 0) for the caller. */
typedef int (*web_id_verb)(const struct actor *a, int64_t id, json_t **out, struct err *e);
/* A whole GET adapter: the path id, the verb, then web_answer (200, wrap). */
int web_answer_id_verb(struct web_request *r, web_id_verb verb, const char *wrap);
/* The verbs that act on one record by its path id with one text besides (a path param, a query value). */
typedef int (*web_id_text_verb)(const struct actor *a, int64_t id, const char *text, json_t **out, struct err *e);
/* The same adapter for such a verb: the path id, the verb with text, then web_answer (200, wrap). */
int web_answer_id_text_verb(struct web_request *r, web_id_text_verb verb, const char *text, const char *wrap);
/* Runs when a RF_HTML route fails: renders a person-readable page (set by the pages module). */
extern void (*web_html_error_hook)(struct web_request *r);
/* Runs a route's page (r->route->page; set by the pages module while it is started). */
extern int (*web_page_hook)(struct web_request *r);

/* Route tables of the modules, joined in routes.c. */
extern const struct route web_api_routes[];
extern const size_t web_api_routes_count;
