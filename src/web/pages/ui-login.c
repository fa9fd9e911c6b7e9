/* ui-login: the home redirect, log in, log out and the language menu. */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "core/arena.h"
#include "store/entity_store.h"
#include "web/api.h"
#include "web/pages/ui.h"

int ui_home(struct page *pg)
{
	switch (pg->r->p.role) {
	case ROLE_COUNSELLOR: return page_redirect(pg, "/caseload");
	case ROLE_COORDINATOR: return page_redirect(pg, "/vacancies");
	case ROLE_ADMIN: return page_redirect(pg, "/admin/users");
	case ROLE_SYSADMIN: return page_redirect(pg, "/admin/organisations");
	case ROLE_EMPLOYER: return page_redirect(pg, "/portal");
	case ROLE_MANAGER: return page_redirect(pg, "/reports");
	default: return page_redirect(pg, "/account");
	}
}

static void login_form(struct page *pg, const char *token, const char *email, const char *next, const char *error)
{
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "login.title"), NULL);
	html_printf(b, "<div class=\"narrow card\"><h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "login.title"),
	            T(pg, "login.lead"));
	if (error)
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</div>", error);
	html_printf(b,
	            "<form method=\"post\" action=\"/login\" id=\"login\"><input type=\"hidden\" name=\"login_token\" "
	            "value=\"%s\"><input type=\"hidden\" name=\"next\" value=\"%s\">"
	            "<div class=\"field\"><label for=\"login-email\">%s</label><input type=\"email\" id=\"login-email\" "
	            "name=\"email\" value=\"%s\" autocomplete=\"username\" required aria-required=\"true\"%s></div>"
	            "<div class=\"field\"><label for=\"login-password\">%s</label><input type=\"password\" "
	            "id=\"login-password\" name=\"password\" autocomplete=\"current-password\" required "
	            "aria-required=\"true\"></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	            token, next, T(pg, "f.email"), email ? email : "", email && *email ? "" : " autofocus",
	            T(pg, "login.password"), T(pg, "login.submit"));
	html_printf(b, "<p class=\"langs\">%s: ", T(pg, "nav.language"));
	static const char *const codes[] = {"fi", "sv", "en"};
	for (int l = 0; l < LANG_COUNT; l++)
		html_printf(b, "<a href=\"/login?lang=%s\" lang=\"%s\" aria-current=\"%s\">%s</a> ", codes[l], codes[l],
		            l == (int)pg->lang ? "true" : "false", pages_text((enum page_lang)l, "lang.self"));
	html_raw_trusted(b, "</p></div>");
}

static void lang_cookie(struct page *pg)
{
	char c[128];
	snprintf(c, sizeof c, "osaaja_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", pg->lang_code,
	         web_server_config(pg->r->srv)->secure_cookies ? "; Secure" : "");
	web_add_header(pg->r, "Set-Cookie", c);
}

int ui_login(struct page *pg)
{
	struct web_request *r = pg->r;
	if (r->authed)
		return page_redirect(pg, page_next(pg, web_query(r, "next")));
	char token[AUTH_TOKEN_HEX + 1];
	auth_random_token(token);
	char c[200];
	snprintf(c, sizeof c, "osaaja_login=%s; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600%s", token,
	         web_server_config(r->srv)->secure_cookies ? "; Secure" : "");
	web_add_header(r, "Set-Cookie", c);
	if (web_query(r, "lang"))
		lang_cookie(pg);
	login_form(pg, token, NULL, page_next(pg, web_query(r, "next")), NULL);
	return page_end(pg);
}

int ui_login_post(struct page *pg)
{
	struct web_request *r = pg->r;
	const char *email = form_get(&pg->form, "email"), *password = form_get(&pg->form, "password");
	const char *next = page_next(pg, form_get(&pg->form, "next"));
	int rc = api_login(r, email, password);
	if (!rc) {
		web_add_header(r, "Set-Cookie", "osaaja_login=; Path=/login; Max-Age=0");
		return page_redirect(pg, next);
	}
	if (rc != ERR_UNAUTH && rc != ERR_INVALID && rc != ERR_THROTTLED)
		return rc;
	err_clear(&r->err);
	r->status = rc == ERR_THROTTLED ? 429 : 401;
	login_form(pg, web_cookie(r, "osaaja_login"), email, next,
	           T(pg, rc == ERR_THROTTLED ? "login.throttled" : "login.failed"));
	return page_end(pg);
}

int ui_logout(struct page *pg)
{
	struct err e = {0};
	int rc = account_logout(web_actor(pg->r), pg->r->session_token, false, &e);
	if (rc)
		return page_failed(pg, rc, &e, NULL, NULL);
	api_session_cookie(pg->r, "", true);
	return page_redirect(pg, "/login?done=logged_out");
}

int ui_lang(struct page *pg)
{
	struct web_request *r = pg->r;
	const char *l = form_get(&pg->form, "lang");
	if (!l || (strcmp(l, "fi") && strcmp(l, "sv") && strcmp(l, "en")))
		return web_error(r, ERR_INVALID, "lang", "choose fi, sv or en");
	pg->lang_code = l;
	lang_cookie(pg);
	if (r->authed) {
		/* The user's own setting: a direct store update, as no role writes users through the API but admins. */
		const struct entity_def *d = entity_get(ENT_USERS);
		json_t *body = json_pack("{s:s}", "lang", l);
		struct entity_input in = {0};
		struct err e = {0};
		int rc = entity_validate(d, body, false, r->arena, &in, &e);
		if (!rc)
			rc = store_entity_update(r->store, d, 0, r->p.user_id, &in, &e);
		json_decref(body);
		if (rc)
			return web_fail(r, rc, &e);
	}
	return page_redirect(pg, page_next(pg, form_get(&pg->form, "next")));
}
