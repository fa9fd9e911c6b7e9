/* canonical: a parsed survey definition written back as JSON (survey_definition_to_json, see survey.h): every
 * member in a fixed order and defaults left out, so that the text parses back to an equal definition. */
#include <jansson.h>
#include <string.h>

#include "survey/internal.h"

static json_t *text_json(const struct survey_def *d, const struct survey_text *t)
{
	json_t *o = json_object();
	for (size_t i = 0; o && i < d->n_langs; i++)
		if (json_object_set_new(o, d->langs[i], json_string(t->v[i])))
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* json_object_set_new that also fails on a NULL value (an allocation that failed). */
static int put(json_t *o, const char *k, json_t *v)
{
	return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *cond_json(const struct survey_condition *w)
{
	return json_pack("{s:s, s:s}", "question", w->question, w->negate ? "not_equals" : "equals", w->equals);
}

static json_t *question_json(const struct survey_def *d, const struct survey_question *q)
{
	json_t *o = json_object();
	if (!o || put(o, "id", json_string(q->id)) || put(o, "type", json_string(survey_qtype_name(q->type))) ||
	    put(o, "text", text_json(d, &q->text)) || (q->help.v && put(o, "help", text_json(d, &q->help))) ||
	    (q->required && put(o, "required", json_true())))
		goto fail;
	if (q->n_options) {
		json_t *arr = json_array();
		if (put(o, "options", arr))
			goto fail;
		for (size_t i = 0; i < q->n_options; i++) {
			json_t *op = json_object();
			if (!op || json_array_append_new(arr, op) || put(op, "value", json_string(q->options[i].value)) ||
			    (q->options[i].text.v && put(op, "text", text_json(d, &q->options[i].text))))
				goto fail;
		}
	}
	if ((q->has_min && put(o, "min", json_real(q->min))) || (q->has_max && put(o, "max", json_real(q->max))))
		goto fail;
	if ((q->type == SURVEY_TEXT || q->type == SURVEY_LONGTEXT) &&
	    put(o, "max_length", json_integer((json_int_t)q->max_length)))
		goto fail;
	if (q->multiple && put(o, "multiple", json_true()))
		goto fail;
	if ((q->multiple || q->type == SURVEY_MULTIPLE || q->type == SURVEY_CEFR) &&
	    put(o, "max_items", json_integer((json_int_t)q->max_items)))
		goto fail;
	if ((q->when && put(o, "when", cond_json(q->when))) || (q->maps_to && put(o, "maps_to", json_string(q->maps_to))))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

json_t *survey_definition_to_json(const struct survey_def *d)
{
	json_t *o = json_object(), *langs = json_array(), *groups = json_array();
	if (!o || !langs || !groups)
		goto fail;
	for (size_t i = 0; i < d->n_langs; i++)
		if (json_array_append_new(langs, json_string(d->langs[i])))
			goto fail;
	if (put(o, "slug", json_string(d->slug)) || put(o, "version", json_integer(d->version)) ||
	    json_object_set(o, "languages", langs) || put(o, "title", text_json(d, &d->title)) ||
	    put(o, "intro", text_json(d, &d->intro)) || put(o, "consent", text_json(d, &d->consent)) ||
	    json_object_set(o, "groups", groups))
		goto fail;
	for (size_t gi = 0; gi < d->n_groups; gi++) {
		const struct survey_group *g = &d->groups[gi];
		json_t *gj = json_object(), *qs;
		if (json_array_append_new(groups, gj) || put(gj, "id", json_string(g->id)) ||
		    put(gj, "title", text_json(d, &g->title)) || (g->help.v && put(gj, "help", text_json(d, &g->help))) ||
		    (g->repeatable && (put(gj, "repeatable", json_true()) ||
				       put(gj, "max_repeats", json_integer((json_int_t)g->max_repeats)))) ||
		    (g->when && put(gj, "when", cond_json(g->when))) || put(gj, "questions", qs = json_array()))
			goto fail;
		for (size_t qi = 0; qi < g->n_questions; qi++)
			if (json_array_append_new(qs, question_json(d, &g->questions[qi])))
				goto fail;
	}
	json_decref(langs);
	json_decref(groups);
	return o;
fail:
	json_decref(o);
	json_decref(langs);
	json_decref(groups);
	return NULL;
}
