/* store batch: rows of one INSERT written many at a time. A bulk load (the taxonomy import, migrate-store) adds its
 * rows one by one; the batch writes them in statements of up to STORE_BATCH_ROWS rows (fewer for a wide table: a
 * statement binds at most STORE_BATCH_VALUES values), one round trip each on PostgreSQL instead of one a row. A row's
 * text and blobs are copied, so the caller's buffers may change after store_batch_add.
 *
 * Rows are written in the order added. Only the batch's own statement sees its pending rows: a caller that reads or
 * deletes what the batch writes calls store_batch_flush first. With key_cols > 0, a row whose first key_cols values
 * equal a pending row's replaces that row (the last one wins, as one upsert after another would; PostgreSQL refuses
 * an ON CONFLICT DO UPDATE that meets the same key twice in one statement). */
#pragma once
#include <stddef.h>

#include "store/store.h"

enum { STORE_BATCH_ROWS = 128, STORE_BATCH_VALUES = 900 };

struct store_batch {
	struct store *s;
	const char *head; /* "INSERT INTO t (a, b) VALUES ": the rows' placeholders follow */
	const char *tail; /* "" or " ON CONFLICT (...) DO ..." */
	int ncols;        /* values a row, 1 to STORE_BATCH_VALUES */
	int key_cols;     /* 0, or the leading columns that name a row (see above) */
	/* pending rows, ncols values each, their text and blobs owned by the batch (store_batch_clear frees them) */
	size_t n;
	struct store_param *v;
};

/* Adds a row of b->ncols values; writes the pending rows when the statement is full. 0 or an ERR_* code with e set
 * (the rows not written are dropped: the caller's transaction fails anyway). */
int store_batch_add(struct store_batch *b, const struct store_param *row, struct err *e);
/* Writes the pending rows. 0 or an ERR_* code with e set. */
int store_batch_flush(struct store_batch *b, struct err *e);
/* Drops the pending rows without writing them and frees what the batch holds; it may be used again. */
void store_batch_clear(struct store_batch *b);
