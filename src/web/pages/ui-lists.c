/* ui-lists: what the employer, vacancy and shortlist pages share (see ui-lists.h). */
#include "web/pages/ui-lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

void ui_list_begin(struct page *pg, const struct entity_def *d, const char *title_key, const char *nav,
                   const char *new_href, const char *new_key)
{
	struct buf *b = pg->b;
	page_begin(pg, T(pg, title_key), nav);
	html_printf(b, "<div class=\"head\"><h1>%s</h1>", T(pg, title_key));
	if (page_may(pg, d, ACC_WRITE))
		html_printf(b, "<a class=\"button\" href=\"%s\">%s</a>", new_href, T(pg, new_key));
	html_raw_trusted(b, "</div>");
	page_notice(pg);
}

const char *ui_list_search_text(struct page *pg)
{
	const char *q = web_query(pg->r, "q");
	return q && strlen(q) > 200 ? NULL : q;
}

bool ui_list_found(struct page *pg, int64_t total, json_t *items)
{
	struct buf *b = pg->b;
	html_printf(b, "<p class=\"result-count\" role=\"status\">%s: ", T(pg, "caseload.found"));
	page_int(pg, total);
	html_raw_trusted(b, "</p>");
	return page_has_rows(pg, items);
}

void ui_list_table(struct page *pg, const struct entity_def *d, json_t *items, const char *base, const char *name_field,
                   const char *name_key, const char *const *cols, size_t ncols)
{
	struct buf *b = pg->b;
	html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th>",
	            T(pg, name_key));
	page_field_heads(pg, d, cols, ncols);
	html_raw_trusted(b, "</tr></thead><tbody>");
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		html_printf(b, "<tr><th scope=\"row\"><a href=\"%s/%lld\">%s</a></th>", base,
		            (long long)jint(row, "id"), jstr(row, name_field));
		for (size_t c = 0; c < ncols; c++) {
			html_raw_trusted(b, "<td>");
			page_value(pg, entity_field(d, cols[c]), json_object_get(row, cols[c]));
			html_raw_trusted(b, "</td>");
		}
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

int ui_list_by(struct page *pg, const char *entity, const char *field, int64_t id, long limit, json_t **items)
{
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	struct store_filter f = {entity_field(entity_find(entity), field), idtxt};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = limit};
	return page_list(pg, entity, &lq, items, NULL);
}

void ui_shortlist_progress(struct page *pg, json_t *shortlist)
{
	html_raw_trusted(pg->b, "<td>");
	page_int(pg, jint(shortlist, "items"));
	html_raw_trusted(pg->b, "</td><td>");
	page_int(pg, jint(shortlist, "waiting"));
	html_raw_trusted(pg->b, "</td>");
}

int ui_new_form_end(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                    json_t *defaults)
{
	page_form_fields(pg, form_id, d, fields, defaults);
	page_form_end(pg, "form.create");
	html_raw_trusted(pg->b, "</div>");
	return page_end(pg);
}

int ui_part_sections(struct page *pg, const char *base, int64_t id, const char *heading, const struct ui_part *parts,
                     size_t n)
{
	for (size_t p = 0; p < n; p++) {
		int rc = page_child_section(pg, base, id, heading, parts[p].entity, parts[p].cols, parts[p].form);
		if (rc)
			return rc;
	}
	return 0;
}

int ui_part_add(struct page *pg, const char *base, const struct ui_part *parts, size_t n, page_id_fn show, bool esco,
                const char *not_found)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(parts[i].entity, pg->r->params[1]) == 0)
			return page_add_child(pg, base, web_param_id(pg->r, 0), entity_find(parts[i].entity),
			                      parts[i].form, show, esco);
	return web_error(pg->r, ERR_NOT_FOUND, "", "%s", not_found);
}

int ui_propose(struct page *pg, bool from_vacancy, page_id_fn show)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "", from_vacancy ? "no such vacancy" : "no such client");
	const char *field = from_vacancy ? "client_id" : "vacancy_id";
	const char *o = form_get(&pg->form, field);
	char *end = NULL;
	long long other = o ? strtoll(o, &end, 10) : 0;
	if (!o || *end || other <= 0) {
		page_form_error(pg, "propose", field, T(pg, "err.required"));
		return page_reshow(pg, show, id);
	}
	json_int_t client = from_vacancy ? (json_int_t)other : (json_int_t)id;
	json_int_t vacancy = from_vacancy ? (json_int_t)id : (json_int_t)other;
	json_t *body = json_pack("{s:I,s:I,s:s,s:I}", "client_id", client, "vacancy_id", vacancy, "stage", "suggested",
	                         "staff_id", (json_int_t)r->p.user_id);
	arena_defer(r->arena, (void (*)(void *))json_decref, body);
	char next[96];
	snprintf(next, sizeof next,
	         from_vacancy ? "/vacancies/%lld?done=proposed#shortlist" : "/clients/%lld?done=proposed#proposals",
	         (long long)id);
	int rc = page_create(pg, entity_get(ENT_PROPOSALS), body, "propose", NULL);
	if (rc && page_is_form_error(pg))
		return page_reshow(pg, show, id);
	return rc ? rc : page_redirect(pg, next);
}
