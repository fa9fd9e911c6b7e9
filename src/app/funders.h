/* funders: the rule on a programme's funders' shares, run by the entity pipeline (hooks[ENT_PROGRAMME_FUNDERS] in
 * src/app/entity.c) on every create and update of a programme-funders row. */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "domain/entity.h"

/* A share is more than 0 and at most 100 per cent, and the shares of one programme's active funders, this one
 * included, sum to at most 100: ERR_INVALID on share_pct with the key "share_positive" or "funder_shares_over_100".
 * Locks the programme row for the rest of the transaction, so that concurrent writes (several servers on one
 * PostgreSQL) take turns and none can overtake the sum it decided on. old: the stored row on update, NULL on create. */
int app_funder_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e);
