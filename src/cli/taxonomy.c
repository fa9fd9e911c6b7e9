/* cli taxonomy: search ESCO occupations and skills. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_taxonomy(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja taxonomy: not available in this build yet\n");
	return 1;
}
