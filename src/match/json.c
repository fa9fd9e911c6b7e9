/* match json: a query result as the JSON the API serves (shape in docs/matching.md), written straight into a buffer
 * (core/jsonw): the route answers without building a tree of a few hundred values and dumping it. */
#include <math.h>

#include "core/jsonw.h"
#include "match/match.h"

/* Opens a skill's object with the three keys that name it, the same for matched and missing skills. */
static void skill_open(struct jsonw *w, uint32_t concept, const char *uri, const char *label)
{
	jsonw_obj(w);
	jsonw_kint(w, "concept", concept);
	jsonw_kstr(w, "uri", uri);
	jsonw_kstr(w, "label", label);
}

static void skill_hit(struct jsonw *w, const struct match_skill_hit *h)
{
	skill_open(w, h->concept, h->uri, h->label);
	jsonw_kreal(w, "weight", h->contribution);
	jsonw_kreal(w, "idf", h->idf);
	jsonw_kreal(w, "client_weight", h->client_weight / 8.0);
	jsonw_kreal(w, "vacancy_weight", h->vacancy_weight / 8.0);
	jsonw_kstr(w, "label_lang", h->label_lang);
	jsonw_obj_end(w);
}

static void missing_skill(struct jsonw *w, const struct match_missing_skill *m)
{
	skill_open(w, m->concept, m->uri, m->label);
	jsonw_kreal(w, "idf", m->idf);
	jsonw_key(w, "courses");
	jsonw_arr(w);
	for (size_t i = 0; i < m->ncourses; i++) {
		jsonw_obj(w);
		jsonw_kint(w, "id", m->courses[i].id);
		jsonw_kstr(w, "name", m->courses[i].name);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_kstr(w, "label_lang", m->label_lang);
	jsonw_obj_end(w);
}

/* The score as people read it: calibrated, its parts as points, and the reasons to show first. */
static void reading(struct jsonw *w, const struct match_item *it)
{
	struct match_breakdown bd = {0};
	match_item_breakdown(it, &bd);
	jsonw_kreal(w, "score_calibrated", round(match_score_calibrated(it->score) * 10.0) / 10.0);
	jsonw_key(w, "breakdown");
	jsonw_obj(w);
	jsonw_kreal(w, "skills", bd.skills);
	jsonw_kreal(w, "occupation", bd.occupation);
	jsonw_kreal(w, "education", bd.education);
	jsonw_kreal(w, "language", bd.language);
	jsonw_key(w, "limits");
	jsonw_obj(w);
	jsonw_kint(w, "checked", bd.limits_checked);
	jsonw_kint(w, "failed", bd.limits_failed);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_kstr(w, "verdict", match_verdict_name(match_item_verdict(it)));
	jsonw_kint(w, "unmet", (int64_t)match_item_unmet(it, NULL, 0));
	struct match_reason why[MATCH_MAX_REASONS] = {0};
	size_t n = match_item_reasons(it, why, MATCH_MAX_REASONS);
	jsonw_key(w, "reasons");
	jsonw_arr(w);
	for (size_t i = 0; i < n; i++) {
		const struct match_reason *r = &why[i];
		jsonw_obj(w);
		jsonw_kstr(w, "kind", match_reason_name(r->kind));
		if (r->kind == MATCH_REASON_SKILL) {
			jsonw_kint(w, "concept", r->skill->concept);
			jsonw_kstr(w, "uri", r->skill->uri);
			jsonw_kstr(w, "label", r->skill->label);
			jsonw_kstr(w, "label_lang", r->skill->label_lang);
		} else if (r->kind == MATCH_REASON_COVERAGE) {
			jsonw_kint(w, "percent", r->value);
		} else if (r->kind == MATCH_REASON_OCCUPATION) {
			jsonw_kint(w, "isco_digits", r->value);
		} else if (r->kind == MATCH_REASON_LIMITS) {
			jsonw_kint(w, "checked", r->value);
		}
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

static void item(struct jsonw *w, const struct match_item *it, enum match_subject subject)
{
	jsonw_obj(w);
	jsonw_kint(w, subject == MATCH_FOR_CLIENT ? "vacancy_id" : "client_id", it->id);
	jsonw_kint(w, "organisation_id", it->organisation_id);
	jsonw_kreal(w, "score", it->score);
	jsonw_key(w, "components");
	jsonw_obj(w);
	jsonw_kreal(w, "skill", it->skill);
	jsonw_kreal(w, "occupation", it->occupation);
	jsonw_kint(w, "isco_digits", it->isco_digits);
	jsonw_kreal(w, "education_fit", it->education_fit);
	jsonw_kreal(w, "language_fit", it->language_fit);
	jsonw_obj_end(w);
	reading(w, it);
	jsonw_key(w, "matched_skills");
	jsonw_arr(w);
	for (size_t i = 0; i < it->nmatched; i++)
		skill_hit(w, &it->matched[i]);
	jsonw_arr_end(w);
	jsonw_key(w, "missing_essential_skills");
	jsonw_arr(w);
	for (size_t i = 0; i < it->nmissing; i++)
		missing_skill(w, &it->missing[i]);
	jsonw_arr_end(w);
	jsonw_key(w, "language_gaps");
	jsonw_arr(w);
	for (size_t i = 0; i < it->nlang_gaps; i++) {
		const struct match_lang_gap *g = &it->lang_gaps[i];
		jsonw_obj(w);
		jsonw_kstr(w, "language", g->language);
		jsonw_kstr(w, "required_level", match_cefr_name(g->required_level));
		jsonw_kstr(w, "client_level", g->client_level ? match_cefr_name(g->client_level) : NULL);
		jsonw_kbool(w, "required", g->required);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_key(w, "missing_licences");
	jsonw_arr(w);
	for (size_t i = 0; i < it->nmissing_licences; i++)
		jsonw_str(w, it->missing_licences[i]);
	jsonw_arr_end(w);
	jsonw_key(w, "filters");
	jsonw_arr(w);
	for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1) {
		if (!(it->hard_checked & bit))
			continue;
		jsonw_obj(w);
		jsonw_kstr(w, "name", match_hard_name(bit));
		jsonw_kbool(w, "passed", !(it->hard_failed & bit));
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

int match_result_write_json(const struct match_result *r, const char *lang, struct buf *out)
{
	struct jsonw w = {0};
	jsonw_init(&w, out);
	jsonw_obj(&w);
	jsonw_kstr(&w, "subject", r->subject == MATCH_FOR_CLIENT ? "client" : "vacancy");
	jsonw_kint(&w, "id", r->subject_id);
	jsonw_kint(&w, "candidates", (int64_t)r->candidates);
	jsonw_kint(&w, "filtered", (int64_t)r->filtered);
	jsonw_key(&w, "matches");
	jsonw_arr(&w);
	for (size_t i = 0; i < r->nitems; i++)
		item(&w, &r->items[i], r->subject);
	jsonw_arr_end(&w);
	if (lang)
		jsonw_kstr(&w, "lang", lang);
	jsonw_obj_end(&w);
	return jsonw_status(&w);
}
