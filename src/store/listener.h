/* store listener: a thread on a connection of its own that LISTENs on one PostgreSQL channel and hands each
 * notification to its owner, reconnecting by itself (with a backoff up to 2 s) when the connection is lost.
 * Used by the live match index (osaaja_changes) and the session cache (osaaja_sessions).
 *
 * The owner's callbacks run on the listener thread:
 * - on_connect(s, ctx) after each successful LISTEN (the first and every reconnection): catch up on what was missed;
 * - on_notify(s, payload, ctx) for each notification;
 * - on_lost(message, ctx) when the connection is lost (the listener then reconnects).
 * Any of them may be NULL. */
#ifndef OSAAJA_STORE_LISTENER_H
#define OSAAJA_STORE_LISTENER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "core/err.h"
#include "store/store.h"

struct store_listener {
	/* set by the owner before store_listener_start */
	const char *channel;
	void (*on_connect)(struct store *s, void *ctx);
	void (*on_notify)(struct store *s, const char *payload, void *ctx);
	void (*on_lost)(const char *message, void *ctx);
	void *ctx;
	/* the listener's own */
	char *url;
	atomic_int stop;
	bool running;
	pthread_t thread;
};

/* Starts the thread for url (a PostgreSQL URL; copied). */
int store_listener_start(struct store_listener *l, const char *url, struct err *e);
/* Stops and joins the thread (within a quarter of a second); harmless when it never started. */
void store_listener_stop(struct store_listener *l);

#endif
