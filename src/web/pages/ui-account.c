/* ui-account: my account: who I am, and changing my password. */
#include <string.h>

#include "app/account.h"
#include "core/arena.h"

#include "web/pages/ui.h"

static void pw_field(struct page *pg, const char *name, const char *label_key, const char *autocomplete)
{
	const char *msg = pg->failed_form && pg->errors ? jstr(pg->errors, name) : NULL;
	html_printf(pg->b, "<div class=\"field%s\"><label for=\"pw-%s\">%s</label>", msg ? " has-error" : "", name,
	            T(pg, label_key));
	if (msg)
		html_printf(pg->b, "<p class=\"err\" id=\"pw-%s-err\">%s</p>", name, msg);
	html_printf(pg->b, "<input type=\"password\" id=\"pw-%s\" name=\"%s\" autocomplete=\"%s\" required "
	                   "aria-required=\"true\"",
	            name, name, autocomplete);
	if (msg)
		html_printf(pg->b, " aria-invalid=\"true\" aria-describedby=\"pw-%s-err\"", name);
	html_raw_trusted(pg->b, "></div>");
}

static int account_page(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "account.title"), "account");
	html_printf(b, "<h1>%s</h1>", T(pg, "account.title"));
	page_notice(pg);
	html_printf(b, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
	               "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>",
	            T(pg, "f.name"), r->p.name, T(pg, "f.email"), r->p.email, T(pg, "f.role"),
	            TK(pg, "role", role_name(r->p.role)), T(pg, "f.organisation_id"));
	json_t *org = NULL;
	if (page_get(pg, "organisations", r->p.org_id, &org) == 0)
		html_txt(b, jstr(org, "name"));
	err_clear(&r->err);
	html_printf(b, "</dd></dl></section><section class=\"card\"><h2>%s</h2><p class=\"hint\">%s</p>",
	            T(pg, "account.password"), T(pg, "account.password_hint"));
	page_form_begin(pg, "password", "/account/password");
	pw_field(pg, "current_password", "account.current", "current-password");
	pw_field(pg, "new_password", "account.new", "new-password");
	pw_field(pg, "new_password2", "account.new2", "new-password");
	page_form_end(pg, "account.change");
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

int ui_account(struct page *pg)
{
	return account_page(pg);
}

int ui_account_password(struct page *pg)
{
	const char *cur = form_get(&pg->form, "current_password"), *nw = form_get(&pg->form, "new_password"),
	           *nw2 = form_get(&pg->form, "new_password2");
	if (!nw || !nw2 || strcmp(nw, nw2) != 0) {
		pg->failed_form = "password";
		pg->errors = json_pack("{s:s}", "new_password2", T(pg, "account.mismatch"));
		arena_defer(pg->r->arena, (void (*)(void *))json_decref, pg->errors);
		return account_page(pg);
	}
	struct err e = {0};
	int rc = account_password_change(web_actor(pg->r), pg->r->address, cur ? cur : "", nw, &e);
	if (rc && strcmp(e.field, "current_password") == 0)
		pg->r->commit_anyway = true; /* the failed attempt counts toward throttling */
	rc = page_failed(pg, rc, &e, NULL, "password");
	if (page_form_again(pg, rc))
		return account_page(pg);
	if (rc)
		return rc;
	return page_redirect(pg, "/account?done=password");
}
