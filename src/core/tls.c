/* tls: per-thread objects on pthread keys (see tls.h). */
#include "core/tls.h"

#include <stddef.h>

/* Serialises the making of keys: each slot's key is made once, whichever thread asks first. */
static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;

static int key_state(struct tls_slot *s)
{
	int st = atomic_load_explicit(&s->state, memory_order_acquire);
	if (st)
		return st;
	pthread_mutex_lock(&key_lock);
	st = atomic_load_explicit(&s->state, memory_order_relaxed);
	if (!st) {
		st = pthread_key_create(&s->key, s->release) == 0 ? 1 : -1;
		atomic_store_explicit(&s->state, st, memory_order_release);
	}
	pthread_mutex_unlock(&key_lock);
	return st;
}

void *tls_get(struct tls_slot *s)
{
	if (key_state(s) < 0)
		return NULL;
	void *p = pthread_getspecific(s->key);
	if (!p && (p = s->make()) && pthread_setspecific(s->key, p) != 0) {
		s->release(p);
		p = NULL;
	}
	return p;
}

void tls_drop(struct tls_slot *s)
{
	if (atomic_load_explicit(&s->state, memory_order_acquire) <= 0)
		return;
	void *p = pthread_getspecific(s->key);
	if (p) {
		s->release(p);
		pthread_setspecific(s->key, NULL);
	}
}
