/* demo partners: an education provider in Espoo as a partner organisation of the competence centre (its study
 * counsellor and coordinator have demo accounts), and the centre's referrals to it in every state: waiting for an
 * answer, accepted, started, ended with an outcome, declined (issue 15 item 2). Each referred client gets its
 * share_partner consent first, as the verb requires; the rows go through the same store functions the verb uses
 * (src/store/partner_store.c), dated in the simulated year. Its own random stream, so the year stays as it was. */
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"
#include "store/partner_store.h"

struct referral_plan {
	const char *final, *purpose, *shared, *reason, *outcome;
	int days_ago; /* sent */
};
static const struct referral_plan plan[] = {
	{"sent", "education", "basic,contact,languages,education",
	 "Asiakas hakee ammatilliseen täydennyskoulutukseen; toivoo aloitusta tammikuussa.", NULL, 6},
	{"accepted", "language_training", "basic,contact,languages", "Työelämän suomen kurssi B1-tasolle.", NULL, 20},
	{"started", "education", "basic,contact,languages,education,work_history",
	 "Pätevöityminen: tutkinnon osat ja työssäoppiminen.", NULL, 75},
	{"ended", "language_training", "basic,contact,languages", "Suomen kielen jatkokurssi.", "completed", 160},
	{"ended", "education", "basic,contact,education,skills", "Ohjelmistotestauksen koulutus.", "employed", 230},
	{"declined", "education", "basic,contact,education", "Lähihoitajakoulutus.", NULL, 40},
};

static const char *const path[] = {"sent", "accepted", "started", "ended"};

int demo_partners(struct demo_gen *g, uint64_t seed)
{
	struct demo_rng r = {{0}};
	demo_rng_seed(&r, seed ^ 0x9a7e3e5ULL);
	static const char name[] = "Omnia, ammatillinen koulutus (demo)";
	json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "name", name, "kind", "education_provider", "municipality", "Espoo",
	                      "business_id", "2460512-7"); /* a made-up ID with a valid check digit */
	int64_t org = 0, counsellor = 0, coordinator = 0;
	if (!b || demo_put(g, "organisations", 0, b, &org, &g->sum->organisations) ||
	    demo_add_user(g, org, name, "omnia-demo.example", "counsellor", 0, &counsellor) ||
	    demo_add_user(g, org, name, "omnia-demo.example", "coordinator", 0, &coordinator))
		return -1;
	/* Omnia co-implements the competence centre's programme (a shared programme, issue 15 item 3): its staff read the
	 * programme's combined figures */
	long shared = 0;
	for (int k = 0; k < g->nprog; k++)
		if (g->prog[k].org == 0 &&
		    demo_put(g, "programme-partners", g->org[0].id,
		             json_pack("{s:I, s:I, s:s}", "programme_id", (json_int_t)g->prog[k].id, "partner_organisation_id",
		                       (json_int_t)org, "task", "Koulutuspolut ja ammattitaidon täydentäminen"),
		             NULL, &shared))
			return -1;
	/* clients of the competence centre still in service, in a seeded order */
	size_t picked = 0;
	size_t start = g->ncl ? demo_rng_below(&r, (uint32_t)g->ncl) : 0;
	for (size_t k = 0; k < g->ncl && picked < DEMO_N(plan) && !g->failed; k++) {
		const struct demo_client *c = &g->cl[(start + k) % g->ncl];
		if (c->org != 0 || c->exit_day >= 0 || !c->id || c->intake_day > DEMO_DAYS - 240)
			continue;
		const struct referral_plan *p = &plan[picked++];
		char sent[11], consent_on[11], now[21];
		demo_date(g, DEMO_DAYS - p->days_ago, sent);
		demo_date(g, DEMO_DAYS - p->days_ago - 1, consent_on);
		json_t *cb = json_pack("{s:I, s:s, s:b, s:s, s:s}", "client_id", (json_int_t)c->id, "purpose", "share_partner",
		                       "given", 1, "given_on", consent_on, "method", "in_person");
		if (demo_put(g, "consents", g->org[0].id, cb, NULL, &g->sum->consents))
			return -1;
		snprintf(now, sizeof now, "%sT09:30:00Z", sent);
		struct partner_store_new n = {
			.org_id = g->org[0].id, .client_id = c->id, .partner_org_id = org, .sent_by = c->counsellor,
			.purpose = p->purpose, .shared = p->shared, .reason = p->reason, .today = sent, .now = now,
		};
		int64_t id = 0;
		if (store_partner_insert(g->s, &n, &id, g->e))
			return g->failed = true, -1;
		/* the partner's answers, a few days apart */
		int day = DEMO_DAYS - p->days_ago;
		for (size_t s = 1; s < DEMO_N(path) && strcmp(p->final, "sent") != 0; s++) {
			const char *to = strcmp(p->final, "declined") == 0 ? "declined" : path[s];
			day += 2 + (int)demo_rng_below(&r, s == 3 ? 60 : 8);
			if (day > DEMO_DAYS)
				day = DEMO_DAYS;
			char on[11], at[21];
			demo_date(g, day, on);
			snprintf(at, sizeof at, "%sT1%u:%02u:00Z", on, demo_rng_below(&r, 6), demo_rng_below(&r, 60));
			bool closes = strcmp(to, "ended") == 0 || strcmp(to, "declined") == 0;
			bool moved = false;
			if (store_partner_move(g->s, id, path[s - 1], to, closes && p->outcome ? p->outcome : NULL, NULL, closes,
			                       org, counsellor, on, at, &moved, g->e))
				return g->failed = true, -1;
			if (strcmp(to, p->final) == 0)
				break;
		}
	}
	return g->failed ? -1 : 0;
}
