/* api_pages: routes for the staff web application (server-rendered HTML pages). Placeholder: no routes yet. */
#include "web/modules.h"

const struct route api_pages_routes[] = {{NULL, NULL, NULL, 0, 0, NULL}};
const size_t api_pages_routes_count = 0;

int api_pages_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_pages_stop(void)
{
}
