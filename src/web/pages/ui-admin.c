/* ui-admin: users and roles, organisations, programmes: a list and a create form each (admin only). */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/entity.h"
#include "core/arena.h"
#include "web/pages/ui.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

struct admin_page {
	const char *entity, *nav, *title_key, *path;
	const char *const *cols, *const *form;
};

static const struct admin_page pages_[] = {
	{"users", "users", "admin.users", "/admin/users", L("name", "email", "role", "organisation_id", "lang"),
	 L("name", "email", "role", "organisation_id", "lang")},
	{"organisations", "organisations", "admin.organisations", "/admin/organisations",
	 L("name", "kind", "municipality", "business_id"), L("name", "kind", "municipality", "business_id")},
	{"programmes", "programmes", "admin.programmes", "/admin/programmes",
	 L("name", "organisation_id", "funder", "target_groups", "region", "starts_on", "ends_on"),
	 L("organisation_id", "name", "funder", "target_groups", "region", "starts_on", "ends_on", "description")},
};

/* The create form of a, for those who may write its entity. */
static void add_form(struct page *pg, const struct admin_page *a, const struct entity_def *d)
{
	struct buf *b = pg->b;
	bool failed = pg->failed_form != NULL;
	html_printf(b, "<section class=\"card\"><details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "",
	            TK(pg, "add", a->entity));
	page_form_begin(pg, a->entity, a->path);
	json_t *defaults = json_pack("{s:I,s:s}", "organisation_id", (json_int_t)pg->r->p.org_id, "lang", pg->lang_code);
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, defaults);
	page_form_fields(pg, a->entity, d, a->form, defaults);
	if (entity_find(a->entity)->id == ENT_USERS) { /* accounts are made with their password */
		const char *msg = pg->errors ? jstr(pg->errors, "password") : NULL;
		html_printf(b,
		            "<div class=\"field%s\"><label for=\"users-password\">%s "
		            "<span class=\"req\" aria-hidden=\"true\">*</span></label>",
		            msg ? " has-error" : "", T(pg, "login.password"));
		if (msg)
			html_printf(b, "<p class=\"err\" id=\"users-password-err\">%s</p>", msg);
		html_raw_trusted(b, "<input type=\"password\" id=\"users-password\" name=\"password\" "
		                    "autocomplete=\"new-password\" required aria-required=\"true\"");
		if (msg)
			html_raw_trusted(b, " aria-invalid=\"true\" aria-describedby=\"users-password-err\"");
		html_printf(b, "><p class=\"hint\">%s</p></div>", T(pg, "account.password_hint"));
	}
	page_form_end(pg, "form.create");
	html_raw_trusted(b, "</details></section>");
}

static int show(struct page *pg, const struct admin_page *a)
{
	struct buf *b = pg->b;
	struct store_list_query lq = {.limit = 500};
	json_t *items = NULL;
	int64_t total = 0;
	int rc = page_list(pg, a->entity, &lq, &items, &total);
	if (rc)
		return rc;
	const struct entity_def *d = entity_find(a->entity);
	page_begin(pg, T(pg, a->title_key), a->nav);
	html_printf(b, "<h1>%s</h1>", T(pg, a->title_key));
	page_notice(pg);
	if (d->access[pg->r->p.role] >= ACC_WRITE) /* organisations: the system administrator's */
		add_form(pg, a, d);
	html_printf(b, "<p class=\"result-count\">%s: ", T(pg, "caseload.found"));
	page_int(pg, total);
	html_raw_trusted(b, "</p>");
	page_table(pg, d, a->cols, items, NULL);
	return page_end(pg);
}

static int create(struct page *pg, const struct admin_page *a)
{
	const struct entity_def *d = entity_find(a->entity);
	json_t *body = page_form_json(pg, d, a->form, true);
	json_t *row = NULL;
	int rc;
	if (entity_find(a->entity)->id == ENT_USERS) { /* accounts are made with their password */
		const char *pw = form_get(&pg->form, "password");
		json_object_set_new(body, "password", json_string(pw ? pw : ""));
		struct err e = {0};
		rc = page_failed(pg, account_create(web_actor(pg->r), body, &row, &e), &e, NULL, a->entity);
	} else {
		rc = page_create(pg, d, body, a->entity, &row);
	}
	if (rc && page_is_form_error(pg)) {
		if (!pg->errors || !json_object_size(pg->errors)) {
			/* a message without a field (e.g. the password policy) */
		}
		pg->r->err.code = ERR_OK;
		return show(pg, a);
	}
	if (rc)
		return rc;
	char next[96];
	snprintf(next, sizeof next, "%s?done=created", a->path);
	return page_redirect(pg, next);
}

int ui_admin_users(struct page *pg)
{
	return show(pg, &pages_[0]);
}
int ui_admin_user_create(struct page *pg)
{
	return create(pg, &pages_[0]);
}
int ui_admin_orgs(struct page *pg)
{
	return show(pg, &pages_[1]);
}
int ui_admin_org_create(struct page *pg)
{
	return create(pg, &pages_[1]);
}
int ui_admin_programmes(struct page *pg)
{
	return show(pg, &pages_[2]);
}
int ui_admin_programme_create(struct page *pg)
{
	return create(pg, &pages_[2]);
}
