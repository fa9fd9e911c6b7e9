/* cohort: the verbs of international recruitment cohorts beyond their rows (issue 15 item 7; docs/outcomes.md,
 * "Recruitment cohorts"). Cohorts, members and steps are entities (/api/v1/cohorts, /cohort-members, /cohort-steps);
 * these read a cohort's board and a member's timeline, and move a member to a step. Counsellors and coordinators of
 * the organisation write, managers read; employers have no access. Results belong to the actor's arena. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

/* Where a member stands (the board's columns, in order): the first step, in the order of domain_cohort_steps, that is
 * neither done nor not needed (a step without a row is not started); "completed" when every step is; "interrupted"
 * when any step is interrupted (the person left the recruitment). */
extern const char *const app_cohort_columns[]; /* the steps, then "completed", "interrupted"; NULL-terminated */

/* The board of cohort cohort_id: {cohort: the cohort's row plus employer_name, columns: [{column, count, members:
 * [{id, name, client_id, state, planned_on, done_on, steps: {step: {id, state, planned_on, done_on}}}]}], counts:
 * {column: n}, figures: {members, reached_arrival, employed_6_months}}. state and the days are those of the member's
 * current step. A cohort of another organisation is ERR_NOT_FOUND. With names (the board shown or answered) the read
 * is audited; without, the cards are left out (members: []) and only the counts and figures come back, which name
 * nobody and are not audited (the list of cohorts). */
int app_cohort_board(const struct actor *a, int64_t cohort_id, bool names, json_t **board, struct err *e);

/* Moves member member_id to step (one of domain_cohort_steps) on day on (YYYY-MM-DD; NULL or "": today): the earlier
 * steps not yet done, not needed or interrupted become done on that day, the step becomes in progress, and a later
 * step in progress goes back to not started. Each change is a write of a cohort step through the entity pipeline
 * (validation, audit, the member's timeline). A member whose way was interrupted is ERR_CONFLICT (reopen the step
 * first). *steps: the member's step rows after the move. */
int app_cohort_move(const struct actor *a, int64_t member_id, const char *step, const char *on, json_t **steps,
                    struct err *e);

/* The timeline of member member_id: each change of a step's state, planned day or done day, newest first ({id,
 * step_id, step, state, planned_on, done_on, changed_on}). */
int app_cohort_timeline(const struct actor *a, int64_t member_id, json_t **items, struct err *e);
