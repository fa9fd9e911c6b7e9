/* routes: joins every module's static route table into one, specific routes before the generic entity routes. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "web/web.h"

/* Modules add their tables here (weak so a module can be absent while it is being written). */
extern const struct route web_page_routes[] __attribute__((weak));
extern const size_t web_page_routes_count __attribute__((weak));
extern const struct route web_feature_routes[] __attribute__((weak));
extern const size_t web_feature_routes_count __attribute__((weak));

static struct route *all;
static size_t nall;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void append(const struct route *t, size_t n)
{
	struct route *a = realloc(all, (nall + n) * sizeof *a);
	if (!a)
		return;
	all = a;
	memcpy(all + nall, t, n * sizeof *t);
	nall += n;
}

static void build(void)
{
	if (web_feature_routes && &web_feature_routes_count)
		append(web_feature_routes, web_feature_routes_count);
	if (web_page_routes && &web_page_routes_count)
		append(web_page_routes, web_page_routes_count);
	append(web_api_routes, web_api_routes_count);
}

const struct route *web_routes(size_t *n)
{
	pthread_once(&once, build);
	*n = nall;
	return all;
}
