/* demo year: the simulated year of service. Outcomes come out of a process: each month every active client has a
 * chance of a job that depends on their Finnish, their skills that open vacancies ask for, and their time in service;
 * the job is in their own field (an ISCO-08 minor group of their work history or targets) or outside it, depending on
 * their profile and on the vacancies open at the time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/internal.h"
#include "report/report.h"

/* Tunable rates of the process (per client and month). Outcomes are whatever they produce. */
#define JOB_BASE 0.085      /* monthly chance of a job for an average profile */
#define EDU_BASE 0.006      /* moving on to education */
#define MOVE_BASE 0.004     /* moving away from the region */
#define PAUSE_BASE 0.004    /* pausing the service (parental leave and the like) */

static bool vac_open(const struct demo_vacancy *v, int day)
{
	return v->open_day <= day && day <= v->close_day && v->filled < v->positions;
}

static double overlap(const struct demo_gen *g, const struct demo_client *c, const struct demo_vacancy *v)
{
	if (!c->nskills)
		return 0;
	const struct demo_occ_rt *o = &g->occ[v->occ];
	size_t hit = 0, n = o->ness < 8 ? o->ness : 8;
	for (size_t i = 0; i < c->nskills; i++)
		for (size_t k = 0; k < n; k++)
			if (strcmp(c->skills[i], o->ess[k]) == 0) {
				hit++;
				break;
			}
	return n ? (double)hit / (double)n : 0;
}

static bool lang_ok(const struct demo_client *c, const struct demo_vacancy *v)
{
	return !v->fi_required || c->fi >= v->fi_level - 1; /* employers stretch one level for a good candidate */
}

/* The share of the client's skills that open vacancies of their organisation ask for this month. */
static double demand(const struct demo_gen *g, const struct demo_client *c, int day)
{
	if (!c->nskills)
		return 0;
	size_t hit = 0;
	for (size_t i = 0; i < c->nskills; i++) {
		bool found = false;
		for (size_t v = 0; v < g->nvac && !found; v++) {
			const struct demo_vacancy *vac = &g->vac[v];
			if (vac->org != c->org || !vac_open(vac, day))
				continue;
			const struct demo_occ_rt *o = &g->occ[vac->occ];
			for (size_t k = 0; k < o->ness && k < 8 && !found; k++)
				found = strcmp(c->skills[i], o->ess[k]) == 0;
		}
		hit += found;
	}
	return (double)hit / (double)c->nskills;
}

static double job_hazard(const struct demo_gen *g, const struct demo_client *c, int day)
{
	static const double lang_f[8] = {0.5, 0.55, 0.8, 1.1, 1.35, 1.5, 1.5, 1.5};
	double f = lang_f[c->fi];
	if (c->highly && c->en >= 4 && f < 1.1)
		f = 1.1; /* English carries in ICT and business, not in care */
	if (c->seasonal && !c->spouse && f < 1.0)
		f = 1.0; /* berry farms and forest work run without Finnish */
	double d = demand(g, c, day);
	double h = JOB_BASE * f * (0.6 + (d * 2 > 1 ? 1 : d * 2));
	double months = (day - c->intake_day) / 30.4;
	h *= months < 1 ? 0.35 : months < 2 ? 0.75 : months <= 10 ? 1.0 : 0.75;
	if (c->pwa)
		h *= 0.6;
	if (c->regulated_pending)
		h *= 0.85;
	if (c->trial_done)
		h *= 1.6;
	int m = demo_month_of(g, day);
	if (c->seasonal && !c->spouse) {
		unsigned sec = g->occ[c->occ[0]].d->sectors;
		bool season = (sec & DEMO_SEC_TOURISM) ? (m >= 11 || m <= 3) : (m >= 6 && m <= 9);
		h *= season ? 1.8 : 0.7;
	} else {
		h *= m == 7 ? 0.6 : m == 12 ? 0.75 : (m == 8 || m == 9) ? 1.15 : 1.0;
	}
	return h;
}

static double own_field_chance(const struct demo_client *c)
{
	if (c->highly) {
		if (c->regulated_pending)
			return 0.2; /* a nurse without Valvira's licence works as a healthcare assistant first */
		if (c->fi >= 3 || c->en >= 5)
			return 0.7;
		return c->fi <= 1 ? 0.4 : 0.55;
	}
	if (c->seasonal)
		return c->spouse ? 0.35 : 0.6;
	return c->pwa ? 0.45 : 0.55;
}

static const char *const summaries[] = {
	[0] = "Alkuhaastattelu ja osaamisen kartoitus", [1] = "Ohjauskeskustelu: työnhaun tilanne ja seuraavat askeleet",
	[2] = "Työvalmennus: hakemukset ja haastatteluun valmistautuminen",
	[3] = "CV:n päivitys ja osaamisen sanoittaminen", [4] = "Avoimien työpaikkojen läpikäynti",
	[5] = "Palautekeskustelu", [6] = "Työpaikkakäynti yhdessä asiakkaan kanssa",
	[7] = "Seurantayhteydenotto työllistymisen jälkeen",
};
static const char *const notes[] = {"Asiakas motivoitunut; sovittu seuraavat askeleet.",
                                    "Käyty läpi hakemukset; asiakas hakee kahteen paikkaan.",
                                    "Kielitaidon kehittyminen näkyy; rohkaistu puhumaan suomea työpaikalla.",
                                    "Sovittu yhteydenotto työnantajaan yhdessä.", NULL, NULL, NULL};

static void event(struct demo_gen *g, struct demo_client *c, const char *type, int day, int minutes,
                  const char *summary, const char *referral, const char *ref_org)
{
	char on[11];
	if (day >= DEMO_DAYS)
		return;
	demo_date(g, day, on);
	const char *note = notes[demo_rng_below(&g->r, DEMO_N(notes))];
	/* the method by the event's type (and for meetings by the client, one in five each a creative session or a peer
	 * group), without a random draw; other events name none */
	const int64_t *m = g->org[c->org].method;
	int64_t method = strcmp(type, "coaching") == 0         ? m[3]
	                 : strcmp(type, "employer_visit") == 0 ? m[2]
	                 : strcmp(type, "meeting") == 0 && c->id % 5 == 0 ? m[0]
	                 : strcmp(type, "meeting") == 0 && c->id % 5 == 1 ? m[1]
	                                                                  : 0;
	json_t *b = json_pack("{s:I, s:s, s:s, s:i, s:I, s:s, s:s?, s:s?, s:s?}", "client_id", (json_int_t)c->id, "type",
	                      type, "happened_on", on, "duration_min", minutes, "staff_id", (json_int_t)c->counsellor,
	                      "summary", summary, "notes", note, "referral_target", referral, "referral_organisation",
	                      ref_org);
	if (b && method)
		json_object_set_new(b, "method_id", json_integer(method));
	demo_put(g, "service-events", g->org[c->org].id, b, NULL, &g->sum->service_events);
	if (day > c->last_contact)
		c->last_contact = day;
}

/* A course of the client's organisation: a language course or a vocational one. */
static int course_for(struct demo_gen *g, const struct demo_client *c, bool language)
{
	int cand[40];
	size_t n = 0;
	for (size_t i = 0; i < g->ncourses; i++)
		if (g->course_org[i] == c->org && g->course_language[i] == language)
			cand[n++] = (int)i;
	return n ? cand[demo_rng_below(&g->r, (uint32_t)n)] : -1;
}

/* A referral to a course of the client's organisation (a language course or other training), when one fits, on a
 * random day of [from, from + span). */
static void course_referral(struct demo_gen *g, struct demo_client *c, bool language, int from, int span)
{
	int ci = course_for(g, c, language);
	if (ci < 0)
		return;
	char s[300];
	snprintf(s, sizeof s, "%s: %s", language ? "Ohjaus kielikurssille" : "Ohjaus koulutukseen", g->course_name[ci]);
	event(g, c, "referral", from + (int)demo_rng_below(&g->r, (uint32_t)span), 30, s,
	      language ? "language_course" : "training", g->course_provider[ci]);
}

static void month_events(struct demo_gen *g, struct demo_client *c, int ms, int me)
{
	struct demo_rng *r = &g->r;
	int from = ms > c->intake_day ? ms : c->intake_day;
	if (!c->intake_logged && c->intake_day < me) {
		event(g, c, "intake", c->intake_day, 90, summaries[0], NULL, NULL);
		c->intake_logged = true;
		from = c->intake_day + 1;
	}
	if (from >= me)
		return;
	int span = me - from;
	int n = 1 + (int)demo_rng_below(r, 2);
	static const char *const types[] = {"meeting", "coaching", "cv_review", "job_search", "feedback", "employer_visit"};
	static const double tw[] = {30, 25, 10, 15, 8, 4};
	static const int sidx[] = {1, 2, 3, 4, 5, 6};
	for (int k = 0; k < n; k++) {
		size_t t = demo_rng_weighted(r, tw, DEMO_N(tw));
		event(g, c, types[t], from + (int)demo_rng_below(r, (uint32_t)span), 30 + 15 * (int)demo_rng_below(r, 5),
		      summaries[sidx[t]], NULL, NULL);
	}
	int months = (ms - c->intake_day) / 30;
	if (!c->lang_referral && c->fi <= 2 && months <= 2 && demo_rng_chance(r, 0.6)) {
		course_referral(g, c, true, from, span);
		c->lang_referral = true;
		/* a Finnish test after the course (about five months on) shows the level one step up; the simulation's
		 * own chances keep the intake level, so the rest of the year is the same */
		int tested = from + 150;
		if (c->fi >= 1 && c->fi < 6 && tested < DEMO_DAYS) {
			char on[11];
			demo_date(g, tested, on);
			demo_put(g, "client-languages", g->org[c->org].id,
			         json_pack("{s:I, s:s, s:s, s:s}", "client_id", (json_int_t)c->id, "language", "fi", "level",
			                   demo_cefr(c->fi + 1), "assessed_on", on),
			         NULL, &g->sum->client_languages);
		}
	}
	if (!c->recognition_referral && (c->recognition == 1 || c->recognition == 2) && demo_rng_chance(r, 0.5)) {
		event(g, c, "referral", from + (int)demo_rng_below(r, (uint32_t)span), 45,
		      "Ohjaus tutkinnon tunnustamiseen", "degree_recognition",
		      c->regulated_pending ? "Valvira" : "Opetushallitus");
		c->recognition_referral = true;
	}
	if (!c->training_referral && months >= 2 && demo_rng_chance(r, 0.12)) {
		course_referral(g, c, false, from, span);
		c->training_referral = true;
	}
	if (c->pwa && months == 1 && demo_rng_chance(r, 0.5))
		event(g, c, "referral", from + (int)demo_rng_below(r, (uint32_t)span), 45,
		      "Ohjaus ammatilliseen kuntoutukseen", "partner_organisation", "Kela, ammatillinen kuntoutus");
}

static struct demo_proposal *proposal_of(struct demo_gen *g, int ci, int vi)
{
	for (size_t i = 0; i < g->nprop; i++)
		if (g->prop[i].client == ci && g->prop[i].vacancy == vi)
			return &g->prop[i];
	return NULL;
}

static struct demo_proposal *add_proposal(struct demo_gen *g, int ci, int vi, int day, double score)
{
	if (arena_grow(g->keep, &g->prop, &g->capprop, g->nprop, sizeof *g->prop, 256))
		return NULL;
	struct demo_proposal *p = &g->prop[g->nprop++];
	memset(p, 0, sizeof *p);
	p->client = ci;
	p->vacancy = vi;
	p->day = day;
	p->score = score;
	return p;
}

static double score_of(const struct demo_gen *g, const struct demo_client *c, const struct demo_vacancy *v)
{
	double s = 55 * overlap(g, c, v) + (demo_is_own(c, g->occ[v->occ].minor) ? 30 : 0) + (lang_ok(c, v) ? 15 : 0);
	return (double)(long)(s * 10 + 0.5) / 10; /* one decimal, so that both backends store the same number */
}

static const char *const ext_kind[] = {"Oy", "Oy", "Ab", "Ky"};
static const char *const ext_word[] = {"Palvelu", "Työ", "Henkilöstö", "Yhtiöt", "Group", "Partners"};

static int follow_ups(struct demo_gen *g, struct demo_client *c, int64_t outcome, int start, const char *contract,
                      int end)
{
	static const int months[] = {3, 6};
	for (size_t k = 0; k < 2; k++) {
		int day = start + months[k] * 30 + (int)demo_rng_below(&g->r, 10);
		if (day >= DEMO_DAYS)
			break;
		bool still = (end < 0 || day <= end) &&
		             demo_rng_chance(&g->r, strcmp(contract, "permanent") == 0 ? 0.93 - 0.04 * k : 0.85 - 0.1 * k);
		char on[11];
		demo_date(g, day, on);
		json_t *b = json_pack("{s:I, s:i, s:s, s:b, s:s}", "outcome_id", (json_int_t)outcome, "months", months[k],
		                      "checked_on", on, "still_employed", still, "notes",
		                      still ? "Työsuhde jatkuu; työnantaja tyytyväinen." : "Työsuhde päättynyt.");
		demo_put(g, "outcome-followups", g->org[c->org].id, b, NULL, &g->sum->followups);
		event(g, c, "follow_up", day, 20, summaries[7], NULL, NULL);
	}
	return 0;
}

static int ends_after(struct demo_rng *r, const char *contract)
{
	if (strcmp(contract, "fixed_term") == 0)
		return 180 + (int)demo_rng_below(r, 185);
	if (strcmp(contract, "seasonal") == 0)
		return 60 + (int)demo_rng_below(r, 60);
	if (strcmp(contract, "apprenticeship") == 0)
		return 365 + (int)demo_rng_below(r, 365);
	if (strcmp(contract, "pay_subsidised") == 0)
		return 180 + (int)demo_rng_below(r, 120);
	return -1;
}

static void employ(struct demo_gen *g, int ci, int day)
{
	struct demo_client *c = &g->cl[ci];
	struct demo_rng *r = &g->r;
	bool own = demo_rng_chance(r, own_field_chance(c));
	int best = -1;
	double best_score = -1;
	/* Open vacancies of the organisation that fit: own field or outside it, as drawn. */
	for (size_t v = 0; v < g->nvac; v++) {
		const struct demo_vacancy *vac = &g->vac[v];
		if (vac->org != c->org || !vac_open(vac, day) || strcmp(vac->contract, "work_trial") == 0 || !lang_ok(c, vac))
			continue;
		const struct demo_occ_rt *o = &g->occ[vac->occ];
		if (demo_is_own(c, o->minor) != own)
			continue;
		if (!own && !o->d->entry && demo_rng_chance(r, 0.5))
			continue; /* outside their field, people start mostly from entry-level work */
		double s = overlap(g, c, vac) + demo_rng_real(r) * 0.3;
		if (s > best_score)
			best_score = s, best = (int)v;
	}
	int occ;
	int64_t emp_id = 0;
	char emp_name[160];
	const char *contract;
	int hours;
	if (best < 0 && own && demo_rng_chance(r, 0.4))
		own = false; /* nothing in their field right now: take other work */
	if (best >= 0 && demo_rng_chance(r, 0.7)) {
		struct demo_vacancy *v = &g->vac[best];
		v->filled++;
		occ = v->occ;
		own = demo_is_own(c, g->occ[occ].minor);
		emp_id = g->emp[v->emp].id;
		snprintf(emp_name, sizeof emp_name, "%s", g->emp[v->emp].name);
		contract = v->contract;
		hours = v->hours;
		struct demo_proposal *p = proposal_of(g, ci, best);
		if (!p) {
			int pday = day - 14 - (int)demo_rng_below(r, 20);
			if (pday < v->open_day)
				pday = v->open_day;
			p = add_proposal(g, ci, best, pday, score_of(g, c, v));
		}
		if (p)
			p->hired = true;
	} else {
		/* Found through the client's own search or another service: an employer outside our register. */
		if (own) {
			int cand[5], n = 0;
			for (int k = 0; k < c->nocc; k++)
				cand[n++] = c->occ[k];
			for (int k = 0; k < c->ntarget; k++)
				cand[n++] = c->target[k];
			occ = cand[demo_rng_below(r, (uint32_t)n)];
		} else {
			unsigned secs = DEMO_SEC_CARE | DEMO_SEC_CLEANING | DEMO_SEC_RESTAURANT | DEMO_SEC_LOGISTICS |
			                DEMO_SEC_RETAIL | (c->org == 2 ? DEMO_SEC_BERRIES | DEMO_SEC_TOURISM : 0);
			occ = demo_occ_random(g, secs, 1);
			for (int tries = 0; tries < 8 && demo_is_own(c, g->occ[occ].minor); tries++)
				occ = demo_occ_random(g, secs, 1);
			own = demo_is_own(c, g->occ[occ].minor);
		}
		const struct demo_sector *sec = NULL;
		for (size_t i = 0; i < DEMO_NSECTORS && !sec; i++)
			if (g->occ[occ].d->sectors & demo_sectors[i].bit)
				sec = &demo_sectors[i];
		static const char *const cn[6] = {"permanent", "fixed_term", "seasonal", "apprenticeship", "work_trial",
		                                  "pay_subsidised"};
		double w[6];
		memcpy(w, sec->contract_w, sizeof w);
		w[4] = 0; /* a work trial is not a job */
		contract = cn[demo_rng_weighted(r, w, 6)];
		hours = sec->hours;
		const char *place = g->prog[c->prog].def->munis[0];
		snprintf(emp_name, sizeof emp_name, "%s %s %s", place, ext_word[demo_rng_below(r, DEMO_N(ext_word))],
		         ext_kind[demo_rng_below(r, DEMO_N(ext_kind))]);
	}
	if (c->pwa && hours > c->hours_max)
		hours = c->hours_max;
	const struct demo_occ_rt *o = &g->occ[occ];
	int len = ends_after(r, contract);
	char start[11], until[11];
	demo_date(g, day, start);
	demo_date(g, day + len, until);
	json_t *b = json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:i, s:s, s:s, s:s?}", "client_id", (json_int_t)c->id,
	                      "type", "employed", "employer_id", emp_id ? json_integer(emp_id) : json_null(),
	                      "employer_name", emp_name, "esco_occupation", o->uri, "isco_code", o->isco,
	                      "hours_per_week", hours, "contract_type", contract, "starts_on", start, "ends_on",
	                      len >= 0 ? until : NULL);
	int64_t oid;
	if (demo_put(g, "outcomes", g->org[c->org].id, b, &oid, &g->sum->outcomes))
		return;
	/* matches_competence comes from the project's rule (docs/outcomes.md), as for an outcome written through the API;
	 * the process's own-field draw above (same ISCO minor group) is reported beside it. */
	if (report_outcome_written(g->s, oid, g->e)) {
		g->failed = true;
		return;
	}
	int64_t match = 0;
	bool found = false;
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", (long long)oid);
	const char *params[1] = {idtxt};
	if (store_query_int(g->s, "SELECT matches_competence FROM outcomes WHERE id = CAST(?1 AS INTEGER)", params, 1,
	                    &match, &found, g->e)) {
		g->failed = true;
		return;
	}
	g->sum->employed_matches += found && match == 1;
	c->employed = true;
	c->own_field = own;
	c->exit_day = day;
	c->status = "employed";
	g->sum->employed++;
	g->sum->employed_own_field += own;
	g->days_to_job_total += day - c->intake_day;
	follow_ups(g, c, oid, day, contract, len >= 0 ? day + len : -1);
}

static void other_outcome(struct demo_gen *g, struct demo_client *c, const char *type, int day, const char *status)
{
	char on[11];
	demo_date(g, day, on);
	const struct demo_occ_rt *o = strcmp(type, "entrepreneurship") == 0 ? &g->occ[c->occ[0]] : NULL;
	json_t *b = json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "client_id", (json_int_t)c->id, "type", type, "starts_on", on,
	                      "esco_occupation", o ? o->uri : NULL, "isco_code", o ? o->isco : NULL);
	demo_put(g, "outcomes", g->org[c->org].id, b, NULL, &g->sum->outcomes);
	if (status) {
		c->exit_day = day;
		c->status = status;
	}
}

static void work_trial(struct demo_gen *g, int ci, int day)
{
	struct demo_client *c = &g->cl[ci];
	int cand[256];
	size_t n = 0;
	for (size_t e = 0; e < g->nemp && n < DEMO_N(cand); e++)
		if (g->emp[e].org == c->org && g->emp[e].prog == c->prog)
			cand[n++] = (int)e;
	if (!n)
		return;
	const struct demo_employer *em = &g->emp[cand[demo_rng_below(&g->r, (uint32_t)n)]];
	int occ = demo_occ_random(g, em->sector, 1);
	const struct demo_occ_rt *o = &g->occ[occ];
	char on[11], until[11];
	demo_date(g, day, on);
	demo_date(g, day + 30 + (int)demo_rng_below(&g->r, 60), until);
	int hours = c->pwa ? c->hours_max : 30;
	json_t *b = json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s}", "client_id", (json_int_t)c->id,
	                      "type", "work_trial", "employer_id", (json_int_t)em->id, "employer_name", em->name,
	                      "esco_occupation", o->uri, "isco_code", o->isco, "hours_per_week", hours, "contract_type",
	                      "work_trial", "starts_on", on, "ends_on", until);
	demo_put(g, "outcomes", g->org[c->org].id, b, NULL, &g->sum->outcomes);
	c->trial_done = true;
	g->sum->work_trials++;
}

static bool can_propose(const struct demo_client *c, int day)
{
	return c->exit_day < 0 && !c->paused && c->intake_day + 14 <= day && c->matching &&
	       (c->matching_withdrawn_day < 0 || day < c->matching_withdrawn_day);
}

static void month_proposals(struct demo_gen *g, int ms, int me)
{
	struct demo_rng *r = &g->r;
	for (size_t vi = 0; vi < g->nvac; vi++) {
		struct demo_vacancy *v = &g->vac[vi];
		if (v->close_day < ms || v->open_day >= me || v->filled >= v->positions || !demo_rng_chance(r, 0.5))
			continue;
		int day = (v->open_day > ms ? v->open_day : ms) + (int)demo_rng_below(r, 20);
		if (day >= DEMO_DAYS)
			continue;
		/* The coordinator looks at a handful of active clients and proposes the best two. */
		int best[2] = {-1, -1};
		double bs[2] = {-1, -1};
		for (int t = 0; t < 25; t++) {
			int ci = (int)demo_rng_below(r, (uint32_t)g->ncl);
			const struct demo_client *c = &g->cl[ci];
			if (c->org != v->org || !can_propose(c, day) || proposal_of(g, ci, (int)vi) || ci == best[0])
				continue;
			double s = score_of(g, c, v);
			if (s > bs[0]) {
				best[1] = best[0], bs[1] = bs[0];
				best[0] = ci, bs[0] = s;
			} else if (s > bs[1]) {
				best[1] = ci, bs[1] = s;
			}
		}
		for (int k = 0; k < 2; k++)
			if (best[k] >= 0 && bs[k] >= 20)
				add_proposal(g, best[k], (int)vi, day, bs[k]);
	}
}

static const char *const group_titles[3][3] = {
	{"Infotilaisuus: tutkintojen tunnustaminen", "Ryhmävalmennus: LinkedIn ja piilotyöpaikat",
	 "Rekrytointitapahtuma: ICT, tekniikka ja terveys"},
	{"Infotilaisuus: työkokeilu ja palkkatuki", "Ryhmävalmennus: työnhaku ja työhaastattelu",
	 "Rekrytointitapahtuma: hoiva, logistiikka ja ravintolat"},
	{"Infotilaisuus: asuminen, päivähoito ja koulut", "Ryhmävalmennus: suomalainen työelämä",
	 "Rekrytointitapahtuma: kausityöstä pysyvään työhön"},
};

static void group_events(struct demo_gen *g, int m, int ms, int me)
{
	struct demo_rng *r = &g->r;
	for (int p = 0; p < g->nprog; p++) {
		const struct demo_prog *pr = &g->prog[p];
		int64_t org = g->org[pr->org].id;
		int cal = demo_month_of(g, ms);
		int ncoach = cal == 7 ? 0 : 2;
		struct {
			const char *type;
			int title, n, min, span;
		} ev[] = {{"info_session", 0, 1, 8, 12}, {"group_coaching", 1, ncoach, 6, 7},
		          {"recruitment_fair", 2, m % 3 == 2 ? 1 : 0, 15, 16}};
		for (size_t t = 0; t < DEMO_N(ev); t++) {
			for (int k = 0; k < ev[t].n; k++) {
				int day = ms + (int)demo_rng_below(r, (uint32_t)(me - ms));
				char on[11];
				demo_date(g, day, on);
				int64_t gid;
				json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:s}", "programme_id", (json_int_t)pr->id, "type",
				                      ev[t].type, "title", group_titles[pr->org][ev[t].title], "held_on", on, "place",
				                      pr->def->place);
				if (demo_put(g, "group-events", org, b, &gid, &g->sum->group_events))
					return;
				int want = ev[t].min + (int)demo_rng_below(r, (uint32_t)ev[t].span), got = 0;
				int picked[32];
				for (int tries = 0; tries < want * 4 && got < want && got < 32; tries++) {
					int ci = (int)demo_rng_below(r, (uint32_t)g->ncl);
					struct demo_client *c = &g->cl[ci];
					if (c->prog != p || c->intake_day > day || (c->exit_day >= 0 && c->exit_day < day))
						continue;
					bool dup = false; /* a client is listed once per event */
					for (int k2 = 0; k2 < got && !dup; k2++)
						dup = picked[k2] == ci;
					if (dup)
						continue;
					picked[got] = ci;
					demo_put(g, "group-attendance", org,
					         json_pack("{s:I, s:I, s:b}", "group_event_id", (json_int_t)gid, "client_id",
					                   (json_int_t)c->id, "attended", demo_rng_chance(r, 0.85)),
					         NULL, &g->sum->attendance);
					got++;
				}
				if (t == 2) {
					int ne = 3 + (int)demo_rng_below(r, 4), present[8], np = 0;
					for (int k2 = 0; k2 < ne; k2++) {
						int e = (int)demo_rng_below(r, (uint32_t)g->nemp);
						bool dup = false; /* an employer is listed once per event (a unique index) */
						for (int k3 = 0; k3 < np && !dup; k3++)
							dup = present[k3] == e;
						if (g->emp[e].prog != p || dup)
							continue;
						present[np++] = e;
						demo_put(g, "group-attendance", org,
						         json_pack("{s:I, s:I, s:b}", "group_event_id", (json_int_t)gid, "employer_id",
						                   (json_int_t)g->emp[e].id, "attended", 1),
						         NULL, &g->sum->attendance);
					}
				}
			}
		}
	}
}

static const char *const not_chosen[] = {
	"Työnantaja valitsi toisen hakijan.", "Suomen kielen taito ei vielä riittänyt tehtävään.",
	"Asiakas kieltäytyi: työajat eivät sopineet.", "Paikka täytettiin sisäisesti.",
	"Tehtävään vaadittava kortti puuttui.", "Asiakas sai toisen työpaikan."};

static void write_proposals(struct demo_gen *g)
{
	struct demo_rng *r = &g->r;
	for (size_t i = 0; i < g->nprop && !g->failed; i++) {
		struct demo_proposal *p = &g->prop[i];
		const struct demo_client *c = &g->cl[p->client];
		const struct demo_vacancy *v = &g->vac[p->vacancy];
		int age = DEMO_DAYS - p->day;
		const char *reason = NULL;
		if (p->hired)
			p->stage = "hired";
		else if (age < 21)
			p->stage = (const char *[]){"suggested", "discussed", "sent"}[demo_rng_below(r, 3)];
		else if (age < 45 && demo_rng_chance(r, 0.5))
			p->stage = (const char *[]){"sent", "interview"}[demo_rng_below(r, 2)];
		else
			p->stage = "not_chosen", reason = not_chosen[demo_rng_below(r, DEMO_N(not_chosen))];
		if (c->employed && !p->hired && strcmp(p->stage, "not_chosen") != 0 && c->exit_day < p->day + 60)
			p->stage = "not_chosen", reason = not_chosen[5];
		bool revealed = c->share_employer && (strcmp(p->stage, "sent") == 0 || strcmp(p->stage, "interview") == 0 ||
		                                      strcmp(p->stage, "hired") == 0);
		json_t *b = json_pack("{s:I, s:I, s:s, s:s?, s:I, s:f, s:b}", "client_id", (json_int_t)c->id, "vacancy_id",
		                      (json_int_t)v->id, "stage", p->stage, "reason", reason, "staff_id",
		                      (json_int_t)g->org[c->org].coordinator, "score", p->score, "identity_revealed", revealed);
		/* the stages' days in the simulated calendar (the pipeline would date them today): sent on the proposal's
		 * day, an interview a week later, the offer and the hire a week after that; one not chosen had been sent */
		static const char *const days[] = {"sent_on", "interview_on", "offered_on", "hired_on"};
		int reached = !strcmp(p->stage, "hired") ? 4 : !strcmp(p->stage, "interview") ? 2
		              : (!strcmp(p->stage, "sent") || !strcmp(p->stage, "not_chosen")) ? 1 : 0;
		for (int k = 0; k < reached; k++) {
			char on[11];
			int d = p->day + (k == 0 ? 0 : k == 1 ? 7 : 14);
			demo_date(g, d < DEMO_DAYS ? d : DEMO_DAYS - 1, on);
			json_object_set_new(b, days[k], json_string(on));
		}
		demo_put(g, "proposals", g->org[c->org].id, b, NULL, &g->sum->proposals);
	}
}

int demo_simulate(struct demo_gen *g)
{
	struct demo_rng *r = &g->r;
	for (int m = 0; m < 12 && !g->failed; m++) {
		int ms = m * DEMO_DAYS / 12, me = (m + 1) * DEMO_DAYS / 12;
		for (size_t ci = 0; ci < g->ncl && !g->failed; ci++) {
			struct demo_client *c = &g->cl[ci];
			if (c->intake_day >= me || c->exit_day >= 0 || c->paused)
				continue;
			month_events(g, c, ms, me);
			int start = ms > c->intake_day + 14 ? ms : c->intake_day + 14;
			if (start >= me)
				continue;
			int day = start + (int)demo_rng_below(r, (uint32_t)(me - start));
			if (demo_rng_chance(r, job_hazard(g, c, day))) {
				employ(g, (int)ci, day);
				continue;
			}
			double u = demo_rng_real(r);
			double edu = c->seasonal && !c->spouse ? 0 : EDU_BASE + (c->fi <= 2 ? 0.004 : 0);
			double move = c->org == 2 ? MOVE_BASE * 3 : MOVE_BASE; /* what the retention pilot works against */
			double ent = c->highly ? 0.002 : 0;
			if (u < edu) {
				event(g, c, "referral", day - 7, 45, "Ohjaus koulutukseen: ammatillinen tutkinto", "education",
				      "Ammattiopisto");
				other_outcome(g, c, "education", day, "education");
				g->sum->education++;
			} else if (u < edu + move) {
				other_outcome(g, c, "moved", day, "closed");
				g->sum->moved++;
			} else if (u < edu + move + ent) {
				other_outcome(g, c, "entrepreneurship", day, "closed");
			} else if (u < edu + move + ent + PAUSE_BASE) {
				c->paused = true;
			} else if (!c->trial_done && c->org != 0 &&
			           demo_rng_chance(r, c->pwa ? 0.05 : c->spouse ? 0.02 : c->org == 1 ? 0.02 : 0)) {
				work_trial(g, (int)ci, day);
			}
		}
		month_proposals(g, ms, me);
		group_events(g, m, ms, me);
	}
	write_proposals(g);

	/* Final states: clients and vacancies (the families' plans: settling.c). */
	for (size_t ci = 0; ci < g->ncl && !g->failed; ci++) {
		struct demo_client *c = &g->cl[ci];
		const char *status = c->status ? c->status : c->paused ? "paused"
		                                             : c->intake_day > DEMO_DAYS - 14 ? "intake"
		                                                                              : "active";
		char last[11];
		demo_date(g, c->last_contact, last);
		demo_exec_update(g, "UPDATE clients SET status = ?2 WHERE id = ?1", c->id, status, 0);
		demo_exec_update(g, "UPDATE clients SET last_contact_on = ?2 WHERE id = ?1", c->id, last, 0);
		if (c->exit_day >= 0) { /* employed, in education or closed: the service ended that day */
			char left[11];
			demo_date(g, c->exit_day, left);
			demo_exec_update(g, "UPDATE clients SET left_on = ?2 WHERE id = ?1", c->id, left, 0);
		}
		g->sum->served++;
	}
	for (size_t vi = 0; vi < g->nvac && !g->failed; vi++) {
		const struct demo_vacancy *v = &g->vac[vi];
		const char *status = v->filled >= v->positions ? "filled"
		                     : v->close_day >= DEMO_DAYS ? "open"
		                     : (v->filled > 0 || v->filled_by_others) ? "filled"
		                                                              : "closed";
		demo_exec_update(g, "UPDATE vacancies SET status = ?2 WHERE id = ?1", v->id, status, 0);
	}
	g->sum->mean_days_to_job = g->sum->employed ? g->days_to_job_total / (double)g->sum->employed : 0;
	return g->failed ? -1 : 0;
}
