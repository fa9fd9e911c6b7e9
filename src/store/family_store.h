/* family_store: the derivations of a family's settling-in plan (docs/outcomes.md, "Families and settling in"). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* After a write of settling step step_id, on day (YYYY-MM-DD): done_on becomes day when the step is first done (kept
 * while it stays done, cleared when it is reopened), and the plan's timeline (settling_step_changes) gets a row when
 * the step's state, owner, due date or title differ from its newest row there (a new step always gets one). */
int store_settling_step_written(struct store *s, int64_t step_id, const char *day, struct err *e);

enum { FAMILY_STORE_MAX_CHANGES = 500 }; /* rows of one family's timeline */

/* The timeline of family family_id of organisation org_id, newest first (at most FAMILY_STORE_MAX_CHANGES): {id,
 * step_id, kind, title, state, owner_id, due_on, changed_on}. *out is a new array the caller releases. */
int store_settling_changes(struct store *s, int64_t org_id, int64_t family_id, json_t **out, struct err *e);
