/* export: the indicators as JSON, CSV, text and XLSX, cross-tabulations as JSON and CSV, and the pseudonymised
 * client-level table for evaluators. Every writer prints indicator values through report_indicator_text(). */
#include <inttypes.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report/internal.h"

static void csv_cell(struct buf *b, const char *s, bool last, bool number)
{
	s = s ? s : "";
	/* a leading = + - @ tab or CR would start a formula in a spreadsheet: quote it and prefix an apostrophe
	 * (OWASP, CSV injection). No exception for "-1+...": only a number osaaja itself wrote (csv_number) is
	 * written as it is. */
	bool formula = !number && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	                           s[0] == '\r');
	if (formula || strpbrk(s, ",\"\r\n")) {
		buf_puts(b, "\"");
		if (formula)
			buf_puts(b, "'");
		for (const char *c = s; *c; c++)
			buf_append(b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
	buf_puts(b, last ? "\r\n" : ",");
}

void report_csv_field(struct buf *b, const char *s, bool last)
{
	csv_cell(b, s, last, false);
}

/* A numeric cell osaaja formatted itself (snprintf of a number, or a suppressed "<k"): written as it is, so a
 * negative number stays a number. Never for text that came from a user or the database. */
static void csv_number(struct buf *b, const char *s, bool last)
{
	csv_cell(b, s, last, true);
}

json_t *report_filter_json(const struct report_filter *f)
{
	json_t *j = json_pack("{s:s,s:s}", "from", f->from, "to", f->to);
	json_object_set_new(j, "organisation_id", f->org_id ? json_integer(f->org_id) : json_null());
	json_object_set_new(j, "programme_id", f->programme_id ? json_integer(f->programme_id) : json_null());
	json_object_set_new(j, "target_group", f->target_group[0] ? json_string(f->target_group) : json_null());
	json_object_set_new(j, "municipality", f->municipality[0] ? json_string(f->municipality) : json_null());
	return j;
}

json_t *report_indicators_json(const struct report_indicators *r)
{
	json_t *ind = json_object();
	for (int i = 0; i < RI_COUNT; i++) {
		json_t *v;
		char t[32];
		if (r->null[i])
			v = json_null();
		else if (r->hidden[i])
			v = (report_indicator_text(r, (enum report_indicator)i, t), json_string(t));
		else if (report_indicator_unit((enum report_indicator)i) == REPORT_COUNT)
			v = json_integer((json_int_t)r->v[i]);
		else
			v = json_real(r->v[i]);
		json_object_set_new(ind, report_indicator_key((enum report_indicator)i), v);
	}
	json_t *j = json_pack("{s:o,s:o}", "filter", report_filter_json(&r->filter), "indicators", ind);
	if (r->min_cell)
		json_object_set_new(j, "min_cell", json_integer(r->min_cell));
	return j;
}

/* A count of a cross-tabulation as JSON: the number, or "<k" when hidden. */
static json_t *xcount(const struct report_crosstab *x, size_t row, size_t col)
{
	char t[32];
	report_crosstab_text(x, row, col, t);
	if (t[0] == '<')
		return json_string(t);
	return json_integer((json_int_t)strtoll(t, NULL, 10));
}

json_t *report_crosstab_json(const struct report_crosstab *x)
{
	json_t *rows = json_array(), *cols = json_array(), *cells = json_array(), *rt = json_array(), *ct = json_array();
	for (size_t i = 0; i < x->nrows; i++) {
		json_array_append_new(rows, json_string(x->row_labels[i]));
		json_array_append_new(rt, xcount(x, i, SIZE_MAX));
		json_t *line = json_array();
		for (size_t k = 0; k < x->ncols; k++)
			json_array_append_new(line, xcount(x, i, k));
		json_array_append_new(cells, line);
	}
	for (size_t k = 0; k < x->ncols; k++) {
		json_array_append_new(cols, json_string(x->col_labels[k]));
		json_array_append_new(ct, xcount(x, SIZE_MAX, k));
	}
	json_t *j = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o}", "rows", report_dim_name(x->rows), "cols",
	                      report_dim_name(x->cols), "measure", report_measure_name(x->measure), "row_labels", rows,
	                      "col_labels", cols, "cells", cells, "row_totals", rt, "col_totals", ct, "total",
	                      xcount(x, SIZE_MAX, SIZE_MAX));
	if (x->min_cell)
		json_object_set_new(j, "min_cell", json_integer(x->min_cell));
	return j;
}

static void filter_csv(const struct report_filter *f, struct buf *b)
{
	char num[32];
	report_csv_field(b, "filter", false), report_csv_field(b, "from", false), report_csv_field(b, f->from, true);
	report_csv_field(b, "filter", false), report_csv_field(b, "to", false), report_csv_field(b, f->to, true);
	snprintf(num, sizeof num, "%" PRId64, f->org_id);
	report_csv_field(b, "filter", false), report_csv_field(b, "organisation_id", false);
	csv_number(b, f->org_id ? num : "", true);
	snprintf(num, sizeof num, "%" PRId64, f->programme_id);
	report_csv_field(b, "filter", false), report_csv_field(b, "programme_id", false);
	csv_number(b, f->programme_id ? num : "", true);
	report_csv_field(b, "filter", false), report_csv_field(b, "target_group", false);
	report_csv_field(b, f->target_group, true);
	report_csv_field(b, "filter", false), report_csv_field(b, "municipality", false);
	report_csv_field(b, f->municipality, true);
}

/* The suppression threshold as a filter-like row, so a reader of the file knows what "<5" means. */
static void min_cell_csv(int k, struct buf *b)
{
	char num[32];
	if (!k)
		return;
	snprintf(num, sizeof num, "%d", k);
	report_csv_field(b, "suppression", false), report_csv_field(b, "min_cell", false);
	csv_number(b, num, true);
}

void report_indicators_csv(const struct report_indicators *r, struct buf *b)
{
	buf_puts(b, "indicator,label,value\r\n");
	filter_csv(&r->filter, b);
	min_cell_csv(r->min_cell, b);
	for (int i = 0; i < RI_COUNT; i++) {
		char v[32];
		report_indicator_text(r, (enum report_indicator)i, v);
		report_csv_field(b, report_indicator_key((enum report_indicator)i), false);
		report_csv_field(b, report_indicator_label((enum report_indicator)i), false);
		csv_number(b, v, true);
	}
}

void report_crosstab_csv(const struct report_crosstab *x, struct buf *b)
{
	char h[64], num[32];
	snprintf(h, sizeof h, "%s \\ %s", report_dim_name(x->rows), report_dim_name(x->cols));
	report_csv_field(b, h, false);
	for (size_t k = 0; k < x->ncols; k++)
		report_csv_field(b, x->col_labels[k], false);
	report_csv_field(b, "total", true);
	for (size_t i = 0; i < x->nrows; i++) {
		report_csv_field(b, x->row_labels[i], false);
		for (size_t k = 0; k < x->ncols; k++) {
			report_crosstab_text(x, i, k, num);
			csv_number(b, num, false);
		}
		report_crosstab_text(x, i, SIZE_MAX, num);
		csv_number(b, num, true);
	}
	report_csv_field(b, "total", false);
	for (size_t k = 0; k < x->ncols; k++) {
		report_crosstab_text(x, SIZE_MAX, k, num);
		csv_number(b, num, false);
	}
	report_crosstab_text(x, SIZE_MAX, SIZE_MAX, num);
	csv_number(b, num, true);
	min_cell_csv(x->min_cell, b);
}

void report_indicators_text(const struct report_indicators *r, struct buf *b)
{
	const struct report_filter *f = &r->filter;
	buf_printf(b, "Period %s .. %s", f->from, f->to);
	if (f->org_id)
		buf_printf(b, ", organisation %" PRId64, f->org_id);
	if (f->programme_id)
		buf_printf(b, ", programme %" PRId64, f->programme_id);
	if (f->target_group[0])
		buf_printf(b, ", target group %s", f->target_group);
	if (f->municipality[0])
		buf_printf(b, ", municipality %s", f->municipality);
	buf_puts(b, "\n");
	for (int i = 0; i < RI_COUNT; i++) {
		char v[32];
		report_indicator_text(r, (enum report_indicator)i, v);
		buf_printf(b, "  %-48s %10s   %s\n", report_indicator_label((enum report_indicator)i), v[0] ? v : "-",
		           report_indicator_key((enum report_indicator)i));
	}
}

/* ---- XLSX --------------------------------------------------------------------------------------------------------- */

/* A count in a cell: a number, or the text "<k" when hidden. */
static void xlsx_count(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct report_crosstab *x, size_t r,
                       size_t c)
{
	char t[32];
	report_crosstab_text(x, r, c, t);
	if (t[0] == '<')
		worksheet_write_string(ws, row, col, t, NULL);
	else
		worksheet_write_number(ws, row, col, strtod(t, NULL), NULL);
}

static void xlsx_crosstab(lxw_workbook *wb, const char *name, const struct report_crosstab *x)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	char h[64];
	snprintf(h, sizeof h, "%s \\ %s", report_dim_name(x->rows), report_dim_name(x->cols));
	worksheet_write_string(ws, 0, 0, h, NULL);
	for (size_t k = 0; k < x->ncols && k < 16000; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)(k + 1), x->col_labels[k], NULL);
	worksheet_write_string(ws, 0, (lxw_col_t)(x->ncols + 1), "total", NULL);
	for (size_t i = 0; i < x->nrows && i < 1000000; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, x->row_labels[i], NULL);
		for (size_t k = 0; k < x->ncols && k < 16000; k++)
			xlsx_count(ws, (lxw_row_t)(i + 1), (lxw_col_t)(k + 1), x, i, k);
		xlsx_count(ws, (lxw_row_t)(i + 1), (lxw_col_t)(x->ncols + 1), x, i, SIZE_MAX);
	}
	lxw_row_t last = (lxw_row_t)(x->nrows + 1);
	worksheet_write_string(ws, last, 0, "total", NULL);
	for (size_t k = 0; k < x->ncols && k < 16000; k++)
		xlsx_count(ws, last, (lxw_col_t)(k + 1), x, SIZE_MAX, k);
	xlsx_count(ws, last, (lxw_col_t)(x->ncols + 1), x, SIZE_MAX, SIZE_MAX);
	if (x->min_cell) {
		worksheet_write_string(ws, last + 2, 0, "min_cell", NULL);
		worksheet_write_number(ws, last + 2, 1, x->min_cell, NULL);
	}
}

int report_export_xlsx(struct store *s, const struct report_indicators *r, struct buf *b, struct err *e)
{
	struct report_crosstab *month = NULL, *tg = NULL;
	int rc = report_crosstab(s, &r->filter, RD_MONTH, RD_OUTCOME_TYPE, RM_OUTCOMES, &month, e);
	if (!rc)
		rc = report_crosstab(s, &r->filter, RD_TARGET_GROUP, RD_OUTCOME_TYPE, RM_OUTCOMES, &tg, e);
	/* the workbook's tables are suppressed like its indicators */
	if (!rc)
		rc = report_crosstab_suppress(month, r->min_cell, e);
	if (!rc)
		rc = report_crosstab_suppress(tg, r->min_cell, e);
	if (rc) {
		report_crosstab_free(month);
		report_crosstab_free(tg);
		return rc;
	}
	/* libxlsxwriter 1.1.4 writes only to a file: a private temporary file, read back and removed */
	char path[] = "/tmp/osaaja-report-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		report_crosstab_free(month);
		report_crosstab_free(tg);
		return err_set(e, ERR_UNAVAILABLE, "", "cannot create a temporary file for the workbook");
	}
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		unlink(path);
		report_crosstab_free(month);
		report_crosstab_free(tg);
		return err_set(e, ERR_UNAVAILABLE, "", "cannot create the workbook");
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Indicators");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	const struct report_filter *f = &r->filter;
	worksheet_write_string(ws, 0, 0, "indicator", bold);
	worksheet_write_string(ws, 0, 1, "label", bold);
	worksheet_write_string(ws, 0, 2, "value", bold);
	worksheet_write_string(ws, 1, 0, "from", NULL);
	worksheet_write_string(ws, 1, 2, f->from, NULL);
	worksheet_write_string(ws, 2, 0, "to", NULL);
	worksheet_write_string(ws, 2, 2, f->to, NULL);
	worksheet_write_string(ws, 3, 0, "organisation_id", NULL);
	if (f->org_id)
		worksheet_write_number(ws, 3, 2, (double)f->org_id, NULL);
	worksheet_write_string(ws, 4, 0, "programme_id", NULL);
	if (f->programme_id)
		worksheet_write_number(ws, 4, 2, (double)f->programme_id, NULL);
	worksheet_write_string(ws, 5, 0, "target_group", NULL);
	worksheet_write_string(ws, 5, 2, f->target_group, NULL);
	worksheet_write_string(ws, 6, 0, "municipality", NULL);
	worksheet_write_string(ws, 6, 2, f->municipality, NULL);
	for (int i = 0; i < RI_COUNT; i++) {
		lxw_row_t row = (lxw_row_t)(8 + i);
		char v[32];
		report_indicator_text(r, (enum report_indicator)i, v);
		worksheet_write_string(ws, row, 0, report_indicator_key((enum report_indicator)i), NULL);
		worksheet_write_string(ws, row, 1, report_indicator_label((enum report_indicator)i), NULL);
		if (v[0] == '<')
			worksheet_write_string(ws, row, 2, v, NULL);
		else if (v[0])
			worksheet_write_number(ws, row, 2, strtod(v, NULL), NULL);
	}
	if (r->min_cell) {
		worksheet_write_string(ws, 8 + RI_COUNT + 1, 0, "min_cell", NULL);
		worksheet_write_number(ws, 8 + RI_COUNT + 1, 2, r->min_cell, NULL);
	}
	worksheet_set_column(ws, 0, 0, 32, NULL);
	worksheet_set_column(ws, 1, 1, 48, NULL);
	xlsx_crosstab(wb, "Outcomes by month", month);
	xlsx_crosstab(wb, "By target group", tg);
	report_crosstab_free(month);
	report_crosstab_free(tg);
	lxw_error xe = workbook_close(wb);
	if (xe != LXW_NO_ERROR) {
		unlink(path);
		return err_set(e, ERR_UNAVAILABLE, "", "writing the workbook failed: %s", lxw_strerror(xe));
	}
	FILE *in = fopen(path, "rb");
	unlink(path);
	if (!in)
		return err_set(e, ERR_UNAVAILABLE, "", "cannot read the workbook back");
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
		buf_append(b, chunk, n);
	fclose(in);
	return b->failed ? err_set(e, ERR_TOO_BIG, "", "the workbook is too large") : 0;
}

/* ---- pseudonymised client table ------------------------------------------------------------------------------------- */

/* The client set is the served clients of the indicators (same condition text), one row each. Per-client columns use
 * the same conditions as the indicator queries, so column sums equal the indicators (the API test checks it). */
static const char SQL_CLIENTS[] =
	"SELECT c.id, c.organisation_id, c.programme_id, c.target_groups, c.intake_on, c.status, c.cv_ready, "
	"(SELECT COUNT(*) FROM service_events e WHERE e.client_id = c.id AND e.happened_on >= {from} "
	"AND e.happened_on <= {to}), "
	"(SELECT COUNT(*) FROM outcomes o WHERE o.client_id = c.id AND o.type = 'employed' AND o.starts_on >= {from} "
	"AND o.starts_on <= {to}), "
	"(SELECT MAX(COALESCE(o.override_matches, o.matches_competence)) FROM outcomes o WHERE o.client_id = c.id AND "
	"o.type = 'employed' AND o.starts_on >= {from} AND o.starts_on <= {to}), "
	"(SELECT MAX(o.matches_competence) FROM outcomes o WHERE o.client_id = c.id AND o.type = 'employed' AND "
	"o.starts_on >= {from} AND o.starts_on <= {to}), "
	"(SELECT MIN(o.starts_on) FROM outcomes o WHERE o.client_id = c.id AND o.type = 'employed' AND "
	"o.starts_on >= c.intake_on), "
	"(SELECT COUNT(*) FROM outcomes o WHERE o.client_id = c.id AND o.type = 'education' AND o.starts_on >= {from} "
	"AND o.starts_on <= {to}) "
	"FROM clients c WHERE 1 = 1{cf} "
	"AND ((c.intake_on >= {from} AND c.intake_on <= {to}) "
	"OR (c.intake_on <= {to} AND c.status IN ('intake', 'active', 'paused')) "
	"OR EXISTS (SELECT 1 FROM service_events e WHERE e.client_id = c.id AND e.happened_on >= {from} "
	"AND e.happened_on <= {to}) "
	"OR EXISTS (SELECT 1 FROM outcomes o WHERE o.client_id = c.id AND o.starts_on >= {from} AND o.starts_on <= {to}))";

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* An own-field column of the client table: empty without an employment, "unknown" when not decided, else 1 or 0. */
static const char *own_field_cell(struct store_stmt *st, int col, bool employed)
{
	if (!employed)
		return "";
	if (store_col_type(st, col) == STORE_NULL)
		return "unknown";
	return store_col_int(st, col) == 1 ? "1" : "0";
}

int report_clients_csv(struct store *s, const struct report_filter *f, struct buf *b, int64_t *rows, struct err *e)
{
	*rows = 0;
	int rc = report_filter_check(f, e);
	if (rc)
		return rc;
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
	randombytes_buf(key, sizeof key);
	struct store_stmt *st;
	if ((rc = report_q_prepare(s, SQL_CLIENTS, f, &st, e))) {
		sodium_memzero(key, sizeof key);
		return rc;
	}
	char **lines = NULL;
	size_t n = 0, cap = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		char idtxt[24], mac_hex[2 * crypto_auth_hmacsha256_BYTES + 1];
		unsigned char mac[crypto_auth_hmacsha256_BYTES];
		snprintf(idtxt, sizeof idtxt, "%" PRId64, store_col_int(st, 0));
		crypto_auth_hmacsha256(mac, (const unsigned char *)idtxt, strlen(idtxt), key);
		sodium_bin2hex(mac_hex, sizeof mac_hex, mac, 8); /* 64 bits: unique enough within one export */
		struct buf line = {0};
		buf_init(&line, 4096);
		char num[32];
		report_csv_field(&line, mac_hex, false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 1));
		csv_number(&line, num, false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 2));
		csv_number(&line, store_col_type(st, 2) == STORE_NULL ? "" : num, false);
		report_csv_field(&line, store_col_text(st, 3), false);
		const char *intake = store_col_text(st, 4);
		snprintf(num, sizeof num, "%.7s", intake ? intake : "");
		report_csv_field(&line, num, false);
		bool new_client = intake && strcmp(intake, f->from) >= 0 && strcmp(intake, f->to) <= 0;
		report_csv_field(&line, new_client ? "1" : "0", false);
		report_csv_field(&line, store_col_text(st, 5), false);
		report_csv_field(&line, store_col_int(st, 6) == 1 ? "1" : "0", false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 7));
		csv_number(&line, num, false);
		bool employed = store_col_int(st, 8) > 0;
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 8));
		csv_number(&line, num, false);
		report_csv_field(&line, own_field_cell(st, 9, employed), false);
		report_csv_field(&line, own_field_cell(st, 10, employed), false);
		const char *first = store_col_text(st, 11);
		long a, d;
		bool first_in = first && strcmp(first, f->from) >= 0 && strcmp(first, f->to) <= 0 && report_days(intake, &a) &&
		                report_days(first, &d);
		snprintf(num, sizeof num, "%.7s", first_in ? first : "");
		report_csv_field(&line, num, false);
		snprintf(num, sizeof num, "%ld", first_in ? d - a : 0L);
		csv_number(&line, first_in ? num : "", false);
		report_csv_field(&line, store_col_int(st, 12) > 0 ? "1" : "0", true);
		char *text = line.failed ? NULL : buf_take(&line, NULL);
		buf_free(&line);
		if (!text || buf_grow_array(&lines, &cap, n + 1, sizeof *lines, 256, 1u << 24)) {
			free(text);
			rc = -ERR_UNAVAILABLE;
			err_set(e, ERR_UNAVAILABLE, "", "out of memory writing the client table");
			store_reset(st);
			break;
		}
		lines[n++] = text;
	}
	sodium_memzero(key, sizeof key);
	if (rc >= 0) {
		/* sorted by pseudonym: the order of rows must not reveal the order of client ids */
		if (n > 1)
			qsort(lines, n, sizeof *lines, cmp_line);
		buf_puts(b, "pseudonym,organisation_id,programme_id,target_groups,intake_month,new_client,status,cv_ready,"
		            "service_events,employments,own_field,own_field_derived,first_employment_month,"
		            "days_to_first_employment,education_placement\r\n");
		for (size_t i = 0; i < n; i++)
			buf_puts(b, lines[i]);
		*rows = (int64_t)n;
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	if (rc < 0)
		return -rc;
	return b->failed ? err_set(e, ERR_TOO_BIG, "", "the client table is too large") : 0;
}
