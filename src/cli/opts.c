/* opts: long-option scanning for subcommands. */
#include "cli/opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int opts_parse(const char *cmd, int argc, char **argv, struct opt *opts, int nopts, const char **pos, int npos_max,
               int *npos)
{
	*npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == 0) {
			if (*npos >= npos_max) {
				fprintf(stderr, "osaaja %s: unexpected argument '%s' (see --help)\n", cmd, a);
				return 2;
			}
			pos[(*npos)++] = a;
			continue;
		}
		const char *name = a + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		struct opt *o = NULL;
		for (int k = 0; k < nopts; k++)
			if (strlen(opts[k].name) == len && strncmp(opts[k].name, name, len) == 0)
				o = &opts[k];
		if (!o) {
			fprintf(stderr, "osaaja %s: unknown option '--%.*s' (see --help)\n", cmd, (int)len, name);
			return 2;
		}
		if (!o->has_value) {
			if (eq) {
				fprintf(stderr, "osaaja %s: --%s takes no value\n", cmd, o->name);
				return 2;
			}
			o->value = "1";
			continue;
		}
		if (eq) {
			o->value = eq + 1;
		} else if (i + 1 < argc) {
			o->value = argv[++i];
		} else {
			fprintf(stderr, "osaaja %s: --%s needs a value\n", cmd, o->name);
			return 2;
		}
	}
	return 0;
}

int opts_begin(const char *cmd, void (*usage)(FILE *), int argc, char **argv, struct opt *opts, int nopts,
               const char **pos, int npos_max, int *npos, int min_pos, int max_pos)
{
	if (opts_parse(cmd, argc, argv, opts, nopts, pos, npos_max, npos))
		return 2;
	for (int i = 0; i < nopts; i++)
		if (strcmp(opts[i].name, "help") == 0 && opts[i].value) {
			usage(stdout);
			return 0;
		}
	if (min_pos >= 0 && (*npos < min_pos || *npos > max_pos)) {
		usage(stderr);
		return 2;
	}
	return -1;
}

bool opts_long(const char *cmd, const char *name, const char *s, long min, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < min || v > max) {
		fprintf(stderr, "osaaja %s: --%s must be a whole number from %ld to %ld\n", cmd, name, min, max);
		return false;
	}
	*out = v;
	return true;
}
