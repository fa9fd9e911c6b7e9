/* sqlite: the embedded default backend (WAL, foreign keys on, busy timeout, online backup). */
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"

struct sq_stmt {
	struct store_stmt_base base;
	sqlite3_stmt *st;
	int64_t changes;
};

static int map_rc(sqlite3 *db, int rc, struct err *e)
{
	int ext = sqlite3_extended_errcode(db);
	const char *msg = sqlite3_errmsg(db);
	rc &= 0xff; /* extended result codes are on: compare primary codes */
	if (rc == SQLITE_CONSTRAINT) {
		if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
			return err_key(e, ERR_CONFLICT, "", "exists", "a record with the same key already exists");
		if (ext == SQLITE_CONSTRAINT_FOREIGNKEY)
			return err_set(e, ERR_CONFLICT, "", "a referenced record does not exist or is still in use");
		return err_set(e, ERR_INVALID, "", "a value breaks a rule of the data model");
	}
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return err_set(e, ERR_UNAVAILABLE, "", "the database is busy; try again");
	if (rc == SQLITE_NOMEM)
		return err_oom(e);
	if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY)
		return err_set(e, ERR_UNAVAILABLE, "", "database unavailable: %s", msg);
	return err_set(e, ERR_INTERNAL, "", "database error: %s", msg);
}

static int sq_exec(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->conn, sql, NULL, NULL, &msg);
	sqlite3_free(msg);
	return rc == SQLITE_OK ? 0 : map_rc(s->conn, rc, e);
}

/* Erasure (privacy_store_erase) calls osaaja_checkpoint_after_commit() in its transaction: once that transaction
 * commits, the WAL is checkpointed into the file and truncated to zero bytes, so the erased data's old page versions
 * do not stay in the -wal file (secure_delete, set at open, zeroes them in the database file itself). A rolled-back
 * erasure leaves the request standing: the next commit of the connection checkpoints, which does no harm. */
struct sq_flags {
	int checkpoint; /* a TRUNCATE checkpoint is due after the next commit (kept until one succeeds) */
};

static void sq_fn_checkpoint(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	struct sq_flags *f = sqlite3_user_data(cx);
	f->checkpoint = 1;
	sqlite3_result_int(cx, 1);
}

/* The background checkpointer (store_checkpointer_start): one thread with its own connection runs the PASSIVE
 * checkpoints that a commit would otherwise run itself. A checkpoint syncs the WAL and the database file; done by the
 * audit appender, whose commits every read waits for, each of those fsyncs stalled every read in the process. */
static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	bool running, stop, due;
	uint64_t runs; /* checkpoints run, for tests */
	sqlite3 *db;
	const char *file; /* the main database file of db, as sqlite3_db_filename names it */
} ckpt = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

/* Tells the checkpointer that db's WAL is due, when it serves that database file; false when the caller must
 * checkpoint by itself. */
static bool ckpt_hand_over(sqlite3 *db, const char *name)
{
	const char *file = sqlite3_db_filename(db, name);
	pthread_mutex_lock(&ckpt.mu);
	bool mine = ckpt.running && !ckpt.stop && file && strcmp(file, ckpt.file) == 0;
	if (mine) {
		ckpt.due = true;
		pthread_cond_signal(&ckpt.cv);
	}
	pthread_mutex_unlock(&ckpt.mu);
	return mine;
}

static void *ckpt_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&ckpt.mu);
	while (!ckpt.stop) {
		if (!ckpt.due) {
			pthread_cond_wait(&ckpt.cv, &ckpt.mu);
			continue;
		}
		ckpt.due = false;
		pthread_mutex_unlock(&ckpt.mu);
		/* PASSIVE: copies what no reader still needs and never blocks a reader or the writer; a WAL that is not
		 * through is due again at the next commit over the threshold. */
		sqlite3_wal_checkpoint_v2(ckpt.db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&ckpt.mu);
		ckpt.runs++;
	}
	pthread_mutex_unlock(&ckpt.mu);
	return NULL;
}

int sq_checkpointer_start(const char *path, struct err *e)
{
	if (ckpt.running)
		return err_set(e, ERR_INTERNAL, "", "the checkpointer is already running");
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "db", "cannot open database %s: %s", path, db ? sqlite3_errmsg(db) : "no memory");
		sqlite3_close(db);
		return ERR_UNAVAILABLE;
	}
	sqlite3_busy_timeout(db, 10000);
	/* A connection that has read nothing has not opened the WAL, and its checkpoints do nothing. */
	if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL) != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "db", "cannot open database %s: %s", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return ERR_UNAVAILABLE;
	}
	ckpt.db = db;
	ckpt.file = sqlite3_db_filename(db, "main");
	ckpt.stop = ckpt.due = false;
	if (!ckpt.file || pthread_create(&ckpt.thread, NULL, ckpt_main, NULL) != 0) {
		sqlite3_close(db);
		ckpt.db = NULL;
		return err_set(e, ERR_UNAVAILABLE, "", "cannot start the checkpointer thread");
	}
	pthread_mutex_lock(&ckpt.mu);
	ckpt.running = true;
	pthread_mutex_unlock(&ckpt.mu);
	return 0;
}

uint64_t sq_checkpointer_runs(void)
{
	pthread_mutex_lock(&ckpt.mu);
	uint64_t n = ckpt.runs;
	pthread_mutex_unlock(&ckpt.mu);
	return n;
}

void sq_checkpointer_stop(void)
{
	pthread_mutex_lock(&ckpt.mu);
	bool was = ckpt.running;
	ckpt.stop = true;
	pthread_cond_signal(&ckpt.cv);
	pthread_mutex_unlock(&ckpt.mu);
	if (!was)
		return;
	pthread_join(ckpt.thread, NULL);
	pthread_mutex_lock(&ckpt.mu); /* commits from now on checkpoint by themselves again */
	ckpt.running = false;
	pthread_mutex_unlock(&ckpt.mu);
	sqlite3_close(ckpt.db);
	ckpt.db = NULL;
	ckpt.file = NULL;
}

/* Called by SQLite after each commit, the write lock released. Setting a WAL hook replaces the automatic
 * checkpoint, so this also does what sqlite3_wal_autocheckpoint(db, 1000), the default, would (or hands it to the
 * checkpointer). */
static int sq_wal_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct sq_flags *f = arg;
	if (f->checkpoint) {
		int log = 0, done = 0;
		/* TRUNCATE waits (busy timeout) for readers of older snapshots; when they keep it busy, the next commit
		 * tries again. */
		if (sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, &log, &done) == SQLITE_OK)
			f->checkpoint = 0;
	} else if (pages >= 1000 && !ckpt_hand_over(db, name)) {
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	}
	return SQLITE_OK;
}

static int sq_open(const char *path, struct store *s, struct err *e)
{
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_UNAVAILABLE, "db", "cannot open database %s: %s", path, db ? sqlite3_errmsg(db) : "no memory");
		sqlite3_close(db);
		return ERR_UNAVAILABLE;
	}
	s->conn = db;
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 1);
	/* WAL lets readers in other threads run beside the one writer; NORMAL sync is durable at checkpoints
	 * and never corrupts; foreign keys are off by default in SQLite. */
	/* secure_delete: deleted and overwritten content is zeroed in the pages (and freed pages are cleared), so an
	 * erased client's data does not linger in the file's free space. */
	rc = sq_exec(s,
	             "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
	             "PRAGMA secure_delete=ON;",
	             e);
	struct sq_flags *f = rc ? NULL : sqlite3_malloc(sizeof *f);
	if (!rc && !f)
		rc = err_set(e, ERR_UNAVAILABLE, "db", "out of memory");
	if (f) {
		f->checkpoint = 0;
		/* the function owns f: SQLite frees it when the connection closes (also when registering fails) */
		if (sqlite3_create_function_v2(db, "osaaja_checkpoint_after_commit", 0, SQLITE_UTF8 | SQLITE_DIRECTONLY, f,
		                               sq_fn_checkpoint, NULL, NULL, sqlite3_free) != SQLITE_OK)
			rc = map_rc(db, sqlite3_errcode(db), e);
		else
			sqlite3_wal_hook(db, sq_wal_hook, f);
	}
	if (rc) {
		sqlite3_close(db);
		s->conn = NULL;
		return rc;
	}
	return 0;
}

static void sq_close(struct store *s)
{
	sqlite3_close(s->conn);
}

static int sq_prepare(struct store *s, const char *sql, struct store_stmt **out, struct err *e)
{
	struct sq_stmt *q = calloc(1, sizeof *q);
	if (!q)
		return err_oom(e);
	q->base.s = s;
	int rc = sqlite3_prepare_v3(s->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->st, NULL);
	if (rc != SQLITE_OK) {
		free(q);
		return map_rc(s->conn, rc, e);
	}
	*out = (struct store_stmt *)q;
	return 0;
}

#define Q(st) ((struct sq_stmt *)(st))

static void sq_finalize(struct store_stmt *st)
{
	sqlite3_finalize(Q(st)->st);
	free(st);
}

static int bind_rc(int rc)
{
	return rc == SQLITE_OK ? 0 : rc == SQLITE_RANGE ? ERR_INTERNAL : ERR_UNAVAILABLE;
}

static int sq_bind_null(struct store_stmt *st, int i) { return bind_rc(sqlite3_bind_null(Q(st)->st, i)); }
static int sq_bind_int(struct store_stmt *st, int i, int64_t v) { return bind_rc(sqlite3_bind_int64(Q(st)->st, i, v)); }
static int sq_bind_real(struct store_stmt *st, int i, double v) { return bind_rc(sqlite3_bind_double(Q(st)->st, i, v)); }

static int sq_bind_text(struct store_stmt *st, int i, const char *t, size_t n)
{
	return bind_rc(sqlite3_bind_text64(Q(st)->st, i, t, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static int sq_bind_blob(struct store_stmt *st, int i, const void *d, size_t n)
{
	return bind_rc(sqlite3_bind_blob64(Q(st)->st, i, d, n, SQLITE_TRANSIENT));
}

static int sq_step(struct store_stmt *st, struct err *e)
{
	sqlite3 *db = sqlite3_db_handle(Q(st)->st);
	int rc = sqlite3_step(Q(st)->st);
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE) {
		Q(st)->changes = sqlite3_changes64(db);
		return STORE_DONE;
	}
	int code = map_rc(db, rc, e);
	sqlite3_reset(Q(st)->st);
	return -code;
}

static void sq_reset(struct store_stmt *st)
{
	sqlite3_reset(Q(st)->st);
	sqlite3_clear_bindings(Q(st)->st);
}

static int sq_col_count(struct store_stmt *st) { return sqlite3_column_count(Q(st)->st); }
static const char *sq_col_name(struct store_stmt *st, int i) { return sqlite3_column_name(Q(st)->st, i); }

static enum store_type sq_col_type(struct store_stmt *st, int i)
{
	switch (sqlite3_column_type(Q(st)->st, i)) {
	case SQLITE_INTEGER: return STORE_INT;
	case SQLITE_FLOAT: return STORE_REAL;
	case SQLITE_TEXT: return STORE_TEXT;
	case SQLITE_BLOB: return STORE_BLOB;
	default: return STORE_NULL;
	}
}

static int64_t sq_col_int(struct store_stmt *st, int i) { return sqlite3_column_int64(Q(st)->st, i); }
static double sq_col_real(struct store_stmt *st, int i) { return sqlite3_column_double(Q(st)->st, i); }
static const char *sq_col_text(struct store_stmt *st, int i) { return (const char *)sqlite3_column_text(Q(st)->st, i); }

static const void *sq_col_blob(struct store_stmt *st, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(Q(st)->st, i);
	*len = (size_t)sqlite3_column_bytes(Q(st)->st, i);
	return p;
}

static int64_t sq_changes(struct store_stmt *st) { return Q(st)->changes; }

static int sq_backup(struct store *s, const char *dest, struct err *e)
{
	sqlite3 *to = NULL;
	int rc = sqlite3_open(dest, &to);
	if (rc != SQLITE_OK) {
		err_set(e, ERR_INVALID, "file", "cannot create backup file %s: %s", dest, to ? sqlite3_errmsg(to) : "no memory");
		sqlite3_close(to);
		return ERR_INVALID;
	}
	sqlite3_backup *b = sqlite3_backup_init(to, "main", s->conn, "main");
	if (!b) {
		err_set(e, ERR_INTERNAL, "", "backup failed: %s", sqlite3_errmsg(to));
		sqlite3_close(to);
		return ERR_INTERNAL;
	}
	/* One step over the whole file: in WAL mode it reads one consistent snapshot and writers keep going beside it.
	 * (Copying in small steps restarts whenever another connection writes, so under steady writes it never ends.) */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	int out = 0;
	if (rc != SQLITE_DONE)
		out = err_set(e, ERR_INTERNAL, "", "backup failed: %s", sqlite3_errstr(rc));
	else if (sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
		out = err_set(e, ERR_INTERNAL, "", "backup written but could not be finalised");
	sqlite3_close(to);
	return out;
}

static int sq_integrity(struct store *s, struct err *e)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->conn, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return map_rc(s->conn, SQLITE_ERROR, e);
	int rc = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (!r || strcmp(r, "ok") != 0)
			rc = err_set(e, ERR_INTERNAL, "", "integrity check failed: %.200s", r ? r : "?");
	}
	sqlite3_finalize(st);
	if (!rc) {
		if (sqlite3_prepare_v2(s->conn, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
			return map_rc(s->conn, SQLITE_ERROR, e);
		if (sqlite3_step(st) == SQLITE_ROW)
			rc = err_set(e, ERR_INTERNAL, "", "foreign key check failed in table %s",
			             (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	return rc;
}

static int sq_listen(struct store *s, const char *ch, struct err *e) { (void)s; (void)ch; (void)e; return 0; }
static int sq_notify(struct store *s, const char *ch, const char *p, struct err *e)
{
	(void)s; (void)ch; (void)p; (void)e;
	return 0;
}
static int sq_poll(struct store *s, int t, char *b, size_t n, struct err *e)
{
	(void)s; (void)t; (void)b; (void)n; (void)e;
	return 0;
}
static int sq_lock(struct store *s, struct err *e) { (void)s; (void)e; return 0; }

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.bind_null = sq_bind_null,
	.bind_int = sq_bind_int,
	.bind_real = sq_bind_real,
	.bind_text = sq_bind_text,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.reset = sq_reset,
	.col_count = sq_col_count,
	.col_name = sq_col_name,
	.col_type = sq_col_type,
	.col_int = sq_col_int,
	.col_real = sq_col_real,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.backup = sq_backup,
	.integrity = sq_integrity,
	.listen = sq_listen,
	.notify = sq_notify,
	.poll_notify = sq_poll,
	.lock_migrations = sq_lock,
};
