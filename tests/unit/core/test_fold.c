/* Unit tests for core/fold: the search form (case, accents, other scripts as Latin), the Latin spelling shown beside a
 * name in another script, the word split and the cut at a character boundary, and a transliterator per thread. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"

static void expect_fold(const char *in, const char *want)
{
	char *got = fold_search(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_search_form(void **state)
{
	(void)state;
	expect_fold("Äijälä", "aijala");
	expect_fold("ÄIJÄLÄ", "aijala");
	expect_fold("Øystein Müller-Lüdenscheidt", "oystein muller-ludenscheidt");
	expect_fold("Straße Æsir", "strasse aesir");
	expect_fold("Nguyễn", "nguyen");
	expect_fold("Иван Петров", "ivan petrov");
	expect_fold("ΑΛΕΞΑΝΔΡΟΣ", "alexandros");
	char *thai = fold_search("สมชาย"), *arabic = fold_search("محمد");
	assert_non_null(thai);
	assert_non_null(arabic);
	for (const char *p = thai; *p; p++) /* Latin letters only: no marks or script left over */
		assert_true(*p >= 'a' && *p <= 'z');
	assert_string_equal(arabic, "mhmd"); /* the half rings of the transliteration go too */
	free(thai);
	free(arabic);
	expect_fold("Ольга Петрова", "olga petrova"); /* the soft sign's prime does not split the word */
	expect_fold("O'Brien D’Arcy", "obrien darcy"); /* nor does an apostrophe */
	expect_fold("Pa_bo 100%", "pa_bo 100%"); /* what is not a letter stays */
	expect_fold("", "");
	assert_null(fold_search("abc\xC3")); /* not UTF-8 */
}

static void test_latin_beside(void **state)
{
	(void)state;
	char *s = fold_latin("Петров Иван");
	assert_non_null(s);
	assert_string_equal(s, "Petrov Ivan"); /* the case of the name is kept */
	free(s);
	assert_null(fold_latin("Äijälä Matti")); /* a Latin name needs nothing beside it */
	assert_null(fold_latin("Nguyễn Văn An"));
	assert_null(fold_latin("O'Brien 2"));
	s = fold_latin("Anna Иванова"); /* a name partly in another script */
	assert_non_null(s);
	assert_string_equal(s, "Anna Ivanova");
	free(s);
}

static void test_spellings(void **state)
{
	(void)state;
	char *sp[FOLD_SPELLINGS_MAX];
	size_t n = fold_search_spellings("Äijälä", sp);
	assert_int_equal(n, 1); /* a Latin name: one spelling */
	assert_string_equal(sp[0], "aijala");
	free(sp[0]);
	n = fold_search_spellings("Ольга Щукина", sp);
	assert_int_equal(n, 3); /* scholarly, Russian and Ukrainian passport spellings */
	assert_string_equal(sp[0], "olga sukina");
	assert_string_equal(sp[1], "olga shchukina");
	assert_string_equal(sp[2], "olha shchukyna");
	for (size_t i = 0; i < n; i++)
		free(sp[i]);
	n = fold_search_spellings("Анна", sp); /* the same in every spelling: kept once */
	assert_int_equal(n, 1);
	assert_string_equal(sp[0], "anna");
	free(sp[0]);
	assert_int_equal(fold_search_spellings("abc\xC3", sp), 0);
}

struct words {
	char w[8][64];
	int n;
};

static int collect(const char *w, size_t len, void *arg)
{
	struct words *ws = arg;
	if (ws->n < 8)
		memcpy(ws->w[ws->n], w, len), ws->w[ws->n][len] = 0, ws->n++;
	return 0;
}

static void test_words(void **state)
{
	(void)state;
	struct words ws = {0};
	assert_int_equal(fold_words("  anna-liisa  al.korhonen@posti.fi (x)/y ", collect, &ws), 0);
	assert_int_equal(ws.n, 8);
	const char *want[] = {"anna", "liisa", "al", "korhonen", "posti", "fi", "x", "y"};
	for (int i = 0; i < 8; i++)
		assert_string_equal(ws.w[i], want[i]);
	memset(&ws, 0, sizeof ws);
	assert_int_equal(fold_words("pa_bo 100% x\\b", collect, &ws), 0); /* _ % and \\ are part of a word */
	assert_int_equal(ws.n, 3);
	assert_string_equal(ws.w[0], "pa_bo");
	assert_string_equal(ws.w[2], "x\\b");
	memset(&ws, 0, sizeof ws);
	assert_int_equal(fold_words(" .-@ ", collect, &ws), 0);
	assert_int_equal(ws.n, 0);
	/* a long word is cut at FOLD_WORD_MAX bytes, never inside a character */
	char longw[128];
	memset(longw, 'a', 47);
	memcpy(longw + 47, "\xC3\xA4zzzz", 7);
	assert_int_equal(fold_cut(longw, 54, FOLD_WORD_MAX), 47);
	assert_int_equal(fold_cut("abc", 3, FOLD_WORD_MAX), 3);
}

static void *in_thread(void *arg)
{
	(void)arg;
	char *s = fold_search("Åsa Öberg");
	bool ok = s && strcmp(s, "asa oberg") == 0;
	free(s);
	return ok ? (void *)1 : NULL;
}

static void test_threads(void **state)
{
	(void)state;
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, in_thread, NULL), 0);
	for (int i = 0; i < 4; i++) {
		void *ok = NULL;
		pthread_join(t[i], &ok);
		assert_non_null(ok); /* each thread its own transliterator, closed when it ends */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_form),
		cmocka_unit_test(test_latin_beside),
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
