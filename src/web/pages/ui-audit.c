/* ui-audit: who looked at or changed a client's data (admin): the audit entries of one client, newest first, and
 * whether the hash chain of the whole audit log is intact. Reads through the API route GET /api/v1/audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/account.h"
#include "auth/audit.h"
#include "web/pages/ui.h"

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
	const char *err = pg->errors ? jstr(pg->errors, "client_id") : NULL;
	html_raw_trusted(b, "<form method=\"get\" action=\"/admin/audit\" class=\"card\">");
	html_printf(b, "<div class=\"field%s\"><label for=\"audit-client\">%s</label>", err ? " has-error" : "",
	            T(pg, "audit.client_id"));
	if (err)
		html_printf(b, "<p class=\"err\" id=\"audit-client-err\">%s</p>", err);
	html_printf(b, "<input id=\"audit-client\" name=\"client_id\" inputmode=\"numeric\" value=\"%s\"", cid ? cid : "");
	html_attr_if(b, err != NULL, "aria-invalid", "true");
	html_attr_if(b, err != NULL, "aria-describedby", "audit-client-err");
	html_raw_trusted(b, "></div>");
	html_printf(b, "<button type=\"submit\">%s</button></form>", T(pg, "audit.show"));
	json_t *items = res ? json_object_get(res, "items") : NULL;
	if (json_is_array(items)) {
		html_printf(b, "<p class=\"result-count\">%s: ", T(pg, "caseload.found"));
		page_int(pg, (long long)json_array_size(items));
		html_raw_trusted(b, "</p>");
		html_printf(b, "<table class=\"data\"><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		               "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		            T(pg, "audit.title"), T(pg, "audit.at"), T(pg, "audit.user"), T(pg, "audit.role"),
		            T(pg, "audit.action"), T(pg, "audit.entity"), T(pg, "audit.detail"));
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it) {
			html_raw_trusted(b, "<tr><td>");
			page_date(pg, jstr(it, "at"));
			html_printf(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s ", jstr(it, "user_name") ? jstr(it, "user_name") : "",
			            jstr(it, "role") ? jstr(it, "role") : "", jstr(it, "action") ? jstr(it, "action") : "",
			            jstr(it, "entity") ? jstr(it, "entity") : "");
			if (jint(it, "entity_id"))
				page_int(pg, jint(it, "entity_id"));
			html_printf(b, "</td><td>%s</td></tr>", jstr(it, "detail") ? jstr(it, "detail") : "");
		}
		html_raw_trusted(b, "</tbody></table>");
	}
	return page_end(pg);
}
