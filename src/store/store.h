/* store: the one interface to persistent storage. Domain and web code use only this header.
 *
 * A struct store is one connection to one database; it is not thread-safe: each worker thread opens its own.
 * Backends: SQLite (sqlite.c, the embedded default) and PostgreSQL (postgres.c), chosen by the URL given to store_open.
 *
 * SQL is written once, in a neutral dialect: parameters are ?1, ?2, ... (numbered, 1-based); timestamps and dates are
 * TEXT in ISO 8601 computed by the caller; booleans are INTEGER 0/1; ids come back through "RETURNING id"; upserts use
 * "ON CONFLICT (...) DO UPDATE". Each backend rewrites what it must (dialect.c holds every difference in one place).
 * Text searched with LIKE goes through store_like_pattern and its ESCAPE clause: '%' and '_' stay text on both.
 *
 * Statements are prepared once per connection and cached by their SQL text; store_prepare hands out the cached one,
 * reset and with its bindings cleared. Ownership: statements and the text returned by store_col_text belong to the
 * store; column text stays valid until the next store_step or store_prepare of the same statement.
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/err.h"

enum store_kind { STORE_SQLITE, STORE_POSTGRES };

enum store_type { STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT, STORE_BLOB };

enum { STORE_DONE = 0, STORE_ROW = 1 }; /* store_step results; < 0 is an error with e filled */

struct store;
struct store_stmt;

/* url: "postgres://..." or "postgresql://..." (libpq connection URI), "sqlite:PATH", or a plain file PATH (SQLite).
 * Opening does not migrate; call store_migrate. On error *out is NULL and e says why (without any password). */
int store_open(const char *url, struct store **out, struct err *e);
void store_close(struct store *s);
enum store_kind store_kind(const struct store *s);
/* True when the URL names PostgreSQL. */
bool store_url_is_postgres(const char *url);

/* Applies the numbered migrations in src/store/migrations/ that are newer than the recorded schema version, each in
 * its own transaction. Safe to call on every start and from several processes at once. */
int store_migrate(struct store *s, struct err *e);
int store_schema_version(struct store *s, int *version, struct err *e);
/* The recorded version only, in one statement that writes nothing (the health check): fails where no migration ran. */
int store_schema_version_read(struct store *s, int *version, struct err *e);

/* SQLite: the WAL checkpoints of this process's connections to the database at url run on one background thread
 * with its own connection, instead of inside whichever commit passes the threshold (a checkpoint fsyncs; in a commit
 * that every waiting read depends on, such as the audit appender's, it stalls them all). PostgreSQL: nothing to do.
 * One per process, for the server's lifetime; 0, or ERR_UNAVAILABLE with e filled. */
int store_checkpointer_start(const char *url, struct err *e);
void store_checkpointer_stop(void);
uint64_t store_checkpointer_runs(void); /* checkpoints the thread has run in this process (tests) */

/* Transactions. begin/commit/rollback do not nest; store_in_tx tells whether one is open. A failed commit rolls back.
 * After any failed step inside a transaction, roll it back: PostgreSQL aborts the whole transaction on an error (its
 * COMMIT then fails), whereas SQLite would carry on; code must not rely on SQLite's leniency. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);
bool store_in_tx(const struct store *s);
/* A read transaction, beside other readers and the writer. SQLite: one snapshot (WAL: no write lock and no process
 * mutex). PostgreSQL: no BEGIN or COMMIT is sent; each statement takes its own snapshot, as it would inside a READ
 * COMMITTED transaction, without the two round trips. Only reads run in it: a statement that writes fails with
 * ERR_INTERNAL before it runs, on both stores, so a read path that starts to write is found by any test. End it with
 * store_commit or store_rollback. */
int store_begin_read(struct store *s, struct err *e);
bool store_in_read_tx(const struct store *s);

/* Runs SQL text with no parameters and no result rows (DDL, PRAGMA). */
int store_exec(struct store *s, const char *sql, struct err *e);

int store_prepare(struct store *s, const char *sql, struct store_stmt **out, struct err *e);
/* Bind helpers return 0 or an ERR_* code; idx is 1-based and matches ?idx in the SQL. text may be NULL (binds NULL);
 * len -1 means strlen. The bytes are copied. */
int store_bind_null(struct store_stmt *st, int idx);
int store_bind_int(struct store_stmt *st, int idx, int64_t v);
int store_bind_real(struct store_stmt *st, int idx, double v);
int store_bind_text(struct store_stmt *st, int idx, const char *text, long len);
int store_bind_blob(struct store_stmt *st, int idx, const void *data, size_t len);
/* Executes (first call) and advances: STORE_ROW with a row ready, STORE_DONE when no more rows, or -(ERR_*) on error
 * with e filled.
 * A unique or foreign-key violation is ERR_CONFLICT; a lost connection is ERR_UNAVAILABLE. */
int store_step(struct store_stmt *st, struct err *e);
/* Resets the statement for reuse now (store_prepare also does this). */
void store_reset(struct store_stmt *st);

int store_col_count(struct store_stmt *st);
const char *store_col_name(struct store_stmt *st, int i);
enum store_type store_col_type(struct store_stmt *st, int i);
int64_t store_col_int(struct store_stmt *st, int i);
double store_col_real(struct store_stmt *st, int i);
const char *store_col_text(struct store_stmt *st, int i); /* NULL for SQL NULL */
const void *store_col_blob(struct store_stmt *st, int i, size_t *len);

/* Rows changed by the last completed INSERT/UPDATE/DELETE on this statement. */
int64_t store_changes(struct store_stmt *st);

/* Convenience: runs a statement that returns at most one integer (e.g. COUNT, RETURNING id) with the given text
 * parameters (NULL entries bind NULL). *found tells whether a row came back. */
int store_query_int(struct store *s, const char *sql, const char *const *params, int nparams, int64_t *out,
                    bool *found, struct err *e);

/* --- Statement helpers: prepare, bind, step and read in one call ---
 * Each helper that takes sql prepares it through the statement cache (store_prepare) and binds params[0..n-1] to
 * ?1..?n (n 0 and params NULL for none); unless its comment says otherwise, it leaves the statement reset when it
 * returns, whatever happened. They return 0 or an ERR_* code with e filled (a unique or foreign-key violation is
 * ERR_CONFLICT, as for store_step). SQL stays a constant with bound parameters: build params
 * with the STORE_P_* macros, e.g.
 *     const struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(now)};
 *     rc = store_run(s, "UPDATE t SET updated_at = ?2 WHERE id = ?1", p, STORE_NPARAMS(p), NULL, e);
 * Ownership: text in params is copied when bound (the caller keeps its own); JSON handed out belongs to the caller
 * (json_decref). */
struct store_param {
	enum store_type type; /* STORE_NULL, STORE_INT, STORE_REAL, STORE_TEXT or STORE_BLOB */
	int64_t i;
	double r;
	const char *text; /* text or blob bytes; NULL binds NULL */
	long len;         /* bytes of text; -1: up to its NUL (a blob's length is always given) */
};
#define STORE_P_INT(v) ((struct store_param){.type = STORE_INT, .i = (v)})
#define STORE_P_TEXT(s) ((struct store_param){.type = STORE_TEXT, .text = (s), .len = -1})
/* The first n bytes of s (s need not be NUL-terminated there). */
#define STORE_P_TEXTN(s, n) ((struct store_param){.type = STORE_TEXT, .text = (s), .len = (long)(n)})
#define STORE_P_NULL ((struct store_param){.type = STORE_NULL})
#define STORE_P_REAL(v) ((struct store_param){.type = STORE_REAL, .r = (v)})
#define STORE_P_BLOB(p, n) ((struct store_param){.type = STORE_BLOB, .text = (const char *)(p), .len = (long)(n)})
/* An integer that binds NULL when it is 0 (an optional reference). */
#define STORE_P_OPT_INT(v) ((v) ? STORE_P_INT(v) : STORE_P_NULL)
#define STORE_NPARAMS(p) ((int)(sizeof(p) / sizeof *(p)))

/* Binds params[0..n-1] to ?1..?n of a prepared statement; 0 or an ERR_* code. */
int store_bind_params(struct store_stmt *st, const struct store_param *params, int n);
/* store_prepare + store_bind_params: the statement is ready for store_step; the caller steps and resets it. */
int store_prepare_bound(struct store *s, const char *sql, const struct store_param *params, int n,
                        struct store_stmt **out, struct err *e);
/* store_prepare_bound + the first store_step, for reading a row by hand: 0 with *found telling whether a row came
 * back, or an ERR_* code (the statement is then reset). With *found true the row's columns are readable and the
 * caller resets the statement when done (store_reset); with *found false it is already reset. */
int store_query_first(struct store *s, const char *sql, const struct store_param *params, int n,
                      struct store_stmt **out, bool *found, struct err *e);
/* Runs a statement that returns no rows the caller wants (INSERT, UPDATE, DELETE; a RETURNING row is ignored).
 * changed: when not NULL, the rows it changed are ADDED to *changed (so one counter can sum several statements). */
int store_run(struct store *s, const char *sql, const struct store_param *params, int n, int64_t *changed,
              struct err *e);
/* Runs a statement whose first row's first column is an integer (COUNT, EXISTS, RETURNING id, MAX): *out is that
 * value, or 0 when no row came back or the value is NULL. found (may be NULL) tells whether a row came back. */
int store_count(struct store *s, const char *sql, const struct store_param *params, int n, int64_t *out,
                bool *found, struct err *e);

/* The current row of st as a new JSON object keyed by column name: INTEGER as integer, REAL as real, NULL as null,
 * anything else as a string (text that is not UTF-8 becomes "?"). NULL when out of memory. */
json_t *store_row_to_json(struct store_stmt *st);
/* Converts the current row of st to JSON (e.g. store_row_json with an entity definition); ctx is passed through. */
typedef json_t *store_row_fn(struct store_stmt *st, const void *ctx);
/* Steps st to its end, appending each row (converted by fn, or store_row_to_json when fn is NULL) to arr. Stops after
 * max rows in arr; *truncated (may be NULL) is then set true when another row was there. Resets st. */
int store_rows_append(struct store_stmt *st, size_t max, store_row_fn *fn, const void *ctx, json_t *arr,
                      bool *truncated, struct err *e);
/* Runs a query and hands out its rows (at most max, store_row_to_json) as a new JSON array in *out (NULL on error). */
int store_query_rows(struct store *s, const char *sql, const struct store_param *params, int n, size_t max,
                     json_t **out, struct err *e);
/* store_count for a yes-or-no question asked with COUNT(*) (is there such a link, an open referral, an erasure):
 * *yes tells whether the count is above 0, false on an error. */
int store_exists(struct store *s, const char *sql, const struct store_param *params, int n, bool *yes,
                 struct err *e);
/* Runs a query and hands out its first row (store_row_to_json) in *row; ERR_NOT_FOUND with field "id" and the message
 * "no such <what>" when there is none (*row is then NULL). */
int store_query_row(struct store *s, const char *sql, const struct store_param *params, int n, const char *what,
                    json_t **row, struct err *e);

/* Online backup to a SQLite file (SQLite: the backup API; PostgreSQL: ERR_INVALID with a hint to use pg_dump). */
int store_backup(struct store *s, const char *dest_path, struct err *e);
/* Runs the database's own integrity check. */
int store_integrity_check(struct store *s, struct err *e);

/* PostgreSQL change notifications (LISTEN/NOTIFY); on SQLite these are no-ops returning 0.
 * store_notify sends on channel within the current transaction; store_poll_notify waits up to timeout_ms and returns
 * 1 with the payload copied into buf, 0 on timeout, < 0 when the connection is lost. */
int store_listen(struct store *s, const char *channel, struct err *e);
int store_notify(struct store *s, const char *channel, const char *payload, struct err *e);
int store_poll_notify(struct store *s, int timeout_ms, char *buf, size_t bufsize, struct err *e);

/* After ERR_UNAVAILABLE from a lost PostgreSQL connection: drops every cached statement (statements handed out before
 * are invalid afterwards), abandons any open transaction and connects again with the URL given to store_open. On
 * failure the store stays unusable (calls fail with ERR_UNAVAILABLE) until a later store_reconnect succeeds.
 * SQLite: a no-op returning 0. */
int store_reconnect(struct store *s, struct err *e);

/* A LIKE pattern matching text that contains s literally: pre + s + post, where pre and post are LIKE syntax ("%",
 * "%,") and s has '%', '_' and the escape character escaped. Use it as a bound parameter followed by STORE_LIKE_ESCAPE;
 * fold lower-cases ASCII letters of s (for LOWER(column) LIKE ...). Returns a malloc'd string, or NULL (out of memory). */
char *store_like_pattern(const char *pre, const char *s, const char *post, bool fold);
#define STORE_LIKE_ESCAPE " ESCAPE '!'"
