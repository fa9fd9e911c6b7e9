/* Unit tests for core/strmap (put, replace, get, growth past many keys, iteration, free and reuse) and core/hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/strmap.h"

static void test_put_get(void **state)
{
	(void)state;
	struct strmap m = {0};
	assert_null(strmap_get(&m, "absent")); /* an empty map answers */
	assert_int_equal(strmap_put(&m, "http://data.europa.eu/esco/skill/1", 7), 0);
	assert_int_equal(strmap_put(&m, "", -3), 0); /* the empty string is a key like any other */
	char key[32];
	snprintf(key, sizeof key, "%s", "2511");
	assert_int_equal(strmap_put(&m, key, 2511), 0);
	key[0] = 'X'; /* the map holds its own copy */
	assert_int_equal(*strmap_get(&m, "2511"), 2511);
	assert_null(strmap_get(&m, "X511"));
	assert_int_equal(*strmap_get(&m, ""), -3);
	assert_int_equal(strmap_put(&m, "2511", 99), 0); /* replaces */
	assert_int_equal(*strmap_get(&m, "2511"), 99);
	assert_int_equal(m.n, 3);
	*strmap_get(&m, "2511") += 1; /* writable in place */
	assert_int_equal(*strmap_get(&m, "2511"), 100);
	strmap_free(&m);
	assert_int_equal(m.n, 0);
	assert_null(strmap_get(&m, "2511"));
	assert_int_equal(strmap_put(&m, "again", 1), 0); /* reusable after free */
	assert_int_equal(*strmap_get(&m, "again"), 1);
	strmap_free(&m);
}

static void test_growth_and_iteration(void **state)
{
	(void)state;
	struct strmap m = {0};
	enum { N = 20000 };
	char key[32];
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "k%d", i);
		assert_int_equal(strmap_put(&m, key, i), 0);
	}
	assert_int_equal(m.n, N);
	assert_true(m.cap >= 2 * (size_t)N); /* at most half full */
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "k%d", i);
		int64_t *v = strmap_get(&m, key);
		assert_non_null(v);
		assert_int_equal(*v, i);
	}
	assert_null(strmap_get(&m, "k20000"));
	size_t pos = 0, seen = 0;
	const char *k;
	int64_t v, sum = 0;
	while (strmap_next(&m, &pos, &k, &v)) {
		assert_int_equal(*strmap_get(&m, k), v);
		sum += v;
		seen++;
	}
	assert_int_equal(seen, N);
	assert_int_equal(sum, (int64_t)N * (N - 1) / 2);
	strmap_free(&m);
}

/* Published FNV-1a 64 test vectors; the finaliser is a bijection that moves every bit. */
static void test_hash(void **state)
{
	(void)state;
	assert_true(hash_str("") == 0xcbf29ce484222325ULL);
	assert_true(hash_str("a") == 0xaf63dc4c8601ec8cULL);
	assert_true(hash_str("foobar") == 0x85944171f73967e8ULL);
	assert_true(hash_fnv1a(hash_fnv1a(HASH_FNV_OFFSET, "foo", 3), "bar", 3) == hash_str("foobar"));
	assert_true(hash_mix64(0) == 0);
	assert_true(hash_mix64(1) != 1 && hash_mix64(1) != hash_mix64(2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_growth_and_iteration),
		cmocka_unit_test(test_hash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
