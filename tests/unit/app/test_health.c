/* Unit tests of the health check's probe (src/app/health.c) on a real SQLite store in a temporary file: a success
 * is reused for HEALTH_FRESH_MS and then asked again, from one thread and from many at once; a failure is never
 * reused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "app/health.h"
#include "store/store.h"

enum { THREADS = 8 };

static char path[64];

static struct store *open_store(void)
{
	struct store *s = NULL;
	struct err e = {0};
	assert_int_equal(store_open(path, &s, &e), 0);
	return s;
}

static void sleep_ms(long ms)
{
	nanosleep(&(struct timespec){.tv_sec = ms / 1000, .tv_nsec = ms % 1000 * 1000000}, NULL);
}

static struct health check_ok(struct store *s)
{
	struct health h = {0};
	struct err e = {0};
	assert_int_equal(health_check(s, &h, &e), 0);
	assert_true(h.schema_version > 0);
	return h;
}

/* Within the time a success stays fresh, no new probe; after it, one. */
static void reuse_then_ask(void **state)
{
	(void)state;
	struct store *s = open_store();
	sleep_ms(HEALTH_FRESH_MS + 20);
	uint64_t before = health_probes_started();
	struct health first = check_ok(s);
	assert_int_equal(first.probe, before + 1);
	for (int i = 0; i < 100; i++)
		assert_int_equal(check_ok(s).probe, first.probe);
	assert_int_equal(health_probes_started(), before + 1);
	sleep_ms(HEALTH_FRESH_MS + 20);
	assert_int_equal(check_ok(s).probe, before + 2);
	store_close(s);
}

struct worker {
	pthread_t t;
	long calls, failed;
};

static int64_t now_ms(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct store *s = NULL;
	struct err e = {0};
	if (store_open(path, &s, &e)) {
		w->failed = 1;
		return NULL;
	}
	/* three and a half times the freshness: at least three probes in all */
	for (int64_t end = now_ms() + HEALTH_FRESH_MS * 7 / 2; now_ms() < end; w->calls++) {
		struct health h = {0};
		if (health_check(s, &h, &e) || h.schema_version <= 0 || h.probe == 0)
			w->failed++;
	}
	store_close(s);
	return NULL;
}

/* Many threads at once: every call answered, and far fewer probes than calls. */
static void together(void **state)
{
	(void)state;
	struct worker w[THREADS] = {0};
	sleep_ms(HEALTH_FRESH_MS + 20);
	uint64_t before = health_probes_started();
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&w[i].t, NULL, work, &w[i]), 0);
	long calls = 0;
	for (int i = 0; i < THREADS; i++) {
		pthread_join(w[i].t, NULL);
		assert_int_equal(w[i].failed, 0);
		calls += w[i].calls;
	}
	uint64_t probes = health_probes_started() - before;
	print_message("%ld calls from %d threads, %llu probes\n", calls, THREADS, (unsigned long long)probes);
	assert_true(probes >= 3);
	assert_true(probes < (uint64_t)calls / 2);
}

/* A database that cannot answer: heard once the success has aged, and every call after a failure asks again. */
static void failure_not_reused(void **state)
{
	(void)state;
	struct store *s = open_store();
	struct err e = {0};
	check_ok(s);
	assert_int_equal(store_exec(s, "ALTER TABLE schema_version RENAME TO schema_version_gone", &e), 0);
	sleep_ms(HEALTH_FRESH_MS + 20);
	for (int i = 0; i < 3; i++) {
		uint64_t before = health_probes_started();
		struct health h = {0};
		e = (struct err){0};
		assert_int_not_equal(health_check(s, &h, &e), 0);
		assert_true(e.message[0] != 0);
		assert_int_equal(health_probes_started(), before + 1);
	}
	assert_int_equal(store_exec(s, "ALTER TABLE schema_version_gone RENAME TO schema_version", &e), 0);
	uint64_t before = health_probes_started();
	assert_int_equal(check_ok(s).probe, before + 1);
	store_close(s);
}

int main(void)
{
	snprintf(path, sizeof path, "/tmp/osaaja-health-%d.db", (int)getpid());
	struct store *s = NULL;
	struct err e = {0};
	if (store_open(path, &s, &e) || store_migrate(s, &e)) {
		fprintf(stderr, "cannot make the test database: %s\n", e.message);
		return 1;
	}
	store_close(s);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(reuse_then_ask),
	    cmocka_unit_test(together),
	    cmocka_unit_test(failure_not_reused),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char other[80];
	unlink(path);
	snprintf(other, sizeof other, "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof other, "%s-shm", path);
	unlink(other);
	return rc;
}
