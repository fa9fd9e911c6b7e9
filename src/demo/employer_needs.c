/* demo employer needs: the employers' needs records (issue 15 item 1), drawn from a random stream of their own so the
 * rest of the demo stays as it was. Every employer of a seasonal sector (the Kainuu pilot's metal, forestry, tourism
 * and berry employers) and about half of the others told their needs; a third of those told them twice, so that the
 * employer's page shows a history (the older record half a year ago, the newer one last month). Arrivals follow the
 * season of the sector over the next twelve months. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/internal.h"

/* What an employer of a sector expects: two roles, the months of its season (1..12; 0 ends), the kind of workers it
 * brings in for the season, and how many at most per month. */
static const struct {
	unsigned sector;
	const char *role[2];
	int months[8];
	const char *kind;
	int most;
	const char *skills;
} plans[] = {
	{DEMO_SEC_METAL, {"Hitsaaja", "Levyseppä"}, {2, 3, 4, 5, 8, 9, 10, 0}, "agency", 6,
	 "MIG/MAG-hitsaus, piirustusten lukeminen, työturvallisuuskortti"},
	{DEMO_SEC_FORESTRY, {"Metsuri", "Metsäkoneenkuljettaja"}, {5, 6, 7, 8, 9, 0}, "seasonal", 10,
	 "Metsäkoneen käyttö, raivaussahan käyttö, ajokortti B"},
	{DEMO_SEC_TOURISM, {"Safariopas", "Hotellisiivooja"}, {11, 12, 1, 2, 3, 0}, "seasonal", 8,
	 "Asiakaspalvelu englanniksi, moottorikelkkaohjaajan kokemus"},
	{DEMO_SEC_BERRIES, {"Marjanpoimija", "Pakkaaja"}, {7, 8, 9, 0}, "seasonal", 25, "Hygieniapassi"},
};

static const char *const sources[] = {"meeting", "phone", "email", "survey", "event"};
static const double source_w[] = {40, 30, 10, 15, 5};
static const char *const hiring[] = {"yes", "maybe", "no"};
static const double hiring_w[] = {35, 45, 20};
static const char *const challenges[] = {"language", "housing", "induction", "permits", "transport", "recruitment",
                                         "skills_recognition", "workplace_culture", "family"};
static const double challenge_w[] = {30, 22, 12, 10, 10, 8, 4, 2, 2};
static const char *const services[] = {"recruitment_help", "diversity_leadership", "workplace_language",
                                       "induction_support", "permit_advice", "housing_help", "training"};
static const double service_w[] = {30, 10, 20, 15, 8, 12, 5};

/* Up to n distinct codes drawn by weight into a new JSON array. */
static json_t *draw_codes(struct demo_rng *r, const char *const *codes, const double *w, size_t nc, int n)
{
	json_t *a = json_array();
	for (int i = 0; a && i < n; i++) {
		const char *c = codes[demo_rng_weighted(r, w, nc)];
		bool have = false;
		size_t k;
		json_t *x;
		json_array_foreach(a, k, x) have |= strcmp(json_string_value(x), c) == 0;
		if (!have)
			json_array_append_new(a, json_string(c));
	}
	return a;
}

/* One needs record of employer em, told on day (a day index of the year), with its arrivals in the twelve months
 * from the month of `from` (YYYY-MM-DD); season: the sector's plan, or NULL (a few permanent hires). */
static int one_record(struct demo_gen *g, struct demo_rng *r, const struct demo_employer *em, int day,
                      const char *from, int plan)
{
	char on[11];
	demo_date(g, day, on);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "employer_id", (json_int_t)em->id, "reported_on", on,
	                      "source", sources[demo_rng_weighted(r, source_w, DEMO_N(source_w))], "longer_term_hiring",
	                      hiring[demo_rng_weighted(r, hiring_w, DEMO_N(hiring_w))], "challenges",
	                      draw_codes(r, challenges, challenge_w, DEMO_N(challenge_w), 1 + (int)demo_rng_below(r, 3)),
	                      "services_wanted",
	                      draw_codes(r, services, service_w, DEMO_N(service_w), 1 + (int)demo_rng_below(r, 2)));
	if (b && plan >= 0)
		json_object_set_new(b, "skills_lacking", json_string(plans[plan].skills));
	int64_t nid = 0;
	if (demo_put(g, "employer-needs", g->org[em->org].id, b, &nid, NULL))
		return -1;
	int y = (int)strtol(from, NULL, 10), m0 = (int)strtol(from + 5, NULL, 10);
	for (int i = 0; i < 12 && !g->failed; i++) {
		int month = (m0 - 1 + i) % 12 + 1, year = y + (m0 - 1 + i) / 12;
		const char *kind = NULL, *title = NULL;
		int workers = 0;
		bool in_season = false;
		for (int k = 0; plan >= 0 && k < 8 && plans[plan].months[k]; k++)
			in_season |= plans[plan].months[k] == month;
		if (in_season && demo_rng_chance(r, 0.8)) {
			kind = plans[plan].kind;
			title = plans[plan].role[demo_rng_below(r, 2)];
			workers = 1 + (int)demo_rng_below(r, (uint32_t)plans[plan].most);
		} else if (demo_rng_chance(r, plan >= 0 ? 0.08 : 0.15)) {
			kind = demo_rng_chance(r, 0.5) ? "permanent" : "agency";
			title = plan >= 0 ? plans[plan].role[0] : "Työntekijä";
			workers = 1 + (int)demo_rng_below(r, 2);
		}
		if (!kind)
			continue;
		json_t *a = json_pack("{s:I, s:i, s:i, s:s, s:i, s:s}", "need_id", (json_int_t)nid, "year", year, "month",
		                      month, "title", title, "workers", workers, "kind", kind);
		if (demo_put(g, "employer-need-arrivals", g->org[em->org].id, a, NULL, NULL))
			return -1;
	}
	return g->failed ? -1 : 0;
}

int demo_employer_needs(struct demo_gen *g, uint64_t seed)
{
	struct demo_rng r = {{0}};
	demo_rng_seed(&r, seed ^ 0x6e656564ULL);
	char now[11], half[11];
	demo_date(g, DEMO_DAYS, now);
	demo_date(g, DEMO_DAYS - 182, half);
	for (size_t i = 0; i < g->nemp && !g->failed; i++) {
		const struct demo_employer *em = &g->emp[i];
		int plan = -1;
		for (size_t p = 0; p < DEMO_N(plans); p++)
			if (plans[p].sector == em->sector)
				plan = (int)p;
		if (plan < 0 && !demo_rng_chance(&r, 0.5))
			continue;
		if (demo_rng_chance(&r, 0.35) && one_record(g, &r, em, DEMO_DAYS - 182 - (int)demo_rng_below(&r, 30), half, plan))
			return -1;
		if (one_record(g, &r, em, DEMO_DAYS - 40 + (int)demo_rng_below(&r, 30), now, plan))
			return -1;
	}
	return g->failed ? -1 : 0;
}
