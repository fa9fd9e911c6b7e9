/* format: values as people read them in the page's language (ICU dates, numbers, collation, language and country
 * names), a row's display name and a field's value, and tables and fact lists of rows. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "app/partner_referral.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/fold.h"
#include "core/log.h"
#include "core/validate.h"
#include "domain/labels.h"
#include "match/live.h"
#include "match/match.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/multipart.h"
#include "web/pages/pages.h"
#include "app/entity.h"
#include "app/policy.h"

/* --- ICU formatting --- */

static const char *const icu_locales[LANG_COUNT] = {"fi_FI", "sv_FI", "en_GB"};

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

void page_figure(struct page *pg, const char *key, long long n, const char *label)
{
	if (key)
		html_printf(pg->b, "<li><span class=\"n\" data-key=\"%s\">", key);
	else
		html_raw_trusted(pg->b, "<li><span class=\"n\">");
	page_int(pg, n);
	html_printf(pg->b, "</span> %s</li>", label);
}

void page_period(struct page *pg, const char *from, const char *to)
{
	html_printf(pg->b, "%s ", T(pg, "rep.period"));
	page_date(pg, from);
	html_raw_trusted(pg->b, "–");
	page_date(pg, to);
}

void page_chart_grid(struct page *pg, int left, int right, double base, double plot_h, double top,
                     void (*label)(struct page *pg, double v, const void *arg), const void *arg)
{
	for (int t = 0; t <= 2; t++) {
		double y = base - plot_h * t / 2.0;
		html_printf(pg->b, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
		                   "<text class=\"axis\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">",
		            left, y, right, y, left - 6, y + 4);
		label(pg, top * t / 2.0, arg);
		html_raw_trusted(pg->b, "</text>");
	}
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

void page_datetime(struct page *pg, const char *iso)
{
	/* stored in UTC (YYYY-MM-DDTHH:MM:SSZ); read in Finnish time, as the people who did it lived it */
	struct tm tm = {0};
	if (!iso || strlen(iso) < 19 || !strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) {
		page_date(pg, iso);
		return;
	}
	UErrorCode st = U_ZERO_ERROR;
	static const UChar tz[] = {'E', 'u', 'r', 'o', 'p', 'e', '/', 'H', 'e', 'l', 's', 'i', 'n', 'k', 'i', 0};
	UDateFormat *f = udat_open(UDAT_SHORT, UDAT_MEDIUM, icu_locales[pg->lang], tz, -1, NULL, -1, &st);
	if (U_FAILURE(st) || !f) {
		html_txt(pg->b, iso);
		return;
	}
	UChar out[80];
	int32_t n = udat_format(f, (UDate)timegm(&tm) * 1000.0, out, 80, NULL, &st);
	udat_close(f);
	if (U_FAILURE(st))
		html_txt(pg->b, iso);
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

void page_display_name(struct page *pg, const char *code, bool country, char *out, size_t n)
{
	/* the languages osaaja meets are named by the shipped table (data/labels); ICU names the rest */
	const char *known = country ? NULL : labels_name(LABEL_LANGUAGE, code, pg->lang_code);
	if (known) {
		snprintf(out, n, "%s", known);
		return;
	}
	char loc[8];
	if (country)
		snprintf(loc, sizeof loc, "und_%.2s", code);
	page_icu_name(country ? loc : code, country, icu_locales[pg->lang], code, out, n);
}

void page_icu_name(const char *loc, bool country, const char *in, const char *code, char *out, size_t n)
{
	UChar u[128];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = country ? uloc_getDisplayCountry(loc, in, u, 128, &st)
	                      : uloc_getDisplayLanguage(loc, in, u, 128, &st);
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
	page_display_name(pg, code, false, name, sizeof name);
	html_txt(pg->b, name);
}

void page_concept_label(struct page *pg, const char *label, const char *uri, const char *label_lang)
{
	if (!label) {
		html_txt(pg->b, uri ? uri : "");
		return;
	}
	if (label_lang && strcmp(label_lang, pg->lang_code) != 0) {
		html_printf(pg->b, "<span lang=\"%s\">%s</span> <span class=\"fallback\">%s</span>", label_lang, label,
		            T(pg, "matches.in_english"));
		return;
	}
	html_txt(pg->b, label);
}

void page_esco_label(struct page *pg, const char *uri, const char *stored)
{
	const char *label = NULL, *in = NULL;
	if (uri && match_live_concept_label(uri, pg->lang_code, pg->r->arena, &label, &in))
		label = NULL; /* out of memory: the stored label still says what it is */
	if (label)
		page_concept_label(pg, label, uri, in);
	else
		html_txt(pg->b, stored ? stored : (uri ? uri : "–"));
}

void page_match_score(struct page *pg, double raw)
{
	page_real(pg, match_score_calibrated(raw), 0);
}

void page_latin_spelling(struct page *pg, const char *name)
{
	char *latin = name ? fold_latin(name) : NULL;
	if (latin)
		html_printf(pg->b, " <span class=\"translit\" lang=\"und-Latn\">(%s)</span>", latin);
	free(latin);
}

void page_status_badge(struct page *pg, const char *status)
{
	html_printf(pg->b, "<span class=\"badge s-%s\">%s</span>", status ? status : "none", TK(pg, "v", status));
}

void page_country_name(struct page *pg, const char *code)
{
	char name[200];
	page_display_name(pg, code, true, name, sizeof name);
	html_txt(pg->b, name);
}

/* --- reading rows --- */

const char *page_row_name(struct page *pg, const struct entity_def *d, json_t *row)
{
	const char *fn = jstr(row, "first_name"), *ln = jstr(row, "last_name");
	if (fn || ln)
		return arena_printf(pg->r->arena, "%s %s", fn ? fn : "", ln ? ln : "");
	const char *n = jstr(row, "name");
	if (!n)
		n = jstr(row, "title");
	if (!n)
		n = jstr(row, "label");
	if (n)
		return n;
	/* a row without a name (a consent, an event, a language): its first choice, as a word of the page's language */
	for (size_t i = 0; d && i < d->nfields; i++) {
		const struct field_def *f = &d->fields[i];
		const char *v = jstr(row, f->name);
		if (v && f->type == FT_ENUM)
			return TK(pg, "v", v);
		char *name = v && f->type == FT_LANG ? arena_alloc(pg->r->arena, 64) : NULL;
		if (name) {
			page_display_name(pg, v, false, name, 64);
			return name;
		}
	}
	return arena_printf(pg->r->arena, "#%lld", (long long)jint(row, "id"));
}

const char *page_option_label(struct page *pg, const struct entity_def *d, json_t *row)
{
	const char *name = page_row_name(pg, d, row);
	if (!entity_is_client(d)) /* people share names: a client is told apart by birth year and number */
		return name;
	long long by = jint(row, "birth_year"), id = jint(row, "id");
	return by ? arena_printf(pg->r->arena, "%s (%lld, %s %lld)", name, by, T(pg, "client.number"), id)
	          : arena_printf(pg->r->arena, "%s (%s %lld)", name, T(pg, "client.number"), id);
}

const char *page_partner_org_name(struct page *pg, int64_t id)
{
	json_t *orgs = NULL;
	struct err e = {0};
	if (partner_org_directory(web_actor(pg->r), &orgs, &e))
		return NULL;
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		if (jint(o, "id") == id)
			return jstr(o, "name");
	return NULL;
}

static const char *ref_name(struct page *pg, const char *entity, int64_t id)
{
	char key[96];
	snprintf(key, sizeof key, "%s:%lld", entity, (long long)id);
	if (!pg->ref_cache)
		pg->ref_cache = page_own(pg, json_object());
	const char *hit = jstr(pg->ref_cache, key);
	if (hit)
		return hit;
	const struct entity_def *d = entity_find(entity);
	json_t *row = NULL;
	struct err e = {0};
	const char *name = NULL;
	/* through the read verb: a client's name shown on another record's page is a read of the client (audited) */
	if (d && page_may(pg, d, ACC_READ) && app_entity_get(web_actor(pg->r), d, id, &row, &e) == 0)
		name = page_row_name(pg, d, row);
	if (!name && d == entity_get(ENT_ORGANISATIONS)) /* another organisation (a partner, a co-implementer) */
		name = page_partner_org_name(pg, id);
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
	/* a coded value (ISCED level or field, sector, availability): its name in the page's language */
	int kind = f->type == FT_LANG ? -1 : labels_kind_of_field(f->name);
	if (kind >= 0 && (json_is_string(v) || json_is_integer(v))) {
		char code[32], name[400];
		if (json_is_integer(v))
			snprintf(code, sizeof code, "%lld", (long long)json_integer_value(v));
		const char *value = json_is_integer(v) ? code : json_string_value(v);
		labels_text((enum label_kind)kind, value, pg->lang_code, name, sizeof name);
		html_txt(b, name);
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
		if ((f->flags & FF_MONTH) && json_integer_value(v) >= 1 && json_integer_value(v) <= 12) {
			char k[3];
			snprintf(k, sizeof k, "%d", (int)json_integer_value(v));
			html_txt(b, TK(pg, "month", k));
		} else if (f->min >= 1900 || strstr(f->name, "year")) /* years read without a group separator */
			html_printf(b, "%lld", (long long)json_integer_value(v));
		else
			page_int(pg, (long long)json_integer_value(v));
		return;
	case FT_REAL:
		page_real(pg, json_number_value(v), 1);
		return;
	case FT_ESCO_OCCUPATION:
	case FT_ESCO_SKILL: {
		/* the concept named in the page's language (English marked as such) and linked to ESCO's page; "ESCO"
		 * where the taxonomy does not know it */
		const char *uri = json_string_value(v);
		html_printf(b, "<a href=\"%s\" class=\"uri\" rel=\"noreferrer\">", uri);
		page_esco_label(pg, uri, "ESCO");
		html_raw_trusted(b, "</a>");
		return;
	}
	default:
		html_txt(b, json_string_value(v));
	}
}

bool page_has_rows(struct page *pg, json_t *items)
{
	if (json_array_size(items))
		return true;
	html_printf(pg->b, "<p class=\"empty\">%s</p>", T(pg, "list.empty"));
	return false;
}

void page_count_table_begin(struct page *pg, const char *id, const char *caption, const char *count_label)
{
	html_printf(pg->b, "<div class=\"table-wrap\"><table class=\"list\" id=\"%s\"><caption>%s</caption><thead><tr>"
	                   "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
	            id, caption, caption, count_label);
}

void page_wide_table_begin(struct page *pg, const char *labelled_by, const char *id)
{
	html_printf(
	    pg->b,
	    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"%s\"><table class=\"list\"",
	    labelled_by);
	if (id)
		html_printf(pg->b, " id=\"%s\"", id);
	html_raw_trusted(pg->b, ">");
}

/* The opening of a list table up to its first heading, and the heading row's end with the body's start: shared by the
 * list heads below so every list table is built the same way. */
static void list_head_open(struct page *pg, const char *id)
{
	html_raw_trusted(pg->b, "<div class=\"table-wrap\"><table class=\"list\"");
	if (id)
		html_printf(pg->b, " id=\"%s\"", id);
	html_raw_trusted(pg->b, "><thead><tr>");
}

static void list_head_close(struct page *pg, const char *actions_key)
{
	if (actions_key)
		html_printf(pg->b, "<th scope=\"col\"><span class=\"vh\">%s</span></th>", T(pg, actions_key));
	html_raw_trusted(pg->b, "</tr></thead><tbody>");
}

void page_list_head(struct page *pg, const char *id, const char *const *keys, const char *actions_key)
{
	list_head_open(pg, id);
	page_key_heads(pg, keys);
	list_head_close(pg, actions_key);
}

void page_key_heads(struct page *pg, const char *const *keys)
{
	for (size_t c = 0; keys[c]; c++)
		if (keys[c][0] == '#')
			html_printf(pg->b, "<th scope=\"col\" class=\"num\">%s</th>", T(pg, keys[c] + 1));
		else
			html_printf(pg->b, "<th scope=\"col\">%s</th>", T(pg, keys[c]));
}

void page_table_head(struct page *pg, const char *const *keys)
{
	html_raw_trusted(pg->b, "<thead><tr>");
	page_key_heads(pg, keys);
	html_raw_trusted(pg->b, "</tr></thead><tbody>");
}

void page_field_list_head(struct page *pg, const char *id, const struct entity_def *d, const char *const *cols,
                          size_t n, const char *actions_key)
{
	list_head_open(pg, id);
	page_field_heads(pg, d, cols, n);
	list_head_close(pg, actions_key);
}

void page_field_heads(struct page *pg, const struct entity_def *d, const char *const *cols, size_t n)
{
	for (size_t c = 0; c < n && cols[c]; c++)
		html_printf(pg->b, "<th scope=\"col\">%s</th>", page_field_label(pg, d, cols[c]));
}

void page_table(struct page *pg, const struct entity_def *d, const char *const *cols, json_t *items,
                const char *remove_base)
{
	struct buf *b = pg->b;
	bool assigned_known = false;
	(void)assigned_known;
	if (!page_has_rows(pg, items))
		return;
	/* rows this user may change get an edit link back to this page; rows shown from another organisation's record (a
	 * referral's shared parts) carry no id: nothing here to edit */
	bool editable = page_may(pg, d, ACC_WRITE) && d->id != ENT_USERS &&
	                json_is_integer(json_object_get(json_array_get(items, 0), "id"));
	page_field_list_head(pg, NULL, d, cols, SIZE_MAX, remove_base || editable ? "list.actions" : NULL);
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
		if (remove_base || editable)
			html_raw_trusted(b, "<td class=\"row-actions\">");
		if (editable)
			html_printf(b, "<a class=\"small\" href=\"/edit/%s/%lld?back=%s\">%s<span class=\"vh\"> %s</span></a> ",
			            d->name, (long long)jint(row, "id"), pg->r->path, T(pg, "form.edit"),
			            page_row_name(pg, d, row));
		if (remove_base) {
			html_printf(b, "<form method=\"post\" action=\"%s/%lld\" class=\"inline\">", remove_base,
			            (long long)jint(row, "id"));
			page_csrf_field(pg);
			html_printf(b, "<button type=\"submit\" class=\"small secondary\" data-confirm=\"%s\">%s"
			               "<span class=\"vh\"> %s</span></button></form>",
			            T(pg, "list.remove_confirm"), T(pg, "list.remove"), page_row_name(pg, d, row));
		}
		if (remove_base || editable)
			html_raw_trusted(b, "</td>");
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

/* ISCED-F fields as a drop-down: a group per broad field (2 digits), its narrow fields (3) and, indented, their
 * detailed fields (4); ISCED levels 0..8 in order. The value is the code; what a person reads is the name. */
bool page_label_select(struct page *pg, const struct field_def *f, const char *id, const char *attrs, const char *cur)
{
	int kind = labels_kind_of_field(f->name);
	if (kind != LABEL_ISCED_LEVEL && kind != LABEL_ISCED_FIELD)
		return false;
	struct buf *b = pg->b;
	const char *codes[512];
	size_t n = labels_codes((enum label_kind)kind, codes, 512);
	html_printf(b, "<select id=\"%s\" name=\"%s\"", id, f->name);
	html_raw_trusted(b, attrs);
	html_printf(b, "><option value=\"\">%s</option>", T(pg, "form.choose"));
	bool found = !cur || !*cur, group = false;
	for (size_t i = 0; i < n; i++) {
		const char *name = labels_name((enum label_kind)kind, codes[i], pg->lang_code);
		size_t len = strlen(codes[i]);
		bool sel = cur && strcmp(cur, codes[i]) == 0;
		found |= sel;
		if (kind == LABEL_ISCED_FIELD && len == 2) {
			html_printf(b, "%s<optgroup label=\"%s\">", group ? "</optgroup>" : "", name);
			group = true;
			continue;
		}
		html_printf(b, "<option value=\"%s\"%s>%s%s</option>", codes[i], sel ? " selected" : "",
		            kind == LABEL_ISCED_FIELD && len == 4 ? "\u2003" : "", name);
	}
	if (group)
		html_raw_trusted(b, "</optgroup>");
	if (!found) /* a value outside the list stays as it is, chosen */
		html_printf(b, "<option value=\"%s\" selected>%s</option>", cur, cur);
	html_raw_trusted(b, "</select>");
	return true;
}
