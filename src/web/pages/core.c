/* core: what every page shares: message catalogues, language choice, running a page (CSRF for forms), the layout
 * and the error pages. Values are formatted in format.c, forms built in forms.c, data reached in data.c. */
#include <limits.h>
#include <stdarg.h>
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
#include "core/jget.h"
#include "core/log.h"
#include "core/paths.h"
#include "core/validate.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/multipart.h"
#include "web/pages/pages.h"
#include "app/entity.h"
#include "app/policy.h"

static const char *const lang_codes[LANG_COUNT] = {"fi", "sv", "en"};
static json_t *catalogue[LANG_COUNT];
static char static_dir[PATH_MAX];

/* --- start: find the shipped folders (beside the working directory, or beside the binary's build folder) --- */

int pages_load(void)
{
	char dir[PATH_MAX];
	if (!paths_find_shipped("i18n", dir, sizeof dir)) {
		log_error("event=pages_start message=\"i18n/ folder not found\"");
		return -1;
	}
	for (int l = 0; l < LANG_COUNT; l++) {
		char path[PATH_MAX + 16];
		snprintf(path, sizeof path, "%s/%s.json", dir, lang_codes[l]);
		json_error_t je;
		catalogue[l] = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
		if (!json_is_object(catalogue[l])) {
			log_error("event=pages_start message=\"%s: %s (line %d)\"", path, je.text, je.line);
			pages_unload();
			return -1;
		}
	}
	if (!paths_find_shipped("web/static", static_dir, sizeof static_dir))
		static_dir[0] = 0;
	return 0;
}

void pages_unload(void)
{
	for (int l = 0; l < LANG_COUNT; l++) {
		json_decref(catalogue[l]);
		catalogue[l] = NULL;
	}
}

const char *pages_static_dir(void)
{
	return static_dir;
}

/* --- messages --- */

const char *pages_text(enum page_lang lang, const char *key)
{
	json_t *v = catalogue[lang] ? json_object_get(catalogue[lang], key) : NULL;
	if (!json_is_string(v) && catalogue[LANG_EN])
		v = json_object_get(catalogue[LANG_EN], key);
	return json_is_string(v) ? json_string_value(v) : key;
}

const char *T(const struct page *pg, const char *key)
{
	return pages_text(pg->lang, key);
}

const char *TK(const struct page *pg, const char *prefix, const char *name)
{
	char key[160];
	snprintf(key, sizeof key, "%s.%s", prefix, name ? name : "");
	const char *t = pages_text(pg->lang, key);
	if (t == key) /* not in any catalogue: show the value itself */
		return name ? name : "";
	return t;
}

const char *jstr(json_t *o, const char *k)
{
	return jget_text(o, k);
}

int64_t jint(json_t *o, const char *k)
{
	return jget_int(o, k);
}

/* --- language --- */

static int lang_index(const char *s)
{
	for (int l = 0; s && l < LANG_COUNT; l++)
		if (strncmp(s, lang_codes[l], 2) == 0 && (s[2] == 0 || s[2] == '-' || s[2] == '_' || s[2] == ',' ||
		                                           s[2] == ';'))
			return l;
	return -1;
}

static enum page_lang request_lang(struct web_request *r)
{
	int l = -1;
	if (!r->authed)
		l = lang_index(web_query(r, "lang"));
	if (l < 0 && r->authed)
		l = lang_index(r->p.lang);
	if (l < 0)
		l = lang_index(web_cookie(r, "osaaja_lang"));
	if (l < 0)
		l = lang_index(accept_lang_pick(web_header(r, "Accept-Language"), lang_codes, LANG_COUNT));
	return l < 0 ? LANG_FI : (enum page_lang)l;
}

/* --- running a page --- */

int web_check_form_csrf(struct web_request *r, const struct form *f)
{
	const char *t = form_get(f, "csrf");
	if (!r->authed || !t || !auth_token_equal(t, r->p.csrf))
		return web_error(r, ERR_FORBIDDEN, "csrf",
		                 "the form has expired or did not come from this site; reload the page and try again");
	return 0;
}

static void page_setup(struct web_request *r, struct page *pg)
{
	memset(pg, 0, sizeof *pg);
	pg->r = r;
	pg->b = &r->out;
	pg->lang = request_lang(r);
	pg->lang_code = lang_codes[pg->lang];
	pg->is_post = strcmp(r->method, "POST") == 0;
}

int page_run(struct web_request *r)
{
	unsigned flags = r->route->flags;
	struct page pg = {0};
	page_setup(r, &pg);
	if (pg.is_post) {
		const char *ct = web_header(r, "Content-Type");
		int rc = ct && strncasecmp(ct, "multipart/form-data", 19) == 0 /* file uploads (import) */
		             ? multipart_parse(r->arena, ct, r->body, r->body_len, &pg.form, &r->err)
		             : form_parse(r->arena, r->body, r->body_len, &pg.form, &r->err);
		if (rc)
			return rc;
		if ((flags & RF_CSRF_IF_AUTHED) && !r->authed) {
			/* nothing to protect: the form changes only this browser's language cookie */
		} else if (flags & RF_CSRF_LOGIN) {
			const char *c = web_cookie(r, "osaaja_login");
			const char *t = form_get(&pg.form, "login_token");
			if (!c || !t || strlen(c) != AUTH_TOKEN_HEX || !auth_token_equal(c, t))
				return web_error(r, ERR_FORBIDDEN, "csrf", "the login form has expired; reload it and try again");
		} else if ((rc = web_check_form_csrf(r, &pg.form))) {
			return rc;
		}
	}
	r->out.len = 0;
	return r->route->page(&pg);
}

/* --- layout --- */

struct nav_item {
	const char *id, *href, *key;
	unsigned roles;
};

/* The header stays one line on a 1366 px screen: the occasional work (the CSV import, the survey links) is reached
 * from the page it belongs to (the client list, the answers to review), not from here. */
static const struct nav_item nav[] = {
	{"caseload", "/caseload", "nav.caseload", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"employers", "/employers", "nav.employers", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"vacancies", "/vacancies", "nav.vacancies", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"partners", "/partner-referrals", "nav.partners", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"reports", "/reports", "nav.reports",
	 ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_ADMIN)},
	{"cohorts", "/cohorts", "nav.cohorts", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_MANAGER)},
	{"reviews", "/reviews", "nav.reviews", ROLE_BIT(ROLE_COUNSELLOR)},
	{"portal", "/portal", "nav.portal", ROLE_BIT(ROLE_EMPLOYER)},
	{"users", "/admin/users", "nav.users", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_SYSADMIN)},
	{"organisations", "/admin/organisations", "nav.organisations", ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_SYSADMIN)},
	{"programmes", "/admin/programmes", "nav.programmes", ROLE_BIT(ROLE_ADMIN)},
	{"methods", "/admin/methods", "nav.methods", ROLE_BIT(ROLE_ADMIN)},
	{"surveys", "/admin/surveys", "nav.surveys", ROLE_BIT(ROLE_ADMIN)},
	{"audit", "/admin/audit", "nav.audit", ROLE_BIT(ROLE_ADMIN)},
	{"economy", "/admin/economy", "nav.economy", ROLE_BIT(ROLE_ADMIN)},
	{"account", "/account", "nav.account", 0},
};

void page_csrf_field(struct page *pg)
{
	html_printf(pg->b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", pg->r->p.csrf);
}

void page_begin(struct page *pg, const char *title, const char *current)
{
	struct buf *b = pg->b;
	html_printf(b,
	            "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<title>%s – %s</title><link rel=\"stylesheet\" href=\"/static/app.css\">"
	            "<script src=\"/static/app.js\" defer></script></head>\n<body data-scroll-hint=\"%s\">"
	            "<a class=\"skip\" href=\"#main\">%s</a><header class=\"top\"><div class=\"wrap bar\">"
	            "<a class=\"brand\" href=\"/\">Osaaja</a>",
	            pg->lang_code, title, T(pg, "app.name"), T(pg, "ui.scroll_hint"), T(pg, "nav.skip"));
	struct web_request *r = pg->r;
	if (r->srv && web_server_config(r->srv)->demo)
		html_printf(b, "<span class=\"demo-badge\" title=\"%s\">%s</span>", T(pg, "app.demo_hint"), T(pg, "app.demo"));
	if (r->authed) {
		html_printf(b, "<nav aria-label=\"%s\"><ul>", T(pg, "nav.label"));
		for (size_t i = 0; i < sizeof nav / sizeof *nav; i++) {
			if (nav[i].roles && !(nav[i].roles & ROLE_BIT(r->p.role)))
				continue;
			bool cur = current && strcmp(current, nav[i].id) == 0;
			html_printf(b, "<li><a href=\"%s\" aria-current=\"%s\">%s</a></li>", nav[i].href, cur ? "page" : "false",
			            T(pg, nav[i].key));
		}
		html_raw_trusted(b, "</ul></nav><div class=\"user\">");
		html_printf(b, "<span class=\"who\">%s <span class=\"role\">%s</span></span>", r->p.name,
		            TK(pg, "role", role_name(r->p.role)));
	} else {
		html_raw_trusted(b, "<div class=\"user\">");
	}
	/* The language menu: a form that works without script (app.js submits it on change). */
	html_printf(b, "<form method=\"post\" action=\"/lang\" class=\"langform\">");
	if (r->authed)
		page_csrf_field(pg);
	html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	               "<label for=\"lang-menu\" class=\"vh\">%s</label><select id=\"lang-menu\" name=\"lang\" data-autosubmit>",
	            r->path, T(pg, "nav.language"));
	for (int l = 0; l < LANG_COUNT; l++)
		html_printf(b, "<option value=\"%s\" lang=\"%s\"%s>%s</option>", lang_codes[l], lang_codes[l],
		            l == (int)pg->lang ? " selected" : "", pages_text((enum page_lang)l, "lang.self"));
	html_printf(b, "</select><button type=\"submit\" class=\"small\">%s</button></form>", T(pg, "nav.change"));
	if (r->authed) {
		html_raw_trusted(b, "<form method=\"post\" action=\"/logout\" class=\"logout\">");
		page_csrf_field(pg);
		html_printf(b, "<button type=\"submit\" class=\"small\">%s</button></form>", T(pg, "nav.logout"));
	}
	html_raw_trusted(b, "</div></div></header>\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">");
}

void page_report_begin(struct page *pg, const char *title_key, const char *lead_key)
{
	page_begin(pg, T(pg, title_key), "reports");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/reports\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
	            T(pg, "rep.title"), T(pg, title_key), T(pg, lead_key));
}

int page_end(struct page *pg)
{
	/* ESCO's reuse terms ask for this attribution wherever its classification is shown. */
	html_printf(pg->b, "</main>\n<footer class=\"wrap foot\"><p>%s</p><p class=\"attribution\">%s</p></footer></body></html>\n",
	            T(pg, "app.footer"), T(pg, "app.esco_attribution"));
	struct web_request *r = pg->r;
	r->content_type = "text/html; charset=utf-8";
	if (!r->status)
		r->status = pg->failed_form ? 400 : 200;
	if (r->out.failed)
		return web_error(r, ERR_UNAVAILABLE, "", "the page is too large");
	return 0;
}

int page_redirect(struct page *pg, const char *url)
{
	struct web_request *r = pg->r;
	r->out.len = 0;
	if (r->out.data)
		r->out.data[0] = 0;
	r->status = 303;
	r->content_type = "text/html; charset=utf-8";
	web_add_header(r, "Location", url);
	html_printf(&r->out, "<!doctype html><title>%s</title><a href=\"%s\">%s</a>\n", T(pg, "app.name"), url, url);
	return 0;
}

int page_redirectf(struct page *pg, const char *fmt, ...)
{
	char url[256]; /* the longest (a match's way back) is under 128 */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(url, sizeof url, fmt, ap);
	va_end(ap);
	return page_redirect(pg, url);
}

void page_notice(struct page *pg)
{
	const char *done = web_query(pg->r, "done");
	if (!done || strlen(done) > 40)
		return;
	for (const char *p = done; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return;
	html_printf(pg->b, "<p class=\"notice\" role=\"status\">%s</p>", TK(pg, "done", done));
}

/* --- error pages --- */

void pages_error_hook(struct web_request *r)
{
	struct page pg = {0};
	page_setup(r, &pg);
	int status = web_status_of(r->err.code);
	r->out.len = 0;
	r->out.failed = false;
	r->nheaders = 0;
	if (r->err.code == ERR_UNAUTH) {
		struct buf u = {0};
		buf_init(&u, 4096);
		buf_puts(&u, "/login?next=");
		html_url(&u, strcmp(r->method, "GET") == 0 ? r->path : "/");
		page_redirect(&pg, u.data ? u.data : "/login");
		buf_free(&u);
		return;
	}
	const char *key = status == 403   ? "error.403"
	                  : status == 404 ? "error.404"
	                  : status == 400 ? "error.400"
	                  : status == 409 ? "error.409"
	                  : status == 429 ? "error.429"
	                  : status == 503 ? "error.503"
	                                  : "error.500";
	char title[32];
	snprintf(title, sizeof title, "%s.title", key);
	r->status = 0;
	page_begin(&pg, T(&pg, title), NULL);
	html_printf(pg.b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(&pg, title), T(&pg, key));
	if (status == 400 || status == 409)
		html_printf(pg.b, "<p class=\"detail\">%s</p>", r->err.message);
	html_printf(pg.b, "<p><a href=\"/\">%s</a></p>", T(&pg, "error.home"));
	page_end(&pg);
	r->status = status;
}

json_t *page_own(struct page *pg, json_t *j)
{
	return arena_json(pg->r->arena, j);
}
