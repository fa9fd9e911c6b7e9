/* cli import-taxonomy: import ESCO, ISCO-08 and ISCED-F reference data. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_import_taxonomy(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja import-taxonomy: not available in this build yet\n");
	return 1;
}
