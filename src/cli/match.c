/* cli match: best vacancies for a client, or best clients for a vacancy. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_match(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja match: not available in this build yet\n");
	return 1;
}
