/* cli demo: fill a database with the realistic demo data set. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_demo(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja demo: not available in this build yet\n");
	return 1;
}
