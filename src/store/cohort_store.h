/* cohort_store: the derivations and reads of international recruitment cohorts (issue 15 item 7; docs/outcomes.md,
 * "Recruitment cohorts"). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct store;

/* After a write of cohort step step_id, on day (YYYY-MM-DD): done_on becomes day when the step is done or interrupted
 * and has no day yet (a day the counsellor gave is kept), and is cleared when the step is reopened; the member's
 * timeline (cohort_step_changes) gets a row when the step's state, planned day or done day differ from its newest row
 * there (a new step always gets one). */
int store_cohort_step_written(struct store *s, int64_t step_id, const char *day, struct err *e);

enum {
	COHORT_STORE_MAX_MEMBERS = 500, /* members of one cohort on its board */
	COHORT_STORE_MAX_CHANGES = 500, /* rows of one member's timeline */
};

/* The members of cohort cohort_id of organisation org_id, by name: {id, name, client_id}, and their step rows:
 * {id, member_id, step, state, planned_on, done_on} (archived rows left out). *members and *steps are new arrays the
 * caller releases. */
int store_cohort_board_rows(struct store *s, int64_t org_id, int64_t cohort_id, json_t **members, json_t **steps,
                            struct err *e);

/* The timeline of member member_id of organisation org_id, newest first (at most COHORT_STORE_MAX_CHANGES): {id,
 * step_id, step, state, planned_on, done_on, changed_on}. *out is a new array the caller releases. */
int store_cohort_changes(struct store *s, int64_t org_id, int64_t member_id, json_t **out, struct err *e);
