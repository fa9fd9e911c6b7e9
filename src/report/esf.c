/* esf: the ESF+ common indicators (Regulation (EU) 2021/1057, Annex I), as an ESF+-funded project reports them to
 * its managing authority: participants who entered in the period by gender, age band, education and labour-market
 * status at entry; disadvantaged groups; results on leaving and six months after. Definitions, and what osaaja
 * records for each, are in docs/outcomes.md ("ESF+ common indicators").
 *
 * ESF+ counts persons, not enrolments: a person enrolled in two programmes (two clients rows) is one participant.
 * The same person is recognised by the folded first and last name and the birth year (core/fold); a row without a
 * name (erased) or a birth year is a person of its own. Entry characteristics come from the person's first entry in
 * the period; a flag (disability, a result) counts when any of the person's rows has it. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "core/strmap.h"
#include "core/validate.h"
#include "domain/permit.h"
#include "report/internal.h"

static const struct {
	const char *key, *code, *label;
} defs[ESF_ROW_COUNT] = {
	[ESF_PARTICIPANTS] = {"participants", "EECO01", "Total number of participants"},
	[ESF_UNEMPLOYED] = {"unemployed", "EECO02", "Unemployed, including long-term unemployed"},
	[ESF_LONG_TERM_UNEMPLOYED] = {"long_term_unemployed", "EECO03", "Long-term unemployed"},
	[ESF_INACTIVE] = {"inactive", "EECO04", "Inactive"},
	[ESF_EMPLOYED] = {"employed", "EECO05", "Employed, including self-employed"},
	[ESF_AGE_UNDER_18] = {"age_under_18", "EECO06", "Children below 18 years of age"},
	[ESF_AGE_18_29] = {"age_18_29", "EECO07", "Young people between 18 and 29 years of age"},
	[ESF_AGE_55_PLUS] = {"age_55_plus", "EECO08", "Participants 55 years of age and above"},
	[ESF_ISCED_0_2] = {"isced_0_2", "EECO09", "With lower secondary education or less (ISCED 0-2)"},
	[ESF_ISCED_3_4] = {"isced_3_4", "EECO10", "With upper secondary (ISCED 3) or post-secondary education (ISCED 4)"},
	[ESF_ISCED_5_8] = {"isced_5_8", "EECO11", "With tertiary education (ISCED 5 to 8)"},
	[ESF_DISABILITIES] = {"disabilities", "EECO12", "Participants with disabilities"},
	[ESF_THIRD_COUNTRY] = {"third_country_nationals", "EECO13", "Third-country nationals"},
	[ESF_FOREIGN_ORIGIN] = {"foreign_origin", "EECO14", "Participants with a foreign background"},
	[ESF_AGE_30_54] = {"age_30_54", "", "Participants between 30 and 54 years of age"},
	[ESF_AGE_UNKNOWN] = {"age_unknown", "", "Participants without a birth year"},
	[ESF_EDUCATION_UNKNOWN] = {"education_unknown", "", "Participants without an education recorded"},
	[ESF_LABOUR_UNKNOWN] = {"labour_status_unknown", "", "Participants without a labour-market status at entry"},
	[ESF_TARGET_CHECKED] = {"target_checked", "", "Participants in the highly educated immigrants target group"},
	[ESF_TARGET_MET] = {"target_met", "", "... whose data meet it (unemployed, ISCED 6-8, mother tongue not fi/sv)"},
	[ESF_TARGET_NOT_MET] = {"target_not_met", "", "... whose data contradict it"},
	[ESF_TARGET_INCOMPLETE] = {"target_incomplete", "", "... whose data are incomplete"},
	[ESF_LEAVERS] = {"leavers", "", "Participants who left in the period"},
	[ESF_JOB_SEARCHING] = {"job_searching", "EECR01", "Participants engaged in job searching upon leaving"},
	[ESF_IN_EDUCATION] = {"in_education", "EECR02", "Participants in education or training upon leaving"},
	[ESF_QUALIFICATION] = {"qualification", "EECR03", "Participants gaining a qualification upon leaving"},
	[ESF_IN_EMPLOYMENT] = {"in_employment", "EECR04",
	                       "Participants in employment, including self-employment, upon leaving"},
	[ESF_NO_RESULT] = {"no_result", "", "Leavers with none of these results"},
	[ESF_EMPLOYED_6_MONTHS] = {"employed_6_months", "EECR05",
	                           "Participants in employment, including self-employment, six months after leaving"},
	[ESF_6_MONTHS_NOT_DUE] = {"six_months_not_due", "", "Leavers whose six months have not yet passed"},
};

static const char *const col_keys[ESF_COL_COUNT] = {"total", "women", "men", "non_binary", "gender_unknown"};

const char *report_esf_key(enum report_esf_row i)
{
	return defs[i].key;
}

const char *report_esf_code(enum report_esf_row i)
{
	return defs[i].code;
}

const char *report_esf_label(enum report_esf_row i)
{
	return defs[i].label;
}

const char *report_esf_col_key(enum report_esf_col c)
{
	return col_keys[c];
}

/* "Upon leaving" is within four weeks of leaving (the ESF+ data guidance); "six months after" is 183 days. */
enum { UPON_LEAVING_DAYS = 28, SIX_MONTHS_DAYS = 183 };

static const char SQL_ENTRANTS[] =
	"SELECT c.id, c.first_name, c.last_name, c.birth_year, c.gender, c.intake_on, c.labour_status, c.target_groups, "
	"c.nationality, c.mother_tongue, c.permit_type, "
	"(SELECT MAX(e.isced_level) FROM educations e WHERE e.client_id = c.id AND e.archived_at IS NULL) "
	"FROM clients c WHERE c.intake_on >= {from} AND c.intake_on <= {to}{cf} ORDER BY c.intake_on, c.id";

static const char SQL_LEAVERS[] =
	"SELECT c.id, c.first_name, c.last_name, c.birth_year, c.gender, c.intake_on, c.left_on, c.status "
	"FROM clients c WHERE c.left_on >= {from} AND c.left_on <= {to}{cf} ORDER BY c.left_on, c.id";

static const char SQL_LEAVER_OUTCOMES[] =
	"SELECT o.client_id, o.type, o.starts_on, o.ends_on FROM outcomes o JOIN clients c ON c.id = o.client_id "
	"WHERE c.left_on >= {from} AND c.left_on <= {to}{cf}";

static const char SQL_LEAVER_EDUCATIONS[] =
	"SELECT e.client_id, e.recognition, e.recognition_decided_on, e.completed_year FROM educations e "
	"JOIN clients c ON c.id = e.client_id WHERE e.archived_at IS NULL AND c.left_on >= {from} AND c.left_on <= {to}{cf}";

/* The person a row belongs to: its index in *keys (added when new). */
static int person_of(struct strmap *keys, struct store_stmt *st, int64_t id, int64_t *out, struct err *e)
{
	const char *first = store_col_text(st, 1), *last = store_col_text(st, 2);
	int64_t born = store_col_type(st, 3) == STORE_NULL ? 0 : store_col_int(st, 3);
	char key[400];
	char *ff = first && *first ? fold_search(first) : NULL, *fl = last && *last ? fold_search(last) : NULL;
	if (ff && fl && born)
		snprintf(key, sizeof key, "p|%.180s|%.180s|%" PRId64, ff, fl, born);
	else
		snprintf(key, sizeof key, "c|%" PRId64, id);
	free(ff), free(fl);
	int64_t *have = strmap_get(keys, key);
	if (have) {
		*out = *have;
		return 0;
	}
	*out = (int64_t)keys->n;
	if (strmap_put(keys, key, *out))
		return err_oom(e);
	return 0;
}

/* The gender column of a client's gender code (not_told and none: gender not known). */
static enum report_esf_col gender_col(const char *g)
{
	static const char *const codes[ESF_COL_COUNT] = {[ESF_WOMEN] = "female", [ESF_MEN] = "male",
	                                                 [ESF_NON_BINARY] = "other"};
	for (int c = 0; g && c < ESF_COL_COUNT; c++)
		if (codes[c] && strcmp(g, codes[c]) == 0)
			return (enum report_esf_col)c;
	return ESF_GENDER_UNKNOWN;
}

static bool has_group(const char *groups, const char *g)
{
	size_t n = strlen(g);
	for (const char *p = groups; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && memcmp(p, g, n) == 0)
			return true;
		p = end ? end + 1 : p + len;
	}
	return false;
}

static bool nordic_tongue(const char *t)
{
	return t && (strcmp(t, "fi") == 0 || strcmp(t, "sv") == 0 || strcmp(t, "se") == 0);
}

/* One person's entry and leaving, as flags over the rows. */
struct person {
	enum report_esf_col gender;
	bool entered, left;
	bool went_elsewhere; /* left for something else than work or education: moved away, or another end */
	bool row[ESF_ROW_COUNT];
};

struct people {
	struct strmap keys;
	struct person *p;
	size_t cap;
};

static struct person *person_at(struct people *ps, int64_t i, struct err *e)
{
	size_t had = ps->cap;
	if (buf_grow_array(&ps->p, &ps->cap, (size_t)i + 1, sizeof *ps->p, 64, (size_t)1 << 26)) {
		err_oom(e);
		return NULL;
	}
	if (ps->cap > had)
		memset(ps->p + had, 0, (ps->cap - had) * sizeof *ps->p);
	return &ps->p[i];
}

static void entry_flags(struct person *p, struct store_stmt *st, bool first)
{
	const char *intake = store_col_text(st, 5), *labour = store_col_text(st, 6), *groups = store_col_text(st, 7);
	const char *nationality = store_col_text(st, 8), *tongue = store_col_text(st, 9), *permit = store_col_text(st, 10);
	bool *r = p->row;
	/* what is measured at entry is the first entry's; a group a person belongs to counts from any row */
	r[ESF_DISABILITIES] |= has_group(groups, "partial_work_ability");
	r[ESF_THIRD_COUNTRY] |= nationality && *nationality && !permit_free_movement(nationality) &&
	                        !(permit && strcmp(permit, "eu_citizen") == 0);
	r[ESF_FOREIGN_ORIGIN] |= (nationality && *nationality && strcmp(nationality, "FI") != 0) ||
	                         (tongue && *tongue && !nordic_tongue(tongue));
	if (!first)
		return;
	p->gender = gender_col(store_col_text(st, 4));
	int64_t born = store_col_type(st, 3) == STORE_NULL ? 0 : store_col_int(st, 3);
	long age = born && intake ? strtol(intake, NULL, 10) - (long)born : -1;
	r[age < 0 ? ESF_AGE_UNKNOWN
	  : age < 18 ? ESF_AGE_UNDER_18
	  : age <= 29 ? ESF_AGE_18_29
	  : age <= 54 ? ESF_AGE_30_54
	              : ESF_AGE_55_PLUS] = true;
	int64_t isced = store_col_type(st, 11) == STORE_NULL ? -1 : store_col_int(st, 11);
	r[isced < 0 ? ESF_EDUCATION_UNKNOWN : isced <= 2 ? ESF_ISCED_0_2 : isced <= 4 ? ESF_ISCED_3_4 : ESF_ISCED_5_8] =
		true;
	bool unemployed = labour && (strcmp(labour, "unemployed") == 0 || strcmp(labour, "long_term_unemployed") == 0);
	if (!labour)
		r[ESF_LABOUR_UNKNOWN] = true;
	else if (unemployed)
		r[ESF_UNEMPLOYED] = true;
	else if (strcmp(labour, "inactive") == 0)
		r[ESF_INACTIVE] = true;
	else
		r[ESF_EMPLOYED] = true; /* working or self_employed */
	r[ESF_LONG_TERM_UNEMPLOYED] = labour && strcmp(labour, "long_term_unemployed") == 0;
	/* the competence centre's target group, checked against the data: unemployed, a higher-education degree
	 * (ISCED 6-8), a mother tongue other than Finnish or Swedish */
	if (has_group(groups, "highly_educated_immigrant")) {
		r[ESF_TARGET_CHECKED] = true;
		if (!labour || isced < 0 || !tongue || !*tongue)
			r[ESF_TARGET_INCOMPLETE] = true;
		else if (unemployed && isced >= 6 && !nordic_tongue(tongue))
			r[ESF_TARGET_MET] = true;
		else
			r[ESF_TARGET_NOT_MET] = true;
	}
}

/* A leaver's row: the id, the person and the days of intake and leaving, for the outcome and education rows. */
struct leaver {
	int64_t id, person;
	long intake, left; /* days; intake -1 when unknown */
};

static int cmp_leaver(const void *a, const void *b)
{
	int64_t x = ((const struct leaver *)a)->id, y = ((const struct leaver *)b)->id;
	return (x > y) - (x < y);
}

static const struct leaver *leaver_of(const struct leaver *l, size_t n, int64_t id)
{
	struct leaver k = {.id = id};
	return n ? bsearch(&k, l, n, sizeof *l, cmp_leaver) : NULL;
}

static int entrants(struct store *s, const struct report_filter *f, struct people *ps, struct err *e)
{
	struct store_stmt *st;
	int rc = report_q_prepare(s, SQL_ENTRANTS, f, &st, e);
	if (rc)
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int64_t i;
		struct person *p;
		if ((rc = person_of(&ps->keys, st, store_col_int(st, 0), &i, e)) || !(p = person_at(ps, i, e))) {
			rc = rc ? rc : ERR_UNAVAILABLE;
			break;
		}
		entry_flags(p, st, !p->entered);
		p->entered = true;
	}
	store_reset(st);
	return rc < 0 ? -rc : rc;
}

static bool is_employment(const char *type)
{
	return strcmp(type, "employed") == 0 || strcmp(type, "entrepreneurship") == 0;
}

static bool is_education(const char *type)
{
	return strcmp(type, "education") == 0 || strcmp(type, "apprenticeship") == 0;
}

/* The leavers' rows of a statement (first column a client id), one call each; 0 or an ERR_* code. */
struct leavers {
	struct people *ps;
	const struct leaver *l;
	size_t n;
	long today;
};
typedef void leaver_row_fn(struct store_stmt *st, const struct leaver *lv, struct person *p, const struct leavers *x);

static int each_leaver_row(struct store *s, const struct report_filter *f, const char *sql, leaver_row_fn *fn,
                           const struct leavers *x, struct err *e)
{
	struct store_stmt *st;
	int rc = report_q_prepare(s, sql, f, &st, e);
	if (rc)
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		const struct leaver *lv = leaver_of(x->l, x->n, store_col_int(st, 0));
		if (lv)
			fn(st, lv, &x->ps->p[lv->person], x);
	}
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

/* An outcome: employment or education started during the service or within four weeks of leaving (and not ended
 * before leaving); in employment six months after leaving. */
static void outcome_row(struct store_stmt *st, const struct leaver *lv, struct person *p, const struct leavers *x)
{
	const char *type = store_col_text(st, 1);
	long start, end = 0;
	if (!type || !report_days(store_col_text(st, 2), &start) || (lv->intake >= 0 && start < lv->intake))
		return; /* undated, or before this service */
	bool ended = report_days(store_col_text(st, 3), &end);
	bool *r = p->row;
	if (start <= lv->left + UPON_LEAVING_DAYS && !(ended && end < lv->left)) {
		r[ESF_IN_EMPLOYMENT] |= is_employment(type);
		r[ESF_IN_EDUCATION] |= is_education(type);
		p->went_elsewhere |= strcmp(type, "moved") == 0 || strcmp(type, "other") == 0;
	}
	long six = lv->left + SIX_MONTHS_DAYS;
	if (is_employment(type) && six <= x->today && start <= six && !(ended && end < six))
		r[ESF_EMPLOYED_6_MONTHS] = true;
}

/* A qualification gained: a degree recognised (fully or partly) during the service or within four weeks of leaving,
 * or a degree completed after the year of intake and by the year of leaving. */
static void education_row(struct store_stmt *st, const struct leaver *lv, struct person *p, const struct leavers *x)
{
	(void)x;
	const char *rec = store_col_text(st, 1);
	long decided;
	bool recognised = rec && (strcmp(rec, "recognised") == 0 || strcmp(rec, "partially") == 0) &&
	                  report_days(store_col_text(st, 2), &decided) && (lv->intake < 0 || decided >= lv->intake) &&
	                  decided <= lv->left + UPON_LEAVING_DAYS;
	bool completed = false;
	if (store_col_type(st, 3) != STORE_NULL && lv->intake >= 0) {
		char a[11], b[11];
		report_date_of(lv->intake, a);
		report_date_of(lv->left, b);
		int64_t y = store_col_int(st, 3);
		completed = y > strtol(a, NULL, 10) && y <= strtol(b, NULL, 10);
	}
	if (recognised || completed)
		p->row[ESF_QUALIFICATION] = true;
}

static int leavers(struct store *s, const struct report_filter *f, struct people *ps, long today, struct err *e)
{
	struct store_stmt *st;
	int rc = report_q_prepare(s, SQL_LEAVERS, f, &st, e);
	if (rc)
		return rc;
	struct leaver *l = NULL;
	size_t nl = 0, cap = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		long left;
		if (!report_days(store_col_text(st, 6), &left))
			continue;
		if (buf_grow_array(&l, &cap, nl + 1, sizeof *l, 64, (size_t)1 << 26)) {
			rc = err_oom(e);
			break;
		}
		struct leaver *lv = &l[nl];
		struct person *p;
		if ((rc = person_of(&ps->keys, st, store_col_int(st, 0), &lv->person, e)) ||
		    !(p = person_at(ps, lv->person, e))) {
			rc = rc ? rc : ERR_UNAVAILABLE;
			break;
		}
		lv->id = store_col_int(st, 0);
		lv->left = left;
		if (!report_days(store_col_text(st, 5), &lv->intake))
			lv->intake = -1;
		if (!p->left && !p->entered)
			p->gender = gender_col(store_col_text(st, 4));
		p->left = true;
		if (left + SIX_MONTHS_DAYS > today)
			p->row[ESF_6_MONTHS_NOT_DUE] = true;
		const char *status = store_col_text(st, 7);
		if (status && strcmp(status, "education") == 0)
			p->row[ESF_IN_EDUCATION] = true;
		nl++;
	}
	store_reset(st);
	if (rc < 0)
		rc = -rc;
	if (rc) {
		free(l);
		return rc;
	}
	if (nl) /* qsort and bsearch take no NULL array, even of no elements */
		qsort(l, nl, sizeof *l, cmp_leaver);
	struct leavers x = {ps, l, nl, today};
	rc = each_leaver_row(s, f, SQL_LEAVER_OUTCOMES, outcome_row, &x, e);
	if (!rc)
		rc = each_leaver_row(s, f, SQL_LEAVER_EDUCATIONS, education_row, &x, e);
	free(l);
	return rc;
}

/* Whether the row counts a person's entry (the characteristics at entry) or leaving (the results). */
static bool row_of_leaving(enum report_esf_row i)
{
	return i >= ESF_LEAVERS;
}

int report_esf(struct store *s, const struct report_filter *f, struct report_esf *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->filter = *f;
	char today_s[11];
	validate_today(today_s);
	long today;
	if (!report_days(today_s, &today))
		return err_set(e, ERR_INTERNAL, "", "no date today");
	struct people ps = {0};
	int rc = entrants(s, f, &ps, e);
	if (!rc)
		rc = leavers(s, f, &ps, today, e);
	for (size_t k = 0; !rc && k < ps.keys.n; k++) {
		struct person *p = &ps.p[k];
		if (p->entered)
			p->row[ESF_PARTICIPANTS] = true;
		if (p->left) {
			p->row[ESF_LEAVERS] = true;
			bool *r = p->row;
			/* job searching: left with no job and no education or training to go to, and not for elsewhere (a
			 * move away, parental leave: none of the results) */
			r[ESF_JOB_SEARCHING] = !r[ESF_IN_EMPLOYMENT] && !r[ESF_IN_EDUCATION] && !p->went_elsewhere;
			r[ESF_NO_RESULT] = !r[ESF_IN_EMPLOYMENT] && !r[ESF_IN_EDUCATION] && !r[ESF_QUALIFICATION] &&
			                   !r[ESF_JOB_SEARCHING];
		}
		for (int i = 0; i < ESF_ROW_COUNT; i++) {
			bool counted = row_of_leaving((enum report_esf_row)i) ? p->left : p->entered;
			if (counted && p->row[i]) {
				out->n[i][ESF_TOTAL]++;
				out->n[i][p->gender]++;
			}
		}
	}
	strmap_free(&ps.keys);
	free(ps.p);
	return rc;
}

void report_esf_suppress(struct report_esf *r, int k, bool all)
{
	if (k <= 0)
		return;
	r->min_cell = k;
	all |= report_filter_sensitive(&r->filter);
	for (int i = 0; i < ESF_ROW_COUNT; i++)
		for (int c = 0; c < ESF_COL_COUNT; c++)
			if (all || i == ESF_DISABILITIES)
				r->hidden[i][c] = report_suppressed(r->n[i][c], k);
}

void report_esf_text(const struct report_esf *r, enum report_esf_row i, enum report_esf_col c, char out[32])
{
	if (r->hidden[i][c])
		snprintf(out, 32, "<%d", r->min_cell);
	else
		snprintf(out, 32, "%" PRId64, r->n[i][c]);
}

json_t *report_esf_json(const struct report_esf *r)
{
	json_t *rows = json_array();
	for (int i = 0; i < ESF_ROW_COUNT; i++) {
		json_t *row = json_pack("{s:s}", "key", defs[i].key);
		json_object_set_new(row, "code", defs[i].code[0] ? json_string(defs[i].code) : json_null());
		for (int c = 0; c < ESF_COL_COUNT; c++) {
			char t[32];
			report_esf_text(r, (enum report_esf_row)i, (enum report_esf_col)c, t);
			json_object_set_new(row, col_keys[c], r->hidden[i][c] ? json_string(t) : json_integer(r->n[i][c]));
		}
		json_array_append_new(rows, row);
	}
	json_t *j = json_pack("{s:o,s:o}", "filter", report_filter_json(&r->filter), "rows", rows);
	if (r->min_cell)
		json_object_set_new(j, "min_cell", json_integer(r->min_cell));
	return j;
}
