/* store batch: a multi-row INSERT written STORE_BATCH_ROWS rows a statement (see batch.h). */
#include "store/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void value_free(struct store_param *p)
{
	if (p->type == STORE_TEXT)
		free((char *)p->text);
	*p = STORE_P_NULL;
}

void store_batch_clear(struct store_batch *b)
{
	for (size_t i = 0; i < b->n * (size_t)b->ncols; i++)
		value_free(&b->v[i]);
	b->n = 0;
}

static bool same_value(const struct store_param *x, const struct store_param *y)
{
	if (x->type != y->type)
		return false;
	if (x->type == STORE_INT)
		return x->i == y->i;
	if (x->type == STORE_TEXT)
		return x->len == y->len && memcmp(x->text, y->text, (size_t)x->len) == 0; /* copies: never NULL */
	return x->type == STORE_NULL;
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
		store_batch_clear(b);
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
	store_batch_clear(b);
	return rc;
}

int store_batch_add(struct store_batch *b, const struct store_param *row, struct err *e)
{
	if (b->ncols < 1 || b->ncols > 8)
		return err_set(e, ERR_INTERNAL, NULL, "a batch row has 1 to 8 values");
	const size_t ncols = (size_t)b->ncols;
	struct store_param copy[8];
	for (size_t c = 0; c < ncols; c++) {
		copy[c] = row[c];
		if (row[c].type == STORE_TEXT && row[c].text) {
			size_t n = row[c].len < 0 ? strlen(row[c].text) : (size_t)row[c].len;
			char *t = malloc(n + 1);
			if (!t) {
				while (c--)
					value_free(&copy[c]);
				store_batch_clear(b);
				return err_oom(e);
			}
			memcpy(t, row[c].text, n);
			t[n] = '\0';
			copy[c] = (struct store_param){.type = STORE_TEXT, .text = t, .len = (long)n};
		} else if (row[c].type == STORE_TEXT) {
			copy[c] = STORE_P_NULL;
		}
	}
	long at = pending_with_key(b, copy);
	size_t r = at >= 0 ? (size_t)at : b->n++;
	for (size_t c = 0; c < ncols; c++) {
		if (at >= 0)
			value_free(&b->v[r * ncols + c]);
		b->v[r * ncols + c] = copy[c];
	}
	return b->n == STORE_BATCH_ROWS ? store_batch_flush(b, e) : 0;
}
