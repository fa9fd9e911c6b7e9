/* Unit tests for core/validate: table-driven from validate_cases.tsv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

static bool run_case(const char *fn, const char *in)
{
	if (strcmp(fn, "business_id") == 0) return validate_business_id(in);
	if (strcmp(fn, "cefr") == 0) return validate_cefr(in);
	if (strcmp(fn, "isco") == 0) return validate_isco_code(in);
	if (strcmp(fn, "date") == 0) return validate_date(in);
	if (strcmp(fn, "email") == 0) return validate_email(in);
	if (strcmp(fn, "phone") == 0) return validate_phone(in);
	if (strcmp(fn, "lang") == 0) return validate_lang_code(in);
	if (strcmp(fn, "country") == 0) return validate_country_code(in);
	if (strcmp(fn, "esco_occupation") == 0) return validate_esco_uri(in, "occupation");
	if (strcmp(fn, "isced_field") == 0) return validate_isced_field(in);
	fail_msg("unknown function %s in the case table", fn);
	return false;
}

static void test_table(void **state)
{
	(void)state;
	FILE *f = fopen("tests/unit/core/validate_cases.tsv", "r");
	assert_non_null(f);
	char line[512];
	int n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = 0;
		char *fn = line, *in = strchr(fn, '\t');
		assert_non_null(in);
		*in++ = 0;
		char *exp = strchr(in, '\t');
		assert_non_null(exp);
		*exp++ = 0;
		bool want = exp[0] == '1';
		if (run_case(fn, in) != want)
			fail_msg("%s(\"%s\") should be %s", fn, in, want ? "valid" : "invalid");
		n++;
	}
	fclose(f);
	assert_true(n >= 50);
}

static void test_utf8(void **state)
{
	(void)state;
	assert_true(validate_utf8("hitsaaja ä ö å", strlen("hitsaaja ä ö å")));
	assert_true(validate_utf8("ช่างเชื่อม", strlen("ช่างเชื่อม")));
	assert_true(validate_utf8("لحام", strlen("لحام")));
	assert_false(validate_utf8("\xff", 1));
	assert_false(validate_utf8("\xc0\xaf", 2));          /* overlong slash */
	assert_false(validate_utf8("\xed\xa0\x80", 3));      /* surrogate */
	assert_false(validate_utf8("\xe2\x82", 2));          /* truncated */
	assert_false(validate_utf8("a\x01" "b", 3));         /* control character */
	assert_true(validate_utf8("line\nline\ttab", 13));
}

static void test_isced_level(void **state)
{
	(void)state;
	assert_true(validate_isced_level(0));
	assert_true(validate_isced_level(8));
	assert_false(validate_isced_level(9));
	assert_false(validate_isced_level(-1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_isced_level),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
