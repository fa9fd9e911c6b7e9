/* store test fixture: a migrated store on SQLite always and on PostgreSQL when OSAAJA_TEST_PG_URL is set, with the
 * test tables of the store tests (see store_fixture.h). */
#include "store_fixture.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/migrations.h"

char g_url[1024];
char g_tmpdir[256];


struct store *open_or_fail(const char *url)
{
	struct store *s = NULL;
	struct err e = {0};
	if (store_open(url, &s, &e))
		fail_msg("store_open(%s) failed: %s", url, e.message);
	return s;
}

void exec_ok(struct store *s, const char *sql)
{
	struct err e = {0};
	if (store_exec(s, sql, &e))
		fail_msg("exec failed: %s: %s", sql, e.message);
}

int64_t count_rows(struct store *s, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	struct err e = {0};
	if (store_query_int(s, sql, NULL, 0, &n, &found, &e))
		fail_msg("query failed: %s: %s", sql, e.message);
	assert_true(found);
	return n;
}

int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->s = open_or_fail(g_url);
	struct err e = {0};
	if (store_migrate(f->s, &e))
		fail_msg("migrate failed: %s", e.message);
	/* Test tables of our own, dropped first: a PostgreSQL database outlives the run. Children before parents. */
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_child");
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_parent");
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_types");
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_uniq");
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_marks");
	exec_ok(f->s, "DROP TABLE IF EXISTS rt_batch");
	exec_ok(f->s, "CREATE TABLE rt_types (id {{PK}}, i INTEGER, r REAL, t TEXT, b BLOB, n TEXT)");
	exec_ok(f->s, "CREATE TABLE rt_uniq (id {{PK}}, email TEXT NOT NULL UNIQUE, note TEXT)");
	exec_ok(f->s, "CREATE TABLE rt_parent (id {{PK}}, name TEXT NOT NULL)");
	exec_ok(f->s, "CREATE TABLE rt_child (id {{PK}}, parent_id INTEGER NOT NULL REFERENCES rt_parent(id), "
	              "label TEXT CHECK (label <> ''))");
	*state = f;
	return 0;
}

int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	free(f);
	return 0;
}

int pg_url_of_db(const char *url, const char *db, char *out, size_t n)
{
	const char *scheme = strstr(url, "://");
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	if (!slash)
		return -1;
	const char *q = strchr(slash, '?');
	int w = snprintf(out, n, "%.*s/%s%s", (int)(slash - url), url, db, q ? q : "");
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

int pg_database(const char *server_url, const char *db, bool drop_it)
{
	struct store *s = NULL;
	struct err e = {0};
	char sql[160];
	if (store_open(server_url, &s, &e)) {
		fprintf(stderr, "OSAAJA_TEST_PG_URL is set but unreachable: %s\n", e.message);
		return -1;
	}
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", db);
	int rc = store_exec(s, sql, &e);
	if (!rc && !drop_it) {
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
		rc = store_exec(s, sql, &e);
	}
	if (rc)
		fprintf(stderr, "%s: %s\n", sql, e.message);
	store_close(s);
	return rc ? -1 : 0;
}

/* Runs the common tests and the store's own ones against g_url; groups NAME_STORE and NAME_STORE_only. */
static int run_store(const char *name, const char *store, const struct CMUnitTest *common, size_t ncommon,
                     const struct CMUnitTest *own, size_t nown)
{
	char group[128];
	int failed = 0;
	snprintf(group, sizeof group, "%s_%s", name, store);
	if (ncommon)
		failed += _cmocka_run_group_tests(group, common, ncommon, setup, teardown);
	snprintf(group, sizeof group, "%s_%s_only", name, store);
	if (nown)
		failed += _cmocka_run_group_tests(group, own, nown, setup, teardown);
	return failed;
}

int store_fixture_run(const char *name, const struct CMUnitTest *common, size_t ncommon,
                      const struct CMUnitTest *sqlite_only, size_t nsqlite, const struct CMUnitTest *pg_only,
                      size_t npg)
{
	snprintf(g_tmpdir, sizeof g_tmpdir, "/tmp/osaaja-store-test.XXXXXX");
	if (!mkdtemp(g_tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(g_url, sizeof g_url, "sqlite:%s/test.db", g_tmpdir);
	int failed = run_store(name, "sqlite", common, ncommon, sqlite_only, nsqlite);

	const char *pg = getenv("OSAAJA_TEST_PG_URL");
	if (pg && *pg) {
		if (strlen(pg) >= sizeof g_url) {
			fprintf(stderr, "OSAAJA_TEST_PG_URL is too long\n");
			failed++;
		} else {
			/* Reachable, or the whole run fails: a set URL means PostgreSQL must be tested. */
			char db[96];
			snprintf(db, sizeof db, "osaaja_%s_%ld", name, (long)getpid());
			if (pg_database(pg, db, false) || pg_url_of_db(pg, db, g_url, sizeof g_url)) {
				failed++;
			} else {
				failed += run_store(name, "postgres", common, ncommon, pg_only, npg);
				failed += pg_database(pg, db, true) != 0;
			}
		}
	} else {
		printf("%s_postgres: not run (OSAAJA_TEST_PG_URL not set; tests/pg/run-unit.sh sets it)\n", name);
	}
	char p[300];
	const char *files[] = {"test.db", "test.db-wal", "test.db-shm", "backup.db"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(p, sizeof p, "%s/%s", g_tmpdir, files[i]);
		unlink(p);
	}
	rmdir(g_tmpdir);
	return failed ? 1 : 0;
}
