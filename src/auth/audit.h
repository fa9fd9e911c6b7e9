/* audit: an append-only, hash-chained log of who read or changed which personal data, when, and in what role.
 * Each entry's hash = BLAKE2b-256 over the previous entry's hash and this entry's fields, so a changed or deleted
 * row breaks the chain at that point; audit_verify finds the first broken link. A change's entries are written in
 * its own transaction: no change lands without its audit entry. A read's entries are group-committed (below). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "auth/auth.h"
#include "store/store.h"

struct audit_entry {
	int64_t user_id, org_id;
	const char *role;
	const char *action;  /* read, list, create, update, archive, export, erase, login, ... */
	const char *entity;
	int64_t entity_id;   /* 0 = none */
	int64_t client_id;   /* the person whose data it is; 0 = none */
	const char *detail;  /* never personal data: ids, field names, counts */
	/* The other clients whose data the entry showed (a list names each client it listed): each gets a row in
	 * audit_subjects, so the entry is in every one's access log (audit_of_client, the export). The detail names
	 * them too ("ids=..."), so the chain covers them. */
	const int64_t *subjects;
	size_t nsubjects;
};

int audit_write(struct store *s, const struct audit_entry *a, struct err *e);
/* Convenience for a request's principal. */
int audit_principal(struct store *s, const struct principal *p, const char *action, const char *entity,
                    int64_t entity_id, int64_t client_id, const char *detail, struct err *e);
/* The one entry of an answer that showed several clients (a list: action "list", entity_id 0; a vacancy's matches):
 * the clients (ids[0..n), repeats allowed) as its subjects, and as its detail "<what>ids=1,2,3" (what: "" or a word
 * and a space). Writes nothing when n is 0. */
int audit_principal_subjects(struct store *s, const struct principal *p, const char *action, const char *entity,
                             int64_t entity_id, const char *what, const int64_t *ids, size_t n, struct err *e);
/* The chain's two steps, for writers of several entries in one transaction (audit_write, the appender): lock the
 * chain and read its last hash into prev, then append entries in order, each moving prev on. */
int audit_chain_lock(struct store *s, char prev[65], struct err *e);
int audit_chain_append(struct store *s, char prev[65], const char *at, const struct audit_entry *a, struct err *e);
/* The same for n entries (a[i] written at at[i]), per_statement rows an INSERT (at most 16; 0: the store's choice,
 * 16 on PostgreSQL, where each statement is a round trip, and 1 on SQLite). */
int audit_chain_append_n(struct store *s, char prev[65], size_t n, const char *const at[],
                         const struct audit_entry *const a[], size_t per_statement, struct err *e);

/* Group commit of what a read writes (audit_group.c). A read runs in a read transaction and writes nothing itself:
 * between audit_defer_begin and audit_defer_end, this thread's audit_write calls (and its session's last-seen time)
 * are queued, copied, with the time of the read. audit_defer_end(true) hands them to the process's appender thread
 * and waits until they are committed: the appender writes everything queued by every request since its last batch in
 * one transaction, chaining the entries in order, so many reads share one commit and none is answered unaudited.
 * Several processes on one PostgreSQL database keep one chain: each batch takes the chain's advisory lock. */
int audit_group_start(const char *db_url, struct err *e);
/* Commits what is queued, then ends the appender. */
void audit_group_stop(void);
bool audit_group_running(void);
void audit_defer_begin(void);
bool audit_deferring(void);
int audit_defer_entry(const struct audit_entry *a, const char *at, struct err *e);
/* The session's last-seen time, set by the appender with the batch (auth_session_lookup in a read). */
int audit_defer_session_seen(int64_t session_id, const char *at, struct err *e);
/* keep: commit the queue and wait (ERR_UNAVAILABLE when the batch failed: the read must not be answered); !keep: drop
 * it (the read failed and answers nothing of the data). Ends the deferral either way. */
int audit_defer_end(bool keep, struct err *e);
/* Whether this thread's deferral has queued anything (a read that wrote no entry has nothing to wait for). */
bool audit_defer_pending(void);
/* audit_defer_end(true) without waiting, for a server that parks the connection meanwhile: on_done(ctx, rc, e) runs
 * once, on the appender's thread, when the batch is committed (rc 0) or has failed. 0: on_done will be called; else
 * it will not (the appender is stopping or draining, or out of memory: e says why). Ends the deferral either way. */
typedef void (*audit_done_fn)(void *ctx, int rc, const struct err *e);
int audit_defer_end_async(audit_done_fn on_done, void *ctx, struct err *e);
/* Refuses asynchronous ends from now on and waits until every on_done queued has run: a stopping server calls it
 * before it closes the connections those callbacks would resume. */
void audit_group_drain(void);

/* Verifies the whole chain: 0 with *checked rows when intact; ERR_CONFLICT with *broken_id = first bad entry. */
int audit_verify(struct store *s, int64_t *checked, int64_t *broken_id, struct err *e);
/* The newest entries (at most 500) about client_id of organisation org_id, newest first: {id, at, user_id,
 * user_name, role, action, entity, entity_id, detail}, the lists that showed the client included (their detail,
 * which names other clients, left out). *items is the caller's. */
int audit_of_client(struct store *s, int64_t org_id, int64_t client_id, json_t **items, struct err *e);
