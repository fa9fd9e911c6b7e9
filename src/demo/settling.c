/* demo settling: the seasonal-worker families' settling-in plans (docs/outcomes.md, "Families and settling in"),
 * written after the simulated year so that the spouse's job search ends as the year did. Each step is created on
 * the family's arrival as "todo" and moves on through its states on the days it did, each move a row of the plan's
 * timeline (demo_step_written with store_settling_steps, as the write pipeline does). */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"
#include "store/family_store.h"

/* Sets the step's state on day and records the change as the pipeline would. */
static int move(struct demo_gen *g, int64_t step, const char *state, int day)
{
	char d[11];
	demo_date(g, day, d);
	if (demo_exec_update(g, "UPDATE settling_steps SET state = ?2 WHERE id = ?1", step, state, 0))
		return -1;
	return demo_step_written(g, &store_settling_steps, step, d);
}

/* One step: created on arrival, due due_in days later; ends in state (0 todo, 1 doing, 2 done, 3 not needed) with
 * its moves on the days the progress of the family allows (never after the year's last day). */
static int step(struct demo_gen *g, const struct demo_family *f, int arrival, const char *kind, const char *title,
                int64_t client, int64_t member, int due_in, int state)
{
	struct demo_rng *r = &g->r;
	char due[11], start[11];
	demo_date(g, arrival + due_in, due);
	demo_date(g, arrival, start);
	int64_t owner = g->cl[f->worker].counsellor;
	json_t *b = json_pack("{s:I, s:s, s:s?, s:I, s:s, s:s}", "family_id", (json_int_t)f->id, "kind", kind, "title",
	                      title, "owner_id", (json_int_t)owner, "due_on", due, "state", "todo");
	if (b && client)
		json_object_set_new(b, "client_id", json_integer(client));
	if (b && member)
		json_object_set_new(b, "member_id", json_integer(member));
	int64_t id;
	if (demo_put(g, "settling-steps", g->org[f->org].id, b, &id, &g->sum->settling_steps))
		return -1;
	if (demo_step_written(g, &store_settling_steps, id, start))
		return -1;
	int last = DEMO_DAYS - 1;
	int doing = arrival + 1 + (int)demo_rng_below(r, (uint32_t)(due_in > 2 ? due_in / 2 : 1));
	int done = arrival + due_in / 2 + (int)demo_rng_below(r, (uint32_t)due_in + 1);
	if (doing > last)
		doing = last;
	if (done > last)
		done = last;
	if (done < doing)
		done = doing;
	if (state == 3)
		return move(g, id, "not_needed", doing);
	if (state >= 1 && move(g, id, "doing", doing))
		return -1;
	if (state == 2 && move(g, id, "done", done))
		return -1;
	return 0;
}

/* The state a step has reached: likelier done the longer ago the family arrived (elapsed against the usual time). */
static int progress(struct demo_gen *g, int elapsed, int usual)
{
	double p = (double)elapsed / (double)(usual * 2);
	if (p > 0.92)
		p = 0.92;
	if (demo_rng_chance(&g->r, p))
		return 2;
	return elapsed > usual / 3 && demo_rng_chance(&g->r, 0.6) ? 1 : 0;
}

int demo_make_settling(struct demo_gen *g)
{
	for (size_t i = 0; i < g->nfam && !g->failed; i++) {
		const struct demo_family *f = &g->fam[i];
		const struct demo_client *w = &g->cl[f->worker];
		int arrival = w->intake_day, elapsed = DEMO_DAYS - arrival;
		char day[11];
		demo_date(g, arrival, day);
		demo_exec_update(g, "UPDATE families SET arrived_on = ?2 WHERE id = ?1", f->id, day, 0);
		/* the plan: the draws made with the family (registration, housing, day care) decide how those began */
		int reg = f->registration >= 2 || elapsed > 60 ? 2 : f->registration;
		step(g, f, arrival, "population_register", NULL, w->id, 0, 14, reg);
		step(g, f, arrival, "housing", NULL, 0, 0, 30, f->housing >= 2 ? 2 : progress(g, elapsed, 45));
		step(g, f, arrival, "tax_card", NULL, w->id, 0, 14, progress(g, elapsed, 10));
		step(g, f, arrival, "bank_account", NULL, w->id, 0, 30, progress(g, elapsed, 30));
		step(g, f, arrival, "health_care", NULL, 0, 0, 60, progress(g, elapsed, 60));
		for (int k = 0; k < f->nkids; k++)
			step(g, f, arrival, "daycare_school", NULL, 0, f->kid[k], 45,
			     f->daycare >= 2 ? 2 : f->daycare == 1 ? progress(g, elapsed, 40) : progress(g, elapsed, 90));
		if (f->spouse >= 0) {
			const struct demo_client *sp = &g->cl[f->spouse];
			int sp_elapsed = DEMO_DAYS - sp->intake_day;
			step(g, f, sp->intake_day, "finnish_course", NULL, sp->id, 0, 90,
			     demo_rng_chance(&g->r, 0.1) ? 3 : progress(g, sp_elapsed, 120));
			step(g, f, sp->intake_day, "spouse_job_search", NULL, sp->id, 0, 120, sp->employed ? 2 : 1);
		}
		if (demo_rng_chance(&g->r, 0.3))
			step(g, f, arrival, "custom", "Ajokortin vaihto suomalaiseen", w->id, 0, 90, progress(g, elapsed, 120));
		/* Some families leave the region: most of those whose worker's service closed without a job, a few others. */
		bool closed = w->status && strcmp(w->status, "closed") == 0 && !w->employed;
		if (demo_rng_chance(&g->r, closed ? 0.45 : 0.06) && elapsed > 30) {
			int left = (closed && w->exit_day >= 0 ? w->exit_day : arrival + 30) +
			           (int)demo_rng_below(&g->r, (uint32_t)(elapsed > 60 ? 60 : 30));
			if (left > DEMO_DAYS - 1)
				left = DEMO_DAYS - 1;
			demo_date(g, left, day);
			demo_exec_update(g, "UPDATE families SET left_region_on = ?2 WHERE id = ?1", f->id, day, 0);
		}
	}
	return g->failed ? -1 : 0;
}
