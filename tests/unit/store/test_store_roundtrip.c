/* store round trips, the same on both backends: SQLite always and PostgreSQL when OSAAJA_TEST_PG_URL is set
 * (store_fixture.h). What one backend alone does is in test_store_backend.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/jsonw.h"
#include "store/batch.h"
#include "store/entity_store.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store_fixture.h"

static void test_migrate_twice(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int v = -1;
	assert_int_equal(store_migrate(f->s, &e), 0);
	assert_int_equal(store_schema_version(f->s, &v, &e), 0);
	assert_int_equal(v, (int)store_migrations_count);
	assert_int_equal(store_migrate(f->s, &e), 0); /* idempotent */
	assert_int_equal(store_schema_version(f->s, &v, &e), 0);
	assert_int_equal(v, (int)store_migrations_count);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM schema_version"), (int64_t)store_migrations_count);
	/* Every migrated table is there and empty-or-readable. */
	assert_true(count_rows(f->s, "SELECT COUNT(*) FROM clients") >= 0);
	assert_int_equal(store_integrity_check(f->s, &e), 0);
}

static const char utf8_text[] = "Äänekoski – Åbo ☃ 日本語 ไทย العربية Українська \"quoted\" 'single'";

static void test_types_roundtrip(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	unsigned char blob[256];
	for (int i = 0; i < 256; i++)
		blob[i] = (unsigned char)(255 - i); /* includes NUL and bytes that are not UTF-8 */

	struct store_stmt *st;
	const char *ins = "INSERT INTO rt_types (i, r, t, b, n) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
	assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
	int64_t ids[3];
	const int64_t ints[3] = {INT64_MAX, INT64_MIN + 1, -42};
	const double reals[3] = {0.1, -1.0e300, 2.5};
	for (int k = 0; k < 3; k++) {
		assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
		assert_int_equal(store_bind_int(st, 1, ints[k]), 0);
		assert_int_equal(store_bind_real(st, 2, reals[k]), 0);
		assert_int_equal(store_bind_text(st, 3, utf8_text, -1), 0);
		assert_int_equal(store_bind_blob(st, 4, blob, sizeof blob), 0);
		assert_int_equal(store_bind_null(st, 5), 0);
		int rc = store_step(st, &e);
		if (rc != STORE_ROW)
			fail_msg("insert: %d %s", rc, e.message);
		assert_int_equal(store_col_type(st, 0), STORE_INT);
		ids[k] = store_col_int(st, 0);
		assert_true(ids[k] > 0);
		assert_int_equal(store_step(st, &e), STORE_DONE);
		assert_int_equal(store_changes(st), 1);
	}
	assert_true(ids[1] > ids[0] && ids[2] > ids[1]);

	const char *sel = "SELECT id, i, r, t, b, n FROM rt_types WHERE id = ?1";
	for (int k = 0; k < 3; k++) {
		assert_int_equal(store_prepare(f->s, sel, &st, &e), 0);
		assert_int_equal(store_col_count(st), 6);
		assert_int_equal(store_bind_int(st, 1, ids[k]), 0);
		assert_int_equal(store_step(st, &e), STORE_ROW);
		assert_string_equal(store_col_name(st, 1), "i");
		assert_string_equal(store_col_name(st, 5), "n");
		assert_int_equal(store_col_type(st, 0), STORE_INT);
		assert_int_equal(store_col_int(st, 0), ids[k]);
		assert_int_equal(store_col_type(st, 1), STORE_INT);
		assert_true(store_col_int(st, 1) == ints[k]);
		assert_int_equal(store_col_type(st, 2), STORE_REAL);
		assert_true(store_col_real(st, 2) == reals[k]); /* exact: doubles must round-trip */
		assert_int_equal(store_col_type(st, 3), STORE_TEXT);
		assert_string_equal(store_col_text(st, 3), utf8_text);
		assert_int_equal(store_col_type(st, 4), STORE_BLOB);
		size_t len = 0;
		const void *b = store_col_blob(st, 4, &len);
		assert_int_equal(len, sizeof blob);
		assert_memory_equal(b, blob, sizeof blob);
		assert_int_equal(store_col_type(st, 5), STORE_NULL);
		assert_null(store_col_text(st, 5));
		assert_int_equal(store_step(st, &e), STORE_DONE);
	}

	/* UPDATE and DELETE report the rows they changed. */
	assert_int_equal(store_prepare(f->s, "UPDATE rt_types SET n = ?1 WHERE id <> ?2", &st, &e), 0);
	store_bind_text(st, 1, "päivitetty", -1);
	store_bind_int(st, 2, ids[0]);
	assert_int_equal(store_step(st, &e), STORE_DONE);
	assert_int_equal(store_changes(st), 2);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_types WHERE n = 'päivitetty'"), 2);

	/* LIKE ignores ASCII case on both backends (the dialect makes PostgreSQL's ILIKE of it). Beyond ASCII they
	 * differ (PostgreSQL folds Ä/ä, SQLite does not), so that is not asserted. */
	exec_ok(f->s, "INSERT INTO rt_types (t) VALUES ('Helsinki')");
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_types WHERE t LIKE 'hels%'"), 1);

	/* Aggregates come back as numbers either way (PostgreSQL's SUM of BIGINT is NUMERIC). */
	assert_int_equal(count_rows(f->s, "SELECT SUM(i) FROM rt_types WHERE i = -42"), -42);

	/* Text parameters compare against INTEGER columns (store_query_int binds text). */
	char idbuf[24];
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)ids[2]);
	const char *params[] = {idbuf};
	int64_t got = 0;
	bool found = false;
	assert_int_equal(store_query_int(f->s, "SELECT i FROM rt_types WHERE id = ?1", params, 1, &got, &found, &e), 0);
	assert_true(found);
	assert_int_equal(got, -42);
	params[0] = "999999999";
	assert_int_equal(store_query_int(f->s, "SELECT i FROM rt_types WHERE id = ?1", params, 1, &got, &found, &e), 0);
	assert_false(found);

	/* PRAGMA is SQLite tuning; on PostgreSQL the dialect makes it a no-op rather than an error. */
	exec_ok(f->s, "PRAGMA optimize");
}

/* The statement markers of src/store/dialect.c: {{SQLITE_ONLY}} and {{PG_ONLY}} keep a statement on one backend
 * (an empty statement on the other), {{WITHOUT_ROWID}} makes SQLite keep a table as its primary key only. */
static void test_dialect_markers(void **state)
{
	struct fx *f = *state;
	bool pg = store_kind(f->s) == STORE_POSTGRES;
	exec_ok(f->s, "CREATE TABLE rt_marks (a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)){{WITHOUT_ROWID}}");
	exec_ok(f->s, "{{SQLITE_ONLY}}INSERT INTO rt_marks (a, b) VALUES (1, 10)");
	exec_ok(f->s, "-- a comment before the marker\n{{PG_ONLY}}INSERT INTO rt_marks (a, b) VALUES (2, 20)");
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_marks"), 1);
	assert_int_equal(count_rows(f->s, "SELECT a FROM rt_marks"), pg ? 2 : 1);
	if (!pg) { /* a WITHOUT ROWID table has no rowid to select */
		struct err e = {0};
		struct store_stmt *st;
		assert_int_not_equal(store_prepare(f->s, "SELECT rowid FROM rt_marks", &st, &e), 0);
	}
}

/* store_batch: rows written STORE_BATCH_ROWS a statement, in order, their text copied at add; a row with a pending
 * row's key replaces it (PostgreSQL refuses an upsert that meets one key twice in a statement); NULLs stay NULL. */
static void test_batch(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	exec_ok(f->s, "CREATE TABLE rt_batch (k INTEGER NOT NULL, j INTEGER NOT NULL, t TEXT, PRIMARY KEY (k, j))");
	struct store_batch *b = calloc(1, sizeof *b);
	assert_non_null(b);
	*b = (struct store_batch){.s = f->s, .head = "INSERT INTO rt_batch (k, j, t) VALUES ",
	                          .tail = " ON CONFLICT (k, j) DO UPDATE SET t = excluded.t", .ncols = 3, .key_cols = 2};
	assert_int_equal(store_begin(f->s, &e), 0);
	char text[32];
	const int n = 2 * STORE_BATCH_ROWS + 5; /* two full statements and a partial one */
	for (int i = 0; i < n; i++) {
		snprintf(text, sizeof text, "rivi %d", i);
		const struct store_param row[] = {STORE_P_INT(i), STORE_P_INT(i % 3), i % 7 ? STORE_P_TEXT(text) : STORE_P_NULL};
		assert_int_equal(store_batch_add(b, row, &e), 0);
		memset(text, 'x', sizeof text - 1); /* the batch holds its own copy */
	}
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch"), 2 * STORE_BATCH_ROWS); /* full ones written */
	const struct store_param again[] = {STORE_P_INT(n - 1), STORE_P_INT((n - 1) % 3), STORE_P_TEXT("uusin")};
	assert_int_equal(store_batch_add(b, again, &e), 0); /* the same key as a pending row: the last one wins */
	const struct store_param old[] = {STORE_P_INT(0), STORE_P_INT(0), STORE_P_TEXT("päivitetty")};
	assert_int_equal(store_batch_add(b, old, &e), 0); /* a written row's key: the upsert updates it */
	assert_int_equal(store_batch_flush(b, &e), 0);
	assert_int_equal(store_batch_flush(b, &e), 0); /* nothing pending: no statement */
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch"), n);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch WHERE t IS NULL"), (n + 6) / 7 - 1);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch WHERE t = 'rivi 200' AND k = 200 AND j = 2"), 1);
	assert_int_equal(count_rows(f->s, "SELECT k FROM rt_batch WHERE t = 'uusin'"), n - 1);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch WHERE t = 'päivitetty' AND k = 0"), 1);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_batch WHERE t LIKE 'x%'"), 0);
	store_batch_clear(b);
	free(b);
}

static void test_unique_conflict(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store_stmt *st;
	const char *ins = "INSERT INTO rt_uniq (email, note) VALUES (?1, ?2) RETURNING id";
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_true(store_in_tx(f->s));
	assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
	store_bind_text(st, 1, "a@example.fi", -1);
	store_bind_text(st, 2, "first", -1);
	assert_int_equal(store_step(st, &e), STORE_ROW);
	assert_int_equal(store_prepare(f->s, "INSERT INTO rt_uniq (email, note) VALUES (?1, 'x')", &st, &e), 0);
	store_bind_text(st, 1, "b@example.fi", -1);
	assert_int_equal(store_step(st, &e), STORE_DONE);
	assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
	store_bind_text(st, 1, "a@example.fi", -1);
	store_bind_text(st, 2, "duplicate", -1);
	assert_int_equal(store_step(st, &e), -ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_null(strstr(e.message, "a@example.fi")); /* no personal data in messages */
	store_rollback(f->s);
	assert_false(store_in_tx(f->s));
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 0); /* nothing half-written */

	/* A conflict outside a transaction leaves the connection usable. */
	exec_ok(f->s, "INSERT INTO rt_uniq (email) VALUES ('c@example.fi')");
	assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
	store_bind_text(st, 1, "c@example.fi", -1);
	store_bind_null(st, 2);
	assert_int_equal(store_step(st, &e), -ERR_CONFLICT);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 1);

	/* Upsert with ON CONFLICT works on both. */
	exec_ok(f->s, "INSERT INTO rt_uniq (email, note) VALUES ('c@example.fi', 'new') "
	              "ON CONFLICT (email) DO UPDATE SET note = excluded.note");
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq WHERE note = 'new'"), 1);

	/* A NOT NULL or CHECK violation is invalid input, not a conflict. */
	assert_int_equal(store_prepare(f->s, ins, &st, &e), 0);
	store_bind_null(st, 1);
	assert_int_equal(store_step(st, &e), -ERR_INVALID);
}

static void test_foreign_key(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store_stmt *st;
	exec_ok(f->s, "INSERT INTO rt_parent (name) VALUES ('vanhempi')");
	int64_t pid = count_rows(f->s, "SELECT MAX(id) FROM rt_parent");
	assert_int_equal(store_prepare(f->s, "INSERT INTO rt_child (parent_id, label) VALUES (?1, ?2)", &st, &e), 0);
	store_bind_int(st, 1, pid + 1000);
	store_bind_text(st, 2, "orpo", -1);
	assert_int_equal(store_step(st, &e), -ERR_CONFLICT);
	assert_int_equal(e.code, ERR_CONFLICT);
	assert_int_equal(store_prepare(f->s, "INSERT INTO rt_child (parent_id, label) VALUES (?1, ?2)", &st, &e), 0);
	store_bind_int(st, 1, pid);
	store_bind_text(st, 2, "lapsi", -1);
	assert_int_equal(store_step(st, &e), STORE_DONE);
	/* Deleting a parent still referenced is a conflict too. */
	assert_int_equal(store_prepare(f->s, "DELETE FROM rt_parent WHERE id = ?1", &st, &e), 0);
	store_bind_int(st, 1, pid);
	assert_int_equal(store_step(st, &e), -ERR_CONFLICT);
	/* CHECK constraint: invalid. */
	assert_int_equal(store_prepare(f->s, "INSERT INTO rt_child (parent_id, label) VALUES (?1, ?2)", &st, &e), 0);
	store_bind_int(st, 1, pid);
	store_bind_text(st, 2, "", -1);
	assert_int_equal(store_step(st, &e), -ERR_INVALID);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_child"), 1);
}

static void test_transactions(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	exec_ok(f->s, "DELETE FROM rt_uniq");
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_begin(f->s, &e), ERR_INTERNAL); /* no nesting */
	exec_ok(f->s, "INSERT INTO rt_uniq (email) VALUES ('rollback@example.fi')");
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 1);
	store_rollback(f->s);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 0);

	assert_int_equal(store_begin(f->s, &e), 0);
	exec_ok(f->s, "INSERT INTO rt_uniq (email) VALUES ('commit@example.fi')");
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_false(store_in_tx(f->s));
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 1);
	assert_int_equal(store_commit(f->s, &e), ERR_INTERNAL); /* none open */

	/* After a failed statement the transaction is rolled back as a whole by the caller; on PostgreSQL a COMMIT
	 * instead fails (the server has aborted the transaction) and leaves no transaction open. */
	assert_int_equal(store_begin(f->s, &e), 0);
	exec_ok(f->s, "INSERT INTO rt_uniq (email) VALUES ('kept-only-on-sqlite@example.fi')");
	assert_int_not_equal(store_exec(f->s, "INSERT INTO rt_uniq (email) VALUES ('commit@example.fi')", &e), 0);
	assert_int_equal(e.code, ERR_CONFLICT);
	if (store_kind(f->s) == STORE_POSTGRES) {
		assert_int_not_equal(store_commit(f->s, &e), 0);
		assert_false(store_in_tx(f->s));
		assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 1);
	} else {
		store_rollback(f->s);
		assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_uniq"), 1);
	}
}

static void test_statement_cache(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store_stmt *a, *b;
	const char *sql = "SELECT COUNT(*) FROM rt_types WHERE i = ?1 OR ?1 IS NULL";
	assert_int_equal(store_prepare(f->s, sql, &a, &e), 0);
	store_bind_int(a, 1, -42);
	assert_int_equal(store_step(a, &e), STORE_ROW);
	int64_t n1 = store_col_int(a, 0);
	/* Same text: the same statement, reset, bindings cleared (NULL matches every row here). */
	assert_int_equal(store_prepare(f->s, sql, &b, &e), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(store_step(b, &e), STORE_ROW);
	int64_t all = store_col_int(b, 0);
	assert_true(all >= n1);
	assert_int_equal(all, count_rows(f->s, "SELECT COUNT(*) FROM rt_types"));
	/* Many executions of one cached insert, with reset between. */
	struct store_stmt *ins = NULL;
	exec_ok(f->s, "DELETE FROM rt_child");
	exec_ok(f->s, "DELETE FROM rt_parent");
	for (int k = 0; k < 200; k++) {
		struct store_stmt *again;
		assert_int_equal(store_prepare(f->s, "INSERT INTO rt_parent (name) VALUES (?1)", &again, &e), 0);
		if (k == 0)
			ins = again;
		assert_ptr_equal(again, ins);
		char name[32];
		snprintf(name, sizeof name, "p%d", k);
		store_bind_text(again, 1, name, -1);
		assert_int_equal(store_step(again, &e), STORE_DONE);
	}
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_parent"), 200);
	/* Reading several rows; a second statement can run while the first is mid-way. */
	struct store_stmt *it;
	assert_int_equal(store_prepare(f->s, "SELECT id, name FROM rt_parent ORDER BY id", &it, &e), 0);
	int rows = 0;
	int rc;
	while ((rc = store_step(it, &e)) == STORE_ROW) {
		if (rows == 5)
			assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_parent"), 200);
		rows++;
	}
	assert_int_equal(rc, STORE_DONE);
	assert_int_equal(rows, 200);
	/* A bad statement is reported at prepare time. */
	assert_int_not_equal(store_prepare(f->s, "SELEC nonsense", &it, &e), 0);
}

static void test_backup_integrity(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	assert_int_equal(store_integrity_check(f->s, &e), 0);
	char path[300];
	snprintf(path, sizeof path, "%s/backup.db", g_tmpdir);
	if (store_kind(f->s) == STORE_POSTGRES) {
		assert_int_equal(store_backup(f->s, path, &e), ERR_INVALID);
		assert_non_null(strstr(e.message, "pg_dump"));
		return;
	}
	exec_ok(f->s, "INSERT INTO rt_parent (name) VALUES ('backed up')");
	int64_t n = count_rows(f->s, "SELECT COUNT(*) FROM rt_parent");
	assert_int_equal(store_backup(f->s, path, &e), 0);
	struct store *b = open_or_fail(path);
	assert_int_equal(store_integrity_check(b, &e), 0);
	assert_int_equal(count_rows(b, "SELECT COUNT(*) FROM rt_parent"), n);
	int v = 0;
	assert_int_equal(store_schema_version(b, &v, &e), 0);
	assert_int_equal(v, (int)store_migrations_count);
	store_close(b);
	unlink(path);
}

/* One row of entity d from a JSON body (validated as the API does). */
static int64_t insert_entity(struct store *s, const char *entity, int64_t org, const char *json)
{
	const struct entity_def *d = entity_find(entity);
	struct arena *a = arena_new(0);
	json_t *body = json_loads(json, 0, NULL);
	struct entity_input in = {0};
	struct err e = {0};
	int64_t id = 0;
	if (entity_validate(d, body, true, a, &in, &e) || store_entity_insert(s, d, org, &in, &id, &e))
		fail_msg("insert %s failed: %s", entity, e.message);
	json_decref(body);
	arena_free(a);
	return id;
}

static int update_name(struct store *s, int64_t org, int64_t id, const char *name, int64_t expect, struct err *e)
{
	const struct entity_def *d = entity_get(ENT_COURSES);
	struct entity_value v = {.f = entity_field(d, "name"), .s = name};
	struct entity_input in = {&v, 1};
	return store_entity_update_if(s, d, org, id, &in, expect, e);
}

static json_t *get_course(struct store *s, int64_t id)
{
	json_t *row = NULL;
	struct err e = {0};
	if (store_entity_get(s, entity_get(ENT_COURSES), 0, id, &row, &e))
		fail_msg("get failed: %s", e.message);
	return row;
}

/* Versions: 1 on insert, +1 per update and archive; a stale expected version changes nothing (the conditional UPDATE
 * decides) and is ERR_VERSION_CONFLICT, told apart from a missing or archived row (ERR_NOT_FOUND). */
static void test_entity_versions(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int64_t org = insert_entity(f->s, "organisations", 0, "{\"name\": \"Versio\", \"kind\": \"municipality\"}");
	int64_t id = insert_entity(f->s, "courses", org, "{\"name\": \"Suomi 1\"}");
	json_t *row = get_course(f->s, id);
	assert_int_equal(json_integer_value(json_object_get(row, "version")), 1);
	json_decref(row);
	assert_int_equal(update_name(f->s, org, id, "Suomi 2", 1, &e), 0);
	assert_int_equal(update_name(f->s, org, id, "Suomi 3", 1, &e), ERR_VERSION_CONFLICT);
	assert_int_equal(e.code, ERR_VERSION_CONFLICT);
	assert_non_null(strstr(e.message, "now 2"));
	row = get_course(f->s, id);
	assert_int_equal(json_integer_value(json_object_get(row, "version")), 2);
	assert_string_equal(json_string_value(json_object_get(row, "name")), "Suomi 2");
	json_decref(row);
	assert_int_equal(update_name(f->s, org, id, "Suomi 4", 0, &e), 0); /* no precondition */
	assert_int_equal(update_name(f->s, org, id + 1000, "x", 3, &e), ERR_NOT_FOUND);
	assert_int_equal(update_name(f->s, org + 1000, id, "x", 3, &e), ERR_NOT_FOUND); /* other organisation */
	const struct entity_def *cd = entity_get(ENT_COURSES);
	assert_int_equal(store_entity_archive_if(f->s, cd, org, id, 2, &e), ERR_VERSION_CONFLICT);
	assert_int_equal(store_entity_archive_if(f->s, cd, org, id, 3, &e), 0);
	row = get_course(f->s, id);
	assert_int_equal(json_integer_value(json_object_get(row, "version")), 4);
	assert_false(json_is_null(json_object_get(row, "archived_at")));
	json_decref(row);
	/* archived: not found, not a conflict */
	assert_int_equal(store_entity_archive_if(f->s, cd, org, id, 4, &e), ERR_NOT_FOUND);
	assert_int_equal(update_name(f->s, org, id, "x", 4, &e), ERR_NOT_FOUND);
}

/* The statement helpers: store_run, store_count, store_query_row(s), store_rows_append with typed parameters. */
static void test_query_helpers(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	exec_ok(f->s, "DELETE FROM rt_uniq");
	int64_t changed = 0;
	for (int k = 1; k <= 3; k++) {
		char email[32];
		snprintf(email, sizeof email, "h%d@example.org", k);
		const struct store_param p[] = {STORE_P_TEXT(email), k == 2 ? STORE_P_NULL : STORE_P_TEXT("note")};
		assert_int_equal(store_run(f->s, "INSERT INTO rt_uniq (email, note) VALUES (?1, ?2)", p, STORE_NPARAMS(p),
		                           &changed, &e),
		                 0);
	}
	assert_int_equal(changed, 3);
	/* a unique violation comes back as ERR_CONFLICT and leaves the statement reusable */
	const struct store_param dup[] = {STORE_P_TEXT("h1@example.org"), STORE_P_NULL};
	assert_int_equal(store_run(f->s, "INSERT INTO rt_uniq (email, note) VALUES (?1, ?2)", dup, 2, NULL, &e),
	                 ERR_CONFLICT);
	const struct store_param upd[] = {STORE_P_TEXT("changed")};
	assert_int_equal(store_run(f->s, "UPDATE rt_uniq SET note = ?1", upd, 1, &changed, &e), 0);
	assert_int_equal(changed, 6); /* added to the counter */
	const struct store_param opt0[] = {STORE_P_OPT_INT(0), STORE_P_TEXT("opt")};
	const struct store_param opt5[] = {STORE_P_OPT_INT(5), STORE_P_TEXT("opt")};
	assert_int_equal(store_run(f->s, "INSERT INTO rt_types (i, t) VALUES (?1, ?2)", opt0, 2, NULL, &e), 0);
	assert_int_equal(store_run(f->s, "INSERT INTO rt_types (i, t) VALUES (?1, ?2)", opt5, 2, NULL, &e), 0);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_types WHERE t = 'opt' AND i IS NULL"), 1);
	assert_int_equal(count_rows(f->s, "SELECT COUNT(*) FROM rt_types WHERE t = 'opt' AND i = 5"), 1);

	int64_t n = -1;
	bool found = false;
	const struct store_param like[] = {STORE_P_TEXT("changed")};
	assert_int_equal(store_count(f->s, "SELECT COUNT(*) FROM rt_uniq WHERE note = ?1", like, 1, &n, &found, &e), 0);
	assert_true(found);
	assert_int_equal(n, 3);
	assert_int_equal(store_count(f->s, "SELECT id FROM rt_uniq WHERE id < 0", NULL, 0, &n, &found, &e), 0);
	assert_false(found);
	assert_int_equal(n, 0);

	json_t *rows = NULL;
	assert_int_equal(store_query_rows(f->s, "SELECT id, email, note, CAST(1.5 AS REAL) AS r, NULL AS z FROM rt_uniq ORDER BY id",
	                                  NULL, 0, 2, &rows, &e),
	                 0);
	assert_int_equal(json_array_size(rows), 2); /* the ceiling */
	json_t *r0 = json_array_get(rows, 0);
	assert_true(json_is_integer(json_object_get(r0, "id")));
	assert_string_equal(json_string_value(json_object_get(r0, "email")), "h1@example.org");
	assert_true(json_is_real(json_object_get(r0, "r")));
	assert_true(json_is_null(json_object_get(r0, "z")));
	json_decref(rows);

	json_t *row = NULL;
	const struct store_param who[] = {STORE_P_TEXT("h3@example.org")};
	assert_int_equal(store_query_row(f->s, "SELECT email FROM rt_uniq WHERE email = ?1", who, 1, "row", &row, &e), 0);
	assert_string_equal(json_string_value(json_object_get(row, "email")), "h3@example.org");
	json_decref(row);
	const struct store_param none[] = {STORE_P_TEXT("nobody")};
	assert_int_equal(store_query_row(f->s, "SELECT email FROM rt_uniq WHERE email = ?1", none, 1, "person", &row, &e),
	                 ERR_NOT_FOUND);
	assert_null(row);
	assert_string_equal(e.message, "no such person");

	struct store_stmt *st;
	assert_int_equal(store_query_first(f->s, "SELECT email, note FROM rt_uniq WHERE email = ?1", who, 1, &st, &found, &e),
	                 0);
	assert_true(found);
	assert_string_equal(store_col_text(st, 0), "h3@example.org");
	store_reset(st);
	assert_int_equal(store_query_first(f->s, "SELECT email FROM rt_uniq WHERE email = ?1", none, 1, &st, &found, &e), 0);
	assert_false(found);
	bool truncated = false;
	json_t *arr = json_array();
	assert_int_equal(store_prepare_bound(f->s, "SELECT email FROM rt_uniq ORDER BY id", NULL, 0, &st, &e), 0);
	assert_int_equal(store_rows_append(st, 2, NULL, NULL, arr, &truncated, &e), 0);
	assert_true(truncated);
	assert_int_equal(json_array_size(arr), 2);
	json_decref(arr);
	exec_ok(f->s, "DELETE FROM rt_uniq");
}

/* A field of d of type t (the first), to name a test column after it. */
static const struct field_def *field_of_type(const struct entity_def *d, enum field_type t)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].type == t)
			return &d->fields[i];
	fail_msg("%s has no field of type %d", d->name, (int)t);
	return NULL;
}

/* store_row_write writes the bytes json_dumps writes of store_row_json's object, with hidden fields left out: the
 * list route moved from one to the other and its readers must not see a byte change. */
static void test_row_write_as_json(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	const struct entity_def *d = entity_get(ENT_CLIENTS);
	const struct field_def *fb = field_of_type(d, FT_BOOL), *fl = field_of_type(d, FT_ENUM_LIST),
	                       *ft = field_of_type(d, FT_TEXT), *fi = field_of_type(d, FT_INT),
	                       *fd = field_of_type(d, FT_DATE);
	char sql[1024];
	/* every kind of column: a field's bool, list, int, text (escapes, non-ASCII, beyond the BMP), a NULL field, and
	 * columns that are no field (by the store's type); SQLite also gives text that is not UTF-8 */
	bool lite = store_kind(f->s) == STORE_SQLITE;
	snprintf(sql, sizeof sql,
	         "SELECT 7 AS id, 1 AS %s, 'fi,sv,,ru' AS %s, 42 AS %s, 'Äijälä \"q\" \\ \t 😀 \x01' AS %s, NULL AS %s, "
	         "2.5 AS x_real, 1e300 AS x_big, 3 AS version, %s AS x_text",
	         fb->name, fl->name, fi->name, ft->name, fd->name, lite ? "CAST(X'61FF62' AS TEXT)" : "'plain'");
	for (int hide = 0; hide < 2; hide++) {
		struct store_stmt *st = NULL;
		assert_int_equal(store_prepare(f->s, sql, &st, &e), 0);
		assert_int_equal(store_step(st, &e), STORE_ROW);
		json_t *o = store_row_json(st, d);
		assert_non_null(o);
		bool *hidden = calloc(d->nfields, sizeof *hidden);
		assert_non_null(hidden);
		if (hide) { /* the text and the list left out, as a redaction would */
			hidden[ft - d->fields] = hidden[fl - d->fields] = true;
			json_object_del(o, ft->name);
			json_object_del(o, fl->name);
		}
		char *want = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
		struct buf b = {0};
		buf_init(&b, 0);
		struct jsonw w = {0};
		jsonw_init(&w, &b);
		const struct field_def *cols[16] = {0};
		int nc = store_row_fields(st, d, cols, 16);
		assert_int_equal(nc, 10); /* the columns of the SELECT above */
		store_row_write(st, d, hide ? cols : NULL, hide ? hidden : NULL, &w); /* both ways of naming the fields */
		buf_append(&b, "", 1);
		assert_int_equal(jsonw_status(&w), 0);
		assert_string_equal(b.data, want);
		if (lite && !hide) /* the text that is not UTF-8 reads "?" in both */
			assert_non_null(strstr(want, "\"x_text\":\"?\""));
		store_reset(st);
		buf_free(&b);
		free(want);
		free(hidden);
		json_decref(o);
	}
}
int main(void)
{
	const struct CMUnitTest common[] = {
		cmocka_unit_test(test_migrate_twice),     cmocka_unit_test(test_types_roundtrip),
		cmocka_unit_test(test_unique_conflict),   cmocka_unit_test(test_foreign_key),
		cmocka_unit_test(test_transactions),      cmocka_unit_test(test_statement_cache),
		cmocka_unit_test(test_backup_integrity),  cmocka_unit_test(test_entity_versions),
		cmocka_unit_test(test_query_helpers),     cmocka_unit_test(test_row_write_as_json),
		cmocka_unit_test(test_dialect_markers),   cmocka_unit_test(test_batch),
	};
	return store_fixture_run("store", STORE_TESTS(common), NULL, 0, NULL, 0);
}
