/* taxonomy_store: what the write pipeline asks of the shipped taxonomy tables (tax_concepts) for one row. */
#pragma once
#include "core/err.h"

struct store;

/* The ISCO-08 unit group (4 digits, NUL-terminated) of the ESCO occupation with this URI, from its ESCO code
 * ("2512.4" → "2512"). 0 with isco[0] == '\0' when the URI is not an occupation the taxonomy knows, or an ERR_*. */
int store_occupation_isco(struct store *s, const char *uri, char isco[5], struct err *e);
