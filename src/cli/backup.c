/* cli backup: an online, consistent copy of a SQLite database while the server runs; restore = copy it back. */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja backup [--db FILE] [--force] DEST_FILE\n\nWrites a consistent copy of the database to "
	           "DEST_FILE using SQLite's online backup (the server may keep running), then checks the copy's "
	           "integrity.\nRestore: stop the server and use the copy as --db (or copy it over the old file).\n"
	           "PostgreSQL installations use pg_dump / pg_basebackup instead.\n");
}

int cli_backup(int argc, char **argv)
{
	struct opt o[] = {{"db", true, NULL}, {"help", false, NULL}, {"force", false, NULL}};
	const char *pos[1];
	int npos;
	int rc = opts_begin("backup", usage, argc, argv, o, 3, pos, 1, &npos, -1, -1);
	if (rc >= 0)
		return rc;
	if (npos != 1) {
		fprintf(stderr, "osaaja backup: give the destination file (see --help)\n");
		return 2;
	}
	if (!o[2].value && access(pos[0], F_OK) == 0) {
		fprintf(stderr, "osaaja backup: %s exists; use --force to overwrite it\n", pos[0]);
		return 2;
	}
	struct store *s = cli_open_store(o[0].value ? o[0].value : cli_default_db());
	if (!s)
		return 1;
	struct err e = {0};
	rc = store_backup(s, pos[0], &e);
	store_close(s);
	if (rc) {
		fprintf(stderr, "osaaja backup: %s\n", e.message);
		return 1;
	}
	struct store *copy;
	if (store_open(pos[0], &copy, &e) || store_integrity_check(copy, &e)) {
		fprintf(stderr, "osaaja backup: the copy failed its check: %s\n", e.message);
		return 1;
	}
	int v = 0;
	store_schema_version(copy, &v, &e);
	store_close(copy);
	printf("backup written to %s (schema version %d, integrity ok)\n", pos[0], v);
	return 0;
}
