/* family: the reads of a family's settling-in plan beyond its rows (see CONTRIBUTING.md, "Add a verb"). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

/* The timeline of the settling-in plan of family family_id: one row per change of a step's state, owner, due date or
 * title (written with the step's write, src/store/family_store.c), newest first: {id, step_id, kind, title, state,
 * owner_id, due_on, changed_on}. Read with the family's access (the staff who may see its clients); a family of
 * another organisation is ERR_NOT_FOUND. *items belongs to the actor's arena. */
int app_family_timeline(const struct actor *a, int64_t family_id, json_t **items, struct err *e);
