/* Unit tests of the likely-duplicate rule's keys (src/app/duplicates.c) from tables of cases: the phone number's
 * national form and the keys of a record (folded name with the birth year, e-mail, phone), and which pairs meet. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "app/duplicates.h"
#include "core/arena.h"

static void phone_forms(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want; /* want NULL: not a number to compare */
	} cases[] = {
	    {"+358 40 123 4567", "0401234567"}, {"0401234567", "0401234567"},   {"040-123 4567", "0401234567"},
	    {"00358 40 1234567", "0401234567"}, {"(040) 123 45 67", "0401234567"}, {"+358401234567", "0401234567"},
	    {"+46 40 123 4567", "+46401234567"}, {"0046 40 123 4567", "+46401234567"}, {"358401234567", "358401234567"},
	    {"1234", NULL},                      {"", NULL},                      {"+", NULL},
	};
	struct arena *a = arena_new(0);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = app_dup_phone(a, cases[i].in);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
	arena_free(a);
}

/* Two records meet (the rule) when one of their keys is the same. */
static unsigned meet(struct arena *a, const char *x, const char *y)
{
	json_t *jx = json_loads(x, 0, NULL), *jy = json_loads(y, 0, NULL);
	assert_non_null(jx);
	assert_non_null(jy);
	struct dup_keys kx = {0}, ky = {0};
	struct err e = {0};
	assert_int_equal(app_dup_keys(a, jx, &kx, &e), 0);
	assert_int_equal(app_dup_keys(a, jy, &ky, &e), 0);
	json_decref(jx);
	json_decref(jy);
	unsigned m = 0;
	if (kx.name && ky.name && strcmp(kx.name, ky.name) == 0)
		m |= DUP_NAME;
	if (kx.email && ky.email && strcmp(kx.email, ky.email) == 0)
		m |= DUP_EMAIL;
	if (kx.phone && ky.phone && strcmp(kx.phone, ky.phone) == 0)
		m |= DUP_PHONE;
	return m;
}

static void pairs(void **state)
{
	(void)state;
	static const struct {
		const char *x, *y;
		unsigned want;
	} cases[] = {
	    {"{\"first_name\":\"Pirkko\",\"last_name\":\"Äijälä\",\"birth_year\":1980}",
	     "{\"first_name\":\"PIRKKO\",\"last_name\":\"aijala\",\"birth_year\":1980}", DUP_NAME},
	    {"{\"first_name\":\" Pirkko \",\"last_name\":\"Äijälä\",\"birth_year\":1980}",
	     "{\"first_name\":\"Pirkko\",\"last_name\":\"Aijala\",\"birth_year\":1980}", DUP_NAME},
	    {"{\"first_name\":\"Иван\",\"last_name\":\"Петров\",\"birth_year\":1975}",
	     "{\"first_name\":\"Ivan\",\"last_name\":\"Petrov\",\"birth_year\":1975}", DUP_NAME},
	    {"{\"first_name\":\"Pirkko\",\"last_name\":\"Äijälä\",\"birth_year\":1980}",
	     "{\"first_name\":\"Pirkko\",\"last_name\":\"Äijälä\",\"birth_year\":1981}", 0},
	    {"{\"first_name\":\"Pirkko\",\"last_name\":\"Äijälä\"}", "{\"first_name\":\"Pirkko\",\"last_name\":\"Äijälä\"}",
	     0},
	    {"{\"first_name\":\"Anna\",\"last_name\":\"Virta\",\"birth_year\":1980}",
	     "{\"first_name\":\"Virta\",\"last_name\":\"Anna\",\"birth_year\":1980}", 0},
	    {"{\"first_name\":\"A\",\"last_name\":\"B\",\"email\":\"Maija.M@Example.FI\"}",
	     "{\"first_name\":\"C\",\"last_name\":\"D\",\"email\":\"maija.m@example.fi \"}", DUP_EMAIL},
	    {"{\"first_name\":\"A\",\"last_name\":\"B\",\"phone\":\"+358 40 123 4567\"}",
	     "{\"first_name\":\"C\",\"last_name\":\"D\",\"phone\":\"040-1234567\"}", DUP_PHONE},
	    {"{\"first_name\":\"Kaisa\",\"last_name\":\"Kaikki\",\"birth_year\":1990,\"email\":\"k@k.fi\",\"phone\":\"0501112222\"}",
	     "{\"first_name\":\"KAISA\",\"last_name\":\"KAIKKI\",\"birth_year\":1990,\"email\":\"K@k.fi\",\"phone\":\"+358 50 111 2222\"}",
	     DUP_NAME | DUP_EMAIL | DUP_PHONE},
	    {"{\"first_name\":\"erased\",\"last_name\":\"erased\"}", "{\"first_name\":\"erased\",\"last_name\":\"erased\"}", 0},
	    {"{\"first_name\":\"A\",\"last_name\":\"B\",\"birth_year\":\"1980\"}",
	     "{\"first_name\":\"A\",\"last_name\":\"B\",\"birth_year\":\"1980\"}", 0}, /* a year of the wrong type */
	};
	struct arena *a = arena_new(0);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unsigned got = meet(a, cases[i].x, cases[i].y);
		if (got != cases[i].want)
			fail_msg("case %zu: %s / %s: got %u, want %u", i, cases[i].x, cases[i].y, got, cases[i].want);
	}
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(phone_forms),
	    cmocka_unit_test(pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
