/* Unit tests for core/arena and core/buf: alignment, ceilings, deferred cleanups in reverse order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"

static int order[4], norder;

static void note(void *p)
{
	order[norder++] = *(int *)p;
}

static void test_arena(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	assert_non_null(a);
	for (int i = 0; i < 1000; i++) {
		char *p = arena_alloc(a, (size_t)i + 1);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(p[i], 0); /* zeroed */
	}
	assert_string_equal(arena_printf(a, "%s-%d", "osaaja", 7), "osaaja-7");
	assert_null(arena_alloc(a, 2 << 20)); /* over the ceiling: NULL, not a crash */
	static int one = 1, two = 2;
	arena_defer(a, note, &one);
	arena_defer(a, note, &two);
	arena_free(a);
	assert_int_equal(norder, 2);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 1);
}

static void test_buf(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 32);
	assert_int_equal(buf_puts(&b, "hello "), 0);
	assert_int_equal(buf_printf(&b, "%d", 42), 0);
	assert_string_equal(b.data, "hello 42");
	assert_int_equal(buf_puts(&b, "this is far too long for the ceiling"), -1);
	assert_true(b.failed);
	assert_int_equal(buf_puts(&b, "x"), -1); /* stays failed */
	buf_free(&b);

	/* appends and formatted text of every length across the growth points: the same bytes as one snprintf each */
	buf_init(&b, 0);
	char want[70000] = "";
	size_t wl = 0;
	for (int i = 0; i < 600; i++) {
		char piece[200];
		int n = snprintf(piece, sizeof piece, "%d:%.*s|", i, i % 150, "abcdefghijklmnopqrstuvwxyz0123456789"
		                                                        "abcdefghijklmnopqrstuvwxyz0123456789"
		                                                        "abcdefghijklmnopqrstuvwxyz0123456789"
		                                                        "abcdefghijklmnopqrstuvwxyz0123456789abcdef");
		if (i % 3)
			assert_int_equal(buf_printf(&b, "%d:%.*s|", i, i % 150,
			                            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789"
			                            "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789"
			                            "abcdef"),
			                 0);
		else
			assert_int_equal(buf_append(&b, piece, (size_t)n), 0);
		memcpy(want + wl, piece, (size_t)n + 1);
		wl += (size_t)n;
		assert_int_equal(b.len, wl);
		assert_string_equal(b.data, want);
	}
	buf_free(&b);
	/* a formatted text over the ceiling fails and leaves what was there, terminated */
	buf_init(&b, 16);
	assert_int_equal(buf_puts(&b, "0123456789"), 0);
	assert_int_equal(buf_printf(&b, "%s", "far too long for it"), -1);
	assert_true(b.failed);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	buf_free(&b);
}

/* arena_json: the arena holds the reference and releases it when freed. */
static void test_arena_json(void **state)
{
	(void)state;
	struct arena *a = arena_new(1 << 20);
	assert_non_null(a);
	json_t *kept = json_object();
	json_t *o = arena_json(a, json_incref(kept));
	assert_ptr_equal(o, kept);
	assert_int_equal(kept->refcount, 2);
	assert_null(arena_json(a, NULL)); /* NULL passes through */
	/* over the ceiling: the cleanup cannot be registered, so the reference is released at once */
	struct arena *tiny = arena_new(64);
	assert_non_null(tiny);
	while (arena_alloc(tiny, 8))
		;
	assert_null(arena_json(tiny, json_incref(kept)));
	assert_int_equal(kept->refcount, 2);
	arena_free(tiny);
	arena_free(a);
	assert_int_equal(kept->refcount, 1);
	json_decref(kept);
}

/* Growable arrays, malloc'd (buf_grow_array) and in an arena (arena_grow): contents kept, ceilings honoured. */
static void test_grow_arrays(void **state)
{
	(void)state;
	long *v = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 1000; n++) {
		assert_int_equal(buf_grow_array(&v, &cap, n + 1, sizeof *v, 4, 1024), 0);
		assert_true(cap > n);
		v[n] = (long)n * 3;
	}
	for (size_t n = 0; n < 1000; n++)
		assert_int_equal(v[n], (long)n * 3);
	assert_int_equal(cap, 1024);
	assert_int_equal(buf_grow_array(&v, &cap, 1025, sizeof *v, 4, 1024), -1); /* past max: unchanged */
	assert_int_equal(cap, 1024);
	assert_int_equal(buf_grow_array(&v, &cap, 1024, sizeof *v, 4, 1024), 0); /* already there */
	char *bytes = NULL;
	size_t bcap = 0;
	assert_int_equal(buf_grow_array(&bytes, &bcap, 5000, 1, 1024, SIZE_MAX), 0); /* several doublings at once */
	assert_int_equal(bcap, 8192);
	free(bytes);
	assert_int_equal(v[999], 2997);
	free(v);

	struct arena *a = arena_new(1 << 16);
	int *w = NULL;
	size_t wcap = 0, n = 0;
	while (arena_grow(a, &w, &wcap, n, sizeof *w, 8) == 0) {
		w[n] = (int)n;
		n++;
	}
	assert_true(n >= 1000 && n < (1 << 14)); /* stopped by the arena's limit */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(w[i], (int)i);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_buf),
		cmocka_unit_test(test_arena_json),
		cmocka_unit_test(test_grow_arrays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
