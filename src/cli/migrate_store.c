/* cli migrate-store: copy a whole installation between SQLite and PostgreSQL. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_migrate_store(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja migrate-store: not available in this build yet\n");
	return 1;
}
