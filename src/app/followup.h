/* followup: the follow-up due list, the counsellor's reminder to ask employed clients whether they are still in
 * work (and in the region) 3, 6 and 12 months after the job started. Recording a follow-up is an ordinary create of
 * outcome-followups through app_entity_create, where the "not before its time" rule lives (src/app/entity.c). */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"

enum { FOLLOWUP_AHEAD_DAYS = 30 }; /* the list shows checks due within the next month, and every overdue one */

/* The follow-ups that are due (or overdue) by today + FOLLOWUP_AHEAD_DAYS and not recorded, soonest first: a
 * counsellor sees those of their own clients, a coordinator those of the organisation. Each item: {outcome_id,
 * client_id, client_name, employer_name, starts_on, months, due_on, earliest_on, overdue, open (may be recorded
 * today)}. Who may read follow-ups may read the list. The list names clients: it is audited as a read ("list" of clients). *items belongs to the actor's arena. */
int app_followups_due(const struct actor *a, const char *today, json_t **items, struct err *e);
