/* osaaja migrate-store: SQLite -> SQLite always; SQLite -> PostgreSQL -> SQLite when OSAAJA_TEST_PG_URL is set
 * (then a set but unreachable URL fails the run). Each hop verifies itself; the test also compares the end result
 * with the start and checks that ids were kept and new ids continue after them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"
#include "store_fixture.h"

static char g_tmp[256];
static char g_pg_admin[1024]; /* OSAAJA_TEST_PG_URL: used to create and drop scratch databases */

static int migrate_store(const char *from, const char *to, bool force)
{
	char *argv[] = {"migrate-store", "--from", (char *)from, "--to", (char *)to, force ? "--force" : NULL, NULL};
	fflush(stdout);
	int rc = cli_migrate_store(force ? 6 : 5, argv);
	fflush(stdout);
	return rc;
}

static const char *const fill[] = {
	"INSERT INTO organisations (id, name, kind, municipality, created_at, updated_at) VALUES "
	"(5, 'Helsingin työllisyyspalvelut', 'municipality', 'Helsinki', '2024-01-02T10:00:00Z', "
	"'2024-01-02T10:00:00Z'), (17, 'Åbo stad – sysselsättning', 'municipality', NULL, '2024-01-03T10:00:00Z', "
	"'2024-01-03T10:00:00Z')",
	"INSERT INTO users (id, organisation_id, email, name, role, password_hash, created_at, updated_at) VALUES "
	"(3, 5, 'neuvoja@example.fi', 'Näätä Neuvoja', 'counsellor', '$argon2id$v=19$x', '2024-01-02T10:00:00Z', "
	"'2024-01-02T10:00:00Z'), (9, 17, 'handl@example.fi', 'Handledare', 'counsellor', 'h', "
	"'2024-01-02T10:00:00Z', '2024-01-02T10:00:00Z')",
	"INSERT INTO clients (id, organisation_id, counsellor_id, first_name, last_name, birth_year, mother_tongue, "
	"cv_ready, created_at, updated_at) VALUES "
	"(100, 5, 3, 'Олена', 'Шевченко', 1988, 'uk', 1, '2024-02-01T08:00:00Z', '2024-02-01T08:00:00Z'), "
	"(101, 5, NULL, 'สมชาย', 'ใจดี', NULL, 'th', 0, '2024-02-01T08:00:00Z', '2024-02-01T08:00:00Z'), "
	"(250, 17, 9, 'Amina', 'Warsame', 1995, 'so', 0, '2024-02-02T08:00:00Z', '2024-02-02T08:00:00Z')",
	"INSERT INTO work_history (organisation_id, client_id, title, years, start_year, created_at, updated_at) VALUES "
	"(5, 100, 'Kirjanpitäjä', 6.5, 2010, 'c', 'u'), (5, 100, 'Accountant', 0.1, NULL, 'c', 'u'), "
	"(17, 250, 'Sjuksköterska', NULL, 2015, 'c', 'u')",
	"INSERT INTO employers (id, organisation_id, name, business_id, created_at, updated_at) VALUES "
	"(40, 5, 'Rakennus Oy', '0112038-9', 'c', 'u')",
	"INSERT INTO vacancies (id, organisation_id, employer_id, title, contract_type, hours_per_week, created_at, "
	"updated_at) VALUES (7, 5, 40, 'Talonrakentaja', 'permanent', 37, 'c', 'u')",
	"INSERT INTO proposals (organisation_id, client_id, vacancy_id, score, created_at, updated_at) VALUES "
	"(5, 100, 7, 0.8125, 'c', 'u'), (5, 101, 7, 0.25, 'c', 'u')",
	"INSERT INTO tax_concepts (id, uri, kind, code) VALUES (1, 'http://data.europa.eu/esco/isco/C2411', 'isco', "
	"'2411'), (2, 'http://data.europa.eu/esco/skill/abc', 'skill', NULL)",
	"INSERT INTO tax_labels (concept_id, lang, label_type, label, source) VALUES "
	"(1, 'fi', 'preferred', 'Kirjanpitäjät', 'esco'), (1, 'sv', 'preferred', 'Revisorer', 'esco'), "
	"(2, 'en', 'alt', 'bookkeeping', 'esco')",
	"INSERT INTO tax_relations (occupation_id, skill_id, relation) VALUES (1, 2, 'essential')",
	"INSERT INTO audit_log (at, user_id, organisation_id, action, entity, entity_id, client_id, detail, prev_hash, "
	"hash) VALUES ('2024-02-01T08:00:00Z', 3, 5, 'create', 'client', 100, 100, '{\"a\":\"ä\"}', '', 'h1')",
};

static void make_source(const char *url)
{
	struct store *s = open_or_fail(url);
	struct err e = {0};
	if (store_migrate(s, &e))
		fail_msg("migrate: %s", e.message);
	for (size_t i = 0; i < sizeof fill / sizeof *fill; i++)
		exec_ok(s, fill[i]);
	store_close(s);
}

/* The facts the copy must keep, compared between the start and the end of a round trip. */
static void assert_same_content(const char *a_url, const char *b_url)
{
	static const char *const checks[] = {
		"SELECT COUNT(*) FROM organisations",
		"SELECT SUM(id) FROM clients",
		"SELECT COUNT(*) FROM clients WHERE first_name = 'Олена' AND counsellor_id = 3 AND birth_year = 1988",
		"SELECT COUNT(*) FROM clients WHERE birth_year IS NULL AND first_name = 'สมชาย'",
		"SELECT COUNT(*) FROM work_history WHERE years = 6.5",
		"SELECT COUNT(*) FROM work_history WHERE years IS NULL",
		"SELECT COUNT(*) FROM proposals WHERE score = 0.8125",
		"SELECT COUNT(*) FROM tax_labels WHERE label = 'Kirjanpitäjät'",
		"SELECT COUNT(*) FROM organisations WHERE id = 17 AND municipality IS NULL",
		"SELECT MAX(id) FROM audit_log",
	};
	struct store *a = open_or_fail(a_url), *b = open_or_fail(b_url);
	for (size_t i = 0; i < sizeof checks / sizeof *checks; i++) {
		int64_t x = count_rows(a, checks[i]), y = count_rows(b, checks[i]);
		if (x != y)
			fail_msg("%s: %lld before, %lld after", checks[i], (long long)x, (long long)y);
		assert_true(x > 0);
	}
	store_close(a);
	store_close(b);
}

/* New rows after a copy get ids past the copied ones (identity sequences were moved). */
static void assert_ids_continue(const char *url)
{
	struct store *s = open_or_fail(url);
	struct err e = {0};
	int64_t id = 0;
	bool found = false;
	int rc = store_query_int(s,
	                         "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ('Uusi', 'x', 'c', "
	                         "'u') RETURNING id",
	                         NULL, 0, &id, &found, &e);
	if (rc)
		fail_msg("insert after copy: %s", e.message);
	assert_true(found);
	assert_true(id > 17);
	rc = store_query_int(s,
	                     "INSERT INTO clients (organisation_id, first_name, last_name, created_at, updated_at) VALUES "
	                     "(5, 'A', 'B', 'c', 'u') RETURNING id",
	                     NULL, 0, &id, &found, &e);
	if (rc)
		fail_msg("insert after copy: %s", e.message);
	assert_true(id > 250);
	store_close(s);
}

static void path_in_tmp(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", g_tmp, name);
}

static void test_sqlite_to_sqlite(void **state)
{
	(void)state;
	char a[300], b[300];
	path_in_tmp(a, sizeof a, "a.db");
	path_in_tmp(b, sizeof b, "b.db");
	make_source(a);
	assert_int_equal(migrate_store(a, b, false), 0);
	assert_same_content(a, b);
	/* A second copy into the now non-empty destination is refused, and changes nothing. */
	assert_int_equal(migrate_store(a, b, false), 1);
	struct store *s = open_or_fail(b);
	assert_int_equal(count_rows(s, "SELECT COUNT(*) FROM clients"), 3);
	store_close(s);
	/* --force empties it first. */
	assert_int_equal(migrate_store(a, b, true), 0);
	assert_same_content(a, b);
	assert_ids_continue(b);
	/* Bad usage. */
	assert_int_equal(migrate_store(a, a, false), 2);
	char *argv[] = {"migrate-store", "--from", a, NULL};
	assert_int_equal(cli_migrate_store(3, argv), 2);
}

static void test_source_checks(void **state)
{
	(void)state;
	char a[300], c[300], d[300];
	path_in_tmp(a, sizeof a, "a2.db");
	path_in_tmp(c, sizeof c, "c.db");
	path_in_tmp(d, sizeof d, "d.db");
	make_source(a);
	/* A table outside osaaja's schema in the source: refused, not silently left behind. */
	struct store *s = open_or_fail(a);
	exec_ok(s, "CREATE TABLE local_notes (id INTEGER PRIMARY KEY, note TEXT)");
	store_close(s);
	assert_int_equal(migrate_store(a, c, false), 1);
	/* Not an osaaja database at all. */
	s = open_or_fail(d);
	exec_ok(s, "CREATE TABLE something (x INTEGER)");
	store_close(s);
	assert_int_equal(migrate_store(d, c, false), 1);
}

/* A fresh database on the test server; its URL goes to out. */
static void pg_create(const char *name, char *out, size_t n)
{
	assert_int_equal(pg_database(g_pg_admin, name, false), 0);
	assert_int_equal(pg_url_of_db(g_pg_admin, name, out, n), 0);
}

static void pg_drop(const char *name)
{
	assert_int_equal(pg_database(g_pg_admin, name, true), 0);
}

static void test_sqlite_pg_sqlite(void **state)
{
	(void)state;
	char a[300], b[300], pg[1200], db[64];
	path_in_tmp(a, sizeof a, "rt_a.db");
	path_in_tmp(b, sizeof b, "rt_b.db");
	snprintf(db, sizeof db, "osaaja_ms_%ld", (long)getpid());
	pg_create(db, pg, sizeof pg);
	make_source(a);
	assert_int_equal(migrate_store(a, pg, false), 0);
	assert_same_content(a, pg);
	assert_int_equal(migrate_store(a, pg, false), 1); /* not empty now */
	assert_int_equal(migrate_store(pg, b, false), 0);
	assert_same_content(a, b);
	/* Ids continue after the copied ones on both kinds of destination. */
	assert_ids_continue(pg);
	assert_ids_continue(b);
	/* --force into PostgreSQL, from the changed SQLite copy. */
	assert_int_equal(migrate_store(b, pg, true), 0);
	assert_same_content(b, pg);
	pg_drop(db);
}

int main(void)
{
	snprintf(g_tmp, sizeof g_tmp, "/tmp/osaaja-migrate-test.XXXXXX");
	if (!mkdtemp(g_tmp)) {
		perror("mkdtemp");
		return 1;
	}
	const struct CMUnitTest sqlite_tests[] = {
		cmocka_unit_test(test_sqlite_to_sqlite),
		cmocka_unit_test(test_source_checks),
	};
	const struct CMUnitTest pg_tests[] = {
		cmocka_unit_test(test_sqlite_pg_sqlite),
	};
	int failed = cmocka_run_group_tests_name("migrate_store_sqlite", sqlite_tests, NULL, NULL);
	const char *pg = getenv("OSAAJA_TEST_PG_URL");
	if (pg && *pg) {
		struct store *probe = NULL;
		struct err e = {0};
		if (strlen(pg) >= sizeof g_pg_admin || store_open(pg, &probe, &e)) {
			fprintf(stderr, "OSAAJA_TEST_PG_URL is set but unusable: %s\n", e.message);
			failed++;
		} else {
			store_close(probe);
			snprintf(g_pg_admin, sizeof g_pg_admin, "%s", pg);
			failed += cmocka_run_group_tests_name("migrate_store_postgres", pg_tests, NULL, NULL);
		}
	} else {
		printf("migrate_store_postgres: not run (OSAAJA_TEST_PG_URL not set; tests/pg/run-unit.sh sets it)\n");
	}
	static const char *const files[] = {"a.db", "b.db", "a2.db", "c.db", "d.db", "rt_a.db", "rt_b.db"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
		for (size_t k = 0; k < 4; k++) {
			char p[320];
			snprintf(p, sizeof p, "%s/%s%s", g_tmp, files[i], sfx[k]);
			unlink(p);
		}
	}
	rmdir(g_tmp);
	return failed ? 1 : 0;
}
