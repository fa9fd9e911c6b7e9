/* ui-admin: users and roles, organisations, programmes with their funders, service methods: a list and a create form
 * each (admin only); methods and funders are renamed through the edit form and archived from the list; the economic
 * parameters (/admin/economy). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "app/economy.h"
#include "app/entity.h"
#include "core/arena.h"
#include "core/validate.h"
#include "web/pages/ui.h"

#define L(...) ((const char *const[]){__VA_ARGS__, NULL})

struct admin_page {
	const char *entity, *nav, *title_key, *path;
	const char *const *cols, *const *form;
	const char *remove;  /* rows are archived from the list by a POST to remove/<id>; NULL: no such button */
	int more[2];         /* indexes of child lists shown on the same page (a programme's funders), -1 for none */
	bool child;          /* shown on its parent's page, under a heading of its own */
};

static const struct admin_page pages_[] = {
	{"users", "users", "admin.users", "/admin/users", L("name", "email", "role", "organisation_id", "lang"),
	 L("name", "email", "role", "organisation_id", "lang"), NULL, {-1, -1}, false},
	{"organisations", "organisations", "admin.organisations", "/admin/organisations",
	 L("name", "kind", "municipality", "business_id"), L("name", "kind", "municipality", "business_id"), NULL,
	 {-1, -1}, false},
	{"programmes", "programmes", "admin.programmes", "/admin/programmes",
	 L("name", "organisation_id", "funder", "target_groups", "region", "starts_on", "ends_on"),
	 L("organisation_id", "name", "funder", "target_groups", "region", "starts_on", "ends_on", "description"), NULL,
	 {4, 5}, false},
	{"service-methods", "methods", "admin.methods", "/admin/methods", L("name", "description"),
	 L("name", "description"), "/admin/methods/remove", {-1, -1}, false},
	{"programme-funders", "programmes", "admin.funders", "/admin/programmes/funders",
	 L("programme_id", "funder", "share_pct", "funding_decision"),
	 L("programme_id", "funder", "share_pct", "funding_decision"), "/admin/programmes/funders/remove", {-1, -1}, true},
	/* the organisations that co-implement a programme (shared programmes): they see its combined figures */
	{"programme-partners", "programmes", "admin.partners", "/admin/programmes/partners",
	 L("programme_id", "partner_organisation_id", "task"), L("programme_id", "partner_organisation_id", "task"),
	 "/admin/programmes/partners/remove", {-1, -1}, true},
};
static const struct admin_page *const users_ = &pages_[0], *const orgs_ = &pages_[1], *const programmes_ = &pages_[2],
                               *const methods_ = &pages_[3], *const funders_ = &pages_[4], *const partners_ = &pages_[5];

/* The create form of a, for those who may write its entity. */
static void add_form(struct page *pg, const struct admin_page *a, const struct entity_def *d)
{
	struct buf *b = pg->b;
	bool failed = pg->failed_form && strcmp(pg->failed_form, a->entity) == 0;
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

/* The add form, the count and the table of a's rows. */
static int list(struct page *pg, const struct admin_page *a)
{
	struct buf *b = pg->b;
	struct store_list_query lq = {.limit = 500};
	json_t *items = NULL;
	int64_t total = 0;
	int rc = page_list(pg, a->entity, &lq, &items, &total);
	if (rc)
		return rc;
	const struct entity_def *d = entity_find(a->entity);
	if (a->child)
		html_printf(b, "<h2 id=\"%s\">%s</h2>", a->entity, T(pg, a->title_key));
	if (page_may(pg, d, ACC_WRITE)) /* organisations: the system administrator's */
		add_form(pg, a, d);
	html_printf(b, "<p class=\"result-count\">%s: ", T(pg, "caseload.found"));
	page_int(pg, total);
	html_raw_trusted(b, "</p>");
	page_table(pg, d, a->cols, items, page_may(pg, d, ACC_WRITE) ? a->remove : NULL);
	return 0;
}

static int show(struct page *pg, const struct admin_page *a)
{
	if (a->child)
		a = programmes_; /* a funder's form failed: the programmes' page, that form open */
	struct buf *b = pg->b;
	page_begin(pg, T(pg, a->title_key), a->nav);
	html_printf(b, "<h1>%s</h1>", T(pg, a->title_key));
	page_notice(pg);
	if (a == programmes_ || a == methods_) /* many at once: the CSV import (its kind is the entity's name) */
		html_printf(b, "<p><a class=\"button secondary\" href=\"/import?kind=%s\">%s</a></p>", a->entity,
		            T(pg, "import.from_csv"));
	int rc = list(pg, a);
	for (size_t i = 0; !rc && i < 2 && a->more[i] >= 0; i++)
		rc = list(pg, &pages_[a->more[i]]);
	return rc ? rc : page_end(pg);
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
	if (page_form_again(pg, rc)) /* a message without a field (e.g. the password policy) shows above the form */
		return show(pg, a);
	if (rc)
		return rc;
	char next[96];
	const struct admin_page *back = a->child ? programmes_ : a;
	snprintf(next, sizeof next, "%s?done=created%s%s", back->path, back != a ? "#" : "", back != a ? a->entity : "");
	return page_redirect(pg, next);
}

/* Archives row {id} of a list that has a remove button (a method no longer offered, a funder no longer funding). */
static int remove_row(struct page *pg, const struct admin_page *a)
{
	int64_t id = web_param_id(pg->r, 0);
	if (!id)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such row");
	int rc = page_archive(pg, entity_find(a->entity), id);
	if (rc)
		return rc;
	const struct admin_page *back = a->child ? programmes_ : a;
	return page_redirectf(pg, "%s?done=removed%s%s", back->path, back != a ? "#" : "", back != a ? a->entity : "");
}

int ui_admin_users(struct page *pg)
{
	return show(pg, users_);
}
int ui_admin_user_create(struct page *pg)
{
	return create(pg, users_);
}
int ui_admin_orgs(struct page *pg)
{
	return show(pg, orgs_);
}
int ui_admin_org_create(struct page *pg)
{
	return create(pg, orgs_);
}
int ui_admin_programmes(struct page *pg)
{
	return show(pg, programmes_);
}
int ui_admin_programme_create(struct page *pg)
{
	return create(pg, programmes_);
}
int ui_admin_funder_create(struct page *pg)
{
	return create(pg, funders_);
}
int ui_admin_funder_remove(struct page *pg)
{
	return remove_row(pg, funders_);
}
int ui_admin_partner_create(struct page *pg)
{
	return create(pg, partners_);
}
int ui_admin_partner_remove(struct page *pg)
{
	return remove_row(pg, partners_);
}
int ui_admin_methods(struct page *pg)
{
	return show(pg, methods_);
}
int ui_admin_method_create(struct page *pg)
{
	return create(pg, methods_);
}
int ui_admin_method_remove(struct page *pg)
{
	return remove_row(pg, methods_);
}

/* ---- economic parameters (issue 16 item 9): the figures of the economic-effect estimate, each with its source; an
 * administrator sets the organisation's own value of one at a time (app_economy_params_set, the API's rule). */

/* The message beside a field of the failed form of key, or NULL. */
static const char *econ_error(struct page *pg, const char *key, const char *field)
{
	if (!pg->failed_form || strcmp(pg->failed_form, key) != 0 || !pg->errors)
		return NULL;
	char name[48];
	snprintf(name, sizeof name, "items[0].%s", field);
	return jstr(pg->errors, name);
}

static void econ_field(struct page *pg, const char *key, const char *field, const char *label_key, const char *type,
                       const char *value)
{
	const char *msg = econ_error(pg, key, field);
	const char *typed = msg ? form_get(&pg->form, field) : NULL; /* a failed form shows what the user typed */
	html_printf(pg->b, "<div class=\"field%s\"><label for=\"econ-%s-%s\">%s</label>", msg ? " has-error" : "", key,
	            field, T(pg, label_key));
	if (msg)
		html_printf(pg->b, "<p class=\"err\" id=\"econ-%s-%s-err\">%s</p>", key, field, msg);
	html_printf(pg->b, "<input type=\"%s\" id=\"econ-%s-%s\" name=\"%s\" value=\"%s\" required%s>", type, key, field,
	            field, typed ? typed : value, msg ? " aria-invalid=\"true\"" : "");
	html_raw_trusted(pg->b, "</div>");
}

int ui_admin_economy(struct page *pg)
{
	struct buf *b = pg->b;
	json_t *params = NULL;
	struct err e = {0};
	int rc = app_economy_params(web_actor(pg->r), NULL, &params, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, params);
	page_begin(pg, T(pg, "econ.title"), "economy");
	html_printf(b, "<h1>%s</h1><p class=\"hint\">%s</p>", T(pg, "econ.title"), T(pg, "econ.hint"));
	page_notice(pg);
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(params, "items"), i, it) {
		const char *key = jstr(it, "key");
		char value[32], today[11];
		snprintf(value, sizeof value, "%g", json_number_value(json_object_get(it, "value")));
		validate_today(today);
		html_printf(b, "<section class=\"card\"><h2>%s</h2><dl class=\"facts\"><dt>%s</dt><dd>",
		            TK(pg, "econ.k", key), T(pg, "econ.value"));
		page_real(pg, json_number_value(json_object_get(it, "value")), strcmp(key, "months") == 0 ? 0 : 2);
		html_printf(b, " %s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", TK(pg, "econ.u", jstr(it, "unit")),
		            T(pg, "econ.source"), jstr(it, "source"), T(pg, "econ.valid_from"));
		page_date(pg, jstr(it, "valid_from"));
		html_printf(b, " (%s)</dd></dl>",
		            T(pg, json_is_true(json_object_get(it, "default")) ? "econ.default" : "econ.own"));
		page_form_begin(pg, key, "/admin/economy");
		html_printf(b, "<input type=\"hidden\" name=\"key\" value=\"%s\">", key);
		econ_field(pg, key, "value", "econ.value", "text", value);
		econ_field(pg, key, "source", "econ.source", "text", jstr(it, "source"));
		econ_field(pg, key, "valid_from", "econ.valid_from", "date", today);
		page_form_end(pg, "econ.save");
		html_raw_trusted(b, "</section>");
	}
	return page_end(pg);
}

int ui_admin_economy_save(struct page *pg)
{
	const char *key = form_get(&pg->form, "key"), *value = form_get(&pg->form, "value");
	char num[64];
	snprintf(num, sizeof num, "%s", value ? value : "");
	for (char *c = num; *c; c++)
		if (*c == ',') /* 0,30 as a Finnish or Swedish reader writes it */
			*c = '.';
	char *end = NULL;
	double v = strtod(num, &end);
	json_t *item = json_pack("{s:s,s:s?,s:s?}", "key", key ? key : "", "source", form_get(&pg->form, "source"),
	                         "valid_from", form_get(&pg->form, "valid_from"));
	/* text that is no number goes on as text, so the verb's own message names the field */
	json_object_set_new(item, "value", *num && end && !*end ? json_real(v) : json_string(num));
	json_t *body = json_pack("{s:[o]}", "items", item);
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, body);
	struct err e = {0};
	int rc = page_failed(pg, app_economy_params_set(web_actor(pg->r), body, &e), &e, NULL, key ? key : "");
	if (page_form_again(pg, rc))
		return ui_admin_economy(pg);
	if (rc)
		return rc;
	return page_redirect(pg, "/admin/economy?done=econ_saved");
}
