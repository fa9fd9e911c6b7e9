/* modules: starts and stops the feature modules (see modules.h). */
#include "web/modules.h"

#include <stdio.h>

struct module {
	const char *name;
	int (*start)(struct store *s, const char *db_url);
	void (*stop)(void);
};

/* The modules with in-memory state; the others (reports, privacy) have only their route tables. */
static const struct module modules[] = {
	{"match", api_match_start, api_match_stop},
	{"taxonomy", api_taxonomy_start, api_taxonomy_stop},
	{"surveys", api_surveys_start, api_surveys_stop},
	{"pages", api_pages_start, api_pages_stop},
};
static const size_t nmodules = sizeof modules / sizeof *modules;
static size_t started;

int web_modules_start(struct store *s, const char *db_url)
{
	for (started = 0; started < nmodules; started++) {
		if (modules[started].start(s, db_url)) {
			fprintf(stderr, "osaaja serve: the %s module could not start\n", modules[started].name);
			web_modules_stop();
			return 1;
		}
	}
	return 0;
}

void web_modules_stop(void)
{
	while (started > 0)
		modules[--started].stop();
}
