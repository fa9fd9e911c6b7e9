/* followup_store: the employments whose follow-ups a counsellor makes (the due list's rows). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct store;

enum { FOLLOWUP_STORE_MAX = 2000 }; /* employments on one due list */

/* Employments (outcomes of type employed, not archived, of clients not archived) of organisation org_id that started
 * on or after since (YYYY-MM-DD), of the clients of counsellor_id (0 = every counsellor), oldest first: one row per
 * employment and follow-up already recorded, {outcome_id, client_id, first_name, last_name, employer_name,
 * starts_on, ends_on, months (null when none is recorded)}. *out is a new array the caller releases. */
int store_followup_rows(struct store *s, int64_t org_id, int64_t counsellor_id, const char *since, json_t **out,
                        struct err *e);
