/* served: shortcuts the figures may take, kept by the write pipeline (migration 0026). The days of a client's first
 * and last service event, kept on the client's row (clients.service_first_on,
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


/* A language row's mark: 1 when an earlier assessment of the same language of the client had a lower level (the
 * condition of "Finnish level gained", src/report/indicators.c), else 0; for every row of the client, since a row's
 * change can make or unmake another's gain. */
#define LEVEL_GAINED                                                                                                  \
	"UPDATE client_languages SET level_gained = CASE WHEN EXISTS (SELECT 1 FROM client_languages b WHERE b.client_id = " \
	"client_languages.client_id AND b.language = client_languages.language AND b.assessed_on < "                     \
	"client_languages.assessed_on AND " CEFR_RANK("b.level") " < " CEFR_RANK("client_languages.level") ") THEN 1 "   \
	"ELSE 0 END"

int report_language_written(struct store *s, int64_t language_id, struct err *e)
{
	struct store_param p[] = {STORE_P_INT(language_id)};
	return store_run(s, LEVEL_GAINED " WHERE client_id = (SELECT x.client_id FROM client_languages x WHERE x.id = ?1)", p,
	                 STORE_NPARAMS(p), NULL, e);
}

int report_marks_all(struct store *s, struct err *e)
{
	int rc = store_run(s, SERVICE_DAYS "WHERE EXISTS (SELECT 1 FROM service_events x WHERE x.client_id = clients.id)",
	                   NULL, 0, NULL, e);
	return rc ? rc : store_run(s, LEVEL_GAINED, NULL, 0, NULL, e);
}
