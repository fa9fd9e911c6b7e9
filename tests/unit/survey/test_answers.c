/* Survey answers: required, types, conditions, repeats, consent; messages in the respondent's language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "survey/survey.h"
#include "testutil.h"

static struct survey_def *seasonal, *competence;

static int setup(void **state)
{
	(void)state;
	seasonal = tu_load_survey("data/surveys/seasonal-worker.json");
	competence = tu_load_survey("data/surveys/competence-intake.json");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	survey_definition_free(seasonal);
	survey_definition_free(competence);
	return 0;
}

static const char valid_seasonal[] =
	"{\"_consent\": true, \"first_name\": \"Somchai\", \"last_name\": \"Sukjai\", \"nationality\": \"TH\","
	" \"mother_tongue\": \"th\", \"phone\": \"+66 81 234 5678\", \"in_finland\": \"yes\", \"sector\": \"agriculture\","
	" \"current_job\": \"berry picker\", \"employment_type\": \"agency\", \"season_ends\": \"2025-09-30\","
	" \"work_history\": [{\"job_title\": \"rice farmer\", \"job_country\": \"TH\", \"job_years\": 10},"
	"                    {\"job_title\": \"driver\", \"job_occupation\": "
	"\"http://data.europa.eu/esco/occupation/ccd0a1d9-afda-43d9-b901-96344886e14d\", \"job_years\": \"2,5\"}],"
	" \"isced_level\": \"2\","
	" \"skills\": [\"http://data.europa.eu/esco/skill/0a1b2c3d-afda-43d9-b901-96344886e14d\", \"driving a tractor\"],"
	" \"licences\": [\"driving_b\", \"forklift\"], \"language_levels\": {\"th\": \"native\", \"en\": \"A2\"},"
	" \"long_term_interest\": \"yes\", \"long_term_sectors\": [\"agriculture\", \"forestry\"],"
	" \"family_move\": \"maybe\", \"children\": true, \"has_spouse\": \"no\"}";

static json_t *answers(void)
{
	json_error_t je;
	json_t *a = json_loads(valid_seasonal, 0, &je);
	if (!a)
		fail_msg("test answers: %s", je.text);
	return a;
}

/* The error at path, or NULL. */
static const struct survey_answer_error *find(const struct survey_answer_errors *e, const char *path)
{
	for (size_t i = 0; i < e->n; i++)
		if (strcmp(e->v[i].path, path) == 0)
			return &e->v[i];
	return NULL;
}

static const struct survey_answer_error *expect(const struct survey_answer_errors *e, const char *path,
						const char *code)
{
	const struct survey_answer_error *x = find(e, path);
	if (!x) {
		for (size_t i = 0; i < e->n; i++)
			print_error("  have %s: %s (%s)\n", e->v[i].path, e->v[i].code, e->v[i].message);
		fail_msg("no error at %s (want %s)", path, code);
	}
	assert_string_equal(x->code, code);
	return x;
}

static void test_valid_answers(void **state)
{
	(void)state;
	json_t *a = answers();
	struct survey_answer_errors e = {0};
	int rc = survey_answers_validate(seasonal, a, "th", &e);
	for (size_t i = 0; i < e.n; i++)
		print_error("%s: %s\n", e.v[i].path, e.v[i].message);
	assert_int_equal(rc, 0);
	assert_int_equal(e.n, 0);
	survey_answer_errors_free(&e);
	json_decref(a);
}

static void test_required_in_thai(void **state)
{
	(void)state;
	json_t *a = answers();
	json_object_del(a, "first_name");
	json_object_set_new(a, "sector", json_string(""));
	json_array_append_new(json_object_get(a, "work_history"), json_pack("{s:s}", "job_country", "SE"));
	struct survey_answer_errors e = {0};
	assert_int_equal(survey_answers_validate(seasonal, a, "th", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "first_name", "required")->message, "กรุณาตอบคำถามนี้");
	expect(&e, "sector", "required");
	expect(&e, "work_history[2].job_title", "required");
	assert_int_equal(e.n, 3);
	survey_answer_errors_free(&e);
	json_decref(a);
}

static void test_types_in_arabic(void **state)
{
	(void)state;
	json_t *a = answers();
	json_object_set_new(a, "email", json_string("not-an-email"));
	json_object_set_new(a, "season_ends", json_string("2025-02-30"));
	json_object_set_new(a, "nationality", json_string("Thailand"));
	json_object_set_new(a, "sector", json_string("mining"));
	json_object_set_new(a, "licences", json_pack("[s,s]", "driving_b", "pilot"));
	json_object_set_new(a, "language_levels", json_pack("{s:s}", "fi", "B3"));
	json_object_set_new(a, "has_spouse", json_string("perhaps"));
	json_object_set_new(a, "phone", json_string("call me"));
	json_object_set_new(json_array_get(json_object_get(a, "work_history"), 0), "job_years", json_integer(70));
	json_object_set_new(json_array_get(json_object_get(a, "work_history"), 1), "job_occupation",
			    json_string("http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"));
	struct survey_answer_errors e = {0};
	assert_int_equal(survey_answers_validate(seasonal, a, "ar", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "email", "invalid_email")->message, "يرجى التحقق من عنوان البريد الإلكتروني.");
	assert_non_null(strstr(expect(&e, "season_ends", "invalid_date")->message, "2025-06-30"));
	expect(&e, "nationality", "invalid_country");
	expect(&e, "sector", "invalid_choice");
	expect(&e, "licences", "invalid_choice");
	expect(&e, "language_levels", "invalid_cefr");
	expect(&e, "has_spouse", "invalid_yesno");
	expect(&e, "phone", "invalid_phone");
	assert_string_equal(expect(&e, "work_history[0].job_years", "above_max")->message, "يجب ألا يزيد الرقم عن 50.");
	expect(&e, "work_history[1].job_occupation", "invalid_esco"); /* a skill URI where an occupation belongs */
	json_t *j = survey_answer_errors_to_json(&e);
	assert_int_equal(json_array_size(j), e.n);
	assert_string_equal(json_string_value(json_object_get(json_array_get(j, 0), "code")), e.v[0].code);
	json_decref(j);
	survey_answer_errors_free(&e);
	json_decref(a);
}

static void test_conditions(void **state)
{
	(void)state;
	json_t *a = answers();
	struct survey_answer_errors e = {0};
	/* Hidden: the long-term questions when the answer is no; their stale answers are neither checked nor kept. */
	json_object_set_new(a, "long_term_interest", json_string("no"));
	json_object_set_new(a, "long_term_sectors", json_string("not even a list"));
	assert_int_equal(survey_answers_validate(seasonal, a, "en", &e), 0);
	survey_answer_errors_free(&e);
	json_t *pruned = survey_answers_prune(seasonal, a);
	assert_null(json_object_get(pruned, "long_term_sectors"));
	assert_non_null(json_object_get(pruned, "first_name"));
	assert_int_equal(json_array_size(json_object_get(pruned, "work_history")), 2);
	json_decref(pruned);

	/* Someone still abroad skips the current work in Finland (issue 14 item 4): in_finland = no hides the group,
	 * its answers are neither checked nor kept; unanswered, the group shows (answer sets made before the question). */
	json_object_set_new(a, "in_finland", json_string("no"));
	json_object_set_new(a, "sector", json_string("mining"));
	json_object_set_new(a, "season_ends", json_string("2025-02-30"));
	assert_int_equal(survey_answers_validate(seasonal, a, "vi", &e), 0);
	survey_answer_errors_free(&e);
	pruned = survey_answers_prune(seasonal, a);
	assert_null(json_object_get(pruned, "sector"));
	assert_null(json_object_get(pruned, "current_job"));
	assert_null(json_object_get(pruned, "season_ends"));
	assert_non_null(json_object_get(pruned, "in_finland"));
	json_decref(pruned);
	json_object_del(a, "in_finland");
	assert_int_equal(survey_answers_validate(seasonal, a, "vi", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "sector", "invalid_choice")->message, "Vui lòng chọn một trong các lựa chọn.");
	expect(&e, "season_ends", "invalid_date");
	assert_int_equal(e.n, 2);
	survey_answer_errors_free(&e);
	json_object_set_new(a, "in_finland", json_string("yes"));
	json_object_set_new(a, "sector", json_string("agriculture"));
	json_object_set_new(a, "season_ends", json_string("2025-09-30"));

	/* The spouse group appears with has_spouse = yes, and its required question applies. */
	json_object_set_new(a, "has_spouse", json_true());
	assert_int_equal(survey_answers_validate(seasonal, a, "uk", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "spouse_location", "required")->message,
			    "Будь ласка, дайте відповідь на це запитання.");
	assert_int_equal(e.n, 1);
	survey_answer_errors_free(&e);
	json_object_set_new(a, "spouse_location", json_string("coming"));
	json_object_set_new(a, "spouse_languages", json_pack("{s:s,s:s}", "so", "native", "ar", "B1"));
	json_object_set_new(a, "spouse_isced_level", json_string("dont_know"));
	assert_int_equal(survey_answers_validate(seasonal, a, "so", &e), 0);
	survey_answer_errors_free(&e);

	/* Competence intake: the start date is asked only when the answer is "later". */
	json_t *c = json_pack("{s:b, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "_consent", 1, "first_name", "Amina",
			      "last_name", "Hassan", "email", "amina@example.org", "mother_tongue", "so",
			      "isced_level", "7", "degree_title", "MSc Public Health", "education_country", "KE",
			      "availability", "now", "available_from", "soon");
	assert_int_equal(survey_answers_validate(competence, c, "so", &e), 0);
	survey_answer_errors_free(&e);
	json_object_set_new(c, "availability", json_string("later"));
	assert_int_equal(survey_answers_validate(competence, c, "so", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "available_from", "invalid_date")->message,
			    "Fadlan u qor taariikhda sidan: sannad-bil-maalin, tusaale 2025-06-30.");
	survey_answer_errors_free(&e);
	json_decref(c);
	json_decref(a);
}

static void test_structure(void **state)
{
	(void)state;
	json_t *a = answers();
	struct survey_answer_errors e = {0};
	json_object_del(a, "_consent");
	json_object_set_new(a, "favourite_colour", json_string("blue"));
	json_object_set_new(a, "job_title", json_string("not at the top level")); /* belongs to a repeat */
	json_t *wh = json_object_get(a, "work_history");
	json_object_set_new(json_array_get(wh, 0), "salary", json_integer(1));
	assert_int_equal(survey_answers_validate(seasonal, a, "fi", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "_consent", "consent")->message,
			    "Lue suostumusteksti ja hyväksy se ennen kuin lähetät vastaukset.");
	expect(&e, "favourite_colour", "unknown");
	expect(&e, "job_title", "unknown");
	expect(&e, "work_history[0].salary", "unknown");
	survey_answer_errors_free(&e);

	json_t *many = json_array();
	for (int i = 0; i < 9; i++)
		json_array_append_new(many, json_pack("{s:s}", "job_title", "picker"));
	json_object_set_new(a, "work_history", many);
	json_object_set_new(a, "_consent", json_true());
	json_object_del(a, "favourite_colour");
	json_object_del(a, "job_title");
	assert_int_equal(survey_answers_validate(seasonal, a, "sv", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "work_history", "too_many_repeats")->message, "Du kan lägga till högst 8.");
	assert_int_equal(e.n, 1);
	survey_answer_errors_free(&e);

	json_t *arr = json_array();
	assert_int_equal(survey_answers_validate(seasonal, arr, "ru", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "", "not_object")->message, "Не удалось прочитать ответы. Попробуйте ещё раз.");
	survey_answer_errors_free(&e);
	assert_null(survey_answers_prune(seasonal, arr));
	json_decref(arr);
	json_decref(a);
}

static void test_text_limits(void **state)
{
	(void)state;
	json_t *a = answers();
	struct survey_answer_errors e = {0};
	/* 100 Thai characters is 300 bytes: the limit counts characters, not bytes. */
	char name[512];
	static const char ko[] = "ก";
	size_t n = 0;
	for (int i = 0; i < 101; i++, n += 3)
		memcpy(name + n, ko, 3);
	name[303] = 0;
	json_object_set_new(a, "first_name", json_stringn(name, 300));
	assert_int_equal(survey_answers_validate(seasonal, a, "th", &e), 0);
	survey_answer_errors_free(&e);
	json_object_set_new(a, "first_name", json_string(name));
	assert_int_equal(survey_answers_validate(seasonal, a, "th", &e), ERR_INVALID);
	assert_string_equal(expect(&e, "first_name", "too_long")->message, "คำตอบยาวเกินไป (ไม่เกิน 100 ตัวอักษร)");
	survey_answer_errors_free(&e);
	json_object_set_new(a, "first_name", json_string("Som\x01chai"));
	assert_int_equal(survey_answers_validate(seasonal, a, "th", &e), ERR_INVALID);
	expect(&e, "first_name", "invalid_value");
	survey_answer_errors_free(&e);
	json_decref(a);
}

static void test_messages(void **state)
{
	(void)state;
	static const char *const langs[] = {"fi", "sv", "en", "ru", "th", "ar", "uk", "so", "vi", "tl"};
	static const char *const codes[] = {"region_default", "organisation_default", "required", "invalid_choice", "too_many", "too_long", "not_number",
					    "below_min", "above_max", "invalid_date", "invalid_yesno", "invalid_cefr",
					    "invalid_language", "invalid_country", "invalid_esco", "invalid_email",
					    "invalid_phone", "invalid_value", "unknown", "too_many_repeats", "consent",
					    "not_object", "yes", "no", "native"};
	for (size_t l = 0; l < sizeof langs / sizeof *langs; l++)
		for (size_t c = 0; c < sizeof codes / sizeof *codes; c++) {
			const char *m = survey_message(langs[l], codes[c]);
			assert_true(m && *m);
			if (strcmp(langs[l], "en") != 0 && strcmp(codes[c], "native") != 0)
				assert_string_not_equal(m, survey_message("en", codes[c]));
		}
	assert_string_equal(survey_message("de", "required"), "Please answer this question.");
	assert_string_equal(survey_message(NULL, "no"), "No");
	assert_string_equal(survey_message("fi", "no_such_code"), survey_message("fi", "invalid_value"));
}

/* survey_parse_number: the one reading of a typed number, for the form, its validation and the review's accept
 * (issue 13 item 9): ASCII, Arabic-Indic, Extended Arabic-Indic and Thai digits, a decimal comma or U+066B. */
static void test_native_digits(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		bool ok;
		double want;
	} cases[] = {
		{"2019", true, 2019},
		{" 12 ", true, 12},
		{"2,5", true, 2.5},
		{"\xd9\xa2\xd9\xa0\xd9\xa1\xd9\xa9", true, 2019},                 /* ٢٠١٩ */
		{"\xdb\xb1\xdb\xb2", true, 12},                                     /* ۱۲ */
		{"\xe0\xb9\x92\xe0\xb9\x95", true, 25},                             /* ๒๕ */
		{"\xd9\xa1\xd9\xab\xd9\xa5", true, 1.5},                            /* ١٫٥ */
		{"1\xe0\xb9\x92", true, 12},                                       /* mixed */
		{"", false, 0},
		{"twelve", false, 0},
		{"\xd9\xa2x", false, 0},
		{"\xe0\xb9\x9a", false, 0},                                         /* ๚: not a digit */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		double d = -1;
		bool ok = survey_parse_number(cases[i].in, &d);
		if (ok != cases[i].ok || (ok && d != cases[i].want))
			fail_msg("case %zu: %s -> %d %g", i, cases[i].in, ok, d);
	}
	/* the validation takes them where a number is asked */
	const struct survey_question *q = survey_find_question(seasonal, "job_years");
	assert_non_null(q);
	json_t *a = json_pack("{s:b,s:s,s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s}]}", "_consent", 1, "first_name", "A", "last_name",
	                      "B", "mother_tongue", "th", "sector", "agriculture", "current_job", "x", "employment_type",
	                      "agency", "work_history", "job_title", "y", "job_years", "\xe0\xb9\x96");
	json_object_set_new(a, "isced_level", json_string("3"));
	json_object_set_new(a, "in_finland", json_string("yes"));
	json_object_set_new(a, "long_term_interest", json_string("no"));
	json_object_set_new(a, "has_spouse", json_string("no"));
	struct survey_answer_errors errs = {0};
	int rc = survey_answers_validate(seasonal, a, "th", &errs);
	if (rc)
		fail_msg("Thai digits in job_years refused: %s %s", errs.n ? errs.v[0].path : "", errs.n ? errs.v[0].code : "");
	survey_answer_errors_free(&errs);
	json_decref(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_answers),
		cmocka_unit_test(test_required_in_thai),
		cmocka_unit_test(test_types_in_arabic),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_native_digits),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
