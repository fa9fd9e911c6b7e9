/* cohort_store: the derivations and reads of international recruitment cohorts (issue 15 item 7; docs/outcomes.md,
 * "Recruitment cohorts"). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct store;
struct store_step_plan;

/* The plan of a cohort member's steps (store_step_written, store_step_changes): after a write of a step on a day,
 * done_on becomes the day when the step is done or interrupted and has no day yet (a day the counsellor gave is
 * kept), and is cleared when the step is reopened; the member's timeline (cohort_step_changes) gets a row when the
 * step's state, planned day or done day differ from its newest row there (a new step always gets one). The timeline's
 * rows: {id, step_id, step, state, planned_on, done_on, changed_on}. */
extern const struct store_step_plan store_cohort_steps;

enum { COHORT_STORE_MAX_MEMBERS = 500 }; /* members of one cohort on its board */

/* The members of cohort cohort_id of organisation org_id, by name: {id, name, client_id}, and their step rows:
 * {id, member_id, step, state, planned_on, done_on} (archived rows left out). *members and *steps are new arrays the
 * caller releases. */
int store_cohort_board_rows(struct store *s, int64_t org_id, int64_t cohort_id, json_t **members, json_t **steps,
                            struct err *e);
