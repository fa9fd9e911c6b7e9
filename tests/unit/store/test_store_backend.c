/* What one store backend alone does: SQLite's notify no-ops and background checkpointer; PostgreSQL's LISTEN/NOTIFY,
 * reconnection, refusal of invalid values and concurrent migrations. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/migrations.h"
#include "store/store.h"
#include "store_fixture.h"

static void test_notify_sqlite_noop(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char buf[64];
	assert_int_equal(store_listen(f->s, "changes", &e), 0);
	assert_int_equal(store_notify(f->s, "changes", "x", &e), 0);
	assert_int_equal(store_poll_notify(f->s, 10, buf, sizeof buf, &e), 0);
	assert_int_equal(store_reconnect(f->s, &e), 0);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM schema_version"), (int64_t)store_migrations_count);
}

/* The background checkpointer: a commit that takes the WAL past its threshold hands the checkpoint to the thread,
 * which copies the pages into the database file; after stop, commits checkpoint by themselves again. */
static void test_checkpointer_sqlite(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	assert_int_equal(store_checkpointer_start(g_url, &e), 0);
	assert_int_equal(store_checkpointer_start(g_url, &e), ERR_INTERNAL); /* one per process */
	uint64_t before = store_checkpointer_runs();
	exec_ok(f->s, "CREATE TABLE rt_ckpt (b BLOB)");
	/* 1 200 rows of 4 KB: over 1 000 WAL pages in one commit */
	exec_ok(f->s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
	              "INSERT INTO rt_ckpt SELECT randomblob(4000) FROM n");
	for (int i = 0; i < 500 && store_checkpointer_runs() == before; i++)
		usleep(10000);
	assert_true(store_checkpointer_runs() > before);
	char path[300];
	snprintf(path, sizeof path, "%s/test.db", g_tmpdir);
	FILE *fp = fopen(path, "rb"); /* the pages reached the database file */
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	assert_true(ftell(fp) > 1200L * 4000);
	fclose(fp);
	store_checkpointer_stop();
	store_checkpointer_stop(); /* stopping twice is harmless */
	uint64_t after = store_checkpointer_runs();
	exec_ok(f->s, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
	              "INSERT INTO rt_ckpt SELECT randomblob(4000) FROM n");
	assert_int_equal(store_checkpointer_runs(), after);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_ckpt"), 2400);
	exec_ok(f->s, "DROP TABLE rt_ckpt");
}

/* ---- PostgreSQL only ---- */

static void test_pg_listen_notify(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store *other = open_or_fail(g_url);
	char buf[128];
	assert_int_equal(store_listen(f->s, "osaaja_test_changes", &e), 0);
	assert_int_equal(store_poll_notify(f->s, 50, buf, sizeof buf, &e), 0); /* nothing yet */
	assert_int_equal(store_begin(other, &e), 0);
	assert_int_equal(store_notify(other, "osaaja_test_changes", "client:42 ä", &e), 0);
	/* Not delivered before commit. */
	assert_int_equal(store_poll_notify(f->s, 200, buf, sizeof buf, &e), 0);
	assert_int_equal(store_commit(other, &e), 0);
	int rc = store_poll_notify(f->s, 5000, buf, sizeof buf, &e);
	if (rc != 1)
		fail_msg("poll: %d %s", rc, e.message);
	assert_string_equal(buf, "client:42 ä");
	/* Outside a transaction, delivered at once; a notification read while running a statement is not lost. */
	assert_int_equal(store_notify(other, "osaaja_test_changes", "second", &e), 0);
	usleep(100 * 1000);
	assert_true(count_rows(f->s, "SELECT COUNT(*) FROM rt_parent") >= 0);
	assert_int_equal(store_poll_notify(f->s, 5000, buf, sizeof buf, &e), 1);
	assert_string_equal(buf, "second");
	/* A payload longer than the buffer is cut, not overrun. */
	assert_int_equal(store_notify(other, "osaaja_test_changes", "0123456789abcdef", &e), 0);
	char small[8];
	assert_int_equal(store_poll_notify(f->s, 5000, small, sizeof small, &e), 1);
	assert_string_equal(small, "0123456");
	/* Channel names are checked: LISTEN takes an identifier. */
	assert_int_equal(store_listen(f->s, "bad; DROP TABLE x", &e), ERR_INVALID);
	store_close(other);
}

static void test_pg_reconnect(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store *victim = open_or_fail(g_url);
	struct store *killer = open_or_fail(g_url);
	int64_t pid = count_rows(victim, "SELECT pg_backend_pid()");
	assert_int_equal(store_listen(victim, "osaaja_test_changes", &e), 0);
	assert_int_equal(store_begin(victim, &e), 0);
	char pbuf[24];
	snprintf(pbuf, sizeof pbuf, "%lld", (long long)pid);
	const char *params[] = {pbuf};
	int64_t ok = 0;
	bool found = false;
	assert_int_equal(store_query_int(killer, "SELECT pg_terminate_backend(?1)", params,
	                                 1, &ok, &found, &e),
	                 0);
	assert_int_equal(ok, 1);
	usleep(200 * 1000);
	/* A cached statement and a fresh one both see the lost connection. */
	struct store_stmt *st;
	int rc = store_prepare(victim, "SELECT pg_backend_pid()", &st, &e);
	if (rc == 0)
		rc = -store_step(st, &e);
	assert_int_equal(rc, ERR_UNAVAILABLE);
	assert_int_equal(e.code, ERR_UNAVAILABLE);
	char buf[16];
	assert_true(store_poll_notify(victim, 10, buf, sizeof buf, &e) < 0);
	store_rollback(victim); /* harmless on a dead connection */
	assert_int_equal(store_reconnect(victim, &e), 0);
	assert_false(store_in_tx(victim));
	int64_t pid2 = count_rows(victim, "SELECT pg_backend_pid()");
	assert_true(pid2 != pid);
	assert_true(count_rows(victim, "SELECT COUNT(*) FROM rt_parent") >= 0);
	(void)f;
	store_close(killer);
	store_close(victim);
}

static void test_pg_bad_url(void **state)
{
	(void)state;
	struct store *s = NULL;
	struct err e = {0};
	/* Port 1 refuses at once; the message names the server but never the password. */
	int rc = store_open("postgres://osaaja:S3cretPassw0rd@127.0.0.1:1/nothing", &s, &e);
	assert_int_equal(rc, ERR_UNAVAILABLE);
	assert_null(s);
	assert_null(strstr(e.message, "S3cretPassw0rd"));
	assert_non_null(strstr(e.message, "127.0.0.1"));
	rc = store_open("postgresql://u:S3cretPassw0rd@127.0.0.1:1/db?password=S3cretPassw0rd&connect_timeout=2", &s, &e);
	assert_int_equal(rc, ERR_UNAVAILABLE);
	assert_null(strstr(e.message, "S3cretPassw0rd"));
}

static void test_pg_invalid_value(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store_stmt *st;
	assert_int_equal(store_prepare(f->s, "INSERT INTO rt_types (i) VALUES (?1)", &st, &e), 0);
	store_bind_text(st, 1, "not a number", -1);
	assert_int_equal(store_step(st, &e), -ERR_INVALID);
	assert_null(strstr(e.message, "not a number"));
	assert_int_equal(store_bind_text(st, 1, "a\0b", 3), ERR_INVALID);
}

/* Several servers starting at once on an empty database: the advisory lock serialises their migrations. */
struct mig_arg {
	const char *url;
	int rc;
	char msg[256];
};

static void *migrate_thread(void *p)
{
	struct mig_arg *a = p;
	struct store *s = NULL;
	struct err e = {0};
	a->rc = store_open(a->url, &s, &e);
	if (!a->rc)
		a->rc = store_migrate(s, &e);
	if (a->rc)
		snprintf(a->msg, sizeof a->msg, "%s", e.message);
	store_close(s);
	return NULL;
}

static void test_pg_concurrent_migrate(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char db[64], url[sizeof g_url + 64];
	snprintf(db, sizeof db, "osaaja_conc_%ld", (long)getpid());
	char sql[128];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", db);
	exec_ok(f->s, sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
	exec_ok(f->s, sql);
	assert_int_equal(pg_url_of_db(g_url, db, url, sizeof url), 0);
	enum { N = 6 };
	pthread_t th[N];
	struct mig_arg args[N];
	for (int i = 0; i < N; i++) {
		args[i] = (struct mig_arg){.url = url};
		assert_int_equal(pthread_create(&th[i], NULL, migrate_thread, &args[i]), 0);
	}
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < N; i++)
		if (args[i].rc)
			fail_msg("migrator %d failed: %s", i, args[i].msg);
	struct store *s = open_or_fail(url);
	assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM schema_version"), (int64_t)store_migrations_count);
	assert_int_equal(store_integrity_check(s, &e), 0);
	store_close(s);
	snprintf(sql, sizeof sql, "DROP DATABASE %s", db);
	exec_ok(f->s, sql);
}

int main(void)
{
	const struct CMUnitTest sqlite_only[] = {
		cmocka_unit_test(test_notify_sqlite_noop),
		cmocka_unit_test(test_checkpointer_sqlite),
		cmocka_unit_test(test_pg_bad_url), /* needs no server */
	};
	const struct CMUnitTest pg_only[] = {
		cmocka_unit_test(test_pg_listen_notify),      cmocka_unit_test(test_pg_reconnect),
		cmocka_unit_test(test_pg_invalid_value),      cmocka_unit_test(test_pg_concurrent_migrate),
	};
	return store_fixture_run("store_backend", NULL, 0, STORE_TESTS(sqlite_only), STORE_TESTS(pg_only));
}
