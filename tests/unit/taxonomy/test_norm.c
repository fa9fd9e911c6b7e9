/* taxonomy normalisation: folding, segmentation, stemming; no input may crash it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "taxonomy/taxonomy.h"

static void norm_is(const char *in, const char *lang, bool stem, const char *want)
{
	char out[512];
	tax_normalize(in, lang, stem, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_case_and_accents(void **state)
{
	(void)state;
	norm_is("Lähihoitaja", "fi", false, "lahihoitaja");
	norm_is("  ÅSA   Öberg-Ström ", "sv", false, "asa oberg strom");
	norm_is("CAFÉ Crème", "en", false, "cafe creme");
	norm_is("Сварщик Ёлкин", "ru", false, "сварщик елкин");
	norm_is("مُهَنْدِس", "ar", false, "مهندس");
	norm_is("Straße ﬁle", "en", false, "strasse file"); /* case folding and NFKC ligatures */
	norm_is("", "fi", false, "");
	norm_is(NULL, "fi", false, "");
}

static void test_stemming(void **state)
{
	(void)state;
	norm_is("developers", "en", true, "develop");
	char a[128], b[128];
	tax_normalize("hitsaajat", "fi", true, a, sizeof a);
	tax_normalize("hitsaaja", "fi", true, b, sizeof b);
	assert_string_equal(a, b);
	tax_normalize("sjuksköterskor", "sv", true, a, sizeof a);
	tax_normalize("sjuksköterska", "sv", true, b, sizeof b);
	assert_string_equal(a, b);
}

static void test_thai_segmented(void **state)
{
	(void)state;
	char out[512];
	/* "software developer" and "welder" in Thai: written without spaces, ICU splits them into words */
	int n = tax_normalize("นักพัฒนาซอฟต์แวร์", "th", false, out, sizeof out);
	assert_true(n >= 2);
	assert_non_null(strchr(out, ' '));
	n = tax_normalize("ช่างเชื่อมโลหะ", "th", false, out, sizeof out);
	assert_true(n >= 2);
}

static void test_never_crashes(void **state)
{
	(void)state;
	char out[256];
	static const char *const samples[] = {
		"hitsaaja", "sjuksköterska", "software developer", "сварщик", "ช่างเชื่อม", "لحام", "\xff\xfe\xfd",
		"\xc3", "\xe0\xb8", "a\0b", "🙂🙂🙂", "\xed\xa0\x80", "ﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺﷺ", "(m/f/d)",
	};
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
		tax_normalize(samples[i], "fi", true, out, sizeof out);
	/* random bytes, and very long input */
	srand(7);
	char buf[300];
	for (int k = 0; k < 3000; k++) {
		size_t len = (size_t)(rand() % (int)(sizeof buf - 1));
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)(rand() % 255 + 1);
		buf[len] = 0;
		static const char *const langs[] = {"fi", "sv", "en", "ru", "th", "ar", "xx", ""};
		tax_normalize(buf, langs[k % 8], k % 2, out, sizeof out);
		tax_normalize(buf, langs[k % 8], k % 2, out, 1);
	}
	size_t big = 200000;
	char *huge = malloc(big + 1);
	assert_non_null(huge);
	for (size_t i = 0; i < big; i++)
		huge[i] = "aä ﷺ"[i % 6];
	huge[big] = 0;
	tax_normalize(huge, "fi", true, out, sizeof out);
	free(huge);
	/* a tiny output buffer is never overrun */
	char small[4];
	tax_normalize("ohjelmistokehittäjä", "fi", false, small, sizeof small);
	assert_true(strlen(small) < sizeof small);
}

static void test_clean_title(void **state)
{
	(void)state;
	char out[128];
	tax_clean_title("Senior Software Developer (m/f/d) #1234", out, sizeof out);
	assert_string_equal(out, "Software Developer");
	tax_clean_title("Lähihoitaja, osa-aikainen", out, sizeof out);
	assert_string_equal(out, "Lähihoitaja osa-aikainen");
	tax_clean_title("2024", out, sizeof out);
	assert_string_equal(out, "2024");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_accents), cmocka_unit_test(test_stemming),
		cmocka_unit_test(test_thai_segmented),   cmocka_unit_test(test_never_crashes),
		cmocka_unit_test(test_clean_title),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
