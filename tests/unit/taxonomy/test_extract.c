/* taxonomy extract: the sentence splitter (fi, sv, en; bullets, line breaks, abbreviations), the language guess and
 * the ranking of skills suggested from free text on a small fixture (phrase beats loose beats nothing, one suggestion
 * per skill at its best sentence, limits, refusals, any input). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "taxonomy/taxonomy.h"

/* The sentences of text, joined by " | ". */
static const char *split(const char *text)
{
	static char out[2048];
	struct tax_span sp[32];
	size_t n = tax_split_sentences(text, strlen(text), sp, 32), k = 0;
	out[0] = 0;
	for (size_t i = 0; i < n; i++) {
		assert_true(sp[i].start < sp[i].end && sp[i].end <= strlen(text));
		k += (size_t)snprintf(out + k, sizeof out - k, "%s%.*s", i ? " | " : "", (int)(sp[i].end - sp[i].start),
		                      text + sp[i].start);
	}
	return out;
}

static void test_split(void **state)
{
	(void)state;
	assert_string_equal(split("I know Java. I like SQL!  Do you?"), "I know Java. | I like SQL! | Do you?");
	assert_string_equal(split("Osaan mm. asiakaspalvelun. Olen esim. myynyt."),
	                    "Osaan mm. asiakaspalvelun. | Olen esim. myynyt.");
	assert_string_equal(split("Jag kan t.ex. kassa. Jag har körkort."), "Jag kan t.ex. kassa. | Jag har körkort.");
	assert_string_equal(split("Kokemus:\n- hitsaus\n* trukin käyttö\n• Python\n1. SQL\n2) Excel"),
	                    "Kokemus: | hitsaus | trukin käyttö | Python | SQL | Excel");
	assert_string_equal(split("Olen työskennellyt\nvarastossa kolme vuotta.\n\nOsaan trukin."),
	                    "Olen työskennellyt\nvarastossa kolme vuotta. | Osaan trukin.");
	assert_string_equal(split("Skills: Java • SQL • Linux; good English"), "Skills: Java | SQL | Linux; | good English");
	assert_string_equal(split("Version 3.5 of it. Next"), "Version 3.5 of it. | Next");
	assert_string_equal(split(" \n - \n . \n"), "");
	assert_string_equal(split(""), "");
	/* max is respected */
	struct tax_span sp[2];
	assert_int_equal(tax_split_sentences("A. B. C. D.", 11, sp, 2), 2);
}

static void test_lang(void **state)
{
	(void)state;
	const char *fi = "Olen työskennellyt myyjänä ja osaan asiakaspalvelun.";
	const char *sv = "Jag har arbetat som säljare och kan kundservice.";
	const char *en = "I have worked as a sales assistant and know customer service.";
	assert_string_equal(tax_guess_lang(fi, strlen(fi), "en"), "fi");
	assert_string_equal(tax_guess_lang(sv, strlen(sv), "en"), "sv");
	assert_string_equal(tax_guess_lang(en, strlen(en), "fi"), "en");
	assert_string_equal(tax_guess_lang("Python SQL", 10, "fi"), "fi");
}

static struct tax_index *fixture(void)
{
	struct tax_builder *b = tax_builder_new();
	assert_non_null(b);
	long java = tax_builder_concept(b, "urn:java", TAX_SKILL, NULL);
	long pm = tax_builder_concept(b, "urn:pm", TAX_SKILL, NULL);
	long design = tax_builder_concept(b, "urn:design", TAX_SKILL, NULL);
	long cs = tax_builder_concept(b, "urn:cs", TAX_SKILL, NULL);
	long forklift = tax_builder_concept(b, "urn:forklift", TAX_SKILL, NULL);
	long occ = tax_builder_concept(b, "urn:occ-dev", TAX_OCCUPATION, "2512.4");
	long ar = tax_builder_concept(b, "urn:ar", TAX_SKILL, NULL);
	tax_builder_label(b, ar, "en", TAX_PREFERRED, "augmented reality");
	tax_builder_label(b, ar, "en", TAX_ALT, "AR");
	assert_true(java >= 0 && pm >= 0 && design >= 0 && cs >= 0 && forklift >= 0 && occ >= 0);
	tax_builder_label(b, java, "en", TAX_PREFERRED, "Java (computer programming)");
	tax_builder_label(b, java, "en", TAX_ALT, "Java");
	tax_builder_label(b, java, "fi", TAX_PREFERRED, "Java (ohjelmointikieli)");
	tax_builder_label(b, pm, "en", TAX_PREFERRED, "project management");
	tax_builder_label(b, pm, "fi", TAX_PREFERRED, "projektinhallinta");
	tax_builder_label(b, design, "en", TAX_PREFERRED, "think creatively");
	tax_builder_label(b, design, "en", TAX_ALT, "design");
	tax_builder_label(b, cs, "en", TAX_PREFERRED, "customer service");
	tax_builder_label(b, cs, "fi", TAX_PREFERRED, "asiakaspalvelu");
	tax_builder_label(b, forklift, "en", TAX_PREFERRED, "operate forklift");
	tax_builder_label(b, forklift, "fi", TAX_PREFERRED, "trukin käyttö");
	tax_builder_label(b, occ, "en", TAX_PREFERRED, "software developer");
	struct tax_index *ix;
	struct err e = {0};
	assert_int_equal(tax_index_build(b, &ix, &e), 0);
	return ix;
}

static long find(const struct tax_skill_suggestion *s, size_t n, const char *uri)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s[i].uri, uri) == 0)
			return (long)i;
	return -1;
}

static void test_rank(void **state)
{
	(void)state;
	struct tax_index *ix = fixture();
	struct tax_skill_suggestion s[10];
	size_t n = 0;
	struct err e = {0};
	const char *text = "We design software.\nYou know Java well. Experience with project management.\n"
	                   "Java again; and management of projects.";
	assert_int_equal(tax_suggest_skills(ix, text, "en", "en", 10, s, &n, &e), 0);
	long j = find(s, n, "urn:java"), p = find(s, n, "urn:pm"), d = find(s, n, "urn:design");
	assert_true(j >= 0 && p >= 0);
	assert_int_equal(find(s, n, "urn:occ-dev"), -1); /* skills only */
	assert_int_equal(find(s, n, "urn:forklift"), -1);
	/* the phrase "project management" is in the third sentence; loosely also in the fifth: the phrase wins */
	assert_string_equal(text + s[p].sentence.start, "Experience with project management.\nJava again; and management of projects.");
	assert_int_equal(s[p].sentence.end - s[p].sentence.start, strlen("Experience with project management."));
	assert_string_equal(s[j].label, "Java (computer programming)");
	/* a one-word alternative label counts less than a rare skill named as such */
	assert_true(d < 0 || s[d].score < s[j].score);
	for (size_t i = 1; i < n; i++)
		assert_true(s[i - 1].score >= s[i].score);
	/* one per skill */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			assert_string_not_equal(s[i].uri, s[k].uri);
	/* Finnish text, Finnish labels; the label language follows label_lang with English as the fallback */
	const char *fi = "Olen tehnyt asiakaspalvelua.\n- trukin käyttö\n- Java";
	assert_int_equal(tax_suggest_skills(ix, fi, NULL, "fi", 10, s, &n, &e), 0);
	long c = find(s, n, "urn:cs"), f = find(s, n, "urn:forklift");
	j = find(s, n, "urn:java");
	assert_true(c >= 0 && f >= 0 && j >= 0);
	assert_string_equal(s[f].label, "trukin käyttö");
	assert_int_equal(s[f].sentence.end - s[f].sentence.start, strlen("trukin käyttö"));
	assert_string_equal(s[j].label, "Java (ohjelmointikieli)");
	assert_int_equal(tax_suggest_skills(ix, fi, "fi", "sv", 10, s, &n, &e), 0);
	assert_string_equal(s[find(s, n, "urn:forklift")].label, "operate forklift");
	/* limit, deterministic */
	struct tax_skill_suggestion a[2], b2[2];
	size_t na = 0, nb = 0;
	assert_int_equal(tax_suggest_skills(ix, text, "en", "en", 2, a, &na, &e), 0);
	assert_int_equal(tax_suggest_skills(ix, text, "en", "en", 2, b2, &nb, &e), 0);
	assert_int_equal(na, 2);
	assert_int_equal(nb, 2);
	assert_string_equal(a[0].uri, b2[0].uri);
	assert_string_equal(a[1].uri, b2[1].uri);
	/* refusals */
	assert_int_equal(tax_suggest_skills(ix, "", "en", "en", 10, s, &n, &e), ERR_INVALID);
	assert_string_equal(e.key, "suggest_empty");
	assert_int_equal(tax_suggest_skills(ix, " \n\t ", "en", "en", 10, s, &n, &e), ERR_INVALID);
	assert_string_equal(e.key, "suggest_empty");
	char *big = malloc(TAX_SUGGEST_MAX_TEXT + 2);
	memset(big, 'a', TAX_SUGGEST_MAX_TEXT + 1);
	big[TAX_SUGGEST_MAX_TEXT + 1] = 0;
	assert_int_equal(tax_suggest_skills(ix, big, "en", "en", 10, s, &n, &e), ERR_INVALID);
	assert_string_equal(e.key, "suggest_too_long");
	big[TAX_SUGGEST_MAX_TEXT] = 0;
	assert_int_equal(tax_suggest_skills(ix, big, "en", "en", 10, s, &n, &e), 0);
	free(big);
	assert_int_equal(tax_suggest_skills(ix, "bad \xff\xfe bytes", "en", "en", 10, s, &n, &e), ERR_INVALID);
	/* any bytes to the splitter */
	char junk[512];
	unsigned seed = 7;
	for (int round = 0; round < 200; round++) {
		for (size_t i = 0; i < sizeof junk; i++) {
			seed = seed * 1103515245u + 12345u;
			junk[i] = (char)(seed >> 16);
		}
		struct tax_span sp[600];
		size_t ns = tax_split_sentences(junk, sizeof junk, sp, 600);
		for (size_t i = 0; i < ns; i++)
			assert_true(sp[i].start < sp[i].end && sp[i].end <= sizeof junk);
	}
	/* a short label counts only as written: "år" (year) folds to "ar" but is not AR */
	assert_int_equal(tax_suggest_skills(ix, "Jag har arbetat i tre år.", "sv", "sv", 10, s, &n, &e), 0);
	assert_int_equal(find(s, n, "urn:ar"), -1);
	assert_int_equal(tax_suggest_skills(ix, "Jag bygger AR-appar.", "sv", "sv", 10, s, &n, &e), 0);
	assert_true(find(s, n, "urn:ar") >= 0);
	assert_null(tax_label_of(ix, "urn:none", "fi"));
	assert_string_equal(tax_label_of(ix, "urn:cs", "fi"), "asiakaspalvelu");
	tax_index_free(ix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_lang),
		cmocka_unit_test(test_rank),
	};
	return cmocka_run_group_tests_name("taxonomy extract", tests, NULL, NULL);
}
