/* match live: the process's one live match index and how it keeps current. `osaaja serve` starts it once
 * (match_live_start: load the index from the store; on PostgreSQL also a listener thread), subscribes
 * match_live_note to the server's after-commit change notes, answers queries through match_live_query, and stops
 * it once (match_live_stop).
 *
 * Keeping current: every committed change note (entity, row id) is mapped to the index record it belongs to
 * (a client, an open vacancy, a course) from the entity table (src/domain/entities.c: a row of an entity the
 * index reads is the record itself, or hangs on it through its parent link), that record is re-read from the store
 * (match_index_refresh_*), and on PostgreSQL the other servers are told through NOTIFY on channel osaaja_changes
 * ("client:ID", "vacancy:ID", "course:ID"). The listener refreshes the records other servers name; a listener that
 * loses its connection reconnects and reloads the whole index, so it catches up on what it missed.
 * What changes by the date alone (a consent dated in the future starts at midnight, a withdrawal dated in the future
 * takes effect) has no write to note: each client in the index keeps the day its consent may change, and a query
 * first re-reads the clients due by today through the caller's store (match_index_recheck), so no answer is a day
 * stale. Usually none is due and that costs one comparison.
 *
 * Threads: every function may be called from any thread; queries run concurrently with refreshes and reloads.
 * Ownership: the live index belongs to this module; results live in the caller's arena (see match.h). */
#pragma once
#include <stdint.h>

#include "core/err.h"
#include "match/match.h"

struct arena;
struct store;

/* Loads the index from s (which may be closed after the call) and, when db_url names PostgreSQL, starts the
 * listener on its own connection to db_url. Call once; 0, or an ERR_* code with e filled. */
int match_live_start(struct store *s, const char *db_url, struct err *e);
/* Stops the listener and frees the index; queries afterwards get ERR_UNAVAILABLE. */
void match_live_stop(void);

/* A committed change of row id of entity (an entity table name, e.g. "client-skills"): refreshes the index record it
 * belongs to through s and tells the other servers. Rows the index does not read are ignored. Failures are logged,
 * never returned: the write has committed; the record's next change or the next reload catches up. Matches
 * web_change_hook. */
void match_live_note(struct store *s, const char *entity, int64_t id);

/* match_for_client / match_for_vacancy on the live index, after re-reading through s the clients whose consent
 * changes by today (match_index_recheck; a failure is logged and the query answers from what the index holds);
 * ERR_UNAVAILABLE when it is not loaded. */
int match_live_query(struct store *s, enum match_subject subject, int64_t id, const struct match_query *q, struct arena *a,
                     struct match_result **out, struct err *e);
/* match_concept_label on the live index; 0 with *label NULL when it is not loaded. */
int match_live_concept_label(const char *uri, const char *lang, struct arena *a, const char **label,
                             const char **label_lang);
