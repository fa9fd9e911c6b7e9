/* Unit tests for the labels module: codes named in fi/sv/en from the shipped data, names read back as codes whatever
 * their case and accents, free-text availability named part by part, unknown values left as they are. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/labels.h"

static int setup(void **state)
{
	(void)state;
	struct err e = {0};
	return labels_load("data", &e); /* the tests run in the project root */
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(labels_name(LABEL_LANGUAGE, "es", "fi"), "espanja");
	assert_string_equal(labels_name(LABEL_LANGUAGE, "es", "sv"), "spanska");
	assert_string_equal(labels_name(LABEL_LANGUAGE, "es", "en"), "Spanish");
	assert_string_equal(labels_name(LABEL_LANGUAGE, "es", "xx"), "Spanish");
	assert_string_equal(labels_name(LABEL_ISCED_FIELD, "0916", "fi"), "Farmasia");
	assert_string_equal(labels_name(LABEL_ISCED_FIELD, "0916", "sv"), "Farmaci");
	assert_non_null(labels_name(LABEL_ISCED_LEVEL, "8", "sv"));
	assert_string_equal(labels_name(LABEL_AVAILABILITY, "now", "fi"), "heti");
	assert_null(labels_name(LABEL_LANGUAGE, "zz", "fi"));
	assert_null(labels_name(LABEL_SECTOR, "es", "fi")); /* kinds do not mix */
	/* the ~60 most common foreign languages of Finland at least */
	const char *codes[200];
	assert_true(labels_codes(LABEL_LANGUAGE, codes, 200) >= 60);
	assert_int_equal(labels_codes(LABEL_ISCED_LEVEL, codes, 200), 9);
}

static void test_codes_of_names(void **state)
{
	(void)state;
	const char *es[] = {"es", "espanja", "Espanja", "ESPANJA", " espanja ", "spanska", "SPANSKA", "Spanish"};
	for (size_t i = 0; i < sizeof es / sizeof *es; i++)
		assert_string_equal(labels_code(LABEL_LANGUAGE, es[i]), "es");
	assert_string_equal(labels_code(LABEL_LANGUAGE, "Venaja"), "ru");  /* accents ignored */
	assert_string_equal(labels_code(LABEL_LANGUAGE, "TŠEKKI"), "cs");
	assert_string_equal(labels_code(LABEL_ISCED_FIELD, "farmasia"), "0916");
	assert_string_equal(labels_code(LABEL_ISCED_LEVEL, "Alempi korkeakouluaste"), "6");
	assert_string_equal(labels_code(LABEL_SECTOR, "Kauppa"), "retail");
	assert_string_equal(labels_code(LABEL_SECTOR, "retail"), "retail");
	assert_null(labels_code(LABEL_LANGUAGE, "klingon"));
	assert_null(labels_code(LABEL_LANGUAGE, ""));
	assert_null(labels_code(LABEL_LANGUAGE, NULL));
}

static void test_text(void **state)
{
	(void)state;
	char out[200];
	labels_text(LABEL_AVAILABILITY, "kokoaikatyö, myös viikonloput", "sv", out, sizeof out);
	assert_string_equal(out, "heltid, även veckoslut");
	labels_text(LABEL_AVAILABILITY, "now", "en", out, sizeof out);
	assert_string_equal(out, "immediately");
	labels_text(LABEL_AVAILABILITY, "iltaisin, myös viikonloput", "en", out, sizeof out);
	assert_string_equal(out, "iltaisin, weekends too"); /* an unknown part stays as written */
	labels_text(LABEL_SECTOR, "Oma keksitty ala", "sv", out, sizeof out);
	assert_string_equal(out, "Oma keksitty ala");
	labels_text(LABEL_ISCED_LEVEL, "6", "fi", out, 8); /* truncated, still a string */
	assert_int_equal(strlen(out), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_codes_of_names),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
