/* ui-duplicates: likely duplicate clients on the pages; see ui-duplicates.h. */
#include "web/pages/ui-duplicates.h"

#include <stdlib.h>
#include <string.h>

#include "app/client_links.h"
#include "app/policy.h"

#include "core/arena.h"
#include "core/buf.h"
#include "web/pages/ui.h"

/* The reasons of a match, in the page's language, comma-separated (arena). */
static const char *reasons(struct page *pg, json_t *m)
{
	struct buf b = {0};
	buf_init(&b, 512);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(m, "reasons"), i, r)
		buf_printf(&b, "%s%s", i ? ", " : "", TK(pg, "dup.reason", json_string_value(r)));
	const char *out = arena_strdup(pg->r->arena, b.len && !b.failed ? b.data : "");
	buf_free(&b);
	return out ? out : "";
}

const char *ui_dup_text(struct page *pg, json_t *m)
{
	const char *first = jstr(m, "first_name"), *last = jstr(m, "last_name");
	long long year = (long long)jint(m, "birth_year");
	const char *who = json_object_get(m, "row")
	                      ? arena_printf(pg->r->arena, "%s %lld", T(pg, "dup.file_row"), (long long)jint(m, "row"))
	                      : arena_printf(pg->r->arena, "#%lld %s %s", (long long)jint(m, "id"), first ? first : "",
	                                     last ? last : "");
	const char *born = year ? arena_printf(pg->r->arena, " (%s %lld)", T(pg, "dup.born"), year) : "";
	return arena_printf(pg->r->arena, "%s%s%s: %s", who ? who : "", born ? born : "",
	                    json_is_true(json_object_get(m, "archived")) ? arena_printf(pg->r->arena, ", %s",
	                                                                                T(pg, "dup.archived"))
	                                                                 : "",
	                    reasons(pg, m));
}

void ui_dup_warning(struct page *pg)
{
	json_t *ms = pg->r->err_matches;
	if (!json_array_size(ms))
		return;
	struct buf *b = pg->b;
	html_printf(b, "<div class=\"form-error conflict\" id=\"dup-warning\" role=\"alert\" tabindex=\"-1\" data-focus>"
	               "<p><strong>%s.</strong> %s</p><p>%s</p><ul>",
	            T(pg, "dup.title"), T(pg, "err.likely_duplicate"), T(pg, "dup.lead"));
	size_t i;
	json_t *m;
	json_array_foreach(ms, i, m) {
		const char *first = jstr(m, "first_name"), *last = jstr(m, "last_name");
		long long year = (long long)jint(m, "birth_year");
		html_printf(b, "<li><a href=\"/clients/%lld\" data-dup=\"%lld\">%s %s</a>", (long long)jint(m, "id"),
		            (long long)jint(m, "id"), first ? first : "", last ? last : "");
		if (year)
			html_printf(b, " (%s %lld)", T(pg, "dup.born"), year);
		if (json_is_true(json_object_get(m, "archived")))
			html_printf(b, " <span class=\"badge\">%s</span>", T(pg, "dup.archived"));
		html_printf(b, ": %s</li>", reasons(pg, m));
	}
	html_raw_trusted(b, "</ul></div>");
}

void ui_dup_confirm(struct page *pg)
{
	if (!json_array_size(pg->r->err_matches))
		return;
	html_printf(pg->b, "<div class=\"field confirm-new\"><label><input type=\"checkbox\" name=\"confirm_new\" "
	                   "value=\"1\" id=\"confirm_new\"> %s</label></div>",
	            T(pg, "dup.confirm"));
}

void ui_client_links_section(struct page *pg, int64_t client_id)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *links = NULL, *cand = NULL;
	struct err e = {0};
	if (!page_may(pg, entity_get(ENT_CLIENTS), ACC_READ) || app_links_of(web_actor(r), client_id, &links, &e) ||
	    app_link_candidates(web_actor(r), client_id, &cand, &e))
		return;
	json_t *items = json_object_get(cand, "items");
	if (!json_array_size(links) && !json_array_size(items))
		return;
	html_printf(b, "<section id=\"links\" aria-labelledby=\"h-links\"><h2 id=\"h-links\">%s</h2><div class=\"card\">",
	            T(pg, "links.title"));
	size_t i;
	json_t *x;
	if (json_array_size(links)) {
		html_raw_trusted(b, "<ul id=\"links-held\">");
		json_array_foreach(links, i, x) {
			html_printf(b, "<li>%s <strong>%s</strong> (%s ", T(pg, "links.also_client"), jstr(x, "organisation"),
			            T(pg, "links.since"));
			page_date(pg, jstr(x, "linked_at"));
			html_raw_trusted(b, ")");
			if (page_may(pg, entity_get(ENT_CLIENTS), ACC_WRITE)) {
				char action[96];
				snprintf(action, sizeof action, "/clients/%lld/links/%lld/remove", (long long)client_id,
				         (long long)jint(x, "id"));
				html_printf(b, " <form method=\"post\" action=\"%s\" class=\"inline\">", action);
				page_csrf_field(pg);
				html_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>", T(pg, "links.unlink"));
			}
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ul>");
	}
	bool write = page_may(pg, entity_get(ENT_CLIENTS), ACC_WRITE);
	json_array_foreach(items, i, x) {
		html_printf(b, "<div class=\"link-candidate\" data-candidate=\"%lld\"><p>%s <strong>%s</strong>: %s</p>",
		            (long long)jint(x, "client_id"), T(pg, "links.may_be"), jstr(x, "organisation"), reasons(pg, x));
		if (write) {
			char action[64];
			snprintf(action, sizeof action, "/clients/%lld/links", (long long)client_id);
			html_printf(b, "<form method=\"post\" action=\"%s\" class=\"inline\">", action);
			page_csrf_field(pg);
			html_printf(b, "<input type=\"hidden\" name=\"client_id\" value=\"%lld\"><button type=\"submit\">%s"
			               "</button></form>",
			            (long long)jint(x, "client_id"), T(pg, "links.link"));
		}
		html_raw_trusted(b, "</div>");
	}
	html_printf(b, "<p class=\"hint\">%s</p></div></section>", T(pg, "links.hint"));
}

int ui_client_link(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	const char *v = form_get(&pg->form, "client_id");
	char *end = NULL;
	long long other = v ? strtoll(v, &end, 10) : 0;
	if (!id || !v || !end || *end || other <= 0)
		return web_error(r, ERR_INVALID, "client_id", "choose the record to link");
	json_t *link = NULL;
	struct err e = {0};
	int rc = app_link_create(web_actor(r), id, (int64_t)other, &link, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return page_redirectf(pg, "/clients/%lld?done=linked#links", (long long)id);
}

int ui_client_unlink(struct page *pg)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0), link = web_param_id(r, 1);
	if (!id || !link)
		return web_error(r, ERR_NOT_FOUND, "", "no such link");
	struct err e = {0};
	int rc = app_link_remove(web_actor(r), id, link, &e);
	if (rc)
		return web_fail(r, rc, &e);
	return page_redirectf(pg, "/clients/%lld?done=unlinked#links", (long long)id);
}
