/* taxonomy_store: reads of the taxonomy tables for the write pipeline (see taxonomy_store.h). */
#include "store/taxonomy_store.h"

#include <ctype.h>
#include <string.h>

#include "store/store.h"

int store_occupation_isco(struct store *s, const char *uri, char isco[5], struct err *e)
{
	isco[0] = '\0';
	struct store_param p[] = {STORE_P_TEXT(uri)};
	struct store_stmt *st = NULL;
	bool found = false;
	int rc = store_query_first(s, "SELECT code FROM tax_concepts WHERE uri = ?1 AND kind = 'occupation'", p,
	                           STORE_NPARAMS(p), &st, &found, e);
	if (rc || !found)
		return rc;
	const char *code = store_col_text(st, 0);
	size_t n = 0;
	while (code && n < 4 && isdigit((unsigned char)code[n]))
		n++;
	if (n == 4) { /* an ESCO occupation code begins with its unit group */
		memcpy(isco, code, 4);
		isco[4] = '\0';
	}
	store_reset(st);
	return 0;
}
