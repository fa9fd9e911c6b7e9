/* store test fixture: the store tests' setup, their test tables, and a runner that runs a test list on SQLite always
 * and on PostgreSQL when OSAAJA_TEST_PG_URL is set (tests/pg/run-unit.sh starts a server and sets it). A set but
 * unreachable URL fails the run; it is never skipped. */
#ifndef OSAAJA_TESTS_STORE_FIXTURE_H
#define OSAAJA_TESTS_STORE_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/store.h"

extern char g_url[1024];  /* the backend under test */
extern char g_tmpdir[256]; /* SQLite files live here */

struct fx {
	struct store *s;
};

struct store *open_or_fail(const char *url);
void exec_ok(struct store *s, const char *sql);
int64_t count_rows(struct store *s, const char *sql);
/* A migrated store in *state (a struct fx) with the test tables rt_* created empty; teardown closes it. */
int setup(void **state);
int teardown(void **state);

/* Runs common on both stores and the others on theirs; groups are named NAME_sqlite, NAME_postgres, ...
 * On PostgreSQL the program works in a database of its own (created and dropped here), so test programs that run
 * at the same time do not share the rt_* tables. Returns non-zero when any test failed. */
int store_fixture_run(const char *name, const struct CMUnitTest *common, size_t ncommon,
                      const struct CMUnitTest *sqlite_only, size_t nsqlite, const struct CMUnitTest *pg_only,
                      size_t npg);

/* Creates db afresh (drop_it false: dropped first if it is there) or drops it, through the server's URL; 0 when
 * done, else -1 with the reason on stderr. */
int pg_database(const char *server_url, const char *db, bool drop_it);
/* url with its database replaced by db (same server); -1 when url has no path or out is too small. */
int pg_url_of_db(const char *url, const char *db, char *out, size_t n);

#define STORE_TESTS(t) (t), sizeof(t) / sizeof *(t)

#endif
