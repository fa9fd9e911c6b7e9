/* store: backend dispatch, the per-connection statement cache, and the migration runner. */
#include "store/store.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/strmap.h"
#include "store/backend.h"
#include "store/entity_store.h"
#include "store/migrations.h"

bool store_url_is_postgres(const char *url)
{
	return url && (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0);
}

int store_checkpointer_start(const char *url, struct err *e)
{
	if (!url || store_url_is_postgres(url))
		return 0;
	return sq_checkpointer_start(strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url, e);
}

void store_checkpointer_stop(void)
{
	sq_checkpointer_stop();
}

uint64_t store_checkpointer_runs(void)
{
	return sq_checkpointer_runs();
}

int store_open(const char *url, struct store **out, struct err *e)
{
	*out = NULL;
	if (!url || !*url)
		return err_set(e, ERR_INVALID, "db", "no database given");
	struct store *s = calloc(1, sizeof *s);
	if (!s)
		return err_oom(e);
	if (store_url_is_postgres(url)) {
		s->be = &store_postgres_backend;
		s->kind = STORE_POSTGRES;
	} else {
		s->be = &store_sqlite_backend;
		s->kind = STORE_SQLITE;
		if (strncmp(url, "sqlite:", 7) == 0)
			url += 7;
	}
	s->url = strdup(url);
	if (!s->url) {
		free(s);
		return err_oom(e);
	}
	int rc = s->be->open(url, s, e);
	if (rc) {
		free(s->url);
		free(s);
		return rc;
	}
	*out = s;
	return 0;
}

static void drop_cache(struct store *s)
{
	for (size_t i = 0; i < s->ncache; i++) {
		s->be->finalize(s->cache[i].st);
	}
	free(s->cache);
	s->cache = NULL;
	s->ncache = s->cache_cap = 0;
	strmap_free(&s->cache_index);
}

int store_reconnect(struct store *s, struct err *e)
{
	if (s->kind == STORE_SQLITE)
		return 0;
	/* Prepared statements live in the server session, so they die with the connection. */
	drop_cache(s);
	s->be->close(s);
	s->conn = NULL;
	s->in_tx = false;
	s->read_tx = false;
	return s->be->open(s->url, s, e);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		store_rollback(s);
	drop_cache(s);
	s->be->close(s);
	free(s->url);
	free(s);
}

enum store_kind store_kind(const struct store *s)
{
	return s->kind;
}

/* Whether a statement may write, by its first word: what a read transaction refuses. */
static bool sql_writes(const char *sql)
{
	static const char *const reads[] = {"SELECT", "WITH", "VALUES", "EXPLAIN"};
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '(')
		sql++;
	for (size_t i = 0; i < sizeof reads / sizeof *reads; i++) {
		size_t n = strlen(reads[i]);
		if (strncasecmp(sql, reads[i], n) == 0 && !isalnum((unsigned char)sql[n]) && sql[n] != '_')
			return false;
	}
	return true;
}

int store_exec(struct store *s, const char *sql, struct err *e)
{
	if (s->in_tx && s->read_tx && sql_writes(sql))
		return err_set(e, ERR_INTERNAL, "", "a statement that writes ran in a read transaction");
	char *r = dialect_rewrite(s->kind, sql);
	if (!r)
		return err_oom(e);
	int rc = s->be->exec(s, r, e);
	free(r);
	return rc;
}

/* SQLite has one writer at a time. Threads of this process queue on a mutex instead of in SQLite's busy handler,
 * whose sleeping back-off gives long tail latencies under load; the busy timeout still covers other processes. */
/* Recursive: one thread may hold transactions on two SQLite files at once (migrate-store between two files). */
static pthread_mutex_t sqlite_writer = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static void writer_release(struct store *s)
{
	if (s->kind == STORE_SQLITE && !s->read_tx)
		pthread_mutex_unlock(&sqlite_writer);
}

int store_begin(struct store *s, struct err *e)
{
	if (s->in_tx)
		return err_set(e, ERR_INTERNAL, "", "transaction already open");
	if (s->kind == STORE_SQLITE)
		pthread_mutex_lock(&sqlite_writer);
	int rc = s->be->exec(s, s->kind == STORE_SQLITE ? "BEGIN IMMEDIATE" : "BEGIN", e);
	if (!rc)
		s->in_tx = true;
	else
		writer_release(s);
	return rc;
}

int store_begin_read(struct store *s, struct err *e)
{
	if (s->in_tx)
		return err_set(e, ERR_INTERNAL, "", "transaction already open");
	/* SQLite's deferred BEGIN takes its snapshot at the first read and no lock until a write, which is refused.
	 * PostgreSQL at READ COMMITTED (its level here) takes a snapshot per statement inside a transaction as outside
	 * one, so there BEGIN and COMMIT would buy nothing for two of a client read's four round trips: its statements
	 * run on their own, and the read-only rule is kept here as on SQLite. */
	int rc = s->kind == STORE_POSTGRES ? 0 : s->be->exec(s, "BEGIN", e);
	if (!rc) {
		s->in_tx = true;
		s->read_tx = true;
	}
	return rc;
}

bool store_in_read_tx(const struct store *s)
{
	return s->in_tx && s->read_tx;
}

int store_commit(struct store *s, struct err *e)
{
	if (!s->in_tx)
		return err_set(e, ERR_INTERNAL, "", "no transaction open");
	int rc = s->kind == STORE_POSTGRES && s->read_tx ? 0 : s->be->exec(s, "COMMIT", e);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	s->in_tx = false;
	writer_release(s);
	s->read_tx = false;
	return 0;
}

void store_rollback(struct store *s)
{
	if (!s->in_tx)
		return;
	/* Reset cached statements first: SQLite cannot roll back while a statement is mid-step. */
	for (size_t i = 0; i < s->ncache; i++)
		s->be->reset(s->cache[i].st);
	struct err ignored = {0};
	if (!(s->kind == STORE_POSTGRES && s->read_tx))
		s->be->exec(s, "ROLLBACK", &ignored);
	s->in_tx = false;
	writer_release(s);
	s->read_tx = false;
}

bool store_in_tx(const struct store *s)
{
	return s->in_tx;
}

int store_prepare(struct store *s, const char *sql, struct store_stmt **out, struct err *e)
{
	/* By the text's hash: a connection holds a few hundred statements, many of them a kilobyte long with the same
	 * start (an entity's column list), and comparing the text with each one was a twentieth of a search's CPU. */
	const int64_t *at = strmap_get(&s->cache_index, sql);
	if (at) {
		s->be->reset(s->cache[*at].st);
		*out = s->cache[*at].st;
		return 0;
	}
	if (buf_grow_array(&s->cache, &s->cache_cap, s->ncache + 1, sizeof *s->cache, 64, SIZE_MAX))
		return err_oom(e);
	char *r = dialect_rewrite(s->kind, sql);
	if (!r)
		return err_oom(e);
	struct store_stmt *st;
	int rc = s->be->prepare(s, r, &st, e);
	free(r);
	if (rc)
		return rc;
	((struct store_stmt_base *)st)->writes = sql_writes(sql);
	if (strmap_put(&s->cache_index, sql, (int64_t)s->ncache)) { /* the map keeps the text */
		s->be->finalize(st);
		return err_oom(e);
	}
	s->cache[s->ncache].st = st;
	s->ncache++;
	*out = st;
	return 0;
}

static const struct store_backend *be_of(struct store_stmt *st)
{
	return ((struct store_stmt_base *)st)->s->be;
}

int store_bind_null(struct store_stmt *st, int idx) { return be_of(st)->bind_null(st, idx); }
int store_bind_int(struct store_stmt *st, int idx, int64_t v) { return be_of(st)->bind_int(st, idx, v); }
int store_bind_real(struct store_stmt *st, int idx, double v) { return be_of(st)->bind_real(st, idx, v); }

int store_bind_text(struct store_stmt *st, int idx, const char *text, long len)
{
	if (!text)
		return be_of(st)->bind_null(st, idx);
	return be_of(st)->bind_text(st, idx, text, len < 0 ? strlen(text) : (size_t)len);
}

int store_bind_blob(struct store_stmt *st, int idx, const void *data, size_t len)
{
	return be_of(st)->bind_blob(st, idx, data, len);
}

int store_step(struct store_stmt *st, struct err *e)
{
	const struct store_stmt_base *b = (const struct store_stmt_base *)st;
	if (b->writes && b->s->read_tx && b->s->in_tx)
		return -err_set(e, ERR_INTERNAL, "", "a statement that writes ran in a read transaction");
	return b->s->be->step(st, e);
}
void store_reset(struct store_stmt *st) { be_of(st)->reset(st); }
int store_col_count(struct store_stmt *st) { return be_of(st)->col_count(st); }
const char *store_col_name(struct store_stmt *st, int i) { return be_of(st)->col_name(st, i); }
enum store_type store_col_type(struct store_stmt *st, int i) { return be_of(st)->col_type(st, i); }
int64_t store_col_int(struct store_stmt *st, int i) { return be_of(st)->col_int(st, i); }
double store_col_real(struct store_stmt *st, int i) { return be_of(st)->col_real(st, i); }
const char *store_col_text(struct store_stmt *st, int i) { return be_of(st)->col_text(st, i); }
const void *store_col_blob(struct store_stmt *st, int i, size_t *len) { return be_of(st)->col_blob(st, i, len); }
int64_t store_changes(struct store_stmt *st) { return be_of(st)->changes(st); }

int store_query_int(struct store *s, const char *sql, const char *const *params, int nparams, int64_t *out,
                    bool *found, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st, e);
	if (rc)
		return rc;
	for (int i = 0; i < nparams; i++)
		if ((rc = store_bind_text(st, i + 1, params[i], -1)))
			return err_set(e, rc, "", "could not bind a parameter");
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (found)
		*found = rc == STORE_ROW;
	if (rc == STORE_ROW && out)
		*out = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

int store_backup(struct store *s, const char *dest_path, struct err *e) { return s->be->backup(s, dest_path, e); }
int store_integrity_check(struct store *s, struct err *e) { return s->be->integrity(s, e); }
int store_listen(struct store *s, const char *ch, struct err *e) { return s->be->listen(s, ch, e); }
int store_notify(struct store *s, const char *ch, const char *p, struct err *e) { return s->be->notify(s, ch, p, e); }
int store_poll_notify(struct store *s, int timeout_ms, char *buf, size_t n, struct err *e)
{
	return s->be->poll_notify(s, timeout_ms, buf, n, e);
}

static const char schema_table[] =
	"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, "
	"applied_at TEXT NOT NULL)";

int store_schema_version_read(struct store *s, int *version, struct err *e)
{
	int64_t v = 0;
	bool found;
	int rc = store_query_int(s, "SELECT COALESCE(MAX(version), 0) FROM schema_version", NULL, 0, &v, &found, e);
	*version = (int)v;
	return rc;
}

int store_schema_version(struct store *s, int *version, struct err *e)
{
	int rc = store_exec(s, schema_table, e);
	return rc ? rc : store_schema_version_read(s, version, e);
}

/* Splits a migration into statements at ';' that end a line, so one exec call runs one statement (libpq's
 * extended protocol and our dialect rewrite both want single statements). */
static int run_script(struct store *s, const char *sql, struct err *e)
{
	const char *p = sql;
	while (*p) {
		const char *end = p;
		while (*end && !(*end == ';' && (end[1] == '\n' || end[1] == 0 || end[1] == '\r')))
			end++;
		char *one = strndup(p, (size_t)(end - p));
		if (!one)
			return err_oom(e);
		bool blank = true;
		for (char *c = one; *c && blank; c++) {
			if (*c == '-' && c[1] == '-') {
				char *nl = strchr(c, '\n');
				if (!nl)
					break;
				c = nl;
			} else if (*c > ' ') {
				blank = false;
			}
		}
		int rc = blank ? 0 : store_exec(s, one, e);
		free(one);
		if (rc)
			return rc;
		p = *end ? end + 1 : end;
	}
	return 0;
}

int store_migrate(struct store *s, struct err *e)
{
	/* Under the migration lock: on PostgreSQL two processes racing through CREATE TABLE IF NOT EXISTS can both try to
	 * create the table, and one fails. */
	int rc = store_begin(s, e);
	if (rc)
		return rc;
	if ((rc = s->be->lock_migrations(s, e)) || (rc = store_exec(s, schema_table, e))) {
		store_rollback(s);
		return rc;
	}
	if ((rc = store_commit(s, e)))
		return rc;
	for (size_t i = 0; i < store_migrations_count; i++) {
		const struct migration *m = &store_migrations[i];
		if ((rc = store_begin(s, e)))
			return rc;
		if ((rc = s->be->lock_migrations(s, e)))
			goto fail;
		int64_t have = 0;
		bool found;
		char vbuf[16];
		snprintf(vbuf, sizeof vbuf, "%d", m->version);
		const char *params[] = {vbuf};
		if ((rc = store_query_int(s, "SELECT COUNT(*) FROM schema_version WHERE version = CAST(?1 AS INTEGER)",
		                          params, 1, &have, &found, e)))
			goto fail;
		if (have) {
			store_rollback(s);
			continue;
		}
		if ((rc = run_script(s, m->sql, e))) {
			char msg[sizeof e->message];
			snprintf(msg, sizeof msg, "%s", e->message);
			err_set(e, rc, "", "migration %04d_%s failed: %.180s", m->version, m->name, msg);
			goto fail;
		}
		const char *p2[] = {vbuf, m->name};
		if ((rc = store_query_int(s,
		                          "INSERT INTO schema_version (version, name, applied_at) VALUES (CAST(?1 AS INTEGER), "
		                          "?2, CAST(CURRENT_TIMESTAMP AS TEXT))",
		                          p2, 2, NULL, NULL, e)))
			goto fail;
		if ((rc = store_commit(s, e)))
			return rc;
		log_info("event=migrated version=%d name=%s", m->version, m->name);
	}
	/* the steps SQL cannot do: the search index of existing rows (0010) */
	return store_search_backfill(s, e);
fail:
	store_rollback(s);
	return rc;
}
