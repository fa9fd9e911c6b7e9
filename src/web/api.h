/* api: what the JSON API shares with the rest of the web layer: after-commit change hooks, the OpenAPI document, the
 * session cookie and the log-in (the log-in page's too). The generic entity routes are api_entities.c's table. */
#pragma once
#include "web/web.h"

/* After-commit change hooks: called once per changed row after the request's transaction committed. */
typedef void (*web_change_hook)(struct store *s, const char *entity, int64_t id);
void web_on_change(web_change_hook fn);

/* The OpenAPI document (caller owns). */
json_t *api_openapi_document(void);
/* Sets (or with clear, removes) the browser's session cookie; shared by the API and the pages. */
void api_session_cookie(struct web_request *r, const char *token, bool clear);
/* Shared by the API and the login page: verifies, creates a browser session and sets the cookie; fills r->p. */
int api_login(struct web_request *r, const char *email, const char *password);
