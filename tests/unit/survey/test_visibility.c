/* Survey visibility from a data file (visibility_cases.json): survey_group_visible / survey_question_visible, the
 * one rule of the form, validation and pruning, and survey_answers_prune keeping exactly the visible answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "survey/survey.h"

#define CASES "tests/unit/survey/visibility_cases.json"

/* Fills in what the snippets leave out: an English title or text equal to the id, option texts equal to values. */
static void complete(json_t *groups)
{
	size_t i, j, k;
	json_t *g, *q, *o;
	json_array_foreach(groups, i, g) {
		if (!json_object_get(g, "title"))
			json_object_set_new(g, "title", json_pack("{s:O}", "en", json_object_get(g, "id")));
		json_array_foreach(json_object_get(g, "questions"), j, q) {
			if (!json_object_get(q, "text"))
				json_object_set_new(q, "text", json_pack("{s:O}", "en", json_object_get(q, "id")));
			json_array_foreach(json_object_get(q, "options"), k, o)
				if (!json_object_get(o, "text"))
					json_object_set_new(o, "text", json_pack("{s:O}", "en", json_object_get(o, "value")));
		}
	}
}

static struct survey_def *parse_case(json_t *c, const char *name)
{
	json_t *groups = json_deep_copy(json_object_get(c, "groups"));
	complete(groups);
	json_t *d = json_pack("{s:s,s:i,s:[s],s:{s:s},s:{s:s},s:{s:s},s:o}", "slug", "visibility-case", "version", 1,
			      "languages", "en", "title", "en", "T", "intro", "en", "I", "consent", "en", "C", "groups",
			      groups);
	char *text = json_dumps(d, 0);
	json_decref(d);
	struct survey_def *def = NULL;
	struct err e = {0};
	if (survey_definition_parse(text, strlen(text), &def, &e))
		fail_msg("case \"%s\": the definition does not parse: %s", name, e.message);
	free(text);
	return def;
}

/* Every visible id of the answers, as the data file writes them. */
static json_t *visible_ids(const struct survey_def *def, const json_t *answers)
{
	json_t *out = json_array();
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		if (!survey_group_visible(g, answers))
			continue;
		json_array_append_new(out, json_string(g->id));
		size_t n = g->repeatable ? json_array_size(json_object_get(answers, g->id)) : 1;
		for (size_t i = 0; i < n; i++) {
			const json_t *entry = g->repeatable ? json_array_get(json_object_get(answers, g->id), i) : NULL;
			for (size_t k = 0; k < g->n_questions; k++) {
				const struct survey_question *q = &g->questions[k];
				if (!survey_question_visible(q, answers, entry))
					continue;
				char id[200];
				if (g->repeatable)
					snprintf(id, sizeof id, "%s[%zu].%s", g->id, i, q->id);
				else
					snprintf(id, sizeof id, "%s", q->id);
				json_array_append_new(out, json_string(id));
			}
		}
	}
	return out;
}

static bool listed(const json_t *list, const char *id)
{
	size_t i;
	const json_t *x;
	json_array_foreach(list, i, x)
		if (strcmp(json_string_value(x), id) == 0)
			return true;
	return false;
}

/* The pruned answers hold an answered question exactly when it is visible. */
static void check_prune(const struct survey_def *def, const json_t *answers, const json_t *vis, const char *name)
{
	json_t *pruned = survey_answers_prune(def, answers);
	assert_non_null(pruned);
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		size_t n = g->repeatable ? json_array_size(json_object_get(answers, g->id)) : 1;
		for (size_t i = 0; i < n; i++) {
			const json_t *in = g->repeatable ? json_array_get(json_object_get(answers, g->id), i) : answers;
			const json_t *out = g->repeatable ? json_array_get(json_object_get(pruned, g->id), i) : pruned;
			for (size_t k = 0; k < g->n_questions; k++) {
				const char *qid = g->questions[k].id;
				if (!json_object_get(in, qid))
					continue;
				char id[200];
				if (g->repeatable)
					snprintf(id, sizeof id, "%s[%zu].%s", g->id, i, qid);
				else
					snprintf(id, sizeof id, "%s", qid);
				bool kept = out && json_object_get(out, qid);
				if (kept != listed(vis, id))
					fail_msg("case \"%s\": %s is %s by survey_answers_prune but %s", name, id,
						 kept ? "kept" : "dropped", kept ? "not visible" : "visible");
			}
		}
	}
	json_decref(pruned);
}

static void test_cases(void **state)
{
	(void)state;
	json_error_t je;
	json_t *file = json_load_file(CASES, 0, &je);
	if (!file)
		fail_msg("%s line %d: %s (run from the repository root)", CASES, je.line, je.text);
	size_t i, n = 0;
	json_t *c;
	json_array_foreach(json_object_get(file, "cases"), i, c) {
		const char *name = json_string_value(json_object_get(c, "name"));
		struct survey_def *def = parse_case(c, name);
		const json_t *answers = json_object_get(c, "answers");
		json_t *got = visible_ids(def, answers), *want = json_object_get(c, "visible");
		if (!json_equal(got, want)) {
			char *g = json_dumps(got, 0), *w = json_dumps(want, 0);
			fail_msg("case \"%s\": visible %s, expected %s", name, g, w);
		}
		check_prune(def, answers, got, name);
		json_decref(got);
		survey_definition_free(def);
		n++;
	}
	assert_true(n >= 10);
	json_decref(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
