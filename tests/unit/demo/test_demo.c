/* demo generator: the same seed gives the same data; the data is valid (business IDs, ESCO URIs that exist, organisation
 * scope, integrity); the simulated outcomes fall in broad plausible bands; the generator refuses what it must.
 * The taxonomy comes from esco_fixture.tsv (an ESCO v1.1.1 subset made by make_fixture.py), loaded straight into the
 * tax_* tables so that this test does not depend on the importer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "report/report.h"
#include "store/store.h"

static char g_dir[256];
static int g_seq;

static const char FIXTURE[] = "tests/unit/demo/esco_fixture.tsv";
static const char TODAY[] = "2026-06-30";

static struct store *open_db(bool with_taxonomy)
{
	char path[400];
	snprintf(path, sizeof path, "%s/demo%d.db", g_dir, ++g_seq);
	struct store *s = NULL;
	struct err e = {0};
	if (store_open(path, &s, &e) || store_migrate(s, &e))
		fail_msg("open %s: %s", path, e.message);
	if (!with_taxonomy)
		return s;
	FILE *f = fopen(FIXTURE, "r");
	if (!f)
		fail_msg("cannot open %s (run from the repository root)", FIXTURE);
	if (store_begin(s, &e))
		fail_msg("begin: %s", e.message);
	char line[1024];
	long n = 0;
	while (fgets(line, sizeof line, f)) {
		if (line[0] == '#')
			continue;
		line[strcspn(line, "\r\n")] = 0;
		char *fld[4] = {line, NULL, NULL, NULL};
		for (int i = 1; i < 4; i++) {
			char *tab = fld[i - 1] ? strchr(fld[i - 1], '\t') : NULL;
			if (tab) {
				*tab = 0;
				fld[i] = tab + 1;
			}
		}
		if (!fld[3])
			fail_msg("bad fixture line %ld", n);
		char uri[200];
		struct store_stmt *st;
		if (strcmp(fld[0], "o") == 0 || strcmp(fld[0], "s") == 0) {
			bool occ = fld[0][0] == 'o';
			snprintf(uri, sizeof uri, "http://data.europa.eu/esco/%s/%.60s", occ ? "occupation" : "skill", fld[1]);
			assert_int_equal(store_prepare(s, occ ? "INSERT INTO tax_concepts (uri, kind, code) VALUES (?1, ?2, ?3) "
			                                        "RETURNING id"
			                                      : "INSERT INTO tax_concepts (uri, kind, skill_type) VALUES (?1, ?2, "
			                                        "?3) RETURNING id",
			                               &st, &e),
			                 0);
			store_bind_text(st, 1, uri, -1);
			store_bind_text(st, 2, occ ? "occupation" : "skill", -1);
			store_bind_text(st, 3, fld[2], -1);
			assert_int_equal(store_step(st, &e), STORE_ROW);
			int64_t id = store_col_int(st, 0);
			store_reset(st);
			assert_int_equal(store_prepare(s, "INSERT INTO tax_labels (concept_id, lang, label_type, label, source) "
			                                  "VALUES (?1, 'en', 'preferred', ?2, 'esco')",
			                               &st, &e),
			                 0);
			store_bind_int(st, 1, id);
			store_bind_text(st, 2, fld[3], -1);
			assert_true(store_step(st, &e) >= 0);
		}
		n++;
	}
	fclose(f);
	/* Relations in a second pass: the file lists the skills after the relations that use them. */
	f = fopen(FIXTURE, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "r\t", 2) != 0)
			continue;
		line[strcspn(line, "\r\n")] = 0;
		char *a = line + 2, *b = strchr(a, '\t'), *c = b ? strchr(b + 1, '\t') : NULL;
		assert_non_null(c);
		*b++ = 0;
		*c++ = 0;
		char uri[200], uri2[200];
		snprintf(uri, sizeof uri, "http://data.europa.eu/esco/occupation/%.60s", a);
		snprintf(uri2, sizeof uri2, "http://data.europa.eu/esco/skill/%.60s", b);
		struct store_stmt *st;
		assert_int_equal(store_prepare(s, "INSERT INTO tax_relations (occupation_id, skill_id, relation) SELECT o.id, "
		                                  "k.id, ?3 FROM tax_concepts o, tax_concepts k WHERE o.uri = ?1 AND k.uri = ?2 "
		                                  "ON CONFLICT (occupation_id, skill_id) DO NOTHING",
		                               &st, &e),
		                 0);
		store_bind_text(st, 1, uri, -1);
		store_bind_text(st, 2, uri2, -1);
		store_bind_text(st, 3, c, -1);
		assert_true(store_step(st, &e) >= 0);
	}
	fclose(f);
	if (store_commit(s, &e))
		fail_msg("commit: %s", e.message);
	return s;
}

static int64_t count(struct store *s, const char *sql)
{
	int64_t n = -1;
	bool found = false;
	struct err e = {0};
	if (store_query_int(s, sql, NULL, 0, &n, &found, &e))
		fail_msg("%s: %s", sql, e.message);
	return n;
}

/* FNV-1a over every column of every demo table, ids included, without the clock-dependent and salted columns. */
static uint64_t checksum(struct store *s)
{
	static const char *const tables[] = {
		"organisations", "programmes", "users", "families", "clients", "educations", "work_history", "client_skills",
		"client_languages", "certificates", "target_occupations", "consents", "employers", "employer_contacts",
		"employer_services", "vacancies", "vacancy_skills", "vacancy_languages", "vacancy_licences", "proposals",
		"service_events", "outcomes", "outcome_followups", "group_events", "group_attendance", "courses",
		"course_skills", "family_members", "settling_steps"};
	uint64_t h = 1469598103934665603ULL;
	struct err e = {0};
	for (size_t t = 0; t < sizeof tables / sizeof *tables; t++) {
		char sql[200];
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY id", tables[t]);
		struct store_stmt *st;
		assert_int_equal(store_prepare(s, sql, &st, &e), 0);
		int rc;
		while ((rc = store_step(st, &e)) == STORE_ROW) {
			for (int i = 0; i < store_col_count(st); i++) {
				const char *name = store_col_name(st, i);
				if (strcmp(name, "created_at") == 0 || strcmp(name, "updated_at") == 0 ||
				    strcmp(name, "password_hash") == 0)
					continue;
				const char *v = store_col_text(st, i);
				for (const char *p = v ? v : "\x01"; *p; p++)
					h = (h ^ (unsigned char)*p) * 1099511628211ULL;
				h = (h ^ 0x1f) * 1099511628211ULL;
			}
		}
		assert_true(rc == STORE_DONE);
	}
	return h;
}

static void generate_ok(struct store *s, uint64_t seed, struct demo_summary *sum)
{
	struct demo_options o = {.seed = seed, .today = TODAY};
	struct err e = {0};
	int rc = demo_generate(s, &o, sum, &e);
	if (rc)
		fail_msg("demo_generate: %s (field %s)", e.message, e.field);
}

static void test_refuses_without_taxonomy(void **state)
{
	(void)state;
	struct store *s = open_db(false);
	struct demo_summary *sum = calloc(1, sizeof *sum);
	struct demo_options o = {.seed = 1, .today = TODAY};
	struct err e = {0};
	assert_int_equal(demo_generate(s, &o, sum, &e), ERR_INVALID);
	assert_non_null(strstr(e.message, "import-taxonomy"));
	assert_int_equal(count(s, "SELECT COUNT(*) FROM organisations"), 0);
	assert_int_equal(sum->naccounts, 0);
	free(sum);
	store_close(s);
}

static void test_same_seed_same_data(void **state)
{
	(void)state;
	struct demo_summary *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b), *c = calloc(1, sizeof *c);
	struct store *sa = open_db(true), *sb = open_db(true), *sc = open_db(true);
	generate_ok(sa, 42, a);
	generate_ok(sb, 42, b);
	generate_ok(sc, 43, c);
	uint64_t ha = checksum(sa), hb = checksum(sb), hc = checksum(sc);
	print_message("seed 42: %ld clients (+%ld children), %ld employers, %ld vacancies, %ld service events, %ld "
	              "outcomes; served %ld, employed %ld (%.1f %%), own field %ld (%.1f %%), matches by the rule %ld; checksum %016llx\n",
	              a->clients, a->children, a->employers, a->vacancies, a->service_events, a->outcomes, a->served,
	              a->employed, 100.0 * (double)a->employed / (double)a->served, a->employed_own_field,
	              100.0 * (double)a->employed_own_field / (double)a->employed, a->employed_matches,
	              (unsigned long long)ha);
	print_message("seed 43: served %ld, employed %ld, own field %ld; checksum %016llx\n", c->served, c->employed,
	              c->employed_own_field, (unsigned long long)hc);
	assert_true(ha == hb);
	assert_true(ha != hc);
	assert_int_equal(a->clients, b->clients);
	assert_int_equal(a->service_events, b->service_events);
	assert_int_equal(a->employed, b->employed);
	assert_int_equal(a->employed_own_field, b->employed_own_field);
	assert_int_equal(a->proposals, b->proposals);
	/* The passwords are random each run, never derived from the seed. */
	assert_string_not_equal(a->accounts[0].password, b->accounts[0].password);
	free(a);
	free(b);
	free(c);
	store_close(sa);
	store_close(sb);
	store_close(sc);
}

static void test_data_is_valid(void **state)
{
	(void)state;
	struct store *s = open_db(true);
	struct demo_summary *sum = calloc(1, sizeof *sum);
	generate_ok(s, 7, sum);
	struct err e = {0};

	/* What the summary says is what the database holds. */
	assert_int_equal(sum->clients, DEMO_DEFAULT_CLIENTS);
	/* Children are family members, never clients (issue 14). */
	assert_int_equal(count(s, "SELECT COUNT(*) FROM clients"), sum->clients);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM clients WHERE family_role = 'child'"), 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM family_members WHERE relation = 'child'"), sum->children);
	/* The seasonal workers answered the survey (issue 14 item 9): each answer on a used link of the programme, most
	 * reviewed, some waiting; the info point logged contacts (issue 15 item 6). */
	assert_true(sum->survey_responses > 20);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM survey_responses"), sum->survey_responses);
	assert_true(count(s, "SELECT COUNT(*) FROM survey_responses WHERE status = 'accepted'") > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM survey_responses WHERE status = 'submitted'") > 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM survey_invitations i JOIN survey_responses r ON r.invitation_id = "
	                          "i.id WHERE i.used_count = 1 AND i.programme_id IS NOT NULL"),
	                 sum->survey_responses);
	assert_true(sum->info_contacts > 200);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM info_contacts"), sum->info_contacts);
	/* Every family has a settling-in plan, its steps in every state, each step with its timeline. */
	assert_int_equal(count(s, "SELECT COUNT(*) FROM settling_steps"), sum->settling_steps);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM families f WHERE NOT EXISTS (SELECT 1 FROM settling_steps t "
	                          "WHERE t.family_id = f.id)"),
	                 0);
	assert_int_equal(count(s, "SELECT COUNT(DISTINCT state) FROM settling_steps"), 4);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM settling_steps t WHERE NOT EXISTS (SELECT 1 FROM "
	                          "settling_step_changes c WHERE c.step_id = t.id AND c.state = t.state)"),
	                 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM settling_steps WHERE (state = 'done') <> (done_on IS NOT NULL)"), 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM families WHERE arrived_on IS NULL"), 0);
	/* the three services and their partner, an education provider */
	assert_int_equal(count(s, "SELECT COUNT(*) FROM organisations"), 4);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM organisations WHERE kind = 'education_provider'"), 1);
	/* its referrals from the competence centre in every state, each referred client with its share_partner consent
	 * before the referral, and each referral's timeline ending in its state */
	assert_int_equal(count(s, "SELECT COUNT(DISTINCT state) FROM partner_referrals"), 5);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM partner_referrals r WHERE NOT EXISTS (SELECT 1 FROM consents c "
	                          "WHERE c.client_id = r.client_id AND c.purpose = 'share_partner' AND c.given = 1 AND "
	                          "c.given_on <= r.sent_on)"),
	                 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM partner_referrals r WHERE r.state <> (SELECT e.state FROM "
	                          "partner_referral_events e WHERE e.referral_id = r.id ORDER BY e.id DESC LIMIT 1)"),
	                 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM partner_referrals WHERE state = 'ended' AND outcome IS NULL"), 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM employers"), sum->employers);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM vacancies"), sum->vacancies);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM service_events"), sum->service_events);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM outcomes WHERE type = 'employed'"), sum->employed);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM outcomes WHERE type = 'employed' AND matches_competence = 1"),
	                 sum->employed_matches);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM outcomes WHERE type = 'employed' AND matches_competence IS "
	                          "NULL"),
	                 0);
	assert_true(sum->employers >= 90 && sum->employers <= 110);
	assert_true(sum->vacancies >= 150 && sum->vacancies <= 260);
	assert_true(sum->courses >= 25);
	assert_true(sum->families >= 10 && sum->children > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM vacancies WHERE status = 'open'") > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM vacancies WHERE status = 'filled'") > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM vacancies WHERE contract_type = 'seasonal'") > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM clients WHERE work_hours_max IS NOT NULL") > 20);
	assert_true(count(s, "SELECT COUNT(*) FROM outcome_followups") > 0);
	assert_true(count(s, "SELECT COUNT(*) FROM users WHERE employer_id IS NOT NULL") == 1);

	/* Broad plausibility of what the simulated year produced (not forced by the generator). */
	double employed = (double)sum->employed / (double)sum->served;
	double own = (double)sum->employed_own_field / (double)sum->employed;
	assert_true(sum->served >= 250);
	assert_true(employed > 0.20 && employed < 0.60);
	assert_true(own > 0.25 && own < 0.80);
	double matches = (double)sum->employed_matches / (double)sum->employed;
	assert_true(matches > 0.25 && matches < 0.90);

	/* The competence centre (the first organisation) looks like its sources (issue 16 item 6): about 500 clients a
	 * year, about 40 % of them employed, and about half of those in their own field; through the same report code
	 * as the figures page. */
	struct report_filter f = {0};
	report_filter_init(&f, 1);
	snprintf(f.from, sizeof f.from, "2025-07-01");
	snprintf(f.to, sizeof f.to, "%s", TODAY);
	struct report_indicators ri = {0};
	assert_int_equal(report_indicators(s, &f, &ri, &e), 0);
	print_message("competence centre: served %.0f, employed %.1f %%, own field %.1f %% of the employed\n",
	              ri.v[RI_CLIENTS_SERVED], ri.v[RI_EMPLOYED_PCT_SERVED], ri.v[RI_OWN_FIELD_PCT]);
	assert_true(ri.v[RI_CLIENTS_SERVED] >= 450 && ri.v[RI_CLIENTS_SERVED] <= 550);
	assert_true(ri.v[RI_EMPLOYED_PCT_SERVED] >= 30 && ri.v[RI_EMPLOYED_PCT_SERVED] <= 45);
	assert_true(ri.v[RI_OWN_FIELD_PCT] >= 42 && ri.v[RI_OWN_FIELD_PCT] <= 62);

	/* Every business ID has a valid check digit. */
	struct store_stmt *st;
	assert_int_equal(store_prepare(s, "SELECT business_id FROM employers UNION ALL SELECT business_id FROM "
	                                  "organisations",
	                               &st, &e),
	                 0);
	int rc, n = 0;
	while ((rc = store_step(st, &e)) == STORE_ROW) {
		const char *bid = store_col_text(st, 0);
		if (!validate_business_id(bid))
			fail_msg("invalid business ID %s", bid ? bid : "(null)");
		n++;
	}
	assert_int_equal(rc, STORE_DONE);
	assert_true(n >= 80);

	/* Every ESCO URI the demo wrote exists in the taxonomy. */
	static const char *const uri_cols[][2] = {
		{"work_history", "esco_occupation"}, {"target_occupations", "esco_occupation"}, {"client_skills", "esco_skill"},
		{"certificates", "esco_skill"},      {"vacancies", "esco_occupation"},          {"vacancy_skills", "esco_skill"},
		{"outcomes", "esco_occupation"},     {"course_skills", "esco_skill"},
	};
	for (size_t i = 0; i < sizeof uri_cols / sizeof *uri_cols; i++) {
		char sql[300];
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s IS NOT NULL AND %s NOT IN (SELECT uri FROM "
		                          "tax_concepts)",
		         uri_cols[i][0], uri_cols[i][1], uri_cols[i][1]);
		if (count(s, sql) != 0)
			fail_msg("%s.%s has URIs missing from tax_concepts", uri_cols[i][0], uri_cols[i][1]);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s IS NOT NULL", uri_cols[i][0], uri_cols[i][1]);
		assert_true(count(s, sql) > 0);
	}

	/* Organisation scope: references stay inside the organisation. */
	static const char *const scope[] = {
		"SELECT COUNT(*) FROM clients c JOIN users u ON u.id = c.counsellor_id WHERE u.organisation_id <> "
		"c.organisation_id",
		"SELECT COUNT(*) FROM clients c JOIN programmes p ON p.id = c.programme_id WHERE p.organisation_id <> "
		"c.organisation_id",
		"SELECT COUNT(*) FROM proposals p JOIN vacancies v ON v.id = p.vacancy_id JOIN clients c ON c.id = "
		"p.client_id WHERE v.organisation_id <> p.organisation_id OR c.organisation_id <> p.organisation_id",
		"SELECT COUNT(*) FROM outcomes o JOIN employers m ON m.id = o.employer_id WHERE m.organisation_id <> "
		"o.organisation_id",
		"SELECT COUNT(*) FROM group_attendance a JOIN group_events g ON g.id = a.group_event_id WHERE "
		"g.organisation_id <> a.organisation_id",
		"SELECT COUNT(*) FROM educations x JOIN clients c ON c.id = x.client_id WHERE c.organisation_id <> "
		"x.organisation_id",
		"SELECT COUNT(*) FROM (SELECT group_event_id, client_id FROM group_attendance WHERE client_id IS NOT NULL "
		"GROUP BY group_event_id, client_id HAVING COUNT(*) > 1) d",
		"SELECT COUNT(*) FROM work_history w JOIN clients c ON c.id = w.client_id WHERE c.family_role = 'child'",
		"SELECT COUNT(*) FROM consents x JOIN clients c ON c.id = x.client_id WHERE c.family_role = 'child' AND "
		"x.purpose = 'matching'",
	};
	for (size_t i = 0; i < sizeof scope / sizeof *scope; i++)
		if (count(s, scope[i]) != 0)
			fail_msg("not zero: %s", scope[i]);

	/* Accounts: policy-compliant passwords, real Argon2id hashes that verify. */
	assert_true(sum->naccounts >= 15);
	for (size_t i = 0; i < sum->naccounts; i++) {
		const struct demo_account *a = &sum->accounts[i];
		assert_int_equal(auth_password_check(a->password, a->email, &e), 0);
		assert_int_equal(store_prepare(s, "SELECT password_hash FROM users WHERE email = ?1", &st, &e), 0);
		store_bind_text(st, 1, a->email, -1);
		assert_int_equal(store_step(st, &e), STORE_ROW);
		assert_true(auth_password_verify(store_col_text(st, 0), a->password));
		store_reset(st);
	}

	assert_int_equal(store_integrity_check(s, &e), 0);

	/* A second run refuses, and writes nothing. */
	int64_t before = count(s, "SELECT COUNT(*) FROM organisations");
	struct demo_options o = {.seed = 7, .today = TODAY, .force = true};
	assert_int_equal(demo_generate(s, &o, sum, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.message, "--db"));
	assert_int_equal(count(s, "SELECT COUNT(*) FROM organisations"), before);
	assert_int_equal(sum->naccounts, 0);
	free(sum);
	store_close(s);
}

static void test_business_id_check(void **state)
{
	(void)state;
	/* Known-valid IDs and the remainder-1 numbers that have no check digit. */
	assert_int_equal(demo_business_id_check("0112038"), 9);
	assert_int_equal(demo_business_id_check("1572860"), 0);
	char d[8];
	int invalid = 0;
	for (int i = 0; i < 2000; i++) {
		snprintf(d, sizeof d, "%07d", i * 4999 % 10000000);
		int c = demo_business_id_check(d);
		if (c < 0) {
			invalid++;
			continue;
		}
		char id[12];
		snprintf(id, sizeof id, "%.7s-%c", d, (char)('0' + c));
		assert_true(validate_business_id(id));
	}
	assert_true(invalid > 0);
}

int main(void)
{
	if (auth_init())
		return 1;
	snprintf(g_dir, sizeof g_dir, "/tmp/osaaja-demo-test-XXXXXX");
	if (!mkdtemp(g_dir))
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_business_id_check),
		cmocka_unit_test(test_refuses_without_taxonomy),
		cmocka_unit_test(test_same_seed_same_data),
		cmocka_unit_test(test_data_is_valid),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char cmd[300];
	for (int i = 1; i <= g_seq; i++) {
		snprintf(cmd, sizeof cmd, "%s/demo%d.db", g_dir, i);
		unlink(cmd);
		for (const char *suffix = "-wal"; suffix; suffix = strcmp(suffix, "-wal") == 0 ? "-shm" : NULL) {
			char p[320];
			snprintf(p, sizeof p, "%s%s", cmd, suffix);
			unlink(p);
		}
	}
	rmdir(g_dir);
	return rc;
}
