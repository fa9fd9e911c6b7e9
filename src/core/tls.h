/* tls: one object per thread, made on first use and released when its thread exits (a pthread key with a destructor),
 * for what is costly to make on every call and unsafe to share between threads (ICU transliterators, query buffers).
 * A slot is a static struct tls_slot written with TLS_SLOT; its key is made once, on the first tls_get. */
#pragma once
#include <pthread.h>
#include <stdatomic.h>

struct tls_slot {
	void *(*make)(void);     /* a new object; NULL when out of memory */
	void (*release)(void *); /* frees an object (never given NULL); the key's destructor at thread exit */
	pthread_key_t key;
	atomic_int state; /* 0: no key yet, 1: key made, -1: the key could not be made */
};

#define TLS_SLOT(make, release) {(make), (release), 0, 0}

/* This thread's object, made on first use; NULL when it or the key cannot be made. */
void *tls_get(struct tls_slot *s);
/* Releases this thread's object now, if it has one: a process's main thread never runs the key's destructor. */
void tls_drop(struct tls_slot *s);
