/* store batch: a multi-row INSERT written many rows a statement (see batch.h). */
#include "store/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows in one statement. */
static size_t rows_max(const struct store_batch *b)
{
	size_t k = STORE_BATCH_VALUES / (size_t)b->ncols;
	return k < 1 ? 1 : k > STORE_BATCH_ROWS ? STORE_BATCH_ROWS : k;
}

static bool owns_bytes(const struct store_param *p)
{
	return (p->type == STORE_TEXT || p->type == STORE_BLOB) && p->text;
}

/* Frees the pending rows' bytes; the array stays for the next rows. */
static void drop_pending(struct store_batch *b)
{
	for (size_t i = 0; b->v && i < b->n * (size_t)b->ncols; i++)
		if (owns_bytes(&b->v[i]))
			free((char *)b->v[i].text);
	b->n = 0;
}

void store_batch_clear(struct store_batch *b)
{
	drop_pending(b);
	free(b->v);
	b->v = NULL;
}

/* Whether a pending value (a copy: its length known, a NULL text made STORE_NULL) equals a value being added. */
static bool same_value(const struct store_param *pending, const struct store_param *y)
{
	enum store_type ty = (y->type == STORE_TEXT || y->type == STORE_BLOB) && !y->text ? STORE_NULL : y->type;
	if (pending->type != ty)
		return false;
	switch (ty) {
	case STORE_INT: return pending->i == y->i;
	case STORE_REAL: return pending->r == y->r;
	case STORE_NULL: return true;
	default: {
		size_t n = y->len < 0 ? strlen(y->text) : (size_t)y->len;
		return (size_t)pending->len == n && (!n || memcmp(pending->text, y->text, n) == 0);
	}
	}
}

/* The pending row with the same key as row, or -1. */
static long pending_with_key(const struct store_batch *b, const struct store_param *row)
{
	for (size_t r = 0; b->key_cols > 0 && r < b->n; r++) {
		int c = 0;
		while (c < b->key_cols && same_value(&b->v[r * (size_t)b->ncols + (size_t)c], &row[c]))
			c++;
		if (c == b->key_cols)
			return (long)r;
	}
	return -1;
}

int store_batch_flush(struct store_batch *b, struct err *e)
{
	if (!b->n)
		return 0;
	const size_t ncols = (size_t)b->ncols;
	size_t cap = strlen(b->head) + strlen(b->tail) + b->n * ncols * 8 + 1;
	char *sql = malloc(cap);
	if (!sql) {
		drop_pending(b);
		return err_oom(e);
	}
	size_t len = (size_t)snprintf(sql, cap, "%s", b->head);
	for (size_t r = 0; r < b->n; r++)
		for (size_t c = 0; c < ncols; c++)
			len += (size_t)snprintf(sql + len, cap - len, "%s?%zu%s", c ? "" : r ? ", (" : "(", r * ncols + c + 1,
			                        c + 1 < ncols ? ", " : ")");
	snprintf(sql + len, cap - len, "%s", b->tail);
	int rc = store_run(b->s, sql, b->v, (int)(b->n * ncols), NULL, e);
	free(sql);
	drop_pending(b);
	return rc;
}

/* *p with its bytes copied (a TEXT of unknown length measured); false when out of memory. */
static bool copy_value(struct store_param *p)
{
	if (!owns_bytes(p))
		return true;
	size_t n = p->len < 0 ? strlen(p->text) : (size_t)p->len;
	char *t = malloc(n + 1);
	if (!t)
		return false;
	memcpy(t, p->text, n);
	t[n] = '\0';
	p->text = t;
	p->len = (long)n;
	return true;
}

int store_batch_add(struct store_batch *b, const struct store_param *row, struct err *e)
{
	if (b->ncols < 1 || b->ncols > STORE_BATCH_VALUES)
		return err_set(e, ERR_INTERNAL, NULL, "a batch row has 1 to %d values", STORE_BATCH_VALUES);
	const size_t ncols = (size_t)b->ncols;
	if (!b->v && !(b->v = calloc(rows_max(b) * ncols, sizeof *b->v)))
		return err_oom(e);
	long at = pending_with_key(b, row);
	struct store_param *dst = &b->v[(at >= 0 ? (size_t)at : b->n) * ncols];
	for (size_t c = 0; c < ncols; c++) {
		struct store_param v = row[c];
		if ((v.type == STORE_TEXT || v.type == STORE_BLOB) && !v.text)
			v = STORE_P_NULL;
		if (!copy_value(&v)) {
			for (size_t k = 0; at < 0 && k < c; k++) /* a new row's copies so far: not pending yet */
				if (owns_bytes(&dst[k]))
					free((char *)dst[k].text);
			drop_pending(b);
			return err_oom(e);
		}
		if (at >= 0 && owns_bytes(&dst[c]))
			free((char *)dst[c].text);
		dst[c] = v;
	}
	if (at < 0)
		b->n++;
	return b->n == rows_max(b) ? store_batch_flush(b, e) : 0;
}
