/* core: what every page shares: message catalogues, language choice, layout, ICU formatting, CSRF for forms, the
 * error pages, and forms built from the entity table. */
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
#include "app/policy.h"

static const char *const lang_codes[LANG_COUNT] = {"fi", "sv", "en"};
static const char *const icu_locales[LANG_COUNT] = {"fi_FI", "sv_FI", "en_GB"};
static json_t *catalogue[LANG_COUNT];
static char static_dir[PATH_MAX];

/* --- start: find the shipped folders (beside the working directory, or beside the binary's build folder) --- */

static bool find_dir(const char *rel, char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[len > 0 ? len : 0] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	const char *cands[] = {".", exe, exe, exe};
	const char *ups[] = {"", "/..", "/../..", "/../share/osaaja"};
	for (size_t i = 0; i < 4; i++) {
		if (i > 0 && !exe[0])
			break;
		snprintf(out, n, "%s%s/%s", cands[i], ups[i], rel);
		if (access(out, R_OK | X_OK) == 0)
			return true;
	}
	return false;
}

int pages_load(void)
{
	char dir[PATH_MAX];
	if (!find_dir("i18n", dir, sizeof dir)) {
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
	if (!find_dir("web/static", static_dir, sizeof static_dir))
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
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t jint(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
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

int page_run(struct web_request *r, page_fn fn, enum page_csrf csrf)
{
	struct page pg = {0};
	page_setup(r, &pg);
	if (pg.is_post) {
		const char *ct = web_header(r, "Content-Type");
		int rc = ct && strncasecmp(ct, "multipart/form-data", 19) == 0 /* file uploads (import) */
		             ? multipart_parse(r->arena, ct, r->body, r->body_len, &pg.form, &r->err)
		             : form_parse(r->arena, r->body, r->body_len, &pg.form, &r->err);
		if (rc)
			return rc;
		if (csrf == CSRF_IF_AUTHED && !r->authed) {
			/* nothing to protect: the form changes only this browser's language cookie */
		} else if (csrf == CSRF_LOGIN) {
			const char *c = web_cookie(r, "osaaja_login");
			const char *t = form_get(&pg.form, "login_token");
			if (!c || !t || strlen(c) != AUTH_TOKEN_HEX || !auth_token_equal(c, t))
				return web_error(r, ERR_FORBIDDEN, "csrf", "the login form has expired; reload it and try again");
		} else if ((rc = web_check_form_csrf(r, &pg.form))) {
			return rc;
		}
	}
	r->out.len = 0;
	return fn(&pg);
}

/* --- layout --- */

struct nav_item {
	const char *id, *href, *key;
	unsigned roles;
};

static const struct nav_item nav[] = {
	{"caseload", "/caseload", "nav.caseload", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"employers", "/employers", "nav.employers", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"vacancies", "/vacancies", "nav.vacancies", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"import", "/import", "nav.import", ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR)},
	{"invitations", "/surveys/invitations", "nav.invitations", ROLE_BIT(ROLE_COUNSELLOR)},
	{"reports", "/reports", "nav.reports",
	 ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_ADMIN)},
	{"reviews", "/reviews", "nav.reviews", ROLE_BIT(ROLE_COUNSELLOR)},
	{"portal", "/portal", "nav.portal", ROLE_BIT(ROLE_EMPLOYER)},
	{"users", "/admin/users", "nav.users", ROLE_BIT(ROLE_ADMIN)},
	{"organisations", "/admin/organisations", "nav.organisations", ROLE_BIT(ROLE_ADMIN)},
	{"programmes", "/admin/programmes", "nav.programmes", ROLE_BIT(ROLE_ADMIN)},
	{"surveys", "/admin/surveys", "nav.surveys", ROLE_BIT(ROLE_ADMIN)},
	{"audit", "/admin/audit", "nav.audit", ROLE_BIT(ROLE_ADMIN)},
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
	            "<script src=\"/static/app.js\" defer></script></head>\n<body>"
	            "<a class=\"skip\" href=\"#main\">%s</a><header class=\"top\"><div class=\"wrap bar\">"
	            "<a class=\"brand\" href=\"/\">Osaaja</a>",
	            pg->lang_code, title, T(pg, "app.name"), T(pg, "nav.skip"));
	struct web_request *r = pg->r;
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
		html_printf(b, "<span class=\"who\">%s <span class=\"role\">(%s)</span></span>", r->p.name,
		            TK(pg, "role", role_name(r->p.role)));
	} else {
		html_raw_trusted(b, "<div class=\"user\">");
	}
	/* The language menu: a form that works without script (app.js submits it on change). */
	html_printf(b, "<form method=\"post\" action=\"/lang\" class=\"langform\">");
	if (r->authed)
		page_csrf_field(pg);
	html_printf(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	               "<label for=\"lang-menu\">%s</label><select id=\"lang-menu\" name=\"lang\" data-autosubmit>",
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

/* --- ICU formatting --- */

static void close_date(void *p)
{
	udat_close(p);
}
static void close_num(void *p)
{
	unum_close(p);
}
static void close_coll(void *p)
{
	ucol_close(p);
}

static void put_uchars(struct page *pg, const UChar *u, int32_t n)
{
	char out[256];
	int32_t len = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_strToUTF8(out, sizeof out, &len, u, n, &st);
	if (U_SUCCESS(st) && len < (int32_t)sizeof out)
		html_txtn(pg->b, out, (size_t)len);
}

void page_date(struct page *pg, const char *iso)
{
	if (!iso || strlen(iso) < 10)
		return;
	char d[11];
	memcpy(d, iso, 10);
	d[10] = 0;
	if (!validate_date(d)) {
		html_txt(pg->b, iso);
		return;
	}
	UErrorCode st = U_ZERO_ERROR;
	if (!pg->icu_date) {
		static const UChar utc[] = {'U', 'T', 'C', 0};
		pg->icu_date = udat_open(UDAT_NONE, UDAT_MEDIUM, icu_locales[pg->lang], utc, -1, NULL, -1, &st);
		if (U_FAILURE(st) || !pg->icu_date) {
			pg->icu_date = NULL;
			html_txt(pg->b, d);
			return;
		}
		arena_defer(pg->r->arena, close_date, pg->icu_date);
	}
	int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
	int m = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
	UCalendar *cal = ucal_open((const UChar[]){'U', 'T', 'C', 0}, -1, "en_GB", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st)) {
		html_txt(pg->b, d);
		return;
	}
	ucal_clear(cal);
	ucal_setDate(cal, y, m - 1, day, &st);
	UDate when = ucal_getMillis(cal, &st);
	ucal_close(cal);
	UChar out[64];
	int32_t n = udat_format(pg->icu_date, when, out, 64, NULL, &st);
	if (U_FAILURE(st))
		html_txt(pg->b, d);
	else
		put_uchars(pg, out, n);
}

static UNumberFormat *num_format(struct page *pg)
{
	if (!pg->icu_num) {
		UErrorCode st = U_ZERO_ERROR;
		pg->icu_num = unum_open(UNUM_DECIMAL, NULL, 0, icu_locales[pg->lang], NULL, &st);
		if (U_FAILURE(st) || !pg->icu_num) {
			pg->icu_num = NULL;
			return NULL;
		}
		arena_defer(pg->r->arena, close_num, pg->icu_num);
	}
	return pg->icu_num;
}

void page_int(struct page *pg, long long v)
{
	UNumberFormat *f = num_format(pg);
	UChar out[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = f ? unum_formatInt64(f, v, out, 64, NULL, &st) : 0;
	if (!f || U_FAILURE(st))
		html_printf(pg->b, "%lld", v);
	else
		put_uchars(pg, out, n);
}

void page_real(struct page *pg, double v, int decimals)
{
	UNumberFormat *f = num_format(pg);
	UChar out[64];
	UErrorCode st = U_ZERO_ERROR;
	if (f) {
		unum_setAttribute(f, UNUM_MAX_FRACTION_DIGITS, decimals);
		unum_setAttribute(f, UNUM_MIN_FRACTION_DIGITS, 0);
	}
	int32_t n = f ? unum_formatDouble(f, v, out, 64, NULL, &st) : 0;
	if (!f || U_FAILURE(st))
		html_printf(pg->b, "%.*f", decimals, v);
	else
		put_uchars(pg, out, n);
}

static UCollator *collator(struct page *pg)
{
	if (!pg->icu_coll) {
		UErrorCode st = U_ZERO_ERROR;
		pg->icu_coll = ucol_open(icu_locales[pg->lang], &st);
		if (U_FAILURE(st) || !pg->icu_coll) {
			pg->icu_coll = NULL;
			return NULL;
		}
		arena_defer(pg->r->arena, close_coll, pg->icu_coll);
	}
	return pg->icu_coll;
}

int page_collate(struct page *pg, const char *a, const char *b)
{
	UCollator *c = collator(pg);
	if (!c)
		return strcmp(a, b);
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult res = ucol_strcollUTF8(c, a, -1, b, -1, &st);
	return U_FAILURE(st) ? strcmp(a, b) : (int)res;
}

static void display_name(struct page *pg, const char *code, bool country, char *out, size_t n)
{
	UChar u[128];
	UErrorCode st = U_ZERO_ERROR;
	char loc[8];
	if (country)
		snprintf(loc, sizeof loc, "und_%.2s", code);
	int32_t len = country ? uloc_getDisplayCountry(loc, icu_locales[pg->lang], u, 128, &st)
	                      : uloc_getDisplayLanguage(code, icu_locales[pg->lang], u, 128, &st);
	int32_t ol = 0;
	if (U_SUCCESS(st) && len > 0)
		u_strToUTF8(out, (int32_t)n, &ol, u, len, &st);
	if (U_FAILURE(st) || ol <= 0 || (size_t)ol >= n)
		snprintf(out, n, "%s", code);
	else
		out[ol] = 0;
}

void page_lang_name(struct page *pg, const char *code)
{
	char name[200];
	display_name(pg, code, false, name, sizeof name);
	html_txt(pg->b, name);
}

void page_country_name(struct page *pg, const char *code)
{
	char name[200];
	display_name(pg, code, true, name, sizeof name);
	html_txt(pg->b, name);
}

/* --- reading rows --- */

static void decref(void *p)
{
	json_decref(p);
}

static json_t *own(struct page *pg, json_t *j)
{
	if (j)
		arena_defer(pg->r->arena, decref, j);
	return j;
}

const char *page_row_name(struct page *pg, const struct entity_def *d, json_t *row)
{
	(void)d;
	const char *fn = jstr(row, "first_name"), *ln = jstr(row, "last_name");
	if (fn || ln)
		return arena_printf(pg->r->arena, "%s %s", fn ? fn : "", ln ? ln : "");
	const char *n = jstr(row, "name");
	if (!n)
		n = jstr(row, "title");
	if (!n)
		n = jstr(row, "label");
	return n ? n : arena_printf(pg->r->arena, "#%lld", (long long)jint(row, "id"));
}

static const char *ref_name(struct page *pg, const char *entity, int64_t id)
{
	char key[96];
	snprintf(key, sizeof key, "%s:%lld", entity, (long long)id);
	if (!pg->ref_cache)
		pg->ref_cache = own(pg, json_object());
	const char *hit = jstr(pg->ref_cache, key);
	if (hit)
		return hit;
	const struct entity_def *d = entity_find(entity);
	json_t *row = NULL;
	struct err e = {0};
	const char *name = NULL;
	if (d && d->access[pg->r->p.role] >= ACC_READ &&
	    store_entity_get(pg->r->store, d, policy_scope(web_actor(pg->r), d), id, &row, &e) == 0) {
		name = arena_strdup(pg->r->arena, page_row_name(pg, d, row)); /* row is released below */
		json_decref(row);
	}
	if (!name)
		name = arena_printf(pg->r->arena, "#%lld", (long long)id);
	json_object_set_new(pg->ref_cache, key, json_string(name));
	return jstr(pg->ref_cache, key) ? jstr(pg->ref_cache, key) : "";
}

void page_value(struct page *pg, const struct field_def *f, json_t *v)
{
	struct buf *b = pg->b;
	if (!v || json_is_null(v)) {
		html_raw_trusted(b, "<span class=\"none\">–</span>");
		return;
	}
	switch (f->type) {
	case FT_BOOL:
		html_txt(b, T(pg, json_is_true(v) ? "v.yes" : "v.no"));
		return;
	case FT_DATE:
		page_date(pg, json_string_value(v));
		return;
	case FT_ENUM:
		html_txt(b, TK(pg, "v", json_string_value(v)));
		return;
	case FT_ENUM_LIST: {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			if (i)
				html_raw_trusted(b, ", ");
			html_txt(b, TK(pg, "v", json_string_value(x)));
		}
		if (!json_array_size(v))
			html_raw_trusted(b, "<span class=\"none\">–</span>");
		return;
	}
	case FT_LANG:
		page_lang_name(pg, json_string_value(v));
		return;
	case FT_COUNTRY:
		page_country_name(pg, json_string_value(v));
		return;
	case FT_CEFR:
		html_txt(b, strcmp(json_string_value(v), "native") == 0 ? T(pg, "v.native") : json_string_value(v));
		return;
	case FT_REF:
		html_txt(b, ref_name(pg, f->ref, (int64_t)json_integer_value(v)));
		return;
	case FT_INT:
		if (f->min >= 1900 || strstr(f->name, "year")) /* years read without a group separator */
			html_printf(b, "%lld", (long long)json_integer_value(v));
		else
			page_int(pg, (long long)json_integer_value(v));
		return;
	case FT_REAL:
		page_real(pg, json_number_value(v), 1);
		return;
	case FT_ESCO_OCCUPATION:
	case FT_ESCO_SKILL:
		html_printf(b, "<a href=\"%s\" class=\"uri\" rel=\"noreferrer\">ESCO</a>", json_string_value(v));
		return;
	default:
		html_txt(b, json_string_value(v));
	}
}

int page_get(struct page *pg, const char *entity, int64_t id, json_t **row)
{
	struct web_request *r = pg->r;
	const struct entity_def *d = entity_find(entity);
	*row = NULL;
	int rc = policy_entity_access(web_actor(r), d, ACC_READ, &r->err);
	if (rc)
		return rc;
	struct err e = {0};
	if ((rc = store_entity_get(r->store, d, policy_scope(web_actor(r), d), id, row, &e))) {
		r->err = e;
		return rc;
	}
	own(pg, *row);
	policy_redact(web_actor(r), d, *row, *row);
	if (d->client_field &&
	    (rc = audit_principal(r->store, &r->p, "read", d->name, id, policy_client_of(d, *row), "page", &e))) {
		r->err = e;
		return rc;
	}
	return 0;
}

int page_list(struct page *pg, const char *entity, const struct store_list_query *lq, json_t **items,
              int64_t *total)
{
	struct web_request *r = pg->r;
	const struct entity_def *d = entity_find(entity);
	*items = NULL;
	int rc = policy_entity_access(web_actor(r), d, ACC_READ, &r->err);
	if (rc)
		return rc;
	struct err e = {0};
	int64_t t = 0;
	if ((rc = store_entity_list(r->store, d, policy_scope(web_actor(r), d), lq, items, &t, &e))) {
		r->err = e;
		return rc;
	}
	own(pg, *items);
	if (total)
		*total = t;
	size_t i;
	json_t *row;
	char detail[512] = "page ids=";
	size_t dl = strlen(detail);
	json_array_foreach(*items, i, row) {
		policy_redact(web_actor(r), d, row, row);
		int64_t cid = policy_client_of(d, row);
		if (cid && dl < sizeof detail - 24)
			dl += (size_t)snprintf(detail + dl, sizeof detail - dl, "%s%lld", i ? "," : "", (long long)cid);
	}
	if (d->client_field && json_array_size(*items) &&
	    (rc = audit_principal(r->store, &r->p, "list", d->name, 0, 0, detail, &e))) {
		r->err = e;
		return rc;
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

/* --- calling the JSON API's handlers --- */

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

bool page_is_form_error(struct page *pg)
{
	enum err_code c = pg->r->err.code;
	return c == ERR_INVALID || c == ERR_CONFLICT || c == ERR_THROTTLED || c == ERR_VERSION_CONFLICT ||
	       (c == ERR_FORBIDDEN && pg->r->err.field[0]);
}

int page_api(struct page *pg, const char *method, const char *pattern, const char *const *params, int nparams,
             json_t *body, json_t **out, const char *form_id)
{
	struct web_request *r = pg->r;
	if (out)
		*out = NULL;
	size_t n;
	const struct route *routes = web_routes(&n), *rt = NULL;
	for (size_t i = 0; i < n && !rt; i++)
		if (strcmp(routes[i].method, method) == 0 && strcmp(routes[i].pattern, pattern) == 0)
			rt = &routes[i];
	if (!rt)
		return web_error(r, ERR_INTERNAL, "", "no API route %s %s", method, pattern);
	if (rt->roles && !(rt->roles & ROLE_BIT(r->p.role)))
		return web_error(r, ERR_FORBIDDEN, "", "your role may not use this");
	/* The API handler runs on this request with the path parameters and body swapped in, then they are restored. */
	const char *save_params[4];
	memcpy(save_params, r->params, sizeof save_params);
	int save_np = r->nparams, save_nh = r->nheaders;
	const char *save_body = r->body;
	size_t save_len = r->body_len;
	for (int i = 0; i < nparams && i < 4; i++)
		r->params[i] = params[i];
	r->nparams = nparams;
	char *txt = body ? json_dumps(body, JSON_COMPACT) : NULL;
	r->body = txt ? arena_strdup(r->arena, txt) : NULL;
	r->body_len = r->body ? strlen(r->body) : 0;
	free(txt);
	err_clear(&r->err);
	r->err_current = NULL;
	int rc = rt->handler(r);
	if (!rc && out && r->out.len) {
		json_error_t je;
		*out = own(pg, json_loadb(r->out.data, r->out.len, 0, &je));
	}
	r->out.len = 0;
	if (r->out.data)
		r->out.data[0] = 0;
	r->out.failed = false;
	r->status = 0;
	r->content_type = NULL;
	memcpy(r->params, save_params, sizeof save_params);
	r->nparams = save_np;
	int k = save_nh; /* keep what the handler set (cookies), drop its Location and ETag */
	for (int i = save_nh; i < r->nheaders; i++)
		if (strcmp(r->headers[i].name, "Location") != 0 && strcmp(r->headers[i].name, "ETag") != 0)
			r->headers[k++] = r->headers[i];
	r->nheaders = k;
	r->body = save_body;
	r->body_len = save_len;
	if (rc && !r->err.code)
		r->err.code = (enum err_code)rc;
	if (rc && form_id && page_is_form_error(pg)) {
		pg->failed_form = form_id;
		if (!pg->errors)
			pg->errors = own(pg, json_object());
		const char *msg = page_error_text(pg, &r->err);
		if (r->err.code == ERR_VERSION_CONFLICT) /* the form shows the two versions (page_form_fields) */
			pg->conflict = r->err_current ? r->err_current : own(pg, json_object());
		else if (r->err.field[0])
			json_object_set_new(pg->errors, r->err.field, json_string(msg));
		else
			pg->error_summary = msg;
	}
	return rc;
}

/* --- forms from the entity table --- */

static const char *const common_langs[] = {
	"fi", "sv", "en", "ar", "so", "ru", "uk", "et", "fa", "ps", "ku", "ti", "am", "th", "vi", "zh", "tl", "es", "fr",
	"de", "pt", "it", "pl", "ro", "bg", "lv", "lt", "tr", "hi", "ur", "bn", "ne", "my", "ta", "sq", "bs", "hr", "sr",
	"sw", "yo", "ha", "ig", "om", "id", "ja", "ko", "el", "hu", "nl", "da", "no", "se", NULL};
static const char *const cefr_levels[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native", NULL};

struct option {
	const char *value;
	char label[200];
};

static int option_cmp(const void *a, const void *b, void *ctx)
{
	return page_collate(ctx, ((const struct option *)a)->label, ((const struct option *)b)->label);
}

static bool selected(const char *value, const char *const *cur, size_t ncur)
{
	for (size_t i = 0; i < ncur; i++)
		if (cur[i] && strcmp(cur[i], value) == 0)
			return true;
	return false;
}

static void code_options(struct page *pg, bool country, const char *cur)
{
	const char *const *codes = country ? uloc_getISOCountries() : common_langs;
	size_t n = 0;
	while (codes[n])
		n++;
	struct option *opt = arena_alloc(pg->r->arena, (n + 1) * sizeof *opt);
	if (!opt)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		opt[k].value = codes[i];
		display_name(pg, codes[i], country, opt[k].label, sizeof opt[k].label);
		k++;
	}
	bool found = !cur || !*cur;
	qsort_r(opt, k, sizeof *opt, option_cmp, pg);
	for (size_t i = 0; i < k; i++) {
		bool sel = cur && strcmp(cur, opt[i].value) == 0;
		found |= sel;
		html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", opt[i].value, sel ? " selected" : "", opt[i].label);
	}
	if (!found)
		html_printf(pg->b, "<option value=\"%s\" selected>%s</option>", cur, cur);
}

static void ref_options(struct page *pg, const struct field_def *f, const char *cur)
{
	const struct entity_def *d = entity_find(f->ref);
	if (!d || d->access[pg->r->p.role] < ACC_READ)
		return;
	struct store_list_query lq = {.limit = 500};
	struct store_filter flt = {0};
	if (strcmp(f->ref, "users") == 0 && (strcmp(f->name, "counsellor_id") == 0)) {
		flt.f = entity_field(d, "role");
		flt.value = "counsellor";
		lq.filters = &flt;
		lq.nfilters = 1;
	}
	json_t *items = NULL;
	struct err e = {0};
	int64_t ntotal = 0;
	if (store_entity_list(pg->r->store, d, policy_scope(web_actor(pg->r), d), &lq, &items, &ntotal, &e) == 0 && items) {
		size_t i;
		json_t *row;
		json_array_foreach(items, i, row) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)jint(row, "id"));
			html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", id, cur && strcmp(cur, id) == 0 ? " selected" : "",
			            page_row_name(pg, d, row));
		}
	}
	json_decref(items);
}

/* The value of a field as text: from the failed form's input, or from the row. */
static size_t field_values(struct page *pg, const char *form_id, const struct field_def *f, json_t *row,
                           const char **out, size_t max)
{
	if (pg->failed_form && strcmp(pg->failed_form, form_id) == 0) {
		size_t n = form_get_all(&pg->form, f->name, out, max);
		return n < max ? n : max;
	}
	json_t *v = json_object_get(row, f->name);
	if (!v || json_is_null(v))
		return 0;
	if (json_is_array(v)) {
		size_t i, n = 0;
		json_t *x;
		json_array_foreach(v, i, x) if (n < max && json_is_string(x)) out[n++] = json_string_value(x);
		return n;
	}
	if (json_is_string(v))
		out[0] = json_string_value(v);
	else if (json_is_integer(v))
		out[0] = arena_printf(pg->r->arena, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		out[0] = arena_printf(pg->r->arena, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		out[0] = json_is_true(v) ? "1" : "";
	else
		return 0;
	return 1;
}

static bool in_list(const char *const *fields, const char *name)
{
	for (size_t i = 0; fields[i]; i++)
		if (strcmp(fields[i], name) == 0)
			return true;
	return false;
}

/* The free-text partner of an ESCO field (label or title), which carries the picker. */
static const char *esco_partner(const struct entity_def *d, const char *const *fields, const char *esco_name)
{
	(void)esco_name;
	if (in_list(fields, "label") && entity_field(d, "label"))
		return "label";
	if (in_list(fields, "title") && entity_field(d, "title"))
		return "title";
	return NULL;
}

static const char *esco_of(const struct entity_def *d, const char *const *fields)
{
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (f && (f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION))
			return fields[i];
	}
	return NULL;
}

/* The no-script picker's choice list: one radio per suggested concept, and "keep as written". */
static void esco_choices(struct page *pg, const char *form_id, const struct field_def *ef)
{
	struct buf *b = pg->b;
	size_t n = json_array_size(pg->esco_choices);
	html_printf(b, "<fieldset class=\"esco-choices\" id=\"%s-choices\"><legend>%s</legend>", form_id,
	            T(pg, n ? "form.esco_choose" : "form.esco_none"));
	size_t i;
	json_t *c;
	json_array_foreach(pg->esco_choices, i, c) {
		html_printf(b, "<label class=\"check\"><input type=\"radio\" name=\"esco_pick\" value=\"%s\"%s> %s",
		            jstr(c, "uri"), i == 0 ? " checked" : "", jstr(c, "label"));
		if (jstr(c, "isco") && *jstr(c, "isco"))
			html_printf(b, " <span class=\"meta\">ISCO %s</span>", jstr(c, "isco"));
		html_raw_trusted(b, "</label>");
	}
	if (!(ef->flags & FF_REQUIRED))
		html_printf(b, "<label class=\"check\"><input type=\"radio\" name=\"esco_pick\" value=\"\"%s> %s</label>",
		            n ? "" : " checked", T(pg, "form.esco_keep"));
	html_raw_trusted(b, "</fieldset>");
}

bool page_esco_step(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                    json_t *body, bool required)
{
	const char *esco = esco_of(d, fields), *text_field = esco ? esco_partner(d, fields, esco) : NULL;
	if (!esco || !text_field)
		return false;
	const struct field_def *ef = entity_field(d, esco);
	const char *kind = ef->type == FT_ESCO_SKILL ? "skill" : "occupation";
	const char *pick = form_get(&pg->form, "esco_pick");
	if (pick && *pick && validate_esco_uri(pick, kind)) {
		json_object_set_new(body, esco, json_string(pick));
		return false;
	}
	if (json_object_get(body, esco))
		return false;
	const char *text = jstr(body, text_field);
	bool find = form_get(&pg->form, "esco_find") != NULL;
	if (!find && (pick || !required || !text))
		return false; /* "keep as written", or nothing typed: the API says what is missing */
	const struct tax_index *ix = api_taxonomy_index();
	struct tax_hit hits[8];
	size_t n = 0;
	struct err e = {0};
	if (text && ix)
		tax_search(ix, text, pg->lang_code, ef->type == FT_ESCO_SKILL ? TAX_SKILL : TAX_OCCUPATION, 8, hits, &n, &e);
	pg->esco_choices = own(pg, json_array());
	for (size_t i = 0; i < n; i++)
		json_array_append_new(pg->esco_choices,
		                      json_pack("{s:s,s:s,s:s}", "uri", hits[i].uri, "label",
		                                hits[i].label ? hits[i].label : hits[i].uri, "isco", hits[i].isco));
	page_form_error(pg, form_id, NULL, T(pg, n ? "form.esco_pick_hint" : "form.esco_none"));
	return true;
}

void page_form_begin(struct page *pg, const char *form_id, const char *action)
{
	html_printf(pg->b, "<form method=\"post\" action=\"%s\" id=\"%s\" class=\"entity-form\" novalidate>", action,
	            form_id);
	page_csrf_field(pg);
	if (pg->failed_form && strcmp(pg->failed_form, form_id) == 0 && !pg->conflict)
		html_printf(pg->b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s%s%s</div>",
		            T(pg, "form.has_errors"), pg->error_summary ? " " : "",
		            pg->error_summary ? pg->error_summary : "");
}

void page_form_end(struct page *pg, const char *button_key)
{
	html_printf(pg->b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", T(pg, button_key));
}

/* The user's own value of a field in the conflict view: as page_value shows it when it has the field's type, else the
 * text as typed (it may not have passed validation). */
static void typed_value(struct page *pg, const struct field_def *f, json_t *v)
{
	bool text = json_is_string(v);
	if (text && (f->type == FT_INT || f->type == FT_REF || f->type == FT_REAL ||
	             (f->type == FT_DATE && !validate_date(json_string_value(v)))))
		html_txt(pg->b, json_string_value(v));
	else
		page_value(pg, f, v);
}

/* After a version conflict: who changed what. The fields of this form whose saved value differs from what the user
 * typed, the saved value beside the typed one; the typed values stay in the form below for saving again. */
static void conflict_view(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                          bool assigned)
{
	struct buf *b = pg->b;
	json_t *mine = page_form_json(pg, d, fields, false);
	html_printf(b,
	            "<div class=\"form-error conflict\" role=\"alert\" tabindex=\"-1\" data-focus id=\"%s-conflict\">"
	            "<p><strong>%s</strong></p><p>%s</p>",
	            form_id, T(pg, "conflict.title"), T(pg, "conflict.explain"));
	bool any = false;
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f || !entity_field_visible(f, pg->r->p.role, assigned) || !json_object_get(mine, f->name))
			continue;
		json_t *theirs = json_object_get(pg->conflict, f->name), *yours = json_object_get(mine, f->name);
		bool t_none = !theirs || json_is_null(theirs), y_none = !yours || json_is_null(yours);
		if ((t_none && y_none) || (!t_none && !y_none && json_equal(theirs, yours)))
			continue;
		if (f->type == FT_REAL && json_is_number(theirs) && json_is_number(yours) &&
		    json_number_value(theirs) == json_number_value(yours))
			continue;
		if (!any)
			html_printf(b, "<table class=\"conflict-table\"><thead><tr><th scope=\"col\">%s"
			               "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			            T(pg, "conflict.field"), T(pg, "conflict.theirs"), T(pg, "conflict.yours"));
		any = true;
		html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"theirs\">", page_field_label(pg, d, f->name));
		page_value(pg, f, theirs);
		html_raw_trusted(b, "</td><td class=\"yours\">");
		typed_value(pg, f, yours);
		html_raw_trusted(b, "</td></tr>");
	}
	if (any)
		html_raw_trusted(b, "</tbody></table>");
	else
		html_printf(b, "<p>%s</p>", T(pg, "conflict.same"));
	html_raw_trusted(b, "</div>");
}

void page_form_fields(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                      json_t *row)
{
	struct buf *b = pg->b;
	bool assigned = false;
	if (entity_is_client(d) && row)
		assigned = pg->r->p.role == ROLE_COUNSELLOR && jint(row, "counsellor_id") == pg->r->p.user_id;
	bool failed = pg->failed_form && strcmp(pg->failed_form, form_id) == 0;
	if (failed && pg->conflict)
		conflict_view(pg, form_id, d, fields, assigned);
	/* the version shown: always the row's (after a conflict, the one saved now), never the typed form's */
	if (row && json_is_integer(json_object_get(row, "version")))
		html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		            (long long)jint(row, "version"));
	const char *esco = esco_of(d, fields);
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f || !entity_field_visible(f, pg->r->p.role, assigned))
			continue;
		const char *vals[64];
		size_t nv = field_values(pg, form_id, f, row, vals, 64);
		const char *cur = nv ? vals[0] : NULL;
		char id[128];
		snprintf(id, sizeof id, "%s-%s", form_id, f->name);
		const char *msg = failed && pg->errors ? jstr(pg->errors, f->name) : NULL;
		bool req = (f->flags & FF_REQUIRED) != 0;
		if ((f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION) && esco_partner(d, fields, f->name)) {
			html_printf(b, "<input type=\"hidden\" name=\"%s\" id=\"%s\" value=\"%s\">", f->name, id, cur ? cur : "");
			continue;
		}
		char label_key[96];
		snprintf(label_key, sizeof label_key, "f.%s.%s", d->name, f->name);
		const char *label = T(pg, label_key);
		if (label == label_key || strcmp(label, label_key) == 0)
			label = TK(pg, "f", f->name);
		html_printf(b, "<div class=\"field%s%s\">", msg ? " has-error" : "",
		            f->type == FT_LONGTEXT ? " wide" : "");
		char attrs[256];
		snprintf(attrs, sizeof attrs, "%s%s", req ? " required aria-required=\"true\"" : "",
		         msg ? " aria-invalid=\"true\"" : "");
		if (f->type == FT_ENUM_LIST) {
			html_printf(b, "<fieldset><legend>%s</legend><input type=\"hidden\" name=\"_lists\" value=\"%s\">", label,
			            f->name);
			for (size_t k = 0; f->values[k]; k++)
				html_printf(b,
				            "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label>",
				            f->name, f->values[k], selected(f->values[k], vals, nv) ? " checked" : "",
				            TK(pg, "v", f->values[k]));
			html_raw_trusted(b, "</fieldset>");
		} else if (f->type == FT_BOOL) {
			html_printf(b,
			            "<input type=\"hidden\" name=\"_bools\" value=\"%s\"><label class=\"check\" for=\"%s\">"
			            "<input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s> %s</label>",
			            f->name, id, id, f->name, cur && *cur ? " checked" : "", label);
		} else {
			/* the asterisk is markup from this format, never a %s argument (that would print it as text); screen
			 * readers hear "required" from the input's required / aria-required instead */
			html_printf(b, "<label for=\"%s\">%s", id, label);
			if (req)
				html_raw_trusted(b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
			html_raw_trusted(b, "</label>");
			if (msg)
				html_printf(b, "<p class=\"err\" id=\"%s-err\">%s</p>", id, msg);
			const char *desc = msg ? arena_printf(pg->r->arena, " aria-describedby=\"%s-err\"", id) : "";
			switch (f->type) {
			case FT_LONGTEXT:
				html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"3\"", id, f->name);
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_printf(b, ">%s</textarea>", cur ? cur : "");
				break;
			case FT_ENUM:
			case FT_CEFR:
			case FT_LANG:
			case FT_COUNTRY:
			case FT_REF:
				html_printf(b, "<select id=\"%s\" name=\"%s\"", id, f->name);
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_printf(b, "><option value=\"\">%s</option>", T(pg, "form.choose"));
				if (f->type == FT_ENUM) {
					for (size_t k = 0; f->values[k]; k++)
						html_printf(b, "<option value=\"%s\"%s>%s</option>", f->values[k],
						            cur && strcmp(cur, f->values[k]) == 0 ? " selected" : "", TK(pg, "v", f->values[k]));
				} else if (f->type == FT_CEFR) {
					for (size_t k = 0; cefr_levels[k]; k++)
						html_printf(b, "<option value=\"%s\"%s>%s</option>", cefr_levels[k],
						            cur && strcmp(cur, cefr_levels[k]) == 0 ? " selected" : "",
						            k == 6 ? T(pg, "v.native") : cefr_levels[k]);
				} else if (f->type == FT_REF) {
					ref_options(pg, f, cur);
				} else {
					code_options(pg, f->type == FT_COUNTRY, cur);
				}
				html_raw_trusted(b, "</select>");
				break;
			default: {
				const char *type = f->type == FT_EMAIL   ? "email"
				                   : f->type == FT_PHONE ? "tel"
				                   : f->type == FT_DATE  ? "date"
				                   : (f->type == FT_INT || f->type == FT_REAL) ? "number"
				                                                               : "text";
				html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, f->name,
				            cur ? cur : "");
				if (f->type == FT_INT && f->max > f->min)
					html_printf(b, " min=\"%ld\" max=\"%ld\" step=\"1\" inputmode=\"numeric\"", f->min, f->max);
				if (f->type == FT_REAL)
					html_raw_trusted(b, " step=\"any\" inputmode=\"decimal\"");
				if (f->type == FT_EMAIL)
					html_raw_trusted(b, " autocomplete=\"off\"");
				if (esco && esco_partner(d, fields, esco) && strcmp(esco_partner(d, fields, esco), f->name) == 0) {
					const struct field_def *ef = entity_field(d, esco);
					html_printf(b,
					            " autocomplete=\"off\" data-picker=\"%s\" data-uri=\"%s-%s\" data-lang=\"%s\" "
					            "role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" "
					            "aria-controls=\"%s-list\"",
					            ef->type == FT_ESCO_SKILL ? "skill" : "occupation", form_id, esco, pg->lang_code, id);
				}
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_raw_trusted(b, ">");
				if (esco && esco_partner(d, fields, esco) && strcmp(esco_partner(d, fields, esco), f->name) == 0) {
					html_printf(b, "<ul class=\"picker\" id=\"%s-list\" role=\"listbox\" hidden></ul>"
					               "<p class=\"hint\">%s</p><input type=\"submit\" name=\"esco_find\" "
					               "class=\"esco-find small secondary\" value=\"%s\" formnovalidate>",
					            id, T(pg, "form.picker_hint"), T(pg, "form.esco_find"));
					if (failed && pg->esco_choices)
						esco_choices(pg, form_id, entity_field(d, esco));
				}
			}
			}
		}
		if (msg && (f->type == FT_ENUM_LIST || f->type == FT_BOOL))
			html_printf(b, "<p class=\"err\">%s</p>", msg);
		html_raw_trusted(b, "</div>");
	}
}

json_t *page_form_json(struct page *pg, const struct entity_def *d, const char *const *fields, bool create)
{
	json_t *o = own(pg, json_object());
	const char *lists[32], *bools[32];
	size_t nl = form_get_all(&pg->form, "_lists", lists, 32), nb = form_get_all(&pg->form, "_bools", bools, 32);
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f)
			continue;
		if (f->type == FT_ENUM_LIST) {
			if (!selected(f->name, lists, nl < 32 ? nl : 32))
				continue;
			const char *vals[64];
			size_t n = form_get_all(&pg->form, f->name, vals, 64);
			json_t *a = json_array();
			for (size_t k = 0; k < n && k < 64; k++)
				json_array_append_new(a, json_string(vals[k]));
			json_object_set_new(o, f->name, a);
			continue;
		}
		if (f->type == FT_BOOL) {
			if (form_get(&pg->form, f->name))
				json_object_set_new(o, f->name, json_true());
			else if (selected(f->name, bools, nb < 32 ? nb : 32))
				json_object_set_new(o, f->name, json_false());
			continue;
		}
		const char *v = form_get(&pg->form, f->name);
		if (!v)
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t len = strlen(v);
		while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' || v[len - 1] == '\n'))
			len--;
		if (!len) {
			if (!create)
				json_object_set_new(o, f->name, json_null());
			continue;
		}
		char *s = arena_strndup(pg->r->arena, v, len);
		if (!s)
			continue;
		json_t *jv = NULL;
		if (f->type == FT_INT || f->type == FT_REF) {
			char *end;
			long long x = strtoll(s, &end, 10);
			if (*end == 0 && len < 16)
				jv = json_integer(x);
		} else if (f->type == FT_REAL) {
			for (char *p = s; *p; p++)
				if (*p == ',')
					*p = '.';
			char *end;
			double x = strtod(s, &end);
			if (*end == 0)
				jv = json_real(x);
		}
		if (!jv)
			jv = json_string(s);
		if (jv)
			json_object_set_new(o, f->name, jv);
	}
	return o;
}

const char *page_next(struct page *pg, const char *next)
{
	(void)pg;
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 500)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\' || *p == '"' || *p == '<' || *p == '>')
			return "/";
	return next;
}

const char *page_field_label(struct page *pg, const struct entity_def *d, const char *field)
{
	char key[128];
	snprintf(key, sizeof key, "f.%s.%s", d->name, field);
	const char *t = T(pg, key);
	if (t != key && strcmp(t, key) != 0)
		return t;
	return TK(pg, "f", field);
}

void page_form_error(struct page *pg, const char *form_id, const char *field, const char *message)
{
	pg->failed_form = form_id;
	if (!pg->errors)
		pg->errors = own(pg, json_object());
	if (field && *field)
		json_object_set_new(pg->errors, field, json_string(message));
	else
		pg->error_summary = message;
}

void page_table(struct page *pg, const struct entity_def *d, const char *const *cols, json_t *items,
                const char *remove_base)
{
	struct buf *b = pg->b;
	bool assigned_known = false;
	(void)assigned_known;
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
		return;
	}
	html_raw_trusted(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>");
	for (size_t c = 0; cols[c]; c++)
		html_printf(b, "<th scope=\"col\">%s</th>", page_field_label(pg, d, cols[c]));
	if (remove_base)
		html_printf(b, "<th scope=\"col\"><span class=\"vh\">%s</span></th>", T(pg, "list.actions"));
	html_raw_trusted(b, "</tr></thead><tbody>");
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		html_raw_trusted(b, "<tr>");
		for (size_t c = 0; cols[c]; c++) {
			const struct field_def *f = entity_field(d, cols[c]);
			html_raw_trusted(b, c == 0 ? "<th scope=\"row\">" : "<td>");
			if (f && json_object_get(row, f->name))
				page_value(pg, f, json_object_get(row, f->name));
			else
				html_raw_trusted(b, "<span class=\"none\">–</span>");
			html_raw_trusted(b, c == 0 ? "</th>" : "</td>");
		}
		if (remove_base) {
			html_printf(b, "<td><form method=\"post\" action=\"%s/%lld\" class=\"inline\">", remove_base,
			            (long long)jint(row, "id"));
			page_csrf_field(pg);
			html_printf(b, "<button type=\"submit\" class=\"small secondary\" data-confirm=\"%s\">%s"
			               "<span class=\"vh\"> %s</span></button></form></td>",
			            T(pg, "list.remove_confirm"), T(pg, "list.remove"), page_row_name(pg, d, row));
		}
		html_raw_trusted(b, "</tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

void page_facts(struct page *pg, const struct entity_def *d, const char *const *fields, json_t *row)
{
	struct buf *b = pg->b;
	html_raw_trusted(b, "<dl class=\"facts\">");
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f || !json_object_get(row, f->name)) /* redacted or unknown */
			continue;
		html_printf(b, "<dt>%s</dt><dd>", page_field_label(pg, d, f->name));
		page_value(pg, f, json_object_get(row, f->name));
		html_raw_trusted(b, "</dd>");
	}
	html_raw_trusted(b, "</dl>");
}

int page_update(struct page *pg, const char *entity, int64_t id, json_t *body, const char *form_id)
{
	const char *v = form_get(&pg->form, "version");
	char idtxt[24], tag[40];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
	const char *params[] = {entity, idtxt};
	bool ok = v && *v && strlen(v) < 16 && strspn(v, "0123456789") == strlen(v);
	if (ok)
		snprintf(tag, sizeof tag, "W/\"%s\"", v);
	pg->r->if_match = ok ? tag : NULL;
	int rc = page_api(pg, "PATCH", "/api/v1/{entity}/{id}", params, 2, body, NULL, form_id);
	pg->r->if_match = NULL;
	return rc;
}

int page_create(struct page *pg, const char *entity, json_t *body, const char *form_id, json_t **row)
{
	const char *params[] = {entity};
	return page_api(pg, "POST", "/api/v1/{entity}", params, 1, body, row, form_id);
}

int page_create_then_show(struct page *pg, const char *entity, json_t *body, const char *form_id, const char *base,
                          page_fn show)
{
	json_t *row = NULL;
	int rc = page_create(pg, entity, body, form_id, &row);
	if (rc && page_is_form_error(pg)) {
		pg->r->err.code = ERR_OK;
		return show(pg);
	}
	if (rc)
		return rc;
	char next[128];
	snprintf(next, sizeof next, "%s/%lld?done=created", base, (long long)jint(row, "id"));
	return page_redirect(pg, next);
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
	if (pd->access[pg->r->p.role] >= ACC_WRITE) {
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
