/* ui-matches: best vacancies for a client and best clients for a vacancy, with explanations. The match index lives
 * in the match module (src/match/, served by api_match.c); until that module hands the pages its index, these pages
 * say plainly that matching is not available and link to the manual route (proposals on the vacancy page). */
#include <stdio.h>

#include "web/pages/ui.h"

static int unavailable(struct page *pg, const char *back, const char *title)
{
	page_begin(pg, title, NULL);
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"%s\">%s</a></p><h1>%s</h1><div class=\"card\">"
	                   "<p class=\"lead\" role=\"status\">%s</p></div>",
	            back, T(pg, "form.back"), title, T(pg, "matches.unavailable"));
	return page_end(pg);
}

int ui_client_matches(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	json_t *c = NULL;
	int rc = page_get(pg, "clients", id, &c);
	if (rc)
		return rc;
	char back[48];
	snprintf(back, sizeof back, "/clients/%lld", (long long)id);
	return unavailable(pg, back, T(pg, "client.matches"));
}

int ui_vacancy_matches(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	json_t *v = NULL;
	int rc = page_get(pg, "vacancies", id, &v);
	if (rc)
		return rc;
	char back[48];
	snprintf(back, sizeof back, "/vacancies/%lld", (long long)id);
	return unavailable(pg, back, T(pg, "vacancy.matches"));
}
