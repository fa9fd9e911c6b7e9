/* store listener: see listener.h. */
#include "store/listener.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { POLL_MS = 250, FIRST_BACKOFF_MS = 100, MAX_BACKOFF_MS = 2000 };

static void *listen_loop(void *arg)
{
	struct store_listener *l = arg;
	struct store *s = NULL;
	int backoff_ms = FIRST_BACKOFF_MS;
	while (!atomic_load(&l->stop)) {
		struct err e = {0};
		if (!s) {
			if (store_open(l->url, &s, &e) || store_listen(s, l->channel, &e)) {
				store_close(s);
				s = NULL;
				usleep((useconds_t)backoff_ms * 1000);
				backoff_ms = backoff_ms < MAX_BACKOFF_MS ? backoff_ms * 2 : MAX_BACKOFF_MS;
				continue;
			}
			backoff_ms = FIRST_BACKOFF_MS;
			if (l->on_connect)
				l->on_connect(s, l->ctx);
		}
		char payload[128];
		int rc = store_poll_notify(s, POLL_MS, payload, sizeof payload, &e);
		if (rc < 0) {
			if (l->on_lost)
				l->on_lost(e.message, l->ctx);
			store_close(s);
			s = NULL;
			continue;
		}
		if (rc > 0 && l->on_notify)
			l->on_notify(s, payload, l->ctx);
	}
	store_close(s);
	return NULL;
}

int store_listener_start(struct store_listener *l, const char *url, struct err *e)
{
	if (l->running)
		return err_set(e, ERR_INTERNAL, "", "the %s listener is already running", l->channel);
	l->url = strdup(url);
	if (!l->url)
		return err_oom(e);
	atomic_store(&l->stop, 0);
	if (pthread_create(&l->thread, NULL, listen_loop, l)) {
		free(l->url);
		l->url = NULL;
		return err_set(e, ERR_UNAVAILABLE, "", "cannot start the %s listener", l->channel);
	}
	l->running = true;
	return 0;
}

void store_listener_stop(struct store_listener *l)
{
	if (l->running) {
		atomic_store(&l->stop, 1);
		pthread_join(l->thread, NULL);
		l->running = false;
	}
	free(l->url);
	l->url = NULL;
}
