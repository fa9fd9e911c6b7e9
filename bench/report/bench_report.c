/* bench_report: national-scale indicator benchmark. Generates (fixed seed) 300 000 clients with a year of service
 * events, outcomes, languages, educations, proposals, employer services and survey invitations into a SQLite file,
 * then times every indicator query for the whole year 2026 (best of --runs), the whole report_indicators() and two
 * cross-tabulations, and prints the figures. Target: every indicator under 200 ms.
 *   bench_report [--db FILE] [--clients N] [--runs N] [--seed S] [--org ID]
 * The file is generated only when it does not exist yet (delete it to regenerate). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
	struct timespec ts;
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
		"status, intake_on, cv_ready, created_at, updated_at) VALUES (?1, ?2, ?3, 'x', 'y', ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
	static const char SQL_EV[] = "INSERT INTO service_events (organisation_id, client_id, type, happened_on, "
	                             "created_at, updated_at) VALUES (?1, ?2, 'meeting', ?3, ?4, ?4)";
	static const char SQL_OC[] = "INSERT INTO outcomes (organisation_id, client_id, type, isco_code, starts_on, "
	                             "matches_competence, override_matches, override_reason, created_at, updated_at) "
	                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)";
	static const char SQL_ED[] = "INSERT INTO educations (organisation_id, client_id, isced_level, isced_field, "
	                             "recognition, created_at, updated_at) VALUES (?1, ?2, ?3, '0613', ?4, ?5, ?5)";
	static const char SQL_LA[] = "INSERT INTO client_languages (organisation_id, client_id, language, level, "
	                             "assessed_on, created_at, updated_at) VALUES (?1, ?2, 'fi', ?3, ?4, ?5, ?5)";
	static const char SQL_PR[] = "INSERT INTO proposals (organisation_id, client_id, vacancy_id, stage, created_at, "
	                             "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)";
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
		store_bind_text(cl, 6, statuses[rnd(8)], -1);
		store_bind_text(cl, 7, intake, -1);
		store_bind_int(cl, 8, rnd(10) < 4);
		store_bind_text(cl, 9, ts, -1);
		if (step_done(cl))
			return 1;
		int nev = (int)rnd(9); /* 0..8, about 4 a year */
		for (int k = 0; k < nev; k++) {
			if (!(ev = prep(s, SQL_EV)))
				return 1;
			day(731 + (int)rnd(365), d);
			store_bind_int(ev, 1, org);
			store_bind_int(ev, 2, c);
			store_bind_text(ev, 3, d, -1);
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
		}
		if (!(ed = prep(s, SQL_ED)))
			return 1;
		snprintf(stamp, sizeof stamp, "%sT10:00:00Z", d);
		day(365 + (int)rnd(730), d);
		snprintf(stamp, sizeof stamp, "%sT10:00:00Z", d);
		store_bind_int(ed, 1, org);
		store_bind_int(ed, 2, c);
		store_bind_int(ed, 3, 3 + rnd(6));
		store_bind_text(ed, 4, recog[rnd(4)], -1);
		store_bind_text(ed, 5, stamp, -1);
		if (step_done(ed))
			return 1;
		int nl = 1 + (int)rnd(2), lv = (int)rnd(4);
		for (int k = 0; k < nl; k++) {
			if (!(la = prep(s, SQL_LA)))
				return 1;
			day(k == 0 ? (int)rnd(731) : 731 + (int)rnd(365), d);
			store_bind_int(la, 1, org);
			store_bind_int(la, 2, c);
			store_bind_text(la, 3, levels[lv + k], -1);
			store_bind_text(la, 4, d, -1);
			store_bind_text(la, 5, ts, -1);
			if (step_done(la))
				return 1;
		}
		if (rnd(3) == 0) {
			if (!(pr = prep(s, SQL_PR)))
				return 1;
			day(365 + (int)rnd(730), d);
			snprintf(stamp, sizeof stamp, "%sT12:00:00Z", d);
			store_bind_int(pr, 1, org);
			store_bind_int(pr, 2, c);
			store_bind_int(pr, 3, (int64_t)rnd((uint32_t)nvac) + 1);
			store_bind_text(pr, 4, stages[rnd(6)], -1);
			store_bind_text(pr, 5, stamp, -1);
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
	CHECK(store_exec(s, "ANALYZE", &e));
	return 0;
}

int main(int argc, char **argv)
{
	const char *db = "/tmp/osaaja-bench-report.db";
	long nclients = 300000, runs = 3, org = 0;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--db") == 0)
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
			fprintf(stderr, "usage: bench_report [--db FILE] [--clients N] [--runs N] [--seed S] [--org ID]\n");
			return 2;
		}
	}
	if (nclients < 100 || nclients > 5000000 || runs < 1 || runs > 100) {
		fprintf(stderr, "bench_report: --clients 100..5000000, --runs 1..100\n");
		return 2;
	}
	struct stat sb;
	bool fresh = stat(db, &sb) != 0;
	struct store *s;
	struct err e = {0};
	CHECK(store_open(db, &s, &e));
	CHECK(store_migrate(s, &e));
	if (fresh) {
		double t0 = now_ms();
		if (generate(s, nclients))
			return 1;
		printf("generated %ld clients in %.1f s into %s\n", nclients, (now_ms() - t0) / 1000, db);
	}
	struct report_filter f;
	report_filter_init(&f, org);
	snprintf(f.from, sizeof f.from, "2026-01-01");
	snprintf(f.to, sizeof f.to, "2026-12-31");
	struct report_indicators r;
	memset(&r, 0, sizeof r);
	int slow = 0;
	printf("%-22s %10s  (best of %ld, whole year 2026%s)\n", "query", "ms", runs, org ? ", one organisation" : "");
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
	struct buf b;
	buf_init(&b, 0);
	report_indicators_text(&r, &b);
	fputs(b.data ? b.data : "", stdout);
	buf_free(&b);
	printf("%d of %zu indicator queries over 200 ms\n", slow, report_query_count());
	store_close(s);
	return 0;
}
