/* api_taxonomy: routes for ESCO concept search. Placeholder: no routes yet. */
#include "web/modules.h"

const struct route api_taxonomy_routes[] = {{NULL, NULL, NULL, 0, 0, NULL}};
const size_t api_taxonomy_routes_count = 0;

int api_taxonomy_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_taxonomy_stop(void)
{
}
