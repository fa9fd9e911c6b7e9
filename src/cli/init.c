/* cli init: create a database or bring its schema up to date. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/store.h"

int cli_init(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			printf("usage: osaaja init [--db FILE|URL]\n\nCreates the database if needed and applies every schema "
			       "migration not yet applied. Safe to run again.\n");
			return 0;
		}
		if (strcmp(argv[i], "--db") == 0) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) != 0) {
			fprintf(stderr, "osaaja init: unknown option '%s' (see --help)\n", argv[i]);
			return 2;
		}
	}
	const char *db = cli_db_arg(argc, argv);
	struct store *s = cli_open_store(db);
	if (!s)
		return 1;
	int v = 0;
	struct err e = {0};
	if (store_schema_version(s, &v, &e)) {
		fprintf(stderr, "osaaja init: %s\n", e.message);
		store_close(s);
		return 1;
	}
	printf("database %s ready at schema version %d\n", db, v);
	store_close(s);
	return 0;
}
