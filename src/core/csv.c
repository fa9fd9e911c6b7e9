/* csv: RFC 4180 reader with ceilings (field count, record size) so hostile files cannot exhaust memory. */
#include "core/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CSV_MAX_FIELDS = 4096, CSV_MAX_RECORD = 16 << 20 };

struct csv_reader {
	const char *p, *end;
	char sep;
	char *rec;      /* unquoted copy of the current record's fields, NUL-separated */
	size_t rec_cap;
	char **fields;
	size_t fields_cap;
	size_t line, rec_line;
	char err[160];
};

struct csv_reader *csv_open_mem(const char *data, size_t len, char sep)
{
	struct csv_reader *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->p = data;
	r->end = data + len;
	r->sep = sep ? sep : ',';
	r->line = 1;
	/* Skip a UTF-8 byte-order mark: spreadsheets write one. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->p += 3;
	return r;
}

void csv_close(struct csv_reader *r)
{
	if (!r)
		return;
	free(r->rec);
	free(r->fields);
	free(r);
}

size_t csv_line(const struct csv_reader *r)
{
	return r->rec_line;
}

const char *csv_error(const struct csv_reader *r)
{
	return r->err;
}

static int put(struct csv_reader *r, size_t *len, char c)
{
	if (*len + 1 >= r->rec_cap) {
		if (r->rec_cap >= CSV_MAX_RECORD)
			return -1;
		size_t cap = r->rec_cap ? r->rec_cap * 2 : 4096;
		char *n = realloc(r->rec, cap);
		if (!n)
			return -1;
		r->rec = n;
		r->rec_cap = cap;
	}
	r->rec[(*len)++] = c;
	return 0;
}

int csv_next(struct csv_reader *r, char ***fields, size_t *n)
{
	if (r->p >= r->end)
		return 0;
	r->rec_line = r->line;
	size_t len = 0, nf = 0;
	size_t starts[CSV_MAX_FIELDS];
	starts[nf++] = 0;
	int in_quotes = 0, was_quoted = 0;
	const char *p = r->p;
	for (;;) {
		if (p >= r->end) {
			if (in_quotes) {
				snprintf(r->err, sizeof r->err, "line %zu: a quoted field is not closed", r->rec_line);
				return -1;
			}
			break;
		}
		char c = *p++;
		if (in_quotes) {
			if (c == '"') {
				if (p < r->end && *p == '"') {
					p++;
				} else {
					in_quotes = 0;
					continue;
				}
			} else if (c == '\n') {
				r->line++;
			}
			if (put(r, &len, c))
				goto toobig;
			continue;
		}
		if (c == '"' && len == starts[nf - 1] && !was_quoted) {
			in_quotes = was_quoted = 1;
			continue;
		}
		if (c == r->sep) {
			if (put(r, &len, 0))
				goto toobig;
			if (nf == CSV_MAX_FIELDS) {
				snprintf(r->err, sizeof r->err, "line %zu: more than %d fields", r->rec_line, CSV_MAX_FIELDS);
				return -1;
			}
			starts[nf++] = len;
			was_quoted = 0;
			continue;
		}
		if (c == '\r' && p < r->end && *p == '\n')
			continue;
		if (c == '\n' || c == '\r') {
			r->line++;
			break;
		}
		if (was_quoted) {
			snprintf(r->err, sizeof r->err, "line %zu: text after a closing quote in field %zu", r->rec_line, nf);
			return -1;
		}
		if (put(r, &len, c))
			goto toobig;
	}
	if (put(r, &len, 0))
		goto toobig;
	r->p = p;
	if (nf > r->fields_cap) {
		char **f = realloc(r->fields, nf * sizeof *f);
		if (!f)
			goto toobig;
		r->fields = f;
		r->fields_cap = nf;
	}
	for (size_t i = 0; i < nf; i++)
		r->fields[i] = r->rec + starts[i];
	*fields = r->fields;
	*n = nf;
	return 1;
toobig:
	snprintf(r->err, sizeof r->err, "line %zu: record too large", r->rec_line);
	return -1;
}

int csv_find(char **header, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return (int)i;
	return -1;
}
