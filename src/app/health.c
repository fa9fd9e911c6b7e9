/* health: see health.h. The last success is published as (probe number, version) and then the time it stays fresh;
 * a reader that sees the time fresh reads the pair (it was written before the time). Lock-free: the check runs at
 * the rate of the plain HTTP answer. */
#include "app/health.h"

#include <stdatomic.h>
#include <time.h>

static struct {
	_Atomic int64_t fresh_until_ns; /* 0: nothing to reuse (none yet, or the last probe failed) */
	_Atomic uint64_t probe;         /* the last successful probe's number */
	_Atomic int version;            /* and its answer */
	_Atomic uint64_t started;
} g;

static int64_t now_ns(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int health_check(struct store *s, struct health *out, struct err *e)
{
	int64_t now = now_ns();
	if (now < atomic_load_explicit(&g.fresh_until_ns, memory_order_acquire)) {
		*out = (struct health){.schema_version = atomic_load(&g.version), .probe = atomic_load(&g.probe)};
		return 0;
	}
	uint64_t mine = atomic_fetch_add(&g.started, 1) + 1;
	int version = 0;
	int rc = store_schema_version_read(s, &version, e);
	if (rc == ERR_UNAVAILABLE && store_kind(s) == STORE_POSTGRES && !store_reconnect(s, e))
		rc = store_schema_version_read(s, &version, e);
	if (rc) {
		atomic_store_explicit(&g.fresh_until_ns, 0, memory_order_release);
		return rc;
	}
	/* a slower probe that began earlier must not replace a newer one's answer */
	if (mine >= atomic_load(&g.probe)) {
		atomic_store(&g.version, version);
		atomic_store(&g.probe, mine);
		atomic_store_explicit(&g.fresh_until_ns, now + (int64_t)HEALTH_FRESH_MS * 1000000, memory_order_release);
	}
	*out = (struct health){.schema_version = version, .probe = mine};
	return 0;
}

uint64_t health_probes_started(void)
{
	return atomic_load(&g.started);
}
