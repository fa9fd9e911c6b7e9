/* Unit tests of the form body parsers (src/web/pages/form.c: urlencoded, multipart.c: multipart/form-data): cases
 * from tables (input, expected fields or error code), then the ceilings exactly at and one over. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "web/pages/form.h"
#include "web/pages/multipart.h"

struct form_case {
	const char *why;
	const char *body;
	size_t len;         /* 0: strlen(body) */
	int rc;             /* expected code */
	const char *kv[10]; /* expected key, value pairs in order (NULL-terminated) */
};

/* Shorthand: a body with NUL bytes needs its length. */
#define WITH_NUL(s) s, sizeof s - 1

static const struct form_case form_cases[] = {
    {"empty body: an empty form", "", 0, 0, {NULL}},
    {"one field", "a=1", 0, 0, {"a", "1", NULL}},
    {"two fields in order", "a=1&b=2", 0, 0, {"a", "1", "b", "2", NULL}},
    {"'+' is a space in keys and values", "first+name=Anna+Maria", 0, 0, {"first name", "Anna Maria", NULL}},
    {"%XX decoded, both cases of hex", "k=%41%62%2b%2F%3d%26", 0, 0, {"k", "Ab+/=&", NULL}},
    {"%2B is a plus, not a space", "k=1%2B1", 0, 0, {"k", "1+1", NULL}},
    {"UTF-8 through escapes", "n=%C3%A4%C3%B6", 0, 0, {"n", "\xc3\xa4\xc3\xb6", NULL}},
    {"a key without '=' has an empty value", "flag", 0, 0, {"flag", "", NULL}},
    {"an empty value", "a=&b=", 0, 0, {"a", "", "b", "", NULL}},
    {"only the first '=' splits", "a=b=c", 0, 0, {"a", "b=c", NULL}},
    {"empty segments are skipped", "&&a=1&&b=2&", 0, 0, {"a", "1", "b", "2", NULL}},
    {"only separators: an empty form", "&&&", 0, 0, {NULL}},
    {"duplicate keys are all kept, in order", "t=1&t=2&t=3", 0, 0, {"t", "1", "t", "2", "t", "3", NULL}},
    {"a key is matched as decoded", "a%5B%5D=x", 0, 0, {"a[]", "x", NULL}},
    {"a field without a name", "=v", 0, ERR_INVALID, {NULL}},
    {"a name that is only escapes of nothing is still a name", "%20=v", 0, 0, {" ", "v", NULL}},
    {"'%' at the end", "a=%", 0, ERR_INVALID, {NULL}},
    {"'%' and one digit at the end", "a=%4", 0, ERR_INVALID, {NULL}},
    {"'%' and one digit before the next field", "a=%4&b=1", 0, ERR_INVALID, {NULL}},
    {"bad hex digits", "a=%zz", 0, ERR_INVALID, {NULL}},
    {"a bad hex digit second", "a=%4g", 0, ERR_INVALID, {NULL}},
    {"a bad escape in the key", "%x1=a", 0, ERR_INVALID, {NULL}},
    {"%00 in a value", "a=x%00y", 0, ERR_INVALID, {NULL}},
    {"%00 in a key", "a%00=y", 0, ERR_INVALID, {NULL}},
    {"a raw NUL byte in a value", WITH_NUL("a=x\0y"), ERR_INVALID, {NULL}},
    {"a raw NUL byte in a key", WITH_NUL("a\0=y"), ERR_INVALID, {NULL}},
    {"the length given is the body: bytes after it are not read", "a=1&b=2", 3, 0, {"a", "1", NULL}},
    {"a raw high byte passes (UTF-8 is checked elsewhere)", "a=\xc3\xa4", 0, 0, {"a", "\xc3\xa4", NULL}},
};

static void check_fields(const char *why, const struct form *f, const char *const *kv)
{
	size_t n = 0;
	while (kv[2 * n])
		n++;
	if (f->n != n)
		fail_msg("%s: %zu fields, want %zu", why, f->n, n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(f->f[i].key, kv[2 * i]) || strcmp(f->f[i].value, kv[2 * i + 1]))
			fail_msg("%s: field %zu is [%s]=[%s], want [%s]=[%s]", why, i, f->f[i].key, f->f[i].value,
			         kv[2 * i], kv[2 * i + 1]);
	}
}

static void test_form_cases(void **state)
{
	(void)state;
	size_t n = sizeof form_cases / sizeof *form_cases;
	for (size_t i = 0; i < n; i++) {
		const struct form_case *c = &form_cases[i];
		struct arena *a = arena_new(0);
		struct form f = {0};
		struct err e = {0};
		int rc = form_parse(a, c->body, c->len ? c->len : strlen(c->body), &f, &e);
		if (rc != c->rc)
			fail_msg("%s: rc %d (%s), want %d", c->why, rc, e.message, c->rc);
		if (rc)
			assert_true(e.message[0] != 0);
		else
			check_fields(c->why, &f, c->kv);
		arena_free(a);
	}
	print_message("form cases: %zu passed, 0 failed\n", n);
}

static void test_form_get(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	struct form f = {0};
	struct err e = {0};
	const char *body = "t=1&x=&t=2&t=3";
	assert_int_equal(form_parse(a, body, strlen(body), &f, &e), 0);
	assert_string_equal(form_get(&f, "t"), "1");
	assert_string_equal(form_get(&f, "x"), "");
	assert_null(form_get(&f, "y"));
	const char *v[2] = {0};
	assert_int_equal(form_get_all(&f, "t", v, 2), 3); /* how many there are, more than fit */
	assert_string_equal(v[0], "1");
	assert_string_equal(v[1], "2");
	assert_int_equal(form_get_all(&f, "y", v, 2), 0);
	/* NULL body */
	assert_int_equal(form_parse(a, NULL, 0, &f, &e), 0);
	assert_int_equal(f.n, 0);
	arena_free(a);
}

/* Parses body (a string of our own) and returns the code. */
static int parse(struct arena *a, const char *body, struct form *f)
{
	struct err e = {0};
	return form_parse(a, body, strlen(body), f, &e);
}

/* Writes s (with its NUL) at b + at. Not inlined: GCC 12 with the sanitizers mistakes the buffer's bounds. */
__attribute__((noinline)) static void put(char *b, size_t at, const char *s)
{
	memcpy(b + at, s, strlen(s) + 1);
}

static void test_form_limits(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	struct form f = {0};
	size_t big = 3 * FORM_MAX_VALUE + 4 * FORM_MAX_FIELDS * 8 + 64;
	char *b = malloc(big);
	assert_non_null(b);

	/* FORM_MAX_FIELDS fields: exactly at, with a trailing '&', and one over */
	size_t k = 0;
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		k += (size_t)snprintf(b + k, big - k, "%sf%d=%d", i ? "&" : "", i, i);
	assert_int_equal(parse(a, b, &f), 0);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	assert_string_equal(f.f[FORM_MAX_FIELDS - 1].key, "f255");
	snprintf(b + k, big - k, "&");
	assert_int_equal(parse(a, b, &f), 0); /* empty segments are no fields */
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	snprintf(b + k, big - k, "&&&&");
	assert_int_equal(parse(a, b, &f), 0);
	snprintf(b + k, big - k, "&x=1");
	assert_int_equal(parse(a, b, &f), ERR_TOO_BIG);

	/* FORM_MAX_KEY: raw and escaped, exactly at and one over */
	memset(b, 'k', FORM_MAX_KEY);
	put(b, FORM_MAX_KEY, "=v");
	assert_int_equal(parse(a, b, &f), 0);
	assert_int_equal(strlen(f.f[0].key), FORM_MAX_KEY);
	memset(b, 'k', FORM_MAX_KEY + 1);
	put(b, FORM_MAX_KEY + 1, "=v");
	assert_int_equal(parse(a, b, &f), ERR_INVALID);
	k = 0;
	for (int i = 0; i < FORM_MAX_KEY; i++)
		k += (size_t)snprintf(b + k, big - k, "%%41");
	snprintf(b + k, big - k, "=v");
	assert_int_equal(parse(a, b, &f), 0);
	assert_int_equal(strlen(f.f[0].key), FORM_MAX_KEY);
	snprintf(b + k, big - k, "%%41=v");
	assert_int_equal(parse(a, b, &f), ERR_INVALID);

	/* FORM_MAX_VALUE: raw and escaped, exactly at and one over */
	memcpy(b, "v=", 2);
	memset(b + 2, 'x', FORM_MAX_VALUE);
	b[2 + FORM_MAX_VALUE] = 0;
	assert_int_equal(parse(a, b, &f), 0);
	assert_int_equal(strlen(f.f[0].value), FORM_MAX_VALUE);
	memset(b + 2, 'x', FORM_MAX_VALUE + 1);
	b[3 + FORM_MAX_VALUE] = 0;
	assert_int_equal(parse(a, b, &f), ERR_TOO_BIG);
	k = 2;
	for (int i = 0; i < FORM_MAX_VALUE; i++) {
		memcpy(b + k, "%41", 3);
		k += 3;
	}
	b[k] = 0;
	assert_int_equal(parse(a, b, &f), 0);
	assert_int_equal(strlen(f.f[0].value), FORM_MAX_VALUE);
	memcpy(b + k, "%41", 4);
	assert_int_equal(parse(a, b, &f), ERR_TOO_BIG);
	free(b);
	arena_free(a);
}

/* ---- multipart ---- */

#define CT "multipart/form-data; boundary=XyZ"

struct mp_case {
	const char *why;
	const char *content_type;
	const char *body;
	size_t len; /* 0: strlen(body) */
	int rc;
	const char *kv[10];
};

static const struct mp_case mp_cases[] = {
    {"one field",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n",
     0,
     0,
     {"a", "1", NULL}},
    {"two fields, a file among them, filename before name",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nclients\r\n"
     "--XyZ\r\nContent-Disposition: form-data; filename=\"c.csv\"; name=\"file\"\r\nContent-Type: text/csv\r\n\r\n"
     "a,b\r\n1,2\r\n\r\n--XyZ--",
     0,
     0,
     {"kind", "clients", "file", "a,b\r\n1,2\r\n", NULL}},
    {"a quoted boundary",
     "multipart/form-data; boundary=\"XyZ\"",
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
     0,
     0,
     {"a", "1", NULL}},
    {"the boundary followed by another parameter",
     "multipart/form-data; boundary=XyZ; charset=utf-8",
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
     0,
     0,
     {"a", "1", NULL}},
    {"a preamble and an epilogue are ignored",
     CT,
     "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\nepilogue",
     0,
     0,
     {"a", "1", NULL}},
    {"header names in any case",
     CT,
     "--XyZ\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--",
     0,
     0,
     {"a", "1", NULL}},
    {"an empty part",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\r\n--XyZ--",
     0,
     0,
     {"a", "", NULL}},
    {"the boundary inside a line of content is content",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx--XyZ\r\n--XyZ--",
     0,
     0,
     {"a", "x--XyZ", NULL}},
    {"duplicate names are all kept",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n1\r\n--XyZ\r\nContent-Disposition: form-data; "
     "name=\"t\"\r\n\r\n2\r\n--XyZ--",
     0,
     0,
     {"t", "1", "t", "2", NULL}},
    {"only the closing delimiter: no fields", CT, "--XyZ--\r\n", 0, 0, {NULL}},
    {"no Content-Type", NULL, "--XyZ--", 0, ERR_INVALID, {NULL}},
    {"no boundary parameter", "multipart/form-data", "--XyZ--", 0, ERR_INVALID, {NULL}},
    {"an empty boundary", "multipart/form-data; boundary=", "----", 0, ERR_INVALID, {NULL}},
    {"an empty quoted boundary", "multipart/form-data; boundary=\"\"", "----", 0, ERR_INVALID, {NULL}},
    {"a boundary over 200 bytes",
     "multipart/form-data; boundary="
     "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
     "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
     "XXXXXXXXXXXXXXXXXXXXX",
     "--",
     0,
     ERR_INVALID,
     {NULL}},
    {"an empty body", CT, "", 0, ERR_INVALID, {NULL}},
    {"a body without the boundary", CT, "a=1", 0, ERR_INVALID, {NULL}},
    {"a different boundary in the body",
     CT,
     "--Other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--Other--",
     0,
     ERR_INVALID,
     {NULL}},
    {"the final boundary is missing",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n",
     0,
     ERR_INVALID,
     {NULL}},
    {"the body ends right after a delimiter",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ",
     0,
     ERR_INVALID,
     {NULL}},
    {"the body ends inside the headers",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n",
     0,
     ERR_INVALID,
     {NULL}},
    {"LF line endings instead of CRLF",
     CT,
     "--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n--XyZ--\n",
     0,
     ERR_INVALID,
     {NULL}},
    {"CRLF after the headers but LF before the delimiter",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"a part without a name",
     CT,
     "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"a part with only a filename",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; filename=\"a.csv\"\r\n\r\n1\r\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"a part without Content-Disposition",
     CT,
     "--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"an empty name",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\n1\r\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"an unterminated name",
     CT,
     "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--XyZ--",
     0,
     ERR_INVALID,
     {NULL}},
    {"a NUL byte in the content",
     CT,
     WITH_NUL("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\0002\r\n--XyZ--"),
     ERR_INVALID,
     {NULL}},
    {"a NUL byte in the name",
     CT,
     WITH_NUL("--XyZ\r\nContent-Disposition: form-data; name=\"a\0b\"\r\n\r\n1\r\n--XyZ--"),
     ERR_INVALID,
     {NULL}},
};

static void test_multipart_cases(void **state)
{
	(void)state;
	size_t n = sizeof mp_cases / sizeof *mp_cases;
	for (size_t i = 0; i < n; i++) {
		const struct mp_case *c = &mp_cases[i];
		struct arena *a = arena_new(0);
		struct form f = {0};
		struct err e = {0};
		int rc = multipart_parse(a, c->content_type, c->body, c->len ? c->len : strlen(c->body), &f, &e);
		if (rc != c->rc)
			fail_msg("%s: rc %d (%s), want %d", c->why, rc, e.message, c->rc);
		if (rc)
			assert_true(e.message[0] != 0);
		else
			check_fields(c->why, &f, c->kv);
		arena_free(a);
	}
	print_message("multipart cases: %zu passed, 0 failed\n", n);
}

/* Appends one part named name with content. */
static size_t part(char *b, size_t cap, size_t k, const char *name, const char *content)
{
	return k + (size_t)snprintf(b + k, cap - k,
	                            "--XyZ\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n", name,
	                            content);
}

static void test_multipart_limits(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	struct form f = {0};
	struct err e = {0};
	size_t cap = 100 * (FORM_MAX_FIELDS + 1) + 256;
	char *b = malloc(cap);
	assert_non_null(b);

	/* FORM_MAX_FIELDS parts, and one over */
	size_t k = 0;
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		k = part(b, cap, k, "p", "v");
	size_t at = k;
	k += (size_t)snprintf(b + k, cap - k, "--XyZ--");
	assert_int_equal(multipart_parse(a, CT, b, k, &f, &e), 0);
	assert_int_equal(f.n, FORM_MAX_FIELDS);
	k = part(b, cap, at, "p", "v");
	k += (size_t)snprintf(b + k, cap - k, "--XyZ--");
	assert_int_equal(multipart_parse(a, CT, b, k, &f, &e), ERR_TOO_BIG);

	/* a name of FORM_MAX_KEY bytes, and one over */
	char name[FORM_MAX_KEY + 2];
	memset(name, 'n', FORM_MAX_KEY);
	name[FORM_MAX_KEY] = 0;
	k = part(b, cap, 0, name, "v");
	k += (size_t)snprintf(b + k, cap - k, "--XyZ--");
	assert_int_equal(multipart_parse(a, CT, b, k, &f, &e), 0);
	assert_string_equal(f.f[0].key, name);
	name[FORM_MAX_KEY] = 'n';
	name[FORM_MAX_KEY + 1] = 0;
	k = part(b, cap, 0, name, "v");
	k += (size_t)snprintf(b + k, cap - k, "--XyZ--");
	assert_int_equal(multipart_parse(a, CT, b, k, &f, &e), ERR_INVALID);
	free(b);

	/* a huge part (an 8 MiB file) comes through whole; the body limit is the server's */
	enum { HUGE = 8 << 20 };
	b = malloc(HUGE + 256);
	assert_non_null(b);
	k = (size_t)snprintf(b, 256,
	                     "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n");
	memset(b + k, 'x', HUGE);
	k += HUGE;
	memcpy(b + k, "\r\n--XyZ--\r\n", 11);
	k += 11;
	assert_int_equal(multipart_parse(a, CT, b, k, &f, &e), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(strlen(f.f[0].value), HUGE);
	/* the same part cut short: no final delimiter */
	assert_int_equal(multipart_parse(a, CT, b, k - 11, &f, &e), ERR_INVALID);
	free(b);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_form_cases),       cmocka_unit_test(test_form_get),
	    cmocka_unit_test(test_form_limits),      cmocka_unit_test(test_multipart_cases),
	    cmocka_unit_test(test_multipart_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
