/* Every indicator on a hand-built fixture where each number is derived by hand (see the comments), through the same
 * report_indicators() the API, CLI, dashboard and exports use. Period: 2026 Q1 (2026-01-01 .. 2026-03-31).
 *
 * Fixture, organisation 1 (programmes P1 = 1, P2 = 2), and organisation 2 (programme 3):
 *   C1 P1 immigrant, Espoo, active, intake 2026-01-10, CV ready, ISCED 7 ICT (recognised 2026-02-01), previously
 *      ISCO 2512; two jobs: 2512 from 2026-03-01 (derived yes) and 9112 from 2026-03-15 (derived no: below level);
 *      events 01-10 and 02-01; Finnish A2 (2025-12-01) -> B1 (2026-03-01); proposal sent 01-20, interview 03-10, offered and hired
 *      03-31.
 *   C2 P1 highly_educated_immigrant+spouse, Espoo, employed, intake 2025-11-01, ISCED 7 ICT (in progress); job 9112
 *      from 2026-02-10 (derived no) with the counsellor's override yes; event 01-05; proposal interview 02-01;
 *      Finnish A1 (2026-02-01) only.
 *   C3 P2 immigrant, Vantaa, closed, intake 2025-06-01; education outcome and event on 2026-03-31 (the boundary).
 *   C4 P2 partial_work_ability, active, intake 2026-04-01 and an event 2026-04-01: after the period, not served.
 *   C5 P1 immigrant, paused, intake 2025-01-01, CV ready, event 2025-12-31 (just before): served as still open;
 *      Finnish B2 (2025-06-01) then B1 (2026-01-15): lower, no gain.
 *   C7 the same person as C1 in programme P2 (a second clients row: figures count enrolments, docs/outcomes.md),
 *      immigrant, active, intake 2026-02-01; job 2512 from 2026-03-01 (no profile in this enrolment: derived no);
 *      proposal interview, offer and hire 2026-04-01 (after the period).
 *   C6 organisation 2, active, intake 2026-02-01, previously 2512, job 2512 from 2026-02-15 (same minor group: yes).
 *   Employers: E1 (org 1) services 2026-01-15 and 2026-03-31; E2 (org 1) 2025-12-31; E3 (org 2) 2026-02-01.
 *   Surveys: single-use invitations for C1 (2026-02-01, answered) and C5 (2026-02-02, not answered); a multi-use
 *      link (not counted). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"
#include "store/store.h"

static char g_path[256];

static const char *const fixture[] = {
	"INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, 'Org A', 'municipality', "
	"'2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), (2, 'Org B', 'municipality', '2025-01-01T00:00:00Z', "
	"'2025-01-01T00:00:00Z')",
	"INSERT INTO programmes (id, organisation_id, name, created_at, updated_at) VALUES "
	"(1, 1, 'P1', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), (2, 1, 'P2', '2025-01-01T00:00:00Z', "
	"'2025-01-01T00:00:00Z'), (3, 2, 'P3', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
	"INSERT INTO clients (id, organisation_id, programme_id, first_name, last_name, target_groups, municipality, "
	"status, intake_on, cv_ready, created_at, updated_at) VALUES "
	"(1, 1, 1, 'A', 'A', 'immigrant', 'Espoo', 'active', '2026-01-10', 1, 'x', 'x'),"
	"(2, 1, 1, 'B', 'B', 'highly_educated_immigrant,spouse', 'Espoo', 'employed', '2025-11-01', 0, 'x', 'x'),"
	"(3, 1, 2, 'C', 'C', 'immigrant', 'Vantaa', 'closed', '2025-06-01', 0, 'x', 'x'),"
	"(4, 1, 2, 'D', 'D', 'partial_work_ability', 'Vantaa', 'active', '2026-04-01', 0, 'x', 'x'),"
	"(5, 1, 1, 'E', 'E', 'immigrant', 'Espoo', 'paused', '2025-01-01', 1, 'x', 'x'),"
	"(6, 2, 3, 'F', 'F', 'immigrant', 'Kajaani', 'active', '2026-02-01', 0, 'x', 'x'),"
	"(7, 1, 2, 'A', 'A', 'immigrant', 'Espoo', 'active', '2026-02-01', 0, 'x', 'x')",
	"INSERT INTO educations (organisation_id, client_id, isced_level, isced_field, recognition, "
	"recognition_applied_on, recognition_decided_on, created_at, updated_at) VALUES "
	"(1, 1, 7, '0613', 'recognised', '2025-11-01', '2026-02-01', '2025-01-01T00:00:00Z', '2026-02-01T09:00:00Z'),"
	"(1, 2, 7, '0613', 'in_progress', '2026-02-01', NULL, '2025-01-01T00:00:00Z', '2026-02-01T09:00:00Z')",
	"INSERT INTO work_history (organisation_id, client_id, isco_code, title, created_at, updated_at) VALUES "
	"(1, 1, '2512', 'developer', 'x', 'x'), (2, 6, '2512', 'developer', 'x', 'x')",
	"INSERT INTO outcomes (id, organisation_id, client_id, type, isco_code, starts_on, override_matches, "
	"override_reason, created_at, updated_at) VALUES "
	"(1, 1, 1, 'employed', '2512', '2026-03-01', NULL, NULL, 'x', 'x'),"
	"(2, 1, 1, 'employed', '9112', '2026-03-15', NULL, NULL, 'x', 'x'),"
	"(3, 1, 2, 'employed', '9112', '2026-02-10', 1, 'uses her ICT skills in facility systems', 'x', 'x'),"
	"(4, 1, 3, 'education', NULL, '2026-03-31', NULL, NULL, 'x', 'x'),"
	"(5, 2, 6, 'employed', '2512', '2026-02-15', NULL, NULL, 'x', 'x'),"
	"(6, 1, 7, 'employed', '2512', '2026-03-01', NULL, NULL, 'x', 'x')",
	"INSERT INTO service_events (organisation_id, client_id, type, happened_on, created_at, updated_at) VALUES "
	"(1, 1, 'intake', '2026-01-10', 'x', 'x'), (1, 1, 'meeting', '2026-02-01', 'x', 'x'),"
	"(1, 2, 'meeting', '2026-01-05', 'x', 'x'), (1, 3, 'meeting', '2026-03-31', 'x', 'x'),"
	"(1, 4, 'intake', '2026-04-01', 'x', 'x'), (1, 5, 'meeting', '2025-12-31', 'x', 'x'),"
	"(2, 6, 'meeting', '2026-02-01', 'x', 'x')",
	"INSERT INTO client_languages (organisation_id, client_id, language, level, assessed_on, created_at, updated_at) "
	"VALUES (1, 1, 'fi', 'A2', '2025-12-01', 'x', 'x'), (1, 1, 'fi', 'B1', '2026-03-01', 'x', 'x'),"
	"(1, 2, 'fi', 'A1', '2026-02-01', 'x', 'x'), (1, 5, 'fi', 'B2', '2025-06-01', 'x', 'x'),"
	"(1, 5, 'fi', 'B1', '2026-01-15', 'x', 'x'), (1, 1, 'en', 'C1', '2026-01-20', 'x', 'x')",
	"INSERT INTO employers (id, organisation_id, name, created_at, updated_at) VALUES (1, 1, 'E1', 'x', 'x'), "
	"(2, 1, 'E2', 'x', 'x'), (3, 2, 'E3', 'x', 'x')",
	"INSERT INTO employer_services (organisation_id, employer_id, type, given_on, created_at, updated_at) VALUES "
	"(1, 1, 'recruitment_service', '2026-01-15', 'x', 'x'), (1, 1, 'other', '2026-03-31', 'x', 'x'),"
	"(1, 2, 'other', '2025-12-31', 'x', 'x'), (2, 3, 'other', '2026-02-01', 'x', 'x')",
	"INSERT INTO vacancies (id, organisation_id, employer_id, title, contract_type, created_at, updated_at) VALUES "
	"(1, 1, 1, 'Dev', 'permanent', 'x', 'x'), (2, 1, 1, 'Dev 2', 'permanent', 'x', 'x')",
	"INSERT INTO proposals (organisation_id, client_id, vacancy_id, stage, sent_on, interview_on, offered_on, hired_on, "
	"created_at, updated_at) VALUES "
	"(1, 1, 1, 'hired', '2026-01-20', '2026-03-10', '2026-03-31', '2026-03-31', '2026-01-20T10:00:00Z', "
	"'2026-03-31T23:59:59Z'),"
	"(1, 2, 1, 'interview', '2026-01-20', '2026-02-01', NULL, NULL, '2026-01-20T10:00:00Z', '2026-02-01T10:00:00Z'),"
	"(1, 7, 2, 'hired', '2026-01-20', '2026-04-01', '2026-04-01', '2026-04-01', '2026-01-20T10:00:00Z', "
	"'2026-04-01T00:00:00Z')",
	"INSERT INTO surveys (id, organisation_id, slug, version, definition, created_at, updated_at) VALUES "
	"(1, 1, 'intake', 1, '{}', 'x', 'x')",
	"INSERT INTO survey_invitations (id, organisation_id, survey_id, token_hash, single_use, client_id, expires_at, "
	"created_at, updated_at) VALUES (1, 1, 1, 'h1', 1, 1, '2027-01-01T00:00:00Z', '2026-02-01T08:00:00Z', 'x'),"
	"(2, 1, 1, 'h2', 1, 5, '2027-01-01T00:00:00Z', '2026-02-02T08:00:00Z', 'x'),"
	"(3, 1, 1, 'h3', 0, NULL, '2027-01-01T00:00:00Z', '2026-02-03T08:00:00Z', 'x')",
	"INSERT INTO survey_responses (organisation_id, invitation_id, submission_key, lang, answers, status, client_id, "
	"submitted_at, created_at, updated_at) VALUES (1, 1, 'k1', 'fi', '{}', 'submitted', 1, "
	"'2026-02-01T09:00:00Z', 'x', 'x'), (1, 3, 'k3', 'fi', '{}', 'submitted', NULL, '2026-02-05T09:00:00Z', 'x', "
	"'x')",
};

static int setup(void **state)
{
	snprintf(g_path, sizeof g_path, "/tmp/osaaja-report-test-%d.db", (int)getpid());
	unlink(g_path);
	struct store *s;
	struct err e = {0};
	if (store_open(g_path, &s, &e) || store_migrate(s, &e))
		fail_msg("store: %s", e.message);
	for (size_t i = 0; i < sizeof fixture / sizeof *fixture; i++)
		if (store_exec(s, fixture[i], &e))
			fail_msg("fixture %zu: %s", i, e.message);
	int64_t n;
	/* derive matches_competence through the store reader and the domain rule */
	if (store_begin(s, &e) || report_outcome_recompute_all(s, 0, &n, &e) || store_commit(s, &e))
		fail_msg("recompute: %s", e.message);
	assert_int_equal(n, 6);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	unlink(g_path);
	return 0;
}

static struct report_filter q1(int64_t org)
{
	struct report_filter f = {0};
	report_filter_init(&f, org);
	snprintf(f.from, sizeof f.from, "2026-01-01");
	snprintf(f.to, sizeof f.to, "2026-03-31");
	return f;
}

static struct report_indicators run(struct store *s, const struct report_filter *f)
{
	struct report_indicators r = {0};
	struct err e = {0};
	if (report_indicators(s, f, &r, &e))
		fail_msg("report_indicators: %s", e.message);
	return r;
}

#define V(r, i) ((r).v[(i)])
#define EQ(r, i, want) assert_true(!(r).null[(i)] && fabs(V(r, i) - (want)) < 1e-9)

static void test_derived_matches(void **state)
{
	struct store *s = *state;
	/* outcome -> derived: 1 tertiary + same sub-major (1); 2 tertiary, job 9112 below level (0); 3 same (0, override
	 * 1 kept apart); 4 education (NULL); 5 same minor group as previous (1); 6 no profile in this enrolment (0) */
	static const char *const want[] = {"1", "0", "0", NULL, "1", "0"};
	struct store_stmt *st;
	struct err e = {0};
	assert_int_equal(store_prepare(s, "SELECT id, matches_competence FROM outcomes ORDER BY id", &st, &e), 0);
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(store_step(st, &e), STORE_ROW);
		const char *got = store_col_text(st, 1);
		if (want[i])
			assert_string_equal(got ? got : "NULL", want[i]);
		else
			assert_null(got);
	}
	store_reset(st);
}

static void test_org1_q1(void **state)
{
	struct report_filter f = q1(1);
	struct report_indicators r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 5);      /* C1 intake, C2 event, C3 boundary event, C5 still open, C7 intake; not C4 */
	EQ(r, RI_NEW_CLIENTS, 2);         /* C1 01-10, C7 02-01 (C4 04-01 is after) */
	EQ(r, RI_EMPLOYED, 3);            /* C1 (two jobs, once), C2, C7 */
	EQ(r, RI_EMPLOYMENT_OUTCOMES, 4); /* C1 x2, C2, C7 */
	EQ(r, RI_OWN_FIELD, 2);           /* C1 (first job), C2 (override) */
	EQ(r, RI_OWN_FIELD_PCT, 66.7);    /* 2 / 3 */
	EQ(r, RI_OWN_FIELD_DERIVED, 1);   /* C1 only */
	EQ(r, RI_OWN_FIELD_DERIVED_PCT, 33.3);
	EQ(r, RI_OVERRIDES, 1);
	EQ(r, RI_EDUCATION_PLACEMENTS, 1); /* C3 on 03-31, the last day */
	EQ(r, RI_OUTCOMES_EMPLOYED, 4);
	EQ(r, RI_OUTCOMES_EDUCATION, 1);
	EQ(r, RI_OUTCOMES_OTHER, 0);
	EQ(r, RI_MEDIAN_DAYS_TO_EMPLOYMENT, 50); /* C7 28, C1 50 (01-10 -> 03-01), C2 101 (2025-11-01 -> 02-10) */
	EQ(r, RI_SERVICE_EVENTS, 4);            /* C1 x2, C2, C3 (03-31); not 2025-12-31 nor 04-01 */
	EQ(r, RI_EVENTS_PER_CLIENT, 0.8);       /* 4 / 5 */
	EQ(r, RI_EMPLOYERS_SERVED, 1);          /* E1 (E2 before the period, E3 another organisation) */
	EQ(r, RI_EMPLOYER_SERVICES, 2);         /* 01-15 and 03-31 */
	EQ(r, RI_VACANCIES_FILLED, 1);          /* V1 by C1 on 03-31; C7's on 04-01 is after */
	EQ(r, RI_HIRES, 1);
	EQ(r, RI_SURVEY_INVITATIONS, 2);        /* single use: C1, C5 (the multi-use link is not counted) */
	EQ(r, RI_SURVEY_RESPONDED, 1);
	EQ(r, RI_SURVEY_RESPONSE_RATE, 50);
	EQ(r, RI_LANGUAGE_GAINED, 1);           /* C1 A2 -> B1; C5 went down; C2 has no earlier level */
	EQ(r, RI_DEGREE_RECOGNISED, 1);         /* C1 */
	EQ(r, RI_CV_READY, 2);                  /* C1, C5 among the served */
	EQ(r, RI_FIRST_INTERVIEW, 2);           /* C1 (interview 03-10), C2 (interview 02-01); C7's is after */
}

static void test_programme_filter(void **state)
{
	struct report_filter f = q1(1);
	f.programme_id = 1;
	struct report_indicators r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 3); /* C1, C2, C5 */
	EQ(r, RI_NEW_CLIENTS, 1);
	EQ(r, RI_EMPLOYED, 2);
	EQ(r, RI_OWN_FIELD_PCT, 100);
	EQ(r, RI_OWN_FIELD_DERIVED_PCT, 50);
	EQ(r, RI_SERVICE_EVENTS, 3);
	EQ(r, RI_EVENTS_PER_CLIENT, 1);
	EQ(r, RI_MEDIAN_DAYS_TO_EMPLOYMENT, 75.5); /* (50 + 101) / 2 */
	EQ(r, RI_SURVEY_INVITATIONS, 2);           /* both invited clients are in P1 */
	EQ(r, RI_EMPLOYERS_SERVED, 1);             /* employer figures are not split by programme */
}

static void test_target_group_filter(void **state)
{
	struct report_filter f = q1(1);
	snprintf(f.target_group, sizeof f.target_group, "spouse");
	struct report_indicators r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 1); /* C2 */
	EQ(r, RI_EMPLOYED, 1);
	EQ(r, RI_OWN_FIELD, 1);
	EQ(r, RI_OWN_FIELD_DERIVED, 0);
	/* 'immigrant' must not match 'highly_educated_immigrant' */
	snprintf(f.target_group, sizeof f.target_group, "immigrant");
	r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 4); /* C1, C3, C5, C7 */
	snprintf(f.target_group, sizeof f.target_group, "long_term_unemployed");
	r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 0);
	f.target_group[0] = 0;
	snprintf(f.municipality, sizeof f.municipality, "Vantaa");
	r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 1); /* C3 (C4 is not served) */
	EQ(r, RI_EDUCATION_PLACEMENTS, 1);
}

static void test_other_org_and_all(void **state)
{
	struct report_filter f = q1(2);
	struct report_indicators r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 1);
	EQ(r, RI_EMPLOYED, 1);
	EQ(r, RI_OWN_FIELD_DERIVED, 1);
	EQ(r, RI_EMPLOYERS_SERVED, 1);
	f = q1(0); /* every organisation */
	r = run(*state, &f);
	EQ(r, RI_CLIENTS_SERVED, 6);
	EQ(r, RI_EMPLOYED, 4);
	EQ(r, RI_OWN_FIELD, 3);
	EQ(r, RI_OWN_FIELD_PCT, 75);
	EQ(r, RI_EMPLOYERS_SERVED, 2);
}

static void test_boundaries_and_empty(void **state)
{
	/* one day: 2026-03-31 holds C3's event and outcome, E1's second service and C1's hire */
	struct report_filter f = q1(1);
	snprintf(f.from, sizeof f.from, "2026-03-31");
	struct report_indicators r = run(*state, &f);
	EQ(r, RI_SERVICE_EVENTS, 1);
	EQ(r, RI_EDUCATION_PLACEMENTS, 1);
	EQ(r, RI_EMPLOYER_SERVICES, 1);
	EQ(r, RI_HIRES, 1);
	EQ(r, RI_EMPLOYED, 0);
	assert_true(r.null[RI_OWN_FIELD_PCT]); /* no employed: no rate */
	/* the day after: C4's intake and event, C7's hire */
	snprintf(f.from, sizeof f.from, "2026-04-01");
	snprintf(f.to, sizeof f.to, "2026-04-01");
	r = run(*state, &f);
	EQ(r, RI_NEW_CLIENTS, 1);
	EQ(r, RI_HIRES, 1);
	EQ(r, RI_SERVICE_EVENTS, 1);
	/* an empty period */
	snprintf(f.from, sizeof f.from, "2030-01-01");
	snprintf(f.to, sizeof f.to, "2030-12-31");
	r = run(*state, &f);
	EQ(r, RI_NEW_CLIENTS, 0);
	EQ(r, RI_EMPLOYED, 0);
	EQ(r, RI_SERVICE_EVENTS, 0);
	EQ(r, RI_CLIENTS_SERVED, 4); /* still open with an earlier intake: C1, C4, C5, C7 */
	assert_true(r.null[RI_MEDIAN_DAYS_TO_EMPLOYMENT]);
	assert_true(r.null[RI_SURVEY_RESPONSE_RATE]);
	char t[32];
	report_indicator_text(&r, RI_OWN_FIELD_PCT, t);
	assert_string_equal(t, "");
	report_indicator_text(&r, RI_EVENTS_PER_CLIENT, t);
	assert_string_equal(t, "0.00");
}

static void test_crosstab(void **state)
{
	struct report_filter f = q1(1);
	struct report_crosstab *x;
	struct err e = {0};
	assert_int_equal(report_crosstab(*state, &f, RD_PROGRAMME, RD_TARGET_GROUP, RM_OUTCOMES, &x, &e), 0);
	/* rows "P1 #1", "P2 #2"; cols highly_educated_immigrant, immigrant, spouse (sorted) */
	assert_int_equal(x->nrows, 2);
	assert_int_equal(x->ncols, 3);
	assert_string_equal(x->row_labels[0], "P1 #1");
	assert_string_equal(x->col_labels[1], "immigrant");
	assert_int_equal(report_crosstab_cell(x, 0, 0), 1); /* C2 */
	assert_int_equal(report_crosstab_cell(x, 0, 1), 2); /* C1's two jobs */
	assert_int_equal(report_crosstab_cell(x, 0, 2), 1); /* C2 again */
	assert_int_equal(report_crosstab_cell(x, 1, 1), 2); /* C3 education, C7 job */
	assert_int_equal(x->row_total[0], 3);               /* C2's outcome once */
	assert_int_equal(x->col_total[1], 4);
	assert_int_equal(x->total, 5);
	report_crosstab_free(x);
	assert_int_equal(report_crosstab(*state, &f, RD_MONTH, RD_OUTCOME_TYPE, RM_OUTCOMES, &x, &e), 0);
	assert_int_equal(x->nrows, 3); /* January has no outcomes but is shown */
	assert_string_equal(x->row_labels[0], "2026-01");
	assert_int_equal(x->row_total[0], 0);
	assert_int_equal(x->row_total[1], 1);
	assert_int_equal(x->row_total[2], 4);
	report_crosstab_free(x);
	assert_int_equal(report_crosstab(*state, &f, RD_MONTH, RD_OWN_FIELD, RM_NEW_CLIENTS, &x, &e), ERR_INVALID);
	assert_string_equal(e.field, "cols");
}

static void test_override_needs_reason(void **state)
{
	struct store *s = *state;
	struct err e = {0};
	assert_int_equal(store_begin(s, &e), 0);
	assert_int_equal(store_exec(s, "UPDATE outcomes SET override_reason = ' ' WHERE id = 3", &e), 0);
	assert_int_equal(report_outcome_written(s, 3, &e), ERR_INVALID);
	assert_string_equal(e.field, "override_reason");
	store_rollback(s);
}

static void test_filter_parse(void **state)
{
	(void)state;
	struct report_filter f = {0};
	struct err e = {0};
	report_filter_init(&f, 1);
	assert_int_equal(report_filter_set(&f, "from", "2026-02-30", false, &e), ERR_INVALID);
	assert_int_equal(report_filter_set(&f, "target_group", "nobody", false, &e), ERR_INVALID);
	assert_int_equal(report_filter_set(&f, "organisation_id", "2", false, &e), ERR_INVALID); /* API: own org */
	assert_int_equal(report_filter_set(&f, "programme_id", "-1", false, &e), ERR_INVALID);
	assert_int_equal(report_filter_set(&f, "from", "2026-05-01", false, &e), 0);
	assert_int_equal(report_filter_set(&f, "to", "2026-04-01", false, &e), 0);
	assert_int_equal(report_filter_check(&f, &e), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derived_matches),   cmocka_unit_test(test_org1_q1),
		cmocka_unit_test(test_programme_filter),  cmocka_unit_test(test_target_group_filter),
		cmocka_unit_test(test_other_org_and_all), cmocka_unit_test(test_boundaries_and_empty),
		cmocka_unit_test(test_crosstab),          cmocka_unit_test(test_override_needs_reason),
		cmocka_unit_test(test_filter_parse),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
