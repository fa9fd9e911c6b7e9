/* match: scoring arithmetic, explanations, filters vs gaps, scope and consent, index updates, JSON — on hand-made
 * fixtures built through the upsert API, with the expected numbers worked out by hand in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/arena.h"
#include "core/buf.h"
#include "match/match.h"

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-4)

static const int64_t ORG1[] = {1};
static const int64_t ORG12[] = {1, 2};

static struct match_client_input client(int64_t id, int64_t org, const struct match_skill *sk, size_t nsk)
{
	struct match_client_input c = {0};
	c.id = id;
	c.organisation_id = org;
	c.consent = true;
	c.skills = sk;
	c.nskills = nsk;
	c.permit_ok = true;
	return c;
}

static struct match_vacancy_input vacancy(int64_t id, int64_t org, const struct match_skill *sk, size_t nsk)
{
	struct match_vacancy_input v = {0};
	v.id = id;
	v.organisation_id = org;
	v.skills = sk;
	v.nskills = nsk;
	v.isco = -1;
	return v;
}

static const struct match_item *find(const struct match_result *r, int64_t id)
{
	for (size_t i = 0; i < r->nitems; i++)
		if (r->items[i].id == id)
			return &r->items[i];
	return NULL;
}

/* Fixture A: one vacancy, two clients; population N = 3.
 *   V101: skill 10 required (w 1, essential), 11 optional (w 0.5), 13 required (essential); ISCO 2512; ISCED min 6;
 *         fi B1 required, en B2 optional. Course 501 "Kubernetes basics" teaches 13.
 *   C1:   10 (1), 11 (1), 12 (0.5); ISCO 2512; ISCED 6; fi B1, en B2.
 *   C2:   10 (0.75, self-declared); ISCO 2519; ISCED 5; fi A2.
 * document frequencies: 10 -> 3, 11 -> 2, 12 -> 1, 13 -> 1
 * idf = ln(1 + N/df): idf10 = ln 2 = 0.693147, idf11 = ln 2.5 = 0.916291, idf12 = idf13 = ln 4 = 1.386294
 * Each record is the vector of idf * weight: |V101| = sqrt(0.693147^2 + (0.916291*0.5)^2 + 1.386294^2) = 1.616219,
 * |C1| = sqrt(0.693147^2 + 0.916291^2 + (1.386294*0.5)^2) = 1.341825, |C2| = 0.693147*0.75 = 0.519860. */
static struct match_index *fixture_a(void)
{
	static const struct match_skill vs[] = {{10, 8, 1}, {11, 4, 0}, {13, 8, 1}};
	static const struct match_skill c1s[] = {{10, 8, 0}, {11, 8, 0}, {12, 4, 0}};
	static const struct match_skill c2s[] = {{10, 6, 0}};
	static const struct match_lang vl[] = {{"fi", 3, 1}, {"en", 4, 0}};
	static const struct match_lang c1l[] = {{"fi", 3, 0}, {"en", 4, 0}};
	static const struct match_lang c2l[] = {{"fi", 2, 0}};
	static const int16_t c1i[] = {2512}, c2i[] = {2519};
	static const uint32_t course_skills[] = {13};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	assert_non_null(idx);
	struct match_vacancy_input v = vacancy(101, 1, vs, 3);
	v.isco = 2512;
	v.isced_min = 6;
	v.langs = vl;
	v.nlangs = 2;
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	struct match_client_input c = client(1, 1, c1s, 3);
	c.isco = c1i;
	c.nisco = 1;
	c.isced_level = 6;
	c.langs = c1l;
	c.nlangs = 2;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	c = client(2, 1, c2s, 1);
	c.isco = c2i;
	c.nisco = 1;
	c.isced_level = 5;
	c.langs = c2l;
	c.nlangs = 1;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	assert_int_equal(match_index_upsert_course(idx, 501, "Kubernetes basics", course_skills, 1, &e), 0);
	assert_int_equal(match_index_set_concept(idx, 13, "http://data.europa.eu/esco/skill/k8s", "Kubernetes", &e), 0);
	match_index_refresh_idf(idx);
	return idx;
}

static void test_idf(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	NEAR(match_index_idf(idx, 10), 0.693147);
	NEAR(match_index_idf(idx, 11), 0.916291);
	NEAR(match_index_idf(idx, 12), 1.386294);
	NEAR(match_index_idf(idx, 13), 1.386294);
	match_index_free(idx);
}

static void test_scores_for_vacancy(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_vacancy(idx, 101, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2);
	assert_int_equal(r->candidates, 2);
	/* C1: dot = 0.693147^2*1*1 + 0.916291^2*1*0.5 = 0.900233; skill = 0.900233 / (1.341825*1.616219) = 0.415113;
	 *     coverage of the need (idf * weight): (0.693147 + 0.458145) / 2.537587 = 0.453696;
	 *     occupation: same 4-digit 2512, no ESCO occupation to compare -> 0.05; education 6 >= 6 -> 1; languages
	 *     met -> 1; score = 100 * (0.8*0.415113 + 0.2*0.05) = 34.2090 */
	const struct match_item *i1 = &r->items[0];
	assert_int_equal(i1->id, 1);
	NEAR(i1->skill, 0.415113);
	NEAR(i1->coverage, 0.453696);
	NEAR(i1->occupation, 0.05);
	assert_int_equal(i1->isco_digits, 4);
	assert_false(i1->same_occupation);
	NEAR(i1->score, 34.2090);
	/* C2: dot = 0.693147^2*0.75*1 = 0.360336; skill = 0.360336 / (0.519860*1.616219) = 0.428870 (a profile all of
	 *     whose skills the vacancy needs); coverage = 0.519860 / 2.537587 = 0.204864;
	 *     occupation 2519 vs 2512: same 3-digit minor group 251 -> 0.02;
	 *     education 5 < 6 by one level -> 1 - 0.15 = 0.85;
	 *     languages: fi B1 required, has A2 (1 level short) -> 0.90; en B2 optional, has none (4 short) -> 0.80;
	 *     language fit = 0.72;  score = 100 * (0.8*0.428870 + 0.2*0.02) * 0.85 * 0.72 = 21.2423 */
	const struct match_item *i2 = &r->items[1];
	assert_int_equal(i2->id, 2);
	NEAR(i2->skill, 0.428870);
	NEAR(i2->coverage, 0.204864);
	NEAR(i2->occupation, 0.02);
	assert_int_equal(i2->isco_digits, 3);
	NEAR(i2->education_fit, 0.85);
	NEAR(i2->language_fit, 0.72);
	NEAR(i2->score, 21.2423);
	arena_free(a);
	match_index_free(idx);
}

static void test_symmetric(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_client(idx, 2, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 101);
	NEAR(r->items[0].score, 21.2423); /* the same pair scores the same from either side */
	arena_free(a);
	match_index_free(idx);
}

static void test_explanation(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_client(idx, 1, &q, a, &r, &e), 0);
	const struct match_item *it = &r->items[0];
	/* matched, biggest share first: 10 -> 0.693147^2 / (1.341825*1.616219) = 0.221542,
	 * 11 -> 0.916291^2*0.5 / (1.341825*1.616219) = 0.193571 (they sum to skill, 0.415113) */
	assert_int_equal(it->nmatched, 2);
	assert_int_equal(it->matched[0].concept, 10);
	NEAR(it->matched[0].contribution, 0.221542);
	assert_int_equal(it->matched[1].concept, 11);
	NEAR(it->matched[1].contribution, 0.193571);
	assert_int_equal(it->matched[1].client_weight, 8);
	assert_int_equal(it->matched[1].vacancy_weight, 4);
	/* missing essential: 13, taught by course 501; 12 is the client's extra, not a gap */
	assert_int_equal(it->nmissing, 1);
	assert_int_equal(it->missing[0].concept, 13);
	assert_string_equal(it->missing[0].label, "Kubernetes");
	assert_int_equal(it->missing[0].ncourses, 1);
	assert_int_equal(it->missing[0].courses[0].id, 501);
	assert_string_equal(it->missing[0].courses[0].name, "Kubernetes basics");
	assert_int_equal(it->nlang_gaps, 0);
	assert_int_equal(it->hard_checked, MATCH_HARD_LANGUAGE);
	assert_int_equal(it->hard_failed, 0);

	assert_int_equal(match_for_client(idx, 2, &q, a, &r, &e), 0);
	it = &r->items[0];
	assert_int_equal(it->nlang_gaps, 2);
	assert_string_equal(it->lang_gaps[0].language, "fi");
	assert_int_equal(it->lang_gaps[0].required_level, 3);
	assert_int_equal(it->lang_gaps[0].client_level, 2);
	assert_true(it->lang_gaps[0].required);
	assert_string_equal(it->lang_gaps[1].language, "en");
	assert_int_equal(it->lang_gaps[1].client_level, 0);
	assert_false(it->lang_gaps[1].required);
	assert_int_equal(it->hard_failed, MATCH_HARD_LANGUAGE);
	arena_free(a);
	match_index_free(idx);
}

static void test_language_filter(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORG1, .norgs = 1, .flags = MATCH_Q_FILTER_HARD};
	assert_int_equal(match_for_vacancy(idx, 101, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1); /* C2 lacks the required Finnish level */
	assert_int_equal(r->items[0].id, 1);
	assert_int_equal(r->candidates, 2);
	assert_int_equal(r->filtered, 1);
	arena_free(a);
	match_index_free(idx);
}

/* The occupation ladder: identical skills (so skill = 1), vacancies differ only in their occupation.
 * score = 100 * (0.8 + 0.2 * closeness): the same ESCO occupation 100, the same 4-digit unit group 84, the same
 * 3-digit minor group 81, only 2 digits, the major group or nothing 80 (ties go by the lower id). */
static void test_isco_ladder(void **state)
{
	(void)state;
	static const struct match_skill sk[] = {{20, 8, 1}};
	static const int16_t codes[] = {2512, 2512, 2511, 2521, 2411, 7212};
	static const uint32_t occs[] = {900, 0, 0, 0, 0, 0};
	static const int16_t mine[] = {2512};
	static const uint32_t my_occ[] = {900};
	static const double expect[] = {100, 81, 80.4, 80, 80, 80};
	static const int digits[] = {4, 4, 3, 2, 1, 0};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	for (int i = 0; i < 6; i++) {
		struct match_vacancy_input v = vacancy(200 + i, 1, sk, 1);
		v.isco = codes[i];
		v.occupation = occs[i];
		assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	}
	struct match_client_input c = client(7, 1, sk, 1);
	c.isco = mine;
	c.nisco = 1;
	c.occupations = my_occ;
	c.noccupations = 1;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	match_index_refresh_idf(idx);
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_client(idx, 7, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 6);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(r->items[i].id, 200 + i);
		NEAR(r->items[i].score, expect[i]);
		assert_int_equal(r->items[i].isco_digits, digits[i]);
		assert_int_equal(r->items[i].same_occupation, i == 0);
	}
	arena_free(a);
	match_index_free(idx);
}

/* Licence, permit, hours and physical load: passed by one client, failed by the other. Skill = 1 for both. */
static void test_hard_filters_and_gaps(void **state)
{
	(void)state;
	static const struct match_skill sk[] = {{30, 8, 1}};
	static const char *const need[] = {"driving_licence:B"};
	static const char *const have[] = {"Driving_Licence:b"};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	struct match_vacancy_input v = vacancy(300, 1, sk, 1);
	v.licences = need;
	v.nlicences = 1;
	v.permit_required = true;
	v.hours = 37;
	v.physical = MATCH_LOAD_MODERATE;
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	struct match_client_input ok = client(31, 1, sk, 1);
	ok.licences = have;
	ok.nlicences = 1;
	ok.hours_max = 40;
	ok.physical = MATCH_LOAD_NO_LIMIT;
	assert_int_equal(match_index_upsert_client(idx, &ok, &e), 0);
	struct match_client_input no = client(32, 1, sk, 1);
	no.permit_ok = false;
	no.hours_max = 20;
	no.physical = MATCH_LOAD_LIGHT;
	assert_int_equal(match_index_upsert_client(idx, &no, &e), 0);
	match_index_refresh_idf(idx);

	struct arena *a = arena_new(0);
	struct match_result *r;
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_vacancy(idx, 300, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2); /* gaps mode: both shown, equal scores, lower id first */
	assert_int_equal(r->items[0].id, 31);
	assert_int_equal(r->items[0].hard_checked, MATCH_HARD_LICENCE | MATCH_HARD_PERMIT | MATCH_HARD_HOURS |
	                                               MATCH_HARD_PHYSICAL);
	assert_int_equal(r->items[0].hard_failed, 0);
	const struct match_item *bad = find(r, 32);
	assert_non_null(bad);
	assert_int_equal(bad->hard_failed, MATCH_HARD_LICENCE | MATCH_HARD_PERMIT | MATCH_HARD_HOURS |
	                                       MATCH_HARD_PHYSICAL);
	assert_int_equal(bad->nmissing_licences, 1);
	assert_string_equal(bad->missing_licences[0], "driving_licence:b");
	NEAR(bad->score, 80.0); /* hard gaps do not change the score; they filter only when asked */

	q.flags = MATCH_Q_FILTER_HARD;
	assert_int_equal(match_for_vacancy(idx, 300, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 31);
	assert_int_equal(r->filtered, 1);
	arena_free(a);
	match_index_free(idx);
}

static void test_scope_and_consent(void **state)
{
	(void)state;
	static const struct match_skill sk[] = {{40, 8, 1}};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	struct match_vacancy_input v = vacancy(400, 1, sk, 1);
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	v = vacancy(401, 2, sk, 1);
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	struct match_client_input c = client(41, 1, sk, 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	c = client(42, 2, sk, 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	c = client(43, 1, sk, 1);
	c.consent = false;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);

	struct arena *a = arena_new(0);
	struct match_result *r;
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_vacancy(idx, 400, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1); /* 42 is another organisation's, 43 has not consented */
	assert_int_equal(r->items[0].id, 41);
	assert_int_equal(match_for_client(idx, 41, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 400);

	q.orgs = ORG12;
	q.norgs = 2;
	assert_int_equal(match_for_vacancy(idx, 400, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2);
	assert_null(find(r, 43));
	assert_int_equal(match_for_client(idx, 41, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2);

	assert_int_equal(match_for_client(idx, 43, &q, a, &r, &e), ERR_FORBIDDEN);
	q.orgs = ORG1;
	q.norgs = 1;
	assert_int_equal(match_for_client(idx, 42, &q, a, &r, &e), ERR_NOT_FOUND); /* not ours */
	assert_int_equal(match_for_vacancy(idx, 401, &q, a, &r, &e), ERR_NOT_FOUND);
	assert_int_equal(match_for_client(idx, 999, &q, a, &r, &e), ERR_NOT_FOUND);
	q.norgs = 0;
	assert_int_equal(match_for_client(idx, 41, &q, a, &r, &e), ERR_NOT_FOUND); /* empty scope sees nothing */
	arena_free(a);
	match_index_free(idx);
}

static void test_updates(void **state)
{
	(void)state;
	static const struct match_skill s50[] = {{50, 8, 1}}, s51[] = {{51, 8, 1}}, both[] = {{50, 8, 1}, {51, 8, 1}};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	struct match_vacancy_input v = vacancy(500, 1, s50, 1);
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	v = vacancy(501, 1, s51, 1);
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	struct match_client_input c = client(51, 1, s50, 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	struct match_stats st = {0};
	match_index_stats(idx, &st);
	assert_int_equal(st.clients, 1);
	assert_int_equal(st.vacancies, 2);
	assert_int_equal(st.postings, 3);

	struct arena *a = arena_new(0);
	struct match_result *r;
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_client(idx, 51, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 500);

	c.skills = s51; /* the profile changes: now only 51 */
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	assert_int_equal(match_for_client(idx, 51, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 501);
	match_index_stats(idx, &st);
	assert_int_equal(st.clients, 1);
	assert_int_equal(st.postings, 3);

	c.skills = both;
	c.nskills = 2;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	assert_int_equal(match_for_client(idx, 51, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2);

	assert_int_equal(match_index_remove_vacancy(idx, 500), 0);
	assert_int_equal(match_index_remove_vacancy(idx, 500), ERR_NOT_FOUND);
	assert_int_equal(match_for_client(idx, 51, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 501);
	assert_int_equal(match_for_vacancy(idx, 500, &q, a, &r, &e), ERR_NOT_FOUND);

	/* a vacancy whose skills change loses its old postings */
	v = vacancy(501, 1, s50, 1);
	assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	assert_int_equal(match_for_vacancy(idx, 501, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].nmatched, 1);
	assert_int_equal(r->items[0].matched[0].concept, 50);

	assert_int_equal(match_index_remove_client(idx, 51), 0);
	assert_int_equal(match_for_vacancy(idx, 501, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 0);
	assert_int_equal(match_for_client(idx, 51, &q, a, &r, &e), ERR_NOT_FOUND);
	/* a freed slot is reused without ghosts */
	c = client(52, 1, s51, 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	assert_int_equal(match_for_vacancy(idx, 501, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 0);
	match_index_stats(idx, &st);
	assert_int_equal(st.clients, 1);
	assert_int_equal(st.vacancies, 1);
	assert_int_equal(st.postings, 2);
	arena_free(a);
	match_index_free(idx);
}

static void test_limit_and_ties(void **state)
{
	(void)state;
	static const struct match_skill sk[] = {{60, 8, 1}};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	for (int i = 30; i >= 1; i--) {
		struct match_vacancy_input v = vacancy(600 + i, 1, sk, 1);
		assert_int_equal(match_index_upsert_vacancy(idx, &v, &e), 0);
	}
	struct match_client_input c = client(61, 1, sk, 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct match_query q = {.orgs = ORG1, .norgs = 1, .limit = 5};
	assert_int_equal(match_for_client(idx, 61, &q, a, &r, &e), 0);
	assert_int_equal(r->candidates, 30);
	assert_int_equal(r->nitems, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(r->items[i].id, 601 + i); /* equal scores: lower id first */
	arena_free(a);
	match_index_free(idx);
}

static void test_ceilings(void **state)
{
	(void)state;
	static struct match_skill many[MATCH_MAX_SKILLS + 1];
	for (int i = 0; i <= MATCH_MAX_SKILLS; i++)
		many[i] = (struct match_skill){(uint32_t)i + 1, 8, 0};
	struct match_index *idx = match_index_new();
	struct err e = {0};
	struct match_client_input c = client(1, 1, many, MATCH_MAX_SKILLS + 1);
	assert_int_equal(match_index_upsert_client(idx, &c, &e), ERR_TOO_BIG);
	c.nskills = MATCH_MAX_SKILLS;
	assert_int_equal(match_index_upsert_client(idx, &c, &e), 0);
	match_index_free(idx);
}

static void test_json(void **state)
{
	(void)state;
	struct match_index *idx = fixture_a();
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORG1, .norgs = 1};
	assert_int_equal(match_for_client(idx, 2, &q, a, &r, &e), 0);
	struct buf b = {0};
	buf_init(&b, 0);
	assert_int_equal(match_result_write_json(r, "fi", &b), 0);
	json_t *j = json_loadb(b.data, b.len, 0, NULL); /* it parses, as one document */
	buf_free(&b);
	assert_string_equal(json_string_value(json_object_get(j, "lang")), "fi");
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "subject")), "client");
	assert_int_equal(json_integer_value(json_object_get(j, "id")), 2);
	json_t *m = json_array_get(json_object_get(j, "matches"), 0);
	assert_int_equal(json_integer_value(json_object_get(m, "vacancy_id")), 101);
	NEAR(json_real_value(json_object_get(m, "score")), 21.2423);
	json_t *miss = json_array_get(json_object_get(m, "missing_essential_skills"), 0);
	assert_string_equal(json_string_value(json_object_get(miss, "uri")), "http://data.europa.eu/esco/skill/k8s");
	json_t *course = json_array_get(json_object_get(miss, "courses"), 0);
	assert_string_equal(json_string_value(json_object_get(course, "name")), "Kubernetes basics");
	json_t *gap = json_array_get(json_object_get(m, "language_gaps"), 0);
	assert_string_equal(json_string_value(json_object_get(gap, "required_level")), "B1");
	assert_string_equal(json_string_value(json_object_get(gap, "client_level")), "A2");
	json_t *f = json_array_get(json_object_get(m, "filters"), 0);
	assert_string_equal(json_string_value(json_object_get(f, "name")), "language");
	assert_true(json_is_false(json_object_get(f, "passed")));
	json_decref(j);
	arena_free(a);
	match_index_free(idx);
}

static void test_helpers(void **state)
{
	(void)state;
	assert_int_equal(match_cefr_level("B2"), 4);
	assert_int_equal(match_cefr_level("native"), 7);
	assert_int_equal(match_cefr_level("x"), 0);
	assert_int_equal(match_isco4("2654.1.7"), 2654);
	assert_int_equal(match_isco4("0110"), 110);
	assert_int_equal(match_isco4("25"), -1);
	assert_int_equal(match_physical_load("seated"), MATCH_LOAD_SEATED);
}

/* The requirements not met are one list (its length is the count a page shows), and a match with any of them is
 * never "good", however high its score. */
static void test_unmet_and_verdict(void **state)
{
	(void)state;
	struct match_lang_gap gaps[3] = {{"fi", 5, 2, true}, {"en", 3, 0, false}, {"sv", 3, 0, true}};
	const char *lic[2] = {"driving:B", "card:hygiene"};
	struct match_item it = {.score = 60, .hard_checked = MATCH_HARD_LANGUAGE | MATCH_HARD_LICENCE | MATCH_HARD_HOURS,
	                        .hard_failed = MATCH_HARD_LANGUAGE | MATCH_HARD_LICENCE | MATCH_HARD_HOURS,
	                        .lang_gaps = gaps, .nlang_gaps = 3, .missing_licences = lic, .nmissing_licences = 2};
	struct match_unmet u[8] = {{0}};
	size_t n = match_item_unmet(&it, u, 8);
	assert_int_equal(n, 5); /* two required languages (not the wished-for one), two licences, the hours */
	assert_ptr_equal(u[0].lang, &gaps[0]);
	assert_ptr_equal(u[1].lang, &gaps[2]);
	assert_string_equal(u[2].licence, "driving:B");
	assert_int_equal(u[4].check, MATCH_HARD_HOURS);
	assert_int_equal(match_item_unmet(&it, NULL, 0), 5); /* the count without the list */
	assert_int_equal(match_item_unmet(&it, u, 2), 5);
	assert_int_equal(match_item_verdict(&it), MATCH_VERDICT_UNMET);
	assert_string_equal(match_verdict_name(MATCH_VERDICT_UNMET), "unmet");
	it.nmissing_licences = 0; /* a failed check with nothing listed behind it still counts once */
	assert_int_equal(match_item_unmet(&it, NULL, 0), 4);
	it.hard_failed = 0;
	assert_int_equal(match_item_unmet(&it, NULL, 0), 0);
	assert_int_equal(match_item_verdict(&it), MATCH_VERDICT_GOOD); /* raw 60 reads 81 */
	it.score = 30; /* reads 52 */
	assert_int_equal(match_item_verdict(&it), MATCH_VERDICT_FAIR);
	it.score = 5;
	assert_int_equal(match_item_verdict(&it), MATCH_VERDICT_WEAK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idf),           cmocka_unit_test(test_scores_for_vacancy),
		cmocka_unit_test(test_symmetric),     cmocka_unit_test(test_explanation),
		cmocka_unit_test(test_language_filter), cmocka_unit_test(test_isco_ladder),
		cmocka_unit_test(test_hard_filters_and_gaps), cmocka_unit_test(test_scope_and_consent),
		cmocka_unit_test(test_updates),       cmocka_unit_test(test_limit_and_ties),
		cmocka_unit_test(test_ceilings),      cmocka_unit_test(test_json),
		cmocka_unit_test(test_helpers),       cmocka_unit_test(test_unmet_and_verdict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
