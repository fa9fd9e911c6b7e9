/* data: how pages reach data: the verbs of src/app (read, create, update, archive) with their failures recorded
 * for the page's form, and error texts in the page's language. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "auth/audit.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/validate.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/multipart.h"
#include "web/pages/pages.h"
#include "app/entity.h"
#include "app/policy.h"

int page_get(struct page *pg, const char *entity, int64_t id, json_t **row)
{
	struct err e = {0};
	return page_failed(pg, app_entity_get(web_actor(pg->r), entity_find(entity), id, row, &e), &e, NULL, NULL);
}

int page_list(struct page *pg, const char *entity, const struct store_list_query *lq, json_t **items,
              int64_t *total)
{
	struct err e = {0};
	int64_t t = 0;
	int rc = app_entity_list(web_actor(pg->r), entity_find(entity), lq, items, &t, &e);
	if (total)
		*total = t;
	return page_failed(pg, rc, &e, NULL, NULL);
}

int page_list_in_period(struct page *pg, const char *entity, const struct store_list_query *lq, const char *on,
                        const char *from, const char *to, size_t max, json_t **items)
{
	json_t *all = NULL;
	int rc = page_list(pg, entity, lq, &all, NULL);
	if (rc)
		return rc;
	*items = page_own(pg, json_array());
	size_t i;
	json_t *row;
	json_array_foreach(all, i, row) {
		const char *day = jstr(row, on);
		if (day && strcmp(day, from) >= 0 && strcmp(day, to) <= 0 && (!max || json_array_size(*items) < max))
			json_array_append(*items, row);
	}
	return 0;
}

int page_children(struct page *pg, const char *entity, int64_t parent_id, json_t **items)
{
	const struct entity_def *d = entity_find(entity);
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)parent_id);
	struct store_filter f = {entity_field(d, d->parent_field), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = 500};
	return page_list(pg, entity, &lq, items, NULL);
}

/* --- a verb's failure as the page shows it --- */

const char *page_error_text(struct page *pg, const struct err *e)
{
	/* The error's stable key decides; its English message is shown only when no catalogue has the key. */
	if (!e->key)
		return e->message;
	char key[64];
	snprintf(key, sizeof key, "err.%s", e->key);
	const char *t = T(pg, key);
	if (strcmp(t, key) == 0)
		return e->message;
	if (strcmp(e->key, "range") == 0)
		return arena_printf(pg->r->arena, "%s %ld–%ld", t, e->lo, e->hi);
	return t;
}

bool page_may(struct page *pg, const struct entity_def *d, enum access need)
{
	return policy_may(web_actor(pg->r), d, need);
}

bool page_is_form_error(struct page *pg)
{
	enum err_code c = pg->r->err.code;
	return c == ERR_INVALID || c == ERR_CONFLICT || c == ERR_THROTTLED || c == ERR_VERSION_CONFLICT ||
	       (c == ERR_FORBIDDEN && pg->r->err.field[0]);
}

bool page_form_again(struct page *pg, int rc)
{
	if (!rc || !page_is_form_error(pg))
		return false;
	pg->r->err.code = ERR_OK;
	return true;
}

int page_failed(struct page *pg, int rc, const struct err *e, json_t *current, const char *form_id)
{
	struct web_request *r = pg->r;
	r->err = *e;
	if (!rc || !form_id || !page_is_form_error(pg))
		return rc;
	pg->failed_form = form_id;
	if (!pg->errors)
		pg->errors = page_own(pg, json_object());
	const char *msg = page_error_text(pg, e);
	if (rc == ERR_VERSION_CONFLICT) { /* the form shows the two versions (page_form_fields) */
		pg->conflict = current ? current : page_own(pg, json_object());
		r->commit_anyway = true; /* reading the current row was audited */
	} else if (e->field[0]) {
		json_object_set_new(pg->errors, e->field, json_string(msg));
	} else {
		pg->error_summary = msg;
	}
	return rc;
}

int page_update(struct page *pg, const struct entity_def *d, int64_t id, json_t *body, const char *form_id)
{
	/* the version the form showed: the change is made only while the record is still at it */
	const char *v = form_get(&pg->form, "version");
	int64_t want = v && *v && strlen(v) < 16 && strspn(v, "0123456789") == strlen(v) ? strtoll(v, NULL, 10) : 0;
	json_t *row, *current = NULL;
	struct err e = {0};
	int rc = app_entity_update(web_actor(pg->r), d, id, body, want, &row, &current, &e);
	return page_failed(pg, rc, &e, current, form_id);
}

int page_create(struct page *pg, const struct entity_def *d, json_t *body, const char *form_id, json_t **row)
{
	json_t *made = NULL;
	struct err e = {0};
	int rc = app_entity_create(web_actor(pg->r), d, body, &made, &e);
	if (row)
		*row = made;
	return page_failed(pg, rc, &e, NULL, form_id);
}

int page_archive(struct page *pg, const struct entity_def *d, int64_t id)
{
	struct err e = {0};
	int rc = app_entity_archive(web_actor(pg->r), d, id, 0, NULL, &e);
	return page_failed(pg, rc, &e, NULL, NULL);
}

int page_create_then_show(struct page *pg, const struct entity_def *d, json_t *body, const char *form_id,
                          const char *base, page_fn show)
{
	json_t *row = NULL;
	int rc = page_create(pg, d, body, form_id, &row);
	if (page_form_again(pg, rc))
		return show(pg);
	if (rc)
		return rc;
	return page_redirectf(pg, "%s/%lld?done=created", base, (long long)jint(row, "id"));
}

int page_child_section(struct page *pg, const char *base, int64_t id, const char *heading, const char *entity,
                       const char *const *cols, const char *const *form)
{
	struct buf *b = pg->b;
	const struct entity_def *pd = entity_find(entity);
	json_t *items = NULL;
	int rc = page_children(pg, entity, id, &items);
	if (rc)
		return rc;
	html_printf(b, "<section class=\"card\" id=\"sec-%s\"><%s>%s</%s>", pd->name, heading, TK(pg, "e", pd->name),
	            heading);
	if (page_may(pg, pd, ACC_WRITE)) {
		bool failed = pg->failed_form && strcmp(pg->failed_form, pd->name) == 0;
		char action[128];
		snprintf(action, sizeof action, "%s/%lld/add/%s", base, (long long)id, pd->name);
		html_printf(b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "",
		            TK(pg, "add", pd->name));
		page_form_begin(pg, pd->name, action);
		page_form_fields(pg, pd->name, pd, form, NULL);
		page_form_end(pg, "form.add");
		html_raw_trusted(b, "</details>");
	}
	page_table(pg, pd, cols, items, NULL);
	html_raw_trusted(b, "</section>");
	return 0;
}

int page_by_id(struct page *pg, page_id_fn show, const char *what)
{
	int64_t id = web_param_id(pg->r, 0);
	return id ? show(pg, id) : web_error(pg->r, ERR_NOT_FOUND, "id", "no such %s", what);
}

int page_reshow(struct page *pg, page_id_fn show, int64_t id)
{
	pg->r->err.code = ERR_OK; /* nothing was written: the page again, with the form's messages and input */
	pg->r->status = 400;
	return show(pg, id);
}

/* The ESCO field of a form: a concept URI typed into the text field is taken as the concept; other text stays as
 * written for a counsellor to code later (the taxonomy search fills the hidden field when script runs). With
 * required, text that is not a concept is refused with how to pick one (vacancy requirements must be coded). */
static bool resolve_esco(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                         json_t *body, bool required)
{
	const char *esco = NULL, *text = NULL;
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (f && (f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION))
			esco = f->name;
		if (f && (strcmp(f->name, "label") == 0 || strcmp(f->name, "title") == 0))
			text = f->name;
	}
	if (!esco || !text || json_object_get(body, esco) || !jstr(body, text))
		return true;
	const struct field_def *ef = entity_field(d, esco);
	if (validate_esco_uri(jstr(body, text), ef->type == FT_ESCO_SKILL ? "skill" : "occupation")) {
		json_object_set_new(body, esco, json_string(jstr(body, text)));
		json_object_del(body, text);
		return true;
	}
	if (required)
		page_form_error(pg, form_id, text, T(pg, "err.esco_pick"));
	return !required;
}

int page_add_child(struct page *pg, const char *base, int64_t id, const struct entity_def *d,
                   const char *const *form, page_id_fn show, bool esco_required)
{
	struct web_request *r = pg->r;
	json_t *body = page_form_json(pg, d, form, true);
	json_object_set_new(body, d->parent_field, json_integer(id));
	if (entity_field(d, "staff_id") && !json_object_get(body, "staff_id")) /* who gave the service */
		json_object_set_new(body, "staff_id", json_integer(r->p.user_id));
	if (page_esco_step(pg, d->name, d, form, body, esco_required) ||
	    !resolve_esco(pg, d->name, d, form, body, esco_required))
		return page_reshow(pg, show, id);
	int rc = page_create(pg, d, body, d->name, NULL);
	if (rc && page_is_form_error(pg)) {
		if (strcmp(r->err.field, d->parent_field) == 0) /* not a field of the form: the parent is not the user's */
			return web_error(r, ERR_NOT_FOUND, "", "no such record in your organisation");
		const struct field_def *f = entity_field(d, r->err.field);
		if (f && (f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION) && pg->errors)
			json_object_set_new(pg->errors, "label", json_string(T(pg, "err.esco_pick")));
		return page_reshow(pg, show, id);
	}
	if (rc)
		return rc;
	return page_redirect(pg, arena_printf(r->arena, "%s/%lld?done=added#sec-%s", base, (long long)id, d->name));
}
