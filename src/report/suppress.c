/* suppress: small-count suppression for figures that leave the service (docs/outcomes.md, "Small counts"). One rule,
 * one code path: report_suppressed() decides, the writers print what report_indicator_text() and
 * report_crosstab_text() give. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "report/internal.h"

int report_min_cell(void)
{
	static int k; /* read once: the setting of a running server does not change under a request */
	if (!k) {
		const char *v = getenv("OSAAJA_REPORT_MIN_CELL");
		char *end = NULL;
		long x = v && *v ? strtol(v, &end, 10) : REPORT_MIN_CELL_DEFAULT;
		if (v && *v && (*end || x < 2 || x > 1000)) {
			log_error("event=report_config message=\"OSAAJA_REPORT_MIN_CELL must be 2..1000; using %d\"",
			          REPORT_MIN_CELL_DEFAULT);
			x = REPORT_MIN_CELL_DEFAULT;
		}
		k = (int)x;
	}
	return k;
}

bool report_suppressed(int64_t count, int k)
{
	return k > 0 && count > 0 && count < k;
}

void report_indicators_suppress(struct report_indicators *r, int k)
{
	if (k <= 0)
		return;
	r->min_cell = k;
	for (int i = 0; i < RI_COUNT; i++)
		if (report_indicator_unit((enum report_indicator)i) == REPORT_COUNT && !r->null[i])
			r->hidden[i] = report_suppressed((int64_t)r->v[i], k);
	/* a derived figure is hidden when a count it is computed from is */
	for (size_t i = 0; i < report_nrates; i++)
		if (!r->null[report_rates[i].out] && (r->hidden[report_rates[i].num] || r->hidden[report_rates[i].den]))
			r->hidden[report_rates[i].out] = true;
	/* a median over fewer than k clients is close to one client's own value */
	if (!r->null[RI_MEDIAN_DAYS_TO_EMPLOYMENT] && report_suppressed(r->median_n, k))
		r->hidden[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = true;
}

/* One line of the table (a row or a column of cells, or the row or column totals): n values at stride, their
 * hidden flags and whether the line's own total is hidden. A shown total with exactly one hidden value in its line
 * gives that value away: hide the smallest other non-zero value too. */
static bool secondary(const int64_t *v, bool *hid, size_t first, size_t stride, size_t n, bool total_hidden)
{
	if (total_hidden)
		return false;
	size_t nhid = 0, best = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t at = first + i * stride;
		if (hid[at])
			nhid++;
		else if (v[at] > 0 && (best == SIZE_MAX || v[at] < v[best]))
			best = at;
	}
	if (nhid != 1 || best == SIZE_MAX)
		return false;
	hid[best] = true;
	return true;
}

int report_crosstab_suppress(struct report_crosstab *x, int k, struct err *e)
{
	if (k <= 0)
		return 0;
	size_t n = x->nrows * x->ncols;
	x->hidden = calloc(n + 1, sizeof *x->hidden);
	x->row_hidden = calloc(x->nrows + 1, sizeof *x->row_hidden);
	x->col_hidden = calloc(x->ncols + 1, sizeof *x->col_hidden);
	if (!x->hidden || !x->row_hidden || !x->col_hidden)
		return err_oom(e);
	x->min_cell = k;
	for (size_t i = 0; i < n; i++)
		x->hidden[i] = report_suppressed(x->cells[i], k);
	for (size_t i = 0; i < x->nrows; i++)
		x->row_hidden[i] = report_suppressed(x->row_total[i], k);
	for (size_t c = 0; c < x->ncols; c++)
		x->col_hidden[c] = report_suppressed(x->col_total[c], k);
	x->total_hidden = report_suppressed(x->total, k);
	/* each pass that changes something hides one more value, so the loop ends */
	for (size_t pass = 0; pass <= n + x->nrows + x->ncols; pass++) {
		bool changed = false;
		for (size_t i = 0; i < x->nrows; i++)
			changed |= secondary(x->cells, x->hidden, i * x->ncols, 1, x->ncols, x->row_hidden[i]);
		for (size_t c = 0; c < x->ncols; c++)
			changed |= secondary(x->cells, x->hidden, c, x->ncols, x->nrows, x->col_hidden[c]);
		changed |= secondary(x->row_total, x->row_hidden, 0, 1, x->nrows, x->total_hidden);
		changed |= secondary(x->col_total, x->col_hidden, 0, 1, x->ncols, x->total_hidden);
		if (!changed)
			break;
	}
	return 0;
}

void report_crosstab_text(const struct report_crosstab *x, size_t row, size_t col, char out[32])
{
	int64_t v;
	bool hid;
	if (row == SIZE_MAX && col == SIZE_MAX) {
		v = x->total;
		hid = x->total_hidden;
	} else if (col == SIZE_MAX) {
		v = row < x->nrows ? x->row_total[row] : 0;
		hid = x->row_hidden && row < x->nrows && x->row_hidden[row];
	} else if (row == SIZE_MAX) {
		v = col < x->ncols ? x->col_total[col] : 0;
		hid = x->col_hidden && col < x->ncols && x->col_hidden[col];
	} else {
		v = report_crosstab_cell(x, row, col);
		hid = x->hidden && row < x->nrows && col < x->ncols && x->hidden[row * x->ncols + col];
	}
	if (hid)
		snprintf(out, 32, "<%d", x->min_cell);
	else
		snprintf(out, 32, "%" PRId64, v);
}

bool report_filter_sensitive(const struct report_filter *f)
{
	/* a whole programme's figures reach every implementing organisation: none of them may single out a person of
	 * another's */
	return f->combined || strcmp(f->target_group, "partial_work_ability") == 0;
}

bool report_crosstab_sensitive(const struct report_crosstab *x, const struct report_filter *f)
{
	if (report_filter_sensitive(f))
		return true;
	for (size_t i = 0; x->rows == RD_TARGET_GROUP && i < x->nrows; i++)
		if (strcmp(x->row_labels[i], "partial_work_ability") == 0)
			return true;
	for (size_t k = 0; x->cols == RD_TARGET_GROUP && k < x->ncols; k++)
		if (strcmp(x->col_labels[k], "partial_work_ability") == 0)
			return true;
	return false;
}
