/* demo cohorts: the Kainuu pilot's international recruitment cohort (issue 15 item 7): forest machine operators
 * recruited from Vietnam with a Kainuu forestry employer, the vocational school KAO and a staffing agency. A first
 * group arrived in the spring; a second group is still abroad in training, waiting for permits or travelling. Members
 * before arrival are only a name (no other personal data). Each step row is written as the pipeline would, with its
 * changes on the days they happened (demo_step_written with store_cohort_steps). Fixed data: nothing is drawn, so the
 * rest of the demo stays as it was. */
#include <string.h>

#include "demo/internal.h"
#include "domain/entity.h"
#include "store/cohort_store.h"

enum { NSTEP = 8 };

/* A member's way: for each step (in domain_cohort_steps order) its state code and days relative to the year:
 * 'd' done (start, done), 'p' in progress (start, planned), 'n' not needed, 'i' interrupted (start, done), '-' no row
 * yet (a planned day when planned > 0 makes a not-started row). */
struct way {
	const char *name;
	struct {
		char state;
		int start, end;
	} step[NSTEP];
};

/* Day 0 is the year's first day, DEMO_DAYS today. */
static const struct way ways[] = {
	{"Tran Van Minh",
	 {{'d', 20, 40}, {'d', 45, 110}, {'d', 70, 130}, {'d', 140, 148}, {'d', 148, 150}, {'d', 148, 160}, {'d', 150, 185},
	  {'d', 150, 333}}},
	{"Le Thi Hoa",
	 {{'d', 20, 40}, {'d', 45, 110}, {'d', 70, 132}, {'d', 140, 148}, {'d', 148, 150}, {'d', 148, 158}, {'d', 150, 185},
	  {'d', 150, 335}}},
	{"Nguyen Quoc Bao",
	 {{'d', 20, 40}, {'d', 45, 110}, {'d', 70, 135}, {'d', 140, 148}, {'d', 148, 150}, {'d', 148, 162}, {'d', 150, 190},
	  {'i', 150, 241}}},
	{"Pham Duc Anh",
	 {{'d', 20, 40}, {'d', 45, 110}, {'d', 70, 178}, {'d', 180, 189}, {'d', 189, 190}, {'d', 189, 201}, {'d', 190, 228},
	  {'p', 190, 373}}},
	{"Trinh Van Long",
	 {{'d', 200, 215}, {'n', 215, 215}, {'d', 250, 318}, {'d', 325, 339}, {'d', 339, 340}, {'d', 339, 352}, {'p', 341, 380},
	  {'-', 0, 0}}},
	{"Ly Thi Ngoc",
	 {{'d', 200, 215}, {'d', 220, 300}, {'d', 250, 330}, {'d', 340, 357}, {'d', 357, 358}, {'p', 357, 372}, {'-', 0, 390},
	  {'-', 0, 0}}},
	{"Hoang Thi Lan",
	 {{'d', 200, 215}, {'d', 220, 300}, {'d', 250, 350}, {'p', 355, 372}, {'-', 0, 373}, {'-', 0, 380}, {'-', 0, 400},
	  {'-', 0, 0}}},
	{"Vu Minh Tuan",
	 {{'d', 200, 215}, {'d', 220, 300}, {'p', 305, 392}, {'-', 0, 400}, {'-', 0, 401}, {'-', 0, 0}, {'-', 0, 0},
	  {'-', 0, 0}}},
	{"Dang Van Hieu",
	 {{'d', 200, 216}, {'d', 220, 310}, {'p', 315, 395}, {'-', 0, 400}, {'-', 0, 401}, {'-', 0, 0}, {'-', 0, 0},
	  {'-', 0, 0}}},
	{"Bui Thi Mai",
	 {{'d', 200, 218}, {'p', 240, 380}, {'-', 0, 390}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}}},
	{"Do Van Khoa",
	 {{'d', 200, 218}, {'p', 240, 380}, {'-', 0, 390}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}}},
	{"Ngo Thi Thu", {{'p', 330, 375}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}, {'-', 0, 0}}},
};

/* Sets the step's state (and done day) on day and records the change as the pipeline would. */
static int change(struct demo_gen *g, int64_t id, const char *state, int day, bool with_done)
{
	char d[11];
	demo_date(g, day, d);
	if (demo_exec_update(g, "UPDATE cohort_steps SET state = ?2 WHERE id = ?1", id, state, 0) ||
	    (with_done && demo_exec_update(g, "UPDATE cohort_steps SET done_on = ?2 WHERE id = ?1", id, d, 0)))
		return -1;
	return demo_step_written(g, &store_cohort_steps, id, d);
}

static int way_step(struct demo_gen *g, int64_t org, int64_t member, int s, char state, int start, int end)
{
	if (state == '-' && end <= 0)
		return 0;
	char planned[11];
	demo_date(g, end, planned);
	bool plan = state == 'p' || state == '-';
	json_t *b = json_pack("{s:I, s:s, s:s}", "member_id", (json_int_t)member, "step", domain_cohort_steps[s], "state",
	                      "not_started");
	if (b && plan)
		json_object_set_new(b, "planned_on", json_string(planned));
	int64_t id;
	if (demo_put(g, "cohort-steps", org, b, &id, NULL))
		return -1;
	char d[11];
	demo_date(g, state == '-' ? DEMO_DAYS - 20 : start, d);
	if (demo_step_written(g, &store_cohort_steps, id, d))
		return -1;
	switch (state) {
	case 'd':
		return start < end && change(g, id, "in_progress", start, false) ? -1 : change(g, id, "done", end, true);
	case 'i':
		return change(g, id, "in_progress", start, false) ? -1 : change(g, id, "interrupted", end, true);
	case 'n':
		return change(g, id, "not_needed", start, false);
	case 'p':
		return change(g, id, "in_progress", start, false);
	default:
		return 0;
	}
}

int demo_cohorts(struct demo_gen *g)
{
	const int o = 2; /* Kainuu */
	if (!g->org[o].id)
		return 0;
	int64_t org = g->org[o].id, employer = 0, programme = 0;
	for (size_t i = 0; i < g->nemp && !employer; i++)
		if (g->emp[i].org == o && g->emp[i].sector == DEMO_SEC_FORESTRY)
			employer = g->emp[i].id;
	for (size_t i = 0; i < g->nemp && !employer; i++)
		if (g->emp[i].org == o)
			employer = g->emp[i].id;
	for (int p = 0; p < g->nprog && !programme; p++)
		if (g->prog[p].org == o)
			programme = g->prog[p].id;
	char arrival[11];
	demo_date(g, 150, arrival);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "name",
	                      "Metsäkoneenkuljettajat Vietnamista 2026", "school", "Kainuun ammattiopisto KAO",
	                      "staffing_agency", "Pohjolan Henkilöstöpalvelut Oy (demo)", "country", "VN", "isco_code", "8341",
	                      "occupation_title", "Metsäkoneenkuljettaja", "planned_arrival_on", arrival, "notes",
	                      "Ensimmäinen ryhmä saapui keväällä, toinen ryhmä saapuu talvella. Kielikoulutus lähtömaassa "
	                      "A2-tasolle, metsäkoneen simulaattorikoulutus KAO:n kanssa.");
	if (b && employer)
		json_object_set_new(b, "employer_id", json_integer(employer));
	if (b && programme)
		json_object_set_new(b, "programme_id", json_integer(programme));
	int64_t cohort;
	if (demo_put(g, "cohorts", org, b, &cohort, NULL))
		return -1;
	for (size_t m = 0; m < DEMO_N(ways) && !g->failed; m++) {
		int64_t member;
		if (demo_put(g, "cohort-members", org,
		             json_pack("{s:I, s:s}", "cohort_id", (json_int_t)cohort, "name", ways[m].name), &member, NULL))
			return -1;
		for (int s = 0; s < NSTEP && !g->failed; s++)
			way_step(g, org, member, s, ways[m].step[s].state, ways[m].step[s].start, ways[m].step[s].end);
	}
	return g->failed ? -1 : 0;
}
