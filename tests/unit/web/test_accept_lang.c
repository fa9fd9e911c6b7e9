/* Unit tests of Accept-Language negotiation (src/web/accept_lang.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "web/accept_lang.h"

static const char *const have[] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so"};
enum { NHAVE = sizeof have / sizeof *have };

static const char *pick(const char *h)
{
	return accept_lang_pick(h, have, NHAVE);
}

static void test_pick(void **state)
{
	(void)state;
	/* a Thai phone */
	assert_ptr_equal(pick("th-TH,th;q=0.9,en;q=0.8"), have[4]);
	/* the result is one of the pointers given, never a pointer into the header */
	char h[] = "sv-FI";
	const char *l = pick(h);
	assert_ptr_equal(l, have[1]);
	/* q-values decide, not the order */
	assert_string_equal(pick("en;q=0.5, th"), "th");
	assert_string_equal(pick("fr, th;q=0.1, en;q=0.9"), "en");
	assert_string_equal(pick("uk;q=1.0, ar;q=0.999"), "uk");
	assert_string_equal(pick("ar;q=0.999, uk;q=1"), "uk");
	/* equal q: the first */
	assert_string_equal(pick("sv;q=0.7,ru;q=0.7"), "sv");
	/* q=0: not wanted */
	assert_string_equal(pick("th;q=0, en"), "en");
	assert_null(pick("th;q=0"));
	/* case and regions */
	assert_string_equal(pick("TH-th"), "th");
	assert_string_equal(pick("  en-GB ;q=0.3 , fi ; q=0.2"), "en");
	/* nothing that fits */
	assert_null(pick(NULL));
	assert_null(pick(""));
	assert_null(pick("*"));
	assert_null(pick("de-DE,de;q=0.9"));
	/* malformed ranges are skipped, the rest still counts */
	assert_string_equal(pick(",,;q=,th;q=0.3"), "th");
	assert_string_equal(pick("fi;q=2, sv;q=abc, en;q=0.5"), "en");
	assert_string_equal(pick("thai, t, th"), "th");
	char longh[400];
	memset(longh, 'x', 300);
	memcpy(longh + 300, ",so", 4);
	assert_string_equal(pick(longh), "so");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_pick)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
