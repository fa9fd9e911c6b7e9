/* cli user: add, list or change staff accounts. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_user(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja user: not available in this build yet\n");
	return 1;
}
