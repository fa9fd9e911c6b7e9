/* Unit tests for auth: Argon2id hashing, password policy, sessions (expiry, idle expiry, logout), throttling,
 * the audit chain, read transactions and the group-committed audit of reads. Each test uses a fresh SQLite database
 * in a temporary folder. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "store/store.h"

struct fx {
	char dir[64], path[96];
	struct store *s;
	int64_t uid;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/osaaja-auth-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/t.db", f->dir);
	struct err e = {0};
	if (auth_init() || store_open(f->path, &f->s, &e) || store_migrate(f->s, &e))
		return -1;
	char hash[AUTH_HASH_MAX];
	if (auth_password_hash("Oikea-salasana-42", hash, &e))
		return -1;
	const char *p[] = {hash};
	store_query_int(f->s, "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ('O', 'partner', 'x', 'x')",
	                NULL, 0, NULL, NULL, &e);
	if (store_query_int(f->s,
	                    "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at, updated_at) "
	                    "VALUES (1, 'a@b.fi', 'A', 'counsellor', ?1, 'x', 'x') RETURNING id",
	                    p, 1, &f->uid, NULL, &e))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	char cmd[200];
	snprintf(cmd, sizeof cmd, "%s-wal", f->path);
	unlink(cmd);
	snprintf(cmd, sizeof cmd, "%s-shm", f->path);
	unlink(cmd);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_password_hash(void **state)
{
	(void)state;
	char h[AUTH_HASH_MAX];
	struct err e = {0};
	assert_int_equal(auth_password_hash("Oikea-salasana-42", h, &e), 0);
	assert_non_null(strstr(h, "$argon2id$"));
	assert_true(auth_password_verify(h, "Oikea-salasana-42"));
	assert_false(auth_password_verify(h, "oikea-salasana-42"));
	assert_false(auth_password_verify("!", "anything"));
	char h2[AUTH_HASH_MAX];
	auth_password_hash("Oikea-salasana-42", h2, &e);
	assert_string_not_equal(h, h2); /* salted */
}

static void test_password_policy(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(auth_password_check("short", NULL, &e), ERR_INVALID);
	assert_string_equal(e.field, "password");
	assert_int_equal(auth_password_check("password123", NULL, &e), ERR_INVALID);
	assert_int_equal(auth_password_check("aaaaaaaaaaaa", NULL, &e), ERR_INVALID);
	assert_int_equal(auth_password_check("maija.meikalainen1", "maija.meikalainen@x.fi", &e), ERR_INVALID);
	assert_int_equal(auth_password_check("Kaisla-ja-kivi-9", "maija@x.fi", &e), 0);
	/* issue 19 item 10: the shipped list, case-insensitive, digits and punctuation stripped, å ä ö folded */
	const char *weak[] = {"Salasana123!", "Kesakuu2026", "123456789012", "qwertyuiop123", "Kesäkuu-2026",
	                      "TALVI!2026", "Password-2026", NULL};
	for (size_t i = 0; weak[i]; i++)
		assert_int_equal(auth_password_check(weak[i], NULL, &e), ERR_INVALID);
	assert_string_equal(e.key, "password_policy");
	assert_int_equal(auth_password_check("Oikea hevonen patteri niitti", NULL, &e), 0);
	assert_int_equal(auth_password_check("Testi-salasana-2026", NULL, &e), 0);
}

static void test_session_lifecycle(void **state)
{
	struct fx *f = *state;
	char tok[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
	struct err e = {0};
	struct principal p = {0};
	assert_int_equal(auth_session_create(f->s, f->uid, "browser", NULL, tok, csrf, &e), 0);
	assert_int_equal(strlen(tok), AUTH_TOKEN_HEX);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), 0);
	assert_int_equal(p.user_id, f->uid);
	assert_int_equal(p.role, ROLE_COUNSELLOR);
	assert_string_equal(p.csrf, csrf);
	assert_false(p.via_api_token);
	/* the database holds only a hash of the token */
	int64_t n = 0;
	const char *params[] = {tok};
	store_query_int(f->s, "SELECT COUNT(*) FROM sessions WHERE token_hash = ?1", params, 1, &n, NULL, &e);
	assert_int_equal(n, 0);
	/* idle expiry: last seen three hours ago */
	store_exec(f->s, "UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z'", &e);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), ERR_UNAUTH);
	/* absolute expiry */
	assert_int_equal(auth_session_create(f->s, f->uid, "browser", NULL, tok, csrf, &e), 0);
	store_exec(f->s, "UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z'", &e);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), ERR_UNAUTH);
	/* API tokens ignore idle time but not their expiry */
	assert_int_equal(auth_session_create(f->s, f->uid, "api", "x", tok, csrf, &e), 0);
	store_exec(f->s, "UPDATE sessions SET last_seen_at = '2000-01-01T00:00:00Z' WHERE kind = 'api'", &e);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), 0);
	assert_true(p.via_api_token);
	/* logout */
	assert_int_equal(auth_session_delete(f->s, tok, &e), 0);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), ERR_UNAUTH);
	/* garbage tokens */
	assert_int_equal(auth_session_lookup(f->s, "short", &p, &e), ERR_UNAUTH);
	assert_int_equal(auth_session_lookup(f->s, NULL, &p, &e), ERR_UNAUTH);
	/* an archived user's sessions stop working */
	assert_int_equal(auth_session_create(f->s, f->uid, "browser", NULL, tok, csrf, &e), 0);
	store_exec(f->s, "UPDATE users SET archived_at = 'x'", &e);
	assert_int_equal(auth_session_lookup(f->s, tok, &p, &e), ERR_UNAUTH);
}

static void test_login_throttling(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	int64_t uid = 0;
	assert_int_equal(auth_login(f->s, "a@b.fi", "Oikea-salasana-42", "127.0.0.1", &uid, &e), 0);
	assert_int_equal(uid, f->uid);
	for (int i = 0; i < 3; i++)
		assert_int_equal(auth_login(f->s, "a@b.fi", "wrong-password", "127.0.0.1", &uid, &e), ERR_UNAUTH);
	/* the address that failed now waits, even with the right password; the account is slowed, not locked */
	assert_int_equal(auth_login(f->s, "a@b.fi", "Oikea-salasana-42", "127.0.0.1", &uid, &e), ERR_THROTTLED);
	assert_non_null(strstr(e.message, "try again in"));
	assert_int_equal(auth_login(f->s, "a@b.fi", "Oikea-salasana-42", "127.0.0.2", &uid, &e), 0);
	/* another account from the same address is not blocked by five failures */
	assert_int_equal(auth_login(f->s, "nobody@b.fi", "x-password-1", "127.0.0.1", &uid, &e), ERR_UNAUTH);
	assert_string_equal(e.message, "the e-mail address or the password is wrong");
}

static void test_audit_chain(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct audit_entry a = {.user_id = f->uid, .org_id = 1, .role = "counsellor", .action = "read",
	                        .entity = "clients", .entity_id = 7, .client_id = 7};
	for (int i = 0; i < 5; i++)
		assert_int_equal(audit_write(f->s, &a, &e), 0);
	int64_t checked, broken;
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), 0);
	assert_int_equal(checked, 5);
	store_exec(f->s, "DELETE FROM audit_log WHERE id = 3", &e);
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), ERR_CONFLICT);
	assert_int_equal(broken, 4);
}

static int64_t count_of(struct store *s, const char *sql)
{
	int64_t n = -1;
	struct err e = {0};
	store_query_int(s, sql, NULL, 0, &n, NULL, &e);
	return n;
}

/* Entries written 16 to a statement (as the appender does on PostgreSQL) chain in the order given. */
static void test_audit_chain_rows(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	enum { N = 37 };
	struct audit_entry v[N];
	const struct audit_entry *a[N];
	const char *at[N];
	for (int i = 0; i < N; i++) {
		v[i] = (struct audit_entry){.user_id = f->uid, .org_id = 1, .role = "counsellor", .action = "read",
		                            .entity = "clients", .entity_id = i + 1, .client_id = i + 1};
		a[i] = &v[i];
		at[i] = "2026-12-07T10:00:00Z";
	}
	char prev[65];
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(audit_chain_lock(f->s, prev, &e), 0);
	assert_int_equal(audit_chain_append_n(f->s, prev, N, at, a, 16, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	int64_t checked, broken;
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), 0);
	assert_int_equal(checked, N);
	/* ids follow the order given (the chain's order), and the last hash is the one handed back */
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM audit_log WHERE entity_id = id"), N);
	struct store_stmt *st;
	bool found;
	assert_int_equal(store_query_first(f->s, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", NULL, 0, &st,
	                                   &found, &e), 0);
	assert_true(found);
	assert_string_equal(store_col_text(st, 0), prev);
	store_reset(st);
	/* a single entry after them goes on from there */
	assert_int_equal(audit_write(f->s, &v[0], &e), 0);
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), 0);
	assert_int_equal(checked, N + 1);
}

/* A read transaction reads its snapshot beside a writer on another connection, and refuses to write itself. */
static void test_read_transaction(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	struct store *w;
	assert_int_equal(store_open(f->path, &w, &e), 0);
	assert_int_equal(store_begin_read(f->s, &e), 0);
	assert_true(store_in_read_tx(f->s));
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM organisations"), 1);
	/* the writer is not held up by the reader (no process mutex, no SQLite lock) */
	assert_int_equal(store_begin(w, &e), 0);
	assert_int_equal(store_exec(w, "INSERT INTO organisations (name, kind, created_at, updated_at) VALUES ('P', "
	                               "'partner', 'x', 'x')", &e), 0);
	assert_int_equal(store_commit(w, &e), 0);
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM organisations"), 1); /* its own snapshot */
	/* a write in the read transaction fails before it runs, by statement and by exec */
	struct store_stmt *st;
	assert_int_equal(store_prepare(f->s, "UPDATE organisations SET name = 'Q' WHERE id = 1", &st, &e), 0);
	assert_int_equal(store_step(st, &e), -ERR_INTERNAL);
	assert_non_null(strstr(e.message, "read transaction"));
	assert_int_equal(store_exec(f->s, "DELETE FROM organisations", &e), ERR_INTERNAL);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_false(store_in_read_tx(f->s));
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM organisations WHERE name = 'O'"), 1);
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM organisations"), 2);
	/* outside it the same statement writes */
	assert_int_equal(store_prepare(f->s, "UPDATE organisations SET name = 'Q' WHERE id = 1", &st, &e), 0);
	assert_int_equal(store_step(st, &e), STORE_DONE);
	store_close(w);
}

struct reader_arg {
	const char *path;
	int64_t uid, session_id;
	int entries;
	bool keep;
	int rc;
};

/* One read as the server serves it: a read transaction, its audit entries queued, committed by the appender. */
static void *one_read(void *p)
{
	struct reader_arg *a = p;
	struct err e = {0};
	struct store *s;
	if ((a->rc = store_open(a->path, &s, &e)))
		return NULL;
	a->rc = store_begin_read(s, &e);
	audit_defer_begin();
	for (int i = 0; i < a->entries && !a->rc; i++) {
		struct audit_entry en = {.user_id = a->uid, .org_id = 1, .role = "counsellor", .action = "read",
		                         .entity = "clients", .entity_id = i + 1, .client_id = i + 1};
		a->rc = audit_write(s, &en, &e);
	}
	if (!a->rc && a->session_id)
		a->rc = audit_defer_session_seen(a->session_id, "2099-01-01T00:00:00Z", &e);
	store_commit(s, &e);
	int end = audit_defer_end(a->keep, &e);
	if (!a->rc)
		a->rc = end;
	store_close(s);
	return NULL;
}

/* Reads from many threads: every kept entry is written once, in one unbroken chain, before its read returns; a
 * dropped read writes nothing; the session's last-seen time is set with the batch. */
static void test_audit_group(void **state)
{
	struct fx *f = *state;
	struct err e = {0};
	char token[AUTH_TOKEN_HEX + 1], csrf[AUTH_TOKEN_HEX + 1];
	int64_t sid = 0;
	assert_int_equal(auth_session_create(f->s, f->uid, "browser", NULL, token, csrf, &e), 0);
	assert_int_equal(store_query_int(f->s, "SELECT MAX(id) FROM sessions", NULL, 0, &sid, NULL, &e), 0);
	assert_false(audit_group_running());
	assert_int_equal(audit_group_start(f->path, &e), 0);
	assert_true(audit_group_running());
	enum { N = 8 };
	pthread_t t[N];
	struct reader_arg a[N];
	for (int i = 0; i < N; i++) {
		a[i] = (struct reader_arg){.path = f->path, .uid = f->uid, .entries = 3, .keep = i != 5,
		                           .session_id = i == 2 ? sid : 0};
		assert_int_equal(pthread_create(&t[i], NULL, one_read, &a[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(a[i].rc, 0);
	}
	/* each kept read's entries are there the moment it returned: count before the appender stops */
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM audit_log"), (N - 1) * 3);
	audit_group_stop();
	assert_false(audit_group_running());
	int64_t checked, broken;
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), 0);
	assert_int_equal(checked, (N - 1) * 3);
	assert_int_equal(count_of(f->s, "SELECT COUNT(*) FROM sessions WHERE last_seen_at = '2099-01-01T00:00:00Z'"), 1);
	/* an ordinary write after the group keeps the same chain */
	struct audit_entry w = {.user_id = f->uid, .org_id = 1, .role = "counsellor", .action = "update",
	                        .entity = "clients", .entity_id = 1, .client_id = 1};
	assert_int_equal(audit_write(f->s, &w, &e), 0);
	assert_int_equal(audit_verify(f->s, &checked, &broken, &e), 0);
	assert_int_equal(checked, (N - 1) * 3 + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password_hash),
		cmocka_unit_test(test_password_policy),
		cmocka_unit_test_setup_teardown(test_session_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_throttling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_group, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
