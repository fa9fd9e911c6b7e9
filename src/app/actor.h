/* actor: who acts, on which store, with which request memory. Every verb of the application layer (src/app/) takes
 * one, so the web pages, the JSON API, the CLI and the demo apply the same rules: the adapters build an actor and
 * call a verb; nothing in src/app knows HTTP.
 *
 * Ownership: the actor points into its adapter's request (principal, store, arena); it owns nothing. */
#pragma once
#include <stdint.h>

#include "auth/auth.h"
#include "domain/entity.h"

struct store;
struct arena;

/* Rows a verb changed, in order, for the after-commit subscribers (the match index). */
enum { APP_CHANGES_MAX = 16 };
struct app_changes {
	struct {
		const struct entity_def *d;
		int64_t id;
	} v[APP_CHANGES_MAX];
	int n;
};

struct actor {
	const struct principal *p;
	struct store *store;
	struct arena *arena;
	struct app_changes *changes; /* NULL: nobody listens (a CLI run) */
};

/* Notes that a row of d changed; the adapter tells the subscribers once the transaction has committed. */
void app_note_change(const struct actor *a, const struct entity_def *d, int64_t id);

/* The actor's act in another organisation's audit log (org_id), so that organisation sees what was done with its
 * record or client: the actor's user and role, action on entity entity_id (client_id: the client it is about, 0 for
 * none), and detail (may be NULL) followed by "by organisation=<the actor's>". */
int app_audit_in_org(const struct actor *a, int64_t org_id, const char *action, const char *entity, int64_t entity_id,
                     int64_t client_id, const char *detail, struct err *e);
