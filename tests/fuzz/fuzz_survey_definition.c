/* libFuzzer target: survey definition parser, its error locator and, for definitions it accepts, the JSON round trip
 * and answer validation. Build and run with tests/fuzz/build_survey.sh. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "survey/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct survey_def *def = NULL;
	struct err e = {0};
	int rc = survey_definition_parse(text, size, &def, &e);
	/* Every message must be something the web layer can put into JSON. */
	if (!validate_utf8(e.message, strlen(e.message)) || !validate_utf8(e.field, strlen(e.field)))
		abort();
	char path[128];
	survey_path_at(text, size, size / 2, path, sizeof path);
	if (!validate_utf8(path, strlen(path)))
		abort();
	if (rc) {
		if (def || !strstr(e.message, "(line "))
			abort();
		return 0;
	}
	/* Accepted: the canonical form must parse back, and answers can be checked against it. */
	json_t *j = survey_definition_to_json(def);
	char *s = j ? json_dumps(j, 0) : NULL;
	struct survey_def *again = NULL;
	if (s && survey_definition_parse(s, strlen(s), &again, &e) != 0)
		abort();
	survey_definition_free(again);
	free(s);

	/* Answer every question with the definition's own first option value, or a string; prune and validate. */
	json_t *answers = json_object();
	json_object_set_new(answers, "_consent", json_true());
	for (size_t g = 0; g < def->n_groups; g++) {
		const struct survey_group *gr = &def->groups[g];
		json_t *target = answers;
		if (gr->repeatable) {
			json_t *arr = json_array();
			target = json_object();
			json_array_append_new(arr, target);
			json_object_set_new(answers, gr->id, arr);
		}
		for (size_t q = 0; q < gr->n_questions; q++) {
			const struct survey_question *qu = &gr->questions[q];
			const char *v = qu->n_options ? qu->options[0].value : "yes";
			json_object_set_new(target, qu->id, json_string(v));
		}
	}
	struct survey_answer_errors errs = {0};
	survey_answers_validate(def, answers, def->langs[0], &errs);
	for (size_t i = 0; i < errs.n; i++)
		if (!validate_utf8(errs.v[i].message, strlen(errs.v[i].message)))
			abort();
	json_t *ej = survey_answer_errors_to_json(&errs);
	json_decref(ej);
	survey_answer_errors_free(&errs);
	json_t *pruned = survey_answers_prune(def, answers);
	json_decref(pruned);
	json_decref(answers);
	json_decref(j);
	for (size_t g = 0; g < def->n_groups; g++)
		(void)survey_text(def, &def->groups[g].title, "th");
	survey_definition_free(def);
	return 0;
}
