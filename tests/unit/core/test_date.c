/* Unit tests for core/date: known day numbers, and a round trip over four centuries around the epoch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

static void test_known(void **state)
{
	(void)state;
	assert_int_equal(date_days(1970, 1, 1), 0);
	assert_int_equal(date_days(1969, 12, 31), -1);
	assert_int_equal(date_days(2000, 3, 1), 11017);
	assert_int_equal(date_days(2024, 2, 29) + 1, date_days(2024, 3, 1)); /* a leap day */
	assert_int_equal(date_days(2100, 2, 28) + 1, date_days(2100, 3, 1)); /* not a leap year */
	int64_t y;
	int m, d;
	date_civil(date_days(2026, 6, 1), &y, &m, &d);
	assert_int_equal(y, 2026);
	assert_int_equal(m, 6);
	assert_int_equal(d, 1);
}

static void test_round_trip(void **state)
{
	(void)state;
	int64_t prev = date_days(1799, 12, 31);
	for (int64_t z = prev + 1; z < date_days(2200, 1, 1); z++) {
		int64_t y;
		int m, d;
		date_civil(z, &y, &m, &d);
		assert_true(m >= 1 && m <= 12 && d >= 1 && d <= 31);
		assert_int_equal(date_days(y, m, d), z);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
