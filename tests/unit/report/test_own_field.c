/* The "matches competence" rule (src/domain/outcome.c), table-driven from own_field_cases.tsv: each row is a client
 * profile, a job and the expected value and reason. Also the override helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/outcome.h"

enum { MAXF = 10, MAXL = 16 };

/* Splits s in place at sep into at most max parts; returns the count. */
static size_t split(char *s, char sep, char **out, size_t max)
{
	size_t n = 0;
	while (n < max) {
		out[n++] = s;
		char *p = strchr(s, sep);
		if (!p)
			break;
		*p = 0;
		s = p + 1;
	}
	return n;
}

static size_t list(char *s, char **out)
{
	if (strcmp(s, "-") == 0)
		return 0;
	return split(s, ';', out, MAXL);
}

static void test_cases(void **state)
{
	(void)state;
	FILE *f = fopen("tests/unit/report/own_field_cases.tsv", "r");
	assert_non_null(f);
	char line[1024];
	int rows = 0, failed = 0;
	bool header = true;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (header) {
			header = false;
			continue;
		}
		if (!line[0] || line[0] == '#')
			continue;
		char *c[MAXF] = {0}; /* -O3 does not know that fail_msg does not return */
		size_t nc = split(line, '\t', c, MAXF);
		if (nc != MAXF)
			fail_msg("row %d: %zu columns, want %d", rows + 1, nc, MAXF);
		char *ess[MAXL], *edu_s[MAXL], *prev[MAXL], *targ[MAXL], *skills[MAXL];
		struct outcome_education edu[MAXL];
		struct outcome_job j = {c[1], strcmp(c[2], "-") ? c[2] : NULL, (const char *const *)ess, list(c[3], ess)};
		size_t nedu = list(c[4], edu_s);
		for (size_t i = 0; i < nedu; i++) {
			char *colon = strchr(edu_s[i], ':');
			assert_non_null(colon);
			*colon = 0;
			edu[i].isced_level = (int)strtol(edu_s[i], NULL, 10);
			edu[i].field = strcmp(colon + 1, "-") ? colon + 1 : NULL;
		}
		struct outcome_profile p = {edu, nedu, (const char *const *)prev, list(c[5], prev),
		                            (const char *const *)targ, list(c[6], targ), (const char *const *)skills,
		                            list(c[7], skills)};
		struct outcome_verdict v = outcome_matches_competence(&p, &j);
		int want = strcmp(c[8], "null") == 0 ? -1 : (int)strtol(c[8], NULL, 10);
		if ((int)v.match != want || strcmp(outcome_reason_name(v.reason), c[9]) != 0) {
			print_error("case %s: got %d %s, want %d %s\n", c[0], (int)v.match, outcome_reason_name(v.reason), want,
			            c[9]);
			failed++;
		}
		rows++;
	}
	fclose(f);
	assert_true(rows >= 25);
	assert_int_equal(failed, 0);
}

static void test_override(void **state)
{
	(void)state;
	assert_int_equal(outcome_final_match(0, 1), 1);  /* the counsellor's override wins */
	assert_int_equal(outcome_final_match(1, 0), 0);
	assert_int_equal(outcome_final_match(1, -1), 1); /* no override: the derived value */
	assert_int_equal(outcome_final_match(-1, -1), -1);
	assert_int_equal(outcome_check_override(false, NULL), 0);
	assert_int_equal(outcome_check_override(true, NULL), -1);
	assert_int_equal(outcome_check_override(true, "  \t"), -1);
	assert_int_equal(outcome_check_override(true, "works as a nurse's aide while the licence is processed"), 0);
}

static void test_field_map(void **state)
{
	(void)state;
	int g[8];
	size_t n = outcome_field_submajors("0613", g, 8); /* narrow 061 wins over broad 06 */
	assert_int_equal(n, 3);
	assert_int_equal(g[0], 25);
	assert_int_equal(outcome_field_submajors("0099", g, 8), 0); /* unknown field */
	assert_int_equal(outcome_field_submajors(NULL, g, 8), 0);
	assert_true(outcome_field_submajors("09", g, 8) > 0); /* broad only */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_field_map),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
