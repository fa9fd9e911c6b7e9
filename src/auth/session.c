/* session: database-stored sessions and API tokens (so any server behind a load balancer accepts them), logins
 * and their throttling. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "auth/auth.h"
#include "auth/session_cache.h"
#include "store/entity_store.h"

enum { BROWSER_ABSOLUTE_S = 12 * 3600, BROWSER_IDLE_S = 2 * 3600, API_S = 365 * 24 * 3600 };
/* The last-seen time moves in steps of this much: a session in use writes once a minute, not once a request. */
enum { SEEN_GRAIN_S = 60 };
/* Throttling (issue 19): an address that fails many logins (any accounts) is refused for the window; an account is
 * slowed, never locked: after FREE_FAILS failures from one address the next try from that address waits a delay
 * that doubles with each failure (at most MAX_DELAY_S), and failures from all addresses together slow the account
 * by at most SPREAD_DELAY_S, so nobody can lock another person out by typing wrong passwords for them. */
enum {
	THROTTLE_WINDOW_S = 15 * 60,
	MAX_FAIL_ADDRESS = 30,
	FREE_FAILS = 3,
	FIRST_DELAY_S = 15,
	MAX_DELAY_S = 300,
	SPREAD_FREE_FAILS = 10,
	SPREAD_DELAY_S = 30,
};

int auth_session_create(struct store *s, int64_t user_id, const char *kind, const char *label,
                        char token[AUTH_TOKEN_HEX + 1], char csrf[AUTH_TOKEN_HEX + 1], struct err *e)
{
	auth_random_token(token);
	auth_random_token(csrf);
	char hash[65], now[21], exp[21];
	auth_hash_hex(token, strlen(token), hash);
	time_t t = time(NULL);
	store_time(t, now);
	store_time(t + (strcmp(kind, "api") == 0 ? API_S : BROWSER_ABSOLUTE_S), exp);
	const struct store_param p[] = {STORE_P_TEXT(hash), STORE_P_INT(user_id), STORE_P_TEXT(csrf), STORE_P_TEXT(kind),
	                                STORE_P_TEXT(label), STORE_P_TEXT(now),   STORE_P_TEXT(exp)};
	return store_run(s,
	                 "INSERT INTO sessions (token_hash, user_id, csrf_token, kind, label, created_at, expires_at, "
	                 "last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)",
	                 p, STORE_NPARAMS(p), NULL, e);
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

int auth_session_lookup(struct store *s, const char *token, struct principal *p, struct err *e)
{
	memset(p, 0, sizeof *p);
	if (!token || strlen(token) != AUTH_TOKEN_HEX)
		return err_set(e, ERR_UNAUTH, "", "please log in");
	char hash[65], now[21], idle[21];
	auth_hash_hex(token, strlen(token), hash);
	time_t t = time(NULL);
	store_time(t, now);
	store_time(t - BROWSER_IDLE_S, idle);
	uint64_t gen;
	if (session_cache_get(hash, t, p, &gen))
		return 0;
	struct store_stmt *st;
	const struct store_param params[] = {STORE_P_TEXT(hash), STORE_P_TEXT(now), STORE_P_TEXT(idle)};
	bool found;
	int rc = store_query_first(s,
	                       "SELECT s.id, s.kind, s.csrf_token, u.id, u.organisation_id, u.role, u.email, u.name, "
	                       "u.lang, u.employer_id, s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
	                       "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.archived_at IS NULL "
	                       "AND (s.kind = 'api' OR s.last_seen_at > ?3)",
	                       params, 3, &st, &found, e);
	if (rc)
		return rc;
	if (!found)
		return err_set(e, ERR_UNAUTH, "", "your session has ended; please log in again");
	p->session_id = store_col_int(st, 0);
	p->via_api_token = strcmp(store_col_text(st, 1), "api") == 0;
	copy(p->csrf, sizeof p->csrf, store_col_text(st, 2));
	p->user_id = store_col_int(st, 3);
	p->org_id = store_col_int(st, 4);
	if (role_parse(store_col_text(st, 5), &p->role)) {
		store_reset(st);
		return err_set(e, ERR_UNAUTH, "", "this account has no valid role");
	}
	copy(p->email, sizeof p->email, store_col_text(st, 6));
	copy(p->name, sizeof p->name, store_col_text(st, 7));
	copy(p->lang, sizeof p->lang, store_col_text(st, 8));
	p->employer_id = store_col_int(st, 9);
	char fresh[21];
	store_time(t - SEEN_GRAIN_S, fresh);
	const char *seen_at = store_col_text(st, 10);
	const bool stale = !seen_at || strcmp(seen_at, fresh) < 0;
	char later[21];
	store_time(t + SESSION_CACHE_S, later);
	const char *expires = store_col_text(st, 11);
	const bool lasts = expires && strcmp(expires, later) > 0;
	store_reset(st);
	if (!stale) {
		/* Fresh, and not ending within the cache's lifetime: the next reads of this second need no statement. */
		if (lasts)
			session_cache_put(hash, p, gen, t);
		return 0;
	}
	/* Sliding idle expiry; a failure here must not fail the request. A read writes nothing itself: the audit
	 * appender sets the time with the read's audit entries. */
	struct err ignored = {0};
	if (audit_deferring()) {
		audit_defer_session_seen(p->session_id, now, &ignored);
		return 0;
	}
	const struct store_param seen[] = {STORE_P_TEXT(now), STORE_P_INT(p->session_id)};
	store_run(s, "UPDATE sessions SET last_seen_at = ?1 WHERE id = ?2", seen, 2, NULL, &ignored);
	return 0;
}

int auth_session_delete(struct store *s, const char *token, struct err *e)
{
	char hash[65];
	auth_hash_hex(token, strlen(token), hash);
	const struct store_param p[] = {STORE_P_TEXT(hash)};
	return store_run(s, "DELETE FROM sessions WHERE token_hash = ?1", p, 1, NULL, e);
}

int auth_session_delete_user(struct store *s, int64_t user_id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(user_id)};
	return store_run(s, "DELETE FROM sessions WHERE user_id = ?1", p, 1, NULL, e);
}

/* Failures since `since` for the account (and, with address, from that address only), and the newest one's time. */
static int failures(struct store *s, const char *email, const char *address, const char *since, int64_t *n,
                    char newest[21], struct err *e)
{
	const struct store_param p[] = {STORE_P_TEXT(email), STORE_P_TEXT(since), STORE_P_TEXT(address ? address : "")};
	struct store_stmt *st;
	bool found;
	int rc = store_query_first(s,
	                           address ? "SELECT COUNT(*), MAX(at) FROM login_attempts WHERE email = ?1 AND at > ?2 AND "
	                                     "ok = 0 AND address = ?3"
	                                   : "SELECT COUNT(*), MAX(at) FROM login_attempts WHERE email = ?1 AND at > ?2 AND "
	                                     "ok = 0",
	                           p, address ? 3 : 2, &st, &found, e);
	if (rc)
		return rc;
	*n = found ? store_col_int(st, 0) : 0;
	copy(newest, 21, found && store_col_text(st, 1) ? store_col_text(st, 1) : "");
	if (found)
		store_reset(st);
	return 0;
}

/* Seconds still to wait after n failures, the newest at `newest`, with free failures and a doubling delay. */
static long wait_left(int64_t n, int64_t free_fails, long max_delay, const char *newest, time_t now)
{
	if (n < free_fails || !newest[0])
		return 0;
	long delay = FIRST_DELAY_S; /* after the free failures; then doubling */
	for (int64_t i = free_fails + 1; i <= n && delay < max_delay; i++)
		delay *= 2;
	if (delay > max_delay)
		delay = max_delay;
	struct tm tm = {0};
	if (!strptime(newest, "%Y-%m-%dT%H:%M:%S", &tm))
		return 0;
	long left = (long)(timegm(&tm) + delay - now);
	return left > 0 ? left : 0;
}

int auth_login(struct store *s, const char *email, const char *password, const char *address, int64_t *user_id,
               struct err *e)
{
	char now[21], since[21], newest[21];
	time_t t = time(NULL);
	store_time(t, now);
	store_time(t - THROTTLE_WINDOW_S, since);
	int64_t fails = 0;
	const struct store_param addr_p[] = {STORE_P_TEXT(address), STORE_P_TEXT(since)};
	int rc = store_count(s, "SELECT COUNT(*) FROM login_attempts WHERE address = ?1 AND at > ?2 AND ok = 0", addr_p, 2,
	                     &fails, NULL, e);
	if (rc)
		return rc;
	if (fails >= MAX_FAIL_ADDRESS)
		return err_key(e, ERR_THROTTLED, "", "throttled", "too many failed logins from this address; wait 15 minutes");
	long left = 0;
	if ((rc = failures(s, email, address, since, &fails, newest, e)))
		return rc;
	left = wait_left(fails, FREE_FAILS, MAX_DELAY_S, newest, t);
	if (!left) {
		if ((rc = failures(s, email, NULL, since, &fails, newest, e)))
			return rc;
		left = wait_left(fails, SPREAD_FREE_FAILS, SPREAD_DELAY_S, newest, t);
	}
	if (left)
		return err_key(e, ERR_THROTTLED, "", "throttled",
		               "too many failed logins for this account; try again in %ld seconds", left);

	struct store_stmt *st;
	const struct store_param who[] = {STORE_P_TEXT(email)};
	bool found;
	if ((rc = store_query_first(s, "SELECT id, password_hash FROM users WHERE email = ?1 AND archived_at IS NULL",
	                            who, 1, &st, &found, e)))
		return rc;
	bool ok = false;
	if (found) {
		*user_id = store_col_int(st, 0);
		char hash[AUTH_HASH_MAX];
		copy(hash, sizeof hash, store_col_text(st, 1));
		store_reset(st);
		ok = auth_password_verify(hash, password);
	} else {
		/* Spend the same time as a real verification so response time does not reveal unknown accounts. */
		char dummy[AUTH_HASH_MAX];
		struct err ignored = {0};
		auth_password_hash("timing-equaliser", dummy, &ignored);
	}
	const struct store_param attempt[] = {STORE_P_TEXT(email), STORE_P_TEXT(address), STORE_P_TEXT(now),
	                                      STORE_P_INT(ok)};
	if ((rc = store_run(s, "INSERT INTO login_attempts (email, address, at, ok) VALUES (?1, ?2, ?3, ?4)", attempt, 4,
	                    NULL, e)))
		return rc;
	if (!ok)
		return err_set(e, ERR_UNAUTH, "email", "the e-mail address or the password is wrong");
	return 0;
}

int auth_session_delete_others(struct store *s, int64_t user_id, int64_t keep_session_id, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "DELETE FROM sessions WHERE user_id = ?1 AND id <> ?2", &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, user_id);
	store_bind_int(st, 2, keep_session_id);
	if ((rc = store_step(st, e)) < 0)
		return -rc;
	store_reset(st);
	return 0;
}

int auth_password_set(struct store *s, int64_t user_id, const char *hash, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "UPDATE users SET password_hash = ?1 WHERE id = ?2", &st, e);
	if (rc)
		return rc;
	store_bind_text(st, 1, hash, -1);
	store_bind_int(st, 2, user_id);
	if ((rc = store_step(st, e)) < 0)
		return -rc;
	store_reset(st);
	return 0;
}
