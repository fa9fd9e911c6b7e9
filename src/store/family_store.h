/* family_store: the derivations of a family's settling-in plan (docs/outcomes.md, "Families and settling in"). */
#pragma once

struct store_step_plan;

/* The plan of a family's settling steps (store_step_written, store_step_changes): after a write of a step on a day,
 * done_on becomes the day when the step is first done (kept while it stays done, cleared when it is reopened), and
 * the plan's timeline (settling_step_changes) gets a row when the step's state, owner, due date or title differ from
 * its newest row there (a new step always gets one). The timeline's rows: {id, step_id, kind, title, state, owner_id,
 * due_on, changed_on}. */
extern const struct store_step_plan store_settling_steps;
