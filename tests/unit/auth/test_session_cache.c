/* Unit tests for the session cache (src/auth/session_cache.h): off on SQLite; on PostgreSQL (when OSAAJA_TEST_PG_URL
 * is set, as tests/pg/run-unit.sh does) an entry is served for at most SESSION_CACHE_S seconds, emptied by
 * session_cache_forget_all and by a NOTIFY on osaaja_sessions from another connection, and a lookup that began
 * before the cache was emptied does not refill it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/session_cache.h"
#include "store/store.h"

static const char H1[] = "3f2a000000000000000000000000000000000000000000000000000000000001";

static struct principal someone(void)
{
	struct principal p = {.user_id = 7, .org_id = 3, .role = ROLE_COUNSELLOR, .session_id = 11};
	snprintf(p.email, sizeof p.email, "neuvoja@alue.fi");
	snprintf(p.lang, sizeof p.lang, "fi");
	return p;
}

static void test_off_on_sqlite(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(session_cache_start("sqlite:/tmp/osaaja-session-cache-unused.db", &e), 0);
	assert_false(session_cache_on());
	struct principal p = someone(), got = {0};
	uint64_t gen = 99;
	assert_false(session_cache_get(H1, 1000, &got, &gen));
	assert_int_equal(gen, 0); /* nothing to put */
	session_cache_put(H1, &p, gen, 1000);
	assert_false(session_cache_get(H1, 1000, &got, &gen));
	session_cache_stop();
}

static bool wait_on(bool want)
{
	for (int i = 0; i < 500 && session_cache_on() != want; i++)
		usleep(10000);
	return session_cache_on() == want;
}

static void test_on_postgres(void **state)
{
	const char *url = *state;
	struct err e = {0};
	assert_int_equal(session_cache_start(url, &e), 0);
	assert_true(wait_on(true));
	struct principal p = someone(), got = {0};
	const time_t now = time(NULL);
	uint64_t gen = 0;
	assert_false(session_cache_get(H1, now, &got, &gen));
	assert_true(gen > 0);
	session_cache_put(H1, &p, gen, now);
	assert_true(session_cache_get(H1, now, &got, &gen));
	assert_int_equal(got.user_id, 7);
	assert_int_equal(got.role, ROLE_COUNSELLOR);
	assert_string_equal(got.email, "neuvoja@alue.fi");
	assert_true(session_cache_get(H1, now + SESSION_CACHE_S - 1, &got, &gen));
	assert_false(session_cache_get(H1, now + SESSION_CACHE_S, &got, &gen)); /* its lifetime is over */
	static const char H2[] = "3f2a000000000000000000000000000000000000000000000000000000000002";
	assert_false(session_cache_get(H2, now, &got, &gen)); /* another token of the same slot */

	/* emptied by this process */
	session_cache_put(H1, &p, gen, now);
	assert_true(session_cache_get(H1, now, &got, &gen));
	session_cache_forget_all();
	assert_false(session_cache_get(H1, now, &got, &gen));

	/* a lookup that began before the cache was emptied does not refill it */
	uint64_t before = 0;
	assert_false(session_cache_get(H1, now, &got, &before));
	session_cache_forget_all();
	session_cache_put(H1, &p, before, now);
	assert_false(session_cache_get(H1, now, &got, &gen));

	/* emptied by another process's NOTIFY (what the triggers of migration 0028 send) */
	session_cache_put(H1, &p, gen, now);
	assert_true(session_cache_get(H1, now, &got, &gen));
	struct store *other = NULL;
	assert_int_equal(store_open(url, &other, &e), 0);
	assert_int_equal(store_notify(other, "osaaja_sessions", "", &e), 0);
	bool gone = false;
	for (int i = 0; i < 200 && !gone; i++) {
		gone = !session_cache_get(H1, now, &got, &gen);
		if (!gone)
			usleep(5000);
	}
	assert_true(gone);
	store_close(other);
	session_cache_stop();
	assert_false(session_cache_on());
	assert_false(session_cache_get(H1, now, &got, &gen));
	assert_int_equal(gen, 0);
}

int main(void)
{
	const struct CMUnitTest sqlite_tests[] = {cmocka_unit_test(test_off_on_sqlite)};
	int failed = cmocka_run_group_tests_name("session_cache_sqlite", sqlite_tests, NULL, NULL);
	const char *pg = getenv("OSAAJA_TEST_PG_URL");
	if (pg && *pg) {
		const struct CMUnitTest pg_tests[] = {cmocka_unit_test_prestate(test_on_postgres, (void *)pg)};
		failed += cmocka_run_group_tests_name("session_cache_postgres", pg_tests, NULL, NULL);
	} else {
		printf("session_cache_postgres: not run (OSAAJA_TEST_PG_URL not set; tests/pg/run-unit.sh sets it)\n");
	}
	return failed ? 1 : 0;
}
