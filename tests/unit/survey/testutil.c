/* Helpers shared by the survey unit tests. */
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap + 1);
	size_t r;
	while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *q = realloc(p, cap * 2 + 1);
			if (!q) {
				free(p);
				p = NULL;
				break;
			}
			p = q;
			cap *= 2;
		}
	}
	fclose(f);
	if (!p)
		return NULL;
	p[n] = 0;
	*len = n;
	return p;
}

struct survey_def *tu_load_survey(const char *path)
{
	size_t len;
	char *text = tu_read_file(path, &len);
	if (!text)
		fail_msg("cannot read %s (run from the repository root)", path);
	struct survey_def *def = NULL;
	struct err e = {0};
	int rc = survey_definition_parse(text, len, &def, &e);
	if (rc)
		fail_msg("%s: %s", path, e.message);
	free(text);
	return def;
}
