/* served: the days of a client's first and last service event, kept on the client's row (clients.service_first_on,
 * service_last_on, migration 0026) so that "clients served" needs no probe of the service events for a client one of
 * whose days falls in the period (see report.h and docs/outcomes.md). Both days are days of the client's events: a
 * day in the period proves an event in it; the figure probes the events whenever neither day does, so a day not yet
 * set (a row written around the pipeline, an erased client) costs time, never a wrong count. */
#include "report/internal.h"

/* ?1 names the clients to recompute: a client's id (WHERE id = ?1) or every client with an event. */
#define SERVICE_DAYS                                                                                                  \
	"UPDATE clients SET service_first_on = (SELECT MIN(e.happened_on) FROM service_events e WHERE e.client_id = "    \
	"clients.id), service_last_on = (SELECT MAX(e.happened_on) FROM service_events e WHERE e.client_id = clients.id) "

int report_service_event_written(struct store *s, int64_t event_id, struct err *e)
{
	struct store_param p[] = {STORE_P_INT(event_id)};
	return store_run(s, SERVICE_DAYS "WHERE id = (SELECT x.client_id FROM service_events x WHERE x.id = ?1)", p,
	                 STORE_NPARAMS(p), NULL, e);
}

int report_service_days_all(struct store *s, int64_t *n, struct err *e)
{
	return store_run(s, SERVICE_DAYS "WHERE EXISTS (SELECT 1 FROM service_events x WHERE x.client_id = clients.id)",
	                 NULL, 0, n, e);
}
