/* Unit tests for core/csv: quoting, embedded newlines as in ESCO's files, BOM, ragged rows, errors with lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/csv.h"

static void test_quoted_multiline(void **state)
{
	(void)state;
	const char *d = "\xEF\xBB\xBFuri,label,alt\r\nu1,\"welder\",\"arc welder\nspot welder\"\r\nu2,\"say \"\"hi\"\"\",\r\n";
	struct csv_reader *r = csv_open_mem(d, strlen(d), ',');
	char **f;
	size_t n;
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_int_equal(n, 3);
	assert_string_equal(f[0], "uri");
	assert_int_equal(csv_find(f, n, "alt"), 2);
	assert_int_equal(csv_find(f, n, "nope"), -1);
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_string_equal(f[2], "arc welder\nspot welder");
	assert_int_equal(csv_line(r), 2);
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_string_equal(f[1], "say \"hi\"");
	assert_string_equal(f[2], "");
	assert_int_equal(csv_line(r), 4);
	assert_int_equal(csv_next(r, &f, &n), 0);
	csv_close(r);
}

static void test_errors(void **state)
{
	(void)state;
	const char *d = "a,b\n\"open,c\n";
	struct csv_reader *r = csv_open_mem(d, strlen(d), ',');
	char **f;
	size_t n;
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_int_equal(csv_next(r, &f, &n), -1);
	assert_non_null(strstr(csv_error(r), "line 2"));
	csv_close(r);
	const char *d2 = "\"x\"y,z\n";
	r = csv_open_mem(d2, strlen(d2), ',');
	assert_int_equal(csv_next(r, &f, &n), -1);
	assert_non_null(strstr(csv_error(r), "after a closing quote"));
	csv_close(r);
}

static void test_semicolon_and_no_final_newline(void **state)
{
	(void)state;
	const char *d = "nimi;y-tunnus\nKainuun Metalli Oy;2454567-0";
	struct csv_reader *r = csv_open_mem(d, strlen(d), ';');
	char **f;
	size_t n;
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_int_equal(csv_next(r, &f, &n), 1);
	assert_int_equal(n, 2);
	assert_string_equal(f[1], "2454567-0");
	assert_int_equal(csv_next(r, &f, &n), 0);
	csv_close(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoted_multiline),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_semicolon_and_no_final_newline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
