/* cli serve: run the web server and JSON API. Not built yet: this placeholder says so and fails. */
#include <stdio.h>

#include "cli/cli.h"

int cli_serve(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "osaaja serve: not available in this build yet\n");
	return 1;
}
