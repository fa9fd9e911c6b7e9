/* Unit tests for core/jsonw: for random trees of every kind of value (strings with every UTF-8 length, control
 * characters and quotes; reals from random bit patterns; nesting), the writer gives exactly the bytes that jansson's
 * json_dumps(JSON_COMPACT | JSON_ENSURE_ASCII) gives, so the match route's answer did not change when it left jansson.
 * Also: bad UTF-8, non-finite reals, the nesting ceiling and a full buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"

/* Writes a jansson tree with jsonw, members in the tree's order (jansson keeps insertion order). */
static void write_tree(struct jsonw *w, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		jsonw_obj(w);
		json_object_foreach (v, k, x) {
			jsonw_key(w, k);
			write_tree(w, x);
		}
		jsonw_obj_end(w);
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		jsonw_arr(w);
		json_array_foreach (v, i, x)
			write_tree(w, x);
		jsonw_arr_end(w);
		break;
	}
	case JSON_STRING: jsonw_str(w, json_string_value(v)); break;
	case JSON_INTEGER: jsonw_int(w, json_integer_value(v)); break;
	case JSON_REAL: jsonw_real(w, json_real_value(v)); break;
	case JSON_TRUE: jsonw_bool(w, true); break;
	case JSON_FALSE: jsonw_bool(w, false); break;
	case JSON_NULL: jsonw_null(w); break;
	}
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static void random_string(char *s, size_t cap)
{
	size_t n = next() % 12, len = 0;
	for (size_t i = 0; i < n && len + 5 < cap; i++) {
		uint32_t cp;
		switch (next() % 6) {
		case 0: cp = (uint32_t)(next() % 0x20); break;         /* control characters */
		case 1: cp = "\"\\/ a\x7f"[next() % 6]; break;          /* the escaped ones and neighbours */
		case 2: cp = 0x80 + (uint32_t)(next() % 0x780); break;  /* two bytes (ä, Cyrillic) */
		case 3: cp = 0x800 + (uint32_t)(next() % 0xF7FF); break; /* three (Thai), surrogates skipped below */
		case 4: cp = 0x10000 + (uint32_t)(next() % 0x100000); break;
		default: cp = 'a' + (uint32_t)(next() % 26); break;
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			cp = 'x';
		len += put_utf8(s + len, cp);
	}
	s[len] = 0;
}

static double random_real(void)
{
	switch (next() % 4) {
	case 0: { /* any finite bit pattern */
		double d;
		do {
			uint64_t b = next();
			memcpy(&d, &b, sizeof d);
		} while (!isfinite(d));
		return d;
	}
	case 1: return (double)(int64_t)(next() % 2000001) - 1000000.0; /* whole numbers: ".0" */
	case 2: return (double)(next() % 100000) / 1000.0;               /* scores and weights */
	default: return ldexp((double)(next() % 1000), (int)(next() % 200) - 100); /* exponents both ways */
	}
}

static json_t *random_tree(int depth)
{
	unsigned kind = (unsigned)(next() % (depth < 4 ? 8 : 6));
	char s[64];
	switch (kind) {
	case 0: random_string(s, sizeof s); return json_string(s);
	case 1: return json_integer((json_int_t)next());
	case 2: return json_real(random_real());
	case 3: return json_boolean(next() % 2);
	case 4: return json_null();
	case 5: return json_integer((json_int_t)(next() % 100));
	case 6: {
		json_t *o = json_object();
		for (unsigned i = 0, n = (unsigned)(next() % 5); i < n; i++) {
			random_string(s, sizeof s);
			json_object_set_new(o, s, random_tree(depth + 1));
		}
		return o;
	}
	default: {
		json_t *a = json_array();
		for (unsigned i = 0, n = (unsigned)(next() % 5); i < n; i++)
			json_array_append_new(a, random_tree(depth + 1));
		return a;
	}
	}
}

static void test_same_bytes_as_jansson(void **state)
{
	(void)state;
	for (int round = 0; round < 3000; round++) {
		json_t *t = random_tree(0);
		assert_non_null(t);
		char *want = json_dumps(t, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY);
		assert_non_null(want);
		struct buf b = {0};
		buf_init(&b, 0);
		struct jsonw w = {0};
		jsonw_init(&w, &b);
		write_tree(&w, t);
		assert_int_equal(jsonw_status(&w), 0);
		assert_int_equal(w.depth, 0);
		assert_string_equal(b.data, want);
		free(want);
		buf_free(&b);
		json_decref(t);
	}
}

static void test_members_and_edges(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 0);
	struct jsonw w = {0};
	jsonw_init(&w, &b);
	jsonw_obj(&w);
	jsonw_kstr(&w, "name", "Äijälä \xff\xfe");      /* a bad byte each becomes U+FFFD */
	jsonw_kstr(&w, "none", NULL);
	jsonw_kreal(&w, "nan", NAN);                    /* not finite: null, not a bare nan */
	jsonw_kreal(&w, "big", 1e300);
	jsonw_kreal(&w, "small", 1e-5);
	jsonw_kint(&w, "n", -42);
	jsonw_kbool(&w, "t", true);
	jsonw_key(&w, "a");
	jsonw_arr(&w);
	jsonw_str_or(&w, "ok \xC3\xA4", "?");     /* UTF-8: itself */
	jsonw_str_or(&w, "taken \xFF back", "?"); /* not: the fallback, nothing of it left */
	jsonw_str_or(&w, NULL, "?");
	jsonw_arr_end(&w);
	jsonw_obj_end(&w);
	assert_int_equal(jsonw_status(&w), 0);
	assert_string_equal(b.data, "{\"name\":\"\\u00C4ij\\u00E4l\\u00E4 \\uFFFD\\uFFFD\",\"none\":null,\"nan\":null,"
	                            "\"big\":1.0000000000000001e300,\"small\":1.0000000000000001e-5,\"n\":-42,\"t\":true,"
	                            "\"a\":[\"ok \\u00E4\",\"?\",\"?\"]}");
	buf_free(&b);

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	for (int i = 0; i < JSONW_MAX_DEPTH + 1; i++) /* one level too deep: an error, never a write past the array */
		jsonw_arr(&w);
	assert_int_equal(jsonw_status(&w), -1);
	buf_free(&b);

	buf_init(&b, 16); /* the ceiling: the error sticks */
	jsonw_init(&w, &b);
	jsonw_arr(&w);
	for (int i = 0; i < 10; i++)
		jsonw_str(&w, "longer than the ceiling");
	jsonw_arr_end(&w);
	assert_int_equal(jsonw_status(&w), -1);
	buf_free(&b);
}

/* One real through jsonw and through jansson: the same bytes. */
static void real_same(double v)
{
	json_t *j = json_real(v);
	char *want = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY);
	struct buf b = {0};
	buf_init(&b, 0);
	struct jsonw w = {0};
	jsonw_init(&w, &b);
	jsonw_real(&w, v);
	if (!want || !b.data || strcmp(b.data, want) != 0)
		fail_msg("%.17g (%a): jsonw %s, jansson %s", v, v, b.data ? b.data : "(none)", want ? want : "(none)");
	free(want);
	buf_free(&b);
	json_decref(j);
}

/* The fast exact path for 1e-6 <= |v| < 1e17 (real17) against jansson's "%.17g": every decimal exponent, its edges,
 * whole numbers, values rounded to tenths as scores are, dyadic fractions, neighbours of powers of ten (where the
 * decimal exponent estimate is off by one), and random bit patterns in and around the range. */
static void test_reals_fast_path(void **state)
{
	(void)state;
	for (int x = -8; x <= 18; x++) {
		double p = pow(10.0, x);
		for (int k = -3; k <= 3; k++) {
			double v = p;
			for (int i = 0; i < (k < 0 ? -k : k); i++)
				v = nextafter(v, k < 0 ? 0.0 : INFINITY);
			real_same(v);
			real_same(-v);
		}
	}
	real_same(0.0);
	real_same(-0.0);
	real_same(1e-6);
	real_same(nextafter(1e-6, 0.0));
	real_same(1e17);
	real_same(nextafter(1e17, 0.0));
	for (int i = 0; i < 20000; i++) {
		real_same((double)i);
		real_same((double)i / 10.0);
		real_same(round((double)i * 0.37) / 10.0);
		real_same((double)i / 8.0);
		real_same((double)i / 1024.0);
		real_same(ldexp((double)(i + 1), -40));
	}
	for (int i = 0; i < 200000; i++) {
		/* random bits with an exponent that puts the value between about 1e-8 and 1e18 */
		uint64_t bits = (next() & 0x800FFFFFFFFFFFFFull) | ((uint64_t)(1023 - 27 + (int)(next() % 88)) << 52);
		double v;
		memcpy(&v, &bits, sizeof v);
		real_same(v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_as_jansson),
		cmocka_unit_test(test_members_and_edges),
		cmocka_unit_test(test_reals_fast_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
