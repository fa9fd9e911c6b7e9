/* ui-caseload: a counsellor's clients (or the whole organisation's) with search by name, skill, occupation and
 * language, filters by programme, target group and status, sorting and paging in the database (any number of
 * clients), counts at the top. A name in another script shows its Latin spelling beside it (core/fold). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "domain/labels.h"
#include "web/pages/ui.h"
#include "app/policy.h"

enum { PAGE_SIZE = 25 };

static const char *const statuses[] = {"intake", "active", "paused", "employed", "education", "closed", NULL};

static const char *q_or_null(struct page *pg, const char *name)
{
	const char *v = web_query(pg->r, name);
	if (!v || !*v || strlen(v) > 200)
		return NULL;
	return v;
}

/* Writes the current query with one parameter replaced (for sort and paging links). */
static void link_with(struct page *pg, const char *name, const char *value)
{
	static const char *const keep[] = {"q", "skill", "occupation", "language", "programme_id", "target_group",
	                                   "status", "scope", "sort", "dir", "page", NULL};
	struct buf *b = pg->b;
	html_raw_trusted(b, "/caseload?");
	bool first = true;
	for (size_t i = 0; keep[i]; i++) {
		const char *v = strcmp(keep[i], name) == 0 ? value : q_or_null(pg, keep[i]);
		if (strcmp(name, "sort") == 0 && strcmp(keep[i], "page") == 0)
			v = NULL;
		if (!v)
			continue;
		html_printf(b, "%s%s=", first ? "" : "&amp;", keep[i]);
		html_url(b, v);
		first = false;
	}
}

static void search_form(struct page *pg, json_t *programmes)
{
	struct buf *b = pg->b;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	(void)cd;
	html_printf(b, "<form method=\"get\" action=\"/caseload\" class=\"search card\" role=\"search\">"
	               "<div class=\"grid\">");
	static const char *const texts[] = {"q", "skill", "occupation", NULL};
	for (size_t i = 0; texts[i]; i++) {
		const char *v = q_or_null(pg, texts[i]);
		html_printf(b, "<div class=\"field\"><label for=\"s-%s\">%s</label><input type=\"search\" id=\"s-%s\" "
		               "name=\"%s\" value=\"%s\"></div>",
		            texts[i], TK(pg, "caseload.search", texts[i]), texts[i], texts[i], v ? v : "");
	}
	const char *lang = q_or_null(pg, "language");
	html_printf(b, "<div class=\"field\"><label for=\"s-language\">%s</label><input type=\"text\" id=\"s-language\" "
	               "name=\"language\" value=\"%s\" maxlength=\"60\" list=\"s-language-names\" autocomplete=\"off\" "
	               "aria-describedby=\"s-language-hint\"><p class=\"hint\" id=\"s-language-hint\">%s</p>"
	               "<datalist id=\"s-language-names\">",
	            T(pg, "caseload.search.language"), lang ? lang : "", T(pg, "caseload.language_hint"));
	const char *codes[200]; /* the languages by name in the page's language, as suggestions */
	size_t nl = labels_codes(LABEL_LANGUAGE, codes, 200);
	for (size_t i = 0; i < nl; i++)
		html_printf(b, "<option value=\"%s\">", labels_name(LABEL_LANGUAGE, codes[i], pg->lang_code));
	html_raw_trusted(b, "</datalist></div>");
	const char *pid = q_or_null(pg, "programme_id");
	page_select_begin(pg, "s-programme", "programme_id", "f.programme_id", "form.all", false);
	size_t i;
	json_t *p;
	json_array_foreach(programmes, i, p) {
		page_id_option(pg, jint(p, "id"), pid);
		html_printf(b, "%s</option>", jstr(p, "name"));
	}
	html_raw_trusted(b, "</select></div>");
	const char *tg = q_or_null(pg, "target_group");
	page_select_begin(pg, "s-tg", "target_group", "f.target_groups", "form.all", false);
	const struct field_def *tgf = entity_field(entity_get(ENT_CLIENTS), "target_groups");
	for (size_t k = 0; tgf->values[k]; k++)
		page_code_option(pg, tgf->values[k], tg);
	html_raw_trusted(b, "</select></div>");
	const char *st = q_or_null(pg, "status");
	page_select_begin(pg, "s-status", "status", "f.status", "form.all", false);
	for (size_t k = 0; statuses[k]; k++)
		page_code_option(pg, statuses[k], st);
	html_raw_trusted(b, "</select></div>");
	if (pg->r->p.role == ROLE_COUNSELLOR) {
		const char *scope = q_or_null(pg, "scope");
		bool all = scope && strcmp(scope, "all") == 0;
		html_printf(b, "<div class=\"field\"><label for=\"s-scope\">%s</label><select id=\"s-scope\" name=\"scope\">"
		               "<option value=\"mine\"%s>%s</option><option value=\"all\"%s>%s</option></select></div>",
		            T(pg, "caseload.scope"), all ? "" : " selected", T(pg, "caseload.mine"), all ? " selected" : "",
		            T(pg, "caseload.all"));
	}
	html_printf(b, "</div><div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"/caseload\">%s</a>"
	               "</div></form>",
	            T(pg, "caseload.search_button"), T(pg, "caseload.clear"));
}

int ui_caseload(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	int rc = policy_entity_access(web_actor(r), cd, ACC_READ, &r->err);
	if (rc)
		return rc;
	const char *scope = q_or_null(pg, "scope");
	bool mine = r->p.role == ROLE_COUNSELLOR && !(scope && strcmp(scope, "all") == 0);
	char me[24];
	snprintf(me, sizeof me, "%lld", (long long)r->p.user_id);
	struct store_filter base[8];
	size_t nb = 0;
	if (mine)
		base[nb++] = (struct store_filter){entity_field(cd, "counsellor_id"), me};
	struct err e = {0};
	/* counts at the top: all, and per status */
	int64_t counts[8] = {0};
	for (int s = -1; s < 6; s++) {
		struct store_filter f[2];
		size_t nf = 0;
		if (mine)
			f[nf++] = base[0];
		if (s >= 0)
			f[nf++] = (struct store_filter){entity_field(cd, "status"), statuses[s]};
		struct store_list_query lq = {.filters = f, .nfilters = nf, .limit = 1};
		if ((rc = app_entity_count(web_actor(r), cd, &lq, &counts[s + 1], &e)))
			return page_failed(pg, rc, &e, NULL, NULL);
	}
	/* the list */
	const char *pid = q_or_null(pg, "programme_id"), *tg = q_or_null(pg, "target_group"),
	           *st = q_or_null(pg, "status");
	if (pid && strspn(pid, "0123456789") != strlen(pid))
		pid = NULL;
	if (pid)
		base[nb++] = (struct store_filter){entity_field(cd, "programme_id"), pid};
	if (tg)
		base[nb++] = (struct store_filter){entity_field(cd, "target_groups"), tg};
	if (st)
		base[nb++] = (struct store_filter){entity_field(cd, "status"), st};
	/* skill, occupation, language: clients that have such a row, a condition of the same statement (no list of ids,
	 * no cap): a skill; an occupation aimed at or worked in; a language spoken or the mother tongue */
	const char *skill = q_or_null(pg, "skill"), *occ = q_or_null(pg, "occupation"), *lang = q_or_null(pg, "language");
	if (lang && labels_code(LABEL_LANGUAGE, lang)) /* "espanja", "spanska", "Spanish" or "es" */
		lang = labels_code(LABEL_LANGUAGE, lang);
	struct store_has has[5] = {{0}};
	size_t nh = 0;
	if (skill)
		has[nh++] = (struct store_has){.d = entity_get(ENT_CLIENT_SKILLS), .id_field = "client_id", .q = skill};
	if (occ) {
		has[nh++] = (struct store_has){.d = entity_get(ENT_TARGET_OCCUPATIONS), .id_field = "client_id", .q = occ,
		                               .group = 1};
		has[nh++] = (struct store_has){.d = entity_get(ENT_WORK_HISTORY), .id_field = "client_id", .q = occ,
		                               .group = 1};
	}
	if (lang) {
		const struct entity_def *ld = entity_get(ENT_CLIENT_LANGUAGES);
		has[nh++] = (struct store_has){.d = ld, .id_field = "client_id",
		                               .filter = {entity_field(ld, "language"), lang}, .group = 2};
		has[nh++] = (struct store_has){.d = cd, .id_field = "id", .filter = {entity_field(cd, "mother_tongue"), lang},
		                               .group = 2};
	}
	/* sorted and paged by the database */
	const char *sort = q_or_null(pg, "sort");
	if (!sort || (strcmp(sort, "status") && strcmp(sort, "intake_on") && strcmp(sort, "last_contact_on")))
		sort = "name";
	const char *dirq = q_or_null(pg, "dir");
	int dir = dirq && strcmp(dirq, "desc") == 0 ? -1 : 1;
	const char *pq = q_or_null(pg, "page");
	long pageno = pq ? strtol(pq, NULL, 10) : 1;
	if (pageno < 1)
		pageno = 1;
	struct store_list_query lq = {.filters = base, .nfilters = nb, .q = q_or_null(pg, "q"), .limit = PAGE_SIZE,
	                              .offset = (pageno - 1) * PAGE_SIZE,
	                              .sort = strcmp(sort, "name") == 0 ? "last_name,first_name" : sort, .desc = dir < 0,
	                              .has = has, .nhas = nh};
	json_t *items = NULL;
	int64_t total = 0;
	/* the read verb: scope, the fields this role may see, and the audit entry of the clients read */
	if ((rc = app_entity_list(web_actor(r), cd, &lq, &items, &total, &e)))
		return page_failed(pg, rc, &e, NULL, NULL);
	long pages = (long)((total + PAGE_SIZE - 1) / PAGE_SIZE);
	if (pages && pageno > pages) { /* past the end (the list shrank): the last page */
		pageno = pages;
		lq.offset = (pageno - 1) * PAGE_SIZE;
		if ((rc = app_entity_list(web_actor(r), cd, &lq, &items, &total, &e)))
			return page_failed(pg, rc, &e, NULL, NULL);
	}

	json_t *programmes = NULL;
	struct store_list_query plq = {.limit = 200};
	if (page_list(pg, "programmes", &plq, &programmes, NULL))
		programmes = NULL;
	err_clear(&r->err);

	page_begin(pg, T(pg, "caseload.title"), "caseload");
	html_printf(b, "<div class=\"head\"><h1>%s</h1>", T(pg, mine ? "caseload.title" : "caseload.title_all"));
	if (page_may(pg, cd, ACC_WRITE))
		html_printf(b, "<a class=\"button\" href=\"/clients/new\">%s</a>", T(pg, "caseload.new"));
	/* the follow-ups due: asked of employed clients at 3, 6 and 12 months (ui-followups.c) */
	html_printf(b, " <a class=\"button secondary\" href=\"/followups\">%s</a>", T(pg, "fu.title"));
	html_printf(b, " <a class=\"button secondary\" href=\"/groups\">%s</a>", T(pg, "grp.title"));
	html_printf(b, " <a class=\"button secondary\" href=\"/info-point\">%s</a>", T(pg, "ip.title"));
	html_printf(b, " <a class=\"button secondary\" href=\"/import\">%s</a>", T(pg, "caseload.import"));
	html_raw_trusted(b, "</div>");
	page_notice(pg);
	html_printf(b, "<ul class=\"counts\" aria-label=\"%s\"><li><a href=\"/caseload%s\"><span class=\"n\">",
	            T(pg, "caseload.counts"), mine ? "" : "?scope=all");
	page_int(pg, counts[0]);
	html_printf(b, "</span> %s</a></li>", T(pg, "caseload.count_all"));
	for (size_t s = 0; statuses[s]; s++) {
		html_printf(b, "<li><a href=\"/caseload?status=%s%s\"><span class=\"n\">", statuses[s],
		            mine ? "" : "&scope=all");
		page_int(pg, counts[s + 1]);
		html_printf(b, "</span> %s</a></li>", TK(pg, "v", statuses[s]));
	}
	html_raw_trusted(b, "</ul>");
	search_form(pg, programmes);
	html_printf(b, "<p class=\"result-count\" role=\"status\">%s: ", T(pg, "caseload.found"));
	page_int(pg, (long long)total);
	html_raw_trusted(b, "</p>");
	if (!total) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "caseload.none"));
	} else {
		static const char *const cols[] = {"name", "status", "programme_id", "target_groups", "intake_on",
		                                   "last_contact_on"};
		html_printf(b, "<div class=\"table-wrap\"><table class=\"list\"><caption class=\"vh\">%s</caption><thead><tr>",
		            T(pg, "caseload.title"));
		for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
			bool sortable = strcmp(cols[c], "name") == 0 || strcmp(cols[c], "status") == 0 ||
			                strcmp(cols[c], "intake_on") == 0 || strcmp(cols[c], "last_contact_on") == 0;
			bool cur = strcmp(cols[c], sort) == 0;
			html_printf(b, "<th scope=\"col\" aria-sort=\"%s\">", cur ? (dir > 0 ? "ascending" : "descending") : "none");
			const char *label = strcmp(cols[c], "name") == 0 ? T(pg, "f.name") : TK(pg, "f", cols[c]);
			if (sortable) {
				html_raw_trusted(b, "<a href=\"");
				link_with(pg, "sort", cols[c]);
				html_printf(b, "&amp;dir=%s\">%s%s</a>", cur && dir > 0 ? "desc" : "asc", label,
				            cur ? (dir > 0 ? " ▲" : " ▼") : "");
			} else {
				html_txt(b, label);
			}
			html_raw_trusted(b, "</th>");
		}
		html_raw_trusted(b, "</tr></thead><tbody>");
		size_t i;
		json_t *c;
		json_array_foreach(items, i, c) {
			const char *name = arena_printf(r->arena, "%s %s", jstr(c, "last_name"), jstr(c, "first_name"));
			html_printf(b, "<tr><td><a href=\"/clients/%lld\">%s</a>", (long long)jint(c, "id"), name);
			page_latin_spelling(pg, name);
			html_raw_trusted(b, "</td><td>");
			page_status_badge(pg, jstr(c, "status"));
			html_raw_trusted(b, "</td><td>");
			page_value(pg, entity_field(cd, "programme_id"), json_object_get(c, "programme_id"));
			html_raw_trusted(b, "</td><td>");
			page_value(pg, entity_field(cd, "target_groups"), json_object_get(c, "target_groups"));
			html_raw_trusted(b, "</td><td>");
			page_value(pg, entity_field(cd, "intake_on"), json_object_get(c, "intake_on"));
			html_raw_trusted(b, "</td><td>");
			page_value(pg, entity_field(cd, "last_contact_on"), json_object_get(c, "last_contact_on"));
			html_raw_trusted(b, "</td></tr>");
		}
		html_raw_trusted(b, "</tbody></table></div>");
		if (pages > 1) {
			html_printf(b, "<nav class=\"pager\" aria-label=\"%s\">", T(pg, "caseload.pages"));
			for (long p = 1; p <= pages; p++) {
				char pn[24];
				snprintf(pn, sizeof pn, "%ld", p);
				if (p != 1 && p != pages && (p < pageno - 3 || p > pageno + 3)) { /* a window around the page */
					html_raw_trusted(b, "<span class=\"gap\">…</span>");
					p = p < pageno ? pageno - 4 : pages - 1;
					continue;
				}
				if (p == pageno) {
					html_printf(b, "<span aria-current=\"page\">%ld</span>", p);
					continue;
				}
				html_raw_trusted(b, "<a href=\"");
				link_with(pg, "page", pn);
				html_printf(b, "\">%ld</a>", p);
			}
			html_raw_trusted(b, "</nav>");
		}
	}
	return page_end(pg);
}
