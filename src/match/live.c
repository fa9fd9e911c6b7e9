/* match live: the process's live match index: its lifetime, the after-commit change notes that keep it current, the
 * PostgreSQL listener that hears other servers' changes, and queries on it (see live.h). */
#include "match/live.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/tls.h"
#include "domain/entity.h"
#include "match/internal.h"
#include "store/entity_store.h"
#include "store/listener.h"
#include "store/store.h"

static const char channel[] = "osaaja_changes";

/* Per record kind: its name in NOTIFY payloads and its refresh. */
static const struct {
	const char *name;
	int (*refresh)(struct match_index *idx, struct store *s, int64_t id, struct err *e);
} kinds[MI_KINDS] = {
	[MI_KIND_CLIENT] = {"client", match_index_refresh_client},
	[MI_KIND_VACANCY] = {"vacancy", match_index_refresh_vacancy},
	[MI_KIND_COURSE] = {"course", match_index_refresh_course},
};

static pthread_rwlock_t live_lock = PTHREAD_RWLOCK_INITIALIZER; /* guards the live pointer (swapped on reload) */
static struct match_index *live;
static struct store_listener listener;

/* match_scratch_new and match_scratch_free, typed for a tls_slot. */
static void *scratch_make(void)
{
	return match_scratch_new();
}

static void scratch_release(void *p)
{
	match_scratch_free(p);
}

/* Each thread's query buffers, kept between queries: a query without them allocates and zeroes a table of every
 * concept and one of every record (160 KB at the shipped taxonomy, megabytes at national scale) per request. Freed
 * when the thread exits, and the stopping thread's by match_live_stop. */
static struct tls_slot scratch = TLS_SLOT(scratch_make, scratch_release);

/* Which index record a changed row belongs to. The reader tables (load.c) say whether the index reads the entity's
 * table at all, and for whom; a row of a child entity names its record through its parent link (the entity table's
 * parent and parent_field: client_id, vacancy_id, course_id), read back through the generic entity store, archived
 * rows included (an archived skill must leave the profile). */
static int record_of(struct store *s, const struct entity_def *d, int64_t id, int *kind, int64_t *rid)
{
	bool own;
	int k = mi_reader_of(d->table, &own);
	if (k < 0)
		return -1;
	*kind = k;
	if (own) {
		*rid = id;
		return 0;
	}
	const struct entity_def *p = d->parent && d->parent_field ? entity_find(d->parent) : NULL;
	bool parent_own = false;
	if (!p || mi_reader_of(p->table, &parent_own) != k || !parent_own)
		return -1;
	json_t *row = NULL;
	struct err e = {0};
	if (store_entity_get(s, d, 0, id, &row, &e))
		return -1;
	json_t *v = json_object_get(row, d->parent_field);
	int rc = json_is_integer(v) ? 0 : -1;
	if (!rc)
		*rid = (int64_t)json_integer_value(v);
	json_decref(row);
	return rc;
}

static void refresh(struct store *s, int kind, int64_t id)
{
	struct err e = {0};
	int rc = 0;
	pthread_rwlock_rdlock(&live_lock); /* the index has its own lock for updates; this one only pins the pointer */
	if (live)
		rc = kinds[kind].refresh(live, s, id, &e);
	pthread_rwlock_unlock(&live_lock);
	if (rc)
		log_warn("event=match_refresh_failed kind=%s id=%lld message=\"%s\"", kinds[kind].name, (long long)id,
		         e.message);
}

void match_live_note(struct store *s, const char *entity, int64_t id)
{
	const struct entity_def *d = entity ? entity_find(entity) : NULL;
	int kind;
	int64_t rid;
	if (!d || record_of(s, d, id, &kind, &rid))
		return;
	refresh(s, kind, rid);
	if (store_kind(s) == STORE_POSTGRES) {
		char payload[64];
		snprintf(payload, sizeof payload, "%s:%lld", kinds[kind].name, (long long)rid);
		struct err e = {0};
		if (store_notify(s, channel, payload, &e))
			log_warn("event=notify_failed message=\"%s\"", e.message);
	}
}

/* Builds a new index from s and swaps it in; the old one is freed once no query holds it. */
static int reload(struct store *s, struct err *e)
{
	struct match_index *n;
	if (match_index_load(s, NULL, &n, e)) {
		log_error("event=match_index_load_failed message=\"%s\"", e->message);
		return -1;
	}
	pthread_rwlock_wrlock(&live_lock);
	struct match_index *old = live;
	live = n;
	pthread_rwlock_unlock(&live_lock);
	match_index_free(old);
	struct match_stats st = {0};
	match_index_stats(n, &st);
	log_info("event=match_index_loaded clients=%zu vacancies=%zu", st.clients, st.vacancies);
	return 0;
}

/* A NOTIFY payload "kind:id" from another server. */
static void on_notify(struct store *s, const char *payload)
{
	char name[16];
	long long id;
	if (sscanf(payload, "%15[a-z]:%lld", name, &id) != 2)
		return;
	for (int k = 0; k < MI_KINDS; k++)
		if (strcmp(name, kinds[k].name) == 0)
			refresh(s, k, id);
}

/* The listener's callbacks: catch up on whatever changed while nobody listened; each other server's change. */
static void on_connect(struct store *s, void *ctx)
{
	(void)ctx;
	struct err e = {0};
	reload(s, &e);
}

static void on_notify_cb(struct store *s, const char *payload, void *ctx)
{
	(void)ctx;
	on_notify(s, payload);
}

static void on_lost(const char *message, void *ctx)
{
	(void)ctx;
	log_warn("event=listener_lost message=\"%s\"", message);
}

int match_live_start(struct store *s, const char *url, struct err *e)
{
	if (reload(s, e))
		return e->code ? (int)e->code : ERR_INTERNAL;
	if (store_kind(s) == STORE_POSTGRES) {
		listener = (struct store_listener){.channel = channel, .on_connect = on_connect, .on_notify = on_notify_cb,
		                                   .on_lost = on_lost};
		if (store_listener_start(&listener, url, e)) {
			log_error("event=match_listener_start_failed");
			return e->code;
		}
	}
	return 0;
}

void match_live_stop(void)
{
	store_listener_stop(&listener);
	tls_drop(&scratch); /* other threads' go when they exit; the main thread's would not */
	pthread_rwlock_wrlock(&live_lock);
	match_index_free(live);
	live = NULL;
	pthread_rwlock_unlock(&live_lock);
}

int match_live_query(struct store *s, enum match_subject subject, int64_t id, const struct match_query *q,
                     struct arena *a, struct match_result **out, struct err *e)
{
	int rc;
	struct match_query mq = *q;
	if (!mq.scratch)
		mq.scratch = tls_get(&scratch);
	pthread_rwlock_rdlock(&live_lock);
	struct err re = {0};
	if (live && match_index_recheck(live, s, NULL, &re))
		log_warn("event=match_recheck_failed message=\"%s\"", re.message);
	if (!live)
		rc = err_set(e, ERR_UNAVAILABLE, "", "the match index is not loaded");
	else if (subject == MATCH_FOR_CLIENT)
		rc = match_for_client(live, id, &mq, a, out, e);
	else
		rc = match_for_vacancy(live, id, &mq, a, out, e);
	if (!rc && q->lang && match_result_set_lang(live, *out, q->lang, a))
		rc = err_oom(e);
	pthread_rwlock_unlock(&live_lock);
	return rc;
}

int match_live_concept_label(const char *uri, const char *lang, struct arena *a, const char **label,
                             const char **label_lang)
{
	pthread_rwlock_rdlock(&live_lock);
	int rc = match_concept_label(live, uri, lang, a, label, label_lang);
	pthread_rwlock_unlock(&live_lock);
	return rc;
}
