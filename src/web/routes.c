/* routes: joins every module's static route table into one, specific routes before the generic entity routes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

#include "web/modules.h"

static struct route *all;
static size_t nall;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void append(const struct route *t, size_t n)
{
	if (!n)
		return;
	struct route *a = realloc(all, (nall + n) * sizeof *a);
	if (!a)
		return;
	all = a;
	memcpy(all + nall, t, n * sizeof *t);
	nall += n;
}

static void build(void)
{
	append(api_match_routes, api_match_routes_count);
	append(api_taxonomy_routes, api_taxonomy_routes_count);
	append(api_reports_routes, api_reports_routes_count);
	append(api_methods_routes, api_methods_routes_count);
	append(api_families_routes, api_families_routes_count);
	append(api_surveys_routes, api_surveys_routes_count);
	append(api_pages_routes, api_pages_routes_count);
	append(api_privacy_routes, api_privacy_routes_count);
	append(api_groups_routes, api_groups_routes_count);
	append(api_economy_routes, api_economy_routes_count);
	append(api_info_point_routes, api_info_point_routes_count);
	append(api_partner_referrals_routes, api_partner_referrals_routes_count);
	append(api_cohorts_routes, api_cohorts_routes_count);
	append(api_employer_needs_routes, api_employer_needs_routes_count);
	append(api_client_links_routes, api_client_links_routes_count);
	append(api_skill_suggest_routes, api_skill_suggest_routes_count);
	append(web_api_routes, web_api_routes_count);
	append(api_entities_routes, api_entities_routes_count);
}

const struct route *web_routes(size_t *n)
{
	pthread_once(&once, build);
	*n = nall;
	return all;
}
