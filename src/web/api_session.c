/* api_session: log in and out, the current user, API tokens, staff accounts with passwords, health. */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/health.h"
#include "core/jget.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "web/api.h"


static json_t *user_json(const struct principal *p)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s}", "id", (json_int_t)p->user_id, "email", p->email, "name", p->name,
	                 "role", role_name(p->role), "organisation_id", (json_int_t)p->org_id, "lang", p->lang);
}

void api_session_cookie(struct web_request *r, const char *token, bool clear)
{
	char c[256];
	snprintf(c, sizeof c, "osaaja_session=%s; Path=/; HttpOnly; SameSite=Strict%s%s", clear ? "" : token,
	         clear ? "; Max-Age=0" : "; Max-Age=43200", web_server_config(r->srv)->secure_cookies ? "; Secure" : "");
	web_add_header(r, "Set-Cookie", c);
}

/* Shared by the API and the login page: the log-in (account_login), then the session's cookie. */
int api_login(struct web_request *r, const char *email, const char *password)
{
	char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
	bool keep = false;
	int rc = account_login(r->store, email, password, r->address, token, csrf, &r->p, &keep, &r->err);
	if (rc) {
		r->commit_anyway = keep;
		return rc;
	}
	r->authed = true;
	snprintf(r->session_token, sizeof r->session_token, "%s", token);
	api_session_cookie(r, token, false);
	return 0;
}

static int session_create(struct web_request *r)
{
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	if ((rc = api_login(r, jget_text(body, "email"), jget_text(body, "password"))))
		return rc;
	/* the session token only in the HttpOnly cookie, never in the body a page's script could read; scripts create
	 * a token with POST /api/v1/tokens (issue 19 item 10) */
	return web_json(r, 201, json_pack("{s:o,s:s}", "user", user_json(&r->p), "csrf_token", r->p.csrf));
}

static int session_get(struct web_request *r)
{
	return web_json(r, 200, json_pack("{s:o,s:s}", "user", user_json(&r->p), "csrf_token", r->p.csrf));
}

static int session_delete(struct web_request *r)
{
	struct err e = {0};
	const char *all = web_query(r, "everywhere");
	int rc = account_logout(web_actor(r), r->session_token, all && strcmp(all, "true") == 0, &e);
	if (rc)
		return web_fail(r, rc, &e);
	api_session_cookie(r, "", true);
	return web_json(r, 200, json_pack("{s:b}", "logged_out", 1));
}

static int token_create(struct web_request *r)
{
	json_t *body = NULL;
	const char *label = "script";
	if (r->body_len) {
		int rc = web_json_body(r, &body);
		if (rc)
			return rc;
		const char *l = jget_text(body, "label");
		if (l) {
			if (strlen(l) > 100 || !validate_utf8(l, strlen(l)))
				return web_error(r, ERR_INVALID, "label", "label must be text of at most 100 characters");
			label = l;
		}
	}
	char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
	struct err e = {0};
	int rc = auth_session_create(r->store, r->p.user_id, "api", label, token, csrf, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return web_json(r, 201, json_pack("{s:s,s:s,s:s}", "token", token, "label", label, "usage",
	                                  "send it as the header Authorization: Bearer TOKEN"));
}

/* POST /api/v1/users/new {email, name, role, password, organisation_id?, lang?, employer_id?}: admin only. */
static int user_new(struct web_request *r)
{
	json_t *body, *row;
	struct err e = {0};
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	if ((rc = account_create(web_actor(r), body, &row, &e)))
		return web_fail(r, rc, &e);
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/users/%lld", (long long)json_integer_value(json_object_get(row, "id")));
	web_add_header(r, "Location", loc);
	return web_json(r, 201, json_incref(row));
}

/* POST /api/v1/session/password {current_password, new_password}: ends every other session. */
static int password_change(struct web_request *r)
{
	json_t *body;
	struct err e = {0};
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	if ((rc = account_password_change(web_actor(r), r->address, jget_text(body, "current_password"),
	                                  jget_text(body, "new_password"), &e))) {
		r->err = e;
		r->commit_anyway = strcmp(e.field, "current_password") == 0; /* the failed attempt counts */
		return rc;
	}
	return web_json(r, 200, json_pack("{s:b}", "changed", 1));
}

static int healthz(struct web_request *r)
{
	struct health h = {0};
	struct err e = {0};
	if (health_check(r->store, &h, &e)) {
		r->err = e;
		return ERR_UNAVAILABLE;
	}
	return web_json(r, 200, json_pack("{s:s,s:i,s:s}", "status", "ok", "schema_version", h.schema_version, "store",
	                                  store_kind(r->store) == STORE_POSTGRES ? "postgres" : "sqlite"));
}

/* GET /api/v1/audit?client_id=N: who looked at or changed a client's data (admin). */
static int audit_list(struct web_request *r)
{
	const char *cid = web_query(r, "client_id");
	char *end = NULL;
	long long c = cid ? strtoll(cid, &end, 10) : 0;
	json_t *items;
	struct err e = {0};
	int rc = account_audit_of_client(web_actor(r), cid && !*end ? c : 0, &items, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:O}", "items", items));
}

int api_openapi(struct web_request *r);

const struct route web_api_routes[] = {
	{"GET", "/healthz", healthz, NULL, RF_PUBLIC | RF_NO_TX_STORE, 0, "health check (database reachable, schema version; a success is at most 100 ms old)"},
	{"POST", "/api/v1/session", session_create, NULL, RF_PUBLIC, 0, "log in with {email, password}"},
	{"GET", "/api/v1/session", session_get, NULL, 0, 0, "the logged-in user and the CSRF token"},
	{"DELETE", "/api/v1/session", session_delete, NULL, 0, 0, "log out (?everywhere=true ends every session)"},
	{"POST", "/api/v1/session/password", password_change, NULL, 0, 0, "change my password"},
	{"POST", "/api/v1/tokens", token_create, NULL, 0, 0, "create an API token for scripts"},
	{"POST", "/api/v1/users/new", user_new, NULL, 0, ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_SYSADMIN),
	 "create a staff account with a password (an admin: in its organisation)"},
	{"GET", "/api/v1/audit", audit_list, NULL, 0, ROLE_BIT(ROLE_ADMIN), "audit entries of one client"},
	{"GET", "/api/v1/openapi.json", api_openapi, NULL, RF_PUBLIC | RF_NO_TX, 0, "this API's OpenAPI document"},
};
const size_t web_api_routes_count = sizeof web_api_routes / sizeof *web_api_routes;
