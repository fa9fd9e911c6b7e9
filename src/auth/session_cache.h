/* session_cache: a server's brief memory of the sessions it has looked up, so that a read on PostgreSQL is one
 * statement (the data), not two (the session, then the data).
 *
 * What it promises:
 * - It is on only in a server on PostgreSQL whose listener (LISTEN osaaja_sessions) is connected. Triggers on
 *   users and sessions (migration 0028) notify that channel when any process changes or deletes a row, so a
 *   logout, a role change or an archived account on any server or in the CLI empties every server's cache as soon
 *   as that server hears the notification (milliseconds). While the listener is not connected nothing is cached.
 * - This server's own write requests empty it after they commit (session_cache_forget_all), so a request after
 *   a logout here never sees the ended session.
 * - An entry lives at most SESSION_CACHE_S seconds, and only while its session's last-seen time is fresh and its
 *   absolute expiry is further away than that: the idle and absolute limits are read from the database as before.
 * - A lookup that started before the cache was emptied does not refill it (a generation number), so a stale row read
 *   just before a notification is not kept.
 * On SQLite (one process owns the file; a lookup is a function call) it stays off. */
#ifndef OSAAJA_AUTH_SESSION_CACHE_H
#define OSAAJA_AUTH_SESSION_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "auth/auth.h"
#include "core/err.h"

enum { SESSION_CACHE_S = 2 };

/* Starts the listener on PostgreSQL (its own connection, reconnecting with a backoff); on SQLite does nothing. */
int session_cache_start(const char *db_url, struct err *e);
void session_cache_stop(void);
/* Whether entries are served now (started, on PostgreSQL, listener connected); for tests and the log. */
bool session_cache_on(void);

/* The principal of the session whose token hashes to hash, if cached and still good at now: true. Otherwise false,
 * and *gen is the generation to pass to session_cache_put after the database lookup (0: do not put). */
bool session_cache_get(const char *hash, time_t now, struct principal *p, uint64_t *gen);
/* Keeps p for hash, read from the database at generation gen (nothing when the cache was emptied since). */
void session_cache_put(const char *hash, const struct principal *p, uint64_t gen, time_t now);
/* Forgets every entry: a session or an account may have changed. */
void session_cache_forget_all(void);

#endif
