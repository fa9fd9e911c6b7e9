/* backend: the private vtable each store backend fills; only store.c, sqlite.c and postgres.c include this. */
#pragma once
#include "core/strmap.h"
#include "store/store.h"

struct store_backend {
	const char *name;
	int (*open)(const char *url, struct store *s, struct err *e);
	void (*close)(struct store *s);
	int (*exec)(struct store *s, const char *sql, struct err *e);
	/* Prepares neutral SQL (already rewritten by dialect_rewrite for this backend) into a new statement. */
	int (*prepare)(struct store *s, const char *sql, struct store_stmt **out, struct err *e);
	void (*finalize)(struct store_stmt *st);
	int (*bind_null)(struct store_stmt *st, int idx);
	int (*bind_int)(struct store_stmt *st, int idx, int64_t v);
	int (*bind_real)(struct store_stmt *st, int idx, double v);
	int (*bind_text)(struct store_stmt *st, int idx, const char *text, size_t len);
	int (*bind_blob)(struct store_stmt *st, int idx, const void *data, size_t len);
	int (*step)(struct store_stmt *st, struct err *e);
	void (*reset)(struct store_stmt *st);
	int (*col_count)(struct store_stmt *st);
	const char *(*col_name)(struct store_stmt *st, int i);
	enum store_type (*col_type)(struct store_stmt *st, int i);
	int64_t (*col_int)(struct store_stmt *st, int i);
	double (*col_real)(struct store_stmt *st, int i);
	const char *(*col_text)(struct store_stmt *st, int i);
	const void *(*col_blob)(struct store_stmt *st, int i, size_t *len);
	int64_t (*changes)(struct store_stmt *st);
	int (*backup)(struct store *s, const char *dest, struct err *e);
	int (*integrity)(struct store *s, struct err *e);
	int (*listen)(struct store *s, const char *channel, struct err *e);
	int (*notify)(struct store *s, const char *channel, const char *payload, struct err *e);
	int (*poll_notify)(struct store *s, int timeout_ms, char *buf, size_t bufsize, struct err *e);
	/* Takes an advisory lock so concurrent migrators serialise (SQLite: BEGIN IMMEDIATE does it). */
	int (*lock_migrations)(struct store *s, struct err *e);
};

struct stmt_cache_entry {
	struct store_stmt *st; /* its text is cache_index's key */
};

struct store {
	const struct store_backend *be;
	enum store_kind kind;
	void *conn;   /* the backend's connection (sqlite3*; postgres.c's own struct); NULL after a failed reconnect */
	char *url;    /* as given to store_open, for store_reconnect */
	bool in_tx;
	bool read_tx; /* the open transaction is a read transaction (store_begin_read) */
	struct stmt_cache_entry *cache;
	size_t ncache, cache_cap;
	struct strmap cache_index; /* a statement's text -> its index in cache */
};

/* Every backend statement begins with this header so store.c can reach the store. */
struct store_stmt_base {
	struct store *s;
	bool writes; /* set by store_prepare from the statement's first word: not a SELECT, WITH, VALUES or EXPLAIN */
};

extern const struct store_backend store_sqlite_backend;
/* sqlite.c's background checkpointer (store_checkpointer_start). */
int sq_checkpointer_start(const char *path, struct err *e);
void sq_checkpointer_stop(void);
uint64_t sq_checkpointer_runs(void);
extern const struct store_backend store_postgres_backend;

/* dialect.c: rewrites neutral SQL for a backend; returns a malloc'd string the caller frees, or NULL (OOM). */
char *dialect_rewrite(enum store_kind kind, const char *sql);
