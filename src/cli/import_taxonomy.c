/* cli import-taxonomy: import ESCO, ISCO-08 and ISCED-F reference data from data/taxonomy or an ESCO CSV folder. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja import-taxonomy [--db FILE|postgres://...] DIR\n"
	           "DIR: the shipped data/taxonomy folder, or an ESCO-style folder (esco/vX.Y.Z/*.csv, esco/derived,\n"
	           "isco/, isced/) or a folder of official ESCO CSV exports (occupations_XX.csv, skills_XX.csv,\n"
	           "skillGroups_XX.csv, ISCOGroups_XX.csv, occupationSkillRelations.csv, broaderRelations*.csv; plain or\n"
	           ".gz; the language comes from the file name). Re-importing updates in place; all or nothing.\n");
}

int cli_import_taxonomy(int argc, char **argv)
{
	struct opt opts[] = {{"db", true, NULL}, {"help", false, NULL}};
	const char *pos[2];
	int npos = 0;
	int rc = opts_begin("import-taxonomy", usage, argc, argv, opts, 2, pos, 2, &npos, 1, 1);
	if (rc >= 0)
		return rc;
	struct store *s = cli_open_store(opts[0].value ? opts[0].value : cli_default_db());
	if (!s)
		return 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct tax_import_stats st = {0};
	struct err e = {0};
	rc = tax_import_dir(s, pos[0], isatty(STDERR_FILENO) == 1, &st, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_close(s);
	if (rc) {
		fprintf(stderr, "osaaja import-taxonomy: %s (nothing was imported)\n", e.message);
		return 1;
	}
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("imported %s (%s layout): %ld files, %ld concepts, %ld labels, %ld relations, %ld broader links, "
	       "%ld rows skipped (unknown concept) in %.1f s\n",
	       pos[0], st.shipped_layout ? "shipped" : "ESCO", st.files, st.concepts, st.labels, st.relations, st.broader,
	       st.skipped, secs);
	return 0;
}
