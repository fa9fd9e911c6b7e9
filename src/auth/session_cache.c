/* session_cache: see session_cache.h. */
#include "auth/session_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "core/log.h"
#include "store/listener.h"
#include "store/store.h"

static const char channel[] = "osaaja_sessions";

enum { SLOTS = 1024 };

struct slot {
	char hash[65];
	struct principal p;
	time_t at;
	uint64_t gen;
};

static struct {
	pthread_mutex_t mu; /* guards slots */
	struct slot slots[SLOTS];
	atomic_uint_fast64_t gen; /* an entry counts only while its gen is the current one */
	atomic_bool listening;
	struct store_listener listener;
} c = {.mu = PTHREAD_MUTEX_INITIALIZER, .gen = 1};

void session_cache_forget_all(void)
{
	atomic_fetch_add(&c.gen, 1);
}

bool session_cache_on(void)
{
	return atomic_load(&c.listening);
}

static struct slot *slot_of(const char *hash)
{
	unsigned v = 0;
	for (int i = 0; i < 4 && hash[i]; i++)
		v = v * 16 + (unsigned)(hash[i] <= '9' ? hash[i] - '0' : (hash[i] | 0x20) - 'a' + 10);
	return &c.slots[v % SLOTS];
}

bool session_cache_get(const char *hash, time_t now, struct principal *p, uint64_t *gen)
{
	*gen = 0;
	if (!atomic_load(&c.listening))
		return false;
	const uint64_t g = atomic_load(&c.gen);
	struct slot *s = slot_of(hash);
	bool hit = false;
	pthread_mutex_lock(&c.mu);
	if (s->gen == g && now >= s->at && now - s->at < SESSION_CACHE_S && strcmp(s->hash, hash) == 0) {
		*p = s->p;
		hit = true;
	}
	pthread_mutex_unlock(&c.mu);
	if (!hit)
		*gen = g;
	return hit;
}

void session_cache_put(const char *hash, const struct principal *p, uint64_t gen, time_t now)
{
	if (!gen || strlen(hash) >= sizeof c.slots[0].hash)
		return;
	struct slot *s = slot_of(hash);
	pthread_mutex_lock(&c.mu);
	if (atomic_load(&c.listening) && atomic_load(&c.gen) == gen) {
		memcpy(s->hash, hash, strlen(hash) + 1);
		s->p = *p;
		s->at = now;
		s->gen = gen;
	}
	pthread_mutex_unlock(&c.mu);
}

/* The listener hears every process's changes to users and sessions; while it is not connected the cache is off. What
 * changed while nobody listened is unknown, so a (re)connected cache starts empty. */
static void on_connect(struct store *s, void *ctx)
{
	(void)s;
	(void)ctx;
	session_cache_forget_all();
	atomic_store(&c.listening, true);
}

static void on_notify(struct store *s, const char *payload, void *ctx)
{
	(void)s;
	(void)payload;
	(void)ctx;
	session_cache_forget_all();
}

static void on_lost(const char *message, void *ctx)
{
	(void)ctx;
	atomic_store(&c.listening, false);
	session_cache_forget_all();
	log_warn("event=session_listener_lost message=\"%s\"", message);
}

int session_cache_start(const char *db_url, struct err *e)
{
	if (c.listener.running || !store_url_is_postgres(db_url))
		return 0;
	c.listener = (struct store_listener){.channel = channel, .on_connect = on_connect, .on_notify = on_notify,
	                                     .on_lost = on_lost};
	return store_listener_start(&c.listener, db_url, e);
}

void session_cache_stop(void)
{
	store_listener_stop(&c.listener);
	atomic_store(&c.listening, false);
	session_cache_forget_all();
}
