/* taxonomy search: ranking on a small fixture and on the shipped data, typos, prefixes, compounds, any input. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"
#include "taxonomy/taxonomy.h"

static const char *top_uri(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds)
{
	struct tax_hit h[5];
	size_t n = 0;
	struct err e = {0};
	assert_int_equal(tax_search(ix, text, lang, kinds, 5, h, &n, &e), 0);
	return n ? h[0].uri : "";
}

static struct tax_index *fixture(void)
{
	struct tax_builder *b = tax_builder_new();
	assert_non_null(b);
	long welder = tax_builder_concept(b, "urn:welder", TAX_OCCUPATION, "7212.1");
	long laser = tax_builder_concept(b, "urn:laser-welder", TAX_OCCUPATION, "7212.3");
	long care = tax_builder_concept(b, "urn:care", TAX_OCCUPATION, "5322.1");
	long dev = tax_builder_concept(b, "urn:dev", TAX_OCCUPATION, "2512.4");
	long web = tax_builder_concept(b, "urn:web", TAX_OCCUPATION, "2513.2");
	long nurse = tax_builder_concept(b, "urn:nurse", TAX_OCCUPATION, "2221.1");
	long py = tax_builder_concept(b, "urn:python", TAX_SKILL, NULL);
	long grp = tax_builder_concept(b, "urn:isco2512", TAX_ISCO, "2512");
	assert_true(welder >= 0 && laser >= 0 && care >= 0 && dev >= 0 && web >= 0 && nurse >= 0 && py >= 0 &&
	            grp >= 0);
	assert_int_equal(tax_builder_label(b, welder, "fi", TAX_PREFERRED, "hitsaaja"), 0);
	tax_builder_label(b, welder, "en", TAX_PREFERRED, "welder");
	tax_builder_label(b, welder, "sv", TAX_PREFERRED, "svetsare");
	tax_builder_label(b, laser, "fi", TAX_PREFERRED, "laserhitsaaja");
	tax_builder_label(b, laser, "en", TAX_PREFERRED, "laser beam welder");
	tax_builder_label(b, care, "fi", TAX_PREFERRED, "lähihoitaja");
	tax_builder_label(b, care, "en", TAX_PREFERRED, "healthcare assistant");
	tax_builder_label(b, care, "en", TAX_ALT, "nursing assistant");
	tax_builder_label(b, care, "sv", TAX_PREFERRED, "undersköterska");
	tax_builder_label(b, dev, "en", TAX_PREFERRED, "software developer");
	tax_builder_label(b, dev, "en", TAX_ALT, "programmer");
	tax_builder_label(b, dev, "fi", TAX_PREFERRED, "ohjelmistokehittäjä");
	tax_builder_label(b, dev, "sv", TAX_PREFERRED, "mjukvaruutvecklare");
	tax_builder_label(b, web, "en", TAX_PREFERRED, "web developer");
	tax_builder_label(b, web, "fi", TAX_PREFERRED, "verkkosivukehittäjä");
	tax_builder_label(b, nurse, "en", TAX_PREFERRED, "specialist nurse");
	tax_builder_label(b, nurse, "fi", TAX_PREFERRED, "sairaanhoitaja");
	tax_builder_label(b, py, "en", TAX_PREFERRED, "Python (computer programming)");
	tax_builder_label(b, grp, "en", TAX_PREFERRED, "Software developers");
	struct tax_index *ix;
	struct err e = {0};
	assert_int_equal(tax_index_build(b, &ix, &e), 0);
	return ix;
}

static void test_fixture_ranking(void **state)
{
	(void)state;
	struct tax_index *ix = fixture();
	assert_string_equal(top_uri(ix, "hitsaaja", "fi", TAX_OCCUPATION), "urn:welder");
	assert_string_equal(top_uri(ix, "HITSAAJA ", "fi", 0), "urn:welder");
	assert_string_equal(top_uri(ix, "laser hitsaaja", "fi", 0), "urn:laser-welder");
	assert_string_equal(top_uri(ix, "lahihoitaja", "fi", 0), "urn:care"); /* typed without the dots */
	assert_string_equal(top_uri(ix, "lähihoitajat", "fi", 0), "urn:care"); /* plural: stemming */
	assert_string_equal(top_uri(ix, "ohjelmisto", "fi", 0), "urn:dev");     /* prefix, inside a compound */
	assert_string_equal(top_uri(ix, "ohjelmistojen kehittäjä", "fi", 0), "urn:dev"); /* split compound */
	assert_string_equal(top_uri(ix, "softwre developer", "en", TAX_OCCUPATION), "urn:dev"); /* one typo */
	assert_string_equal(top_uri(ix, "sotfware devloper", "en", TAX_OCCUPATION), "urn:dev"); /* two */
	assert_string_equal(top_uri(ix, "progr", "en", 0), "urn:dev");                          /* as you type */
	assert_string_equal(top_uri(ix, "nursing assistant", "en", 0), "urn:care");            /* alt label */
	assert_string_equal(top_uri(ix, "undersköterska", "sv", 0), "urn:care");
	assert_string_equal(top_uri(ix, "python", "en", TAX_SKILL), "urn:python");
	assert_string_equal(top_uri(ix, "software developers", "en", TAX_ISCO), "urn:isco2512");

	/* hits: display label in the asked language, falling back to English; the ISCO code of an occupation */
	struct tax_hit h[3];
	size_t n;
	struct err e = {0};
	assert_int_equal(tax_search(ix, "welder", "fi", TAX_OCCUPATION, 3, h, &n, &e), 0);
	assert_true(n >= 1);
	assert_string_equal(h[0].label, "hitsaaja");
	assert_string_equal(h[0].isco, "7212");
	assert_true(h[0].score > 0.5 && h[0].score <= 1.0);
	assert_int_equal(tax_search(ix, "hitsaaja", "ru", TAX_OCCUPATION, 3, h, &n, &e), 0);
	assert_string_equal(h[0].label, "welder");
	/* one hit per concept, scores descending */
	assert_int_equal(tax_search(ix, "developer", "en", 0, 3, h, &n, &e), 0);
	for (size_t i = 1; i < n; i++) {
		assert_true(h[i - 1].score >= h[i].score);
		assert_string_not_equal(h[i - 1].uri, h[i].uri);
	}
	/* limit 0 and garbage */
	assert_int_equal(tax_search(ix, "hitsaaja", "fi", 0, 0, h, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(tax_search(ix, "qqqqzzzz", "fi", 0, 3, h, &n, &e), 0);
	/* title mapping */
	bool mapped;
	assert_int_equal(tax_map_title(ix, "Senior Software Developer (m/f/d)", "en", 3, h, &n, &mapped, &e), 0);
	assert_true(mapped);
	assert_string_equal(h[0].uri, "urn:dev");
	assert_int_equal(tax_map_title(ix, "zxqv blorp", "en", 3, h, &n, &mapped, &e), 0);
	assert_false(mapped);
	tax_index_free(ix);
}

static void test_any_input(void **state)
{
	(void)state;
	struct tax_index *ix = fixture();
	struct tax_hit h[10];
	size_t n;
	struct err e = {0};
	static const char *const q[] = {"сварщик", "ช่างเชื่อม", "นักพัฒนาซอฟต์แวร์", "لحام", "مُهَنْدِس",
	                                "\xff\xfe", "\xc3", "", " ", "🙂", "a", "ää", "(m/f/d)", "-- ,,"};
	static const char *const langs[] = {"fi", "sv", "en", "ru", "th", "ar", NULL, "xx-YY-long-language"};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++)
		for (size_t k = 0; k < sizeof langs / sizeof *langs; k++)
			assert_int_equal(tax_search(ix, q[i], langs[k], 0, 10, h, &n, &e), 0);
	srand(11);
	char buf[200];
	for (int k = 0; k < 2000; k++) {
		size_t len = (size_t)(rand() % 199);
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)(rand() % 255 + 1);
		buf[len] = 0;
		assert_int_equal(tax_search(ix, buf, langs[k % 6], 0, 10, h, &n, &e), 0);
	}
	tax_index_free(ix);
}

/* ---- the shipped data ---- */
static struct tax_index *shipped;

static int load_shipped(void **state)
{
	(void)state;
	struct store *s;
	struct err e = {0};
	if (store_open(":memory:", &s, &e) || store_migrate(s, &e) ||
	    tax_import_dir(s, "data/taxonomy", false, NULL, &e) || tax_index_load(s, 0, &shipped, &e)) {
		fprintf(stderr, "shipped taxonomy: %s\n", e.message);
		return -1;
	}
	store_close(s);
	return 0;
}

static int free_shipped(void **state)
{
	(void)state;
	tax_index_free(shipped);
	return 0;
}

static void top_isco(const char *text, const char *lang, const char *isco_a, const char *isco_b)
{
	struct tax_hit h[3];
	size_t n;
	struct err e = {0};
	assert_int_equal(tax_search(shipped, text, lang, TAX_OCCUPATION, 3, h, &n, &e), 0);
	assert_true(n >= 1);
	if (strcmp(h[0].isco, isco_a) != 0 && (!isco_b || strcmp(h[0].isco, isco_b) != 0))
		fail_msg("'%s' (%s): top is %s '%s' ISCO %s", text, lang, h[0].uri, h[0].label, h[0].isco);
}

static void test_shipped(void **state)
{
	(void)state;
	assert_true(tax_index_concepts(shipped) > 18000);
	struct tax_hit h[3];
	size_t n;
	struct err e = {0};
	assert_int_equal(tax_search(shipped, "hitsaaja", "fi", TAX_OCCUPATION, 3, h, &n, &e), 0);
	assert_true(n >= 1 && strstr(h[0].label, "hitsaaja") && strcmp(h[0].isco, "7212") == 0);
	top_isco("hitsaaja", "fi", "7212", NULL);
	top_isco("lähihoitaja", "fi", "5321", "5322");
	top_isco("ohjelmistokehittäjä", "fi", "2512", NULL);
	top_isco("software developer", "en", "2512", NULL);
	top_isco("softwar developer", "en", "2512", NULL); /* one letter missing */
	top_isco("software develpoer", "en", "2512", NULL); /* two letters swapped */
	top_isco("welder", "en", "7212", NULL);
	top_isco("svetsare", "sv", "7212", NULL);
	bool mapped;
	assert_int_equal(tax_map_title(shipped, "Senior Software Developer (m/f/d)", "en", 3, h, &n, &mapped, &e), 0);
	assert_true(mapped);
	assert_string_equal(h[0].isco, "2512");
	/* skills in Finnish (osaaja labels) and English */
	assert_int_equal(tax_search(shipped, "asiakaspalvelu", "fi", TAX_SKILL, 3, h, &n, &e), 0);
	assert_true(n >= 1 && h[0].kind == TAX_SKILL);
}

struct thread_arg {
	const char *q;
	int ok;
};

static void *search_thread(void *p)
{
	struct thread_arg *a = p;
	struct tax_hit h[5];
	size_t n;
	struct err e = {0};
	for (int i = 0; i < 20; i++)
		if (tax_search(shipped, a->q, "fi", TAX_OCCUPATION, 5, h, &n, &e) == 0 && n > 0)
			a->ok++;
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	struct thread_arg a[4] = {{"hitsaaja", 0}, {"lähihoitaja", 0}, {"ohjelmistokehittäjä", 0}, {"kokki", 0}};
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, search_thread, &a[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(a[i].ok, 20);
	}
}

int main(void)
{
	const struct CMUnitTest fixture_tests[] = {
		cmocka_unit_test(test_fixture_ranking),
		cmocka_unit_test(test_any_input),
	};
	const struct CMUnitTest shipped_tests[] = {
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_threads),
	};
	int rc = cmocka_run_group_tests_name("fixture", fixture_tests, NULL, NULL);
	return rc | cmocka_run_group_tests_name("shipped", shipped_tests, load_shipped, free_shipped);
}
