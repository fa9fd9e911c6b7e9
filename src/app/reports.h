/* app reports: the figures' exports that carry rows about people, with their audit entry, so that every adapter that
 * serves one audits it the same way. */
#pragma once
#include <stdint.h>

#include "app/actor.h"
#include "core/buf.h"
#include "core/err.h"
#include "report/report.h"

/* The pseudonymised clients.csv of filter f (loc: the reader's CSV conventions) appended to b, audited as one
 * 'export' of clients naming the rows and the filter. */
int app_report_clients_csv(const struct actor *a, const struct report_filter *f, const struct report_locale *loc,
                           struct buf *b, struct err *e);
