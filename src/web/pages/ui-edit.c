/* ui-edit: one edit form for a row of any entity (a vacancy, an employer, a contact, a service event, a skill, an
 * education, a language, a consent...): the fields the user may change, with the version the form showed, the same
 * validation and audit as creation (the update verb), and back to the page it came from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/policy.h"
#include "web/pages/ui.h"

enum { EDIT_MAX_FIELDS = 40 };

/* The fields this user may change in row: not set by the server, not fixed at creation, visible to the role. */
static const char **editable(struct page *pg, const struct entity_def *d, json_t *row)
{
	const char **out = arena_alloc(pg->r->arena, (EDIT_MAX_FIELDS + 1) * sizeof *out);
	if (!out)
		return NULL;
	bool assigned = policy_is_assigned(web_actor(pg->r), entity_is_client(d) ? jint(row, "id")
	                                                                           : policy_client_of(d, row));
	size_t n = 0;
	for (size_t i = 0; i < d->nfields && n < EDIT_MAX_FIELDS; i++) {
		const struct field_def *f = &d->fields[i];
		if (f->flags & (FF_SERVER | FF_CREATE_ONLY | FF_PARENT | FF_VERB))
			continue;
		if (!entity_field_visible(f, pg->r->p.role, assigned))
			continue;
		out[n++] = f->name;
	}
	out[n] = NULL;
	return out;
}

/* The page the form came from (a path on this site), else the home page. */
static const char *back_of(struct page *pg)
{
	const char *b = pg->is_post ? form_get(&pg->form, "back") : web_query(pg->r, "back");
	return page_next(pg, b);
}

static int edit_page(struct page *pg, const struct entity_def *d, json_t *row, int status)
{
	struct buf *b = pg->b;
	const char **fields = editable(pg, d, row);
	if (!fields)
		return web_error(pg->r, ERR_UNAVAILABLE, "", "out of memory");
	const char *name = page_row_name(pg, d, row), *back = back_of(pg);
	char title[300], action[128];
	snprintf(title, sizeof title, "%s: %s", T(pg, "form.edit"), name);
	snprintf(action, sizeof action, "/edit/%s/%lld", d->name, (long long)jint(row, "id"));
	page_begin(pg, title, NULL);
	html_printf(b, "<p class=\"crumbs\"><a href=\"%s\">%s</a></p><h1>%s</h1><p class=\"sub\">%s</p>", back,
	            T(pg, "form.back"), title, TK(pg, "e", d->name));
	html_raw_trusted(b, "<section class=\"card\">");
	page_form_begin(pg, "edit", action);
	html_printf(b, "<input type=\"hidden\" name=\"back\" value=\"%s\">", back);
	page_form_fields(pg, "edit", d, fields, row);
	page_form_end(pg, "form.save");
	html_printf(b, "<p><a href=\"%s\">%s</a></p></section>", back, T(pg, "edit.cancel"));
	pg->r->status = status;
	return page_end(pg);
}

/* The entity and row of /edit/{entity}/{id}, if this user may change it. */
static int target(struct page *pg, const struct entity_def **d, int64_t *id, json_t **row)
{
	*d = entity_find(pg->r->params[0]);
	*id = web_param_id(pg->r, 1);
	if (!*d || !*id)
		return web_error(pg->r, ERR_NOT_FOUND, "", "no such record");
	struct err e = {0};
	int rc = policy_entity_access(web_actor(pg->r), *d, ACC_WRITE, &e);
	if (rc)
		return page_failed(pg, rc, &e, NULL, NULL);
	return page_get(pg, (*d)->name, *id, row);
}

int ui_edit(struct page *pg)
{
	const struct entity_def *d;
	int64_t id;
	json_t *row;
	int rc = target(pg, &d, &id, &row);
	return rc ? rc : edit_page(pg, d, row, 200);
}

int ui_edit_save(struct page *pg)
{
	const struct entity_def *d;
	int64_t id;
	json_t *row;
	int rc = target(pg, &d, &id, &row);
	if (rc)
		return rc;
	const char **fields = editable(pg, d, row);
	if (!fields)
		return web_error(pg->r, ERR_UNAVAILABLE, "", "out of memory");
	json_t *body = page_form_json(pg, d, fields, false);
	rc = page_update(pg, d, id, body, "edit"); /* a version conflict shows both versions */
	if (page_form_again(pg, rc)) {
		if ((rc = page_get(pg, d->name, id, &row)))
			return rc;
		return edit_page(pg, d, row, 400);
	}
	if (rc)
		return rc;
	/* Back where the user was: a part of a page (a client's skills, an employer's contacts) is its section, where
	 * the confirmation then shows (app.js moves the notice there). */
	const char *back = back_of(pg);
	return page_redirect(pg, arena_printf(pg->r->arena, "%s%sdone=saved%s%s", back, strchr(back, '?') ? "&" : "?",
	                                      d->parent ? "#sec-" : "", d->parent ? d->name : ""));
}
