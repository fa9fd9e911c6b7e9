/* match: the pruned search must give exactly what exhaustive scoring gives (same ids, same scores, same order), on
 * random populations with a fixed seed: skewed skill popularity, all weights, tied profiles, scope, consent, hard
 * filters, updates after the last rarity refresh (unsorted posting tails) and bulk mode (no posting order at all). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "match/match.h"

static uint64_t rng = 0x9E3779B97F4A7C15ULL;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 33) % n;
}

enum { NCON = 60, NCLI = 500, NVAC = 250 };

/* skewed: low concept ids are common */
static uint32_t pick_concept(void)
{
	uint32_t a = rnd(NCON), b = rnd(NCON);
	return 1 + (a < b ? a : b);
}

static void random_skills(struct match_skill *sk, size_t *n, int vacancy)
{
	static const uint8_t cw[] = {MATCH_W_DIRECT, MATCH_W_SELF, MATCH_W_IMPLIED};
	static const uint8_t vw[] = {MATCH_W_REQUIRED, MATCH_W_OPTIONAL, MATCH_W_OCC_ESSENTIAL};
	*n = 1 + rnd(vacancy ? 12 : 20);
	for (size_t i = 0; i < *n; i++) {
		uint8_t w = vacancy ? vw[rnd(3)] : cw[rnd(3)];
		sk[i] = (struct match_skill){pick_concept(), w, (uint8_t)(vacancy && w != MATCH_W_OPTIONAL)};
	}
}

static int upsert_client(struct match_index *idx, int64_t id)
{
	struct match_skill sk[32];
	size_t n;
	random_skills(sk, &n, 0);
	struct match_lang l[2] = {{"fi", (uint8_t)rnd(8), 0}, {"en", (uint8_t)rnd(8), 0}};
	int16_t isco[2] = {(int16_t)(1000 + rnd(40) * 37), (int16_t)(2000 + rnd(5))};
	struct match_client_input c = {.id = id, .organisation_id = 1 + rnd(3), .consent = rnd(10) != 0, .skills = sk,
	                               .nskills = n, .langs = l, .nlangs = 2, .isco = isco, .nisco = 1 + rnd(2),
	                               .isced_level = (uint8_t)rnd(8), .permit_ok = rnd(5) != 0,
	                               .hours_max = (uint8_t)(rnd(2) ? 0 : 20 + rnd(20)), .physical = (uint8_t)rnd(5)};
	struct err e = {0};
	return match_index_upsert_client(idx, &c, &e);
}

static int upsert_vacancy(struct match_index *idx, int64_t id, int copy_of)
{
	static struct match_skill last[16];
	static size_t nlast;
	struct match_skill sk[16];
	size_t n;
	if (copy_of && nlast) { /* the same profile again: exact ties */
		memcpy(sk, last, sizeof sk);
		n = nlast;
	} else {
		random_skills(sk, &n, 1);
		memcpy(last, sk, sizeof sk);
		nlast = n;
	}
	struct match_lang l[1] = {{"fi", (uint8_t)(1 + rnd(6)), (uint8_t)rnd(2)}};
	struct match_vacancy_input v = {.id = id, .organisation_id = 1 + rnd(3), .skills = sk, .nskills = n, .langs = l,
	                                .nlangs = rnd(2), .isco = (int16_t)(1000 + rnd(40) * 37),
	                                .isced_min = (uint8_t)rnd(8), .permit_required = rnd(4) == 0,
	                                .hours = (uint8_t)(rnd(3) ? 0 : 30 + rnd(10)), .physical = (uint8_t)rnd(5)};
	struct err e = {0};
	return match_index_upsert_vacancy(idx, &v, &e);
}

/* every client and every vacancy, several limits and both hard-requirement modes */
static void compare_all(struct match_index *idx, int64_t ncli, int64_t nvac)
{
	static const int64_t orgs3[] = {1, 2, 3}, orgs2[] = {1, 3};
	static const size_t limits[] = {1, 5, 20, 200};
	struct match_scratch *sc = match_scratch_new();
	struct arena *a = arena_new(0);
	size_t compared = 0;
	for (int dir = 0; dir < 2; dir++)
		for (int64_t id = 1; id <= (dir ? nvac : ncli); id++) {
			size_t limit = limits[rnd(4)];
			/* the default search (best bound first) and the pruned one, each against the exhaustive one */
			unsigned flags = MATCH_Q_NO_EXPLAIN | (id & 1 ? MATCH_Q_PRUNE : 0) | (rnd(2) ? MATCH_Q_FILTER_HARD : 0);
			int narrow = rnd(4) == 0;
			struct match_query q = {.orgs = narrow ? orgs2 : orgs3, .norgs = narrow ? 2 : 3, .limit = limit,
			                        .flags = flags, .scratch = rnd(2) ? sc : NULL};
			struct match_query qx = q;
			qx.flags |= MATCH_Q_EXHAUSTIVE;
			struct match_result *r, *rx;
			struct err e = {0}, ex = {0};
			int rc = dir ? match_for_vacancy(idx, id, &q, a, &r, &e) : match_for_client(idx, id, &q, a, &r, &e);
			int rcx = dir ? match_for_vacancy(idx, id, &qx, a, &rx, &ex) : match_for_client(idx, id, &qx, a, &rx, &ex);
			assert_int_equal(rc, rcx);
			if (rc)
				continue;
			assert_int_equal(r->nitems, rx->nitems);
			for (size_t k = 0; k < r->nitems; k++) {
				assert_int_equal(r->items[k].id, rx->items[k].id);
				assert_true(r->items[k].score == rx->items[k].score);
			}
			compared++;
			if (compared % 64 == 0) {
				arena_free(a);
				a = arena_new(0);
			}
		}
	assert_true(compared > (size_t)(ncli + nvac) / 2);
	arena_free(a);
	match_scratch_free(sc);
}

static void test_pruned_equals_exhaustive(void **state)
{
	(void)state;
	for (int round = 0; round < 3; round++) {
		struct match_index *idx = match_index_new();
		assert_non_null(idx);
		match_index_bulk(idx, true);
		for (int64_t id = 1; id <= NCLI; id++)
			assert_int_equal(upsert_client(idx, id), 0);
		for (int64_t id = 1; id <= NVAC; id++)
			assert_int_equal(upsert_vacancy(idx, id, rnd(4) == 0), 0);
		compare_all(idx, NCLI, NVAC); /* bulk: nothing sorted yet */
		match_index_bulk(idx, false);
		compare_all(idx, NCLI, NVAC); /* everything sorted */
		for (int i = 0; i < 60; i++) { /* updates after the refresh: unsorted tails, removals from sorted parts */
			assert_int_equal(upsert_client(idx, 1 + rnd(NCLI)), 0);
			assert_int_equal(upsert_vacancy(idx, 1 + rnd(NVAC), 0), 0);
			match_index_remove_client(idx, 1 + rnd(NCLI));
			match_index_remove_vacancy(idx, 1 + rnd(NVAC));
		}
		compare_all(idx, NCLI, NVAC);
		match_index_free(idx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pruned_equals_exhaustive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
