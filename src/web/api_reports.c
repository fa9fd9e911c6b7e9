/* api_reports: routes for indicators, dashboard data and exports. Placeholder: no routes yet. */
#include "web/modules.h"

const struct route api_reports_routes[] = {{NULL, NULL, NULL, 0, 0, NULL}};
const size_t api_reports_routes_count = 0;

int api_reports_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_reports_stop(void)
{
}
