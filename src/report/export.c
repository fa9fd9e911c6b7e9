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

/* A CSV cell and its separator (or CRLF after the last). number: a figure osaaja formatted itself (snprintf of a
 * number, or a suppressed "<k"), written as it is, so a negative number stays a number; never for text that came
 * from a user or the database. */
static void csv_cell_sep(struct buf *b, const char *s, bool last, bool number, char sep)
{
	s = s ? s : "";
	/* a leading = + - @ tab or CR would start a formula in a spreadsheet: quote it and prefix an apostrophe
	 * (OWASP, CSV injection). No exception for "-1+...": only a number osaaja itself wrote (csv_number) is
	 * written as it is. */
	bool formula = !number && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	                           s[0] == '\r');
	if (formula || strpbrk(s, ",;\"\r\n")) {
		buf_puts(b, "\"");
		if (formula)
			buf_puts(b, "'");
		for (const char *c = s; *c; c++)
			buf_append(b, *c == '"' ? "\"\"" : c, *c == '"' ? 2 : 1);
		buf_puts(b, "\"");
	} else {
		buf_puts(b, s);
	}
	if (last)
		buf_puts(b, "\r\n");
	else
		buf_append(b, &sep, 1);
}

void report_csv_field(struct buf *b, const char *s, bool last)
{
	csv_cell_sep(b, s, last, false, ',');
}

void report_csv_cell(struct buf *b, const char *s, bool last, bool number, char sep)
{
	csv_cell_sep(b, s, last, number, sep);
}

bool report_locale_init(struct report_locale *out, const char *lang, const char *(*text)(void *ctx, const char *key),
                        void *ctx)
{
	if (!lang || !*lang)
		return false;
	bool nordic = strcmp(lang, "fi") == 0 || strcmp(lang, "sv") == 0;
	*out = (struct report_locale){.lang = nordic ? lang : "en", .sep = nordic ? ';' : ',', .decimal_comma = nordic,
	                              .text = text, .ctx = ctx};
	return true;
}

/* ---- rows of cells: one function per table gives each row's cells to both writers (CSV and XLSX) ---------------- */

struct cell {
	const char *text;
	bool number; /* a figure osaaja wrote ("12", "41.7", "<5"): a number in a workbook, never formula-guarded */
};

struct sink {
	void (*row)(struct sink *s, const struct cell *c, size_t n);
	const struct report_locale *loc;
	struct buf *b;          /* CSV */
	lxw_worksheet *ws;      /* XLSX */
	lxw_format *bold;
	lxw_row_t next;
};

static const char *tx(const struct report_locale *loc, const char *key)
{
	const char *t = loc && loc->text ? loc->text(loc->ctx, key) : NULL;
	return t ? t : key;
}

static void csv_row(struct sink *s, const struct cell *c, size_t n)
{
	char sep = s->loc ? s->loc->sep : ',';
	for (size_t i = 0; i < n; i++) {
		const char *t = c[i].text ? c[i].text : "";
		char num[40];
		if (c[i].number && s->loc && s->loc->decimal_comma && strchr(t, '.')) {
			snprintf(num, sizeof num, "%s", t);
			*strchr(num, '.') = ',';
			t = num;
		}
		csv_cell_sep(s->b, t, i + 1 == n, c[i].number, sep);
	}
}

static void xlsx_row(struct sink *s, const struct cell *c, size_t n)
{
	for (size_t i = 0; i < n && i < 16000; i++) {
		const char *t = c[i].text;
		if (!t || !*t)
			continue;
		lxw_format *fmt = s->next == 0 ? s->bold : NULL;
		if (c[i].number && t[0] != '<')
			worksheet_write_number(s->ws, s->next, (lxw_col_t)i, strtod(t, NULL), fmt);
		else /* a string cell: never a formula */
			worksheet_write_string(s->ws, s->next, (lxw_col_t)i, t, fmt);
	}
	s->next++;
}

static void indicator_rows(const struct report_indicators *r, struct sink *s)
{
	const struct report_locale *loc = s->loc;
	const struct report_filter *f = &r->filter;
	char org[32], prog[32], k[32];
	snprintf(org, sizeof org, "%" PRId64, f->org_id);
	snprintf(prog, sizeof prog, "%" PRId64, f->programme_id);
	snprintf(k, sizeof k, "%d", r->min_cell);
	if (!loc) { /* the machine layout: keys, English labels */
		s->row(s, (struct cell[]){{"indicator", 0}, {"label", 0}, {"value", 0}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"from", 0}, {f->from, 0}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"to", 0}, {f->to, 0}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"organisation_id", 0}, {f->org_id ? org : "", 1}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"programme_id", 0}, {f->programme_id ? prog : "", 1}}, 3);
		if (f->combined) /* every implementing organisation's clients, a person once */
			s->row(s, (struct cell[]){{"filter", 0}, {"scope", 0}, {"programme", 0}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"target_group", 0}, {f->target_group, 0}}, 3);
		s->row(s, (struct cell[]){{"filter", 0}, {"municipality", 0}, {f->municipality, 0}}, 3);
		if (r->min_cell)
			s->row(s, (struct cell[]){{"suppression", 0}, {"min_cell", 0}, {k, 1}}, 3);
		for (int i = 0; i < RI_COUNT; i++) {
			char v[32];
			report_indicator_text(r, (enum report_indicator)i, v);
			s->row(s, (struct cell[]){{report_indicator_key((enum report_indicator)i), 0},
			                          {report_indicator_label((enum report_indicator)i), 0}, {v, 1}}, 3);
		}
		return;
	}
	char key[96];
	s->row(s, (struct cell[]){{tx(loc, "rep.indicator"), 0}, {tx(loc, "rep.value"), 0}}, 2);
	s->row(s, (struct cell[]){{tx(loc, "rep.from"), 0}, {f->from, 0}}, 2);
	s->row(s, (struct cell[]){{tx(loc, "rep.to"), 0}, {f->to, 0}}, 2);
	if (f->programme_id)
		s->row(s, (struct cell[]){{tx(loc, "rep.programme"), 0}, {prog, 1}}, 2);
	if (f->combined)
		s->row(s, (struct cell[]){{tx(loc, "rep.scope"), 0}, {tx(loc, "rep.scope.programme"), 0}}, 2);
	if (f->target_group[0]) {
		snprintf(key, sizeof key, "v.%s", f->target_group);
		s->row(s, (struct cell[]){{tx(loc, "rep.target_group"), 0}, {tx(loc, key), 0}}, 2);
	}
	if (f->municipality[0])
		s->row(s, (struct cell[]){{tx(loc, "rep.municipality"), 0}, {f->municipality, 0}}, 2);
	if (r->min_cell)
		s->row(s, (struct cell[]){{tx(loc, "rep.export.min_cell"), 0}, {k, 1}}, 2);
	for (int i = 0; i < RI_COUNT; i++) {
		char v[32];
		report_indicator_text(r, (enum report_indicator)i, v);
		snprintf(key, sizeof key, "rep.ind.%s", report_indicator_key((enum report_indicator)i));
		s->row(s, (struct cell[]){{tx(loc, key), 0}, {v, 1}}, 2);
	}
}

/* A cross-tabulation label of dimension d as the reader reads it ("maalis 2026", "Työ", "Nuoret"); out[200]. */
static const char *dim_label(const struct report_locale *loc, enum report_dim d, const char *label, char *out)
{
	char key[96];
	if (!loc)
		return label;
	switch (d) {
	case RD_MONTH: {
		int m = strlen(label) == 7 && label[4] == '-' ? (int)strtol(label + 5, NULL, 10) : 0;
		if (m < 1 || m > 12)
			return label;
		snprintf(key, sizeof key, "rep.month.%d", m);
		snprintf(out, 200, "%s %.4s", tx(loc, key), label);
		return out;
	}
	case RD_OUTCOME_TYPE: snprintf(key, sizeof key, "rep.type.%s", label); break;
	case RD_OWN_FIELD: snprintf(key, sizeof key, "rep.own.%s", label); break;
	case RD_TARGET_GROUP:
	case RD_CONTRACT_TYPE:
	case RD_REFERRAL_SOURCE:
		if (strcmp(label, "(none)") == 0)
			return tx(loc, "rep.export.none");
		snprintf(key, sizeof key, "v.%s", label);
		break;
	default: return label;
	}
	snprintf(out, 200, "%s", tx(loc, key));
	return out;
}

static void crosstab_rows(const struct report_crosstab *x, struct sink *s)
{
	const struct report_locale *loc = s->loc;
	size_t n = x->ncols + 2;
	struct cell *c = calloc(n, sizeof *c);
	char(*text)[200] = calloc(n, sizeof *text);
	char(*num)[32] = calloc(n, sizeof *num);
	if (!c || !text || !num) {
		if (s->b)
			s->b->failed = true;
		free(c), free(text), free(num);
		return;
	}
	char key[64];
	if (loc) {
		const char *rn, *cn;
		snprintf(key, sizeof key, "rep.dim.%s", report_dim_name(x->rows));
		rn = tx(loc, key);
		snprintf(text[0], sizeof text[0], "%s \\ ", rn);
		snprintf(key, sizeof key, "rep.dim.%s", report_dim_name(x->cols));
		cn = tx(loc, key);
		snprintf(text[0] + strlen(text[0]), sizeof text[0] - strlen(text[0]), "%s", cn);
	} else {
		snprintf(text[0], sizeof text[0], "%s \\ %s", report_dim_name(x->rows), report_dim_name(x->cols));
	}
	const char *total = loc ? tx(loc, "rep.total") : "total";
	c[0] = (struct cell){text[0], 0};
	for (size_t k = 0; k < x->ncols; k++)
		c[k + 1] = (struct cell){dim_label(loc, x->cols, x->col_labels[k], text[k + 1]), 0};
	c[n - 1] = (struct cell){total, 0};
	s->row(s, c, n);
	for (size_t i = 0; i <= x->nrows; i++) {
		size_t row = i < x->nrows ? i : SIZE_MAX; /* the last line: the column totals */
		c[0] = (struct cell){row == SIZE_MAX ? total : dim_label(loc, x->rows, x->row_labels[i], text[0]), 0};
		for (size_t k = 0; k <= x->ncols; k++) {
			report_crosstab_text(x, row, k < x->ncols ? k : SIZE_MAX, num[k + 1]);
			c[k + 1] = (struct cell){num[k + 1], 1};
		}
		s->row(s, c, n);
	}
	if (x->min_cell) {
		snprintf(num[0], sizeof num[0], "%d", x->min_cell);
		if (loc)
			s->row(s, (struct cell[]){{tx(loc, "rep.export.min_cell"), 0}, {num[0], 1}}, 2);
		else
			s->row(s, (struct cell[]){{"suppression", 0}, {"min_cell", 0}, {num[0], 1}}, 3);
	}
	free(c), free(text), free(num);
}

static void csv_begin(struct sink *s, const struct report_locale *loc, struct buf *b)
{
	*s = (struct sink){.row = csv_row, .loc = loc, .b = b};
	if (loc) /* a UTF-8 byte order mark: Excel then reads the file as UTF-8 */
		buf_puts(b, "\xEF\xBB\xBF");
}

json_t *report_filter_json(const struct report_filter *f)
{
	json_t *j = json_pack("{s:s,s:s}", "from", f->from, "to", f->to);
	json_object_set_new(j, "organisation_id", f->org_id ? json_integer(f->org_id) : json_null());
	json_object_set_new(j, "programme_id", f->programme_id ? json_integer(f->programme_id) : json_null());
	json_object_set_new(j, "target_group", f->target_group[0] ? json_string(f->target_group) : json_null());
	json_object_set_new(j, "municipality", f->municipality[0] ? json_string(f->municipality) : json_null());
	if (f->combined)
		json_object_set_new(j, "scope", json_string("programme"));
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

void report_indicators_csv(const struct report_indicators *r, const struct report_locale *loc, struct buf *b)
{
	struct sink s = {0};
	csv_begin(&s, loc, b);
	indicator_rows(r, &s);
}

void report_crosstab_csv(const struct report_crosstab *x, const struct report_locale *loc, struct buf *b)
{
	struct sink s = {0};
	csv_begin(&s, loc, b);
	crosstab_rows(x, &s);
}

/* ESF+ indicators in the layout a managing authority asks for: code, name, total and the gender breakdown. */
static void esf_rows(const struct report_esf *r, struct sink *s)
{
	const struct report_locale *loc = s->loc;
	const struct report_filter *f = &r->filter;
	char prog[32], k[32], key[96];
	snprintf(prog, sizeof prog, "%" PRId64, f->programme_id);
	snprintf(k, sizeof k, "%d", r->min_cell);
	const char *head[2 + ESF_COL_COUNT] = {loc ? tx(loc, "esf.code") : "code", loc ? tx(loc, "esf.indicator") : "indicator"};
	char hk[ESF_COL_COUNT][64];
	for (int c = 0; c < ESF_COL_COUNT; c++) {
		snprintf(hk[c], sizeof hk[c], "esf.col.%s", report_esf_col_key((enum report_esf_col)c));
		head[2 + c] = loc ? tx(loc, hk[c]) : report_esf_col_key((enum report_esf_col)c);
	}
	struct cell hc[2 + ESF_COL_COUNT];
	for (int c = 0; c < 2 + ESF_COL_COUNT; c++)
		hc[c] = (struct cell){head[c], 0};
	s->row(s, hc, 2 + ESF_COL_COUNT);
	s->row(s, (struct cell[]){{"", 0}, {loc ? tx(loc, "rep.from") : "from", 0}, {f->from, 0}}, 3);
	s->row(s, (struct cell[]){{"", 0}, {loc ? tx(loc, "rep.to") : "to", 0}, {f->to, 0}}, 3);
	if (f->programme_id)
		s->row(s, (struct cell[]){{"", 0}, {loc ? tx(loc, "rep.programme") : "programme_id", 0}, {prog, 1}}, 3);
	if (r->min_cell)
		s->row(s, (struct cell[]){{"", 0}, {loc ? tx(loc, "rep.export.min_cell") : "min_cell", 0}, {k, 1}}, 3);
	for (int i = 0; i < ESF_ROW_COUNT; i++) {
		char v[ESF_COL_COUNT][32];
		struct cell c[2 + ESF_COL_COUNT];
		snprintf(key, sizeof key, "esf.%s", report_esf_key((enum report_esf_row)i));
		c[0] = (struct cell){report_esf_code((enum report_esf_row)i), 0};
		c[1] = (struct cell){loc ? tx(loc, key) : report_esf_label((enum report_esf_row)i), 0};
		for (int col = 0; col < ESF_COL_COUNT; col++) {
			report_esf_text(r, (enum report_esf_row)i, (enum report_esf_col)col, v[col]);
			c[2 + col] = (struct cell){v[col], 1};
		}
		s->row(s, c, 2 + ESF_COL_COUNT);
	}
}

void report_esf_csv(const struct report_esf *r, const struct report_locale *loc, struct buf *b)
{
	struct sink s = {0};
	csv_begin(&s, loc, b);
	esf_rows(r, &s);
}

/* A count or share of the survey summary as text: "" for none, "<k" when hidden. */
static const char *summary_num(json_t *v, int min_cell, char out[32])
{
	if (json_is_integer(v))
		snprintf(out, 32, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, 32, "%.1f", json_real_value(v));
	else if (json_is_null(v) && min_cell > 0)
		snprintf(out, 32, "<%d", min_cell);
	else
		out[0] = 0;
	return out;
}

void report_survey_summary_csv(json_t *sum, const struct report_locale *loc, struct buf *b)
{
	struct sink s = {0};
	csv_begin(&s, loc, b);
	int k = (int)json_integer_value(json_object_get(sum, "min_cell"));
	json_t *groups = json_object_get(sum, "groups");
	bool by = strcmp(json_string_value(json_object_get(sum, "by")) ? json_string_value(json_object_get(sum, "by")) : "",
	                 "none") != 0;
	size_t ng = by ? json_object_size(groups) : 0, n = 4 + ng;
	struct cell *c = calloc(n, sizeof *c);
	if (!c)
		return;
	c[0] = (struct cell){loc ? tx(loc, "ss.col.question") : "question", 0};
	c[1] = (struct cell){loc ? tx(loc, "ss.col.answer") : "answer", 0};
	c[2] = (struct cell){loc ? tx(loc, "ss.col.count") : "count", 0};
	c[3] = (struct cell){loc ? tx(loc, "ss.col.pct") : "pct", 0};
	const char *d;
	json_t *x;
	size_t i = 4;
	char heads[64][64];
	json_object_foreach(groups, d, x) {
		if (i >= n || i >= 64)
			continue;
		/* the persons of role and respondent by the catalogue's words; languages and countries as codes */
		const char *dim = json_string_value(json_object_get(sum, "by"));
		if (loc && dim && (strcmp(dim, "role") == 0 || strcmp(dim, "respondent") == 0)) {
			snprintf(heads[i], sizeof heads[i], "ss.role.%s", d);
			c[i++] = (struct cell){tx(loc, heads[i - 1]), 0};
		} else {
			c[i++] = (struct cell){d, 0};
		}
	}
	s.row(&s, c, n);
	char nums[64][32];
	size_t qi;
	json_t *q;
	json_array_foreach(json_object_get(sum, "questions"), qi, q) {
		size_t vi;
		json_t *v;
		json_array_foreach(json_object_get(q, "values"), vi, v) {
			c[0] = (struct cell){json_string_value(json_object_get(q, "text")), 0};
			c[1] = (struct cell){json_string_value(json_object_get(v, "text")), 0};
			c[2] = (struct cell){summary_num(json_object_get(v, "count"), k, nums[0]), 1};
			c[3] = (struct cell){summary_num(json_object_get(v, "pct"), k, nums[1]), 1};
			i = 4;
			json_object_foreach(groups, d, x) {
				if (i < n && i < 64) {
					c[i] = (struct cell){summary_num(json_object_get(json_object_get(v, "by"), d), k, nums[i]), 1};
					i++;
				}
			}
			s.row(&s, c, i < n ? i : n);
		}
	}
	free(c);
}

/* The settling figures: the period, the threshold when suppressed, the family and step counts, the 6- and 12-month
 * marks, then a table of the steps by kind. */
void report_settling_csv(json_t *j, const struct report_locale *loc, struct buf *b)
{
	struct sink s = {0};
	csv_begin(&s, loc, b);
	int k = (int)json_integer_value(json_object_get(j, "min_cell"));
	json_t *f = json_object_get(j, "filter"), *sum = json_object_get(j, "summary"), *region = json_object_get(j, "region");
	char v[4][32], key[96];
	s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.indicator") : "figure", 0}, {loc ? tx(loc, "rep.value") : "value", 0}},
	      2);
	s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.from") : "from", 0}, {json_string_value(json_object_get(f, "from")), 0}},
	      2);
	s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.to") : "to", 0}, {json_string_value(json_object_get(f, "to")), 0}}, 2);
	if (json_is_integer(json_object_get(f, "programme_id")))
		s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.programme") : "programme_id", 0},
		                          {summary_num(json_object_get(f, "programme_id"), 0, v[0]), 1}}, 2);
	if (k) {
		snprintf(v[0], sizeof v[0], "%d", k);
		s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.export.min_cell") : "min_cell", 0}, {v[0], 1}}, 2);
	}
	static const char *const figures[] = {"families", "families_with_plan", "families_complete", "steps", "steps_done",
	                                      "steps_done_pct"};
	for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
		snprintf(key, sizeof key, "rep.settling.csv.%s", figures[i]);
		json_t *x = json_object_get(sum, figures[i]);
		s.row(&s, (struct cell[]){{loc ? tx(loc, key) : figures[i], 0},
		                          {summary_num(x, strstr(figures[i], "pct") ? 0 : k, v[0]), 1}}, 2);
	}
	static const char *const marks[] = {"6", "12"};
	static const char *const rfig[] = {"families", "still_in_region", "still_in_region_pct"};
	for (size_t m = 0; m < 2; m++) {
		json_t *r = json_object_get(region, marks[m]);
		for (size_t i = 0; i < 3; i++) {
			char name[64];
			snprintf(name, sizeof name, "region_%s_%s", marks[m], rfig[i]);
			snprintf(key, sizeof key, "rep.settling.csv.%s", name);
			s.row(&s, (struct cell[]){{loc ? tx(loc, key) : name, 0},
			                          {summary_num(json_object_get(r, rfig[i]), i == 2 ? 0 : k, v[0]), 1}}, 2);
		}
	}
	s.row(&s, (struct cell[]){{"", 0}}, 1);
	s.row(&s, (struct cell[]){{loc ? tx(loc, "rep.settling.csv.kind") : "kind", 0},
	                          {loc ? tx(loc, "rep.settling.csv.steps") : "steps", 0},
	                          {loc ? tx(loc, "rep.settling.csv.done") : "done", 0},
	                          {loc ? tx(loc, "rep.settling.csv.done_pct") : "done_pct", 0}}, 4);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(j, "by_kind"), i, x) {
		const char *kind = json_string_value(json_object_get(x, "kind"));
		snprintf(key, sizeof key, "v.%s", kind ? kind : "");
		s.row(&s, (struct cell[]){{loc ? tx(loc, key) : kind, 0},
		                          {summary_num(json_object_get(x, "steps"), k, v[1]), 1},
		                          {summary_num(json_object_get(x, "done"), k, v[2]), 1},
		                          {summary_num(json_object_get(x, "done_pct"), 0, v[3]), 1}}, 4);
	}
}

/* The text reports' first line: "<title> FROM .. TO", then the organisation and the programme where the filter has
 * them (no line end). */
static void period_line(struct buf *b, const char *title, const struct report_filter *f)
{
	buf_printf(b, "%s %s .. %s", title, f->from, f->to);
	if (f->org_id)
		buf_printf(b, ", organisation %" PRId64, f->org_id);
	if (f->programme_id)
		buf_printf(b, ", programme %" PRId64, f->programme_id);
}

void report_esf_print(const struct report_esf *r, struct buf *b)
{
	period_line(b, "ESF+ common indicators,", &r->filter);
	buf_printf(b, "\n%-7s %-76s %6s %6s %6s %6s %6s\n", "code", "indicator", "total", "women", "men", "nonbin", "unkn");
	for (int i = 0; i < ESF_ROW_COUNT; i++) {
		buf_printf(b, "%-7s %-76.76s", report_esf_code((enum report_esf_row)i),
		           report_esf_label((enum report_esf_row)i));
		for (int c = 0; c < ESF_COL_COUNT; c++) {
			char v[32];
			report_esf_text(r, (enum report_esf_row)i, (enum report_esf_col)c, v);
			buf_printf(b, " %6s", v);
		}
		buf_puts(b, "\n");
	}
}

void report_indicators_text(const struct report_indicators *r, struct buf *b)
{
	const struct report_filter *f = &r->filter;
	period_line(b, "Period", f);
	if (f->programme_id && f->combined)
		buf_puts(b, " (every implementing organisation)");
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

/* A sheet named in the reader's language (at most 31 characters, as a workbook wants them). */
static lxw_worksheet *xlsx_sheet(lxw_workbook *wb, const struct report_locale *loc, const char *key, const char *en)
{
	return workbook_add_worksheet(wb, loc ? tx(loc, key) : en);
}

static void xlsx_crosstab(lxw_workbook *wb, const struct report_locale *loc, const char *key, const char *en,
                          const struct report_crosstab *x, lxw_format *bold)
{
	struct sink s = {.row = xlsx_row, .loc = loc, .ws = xlsx_sheet(wb, loc, key, en), .bold = bold};
	if (s.ws)
		crosstab_rows(x, &s);
}

int report_export_xlsx(struct store *s, const struct report_indicators *r, const struct report_locale *loc,
                       struct buf *b, struct err *e)
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
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	struct sink sh = {.row = xlsx_row, .loc = loc, .ws = xlsx_sheet(wb, loc, "rep.sheet.indicators", "Indicators"),
	                  .bold = bold};
	if (sh.ws) {
		indicator_rows(r, &sh);
		worksheet_set_column(sh.ws, 0, 0, loc ? 60 : 32, NULL);
		worksheet_set_column(sh.ws, 1, 1, loc ? 16 : 48, NULL);
	}
	xlsx_crosstab(wb, loc, "rep.sheet.month", "Outcomes by month", month, bold);
	xlsx_crosstab(wb, loc, "rep.sheet.target_group", "By target group", tg, bold);
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

/* The target groups of a client ("youth,women") in loc's language ("Nuoret, Naiset"); out[400]. */
static const char *groups_text(const struct report_locale *loc, const char *groups, char *out, size_t n)
{
	if (!loc || !groups)
		return groups;
	size_t used = 0;
	out[0] = 0;
	for (const char *p = groups; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char key[80];
		snprintf(key, sizeof key, "v.%.*s", (int)(len < 60 ? len : 60), p);
		int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", tx(loc, key));
		used += w > 0 ? (size_t)w : 0;
		if (used >= n || !comma)
			break;
		p = comma + 1;
	}
	return out;
}

int report_clients_csv(struct store *s, const struct report_filter *f, const struct report_locale *loc, struct buf *b,
                       int64_t *rows, struct err *e)
{
	char sep = loc ? loc->sep : ',';
#define FIELD(buf, text, last) csv_cell_sep(buf, text, last, false, sep)
#define NUMBER(buf, text, last) csv_cell_sep(buf, text, last, true, sep)
	*rows = 0;
	if (f->combined) /* a row per person: an organisation's own clients only, never a co-implementer's */
		return err_set(e, ERR_INVALID, "scope", "the client-level table holds your own organisation's clients only; "
		               "a whole programme's figures are counts (scope=programme on the other reports)");
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
		FIELD(&line, mac_hex, false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 1));
		NUMBER(&line, num, false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 2));
		NUMBER(&line, store_col_type(st, 2) == STORE_NULL ? "" : num, false);
		char groups[400], vkey[80];
		FIELD(&line, groups_text(loc, store_col_text(st, 3), groups, sizeof groups), false);
		const char *intake = store_col_text(st, 4);
		snprintf(num, sizeof num, "%.7s", intake ? intake : "");
		FIELD(&line, num, false);
		bool new_client = intake && strcmp(intake, f->from) >= 0 && strcmp(intake, f->to) <= 0;
		FIELD(&line, new_client ? "1" : "0", false);
		snprintf(vkey, sizeof vkey, "v.%s", store_col_text(st, 5) ? store_col_text(st, 5) : "");
		FIELD(&line, loc && store_col_text(st, 5) ? tx(loc, vkey) : store_col_text(st, 5), false);
		FIELD(&line, store_col_int(st, 6) == 1 ? "1" : "0", false);
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 7));
		NUMBER(&line, num, false);
		bool employed = store_col_int(st, 8) > 0;
		snprintf(num, sizeof num, "%" PRId64, store_col_int(st, 8));
		NUMBER(&line, num, false);
		const char *own = own_field_cell(st, 9, employed), *derived = own_field_cell(st, 10, employed);
		FIELD(&line, loc && strcmp(own, "unknown") == 0 ? tx(loc, "rep.own.unknown") : own, false);
		FIELD(&line, loc && strcmp(derived, "unknown") == 0 ? tx(loc, "rep.own.unknown") : derived, false);
		const char *first = store_col_text(st, 11);
		long a, d;
		bool first_in = first && strcmp(first, f->from) >= 0 && strcmp(first, f->to) <= 0 && report_days(intake, &a) &&
		                report_days(first, &d);
		snprintf(num, sizeof num, "%.7s", first_in ? first : "");
		FIELD(&line, num, false);
		snprintf(num, sizeof num, "%ld", first_in ? d - a : 0L);
		NUMBER(&line, first_in ? num : "", false);
		FIELD(&line, store_col_int(st, 12) > 0 ? "1" : "0", true);
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
		static const char *const cols[] = {"pseudonym", "organisation_id", "programme_id", "target_groups",
		                                   "intake_month", "new_client", "status", "cv_ready", "service_events",
		                                   "employments", "own_field", "own_field_derived", "first_employment_month",
		                                   "days_to_first_employment", "education_placement"};
		enum { NCOLS = sizeof cols / sizeof *cols };
		if (loc)
			buf_puts(b, "\xEF\xBB\xBF");
		for (size_t c = 0; c < NCOLS; c++) {
			char hkey[80];
			snprintf(hkey, sizeof hkey, "rep.clients.%s", cols[c]);
			FIELD(b, loc ? tx(loc, hkey) : cols[c], c + 1 == NCOLS);
		}
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
#undef FIELD
#undef NUMBER
