/* app reports: exports of rows about people, audited (see reports.h). */
#include "app/reports.h"

#include <stdio.h>

#include "auth/audit.h"

int app_report_clients_csv(const struct actor *a, const struct report_filter *f, const struct report_locale *loc,
                           struct buf *b, struct err *e)
{
	int64_t rows = 0;
	int rc = report_clients_csv(a->store, f, loc, b, &rows, e);
	if (rc)
		return rc;
	char detail[200];
	snprintf(detail, sizeof detail, "pseudonymised clients.csv rows=%lld from=%s to=%s programme=%lld", (long long)rows,
	         f->from, f->to, (long long)f->programme_id);
	return audit_principal(a->store, a->p, "export", "clients", 0, 0, detail, e);
}
