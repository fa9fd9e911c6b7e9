/* api_surveys: routes for survey definitions, invitations, the public form and the review queue. Placeholder: no routes yet. */
#include "web/modules.h"

const struct route api_surveys_routes[] = {{NULL, NULL, NULL, 0, 0, NULL}};
const size_t api_surveys_routes_count = 0;

int api_surveys_start(struct store *s, const char *db_url)
{
	(void)s;
	(void)db_url;
	return 0;
}

void api_surveys_stop(void)
{
}
