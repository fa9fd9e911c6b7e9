/* cli audit: verify the hash chain of the audit log. */
#include <stdio.h>
#include <string.h>

#include "auth/audit.h"
#include "cli/cli.h"
#include "cli/opts.h"

int cli_audit(int argc, char **argv)
{
	struct opt o[] = {{"db", true, NULL}, {"help", false, NULL}};
	const char *pos[1];
	int npos;
	if (opts_parse("audit", argc, argv, o, 2, pos, 1, &npos))
		return 2;
	if (o[1].value || npos != 1 || strcmp(pos[0], "verify") != 0) {
		fprintf(o[1].value ? stdout : stderr, "usage: osaaja audit verify [--db FILE]\n\nChecks that no audit entry "
		                                      "was changed or removed; prints the first broken link.\n");
		return o[1].value ? 0 : 2;
	}
	struct store *s = cli_open_store(o[0].value ? o[0].value : cli_default_db());
	if (!s)
		return 1;
	int64_t checked, broken;
	struct err e = {0};
	int rc = audit_verify(s, &checked, &broken, &e);
	store_close(s);
	if (rc) {
		fprintf(stderr, "osaaja audit: %s\n", e.message);
		return 1;
	}
	printf("audit chain intact: %lld entries\n", (long long)checked);
	return 0;
}
