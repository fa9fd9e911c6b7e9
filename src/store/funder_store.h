/* funder_store: the sum of a programme's funders' shares, which the funder rule decides on (src/app/funders.c). */
#pragma once
#include <stdint.h>

#include "core/err.h"

struct store;

/* *sum: the shares (per cent) of the active (not archived) funders of programme_id, leaving out row except_id
 * (0: none; the row an update changes). Read in the caller's transaction: lock the programme row first
 * (store_entity_get_for_update) so that no other writer's funder can come between this sum and the write. */
int store_programme_share_sum(struct store *s, int64_t programme_id, int64_t except_id, double *sum, struct err *e);
