/* match: building the index from a SQLite store (a temp file, migrated), and refreshing records after writes. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "domain/entity.h"
#include "match/internal.h"
#include "match/live.h"
#include "match/match.h"
#include "store/store.h"

#define T "'2025-01-01T00:00:00Z'"
#define SK "http://data.europa.eu/esco/skill/"
#define OC "http://data.europa.eu/esco/occupation/"

/* Concepts: 1..3 skills (1 "Python"), 4 an occupation with ISCO 2512 whose essential skills are 2 and 3, 5 a skill
 * only a course teaches. Client 1: skill 1 seen by a counsellor, worked as occupation 4, consented, ISCED 6, fi C1.
 * Client 2: skill 1, consent withdrawn. Client 3: skill 1 self-declared, consented, expired forklift card.
 * Vacancy 1 (open): occupation 4, skill 1 required, skill 5 required, fi B2 required, a forklift card.
 * Vacancy 2 (closed): skill 1. Course 1 teaches skill 5. */
static const char *const fixture[] = {
	"INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, 'Kaupunki', 'municipality', " T ", " T ")",
	"INSERT INTO tax_concepts (id, uri, kind, code) VALUES (1, '" SK "py', 'skill', NULL), (2, '" SK "sql', 'skill', "
	"NULL), (3, '" SK "git', 'skill', NULL), (4, '" OC "dev', 'occupation', '2512.4'), (5, '" SK "k8s', 'skill', NULL)",
	"INSERT INTO tax_labels (concept_id, lang, label_type, label, source) VALUES (1, 'en', 'preferred', 'Python', 'esco'),"
	" (1, 'fi', 'preferred', 'Python-ohjelmointi', 'esco'), (2, 'en', 'preferred', 'SQL', 'esco')",
	"INSERT INTO tax_relations (occupation_id, skill_id, relation) VALUES (4, 2, 'essential'), (4, 3, 'essential'), "
	"(4, 5, 'optional')",
	"INSERT INTO employers (id, organisation_id, name, created_at, updated_at) VALUES (1, 1, 'Firma Oy', " T ", " T ")",
	"INSERT INTO clients (id, organisation_id, first_name, last_name, mother_tongue, permit_type, created_at, "
	"updated_at) VALUES (1, 1, 'A', 'A', 'ar', 'permanent', " T ", " T "), (2, 1, 'B', 'B', NULL, NULL, " T ", " T "), "
	"(3, 1, 'C', 'C', NULL, 'temporary', " T ", " T ")",
	"INSERT INTO client_skills (organisation_id, client_id, esco_skill, evidence, created_at, updated_at) VALUES "
	"(1, 1, '" SK "py', 'counsellor_seen', " T ", " T "), (1, 2, '" SK "py', 'credential', " T ", " T "), "
	"(1, 3, '" SK "py', 'self_declared', " T ", " T "), (1, 3, 'not-a-known-uri', 'self_declared', " T ", " T ")",
	"INSERT INTO work_history (organisation_id, client_id, esco_occupation, title, created_at, updated_at) VALUES "
	"(1, 1, '" OC "dev', 'ohjelmistokehittäjä', " T ", " T ")",
	"INSERT INTO educations (organisation_id, client_id, isced_level, created_at, updated_at) VALUES "
	"(1, 1, 6, " T ", " T "), (1, 1, 4, " T ", " T ")",
	"INSERT INTO client_languages (organisation_id, client_id, language, level, created_at, updated_at) VALUES "
	"(1, 1, 'fi', 'C1', " T ", " T "), (1, 3, 'fi', 'A2', " T ", " T ")",
	"INSERT INTO certificates (organisation_id, client_id, kind, name, expires_on, created_at, updated_at) VALUES "
	"(1, 1, 'card', 'forklift', NULL, " T ", " T "), (1, 3, 'card', 'forklift', '2020-01-01', " T ", " T ")",
	"INSERT INTO consents (organisation_id, client_id, purpose, given, given_on, withdrawn_on, created_at, updated_at) "
	"VALUES (1, 1, 'matching', 1, '2025-01-01', NULL, " T ", " T "), (1, 2, 'matching', 1, '2025-01-01', "
	"'2025-02-01', " T ", " T "), (1, 3, 'matching', 1, '2025-01-01', NULL, " T ", " T ")",
	"INSERT INTO vacancies (id, organisation_id, employer_id, title, esco_occupation, contract_type, status, "
	"created_at, updated_at) VALUES (1, 1, 1, 'Kehittäjä', '" OC "dev', 'permanent', 'open', " T ", " T "), "
	"(2, 1, 1, 'Vanha', NULL, 'permanent', 'closed', " T ", " T ")",
	"INSERT INTO vacancy_skills (organisation_id, vacancy_id, esco_skill, required, created_at, updated_at) VALUES "
	"(1, 1, '" SK "py', 1, " T ", " T "), (1, 1, '" SK "k8s', 1, " T ", " T "), (1, 2, '" SK "py', 1, " T ", " T ")",
	"INSERT INTO vacancy_languages (organisation_id, vacancy_id, language, min_level, required, created_at, "
	"updated_at) VALUES (1, 1, 'fi', 'B2', 1, " T ", " T ")",
	"INSERT INTO vacancy_licences (organisation_id, vacancy_id, kind, name, created_at, updated_at) VALUES "
	"(1, 1, 'card', 'forklift', " T ", " T ")",
	"INSERT INTO courses (id, organisation_id, name, created_at, updated_at) VALUES (1, 1, 'Kubernetes-kurssi', " T
	", " T ")",
	"INSERT INTO course_skills (organisation_id, course_id, esco_skill, created_at, updated_at) VALUES "
	"(1, 1, '" SK "k8s', " T ", " T ")",
};

struct fx {
	char path[64];
	struct store *s;
	struct match_index *idx;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct err e = {0};
	snprintf(f->path, sizeof f->path, "/tmp/osaaja-match-XXXXXX");
	int fd = mkstemp(f->path);
	if (fd < 0)
		return -1;
	close(fd);
	if (store_open(f->path, &f->s, &e) || store_migrate(f->s, &e)) {
		fprintf(stderr, "%s\n", e.message);
		return -1;
	}
	for (size_t i = 0; i < sizeof fixture / sizeof *fixture; i++)
		if (store_exec(f->s, fixture[i], &e)) {
			fprintf(stderr, "fixture %zu: %s\n", i, e.message);
			return -1;
		}
	struct match_load_options lo = {.lang = "fi", .today = "2025-06-01"};
	if (match_index_load(f->s, &lo, &f->idx, &e)) {
		fprintf(stderr, "load: %s\n", e.message);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	match_index_free(f->idx);
	store_close(f->s);
	char side[80];
	unlink(f->path);
	snprintf(side, sizeof side, "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static const int64_t ORGS[] = {1};

static void test_load_counts(void **state)
{
	struct fx *f = *state;
	struct match_stats st = {0};
	match_index_stats(f->idx, &st);
	assert_int_equal(st.clients, 3);
	assert_int_equal(st.vacancies, 1); /* the closed one stays out */
	/* postings: client 1 has 1 + implied 2, 3; client 2: 1; client 3: 1; vacancy 1: 1, 5 + occupation's 2, 3 */
	assert_int_equal(st.postings, 3 + 1 + 1 + 4);
}

static void test_load_vacancy_matches(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(match_for_vacancy(f->idx, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2); /* client 2 withdrew consent */
	const struct match_item *it = &r->items[0];
	assert_int_equal(it->id, 1);
	assert_int_equal(it->isco_digits, 4); /* ISCO from the ESCO occupation's code 2512.4 */
	assert_int_equal(it->nmatched, 3);
	int saw_python = 0;
	for (size_t i = 0; i < it->nmatched; i++) {
		if (it->matched[i].concept == 1) {
			saw_python = 1;
			assert_string_equal(it->matched[i].label, "Python-ohjelmointi"); /* Finnish label asked for */
			assert_int_equal(it->matched[i].client_weight, MATCH_W_DIRECT);
			assert_int_equal(it->matched[i].vacancy_weight, MATCH_W_REQUIRED);
		} else {
			assert_int_equal(it->matched[i].client_weight, MATCH_W_IMPLIED);
			assert_int_equal(it->matched[i].vacancy_weight, MATCH_W_OCC_ESSENTIAL);
		}
	}
	assert_true(saw_python);
	assert_int_equal(it->nmissing, 1);
	assert_string_equal(it->missing[0].uri, SK "k8s");
	assert_int_equal(it->missing[0].ncourses, 1);
	assert_string_equal(it->missing[0].courses[0].name, "Kubernetes-kurssi");
	assert_int_equal(it->hard_failed, 0); /* fi C1 >= B2, forklift card held */

	const struct match_item *c3 = &r->items[1];
	assert_int_equal(c3->id, 3);
	assert_int_equal(c3->hard_failed, MATCH_HARD_LANGUAGE | MATCH_HARD_LICENCE); /* A2 < B2, card expired */
	assert_int_equal(c3->matched[0].client_weight, MATCH_W_SELF);
	arena_free(a);
}

/* Issue 13 item 4: the labels of a result in the reader's language, English where there is none (label_lang says),
 * the calibrated score, the breakdown summing to the score, and the reasons. */
static void test_labels_per_language(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(match_for_vacancy(f->idx, 1, &q, a, &r, &e), 0);
	const char *want[3][2] = {{"sv", "Python"}, {"en", "Python"}, {"fi", "Python-ohjelmointi"}};
	for (int k = 0; k < 3; k++) {
		assert_int_equal(match_result_set_lang(f->idx, r, want[k][0], a), 0);
		const struct match_item *it = &r->items[0];
		for (size_t i = 0; i < it->nmatched; i++) {
			const struct match_skill_hit *h = &it->matched[i];
			if (h->concept == 1) { /* Python: fi and en labels, no sv one */
				assert_string_equal(h->label, want[k][1]);
				assert_string_equal(h->label_lang, k == 2 ? "fi" : "en");
			} else if (h->concept == 2) { /* SQL: only English */
				assert_string_equal(h->label, "SQL");
				assert_string_equal(h->label_lang, "en");
			} else { /* git: no label at all, the URI stays the name */
				assert_null(h->label_lang);
			}
		}
	}
	const char *before = r->items[0].matched[0].label;
	assert_int_equal(match_result_set_lang(f->idx, r, "de", a), 0); /* unknown: left as it is */
	assert_ptr_equal(r->items[0].matched[0].label, before);

	/* calibration: 0 -> 0, 100 -> 100, monotone, never below the raw score */
	assert_true(match_score_calibrated(0) == 0 && fabs(match_score_calibrated(100) - 100) < 1e-9);
	for (double x = 1; x <= 100; x += 1) {
		assert_true(match_score_calibrated(x) > match_score_calibrated(x - 1));
		assert_true(match_score_calibrated(x) >= x - 1e-9);
	}
	for (size_t i = 0; i < r->nitems; i++) {
		const struct match_item *it = &r->items[i];
		struct match_breakdown bd = {0};
		match_item_breakdown(it, &bd);
		assert_true(fabs(bd.skills + bd.occupation + bd.education + bd.language - it->score) < 1e-9);
		struct match_reason why[MATCH_MAX_REASONS] = {0};
		size_t n = match_item_reasons(it, why, MATCH_MAX_REASONS);
		assert_true(n >= 1 && n <= MATCH_MAX_REASONS);
		assert_int_equal(why[0].kind, MATCH_REASON_COVERAGE);
	}
	/* client 1: the same occupation and the language met are reasons (two skills come first) */
	struct match_reason why[MATCH_MAX_REASONS] = {0};
	size_t n = match_item_reasons(&r->items[0], why, MATCH_MAX_REASONS), occ = 0, lang = 0, lim = 0;
	for (size_t i = 0; i < n; i++) {
		occ += why[i].kind == MATCH_REASON_OCCUPATION && why[i].value == 4;
		lang += why[i].kind == MATCH_REASON_LANGUAGE;
		lim += why[i].kind == MATCH_REASON_LIMITS;
	}
	assert_true(occ == 1 && lang == 1 && (lim == 1 || n == MATCH_MAX_REASONS)); /* the licence, when there is room */
	/* client 3 failed the language and the licence: neither is a reason */
	n = match_item_reasons(&r->items[1], why, MATCH_MAX_REASONS);
	for (size_t i = 0; i < n; i++)
		assert_true(why[i].kind != MATCH_REASON_LANGUAGE && why[i].kind != MATCH_REASON_LIMITS);
	arena_free(a);
}

static void test_load_consent_and_closed(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(match_for_client(f->idx, 2, &q, a, &r, &e), ERR_FORBIDDEN);
	assert_int_equal(match_for_vacancy(f->idx, 2, &q, a, &r, &e), ERR_NOT_FOUND);
	arena_free(a);
}

static void test_refresh(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	/* client 1 withdraws consent: after a refresh, no longer matchable */
	assert_int_equal(store_exec(f->s, "UPDATE consents SET withdrawn_on = '2025-03-01' WHERE client_id = 1", &e), 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 1, &e), 0);
	assert_int_equal(match_for_client(f->idx, 1, &q, a, &r, &e), ERR_FORBIDDEN);
	assert_int_equal(match_for_vacancy(f->idx, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	/* client 2 gives consent again (a newer row) */
	assert_int_equal(store_exec(f->s, "INSERT INTO consents (organisation_id, client_id, purpose, given, given_on, "
	                                  "created_at, updated_at) VALUES (1, 2, 'matching', 1, '2025-04-01', " T ", " T ")",
	                            &e),
	                 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 2, &e), 0);
	assert_int_equal(match_for_client(f->idx, 2, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	/* vacancy 1 is filled: it leaves the index; vacancy 2 reopens */
	assert_int_equal(store_exec(f->s, "UPDATE vacancies SET status = CASE id WHEN 1 THEN 'filled' ELSE 'open' END", &e),
	                 0);
	assert_int_equal(match_index_refresh_vacancy(f->idx, f->s, 1, &e), 0);
	assert_int_equal(match_index_refresh_vacancy(f->idx, f->s, 2, &e), 0);
	assert_int_equal(match_for_vacancy(f->idx, 1, &q, a, &r, &e), ERR_NOT_FOUND);
	assert_int_equal(match_for_client(f->idx, 2, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 2);
	/* an archived client leaves */
	assert_int_equal(store_exec(f->s, "UPDATE clients SET archived_at = " T " WHERE id = 3", &e), 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 3, &e), 0);
	assert_int_equal(match_for_client(f->idx, 3, &q, a, &r, &e), ERR_NOT_FOUND);
	/* a course that is archived stops being suggested */
	assert_int_equal(store_exec(f->s, "UPDATE courses SET archived_at = " T " WHERE id = 1", &e), 0);
	assert_int_equal(match_index_refresh_course(f->idx, f->s, 1, &e), 0);
	arena_free(a);
}

/* Which record a changed row of each entity belongs to, as match_live_note derives it: the reader's tables (load.c)
 * and the entity table's parent link. The entities the index reads, and some it must ignore. */
static void test_reader_of(void **state)
{
	(void)state;
	static const struct {
		const char *entity;
		int kind; /* -1: ignored */
		bool own;
	} cases[] = {
		{"clients", MI_KIND_CLIENT, true},          {"educations", MI_KIND_CLIENT, false},
		{"work-history", MI_KIND_CLIENT, false},    {"client-skills", MI_KIND_CLIENT, false},
		{"client-languages", MI_KIND_CLIENT, false}, {"certificates", MI_KIND_CLIENT, false},
		{"target-occupations", MI_KIND_CLIENT, false}, {"consents", MI_KIND_CLIENT, false},
		{"vacancies", MI_KIND_VACANCY, true},       {"vacancy-skills", MI_KIND_VACANCY, false},
		{"vacancy-languages", MI_KIND_VACANCY, false}, {"vacancy-licences", MI_KIND_VACANCY, false},
		{"courses", MI_KIND_COURSE, true},          {"course-skills", MI_KIND_COURSE, false},
		{"service-events", -1, false},              {"outcomes", -1, false},
		{"proposals", -1, false},                   {"employers", -1, false},
		{"group-attendance", -1, false},
	};
	static const char *const own_entity[] = {"clients", "vacancies", "courses"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct entity_def *d = entity_find(cases[i].entity);
		assert_non_null(d);
		bool own = false;
		int k = mi_reader_of(d->table, &own);
		if (k != cases[i].kind || (k >= 0 && own != cases[i].own))
			fail_msg("%s: kind %d own %d", cases[i].entity, k, own);
		if (k >= 0 && !own) { /* a child row names its record through its parent link */
			assert_non_null(d->parent);
			assert_non_null(d->parent_field);
			assert_string_equal(d->parent, own_entity[k]);
		}
	}
}

/* The live index: a change note maps the changed row to its record through the entity table (a child row through its
 * parent link, even once archived), rows the index does not read are ignored, and a stopped index answers 503. */
static void test_live_note(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(match_live_start(f->s, f->path, &e), 0);
	assert_int_equal(match_live_query(f->s, MATCH_FOR_VACANCY, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2); /* clients 1 and 3 */
	/* client 3's only skill is archived: the note on client-skills row 3 refreshes client 3 */
	assert_int_equal(store_exec(f->s, "UPDATE client_skills SET archived_at = " T " WHERE client_id = 3", &e), 0);
	match_live_note(f->s, "service-events", 3); /* not read by the index: nothing happens */
	match_live_note(f->s, "no-such-entity", 3);
	assert_int_equal(match_live_query(f->s, MATCH_FOR_VACANCY, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2);
	match_live_note(f->s, "client-skills", 3);
	assert_int_equal(match_live_query(f->s, MATCH_FOR_VACANCY, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 1);
	assert_int_equal(r->items[0].id, 1);
	/* a vacancy's own row: closing it takes it out */
	assert_int_equal(store_exec(f->s, "UPDATE vacancies SET status = 'filled' WHERE id = 1", &e), 0);
	match_live_note(f->s, "vacancies", 1);
	assert_int_equal(match_live_query(f->s, MATCH_FOR_VACANCY, 1, &q, a, &r, &e), ERR_NOT_FOUND);
	match_live_stop();
	assert_int_equal(match_live_query(f->s, MATCH_FOR_CLIENT, 1, &q, a, &r, &e), ERR_UNAVAILABLE);
	arena_free(a);
}

/* Consent by its dates (privacy's one rule): a row dated in the future does not speak yet, a withdrawal dated in the
 * future has not withdrawn yet; on the day either takes effect, match_index_recheck reads the client again without
 * any write. */
static void test_consent_days(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(store_exec(f->s, "INSERT INTO consents (organisation_id, client_id, purpose, given, given_on, "
	                                  "created_at, updated_at) VALUES (1, 1, 'matching', 0, '2999-01-01', " T ", " T ")",
	                            &e),
	                 0);
	assert_int_equal(store_exec(f->s, "UPDATE consents SET withdrawn_on = '2999-06-01' WHERE client_id = 3", &e), 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 1, &e), 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 3, &e), 0);
	assert_int_equal(match_for_vacancy(f->idx, 1, &q, a, &r, &e), 0);
	assert_int_equal(r->nitems, 2); /* both still consent today */
	assert_int_equal(match_index_recheck(f->idx, f->s, "2998-12-31", &e), 0);
	assert_int_equal(match_for_client(f->idx, 1, &q, a, &r, &e), 0);
	assert_int_equal(match_index_recheck(f->idx, f->s, "2999-01-01", &e), 0); /* the refusal starts */
	assert_int_equal(match_for_client(f->idx, 1, &q, a, &r, &e), ERR_FORBIDDEN);
	assert_int_equal(match_for_client(f->idx, 3, &q, a, &r, &e), 0);
	assert_int_equal(match_index_recheck(f->idx, f->s, "2999-06-01", &e), 0); /* the withdrawal takes effect */
	assert_int_equal(match_for_client(f->idx, 3, &q, a, &r, &e), ERR_FORBIDDEN);
	/* a fresh load on such a day agrees */
	struct match_index *idx;
	const struct match_load_options lo = {.today = "2999-06-01"};
	assert_int_equal(match_index_load(f->s, &lo, &idx, &e), 0);
	assert_int_equal(match_for_client(idx, 1, &q, a, &r, &e), ERR_FORBIDDEN);
	assert_int_equal(match_for_client(idx, 3, &q, a, &r, &e), ERR_FORBIDDEN);
	match_index_free(idx);
	arena_free(a);
}

/* A residence permit and a card are valid through their last day: the day after, the client is read again without
 * any write (match_index_recheck), and the match shows the failed requirement, as a fresh load on that day does. */
static unsigned hard_failed_of(struct match_index *idx, int64_t client, struct arena *a)
{
	struct match_result *r;
	struct err e = {0};
	struct match_query q = {.orgs = ORGS, .norgs = 1};
	assert_int_equal(match_for_vacancy(idx, 1, &q, a, &r, &e), 0);
	for (size_t i = 0; i < r->nitems; i++)
		if (r->items[i].id == client)
			return r->items[i].hard_failed;
	fail_msg("client %lld not matched", (long long)client);
	return 0;
}

static void test_expiry_days(void **state)
{
	struct fx *f = *state;
	struct arena *a = arena_new(0);
	struct err e = {0};
	assert_int_equal(store_exec(f->s, "UPDATE vacancies SET permit_required = 1 WHERE id = 1", &e), 0);
	assert_int_equal(store_exec(f->s, "UPDATE clients SET permit_expires_on = '2999-04-30' WHERE id = 1", &e), 0);
	assert_int_equal(store_exec(f->s, "UPDATE certificates SET expires_on = '2999-02-28' WHERE client_id = 1", &e), 0);
	assert_int_equal(match_index_refresh_vacancy(f->idx, f->s, 1, &e), 0);
	assert_int_equal(match_index_refresh_client(f->idx, f->s, 1, &e), 0);
	assert_int_equal(hard_failed_of(f->idx, 1, a), 0); /* the card and the permit hold today */
	assert_int_equal(match_index_recheck(f->idx, f->s, "2999-02-28", &e), 0);
	assert_int_equal(hard_failed_of(f->idx, 1, a), 0); /* the card's last day */
	assert_int_equal(match_index_recheck(f->idx, f->s, "2999-03-01", &e), 0);
	assert_int_equal(hard_failed_of(f->idx, 1, a), MATCH_HARD_LICENCE);
	assert_int_equal(match_index_recheck(f->idx, f->s, "2999-05-01", &e), 0);
	assert_int_equal(hard_failed_of(f->idx, 1, a), MATCH_HARD_LICENCE | MATCH_HARD_PERMIT);
	struct match_index *idx;
	const struct match_load_options lo = {.today = "2999-05-01"};
	assert_int_equal(match_index_load(f->s, &lo, &idx, &e), 0);
	assert_int_equal(hard_failed_of(idx, 1, a), MATCH_HARD_LICENCE | MATCH_HARD_PERMIT);
	match_index_free(idx);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_vacancy_matches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_consent_and_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_per_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_consent_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expiry_days, setup, teardown),
		cmocka_unit_test(test_reader_of),
		cmocka_unit_test_setup_teardown(test_live_note, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
