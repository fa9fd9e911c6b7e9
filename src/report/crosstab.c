/* crosstab: counts of a measure (outcomes, new clients) over two dimensions, aggregated in C from one query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/internal.h"

static const char *const dim_names[RD_COUNT] = {"programme", "target_group", "municipality", "organisation",
                                                "month", "outcome_type", "own_field", "contract_type",
                                                "referral_source"};
static const char *const measure_names[RM_COUNT] = {"outcomes", "new_clients"};

/* The index of s in names[0..n-1], or -1 (also for NULL). */
static int name_index(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int report_dim_parse(const char *s, enum report_dim *out)
{
	int i = name_index(dim_names, RD_COUNT, s);
	return i < 0 ? ERR_INVALID : (*out = (enum report_dim)i, 0);
}

const char *report_dim_name(enum report_dim d)
{
	return (unsigned)d < RD_COUNT ? dim_names[d] : "";
}

int report_measure_parse(const char *s, enum report_measure *out)
{
	int i = name_index(measure_names, RM_COUNT, s);
	return i < 0 ? ERR_INVALID : (*out = (enum report_measure)i, 0);
}

const char *report_measure_name(enum report_measure m)
{
	return (unsigned)m < RM_COUNT ? measure_names[m] : "";
}

/* Columns: 0 programme id, 1 programme name, 2 target_groups, 3 municipality, 4 organisation id, 5 organisation
 * name, 6 date, 7 outcome type, 8 final own field, 9 contract type, 10 who referred the client. */
static const char SQL_OUTCOMES[] =
	"SELECT c.programme_id, pr.name, c.target_groups, c.municipality, c.organisation_id, og.name, o.starts_on, "
	"o.type, COALESCE(o.override_matches, o.matches_competence), o.contract_type, c.referral_source "
	"FROM outcomes o JOIN clients c ON c.id = o.client_id LEFT JOIN programmes pr ON pr.id = c.programme_id "
	"LEFT JOIN organisations og ON og.id = c.organisation_id "
	"WHERE o.starts_on >= {from} AND o.starts_on <= {to}{cf}";
static const char SQL_NEW[] =
	"SELECT c.programme_id, pr.name, c.target_groups, c.municipality, c.organisation_id, og.name, c.intake_on, "
	"NULL, NULL, NULL, c.referral_source FROM clients c LEFT JOIN programmes pr ON pr.id = c.programme_id "
	"LEFT JOIN organisations og ON og.id = c.organisation_id "
	"WHERE c.intake_on >= {from} AND c.intake_on <= {to}{cf}";

enum { MAX_LABELS = 2000, MAX_VALUES = 16 };

struct axis {
	char **labels;
	size_t n, cap;
	size_t last; /* last hit: consecutive rows often share a label */
};

static long axis_find(struct axis *a, const char *label, bool add)
{
	if (a->n && a->last < a->n && strcmp(a->labels[a->last], label) == 0)
		return (long)a->last;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->labels[i], label) == 0)
			return (long)(a->last = i);
	if (!add || a->n >= MAX_LABELS)
		return -1;
	if (buf_grow_array(&a->labels, &a->cap, a->n + 1, sizeof *a->labels, 16, SIZE_MAX))
		return -2;
	char *s = strdup(label);
	if (!s)
		return -2;
	a->labels[a->n] = s;
	return (long)(a->last = a->n++);
}

/* The dimension's values of the current row (several for target groups) into v[]; returns how many. */
static size_t values_of(struct store_stmt *st, enum report_dim d, char v[MAX_VALUES][112])
{
	const char *t;
	switch (d) {
	case RD_PROGRAMME:
		t = store_col_text(st, 1);
		if (store_col_type(st, 0) == STORE_NULL)
			snprintf(v[0], 112, "(no programme)");
		else
			snprintf(v[0], 112, "%.90s #%lld", t ? t : "", (long long)store_col_int(st, 0));
		return 1;
	case RD_TARGET_GROUP: {
		t = store_col_text(st, 2);
		size_t n = 0;
		while (t && *t && n < MAX_VALUES) {
			const char *comma = strchr(t, ',');
			size_t len = comma ? (size_t)(comma - t) : strlen(t);
			if (len)
				snprintf(v[n++], 112, "%.*s", (int)(len < 100 ? len : 100), t);
			t = comma ? comma + 1 : t + len;
		}
		if (!n)
			snprintf(v[n++], 112, "(none)");
		return n;
	}
	case RD_MUNICIPALITY:
		t = store_col_text(st, 3);
		snprintf(v[0], 112, "%.100s", t && *t ? t : "(none)");
		return 1;
	case RD_ORGANISATION:
		t = store_col_text(st, 5);
		snprintf(v[0], 112, "%.90s #%lld", t ? t : "", (long long)store_col_int(st, 4));
		return 1;
	case RD_MONTH:
		t = store_col_text(st, 6);
		snprintf(v[0], 112, "%.7s", t ? t : "");
		return 1;
	case RD_OUTCOME_TYPE:
		t = store_col_text(st, 7);
		snprintf(v[0], 112, "%.100s", t ? t : "");
		return 1;
	case RD_OWN_FIELD:
		t = store_col_text(st, 7);
		if (!t || strcmp(t, "employed") != 0)
			snprintf(v[0], 112, "n/a");
		else if (store_col_type(st, 8) == STORE_NULL)
			snprintf(v[0], 112, "unknown");
		else
			snprintf(v[0], 112, "%s", store_col_int(st, 8) == 1 ? "yes" : "no");
		return 1;
	case RD_CONTRACT_TYPE:
	case RD_REFERRAL_SOURCE:
		t = store_col_text(st, d == RD_CONTRACT_TYPE ? 9 : 10);
		snprintf(v[0], 112, "%.100s", t && *t ? t : "(none)");
		return 1;
	case RD_COUNT: break;
	}
	return 0;
}

void report_crosstab_release(struct report_crosstab *x)
{
	free(x->cells);
	free(x->row_total);
	free(x->col_total);
	free(x->hidden);
	free(x->row_hidden);
	free(x->col_hidden);
}

void report_crosstab_free(struct report_crosstab *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nrows; i++)
		free(x->row_labels[i]);
	for (size_t i = 0; i < x->ncols; i++)
		free(x->col_labels[i]);
	free(x->row_labels);
	free(x->col_labels);
	report_crosstab_release(x);
	free(x);
}

int64_t report_crosstab_cell(const struct report_crosstab *x, size_t row, size_t col)
{
	return row < x->nrows && col < x->ncols ? x->cells[row * x->ncols + col] : 0;
}

/* A fact as (row index, col index) pairs, kept until the axes are final. */
struct fact {
	uint32_t r, c;
	uint32_t id; /* fact number: totals count a fact once even when it falls in several cells */
};

static int cmp_label(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts an axis and returns old index -> new index (caller frees). */
static size_t *sort_axis(struct axis *a)
{
	char **old = malloc((a->n ? a->n : 1) * sizeof *old);
	size_t *map = malloc((a->n ? a->n : 1) * sizeof *map);
	if (!old || !map) {
		free(old);
		free(map);
		return NULL;
	}
	if (a->n) { /* an empty axis has labels == NULL: memcpy and qsort forbid NULL even for 0 items */
		memcpy(old, a->labels, a->n * sizeof *old);
		qsort(a->labels, a->n, sizeof *a->labels, cmp_label);
	}
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < a->n; k++)
			if (old[i] == a->labels[k]) {
				map[i] = k;
				break;
			}
	free(old);
	return map;
}

int report_crosstab(struct store *s, const struct report_filter *f, enum report_dim rows, enum report_dim cols,
                    enum report_measure m, struct report_crosstab **out, struct err *e)
{
	*out = NULL;
	int rc = report_filter_check(f, e);
	if (rc)
		return rc;
	if ((unsigned)rows >= RD_COUNT)
		return err_set(e, ERR_INVALID, "rows", "rows must be a dimension");
	if ((unsigned)cols >= RD_COUNT)
		return err_set(e, ERR_INVALID, "cols", "cols must be a dimension");
	if (m == RM_NEW_CLIENTS) {
		if (rows == RD_OUTCOME_TYPE || rows == RD_OWN_FIELD || rows == RD_CONTRACT_TYPE)
			return err_set(e, ERR_INVALID, "rows", "%s does not apply to new clients", dim_names[rows]);
		if (cols == RD_OUTCOME_TYPE || cols == RD_OWN_FIELD || cols == RD_CONTRACT_TYPE)
			return err_set(e, ERR_INVALID, "cols", "%s does not apply to new clients", dim_names[cols]);
	}
	struct axis ax[2] = {{0}};
	/* every month of the period appears, also the empty ones (charts over time need them) */
	for (int k = 0; k < 2; k++) {
		if ((k ? cols : rows) != RD_MONTH)
			continue;
		int y = (int)strtol(f->from, NULL, 10), mo = (int)strtol(f->from + 5, NULL, 10);
		int ty = (int)strtol(f->to, NULL, 10), tm = (int)strtol(f->to + 5, NULL, 10);
		while (y < ty || (y == ty && mo <= tm)) {
			char label[16];
			snprintf(label, sizeof label, "%04d-%02d", y % 10000, mo % 100);
			if (axis_find(&ax[k], label, true) < 0) {
				rc = err_oom(e);
				goto fail_axes;
			}
			if (++mo > 12) {
				mo = 1;
				y++;
			}
		}
	}
	struct fact *facts = NULL;
	size_t nf = 0, capf = 0;
	uint32_t nfact = 0;
	struct store_stmt *st;
	rc = report_q_prepare(s, m == RM_OUTCOMES ? SQL_OUTCOMES : SQL_NEW, f, &st, e);
	if (rc)
		return rc;
	char rv[MAX_VALUES][112], cv[MAX_VALUES][112];
	while ((rc = store_step(st, e)) == STORE_ROW) {
		size_t nr = values_of(st, rows, rv), nc = values_of(st, cols, cv);
		for (size_t i = 0; i < nr; i++) {
			long ri = axis_find(&ax[0], rv[i], true);
			for (size_t k = 0; k < nc && ri >= 0; k++) {
				long ci = axis_find(&ax[1], cv[k], true);
				if (ci < 0) {
					ri = ci;
					break;
				}
				if (buf_grow_array(&facts, &capf, nf + 1, sizeof *facts, 1024, 1u << 26)) {
					ri = -2;
					break;
				}
				facts[nf++] = (struct fact){(uint32_t)ri, (uint32_t)ci, nfact};
			}
			if (ri < 0) {
				rc = err_set(e, ri == -1 ? ERR_TOO_BIG : ERR_UNAVAILABLE, "",
				             ri == -1 ? "too many distinct values for a cross-tabulation (at most 2000)"
				                      : "out of memory in a cross-tabulation");
				store_reset(st);
				goto fail;
			}
		}
		nfact++;
	}
	if (rc < 0) {
		rc = -rc;
		goto fail;
	}
	rc = 0;
	struct report_crosstab *x = calloc(1, sizeof *x);
	if (!x) {
		rc = err_oom(e);
		goto fail;
	}
	x->rows = rows;
	x->cols = cols;
	x->measure = m;
	size_t *rmap = sort_axis(&ax[0]), *cmap = sort_axis(&ax[1]);
	x->nrows = ax[0].n;
	x->ncols = ax[1].n;
	x->row_labels = ax[0].labels;
	x->col_labels = ax[1].labels;
	ax[0].labels = ax[1].labels = NULL;
	x->cells = calloc(x->nrows * x->ncols + 1, sizeof *x->cells);
	x->row_total = calloc(x->nrows + 1, sizeof *x->row_total);
	x->col_total = calloc(x->ncols + 1, sizeof *x->col_total);
	/* last fact counted per row / column, so that a fact in several cells of one row counts once in its total */
	uint32_t *rlast = malloc((x->nrows + 1) * sizeof *rlast), *clast = malloc((x->ncols + 1) * sizeof *clast);
	if (!rmap || !cmap || !x->cells || !x->row_total || !x->col_total || !rlast || !clast) {
		free(rmap);
		free(cmap);
		free(rlast);
		free(clast);
		report_crosstab_free(x);
		rc = err_oom(e);
		goto fail;
	}
	memset(rlast, 0xff, (x->nrows + 1) * sizeof *rlast);
	memset(clast, 0xff, (x->ncols + 1) * sizeof *clast);
	for (size_t i = 0; i < nf; i++) {
		size_t r = rmap[facts[i].r], c = cmap[facts[i].c];
		x->cells[r * x->ncols + c]++;
		if (rlast[r] != facts[i].id) {
			rlast[r] = facts[i].id;
			x->row_total[r]++;
		}
		if (clast[c] != facts[i].id) {
			clast[c] = facts[i].id;
			x->col_total[c]++;
		}
	}
	x->total = nfact;
	free(rmap);
	free(cmap);
	free(rlast);
	free(clast);
	free(facts);
	*out = x;
	return 0;
fail:
	free(facts);
fail_axes:
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; i < ax[k].n; i++)
			free(ax[k].labels[i]);
		free(ax[k].labels);
	}
	return rc;
}
