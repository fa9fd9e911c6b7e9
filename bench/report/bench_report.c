/* bench_report: national-scale indicator benchmark. Generates (fixed seed) 300 000 clients with a year of service
 * events, outcomes, languages, educations, proposals, employer services and survey invitations into a SQLite file or
 * a PostgreSQL database, then times every indicator query for the whole year 2026 (best of --runs), the whole
 * report_indicators() and two cross-tabulations, and prints the figures. Target: every indicator under 200 ms.
 *   bench_report [--db FILE|postgres://...] [--clients N] [--runs N] [--seed S] [--org ID] [--check]
 * The data are generated only when the database has no clients yet (delete the file or drop the database to
 * regenerate). --check also recomputes every indicator with a slow reference query (below: one plain query per
 * figure, written from docs/outcomes.md without the fast queries' shortcuts) for three filters and prints
 * `N passed, N failed` (passed = computed and equal to the reference). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report/internal.h"
#include "store/store.h"

static uint64_t rng = 42;
static uint32_t rnd(uint32_t n) /* xorshift64*, uniform enough for a data set */
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 2685821657736338717ULL) >> 33) % (n ? n : 1);
}

static double now_ms(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* days since 2024-01-01 -> YYYY-MM-DD (19723 = days from 1970-01-01 to 2024-01-01) */
static void day(int from_days_2024, char out[11])
{
	report_date_of(19723L + from_days_2024, out);
}

#define CHECK(x)                                                                     \
	do {                                                                             \
		if (x) {                                                                     \
			fprintf(stderr, "bench_report: %s (line %d)\n", e.message, __LINE__); \
			return 1;                                                                \
		}                                                                            \
	} while (0)

static struct store_stmt *prep(struct store *s, const char *sql)
{
	struct store_stmt *st;
	struct err e = {0};
	if (store_prepare(s, sql, &st, &e)) {
		fprintf(stderr, "bench_report: %s\n", e.message);
		return NULL;
	}
	return st;
}

static int step_done(struct store_stmt *st)
{
	struct err e = {0};
	int rc = store_step(st, &e);
	if (rc < 0)
		fprintf(stderr, "bench_report: %s\n", e.message);
	store_reset(st);
	return rc < 0;
}

static const char *const tgs[] = {"immigrant", "highly_educated_immigrant", "partial_work_ability",
                                  "seasonal_worker", "spouse", "youth", "long_term_unemployed"};
static const char *const statuses[] = {"intake", "active", "active", "active", "paused", "employed", "education",
                                       "closed"};
static const char *const otypes[] = {"employed", "employed", "employed", "employed", "education", "work_trial",
                                     "apprenticeship", "entrepreneurship", "moved", "other"};
static const char *const levels[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
static const char *const stages[] = {"suggested", "discussed", "sent", "interview", "hired", "not_chosen"};
static const char *const recog[] = {"not_needed", "not_started", "in_progress", "recognised"};

static int generate(struct store *s, long nclients)
{
	struct err e = {0};
	const char *ts = "2024-01-01T00:00:00Z";
	if (store_kind(s) == STORE_SQLITE)
		CHECK(store_exec(s, "PRAGMA synchronous = OFF", &e));
	CHECK(store_begin(s, &e));
	enum { NORG = 30, NPROG = 3, NMUN = 60 };
	struct store_stmt *st = prep(s, "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES "
	                                "(?1, 'employment_area', ?2, ?2)");
	for (int o = 0; o < NORG && st; o++) {
		char n[32];
		snprintf(n, sizeof n, "Area %d", o + 1);
		store_bind_text(st, 1, n, -1);
		store_bind_text(st, 2, ts, -1);
		if (step_done(st))
			return 1;
		st = prep(s, "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES (?1, 'employment_area', "
		             "?2, ?2)");
	}
	st = prep(s, "INSERT INTO programmes (organisation_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)");
	for (int p = 0; p < NORG * NPROG && st; p++) {
		char n[32];
		snprintf(n, sizeof n, "Programme %d", p + 1);
		store_bind_int(st, 1, p / NPROG + 1);
		store_bind_text(st, 2, n, -1);
		store_bind_text(st, 3, ts, -1);
		if (step_done(st))
			return 1;
		st = prep(s, "INSERT INTO programmes (organisation_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)");
	}
	struct store_stmt *cl = NULL, *ev = NULL, *oc = NULL, *ed = NULL, *la = NULL, *pr = NULL;
	static const char SQL_CL[] =
		"INSERT INTO clients (id, organisation_id, programme_id, first_name, last_name, target_groups, municipality, "
		"status, intake_on, cv_ready, created_at, updated_at, left_on, service_first_on, service_last_on) VALUES (?1, ?2, ?3, "
		"'x', 'y', ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?12)";
	static const char SQL_EV[] = "INSERT INTO service_events (organisation_id, client_id, type, happened_on, "
	                             "created_at, updated_at) VALUES (?1, ?2, 'meeting', ?3, ?4, ?4)";
	struct store_stmt *fu = NULL;
	static const char SQL_FU[] = "INSERT INTO outcome_followups (organisation_id, outcome_id, months, checked_on, "
	                             "still_employed, still_in_region, created_at, updated_at) SELECT ?1, MAX(id), ?2, ?3, "
	                             "?4, ?5, ?6, ?6 FROM outcomes WHERE client_id = ?7";
	static const char SQL_OC[] = "INSERT INTO outcomes (organisation_id, client_id, type, isco_code, starts_on, "
	                             "matches_competence, override_matches, override_reason, created_at, updated_at) "
	                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
	static const char SQL_ED[] = "INSERT INTO educations (organisation_id, client_id, isced_level, isced_field, "
	                             "recognition, created_at, updated_at, recognition_applied_on, recognition_decided_on) "
	                             "VALUES (?1, ?2, ?3, '0613', ?4, ?5, ?5, ?6, ?7)";
	static const char SQL_LA[] = "INSERT INTO client_languages (organisation_id, client_id, language, level, "
	                             "assessed_on, created_at, updated_at, level_gained) VALUES (?1, ?2, 'fi', ?3, ?4, ?5, "
	                             "?5, ?6)";
	static const char SQL_PR[] = "INSERT INTO proposals (organisation_id, client_id, vacancy_id, stage, created_at, "
	                             "updated_at, sent_on, interview_on, offered_on, hired_on) VALUES (?1, ?2, ?3, ?4, ?5, "
	                             "?5, ?6, ?7, ?8, ?9)";
	/* vacancies and employers first: proposals point to them */
	long nemp = nclients / 15, nvac = nclients / 3;
	st = prep(s, "INSERT INTO employers (id, organisation_id, name, municipality, created_at, updated_at) VALUES "
	             "(?1, ?2, 'Employer', ?3, ?4, ?4)");
	for (long i = 1; i <= nemp && st; i++) {
		char mun[16];
		snprintf(mun, sizeof mun, "Kunta%02u", rnd(NMUN));
		store_bind_int(st, 1, i);
		store_bind_int(st, 2, (int64_t)(i % NORG) + 1);
		store_bind_text(st, 3, mun, -1);
		store_bind_text(st, 4, ts, -1);
		if (step_done(st))
			return 1;
		st = prep(s, "INSERT INTO employers (id, organisation_id, name, municipality, created_at, updated_at) VALUES "
		             "(?1, ?2, 'Employer', ?3, ?4, ?4)");
	}
	for (long i = 0; i < nemp * 3; i++) {
		st = prep(s, "INSERT INTO employer_services (organisation_id, employer_id, type, given_on, created_at, "
		             "updated_at) VALUES (?1, ?2, 'recruitment_service', ?3, ?4, ?4)");
		long emp = (long)rnd((uint32_t)nemp) + 1;
		char d[11];
		day(365 + (int)rnd(731), d);
		store_bind_int(st, 1, emp % NORG + 1);
		store_bind_int(st, 2, emp);
		store_bind_text(st, 3, d, -1);
		store_bind_text(st, 4, ts, -1);
		if (step_done(st))
			return 1;
	}
	for (long i = 1; i <= nvac; i++) {
		st = prep(s, "INSERT INTO vacancies (id, organisation_id, employer_id, title, contract_type, created_at, "
		             "updated_at) VALUES (?1, ?2, ?3, 'Job', 'permanent', ?4, ?4)");
		long emp = (long)rnd((uint32_t)nemp) + 1;
		store_bind_int(st, 1, i);
		store_bind_int(st, 2, emp % NORG + 1);
		store_bind_int(st, 3, emp);
		store_bind_text(st, 4, ts, -1);
		if (step_done(st))
			return 1;
	}
	st = prep(s, "INSERT INTO surveys (id, organisation_id, slug, version, definition, created_at, updated_at) VALUES "
	             "(1, 1, 'intake', 1, '{}', ?1, ?1)");
	store_bind_text(st, 1, ts, -1);
	if (step_done(st))
		return 1;
	for (long c = 1; c <= nclients; c++) {
		int64_t org = (int64_t)rnd(NORG) + 1, prog = (org - 1) * NPROG + rnd(NPROG) + 1;
		char tg[80], mun[16], intake[11], d[11], stamp[21];
		int t1 = (int)rnd(7), t2 = (int)rnd(7);
		if (rnd(4) == 0 && t1 != t2)
			snprintf(tg, sizeof tg, "%s,%s", tgs[t1], tgs[t2]);
		else
			snprintf(tg, sizeof tg, "%s", tgs[t1]);
		snprintf(mun, sizeof mun, "Kunta%02u", rnd(NMUN));
		int intake_day = (int)rnd(1000); /* 2024-01-01 .. 2026-09 */
		day(intake_day, intake);
		if (!(cl = prep(s, SQL_CL)))
			return 1;
		store_bind_int(cl, 1, c);
		store_bind_int(cl, 2, org);
		store_bind_int(cl, 3, prog);
		store_bind_text(cl, 4, tg, -1);
		store_bind_text(cl, 5, mun, -1);
		const char *status = statuses[rnd(8)];
		store_bind_text(cl, 6, status, -1);
		store_bind_text(cl, 7, intake, -1);
		store_bind_int(cl, 8, rnd(10) < 4);
		store_bind_text(cl, 9, ts, -1);
		/* employed, in education or closed: the client has left, on a day derived from the id, so that the random
		 * stream (and with it every other figure) is the same as before left_on existed */
		char left[11];
		day(intake_day + 30 + (int)((uint64_t)c * 7919u % 400u), left);
		if (strcmp(status, "closed") == 0 || strcmp(status, "employed") == 0 || strcmp(status, "education") == 0)
			store_bind_text(cl, 10, left, -1);
		else
			store_bind_null(cl, 10);
		/* the service events' days are drawn before the client is written (the random stream is unchanged): the days
		 * of the first and last one go on its row as the service event hook keeps them (migration 0026) */
		int nev = (int)rnd(9); /* 0..8, about 4 a year */
		char evd[8][11], first[11] = "", last[11] = "";
		for (int k = 0; k < nev; k++) {
			day(731 + (int)rnd(365), evd[k]);
			if (!k || strcmp(evd[k], first) < 0)
				memcpy(first, evd[k], sizeof first);
			if (!k || strcmp(evd[k], last) > 0)
				memcpy(last, evd[k], sizeof last);
		}
		if (nev) {
			store_bind_text(cl, 11, first, -1);
			store_bind_text(cl, 12, last, -1);
		} else {
			store_bind_null(cl, 11);
			store_bind_null(cl, 12);
		}
		if (step_done(cl))
			return 1;
		for (int k = 0; k < nev; k++) {
			if (!(ev = prep(s, SQL_EV)))
				return 1;
			store_bind_int(ev, 1, org);
			store_bind_int(ev, 2, c);
			store_bind_text(ev, 3, evd[k], -1);
			store_bind_text(ev, 4, ts, -1);
			if (step_done(ev))
				return 1;
		}
		int noc = rnd(100) < 35 ? (rnd(100) < 15 ? 2 : 1) : 0;
		for (int k = 0; k < noc; k++) {
			if (!(oc = prep(s, SQL_OC)))
				return 1;
			int od = intake_day + 20 + (int)rnd(400);
			day(od, d);
			char isco[5];
			snprintf(isco, sizeof isco, "%u%u%u%u", 1 + rnd(9), rnd(10), rnd(10), 1 + rnd(9));
			const char *type = otypes[rnd(10)];
			store_bind_int(oc, 1, org);
			store_bind_int(oc, 2, c);
			store_bind_text(oc, 3, type, -1);
			store_bind_text(oc, 4, isco, -1);
			store_bind_text(oc, 5, d, -1);
			if (strcmp(type, "employed") == 0)
				store_bind_int(oc, 6, rnd(2));
			else
				store_bind_null(oc, 6);
			bool ov = rnd(100) < 3;
			if (ov) {
				store_bind_int(oc, 7, 1);
				store_bind_text(oc, 8, "reason", -1);
			} else {
				store_bind_null(oc, 7);
				store_bind_null(oc, 8);
			}
			store_bind_text(oc, 9, ts, -1);
			if (step_done(oc))
				return 1;
			/* a follow-up of most employments, with values derived from the ids (the random stream is unchanged) */
			if (strcmp(type, "employed") == 0 && (c + k) % 5 != 0) {
				static const int months[] = {3, 6, 12};
				int mo = months[(c + (long)k) % 3];
				char checked[11];
				day(od + mo * 30 + (int)(c % 20), checked);
				if (!(fu = prep(s, SQL_FU)))
					return 1;
				store_bind_int(fu, 1, org);
				store_bind_int(fu, 2, mo);
				store_bind_text(fu, 3, checked, -1);
				store_bind_int(fu, 4, c % 4 != 0);
				if (mo == 12 && c % 7 == 0)
					store_bind_null(fu, 5);
				else
					store_bind_int(fu, 5, c % 3 != 0);
				store_bind_text(fu, 6, ts, -1);
				store_bind_int(fu, 7, c);
				if (step_done(fu))
					return 1;
			}
		}
		if (!(ed = prep(s, SQL_ED)))
			return 1;
		snprintf(stamp, sizeof stamp, "%sT10:00:00Z", d);
		int ed_day = 365 + (int)rnd(730);
		day(ed_day, d);
		snprintf(stamp, sizeof stamp, "%sT10:00:00Z", d);
		store_bind_int(ed, 1, org);
		store_bind_int(ed, 2, c);
		store_bind_int(ed, 3, 3 + rnd(6));
		const char *rec = recog[rnd(4)];
		store_bind_text(ed, 4, rec, -1);
		store_bind_text(ed, 5, stamp, -1);
		/* the recognition's days from the row's day (no draw from the random stream) */
		char applied[11];
		day(ed_day - 60, applied);
		bool is_decided = strcmp(rec, "recognised") == 0;
		if (is_decided || strcmp(rec, "in_progress") == 0)
			store_bind_text(ed, 6, is_decided ? applied : d, -1);
		else
			store_bind_null(ed, 6);
		if (is_decided)
			store_bind_text(ed, 7, d, -1);
		else
			store_bind_null(ed, 7);
		if (step_done(ed))
			return 1;
		int nl = 1 + (int)rnd(2), lv = (int)rnd(4);
		char lad[2][11];
		for (int k = 0; k < nl; k++)
			day(k == 0 ? (int)rnd(731) : 731 + (int)rnd(365), lad[k]);
		for (int k = 0; k < nl; k++) {
			if (!(la = prep(s, SQL_LA)))
				return 1;
			/* the mark the language hook keeps (migration 0026): a lower level on an earlier day (row k has level
			 * lv + k) */
			int gained = 0;
			for (int j = 0; j < nl; j++)
				gained |= j < k && strcmp(lad[j], lad[k]) < 0;
			store_bind_int(la, 1, org);
			store_bind_int(la, 2, c);
			store_bind_text(la, 3, levels[lv + k], -1);
			store_bind_text(la, 4, lad[k], -1);
			store_bind_text(la, 5, ts, -1);
			store_bind_int(la, 6, gained);
			if (step_done(la))
				return 1;
		}
		if (rnd(3) == 0) {
			if (!(pr = prep(s, SQL_PR)))
				return 1;
			int pr_day = 365 + (int)rnd(730);
			day(pr_day, d);
			snprintf(stamp, sizeof stamp, "%sT12:00:00Z", d);
			store_bind_int(pr, 1, org);
			store_bind_int(pr, 2, c);
			store_bind_int(pr, 3, (int64_t)rnd((uint32_t)nvac) + 1);
			const char *stage = stages[rnd(6)];
			store_bind_text(pr, 4, stage, -1);
			store_bind_text(pr, 5, stamp, -1);
			/* the stages' days, back from the row's day: a hire was sent 30 days, interviewed 20 and offered 10
			 * days before it; a candidate not chosen had been sent (every other one) */
			int reached = !strcmp(stage, "hired") ? 4 : !strcmp(stage, "interview") ? 2 : !strcmp(stage, "sent") ? 1
			              : (!strcmp(stage, "not_chosen") && c % 2) ? 1 : 0;
			for (int k = 0; k < 4; k++) {
				char sd[11];
				day(pr_day - (reached - 1 - k) * 10, sd);
				if (k < reached)
					store_bind_text(pr, 6 + k, sd, -1);
				else
					store_bind_null(pr, 6 + k);
			}
			if (step_done(pr))
				return 1;
		}
		if (rnd(6) == 0) {
			if (!(st = prep(s, "INSERT INTO survey_invitations (id, organisation_id, survey_id, token_hash, single_use, "
			                   "client_id, expires_at, created_at, updated_at) VALUES (?1, ?2, 1, ?3, 1, ?1, "
			                   "'2030-01-01T00:00:00Z', ?4, ?4)")))
				return 1;
			char h[24];
			snprintf(h, sizeof h, "h%ld", c);
			day(731 + (int)rnd(365), d);
			snprintf(stamp, sizeof stamp, "%sT08:00:00Z", d);
			store_bind_int(st, 1, c);
			store_bind_int(st, 2, org);
			store_bind_text(st, 3, h, -1);
			store_bind_text(st, 4, stamp, -1);
			if (step_done(st))
				return 1;
			if (rnd(10) < 6) {
				if (!(st = prep(s, "INSERT INTO survey_responses (organisation_id, invitation_id, submission_key, "
				                   "lang, answers, status, client_id, submitted_at, created_at, updated_at) VALUES "
				                   "(?1, ?2, ?3, 'fi', '{}', 'submitted', ?2, ?4, ?4, ?4)")))
					return 1;
				store_bind_int(st, 1, org);
				store_bind_int(st, 2, c);
				store_bind_text(st, 3, h, -1);
				store_bind_text(st, 4, stamp, -1);
				if (step_done(st))
					return 1;
			}
		}
	}
	CHECK(store_commit(s, &e));
	/* PostgreSQL: VACUUM as autovacuum does soon after such a load: it sets the visibility map that index-only scans
	 * need (without it each index entry is checked against the table); a run straight after the load would otherwise
	 * overlap autovacuum */
	CHECK(store_exec(s, store_kind(s) == STORE_SQLITE ? "ANALYZE" : "VACUUM ANALYZE", &e));
	return 0;
}

/* ---- reference queries (--check) ---------------------------------------------------------------------------------
 * Parameters: ?1 from, ?2 to, ?3 the day after to, ?4 organisation (0 = all), ?5 programme (0 = any),
 * ?6 target group ("" = any), ?7 its LIKE pattern, ?8 an outcome type. Client filter CF as text. */
#define CF                                                                                                          \
	"(?4 = 0 OR c.organisation_id = ?4) AND (?5 = 0 OR c.programme_id = ?5) AND "                                   \
	"(?6 = '' OR (',' || c.target_groups || ',') LIKE ?7 ESCAPE '!')"
#define IN_PERIOD(col) col " >= ?1 AND " col " <= ?2"
#define HAS_OUTCOME(type, extra)                                                                                    \
	"c.id IN (SELECT o.client_id FROM outcomes o WHERE o.type = '" type "' AND " IN_PERIOD("o.starts_on") extra ")"
#define RANK(x)                                                                                                     \
	"CASE " x " WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4 WHEN 'C1' THEN 5 WHEN 'C2' THEN 6 " \
	"WHEN 'native' THEN 7 ELSE 0 END"
#define SERVED                                                                                                      \
	"(" IN_PERIOD("c.intake_on") " OR (c.intake_on <= ?2 AND c.status IN ('intake', 'active', 'paused')) OR "       \
	"c.id IN (SELECT e.client_id FROM service_events e WHERE " IN_PERIOD("e.happened_on") ") OR "                   \
	"c.id IN (SELECT o.client_id FROM outcomes o WHERE " IN_PERIOD("o.starts_on") "))"

static const struct {
	enum report_indicator i;
	const char *sql;
} refs[] = {
	{RI_CLIENTS_SERVED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " SERVED},
	{RI_CV_READY, "SELECT COUNT(*) FROM clients c WHERE " CF " AND c.cv_ready = 1 AND " SERVED},
	{RI_NEW_CLIENTS, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " IN_PERIOD("c.intake_on")},
	{RI_EMPLOYED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " HAS_OUTCOME("employed", "")},
	{RI_EMPLOYMENT_OUTCOMES, "SELECT COUNT(*) FROM outcomes o JOIN clients c ON c.id = o.client_id WHERE " CF
	                         " AND o.type = 'employed' AND " IN_PERIOD("o.starts_on")},
	{RI_OWN_FIELD, "SELECT COUNT(*) FROM clients c WHERE " CF " AND "
	               HAS_OUTCOME("employed", " AND COALESCE(o.override_matches, o.matches_competence) = 1")},
	{RI_OWN_FIELD_DERIVED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND "
	                       HAS_OUTCOME("employed", " AND o.matches_competence = 1")},
	{RI_OVERRIDES, "SELECT COUNT(*) FROM outcomes o JOIN clients c ON c.id = o.client_id WHERE " CF
	               " AND o.type = 'employed' AND o.override_matches IS NOT NULL AND " IN_PERIOD("o.starts_on")},
	{RI_EDUCATION_PLACEMENTS, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " HAS_OUTCOME("education", "")},
	{RI_OUTCOMES_EMPLOYED, "SELECT COUNT(*) FROM outcomes o JOIN clients c ON c.id = o.client_id WHERE " CF
	                       " AND o.type = ?8 AND " IN_PERIOD("o.starts_on")},
	{RI_SERVICE_EVENTS, "SELECT COUNT(*) FROM service_events e JOIN clients c ON c.id = e.client_id WHERE " CF
	                    " AND " IN_PERIOD("e.happened_on")},
	{RI_EMPLOYERS_SERVED, "SELECT COUNT(*) FROM employers m WHERE m.id IN (SELECT s.employer_id FROM "
	                      "employer_services s WHERE (?4 = 0 OR s.organisation_id = ?4) AND " IN_PERIOD("s.given_on")
	                      ")"},
	{RI_EMPLOYER_SERVICES, "SELECT COUNT(*) FROM employer_services s WHERE (?4 = 0 OR s.organisation_id = ?4) AND "
	                       IN_PERIOD("s.given_on")},
	{RI_VACANCIES_FILLED, "SELECT COUNT(*) FROM vacancies v WHERE v.id IN (SELECT p.vacancy_id FROM proposals p JOIN "
	                      "clients c ON c.id = p.client_id WHERE " CF " AND p.stage = 'hired' AND "
	                      IN_PERIOD("p.hired_on") ")"},
	{RI_HIRES, "SELECT COUNT(*) FROM proposals p JOIN clients c ON c.id = p.client_id WHERE " CF
	           " AND p.stage = 'hired' AND " IN_PERIOD("p.hired_on")},
	{RI_SURVEY_INVITATIONS, "SELECT COUNT(*) FROM survey_invitations i JOIN clients c ON c.id = i.client_id WHERE " CF
	                        " AND i.single_use = 1 AND i.created_at >= ?1 AND i.created_at < ?3"},
	{RI_SURVEY_RESPONDED, "SELECT COUNT(*) FROM survey_invitations i JOIN clients c ON c.id = i.client_id WHERE " CF
	                      " AND i.single_use = 1 AND i.created_at >= ?1 AND i.created_at < ?3 AND EXISTS (SELECT 1 "
	                      "FROM survey_responses r WHERE r.invitation_id = i.id AND r.submitted_at IS NOT NULL)"},
	{RI_LANGUAGE_GAINED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND EXISTS (SELECT 1 FROM client_languages l "
	                     "JOIN client_languages b ON b.client_id = l.client_id WHERE l.client_id = c.id AND "
	                     "l.language = 'fi' AND b.language = 'fi' AND " IN_PERIOD("l.assessed_on")
	                     " AND b.assessed_on < l.assessed_on AND " RANK("b.level") " < " RANK("l.level") ")"},
	{RI_DEGREE_RECOGNISED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND c.id IN (SELECT d.client_id FROM "
	                       "educations d WHERE d.recognition = 'recognised' AND " IN_PERIOD("d.recognition_decided_on")
	                       ")"},
	{RI_RECOGNITION_APPLIED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND c.id IN (SELECT d.client_id FROM "
	                         "educations d WHERE " IN_PERIOD("d.recognition_applied_on") ")"},
	{RI_FIRST_INTERVIEW, "SELECT COUNT(*) FROM clients c WHERE " CF " AND (SELECT MIN(p.interview_on) FROM proposals p "
	                     "WHERE p.client_id = c.id) >= ?1 AND (SELECT MIN(p.interview_on) FROM proposals p WHERE "
	                     "p.client_id = c.id) <= ?2"},
#define FUNNEL(cond)                                                                                                  \
	"SELECT COUNT(*) FROM clients c WHERE " CF " AND " SERVED " AND c.id IN (SELECT p.client_id FROM proposals p "   \
	"WHERE p.sent_on <= ?2 AND COALESCE(p.hired_on, p.offered_on, p.interview_on, p.sent_on) >= ?1" cond ")"
	{RI_FUNNEL_PROPOSED, FUNNEL("")},
	{RI_FUNNEL_INTERVIEWED, FUNNEL(" AND p.interview_on <= ?2")},
	{RI_FUNNEL_OFFERED, FUNNEL(" AND p.interview_on <= ?2 AND p.offered_on <= ?2")},
	{RI_FUNNEL_HIRED, FUNNEL(" AND p.interview_on <= ?2 AND p.offered_on <= ?2 AND p.hired_on <= ?2")},
	{RI_LEFT, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " IN_PERIOD("c.left_on")},
	{RI_LEFT_EMPLOYED, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " IN_PERIOD("c.left_on") " AND c.id IN "
	                   "(SELECT o.client_id FROM outcomes o WHERE o.type = 'employed' AND o.starts_on <= c.left_on AND "
	                   "(c.intake_on IS NULL OR o.starts_on >= c.intake_on))"},
	{RI_LEFT_OWN_FIELD, "SELECT COUNT(*) FROM clients c WHERE " CF " AND " IN_PERIOD("c.left_on") " AND c.id IN "
	                    "(SELECT o.client_id FROM outcomes o WHERE o.type = 'employed' AND o.starts_on <= c.left_on AND "
	                    "(c.intake_on IS NULL OR o.starts_on >= c.intake_on) AND "
	                    "COALESCE(o.override_matches, o.matches_competence) = 1)"},
	{RI_SURVEY_ANSWERS, "SELECT COUNT(*) FROM survey_responses r LEFT JOIN clients c ON c.id = r.client_id WHERE "
	                    "(?4 = 0 OR r.organisation_id = ?4) AND (c.id IS NULL OR " CF ") AND r.submitted_at >= ?1 "
	                    "AND r.submitted_at < ?3 AND (?5 = 0 OR c.programme_id = ?5) AND (?6 = '' OR c.id IS NOT NULL)"},
	{RI_SURVEY_ANSWERS_GROUP, "SELECT COUNT(*) FROM survey_responses r JOIN survey_invitations i ON i.id = "
	                          "r.invitation_id LEFT JOIN clients c ON c.id = r.client_id WHERE (?4 = 0 OR "
	                          "r.organisation_id = ?4) AND (c.id IS NULL OR " CF ") AND i.single_use = 0 AND "
	                          "r.submitted_at >= ?1 AND r.submitted_at < ?3 AND (?5 = 0 OR c.programme_id = ?5) AND "
	                          "(?6 = '' OR c.id IS NOT NULL)"},
#define FOLLOWUPS(where)                                                                                              \
	"SELECT COUNT(*) FROM outcome_followups f JOIN outcomes o ON o.id = f.outcome_id JOIN clients c ON "             \
	"c.id = o.client_id WHERE " CF " AND " IN_PERIOD("f.checked_on") " AND " where
	{RI_FOLLOWUP_3, FOLLOWUPS("f.months = 3")},
	{RI_STILL_EMPLOYED_3, FOLLOWUPS("f.months = 3 AND f.still_employed = 1")},
	{RI_FOLLOWUP_6, FOLLOWUPS("f.months = 6")},
	{RI_STILL_EMPLOYED_6, FOLLOWUPS("f.months = 6 AND f.still_employed = 1")},
	{RI_FOLLOWUP_12, FOLLOWUPS("f.months = 12")},
	{RI_STILL_EMPLOYED_12, FOLLOWUPS("f.months = 12 AND f.still_employed = 1")},
	{RI_STILL_IN_REGION_12, FOLLOWUPS("f.months = 12 AND f.still_in_region = 1")},
};
static const char REF_FIRST_JOB[] =
	"SELECT c.intake_on, (SELECT MIN(o.starts_on) FROM outcomes o WHERE o.client_id = c.id AND o.type = 'employed' "
	"AND o.starts_on >= c.intake_on) FROM clients c WHERE " CF " AND c.intake_on IS NOT NULL";

/* Prepares sql with its parameters renumbered in order of first use (PostgreSQL refuses a gap such as ?4 without
 * ?3) and binds each: ?1 from, ?2 to, ?3 next, ?4 organisation, ?5 programme, ?6 target group, ?7 its pattern,
 * ?8 type. */
static int ref_prepare(struct store *s, const char *sql, const struct report_filter *f, const char *next,
                       const char *type, struct store_stmt **st, struct err *e)
{
	/* the same LIKE pattern and escape as the fast queries: '_' in a group name is literal */
	char esc[96];
	size_t k = 0;
	esc[k++] = '%';
	esc[k++] = ',';
	for (const char *c = f->target_group; *c && k < sizeof esc - 4; c++) {
		if (*c == '_')
			esc[k++] = '!';
		esc[k++] = *c;
	}
	esc[k++] = ',';
	esc[k++] = '%';
	esc[k] = 0;
	const char *text[9] = {NULL, f->from, f->to, next, NULL, NULL, f->target_group, esc, type ? type : ""};
	int64_t num[9] = {0, 0, 0, 0, f->org_id, f->programme_id, 0, 0, 0};
	int map[9] = {0}, order[9], n = 0;
	struct buf q = {0};
	buf_init(&q, 1 << 16);
	for (const char *c = sql; *c; c++) {
		if (*c == '?' && c[1] >= '1' && c[1] <= '8') {
			int old = c[1] - '0';
			if (!map[old]) {
				map[old] = ++n;
				order[n] = old;
			}
			buf_printf(&q, "?%d", map[old]);
			c++;
		} else {
			buf_append(&q, c, 1);
		}
	}
	int rc = q.failed ? err_oom(e) : store_prepare(s, q.data, st, e);
	buf_free(&q);
	for (int i = 1; i <= n && !rc; i++)
		if (text[order[i]] ? store_bind_text(*st, i, text[order[i]], -1) : store_bind_int(*st, i, num[order[i]]))
			rc = err_set(e, ERR_INTERNAL, "", "binding a reference parameter failed");
	return rc;
}

static int ref_count(struct store *s, const char *sql, const struct report_filter *f, const char *next,
                     const char *type, double *out, struct err *e)
{
	struct store_stmt *st;
	int rc = ref_prepare(s, sql, f, next, type, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	*out = rc == STORE_ROW ? (double)store_col_int(st, 0) : 0;
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/* Every indicator from the reference queries, with the derived ratios computed as docs/outcomes.md says. */
static int reference(struct store *s, const struct report_filter *f, struct report_indicators *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	char next[11];
	long d;
	report_days(f->to, &d);
	report_date_of(d + 1, next);
	int rc = 0;
	for (size_t i = 0; !rc && i < sizeof refs / sizeof *refs; i++)
		rc = ref_count(s, refs[i].sql, f, next, refs[i].i == RI_OUTCOMES_EMPLOYED ? "employed" : NULL,
		               &r->v[refs[i].i], e);
	static const struct {
		const char *type;
		enum report_indicator i;
	} types[] = {{"education", RI_OUTCOMES_EDUCATION}, {"work_trial", RI_OUTCOMES_WORK_TRIAL},
	             {"apprenticeship", RI_OUTCOMES_APPRENTICESHIP}, {"entrepreneurship", RI_OUTCOMES_ENTREPRENEURSHIP},
	             {"moved", RI_OUTCOMES_MOVED}, {"other", RI_OUTCOMES_OTHER}};
	for (size_t i = 0; !rc && i < sizeof types / sizeof *types; i++)
		rc = ref_count(s, refs[9].sql, f, next, types[i].type, &r->v[types[i].i], e);
	if (rc)
		return rc;
	/* median days from intake to the first employment on or after it, over clients whose first one is in the period */
	struct store_stmt *st;
	if ((rc = ref_prepare(s, REF_FIRST_JOB, f, next, NULL, &st, e)))
		return rc;
	size_t n = 0, cap = 1024;
	long *days = malloc(cap * sizeof *days);
	while (days && (rc = store_step(st, e)) == STORE_ROW) {
		const char *in = store_col_text(st, 0), *first = store_col_text(st, 1);
		long a, b;
		if (!first || strcmp(first, f->from) < 0 || strcmp(first, f->to) > 0 || !report_days(in, &a) ||
		    !report_days(first, &b))
			continue;
		if (n == cap) {
			long *p = realloc(days, (cap *= 2) * sizeof *p);
			if (!p)
				break;
			days = p;
		}
		days[n++] = b - a;
	}
	store_reset(st);
	if (!days || rc < 0) {
		free(days);
		return rc < 0 ? -rc : err_oom(e);
	}
	r->null[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = n == 0;
	if (n) {
		qsort(days, n, sizeof *days, cmp_long);
		double m = n % 2 ? (double)days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
		r->v[RI_MEDIAN_DAYS_TO_EMPLOYMENT] = round(m * 10) / 10;
	}
	free(days);
	struct {
		enum report_indicator out, num, den;
		double scale, round;
	} rates[] = {{RI_OWN_FIELD_PCT, RI_OWN_FIELD, RI_EMPLOYED, 100, 10},
	             {RI_OWN_FIELD_DERIVED_PCT, RI_OWN_FIELD_DERIVED, RI_EMPLOYED, 100, 10},
	             {RI_EMPLOYED_PCT_SERVED, RI_EMPLOYED, RI_CLIENTS_SERVED, 100, 10},
	             {RI_OWN_FIELD_PCT_SERVED, RI_OWN_FIELD, RI_CLIENTS_SERVED, 100, 10},
	             {RI_EMPLOYED_PCT_LEFT, RI_LEFT_EMPLOYED, RI_LEFT, 100, 10},
	             {RI_OWN_FIELD_PCT_LEFT, RI_LEFT_OWN_FIELD, RI_LEFT, 100, 10},
	             {RI_STILL_EMPLOYED_3_PCT, RI_STILL_EMPLOYED_3, RI_FOLLOWUP_3, 100, 10},
	             {RI_STILL_EMPLOYED_6_PCT, RI_STILL_EMPLOYED_6, RI_FOLLOWUP_6, 100, 10},
	             {RI_STILL_EMPLOYED_12_PCT, RI_STILL_EMPLOYED_12, RI_FOLLOWUP_12, 100, 10},
	             {RI_STILL_IN_REGION_12_PCT, RI_STILL_IN_REGION_12, RI_FOLLOWUP_12, 100, 10},
	             {RI_SURVEY_RESPONSE_RATE, RI_SURVEY_RESPONDED, RI_SURVEY_INVITATIONS, 100, 10},
	             {RI_EVENTS_PER_CLIENT, RI_SERVICE_EVENTS, RI_CLIENTS_SERVED, 1, 100}};
	for (size_t i = 0; i < sizeof rates / sizeof *rates; i++) {
		double den = r->v[rates[i].den];
		r->null[rates[i].out] = den <= 0;
		r->v[rates[i].out] = den > 0 ? round(r->v[rates[i].num] / den * rates[i].scale * rates[i].round) /
		                                   rates[i].round
		                             : 0;
	}
	return 0;
}

/* Compares report_indicators() with the reference for one filter; counts into *pass and *fail. */
static void check_filter(struct store *s, const struct report_filter *f, const char *what, int *pass, int *fail)
{
	struct report_indicators fast, ref;
	struct err e = {0};
	double t0 = now_ms();
	if (report_indicators(s, f, &fast, &e)) {
		printf("FAIL %s: report_indicators: %s\n", what, e.message);
		(*fail) += RI_COUNT;
		return;
	}
	double t1 = now_ms();
	if (reference(s, f, &ref, &e)) {
		printf("FAIL %s: reference: %s\n", what, e.message);
		(*fail) += RI_COUNT;
		return;
	}
	int bad = 0;
	for (int i = 0; i < RI_COUNT; i++) {
		char a[32], b[32];
		report_indicator_text(&fast, (enum report_indicator)i, a);
		report_indicator_text(&ref, (enum report_indicator)i, b);
		if (strcmp(a, b) == 0) {
			(*pass)++;
		} else {
			(*fail)++;
			bad++;
			printf("FAIL %s: %s = %s, reference %s\n", what, report_indicator_key((enum report_indicator)i), a, b);
		}
	}
	printf("%-44s %2d of %d equal (fast %.0f ms, reference %.0f ms)\n", what, RI_COUNT - bad, RI_COUNT, t1 - t0,
	       now_ms() - t1);
}

static int check(struct store *s, long org)
{
	int pass = 0, fail = 0;
	struct report_filter f = {0};
	report_filter_init(&f, 0);
	snprintf(f.from, sizeof f.from, "2026-01-01");
	snprintf(f.to, sizeof f.to, "2026-12-31");
	check_filter(s, &f, "every organisation, 2026", &pass, &fail);
	f.org_id = org ? org : 3;
	check_filter(s, &f, "one organisation, 2026", &pass, &fail);
	f.programme_id = (f.org_id - 1) * 3 + 2;
	snprintf(f.target_group, sizeof f.target_group, "long_term_unemployed");
	snprintf(f.from, sizeof f.from, "2025-04-01");
	snprintf(f.to, sizeof f.to, "2026-03-31");
	check_filter(s, &f, "programme + target group, 2025-04..2026-03", &pass, &fail);
	printf("%d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}

int main(int argc, char **argv)
{
	const char *db = "/tmp/osaaja-bench-report.db";
	long nclients = 300000, runs = 3, org = 0;
	bool do_check = false;
	for (int i = 1; i < argc; i += 2) {
		if (strcmp(argv[i], "--check") == 0) {
			do_check = true;
			i--;
		} else if (i + 1 >= argc) {
			fprintf(stderr, "bench_report: %s needs a value\n", argv[i]);
			return 2;
		} else if (strcmp(argv[i], "--db") == 0)
			db = argv[i + 1];
		else if (strcmp(argv[i], "--clients") == 0)
			nclients = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--runs") == 0)
			runs = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			rng = strtoull(argv[i + 1], NULL, 10) | 1;
		else if (strcmp(argv[i], "--org") == 0)
			org = strtol(argv[i + 1], NULL, 10);
		else {
			fprintf(stderr, "usage: bench_report [--db FILE|postgres://...] [--clients N] [--runs N] [--seed S] "
			                "[--org ID] [--check]\n");
			return 2;
		}
	}
	if (nclients < 100 || nclients > 5000000 || runs < 1 || runs > 100) {
		fprintf(stderr, "bench_report: --clients 100..5000000, --runs 1..100\n");
		return 2;
	}
	struct store *s;
	struct err e = {0};
	CHECK(store_open(db, &s, &e));
	CHECK(store_migrate(s, &e));
	int64_t have = 0;
	struct store_stmt *cnt = prep(s, "SELECT COUNT(*) FROM clients");
	if (cnt && store_step(cnt, &e) == STORE_ROW)
		have = store_col_int(cnt, 0);
	if (cnt)
		store_reset(cnt);
	if (have == 0) {
		double t0 = now_ms();
		if (generate(s, nclients))
			return 1;
		printf("generated %ld clients in %.1f s into %s\n", nclients, (now_ms() - t0) / 1000, db);
	}
	struct report_filter f = {0};
	report_filter_init(&f, org);
	snprintf(f.from, sizeof f.from, "2026-01-01");
	snprintf(f.to, sizeof f.to, "2026-12-31");
	struct report_indicators r = {0};
	memset(&r, 0, sizeof r);
	int slow = 0;
	printf("%-22s %10s  (%s, best of %ld, whole year 2026%s)\n", "query", "ms",
	       store_kind(s) == STORE_SQLITE ? "SQLite" : "PostgreSQL", runs, org ? ", one organisation" : "");
	for (size_t q = 0; q < report_query_count(); q++) {
		double best = 1e18;
		for (long k = 0; k < runs; k++) {
			double t0 = now_ms();
			CHECK(report_query_run(s, q, &f, &r, &e));
			double t = now_ms() - t0;
			best = t < best ? t : best;
		}
		slow += best >= 200;
		printf("%-22s %10.1f%s\n", report_query_name(q), best, best >= 200 ? "  over 200 ms" : "");
	}
	double t0 = now_ms();
	CHECK(report_indicators(s, &f, &r, &e));
	printf("%-22s %10.1f\n", "all indicators", now_ms() - t0);
	struct report_crosstab *x;
	t0 = now_ms();
	CHECK(report_crosstab(s, &f, RD_MONTH, RD_OUTCOME_TYPE, RM_OUTCOMES, &x, &e));
	printf("%-22s %10.1f\n", "crosstab month x type", now_ms() - t0);
	report_crosstab_free(x);
	t0 = now_ms();
	CHECK(report_crosstab(s, &f, RD_PROGRAMME, RD_TARGET_GROUP, RM_OUTCOMES, &x, &e));
	printf("%-22s %10.1f\n", "crosstab prog x group", now_ms() - t0);
	report_crosstab_free(x);
	struct buf b = {0};
	buf_init(&b, 0);
	report_indicators_text(&r, &b);
	fputs(b.data ? b.data : "", stdout);
	buf_free(&b);
	printf("%d of %zu indicator queries over 200 ms\n", slow, report_query_count());
	int rc = do_check ? check(s, org) : 0;
	store_close(s);
	return rc;
}
