/* cli backup: write an online backup of the database to a file. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_backup(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja backup: not available in this build yet\n");
	return 1;
}
