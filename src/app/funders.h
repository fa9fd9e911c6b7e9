/* funders: the rule on a programme's funders' shares, run by the entity pipeline (hooks[ENT_PROGRAMME_FUNDERS] in
 * src/app/entity.c) on every create and update of a programme-funders row. */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "domain/entity.h"

/* Locks the programme's row for the rest of the transaction, so that concurrent writes of its funders (several
 * servers on one PostgreSQL) take turns and none can overtake the sum app_funder_check decides on. Runs before the
 * references are checked: their check takes a shared lock on the programme, and two writers that both held that and
 * then asked for this one would deadlock. A programme not found is left to the reference check (a 400 on
 * programme_id). old: the stored row on update, NULL on create. */
int app_funder_lock(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
/* A share is more than 0 and at most 100 per cent, and the shares of one programme's active funders, this one
 * included, sum to at most 100: ERR_INVALID on share_pct with the key "share_positive" or "funder_shares_over_100".
 * Run after app_funder_lock in the same transaction. */
int app_funder_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
