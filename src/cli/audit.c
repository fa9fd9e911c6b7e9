/* cli audit: verify the audit chain. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_audit(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja audit: not available in this build yet\n");
	return 1;
}
