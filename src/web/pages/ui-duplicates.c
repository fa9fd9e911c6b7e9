/* ui-duplicates: likely duplicate clients on the pages; see ui-duplicates.h. */
#include "web/pages/ui-duplicates.h"

#include <string.h>

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
