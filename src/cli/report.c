/* cli report: programme indicators and exports. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_report(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja report: not available in this build yet\n");
	return 1;
}
