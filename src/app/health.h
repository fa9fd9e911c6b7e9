/* health: the health check's question to the database (GET /healthz).
 * It promises:
 *   - a success is at most HEALTH_FRESH_MS old: a server asks the database at most once in that time however many
 *     balancers, monitors and connections check it, so that checks never load the database (a load balancer checks
 *     every few seconds and hears of an outage within this much more);
 *   - a failure is never reused: after one, every check asks the database again until one succeeds;
 *   - a PostgreSQL connection that died while idle (a database restart) is reconnected once and asked again.
 * Thread-safe; a probe runs on the store of the caller that needs it. */
#pragma once
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum { HEALTH_FRESH_MS = 100 };

struct health {
	int schema_version;
	uint64_t probe; /* the number of the probe that answered (1, 2, ... since the process started) */
};

/* The database's schema version from a probe at most HEALTH_FRESH_MS old, or a new one; on failure e says why. */
int health_check(struct store *s, struct health *out, struct err *e);
/* How many probes have begun since the process started. */
uint64_t health_probes_started(void);
