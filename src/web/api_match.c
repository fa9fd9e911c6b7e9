/* api_match: routes for matching: best vacancies for a client, best clients for a vacancy. Placeholder: no routes yet. */
#include "web/modules.h"

const struct route api_match_routes[] = {{NULL, NULL, NULL, 0, 0, NULL}};
const size_t api_match_routes_count = 0;

int api_match_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_match_stop(void)
{
}
