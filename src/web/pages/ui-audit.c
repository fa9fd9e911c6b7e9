/* ui-audit: who looked at or changed a client's data (admin): the audit entries of one client, newest first, and
 * whether the hash chain of the whole audit log is intact; a client is found by name or id (account verbs). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "auth/audit.h"
#include "web/pages/ui.h"

/* An entry's detail: the fields a change touched as their labels, a whole-profile read as words; any other note
 * (counts, a reassignment's ids) is the system's own, shown as written in a code font. */
static void detail(struct page *pg, const char *entity, const char *d)
{
	const struct entity_def *ed = entity ? entity_find(entity) : NULL;
	if (!d)
		return;
	if (strcmp(d, "profile") == 0 || strcmp(d, "page") == 0 || strcmp(d, "version_conflict") == 0) {
		html_printf(pg->b, "%s", TK(pg, "audit_detail", d));
		return;
	}
	if (ed && strncmp(d, "fields=", 7) == 0) {
		html_printf(pg->b, "%s: ", T(pg, "audit_detail.fields"));
		const char *p = d + 7;
		for (bool first = true; *p; first = false) {
			size_t n = strcspn(p, ",");
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p);
			html_printf(pg->b, "%s%s", first ? "" : ", ", page_field_label(pg, ed, name));
			p += n + (p[n] == ',');
		}
		return;
	}
	html_printf(pg->b, "<span class=\"mono\">%s</span>", d);
}

int ui_admin_audit(struct page *pg)
{
	struct buf *b = pg->b;
	const char *cid = web_query(pg->r, "client_id");
	json_t *res = NULL;
	if (cid && *cid) {
		json_t *items = NULL;
		struct err e = {0};
		int rc = account_audit_of_client(web_actor(pg->r), strtoll(cid, NULL, 10), &items, &e);
		rc = page_failed(pg, rc, &e, NULL, "audit");
		res = items ? json_pack("{s:O}", "items", items) : NULL;
		if (res)
			arena_defer(pg->r->arena, (void (*)(void *))json_decref, res);
		if (rc && !page_is_form_error(pg))
			return rc;
	}
	page_begin(pg, T(pg, "audit.title"), "audit");
	html_printf(b, "<h1>%s</h1><p>%s</p>", T(pg, "audit.title"), T(pg, "audit.intro"));
	int64_t checked = 0, broken = 0;
	struct err e = {0};
	if (audit_verify(pg->r->store, &checked, &broken, &e) == 0) {
		html_printf(b, "<p class=\"notice ok\" role=\"status\">%s: ", T(pg, "audit.chain_ok"));
		page_int(pg, checked);
		html_raw_trusted(b, "</p>");
	} else {
		html_printf(b, "<p class=\"notice err\" role=\"alert\">%s: ", T(pg, "audit.chain_broken"));
		page_int(pg, broken);
		html_raw_trusted(b, "</p>");
	}
	/* find the client by name (or give the id), then read the entries */
	const char *q = web_query(pg->r, "q");
	const char *err = pg->errors ? jstr(pg->errors, "client_id") : NULL;
	html_raw_trusted(b, "<section class=\"card\"><form method=\"get\" action=\"/admin/audit\" class=\"filters\">");
	html_printf(b, "<div class=\"field\"><label for=\"audit-q\">%s</label><input id=\"audit-q\" name=\"q\" "
	               "type=\"search\" value=\"%s\" autocomplete=\"off\"></div>",
	            T(pg, "audit.find"), q ? q : "");
	html_printf(b, "<div class=\"field%s\"><label for=\"audit-client\">%s</label>", err ? " has-error" : "",
	            T(pg, "audit.or_id"));
	if (err)
		html_printf(b, "<p class=\"err\" id=\"audit-client-err\">%s</p>", err);
	html_printf(b, "<input id=\"audit-client\" name=\"client_id\" inputmode=\"numeric\" value=\"%s\"", cid ? cid : "");
	html_attr_if(b, err != NULL, "aria-invalid", "true");
	html_attr_if(b, err != NULL, "aria-describedby", "audit-client-err");
	html_raw_trusted(b, "></div>");
	html_printf(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", T(pg, "audit.show"));
	if (q && *q && !(cid && *cid)) {
		json_t *found = NULL;
		struct err fe = {0};
		if (account_audit_find_clients(web_actor(pg->r), q, &found, &fe) == 0) {
			html_printf(b, "<h2>%s</h2>", T(pg, "audit.matches"));
			if (!json_array_size(found))
				html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "audit.none_found"));
			html_raw_trusted(b, "<ul class=\"plain\">");
			size_t i;
			json_t *c;
			json_array_foreach(found, i, c) {
				html_printf(b, "<li><a href=\"/admin/audit?client_id=%lld\">%s %s</a>", (long long)jint(c, "id"),
				            jstr(c, "first_name"), jstr(c, "last_name"));
				if (jint(c, "birth_year"))
					html_printf(b, " <span class=\"meta\">(%lld)</span>", (long long)jint(c, "birth_year"));
				html_raw_trusted(b, "</li>");
			}
			html_raw_trusted(b, "</ul>");
		}
	}
	html_raw_trusted(b, "</section>");
	json_t *items = res ? json_object_get(res, "items") : NULL;
	if (json_is_array(items)) {
		html_printf(b, "<section class=\"card\"><p class=\"result-count\">%s: ", T(pg, "caseload.found"));
		page_int(pg, (long long)json_array_size(items));
		html_raw_trusted(b, "</p>");
		page_wide_table_begin(pg, "audit-cap", NULL);
		html_printf(b, "<caption id=\"audit-cap\" class=\"vh\">%s</caption>", T(pg, "audit.title"));
		page_table_head(pg, (const char *const[]){"audit.at", "audit.user", "audit.role", "audit.action",
		                                          "audit.entity", "audit.detail", NULL});
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) {
			html_raw_trusted(b, "<tr><th scope=\"row\">");
			page_datetime(pg, jstr(it, "at"));
			html_printf(b, "</th><td>%s</td><td>%s</td><td>%s</td><td>%s ",
			            jstr(it, "user_name") ? jstr(it, "user_name") : "",
			            jstr(it, "role") ? TK(pg, "role", jstr(it, "role")) : "",
			            jstr(it, "action") ? TK(pg, "audit_action", jstr(it, "action")) : "",
			            jstr(it, "entity") ? TK(pg, "e", jstr(it, "entity")) : "");
			if (jint(it, "entity_id")) {
				html_raw_trusted(b, "#");
				page_int(pg, jint(it, "entity_id"));
			}
			html_raw_trusted(b, "</td><td>");
			detail(pg, jstr(it, "entity"), jstr(it, "detail"));
			html_raw_trusted(b, "</td></tr>");
		}
		html_raw_trusted(b, "</tbody></table></div></section>");
	}
	return page_end(pg);
}
