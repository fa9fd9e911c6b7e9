/* employer_needs: the employers' needs overview (issue 15 item 1; docs/outcomes.md "Employers' needs"). Each
 * employer's current needs record (its newest up to the end of the period) with the workers it expects to arrive in
 * the period, summed per region (the employer's municipality) and sector, per month and kind, with the employers'
 * challenges, wanted services and interest in longer-term hiring. Employers, not persons: exact counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/entity.h"
#include "domain/labels.h"
#include "report/internal.h"

/* The current record of each employer: no record of the same employer is newer (reported_on, then id) up to ?2. */
static const char SQL_CURRENT[] =
	"SELECT n.id, e.id, e.name, COALESCE(e.municipality, ''), COALESCE(e.sector, ''), n.reported_on, "
	"n.longer_term_hiring, n.challenges, n.services_wanted FROM employer_needs n JOIN employers e ON e.id = "
	"n.employer_id WHERE n.archived_at IS NULL AND e.archived_at IS NULL AND (?1 = 0 OR n.organisation_id = ?1) AND "
	"n.reported_on <= ?2 AND (?3 = '' OR e.municipality = ?3) AND (?4 = '' OR e.sector = ?4) AND NOT EXISTS (SELECT "
	"1 FROM employer_needs m WHERE m.employer_id = n.employer_id AND m.archived_at IS NULL AND m.reported_on <= ?2 "
	"AND (m.reported_on > n.reported_on OR (m.reported_on = n.reported_on AND m.id > n.id))) "
	"ORDER BY 4, 5, 3, 2";

/* The arrivals of the period's months (year * 100 + month between ?2 and ?3) of the organisation's records. */
static const char SQL_ARRIVALS[] =
	"SELECT a.need_id, a.year, a.month, a.workers, a.kind FROM employer_need_arrivals a JOIN employer_needs n ON "
	"n.id = a.need_id WHERE a.archived_at IS NULL AND n.archived_at IS NULL AND (?1 = 0 OR n.organisation_id = ?1) "
	"AND a.year * 100 + a.month >= ?2 AND a.year * 100 + a.month <= ?3 ORDER BY a.year, a.month, a.id";

enum { KINDS = 3, MAX_EMPLOYERS = 20000, MAX_MONTHS = 241 };
static const char *const kinds[KINDS] = {"seasonal", "agency", "permanent"};

struct emp {
	int64_t need_id;
	json_t *row; /* its row of "employers" */
	int64_t workers[KINDS];
};

struct group {
	const char *municipality, *sector; /* the rows' texts (the employers' rows own them) */
	int64_t employers, longer_yes, workers[KINDS];
};

static int cmp_need(const void *a, const void *b)
{
	int64_t x = (*(struct emp *const *)a)->need_id, y = (*(struct emp *const *)b)->need_id;
	return (x > y) - (x < y);
}

static int kind_index(const char *k)
{
	for (int i = 0; k && i < KINDS; i++)
		if (strcmp(k, kinds[i]) == 0)
			return i;
	return -1;
}

/* Adds each code of a comma-separated list to counts (one count per employer and code), the field's codes in its
 * order with zeros. */
static void count_codes(json_t *counts, const char *list)
{
	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char key[48];
		snprintf(key, sizeof key, "%.*s", (int)(len < sizeof key ? len : sizeof key - 1), p);
		json_t *c = json_object_get(counts, key);
		json_object_set_new(counts, key, json_integer(json_integer_value(c) + 1));
		p += len + (comma != NULL);
	}
}

static json_t *codes_init(enum entity_id ent, const char *field)
{
	json_t *o = json_object();
	const struct field_def *f = entity_field(entity_get(ent), field);
	for (size_t i = 0; o && f && f->values && f->values[i]; i++)
		json_object_set_new(o, f->values[i], json_integer(0));
	return o;
}

/* {"code": n} as [{"value", "count"}] in the object's order (the field's codes first). */
static json_t *codes_list(json_t *o)
{
	json_t *a = json_array();
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) json_array_append_new(a, json_pack("{s:s,s:O}", "value", k, "count", v));
	return a;
}

static json_t *list_json(const char *list)
{
	json_t *a = json_array();
	for (const char *p = list; a && p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len)
			json_array_append_new(a, json_stringn(p, len));
		p += len + (comma != NULL);
	}
	return a;
}

static long ym(const char *date)
{
	return strtol(date, NULL, 10) * 100 + strtol(date + 5, NULL, 10);
}

int report_employer_needs(struct store *s, const struct report_filter *f, const char *sector, json_t **out,
                          struct err *e)
{
	*out = NULL;
	sector = sector ? sector : "";
	int rc = report_filter_check(f, e);
	if (rc)
		return rc;
	const long from_ym = ym(f->from), to_ym = ym(f->to);
	if ((to_ym / 100 - from_ym / 100) * 12 + to_ym % 100 - from_ym % 100 + 1 > MAX_MONTHS - 1)
		return err_key(e, ERR_INVALID, "to", "period", "the overview covers at most 20 years");
	struct emp *emps = NULL, **by_need = NULL;
	size_t n = 0, cap = 0;
	json_t *employers = json_array(), *hiring = codes_init(ENT_EMPLOYER_NEEDS, "longer_term_hiring"),
	       *challenges = codes_init(ENT_EMPLOYER_NEEDS, "challenges"),
	       *services = codes_init(ENT_EMPLOYER_NEEDS, "services_wanted");
	json_object_set_new(hiring, "(none)", json_integer(0));
	if (!employers || !hiring || !challenges || !services) {
		rc = err_oom(e);
		goto done;
	}
	const struct store_param p[] = {STORE_P_INT(f->org_id), STORE_P_TEXT(f->to), STORE_P_TEXT(f->municipality),
	                                STORE_P_TEXT(sector)};
	struct store_stmt *st = NULL;
	if ((rc = store_prepare_bound(s, SQL_CURRENT, p, STORE_NPARAMS(p), &st, e)))
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (n == MAX_EMPLOYERS || buf_grow_array(&emps, &cap, n + 1, sizeof *emps, 64, MAX_EMPLOYERS)) {
			store_reset(st);
			rc = -err_set(e, ERR_TOO_BIG, "", "too many employers for one overview: narrow the filter");
			break;
		}
		const char *h = store_col_text(st, 6), *ch = store_col_text(st, 7), *sv = store_col_text(st, 8);
		json_t *row = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:o}", "employer_id", (json_int_t)store_col_int(st, 1),
		                        "need_id", (json_int_t)store_col_int(st, 0), "name", store_col_text(st, 2),
		                        "municipality", store_col_text(st, 3), "sector", store_col_text(st, 4), "reported_on",
		                        store_col_text(st, 5), "longer_term_hiring", h ? json_string(h) : json_null(),
		                        "challenges", list_json(ch), "services_wanted", list_json(sv));
		if (!row || json_array_append_new(employers, row)) {
			store_reset(st);
			rc = -err_oom(e);
			break;
		}
		emps[n++] = (struct emp){.need_id = store_col_int(st, 0), .row = row};
		json_t *hc = json_object_get(hiring, h && *h ? h : "(none)");
		json_object_set_new(hiring, h && *h ? h : "(none)", json_integer(json_integer_value(hc) + 1));
		count_codes(challenges, ch);
		count_codes(services, sv);
	}
	store_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	rc = 0;
	/* months of the period, each with its workers per kind */
	int64_t month_w[MAX_MONTHS][KINDS] = {{0}};
	const size_t months = (size_t)((to_ym / 100 - from_ym / 100) * 12 + to_ym % 100 - from_ym % 100 + 1);
	/* the current records by id, to find an arrival's record */
	by_need = n ? malloc(n * sizeof *by_need) : NULL;
	if (n && !by_need) {
		rc = err_oom(e);
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		by_need[i] = &emps[i];
	if (n > 1)
		qsort(by_need, n, sizeof *by_need, cmp_need);
	const struct store_param pa[] = {STORE_P_INT(f->org_id), STORE_P_INT(from_ym), STORE_P_INT(to_ym)};
	if ((rc = store_prepare_bound(s, SQL_ARRIVALS, pa, STORE_NPARAMS(pa), &st, e)))
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int64_t nid = store_col_int(st, 0);
		int k = kind_index(store_col_text(st, 4));
		struct emp key = {.need_id = nid}, **hit = k < 0 || !n ? NULL : bsearch(&(struct emp *){&key}, by_need, n,
		                                                                       sizeof *by_need, cmp_need);
		if (!hit) /* an arrival of a record that is not an employer's current one */
			continue;
		int64_t w = store_col_int(st, 3);
		(*hit)->workers[k] += w;
		long at = (long)(store_col_int(st, 1) - from_ym / 100) * 12 + (long)store_col_int(st, 2) - from_ym % 100;
		if (at >= 0 && (size_t)at < months)
			month_w[at][k] += w;
	}
	store_reset(st);
	if (rc < 0) {
		rc = -rc;
		goto done;
	}
	rc = 0;
	/* per region and sector (the rows come sorted by municipality and sector) */
	json_t *regions = json_array(), *by_month = json_array();
	int64_t total[KINDS] = {0}, with_arrivals = 0;
	struct group g = {0};
	for (size_t i = 0; i <= n; i++) {
		const char *m = i < n ? json_string_value(json_object_get(emps[i].row, "municipality")) : NULL;
		const char *sc = i < n ? json_string_value(json_object_get(emps[i].row, "sector")) : NULL;
		if (g.municipality && (i == n || strcmp(m, g.municipality) != 0 || strcmp(sc, g.sector) != 0)) {
			json_array_append_new(regions,
			                      json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I}", "municipality", g.municipality,
			                                "sector", g.sector, "employers", (json_int_t)g.employers, "workers",
			                                (json_int_t)(g.workers[0] + g.workers[1] + g.workers[2]), "seasonal",
			                                (json_int_t)g.workers[0], "agency", (json_int_t)g.workers[1], "permanent",
			                                (json_int_t)g.workers[2], "longer_term_yes", (json_int_t)g.longer_yes));
			g = (struct group){0};
		}
		if (i == n)
			break;
		if (!g.municipality)
			g = (struct group){.municipality = m, .sector = sc};
		g.employers++;
		const char *h = json_string_value(json_object_get(emps[i].row, "longer_term_hiring"));
		g.longer_yes += h && strcmp(h, "yes") == 0;
		int64_t sum = 0;
		json_t *wk = json_object();
		for (int k = 0; k < KINDS; k++) {
			g.workers[k] += emps[i].workers[k];
			total[k] += emps[i].workers[k];
			sum += emps[i].workers[k];
			json_object_set_new(wk, kinds[k], json_integer(emps[i].workers[k]));
		}
		json_object_set_new(emps[i].row, "workers", json_integer(sum));
		json_object_set_new(emps[i].row, "by_kind", wk);
		with_arrivals += sum > 0;
	}
	for (size_t i = 0; i < months; i++) {
		long y = from_ym / 100 + (long)((from_ym % 100 - 1 + (long)i) / 12), mo = (from_ym % 100 - 1 + (long)i) % 12 + 1;
		char label[32];
		snprintf(label, sizeof label, "%04ld-%02ld", y, mo);
		json_array_append_new(by_month, json_pack("{s:s,s:I,s:I,s:I,s:I}", "month", label, "workers",
		                                          (json_int_t)(month_w[i][0] + month_w[i][1] + month_w[i][2]),
		                                          "seasonal", (json_int_t)month_w[i][0], "agency",
		                                          (json_int_t)month_w[i][1], "permanent", (json_int_t)month_w[i][2]));
	}
	json_t *fj = report_filter_json(f);
	json_object_set_new(fj, "sector", *sector ? json_string(sector) : json_null());
	*out = json_pack("{s:o,s:I,s:I,s:I,s:{s:I,s:I,s:I},s:o,s:o,s:o,s:o,s:o,s:O}", "filter", fj, "employers",
	                 (json_int_t)n, "employers_with_arrivals", (json_int_t)with_arrivals, "workers",
	                 (json_int_t)(total[0] + total[1] + total[2]), "by_kind", "seasonal", (json_int_t)total[0],
	                 "agency", (json_int_t)total[1], "permanent", (json_int_t)total[2], "by_month", by_month, "regions",
	                 regions, "longer_term_hiring", codes_list(hiring), "challenges", codes_list(challenges),
	                 "services_wanted", codes_list(services), "rows", employers);
	if (!*out)
		rc = err_oom(e);
done:
	free(by_need);
	free(emps);
	json_decref(employers);
	json_decref(hiring);
	json_decref(challenges);
	json_decref(services);
	return rc;
}

/* CSV of the per-region-and-sector table: machine headers, or with loc headers in its language, its separator and a
 * byte order mark (a Finnish-locale Excel opens it as it is). */
void report_employer_needs_csv(json_t *overview, const struct report_locale *loc, struct buf *b)
{
	static const char *const cols[] = {"municipality", "sector", "employers", "workers", "seasonal", "agency",
	                                   "permanent", "longer_term_yes"};
	enum { NC = sizeof cols / sizeof *cols };
	const char sep = loc ? loc->sep : ',';
	if (loc)
		buf_puts(b, "\xEF\xBB\xBF");
	for (size_t c = 0; c < NC; c++) {
		char key[64];
		snprintf(key, sizeof key, "needs.col.%s", cols[c]);
		report_csv_cell(b, loc ? loc->text(loc->ctx, key) : cols[c], c + 1 == NC, false, sep);
	}
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(overview, "regions"), i, r) {
		for (size_t c = 0; c < NC; c++) {
			json_t *v = json_object_get(r, cols[c]);
			char num[32];
			if (json_is_integer(v)) {
				snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
				report_csv_cell(b, num, c + 1 == NC, true, sep);
			} else if (loc && c == 1 && json_string_value(v)[0]) { /* a known sector in the export's language */
				char name[200];
				labels_text(LABEL_SECTOR, json_string_value(v), loc->lang, name, sizeof name);
				report_csv_cell(b, name, false, false, sep);
			} else {
				report_csv_cell(b, json_string_value(v), c + 1 == NC, false, sep);
			}
		}
	}
}
