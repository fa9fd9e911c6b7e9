/* surveys_shipped: the surveys osaaja ships (the JSON files in data/surveys) registered in the store as defaults every
 * organisation may use (organisation_id NULL), each version once. The server does it at start, the demo before it
 * writes its answers, so both find the same definitions. */
#pragma once
#include "core/err.h"
#include "store/store.h"

/* Registers every shipped survey version not yet in s, in one transaction of its own (s has none open). 0 also
 * when data/surveys is not found (a warning is logged); a file that cannot be read or parsed fails with e naming it. */
int app_surveys_register_shipped(struct store *s, struct err *e);
