/* audit_group: the appender that group-commits what reads write (their audit entries and their sessions' last-seen
 * times). One per process; requests queue on its mutex and sleep until their batch is committed. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/audit.h"
#include "core/log.h"
#include "core/strmap.h"

enum item_kind { ITEM_AUDIT, ITEM_SEEN };

struct item {
	enum item_kind kind;
	struct audit_entry a; /* its strings are owned copies */
	int64_t session_id;
	char at[21];
};

/* One request waiting for its batch: on its own stack, linked into the queue until the appender answers it. Its
 * own condition, so that an answered batch wakes only its requests, not those already queued for the next one. */
struct waiter {
	struct waiter *next;
	pthread_cond_t answered;
	bool done;
	int rc;
	struct err err;
	audit_done_fn on_done; /* an asynchronous waiter (malloc'd, freed by the appender): called instead of signalled */
	void *ctx;
};

struct queue {
	struct item *v;
	size_t n, cap;
};

/* How long the appender waits, at most, for the reads still being served before it writes a batch. A read in flight
 * hands its entries over within its own work (tens of microseconds), so waiting for it lets one commit carry the
 * reads of every worker instead of one or two: on PostgreSQL a batch is five statements and a commit, which on a
 * loaded server cost more than the reads themselves. With no other read in flight nothing waits. */
enum { COALESCE_US = 1000 };

static struct {
	pthread_mutex_t mu;
	pthread_cond_t work;
	struct queue q;
	struct waiter *waiters;
	bool running, stopping;
	bool no_async; /* audit_group_drain: the server is stopping; what is asynchronous now is refused */
	size_t async_out; /* asynchronous waiters queued or being answered */
	pthread_cond_t drained;
	pthread_t thread;
	struct store *store;
	atomic_long inflight; /* reads between audit_defer_begin and their hand-over or end */
} g = {.mu = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER, .drained = PTHREAD_COND_INITIALIZER};

/* This thread's deferral: the items of the read it is serving. */
static _Thread_local struct {
	bool on;
	struct queue q;
} tl;

static void item_free(struct item *it)
{
	free((char *)it->a.role);
	free((char *)it->a.action);
	free((char *)it->a.entity);
	free((char *)it->a.detail);
	free((int64_t *)it->a.subjects);
}

static void queue_clear(struct queue *q)
{
	for (size_t i = 0; i < q->n; i++)
		item_free(&q->v[i]);
	free(q->v);
	*q = (struct queue){0};
}

static struct item *queue_add(struct queue *q)
{
	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 8;
		struct item *v = realloc(q->v, cap * sizeof *v);
		if (!v)
			return NULL;
		q->v = v;
		q->cap = cap;
	}
	struct item *it = &q->v[q->n++];
	memset(it, 0, sizeof *it);
	return it;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The list subjects this process has linked today (audit_subjects keeps one row per client, day, user and what was
 * read, and a caseload or a search names the same clients all day): "client:user:entity:id" keys of committed rows,
 * for `day`. A subject
 * found here needs no statement, and an entry left with none is written in the ordinary multi-row INSERT. Only the
 * appender thread uses it; cleared when the day changes or it grows past SUBJECTS_SEEN_MAX. */
enum { SUBJECTS_SEEN_MAX = 1 << 20 };
static struct {
	struct strmap keys;
	char day[11];
} seen;

static void seen_key(char *k, size_t cap, int64_t client_id, const struct audit_entry *a)
{
	snprintf(k, cap, "%lld:%lld:%s:%lld", (long long)client_id, (long long)a->user_id, a->entity ? a->entity : "",
	         (long long)a->entity_id);
}

/* Leaves in each entry of the batch only the subjects not yet linked today (the copies are the queue's to free). */
static void subjects_unseen(struct queue *q)
{
	for (size_t i = 0; i < q->n; i++) {
		struct audit_entry *a = &q->v[i].a;
		if (q->v[i].kind != ITEM_AUDIT || !a->nsubjects || strncmp(q->v[i].at, seen.day, 10) != 0)
			continue;
		int64_t *v = (int64_t *)a->subjects;
		size_t kept = 0;
		for (size_t j = 0; j < a->nsubjects; j++) {
			char k[128];
			seen_key(k, sizeof k, v[j], a);
			if (!strmap_get(&seen.keys, k))
				v[kept++] = v[j];
		}
		a->nsubjects = kept;
	}
}

/* After a committed batch: its subjects are linked (today's; an entry of another day starts a new day). */
static void subjects_seen(const struct queue *q)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct audit_entry *a = &q->v[i].a;
		if (q->v[i].kind != ITEM_AUDIT || !a->nsubjects)
			continue;
		if (strncmp(q->v[i].at, seen.day, 10) != 0 || seen.keys.n > SUBJECTS_SEEN_MAX) {
			if (strncmp(q->v[i].at, seen.day, 10) < 0)
				continue; /* an older day's entry (a batch across midnight): not worth a new map */
			strmap_free(&seen.keys);
			snprintf(seen.day, sizeof seen.day, "%.10s", q->v[i].at);
		}
		for (size_t j = 0; j < a->nsubjects; j++) {
			char k[128];
			seen_key(k, sizeof k, a->subjects[j], a);
			if (strmap_put(&seen.keys, k, 1)) {
				strmap_free(&seen.keys); /* out of memory: forget, the statements still dedupe */
				return;
			}
		}
	}
}

/* One batch in one transaction: the entries chained in queue order, each session's newest last-seen time once. */
static int write_batch(struct store *s, const struct queue *q, struct err *e)
{
	int rc = store_begin(s, e);
	if (rc)
		return rc;
	char prev[65];
	size_t na = 0;
	const char **at = malloc((q->n ? q->n : 1) * sizeof *at);
	const struct audit_entry **a = malloc((q->n ? q->n : 1) * sizeof *a);
	if (!at || !a)
		rc = err_oom(e);
	for (size_t i = 0; i < q->n && !rc; i++)
		if (q->v[i].kind == ITEM_AUDIT) {
			at[na] = q->v[i].at;
			a[na++] = &q->v[i].a;
		}
	if (!rc && na && !(rc = audit_chain_lock(s, prev, e)))
		rc = audit_chain_append_n(s, prev, na, at, a, 0, e);
	free(at);
	free(a);
	for (size_t i = 0; i < q->n && !rc; i++) {
		const struct item *it = &q->v[i];
		bool newer_later = false;
		for (size_t j = i + 1; j < q->n && !newer_later; j++)
			newer_later = q->v[j].kind == ITEM_SEEN && q->v[j].session_id == it->session_id;
		if (it->kind != ITEM_SEEN || newer_later)
			continue;
		const struct store_param p[] = {STORE_P_TEXT(it->at), STORE_P_INT(it->session_id)};
		rc = store_run(s, "UPDATE sessions SET last_seen_at = ?1 WHERE id = ?2 AND last_seen_at < ?1", p, 2, NULL, e);
	}
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

static void *appender(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&g.mu);
	for (;;) {
		while (!g.q.n && !g.stopping)
			pthread_cond_wait(&g.work, &g.mu);
		if (!g.q.n && g.stopping)
			break;
		if (atomic_load(&g.inflight) > 0 && !g.stopping) {
			struct timespec until = {0};
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_nsec += COALESCE_US * 1000L;
			if (until.tv_nsec >= 1000000000L) {
				until.tv_sec++;
				until.tv_nsec -= 1000000000L;
			}
			while (atomic_load(&g.inflight) > 0 && !g.stopping &&
			       pthread_cond_timedwait(&g.work, &g.mu, &until) != ETIMEDOUT)
				;
		}
		/* Take everything queued: the requests that arrived while the last batch was written share this one. */
		struct queue batch = g.q;
		struct waiter *ws = g.waiters;
		g.q = (struct queue){0};
		g.waiters = NULL;
		pthread_mutex_unlock(&g.mu);

		struct err e = {0};
		subjects_unseen(&batch);
		int rc = g.store ? write_batch(g.store, &batch, &e) : ERR_UNAVAILABLE;
		if (rc == ERR_UNAVAILABLE && g.store && store_kind(g.store) == STORE_POSTGRES && !store_reconnect(g.store, &e))
			rc = write_batch(g.store, &batch, &e); /* the database restarted: once more on a new connection */
		if (!rc)
			subjects_seen(&batch);
		if (rc) {
			if (!e.message[0])
				err_set(&e, ERR_UNAVAILABLE, "", "the audit log could not be written");
			log_error("event=audit_batch_failed entries=%zu code=%s message=\"%s\"", batch.n, err_code_name(e.code),
			          e.message);
		}
		queue_clear(&batch);

		/* The asynchronous waiters are answered outside the mutex (their callback resumes a connection in the HTTP
		 * library, which takes its own locks); then the blocked ones are woken. */
		size_t nasync = 0;
		for (struct waiter *w = ws, *next, **link = &ws; w; w = next) {
			next = w->next;
			if (!w->on_done) {
				link = &w->next;
				continue;
			}
			*link = next;
			w->on_done(w->ctx, rc, &e);
			free(w);
			nasync++;
		}
		pthread_mutex_lock(&g.mu);
		g.async_out -= nasync;
		if (nasync && !g.async_out)
			pthread_cond_broadcast(&g.drained);
		for (struct waiter *w = ws, *next; w; w = next) {
			next = w->next; /* w may be gone once it is signalled and the mutex is let go */
			w->rc = rc;
			w->err = e;
			w->done = true;
			pthread_cond_signal(&w->answered);
		}
	}
	pthread_mutex_unlock(&g.mu);
	return NULL;
}

int audit_group_start(const char *db_url, struct err *e)
{
	if (g.running)
		return err_set(e, ERR_INTERNAL, "", "the audit appender is already running");
	int rc = store_open(db_url, &g.store, e);
	if (rc)
		return rc;
	g.stopping = false;
	g.no_async = false;
	if (pthread_create(&g.thread, NULL, appender, NULL)) {
		store_close(g.store);
		g.store = NULL;
		return err_set(e, ERR_UNAVAILABLE, "", "cannot start the audit appender thread");
	}
	g.running = true;
	return 0;
}

void audit_group_stop(void)
{
	if (!g.running)
		return;
	pthread_mutex_lock(&g.mu);
	g.stopping = true;
	pthread_cond_signal(&g.work);
	pthread_mutex_unlock(&g.mu);
	pthread_join(g.thread, NULL);
	strmap_free(&seen.keys);
	seen.day[0] = 0;
	store_close(g.store);
	g.store = NULL;
	g.running = false;
}

bool audit_group_running(void)
{
	return g.running;
}

void audit_defer_begin(void)
{
	queue_clear(&tl.q);
	if (!tl.on)
		atomic_fetch_add(&g.inflight, 1);
	tl.on = true;
}

/* This thread's read stops deferring (g.mu held): the appender need not wait for it any longer. */
static void defer_off(void)
{
	if (!tl.on)
		return;
	tl.on = false;
	if (atomic_fetch_sub(&g.inflight, 1) == 1)
		pthread_cond_signal(&g.work);
}

bool audit_deferring(void)
{
	return tl.on;
}

int audit_defer_entry(const struct audit_entry *a, const char *at, struct err *e)
{
	struct item *it = queue_add(&tl.q);
	if (!it)
		return err_oom(e);
	it->kind = ITEM_AUDIT;
	it->a = *a;
	it->a.role = dup_or_null(a->role);
	it->a.action = dup_or_null(a->action);
	it->a.entity = dup_or_null(a->entity);
	it->a.detail = dup_or_null(a->detail);
	int64_t *subjects = a->nsubjects ? malloc(a->nsubjects * sizeof *subjects) : NULL;
	if (subjects)
		memcpy(subjects, a->subjects, a->nsubjects * sizeof *subjects);
	it->a.subjects = subjects;
	snprintf(it->at, sizeof it->at, "%s", at);
	if ((a->role && !it->a.role) || (a->action && !it->a.action) || (a->entity && !it->a.entity) ||
	    (a->detail && !it->a.detail) || (a->nsubjects && !subjects)) {
		item_free(it);
		tl.q.n--;
		return err_oom(e);
	}
	return 0;
}

int audit_defer_session_seen(int64_t session_id, const char *at, struct err *e)
{
	struct item *it = queue_add(&tl.q);
	if (!it)
		return err_oom(e);
	it->kind = ITEM_SEEN;
	it->session_id = session_id;
	snprintf(it->at, sizeof it->at, "%s", at);
	return 0;
}

/* Moves this thread's queue to the appender's and links w to be answered with that batch (g.mu held). */
static int hand_over(struct waiter *w, struct err *e)
{
	if (!g.running || g.stopping || (w->on_done && g.no_async))
		return err_set(e, ERR_UNAVAILABLE, "", "the audit log is not being written (the server is stopping)");
	for (size_t i = 0; i < tl.q.n; i++) { /* the appender frees them */
		struct item *it = queue_add(&g.q);
		if (!it)
			return err_oom(e); /* the ones moved go into the batch: at worst an entry more than answered */
		*it = tl.q.v[i];
		tl.q.v[i] = (struct item){0};
	}
	w->next = g.waiters;
	g.waiters = w;
	pthread_cond_signal(&g.work);
	return 0;
}

bool audit_defer_pending(void)
{
	return tl.on && tl.q.n > 0;
}

int audit_defer_end(bool keep, struct err *e)
{
	if (!keep || !tl.q.n) {
		pthread_mutex_lock(&g.mu);
		defer_off();
		pthread_mutex_unlock(&g.mu);
		queue_clear(&tl.q);
		return 0;
	}
	struct waiter w = {.answered = PTHREAD_COND_INITIALIZER};
	pthread_mutex_lock(&g.mu);
	defer_off();
	int rc = hand_over(&w, e);
	while (!rc && !w.done)
		pthread_cond_wait(&w.answered, &g.mu);
	pthread_mutex_unlock(&g.mu);
	pthread_cond_destroy(&w.answered);
	queue_clear(&tl.q);
	if (!rc && w.rc)
		*e = w.err;
	return rc ? rc : w.rc;
}

int audit_defer_end_async(audit_done_fn on_done, void *ctx, struct err *e)
{
	struct waiter *w = calloc(1, sizeof *w);
	int rc = w ? 0 : err_oom(e);
	pthread_mutex_lock(&g.mu);
	defer_off();
	if (!rc) {
		w->on_done = on_done;
		w->ctx = ctx;
		if (!(rc = hand_over(w, e)))
			g.async_out++;
	}
	pthread_mutex_unlock(&g.mu);
	if (rc)
		free(w);
	queue_clear(&tl.q);
	return rc;
}

void audit_group_drain(void)
{
	pthread_mutex_lock(&g.mu);
	g.no_async = true;
	while (g.async_out)
		pthread_cond_wait(&g.drained, &g.mu);
	pthread_mutex_unlock(&g.mu);
}
