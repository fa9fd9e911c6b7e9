/* api_match: the match routes and the lifetime of the process's match index:
 *   GET /api/v1/clients/{id}/matches?limit=N&hard=gaps|filter     best open vacancies for a client
 *   GET /api/v1/vacancies/{id}/matches?limit=N&hard=gaps|filter   best consenting clients for a vacancy
 * The index is built at start-up from the store and kept current: after every committed write in this process (an
 * after-commit hook) and, on PostgreSQL, after writes on other servers through LISTEN/NOTIFY on channel
 * osaaja_changes. A listener that loses its connection reconnects and reloads the whole index, so it catches up. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth/audit.h"
#include "core/log.h"
#include "match/match.h"
#include "web/api.h"
#include "web/modules.h"
#include "app/policy.h"

static const char channel[] = "osaaja_changes";

static pthread_rwlock_t idx_lock = PTHREAD_RWLOCK_INITIALIZER; /* guards the idx pointer (swapped on reload) */
static struct match_index *idx;
static char *db_url;
static pthread_t listener;
static bool listener_running;
static volatile int listener_stop;

/* Which index record a changed row belongs to: "client", "vacancy" or "course", and its id. */
static int record_of(struct store *s, const char *entity, int64_t id, const char **kind, int64_t *rid)
{
	static const struct {
		const char *entity, *kind, *table, *column;
	} map[] = {
		{"clients", "client", NULL, NULL},
		{"educations", "client", "educations", "client_id"},
		{"work-history", "client", "work_history", "client_id"},
		{"client-skills", "client", "client_skills", "client_id"},
		{"client-languages", "client", "client_languages", "client_id"},
		{"certificates", "client", "certificates", "client_id"},
		{"target-occupations", "client", "target_occupations", "client_id"},
		{"consents", "client", "consents", "client_id"},
		{"vacancies", "vacancy", NULL, NULL},
		{"vacancy-skills", "vacancy", "vacancy_skills", "vacancy_id"},
		{"vacancy-languages", "vacancy", "vacancy_languages", "vacancy_id"},
		{"vacancy-licences", "vacancy", "vacancy_licences", "vacancy_id"},
		{"courses", "course", NULL, NULL},
		{"course-skills", "course", "course_skills", "course_id"},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		if (strcmp(map[i].entity, entity) != 0)
			continue;
		*kind = map[i].kind;
		if (!map[i].table) {
			*rid = id;
			return 0;
		}
		char sql[128], idtxt[24];
		snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = CAST(?1 AS INTEGER)", map[i].column, map[i].table);
		snprintf(idtxt, sizeof idtxt, "%lld", (long long)id);
		const char *p[] = {idtxt};
		bool found = false;
		struct err e = {0};
		if (store_query_int(s, sql, p, 1, rid, &found, &e) || !found)
			return -1;
		return 0;
	}
	return -1;
}

static void refresh(struct store *s, const char *kind, int64_t id)
{
	struct err e = {0};
	int rc = 0;
	pthread_rwlock_rdlock(&idx_lock); /* the index has its own lock for updates; this one only pins the pointer */
	if (idx) {
		if (strcmp(kind, "client") == 0)
			rc = match_index_refresh_client(idx, s, id, &e);
		else if (strcmp(kind, "vacancy") == 0)
			rc = match_index_refresh_vacancy(idx, s, id, &e);
		else if (strcmp(kind, "course") == 0)
			rc = match_index_refresh_course(idx, s, id, &e);
	}
	pthread_rwlock_unlock(&idx_lock);
	if (rc)
		log_warn("event=match_refresh_failed kind=%s id=%lld message=\"%s\"", kind, (long long)id, e.message);
}

/* After-commit hook: refresh here, and tell the other servers. */
static void on_change(struct store *s, const char *entity, int64_t id)
{
	const char *kind;
	int64_t rid;
	if (record_of(s, entity, id, &kind, &rid))
		return;
	refresh(s, kind, rid);
	if (store_kind(s) == STORE_POSTGRES) {
		char payload[64];
		snprintf(payload, sizeof payload, "%s:%lld", kind, (long long)rid);
		struct err e = {0};
		if (store_notify(s, channel, payload, &e))
			log_warn("event=notify_failed message=\"%s\"", e.message);
	}
}

static int reload(struct store *s)
{
	struct match_index *n;
	struct err e = {0};
	if (match_index_load(s, NULL, &n, &e)) {
		log_error("event=match_index_load_failed message=\"%s\"", e.message);
		return -1;
	}
	pthread_rwlock_wrlock(&idx_lock);
	struct match_index *old = idx;
	idx = n;
	pthread_rwlock_unlock(&idx_lock);
	match_index_free(old);
	struct match_stats st = {0};
	match_index_stats(n, &st);
	log_info("event=match_index_loaded clients=%zu vacancies=%zu", st.clients, st.vacancies);
	return 0;
}

static void *listen_loop(void *arg)
{
	(void)arg;
	struct store *s = NULL;
	int backoff_ms = 100;
	while (!listener_stop) {
		struct err e = {0};
		if (!s) {
			if (store_open(db_url, &s, &e) || store_listen(s, channel, &e)) {
				store_close(s);
				s = NULL;
				usleep((useconds_t)backoff_ms * 1000);
				backoff_ms = backoff_ms < 2000 ? backoff_ms * 2 : 2000;
				continue;
			}
			backoff_ms = 100;
			/* Catch up on whatever changed while we were not listening. */
			reload(s);
		}
		char payload[128];
		int rc = store_poll_notify(s, 250, payload, sizeof payload, &e);
		if (rc < 0) {
			log_warn("event=listener_lost message=\"%s\"", e.message);
			store_close(s);
			s = NULL;
			continue;
		}
		if (rc == 0)
			continue;
		char kind[16];
		long long id;
		if (sscanf(payload, "%15[a-z]:%lld", kind, &id) == 2)
			refresh(s, kind, id);
	}
	store_close(s);
	return NULL;
}

int api_match_start(struct store *s, const char *url)
{
	if (reload(s))
		return -1;
	web_on_change(on_change);
	if (store_kind(s) == STORE_POSTGRES) {
		db_url = strdup(url);
		listener_stop = 0;
		if (!db_url || pthread_create(&listener, NULL, listen_loop, NULL)) {
			free(db_url);
			db_url = NULL;
			return -1;
		}
		listener_running = true;
	}
	return 0;
}

void api_match_stop(void)
{
	if (listener_running) {
		listener_stop = 1;
		pthread_join(listener, NULL);
		listener_running = false;
	}
	free(db_url);
	db_url = NULL;
	pthread_rwlock_wrlock(&idx_lock);
	match_index_free(idx);
	idx = NULL;
	pthread_rwlock_unlock(&idx_lock);
}

int api_match_run(struct web_request *r, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                  struct match_result **out)
{
	const struct entity_def *d = entity_find(subject == MATCH_FOR_CLIENT ? "clients" : "vacancies");
	int rc = policy_entity_access(web_actor(r), entity_get(ENT_CLIENTS), ACC_READ, &r->err);
	if (rc || (rc = policy_entity_access(web_actor(r), d, ACC_READ, &r->err)))
		return rc;
	int64_t orgs[1] = {r->p.org_id};
	struct match_query q = {.orgs = orgs, .norgs = 1, .limit = limit, .flags = flags};
	struct err e = {0};
	pthread_rwlock_rdlock(&idx_lock);
	if (!idx)
		rc = err_set(&e, ERR_UNAVAILABLE, "", "the match index is not loaded");
	else if (subject == MATCH_FOR_CLIENT)
		rc = match_for_client(idx, id, &q, r->arena, out, &e);
	else
		rc = match_for_vacancy(idx, id, &q, r->arena, out, &e);
	pthread_rwlock_unlock(&idx_lock);
	if (rc) {
		if (rc == ERR_NOT_FOUND)
			snprintf(e.message, sizeof e.message, "no %s with id %lld in your organisation's match index",
			         subject == MATCH_FOR_CLIENT ? "client" : "open vacancy", (long long)id);
		r->err = e;
		return rc;
	}
	/* Work-capacity checks reach only the client's assigned counsellor (match_item_redact). */
	for (size_t i = 0; i < (*out)->nitems; i++) {
		struct match_item *it = &(*out)->items[i];
		match_item_redact(it, policy_viewer(web_actor(r), subject == MATCH_FOR_CLIENT ? id : it->id));
	}
	/* Matches are derived from personal data: one audit entry per client involved. */
	char detail[64];
	snprintf(detail, sizeof detail, "matches=%zu", (*out)->nitems);
	if (subject == MATCH_FOR_CLIENT) {
		rc = audit_principal(r->store, &r->p, "match", "clients", id, id, detail, &e);
	} else {
		for (size_t i = 0; i < (*out)->nitems && !rc; i++)
			rc = audit_principal(r->store, &r->p, "match", "vacancies", id, (*out)->items[i].id, NULL, &e);
	}
	if (rc)
		r->err = e;
	return rc;
}

static int matches(struct web_request *r, enum match_subject subject)
{
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	const char *lim = web_query(r, "limit"), *hard = web_query(r, "hard");
	long limit = 20;
	if (lim) {
		char *end;
		limit = strtol(lim, &end, 10);
		if (!*lim || *end || limit < 1 || limit > 200)
			return web_error(r, ERR_INVALID, "limit", "limit must be a whole number from 1 to 200");
	}
	if (hard && strcmp(hard, "gaps") != 0 && strcmp(hard, "filter") != 0)
		return web_error(r, ERR_INVALID, "hard", "hard must be gaps (show unmet requirements) or filter (drop them)");
	struct match_result *res = NULL;
	int rc = api_match_run(r, subject, id, (size_t)limit,
	                       hard && strcmp(hard, "filter") == 0 ? MATCH_Q_FILTER_HARD : 0, &res);
	if (rc)
		return rc;
	json_t *j = match_result_to_json(res);
	if (!j)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	return web_json(r, 200, j);
}

static int client_matches(struct web_request *r)
{
	return matches(r, MATCH_FOR_CLIENT);
}

static int vacancy_matches(struct web_request *r)
{
	return matches(r, MATCH_FOR_VACANCY);
}

const struct route api_match_routes[] = {
	{"GET", "/api/v1/clients/{id}/matches", client_matches, 0, 0,
	 "best open vacancies for a client, with explanations (?limit, ?hard=gaps|filter)"},
	{"GET", "/api/v1/vacancies/{id}/matches", vacancy_matches, 0, 0,
	 "best consenting clients for a vacancy, with explanations (?limit, ?hard=gaps|filter)"},
};
const size_t api_match_routes_count = sizeof api_match_routes / sizeof *api_match_routes;
