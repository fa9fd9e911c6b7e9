/* match json: a query result as the JSON the API serves (shape in docs/matching.md). */
#include <math.h>

#include "match/match.h"

static int put(json_t *o, const char *k, json_t *v)
{
	return v ? json_object_set_new(o, k, v) : -1;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *skill_hit(const struct match_skill_hit *h)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int bad = put(o, "concept", json_integer(h->concept)) | put(o, "uri", str_or_null(h->uri)) |
	          put(o, "label", str_or_null(h->label)) | put(o, "weight", json_real(h->contribution)) |
	          put(o, "idf", json_real(h->idf)) | put(o, "client_weight", json_real(h->client_weight / 8.0)) |
	          put(o, "vacancy_weight", json_real(h->vacancy_weight / 8.0)) |
	          put(o, "label_lang", str_or_null(h->label_lang));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *missing_skill(const struct match_missing_skill *m)
{
	json_t *o = json_object(), *courses = json_array();
	if (!o || !courses) {
		json_decref(o);
		json_decref(courses);
		return NULL;
	}
	int bad = 0;
	for (size_t i = 0; i < m->ncourses; i++)
		bad |= json_array_append_new(courses, json_pack("{s:I, s:s?}", "id", (json_int_t)m->courses[i].id, "name",
		                                                m->courses[i].name));
	bad |= put(o, "concept", json_integer(m->concept)) | put(o, "uri", str_or_null(m->uri)) |
	       put(o, "label", str_or_null(m->label)) | put(o, "idf", json_real(m->idf)) | put(o, "courses", courses) |
	       put(o, "label_lang", str_or_null(m->label_lang));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The score as people read it: calibrated, its parts as points, and the reasons to show first. */
static int reading(json_t *o, const struct match_item *it)
{
	struct match_breakdown bd = {0};
	match_item_breakdown(it, &bd);
	json_t *b = json_pack("{s:f, s:f, s:f, s:f, s:{s:i, s:i}}", "skills", bd.skills, "occupation", bd.occupation,
	                      "education", bd.education, "language", bd.language, "limits", "checked", bd.limits_checked,
	                      "failed", bd.limits_failed);
	json_t *rs = json_array();
	struct match_reason why[MATCH_MAX_REASONS] = {0};
	size_t n = match_item_reasons(it, why, MATCH_MAX_REASONS);
	int bad = !rs;
	for (size_t i = 0; i < n && !bad; i++) {
		const struct match_reason *w = &why[i];
		json_t *x = json_pack("{s:s}", "kind", match_reason_name(w->kind));
		if (!x) {
			bad = 1;
			break;
		}
		if (w->kind == MATCH_REASON_SKILL)
			bad |= put(x, "concept", json_integer(w->skill->concept)) | put(x, "uri", str_or_null(w->skill->uri)) |
			       put(x, "label", str_or_null(w->skill->label)) |
			       put(x, "label_lang", str_or_null(w->skill->label_lang));
		else if (w->kind == MATCH_REASON_COVERAGE)
			bad |= put(x, "percent", json_integer(w->value));
		else if (w->kind == MATCH_REASON_OCCUPATION)
			bad |= put(x, "isco_digits", json_integer(w->value));
		else if (w->kind == MATCH_REASON_LIMITS)
			bad |= put(x, "checked", json_integer(w->value));
		bad |= json_array_append_new(rs, x);
	}
	bad |= put(o, "score_calibrated", json_real(round(match_score_calibrated(it->score) * 10.0) / 10.0)) |
	       put(o, "breakdown", b) | put(o, "verdict", json_string(match_verdict_name(match_item_verdict(it)))) |
	       put(o, "unmet", json_integer((json_int_t)match_item_unmet(it, NULL, 0)));
	if (rs)
		bad |= put(o, "reasons", rs);
	return bad ? -1 : 0;
}

static json_t *item(const struct match_item *it, enum match_subject subject)
{
	json_t *o = json_object(), *matched = json_array(), *missing = json_array(), *gaps = json_array(),
	       *lics = json_array(), *filters = json_array(), *comp = json_object();
	int bad = !o || !matched || !missing || !gaps || !lics || !filters || !comp;
	if (bad) {
		json_decref(o);
		json_decref(matched);
		json_decref(missing);
		json_decref(gaps);
		json_decref(lics);
		json_decref(filters);
		json_decref(comp);
		return NULL;
	}
	bad |= put(o, subject == MATCH_FOR_CLIENT ? "vacancy_id" : "client_id", json_integer(it->id));
	bad |= put(o, "organisation_id", json_integer(it->organisation_id));
	bad |= put(o, "score", json_real(it->score));
	bad |= put(comp, "skill", json_real(it->skill)) | put(comp, "occupation", json_real(it->occupation)) |
	       put(comp, "isco_digits", json_integer(it->isco_digits)) |
	       put(comp, "education_fit", json_real(it->education_fit)) |
	       put(comp, "language_fit", json_real(it->language_fit));
	for (size_t i = 0; i < it->nmatched; i++)
		bad |= json_array_append_new(matched, skill_hit(&it->matched[i]));
	for (size_t i = 0; i < it->nmissing; i++)
		bad |= json_array_append_new(missing, missing_skill(&it->missing[i]));
	for (size_t i = 0; i < it->nlang_gaps; i++) {
		const struct match_lang_gap *g = &it->lang_gaps[i];
		bad |= json_array_append_new(gaps, json_pack("{s:s, s:s, s:o, s:b}", "language", g->language,
		                                             "required_level", match_cefr_name(g->required_level),
		                                             "client_level",
		                                             g->client_level ? json_string(match_cefr_name(g->client_level))
		                                                             : json_null(),
		                                             "required", g->required));
	}
	for (size_t i = 0; i < it->nmissing_licences; i++)
		bad |= json_array_append_new(lics, json_string(it->missing_licences[i]));
	for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1)
		if (it->hard_checked & bit)
			bad |= json_array_append_new(filters, json_pack("{s:s, s:b}", "name", match_hard_name(bit), "passed",
			                                                !(it->hard_failed & bit)));
	bad |= put(o, "components", comp);
	bad |= reading(o, it);
	bad |= put(o, "matched_skills", matched) | put(o, "missing_essential_skills", missing) |
	       put(o, "language_gaps", gaps) | put(o, "missing_licences", lics) | put(o, "filters", filters);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *match_result_to_json(const struct match_result *r)
{
	json_t *o = json_object(), *items = json_array();
	if (!o || !items) {
		json_decref(o);
		json_decref(items);
		return NULL;
	}
	int bad = put(o, "subject", json_string(r->subject == MATCH_FOR_CLIENT ? "client" : "vacancy")) |
	          put(o, "id", json_integer(r->subject_id)) | put(o, "candidates", json_integer((json_int_t)r->candidates)) |
	          put(o, "filtered", json_integer((json_int_t)r->filtered));
	for (size_t i = 0; i < r->nitems; i++)
		bad |= json_array_append_new(items, item(&r->items[i], r->subject));
	bad |= put(o, "matches", items);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
