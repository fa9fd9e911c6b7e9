/* demo clients: the job seekers, their families and their competence profiles (work history, education, skills,
 * languages, targets), written before the simulated year (year.c) runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/internal.h"
#include "report/report.h"

static const char *const recognition_values[] = {"not_needed", "not_started", "in_progress", "recognised",
                                                 "partially", "refused"};

static void set_s(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static void set_i(json_t *o, const char *k, long v)
{
	json_object_set_new(o, k, json_integer(v));
}

static int year_of(const struct demo_gen *g, int day)
{
	char d[11];
	demo_date(g, day, d);
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
}

/* ---------------------------------------------------------------- profiles */

struct who {
	const char *iso;
	unsigned sectors;  /* the sectors of their career */
	bool highly, pwa, seasonal, spouse, female;
	const char *family_last; /* family members share the worker's surname */
	int64_t family_id;
	int intake_day;
	const char *municipality;
};

static int level_from(struct demo_rng *r, const double *w, int n)
{
	return (int)demo_rng_weighted(r, w, (size_t)n);
}

static const char *surname(const char *last, bool female, char *buf, size_t n)
{
	const char *slash = strchr(last, '/');
	if (!slash)
		return last;
	if (female)
		snprintf(buf, n, "%s", slash + 1);
	else
		snprintf(buf, n, "%.*s", (int)(slash - last), last);
	return buf;
}

static void add_own(struct demo_client *c, int minor)
{
	for (int i = 0; i < c->nown; i++)
		if (c->own_minor[i] == minor)
			return;
	if (c->nown < (int)DEMO_N(c->own_minor))
		c->own_minor[c->nown++] = minor;
}

bool demo_is_own(const struct demo_client *c, int minor)
{
	for (int i = 0; i < c->nown; i++)
		if (c->own_minor[i] == minor)
			return true;
	return false;
}

static void add_skill(struct demo_client *c, const char *uri)
{
	for (size_t i = 0; i < c->nskills; i++)
		if (strcmp(c->skills[i], uri) == 0)
			return;
	if (c->nskills < DEMO_MAX_SKILLS)
		c->skills[c->nskills++] = uri;
}

static struct demo_client *new_client(struct demo_gen *g)
{
	if (arena_grow(g->keep, &g->cl, &g->capcl, g->ncl, sizeof *g->cl, 512))
		return NULL;
	struct demo_client *c = &g->cl[g->ncl++];
	memset(c, 0, sizeof *c);
	c->exit_day = -1;
	c->matching_withdrawn_day = -1;
	return c;
}

static const char *const strengths[] = {
	"Pitkä työkokemus alalta, täsmällinen ja luotettava.", "Hyvät asiakaspalvelutaidot ja positiivinen asenne.",
	"Oppii nopeasti uutta, motivoitunut opiskelemaan suomea.", "Tiimityötaidot ja kokemus monikulttuurisista "
	"työyhteisöistä.", "Vahva ammatillinen osaaminen ja kiinnostus alan täydennyskoulutukseen.",
	"Kielitaitoinen: useita kieliä, joista on hyötyä asiakastyössä.", "Käytännön ongelmanratkaisija, "
	"oma-aloitteinen.", "Kokemus vastuullisista tehtävistä ja esihenkilötyöstä kotimaassa."};
static const char *const accommodations[] = {
	"Säännölliset tauot; ei yli 10 kg nostoja.", "Rauhallinen työtila ja kirjalliset ohjeet.",
	"Aloitus osa-aikaisena, työaikaa lisätään asteittain.", "Ei yötyötä; työmatka enintään 30 minuuttia.",
	"Istuma- ja seisomatyön vuorottelu; sähköpöytä.", "Selkeä perehdytys ja nimetty työpaikkaohjaaja."};
static const char *const availability[] = {"kokoaikatyö", "osa-aikatyö", "vuorotyö käy", "kokoaikatyö, myös "
                                           "viikonloput", "päivätyö"};

static int make_one(struct demo_gen *g, int p, const struct who *w, int *out_index)
{
	struct demo_prog *pr = &g->prog[p];
	struct demo_client *c = new_client(g);
	if (!c)
		return g->failed = true, err_oom(g->e), -1;
	*out_index = (int)(c - g->cl);
	struct demo_rng *r = &g->r;
	const struct demo_country *co = demo_country(w->iso);
	bool fi_born = strcmp(w->iso, "FI") == 0;
	c->org = pr->org;
	c->prog = p;
	c->counsellor = pr->counsellor[demo_rng_below(r, (uint32_t)pr->ncounsellors)];
	c->family_id = w->family_id;
	c->highly = w->highly;
	c->pwa = w->pwa;
	c->seasonal = w->seasonal;
	c->spouse = w->spouse;
	c->intake_day = w->intake_day;
	c->municipality = w->municipality;
	c->last_contact = w->intake_day;

	char lbuf[60], fs[40], ls[40], email[120], ph[24], intake[11], from[11], exp[11];
	const char *first = w->female ? co->female[demo_rng_below(r, 10)] : co->male[demo_rng_below(r, 10)];
	const char *last = surname(w->family_last ? w->family_last : co->last[demo_rng_below(r, 12)], w->female, lbuf,
	                           sizeof lbuf);
	int this_year = year_of(g, DEMO_DAYS);
	int age = w->highly ? 26 + (int)demo_rng_below(r, 24) : w->pwa ? 28 + (int)demo_rng_below(r, 34)
	                                                             : 20 + (int)demo_rng_below(r, 36);
	int in_finland = fi_born ? age
	                 : w->seasonal && !w->spouse ? (int)demo_rng_below(r, 3)
	                                              : (int)demo_rng_weighted(r, (double[]){22, 20, 16, 12, 9, 7, 5, 4, 3, 2}, 10);

	/* Languages: Finnish grows with the years in Finland; newcomers mostly start at A1-A2. */
	static const double fi_new[] = {0, 40, 30, 20, 8, 2}, fi_mid[] = {0, 10, 30, 35, 20, 5},
	                    fi_long[] = {0, 2, 15, 40, 30, 13}, fi_season[] = {40, 40, 15, 5};
	static const double en_high[] = {0, 0, 2, 15, 30, 38, 15}, en_other[] = {25, 15, 25, 20, 12, 3};
	if (fi_born)
		c->fi = 7;
	else if (w->seasonal && !w->spouse)
		c->fi = level_from(r, fi_season, 4);
	else
		c->fi = level_from(r, in_finland < 2 ? fi_new : in_finland < 5 ? fi_mid : fi_long, 6);
	if (co->eu && !fi_born && c->fi < 3 && demo_rng_chance(r, 0.5))
		c->fi = 3; /* Estonian speakers pick up Finnish fast */
	bool en_official = strcmp(w->iso, "PH") == 0 || strcmp(w->iso, "NG") == 0 || strcmp(w->iso, "IN") == 0;
	c->en = w->highly || en_official ? level_from(r, en_high, 7) : fi_born ? 3 + (int)demo_rng_below(r, 2)
	                                                                       : level_from(r, en_other, 6);
	if (en_official && c->en < 5)
		c->en = 5;

	/* Career: a main occupation, sometimes a second one; the education that led there. */
	c->occ[c->nocc++] = demo_occ_random(g, w->sectors, w->highly ? 0 : -1);
	if (demo_rng_chance(r, 0.45))
		c->occ[c->nocc++] = demo_occ_random(g, w->sectors, -1);
	const struct demo_occ_rt *main_occ = &g->occ[c->occ[0]];
	int edu = main_occ->d->isced_level;
	if (w->highly)
		edu = edu > 6 ? edu : (int)demo_rng_weighted(r, (double[]){0, 0, 0, 0, 0, 7, 50, 37, 6}, 9);
	else if (demo_rng_chance(r, 0.35))
		edu = edu + (demo_rng_chance(r, 0.5) ? 1 : -1);
	if (edu < 1)
		edu = 1;
	if (edu > 8)
		edu = 8;
	c->regulated_pending = false;

	const char *permit = NULL;
	int permit_days = 0;
	if (fi_born) {
		permit = NULL;
	} else if (co->eu) {
		permit = "eu_citizen";
	} else if (strcmp(w->iso, "UA") == 0 && demo_rng_chance(r, 0.7)) {
		permit = "temporary_protection", permit_days = 200 + (int)demo_rng_below(r, 300);
	} else if (w->seasonal && !w->spouse) {
		permit = demo_rng_chance(r, 0.55) ? "seasonal_work" : "continuous";
		permit_days = 60 + (int)demo_rng_below(r, 400);
	} else if (w->spouse) {
		permit = "family", permit_days = 200 + (int)demo_rng_below(r, 700);
	} else if (strcmp(w->iso, "SO") == 0 || strcmp(w->iso, "AF") == 0 || strcmp(w->iso, "SY") == 0 ||
	           strcmp(w->iso, "IQ") == 0) {
		static const char *const v[] = {"international_protection", "international_protection", "permanent",
		                                "family"};
		permit = v[demo_rng_below(r, 4)];
		permit_days = strcmp(permit, "permanent") == 0 ? 0 : 300 + (int)demo_rng_below(r, 900);
	} else {
		static const char *const v[] = {"continuous", "continuous", "family", "permanent", "student"};
		permit = in_finland > 5 ? "permanent" : v[demo_rng_below(r, 5)];
		permit_days = strcmp(permit, "permanent") == 0 ? 0 : 120 + (int)demo_rng_below(r, 900);
	}

	demo_ascii_slug(first, fs, sizeof fs);
	demo_ascii_slug(last, ls, sizeof ls);
	snprintf(email, sizeof email, "%s.%s.%zu@example.com", fs, ls, g->ncl);
	demo_phone(g, ph);
	demo_date(g, w->intake_day, intake);
	demo_date(g, w->intake_day + (int)demo_rng_below(r, 60), from);
	demo_date(g, DEMO_DAYS + permit_days, exp);

	json_t *b = json_object();
	set_i(b, "programme_id", (long)pr->id);
	set_i(b, "counsellor_id", (long)c->counsellor);
	json_object_set_new(b, "family_id", w->family_id ? json_integer(w->family_id) : json_null());
	set_s(b, "family_role", w->family_id ? (w->spouse ? "spouse" : "worker") : NULL);
	set_s(b, "first_name", first);
	set_s(b, "last_name", last);
	set_i(b, "birth_year", this_year - age);
	set_s(b, "gender", w->female ? "female" : "male");
	set_s(b, "email", demo_rng_chance(r, 0.8) ? email : NULL);
	set_s(b, "phone", ph);
	set_s(b, "municipality", w->municipality);
	/* Some speak the country's second language as their first (Russian in Ukraine, Kurdish in Iraq...). */
	bool second_tongue = co->tongue[1] && strcmp(co->tongue[1], "en") != 0 && !fi_born && demo_rng_chance(r, 0.2);
	const char *mt = co->tongue[second_tongue ? 1 : 0], *other_tongue = co->tongue[second_tongue ? 0 : 1];
	set_s(b, "mother_tongue", mt);
	set_s(b, "nationality", co->iso);
	set_s(b, "country_of_education", co->iso);
	set_s(b, "permit_type", permit);
	set_s(b, "permit_expires_on", permit_days ? exp : NULL);
	json_t *tg = json_array();
	if (w->highly)
		json_array_append_new(tg, json_string("highly_educated_immigrant"));
	if (w->seasonal)
		json_array_append_new(tg, json_string(w->spouse ? "spouse" : "seasonal_worker"));
	if (!fi_born && !w->highly && !w->seasonal)
		json_array_append_new(tg, json_string("immigrant"));
	if (w->pwa)
		json_array_append_new(tg, json_string("partial_work_ability"));
	json_object_set_new(b, "target_groups", tg);
	set_s(b, "status", "active");
	set_s(b, "intake_on", intake);
	/* The labour-market status at entry (ESF+): seasonal workers come working, spouses mostly outside the labour
	 * force, the others unemployed, some for over a year. Spread by the client's number, not the random stream, so
	 * that the rest of the simulated year stays as it was. */
	size_t spread = g->ncl % 20;
	set_s(b, "labour_status", w->seasonal ? (w->spouse ? (spread < 12 ? "inactive" : "unemployed") : "working")
	                          : w->pwa ? (spread < 10   ? "long_term_unemployed"
	                                      : spread < 18 ? "unemployed"
	                                                    : "inactive")
	                          : w->highly ? (spread < 15   ? "unemployed"
	                                         : spread < 19 ? "long_term_unemployed"
	                                                       : "working")
	                                      : (spread < 12   ? "unemployed"
	                                         : spread < 17 ? "long_term_unemployed"
	                                                       : "inactive"));
	/* who referred them: seasonal workers through their employer or the info point, the others mostly through the
	 * employment office, some on their own or through a third-sector organisation or a school */
	set_s(b, "referral_source", w->seasonal ? (spread < 11 ? "employer" : spread < 17 ? "info_point" : "self")
	                            : w->pwa    ? (spread < 12 ? "employment_office" : spread < 17 ? "municipality"
	                                                                                           : "third_sector")
	                                        : (spread < 9    ? "employment_office"
	                                           : spread < 13 ? "self"
	                                           : spread < 16 ? "third_sector"
	                                           : spread < 18 ? "school"
	                                                         : "partner_organisation"));
	set_s(b, "availability", w->seasonal && !w->spouse ? "kausityö, myös pidempi työsuhde" : demo_pick(r, availability, DEMO_N(availability)));
	set_s(b, "available_from", from);
	set_s(b, "regions", pr->def->region);
	set_s(b, "strengths", demo_pick(r, strengths, DEMO_N(strengths)));
	char goals[300];
	snprintf(goals, sizeof goals, "Tavoitteena työ alalla: %s. %s", main_occ->d->label_fi,
	         c->fi < 3 ? "Suomen kielen taidon vahvistaminen." : "Työkokemus suomalaisesta työpaikasta.");
	set_s(b, "career_goals", goals);
	json_object_set_new(b, "cv_ready", json_boolean(demo_rng_chance(r, 0.55)));
	if (w->pwa) {
		static const char *const loads[] = {"light", "seated", "moderate"};
		c->hours_max = 15 + 5 * (int)demo_rng_below(r, 4);
		set_i(b, "work_hours_max", c->hours_max);
		set_s(b, "physical_load", loads[demo_rng_below(r, 3)]);
		set_s(b, "accommodations", demo_pick(r, accommodations, DEMO_N(accommodations)));
	}
	int64_t org = g->org[pr->org].id;
	if (demo_put(g, "clients", org, b, &c->id, &g->sum->clients))
		return -1;

	/* Education: the degree that led to the main occupation; masters often hold a bachelor's too. */
	static const char *const level_word[] = {"Primary education", "Primary education", "Lower secondary education",
	                                         "Upper secondary vocational qualification in",
	                                         "Post-secondary certificate in", "Diploma in", "Bachelor's degree in",
	                                         "Master's degree in", "Doctoral degree in"};
	int nedu = edu >= 7 && demo_rng_chance(r, 0.6) ? 2 : 1;
	for (int k = 0; k < nedu; k++) {
		int lvl = k == 0 ? edu : 6;
		char title[200], inst[160];
		const char *subject = demo_field_subject(main_occ->d->isced_field);
		if (lvl >= 3)
			snprintf(title, sizeof title, "%s %s", level_word[lvl], subject);
		else
			snprintf(title, sizeof title, "%s", level_word[lvl]);
		const char *city = co->city[demo_rng_below(r, 4)];
		snprintf(inst, sizeof inst, lvl >= 6 ? "University of %s" : lvl >= 3 ? "%s Vocational College" : "%s school",
		         city);
		int rec = 0;
		if (fi_born || co->eu)
			rec = lvl >= 6 ? 3 : 0;
		else if (lvl >= 6 && main_occ->d->regulated)
			rec = (int)demo_rng_weighted(r, (double[]){0, 25, 35, 20, 15, 5}, 6);
		else if (lvl >= 6)
			rec = (int)demo_rng_weighted(r, (double[]){45, 15, 15, 20, 5, 0}, 6);
		else if (lvl >= 3)
			rec = (int)demo_rng_weighted(r, (double[]){80, 8, 6, 6, 0, 0}, 6);
		if (k == 0) {
			c->recognition = rec;
			c->regulated_pending = main_occ->d->regulated && rec != 3;
		}
		b = json_pack("{s:I, s:i, s:s, s:s, s:s, s:s, s:i, s:s}", "client_id", (json_int_t)c->id, "isced_level", lvl,
		              "isced_field", main_occ->d->isced_field, "degree_title", title, "institution", inst, "country",
		              co->iso, "completed_year", this_year - age + 18 + (lvl >= 6 ? lvl - 1 : 2) + (k ? -2 : 0),
		              "recognition", recognition_values[rec]);
		/* the recognition's days in the simulated calendar (the pipeline would date them today): applied before the
		 * intake, and a decision (recognised 3, partially 4, refused 5) some weeks later */
		char applied[11], decided[11];
		demo_date(g, c->intake_day - 90, applied);
		demo_date(g, c->intake_day - 20, decided);
		if (rec >= 2)
			json_object_set_new(b, "recognition_applied_on", json_string(applied));
		if (rec >= 3)
			json_object_set_new(b, "recognition_decided_on", json_string(decided));
		demo_put(g, "educations", org, b, NULL, &g->sum->educations);
	}

	/* Work history before the service; the years fit the age. */
	int year_end = this_year - in_finland - (int)demo_rng_below(r, 2);
	for (int k = 0; k < c->nocc; k++) {
		const struct demo_occ_rt *o = &g->occ[c->occ[k]];
		int years = 1 + (int)demo_rng_below(r, age > 30 ? 10 : 4);
		int start = year_end - years;
		if (start < this_year - age + 18)
			start = this_year - age + 18;
		if (start > year_end)
			start = year_end;
		char title[220], emp[160];
		snprintf(title, sizeof title, "%s", fi_born ? o->d->label_fi : o->d->label_en);
		static const char *const kinds[] = {"company", "services", "group", "centre"};
		snprintf(emp, sizeof emp, "%s %s", fi_born ? demo_fi_last[demo_rng_below(r, (uint32_t)demo_nfi_last)] :
		                                             co->city[demo_rng_below(r, 4)],
		         kinds[demo_rng_below(r, 4)]);
		b = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:f}", "client_id", (json_int_t)c->id,
		              "esco_occupation", o->uri, "isco_code", o->isco, "title", title, "employer_name", emp, "country",
		              co->iso, "start_year", start, "end_year", year_end, "years",
		              year_end > start ? (double)(year_end - start) : 0.5); /* within one year: a season */
		demo_put(g, "work-history", org, b, NULL, &g->sum->work_history);
		add_own(c, o->minor);
		year_end = start;
	}

	/* Skills from the occupations' essential and optional skills, with how we know of them. */
	static const double ev_high[] = {45, 30, 25}, ev_other[] = {60, 35, 5};
	static const char *const evidence[] = {"self_declared", "counsellor_seen", "credential"};
	static const char *const levels[] = {"basic", "intermediate", "advanced", "expert"};
	for (int k = 0; k < c->nocc; k++) {
		const struct demo_occ_rt *o = &g->occ[c->occ[k]];
		size_t want = k == 0 ? 4 + demo_rng_below(r, 5) : 2 + demo_rng_below(r, 2);
		size_t start = o->ness ? demo_rng_below(r, (uint32_t)o->ness) : 0;
		for (size_t s = 0; s < want && s < o->ness; s++) {
			size_t i = (start + s * 3) % o->ness;
			size_t before = c->nskills;
			add_skill(c, o->ess[i]);
			if (c->nskills == before)
				continue;
			b = json_pack("{s:I, s:s, s:s?, s:s, s:s}", "client_id", (json_int_t)c->id, "esco_skill", o->ess[i],
			              "label", o->ess_label[i], "evidence",
			              evidence[demo_rng_weighted(r, w->highly ? ev_high : ev_other, 3)], "level",
			              levels[1 + demo_rng_below(r, 3)]);
			demo_put(g, "client-skills", org, b, NULL, &g->sum->client_skills);
		}
		if (o->nopt && demo_rng_chance(r, 0.6)) {
			size_t i = demo_rng_below(r, (uint32_t)o->nopt);
			size_t before = c->nskills;
			add_skill(c, o->opt[i]);
			if (c->nskills != before)
				demo_put(g, "client-skills", org,
				         json_pack("{s:I, s:s, s:s?, s:s, s:s}", "client_id", (json_int_t)c->id, "esco_skill",
				                   o->opt[i], "label", o->opt_label[i], "evidence", "self_declared", "level",
				                   levels[demo_rng_below(r, 2)]),
				         NULL, &g->sum->client_skills);
		}
	}

	/* Languages: mother tongue, Finnish (assessed at intake), English, sometimes Russian or Swedish. */
	demo_put(g, "client-languages", org,
	         json_pack("{s:I, s:s, s:s}", "client_id", (json_int_t)c->id, "language", mt, "level", "native"),
	         NULL, &g->sum->client_languages);
	if (!fi_born && c->fi)
		demo_put(g, "client-languages", org,
		         json_pack("{s:I, s:s, s:s, s:s}", "client_id", (json_int_t)c->id, "language", "fi", "level",
		                   demo_cefr(c->fi), "assessed_on", intake),
		         NULL, &g->sum->client_languages);
	if (c->en && strcmp(mt, "en") != 0)
		demo_put(g, "client-languages", org,
		         json_pack("{s:I, s:s, s:s}", "client_id", (json_int_t)c->id, "language", "en", "level",
		                   demo_cefr(c->en)),
		         NULL, &g->sum->client_languages);
	if (other_tongue && strcmp(other_tongue, "en") != 0 && demo_rng_chance(r, second_tongue ? 0.9 : 0.4))
		demo_put(g, "client-languages", org,
		         json_pack("{s:I, s:s, s:s}", "client_id", (json_int_t)c->id, "language", other_tongue, "level",
		                   demo_cefr(3 + (int)demo_rng_below(r, 3))),
		         NULL, &g->sum->client_languages);

	/* Certificates and licences that the client's trade asks for. */
	unsigned sec = main_occ->d->sectors;
	struct {
		bool when;
		const char *kind, *name;
		int skill, valid_years;
	} certs[] = {
		{(sec & (DEMO_SEC_RESTAURANT | DEMO_SEC_RETAIL | DEMO_SEC_CARE | DEMO_SEC_BERRIES)) && demo_rng_chance(r, 0.6),
		 "certificate", "Hygieniapassi", 0, 0},
		{(sec & (DEMO_SEC_CLEANING | DEMO_SEC_METAL | DEMO_SEC_FORESTRY | DEMO_SEC_LOGISTICS)) &&
		     demo_rng_chance(r, 0.5),
		 "card", "Työturvallisuuskortti", 1, 5},
		{((sec & DEMO_SEC_LOGISTICS) && demo_rng_chance(r, 0.5)) || demo_rng_chance(r, 0.04), "card", "Trukkikortti",
		 2, 0},
		{demo_rng_chance(r, w->seasonal ? 0.2 : 0.35) || strstr(main_occ->d->label_en, "driver"), "driving_licence",
		 strcmp(main_occ->d->label_en, "bus driver") == 0 || strcmp(main_occ->d->label_en, "cargo vehicle driver") == 0
		     ? "Ajokortti C"
		     : "Ajokortti B",
		 3, 0},
		{(sec & DEMO_SEC_CARE) && demo_rng_chance(r, 0.6), "certificate", "Ensiapukortti EA1", 4, 3},
	};
	for (size_t k = 0; k < DEMO_N(certs); k++) {
		if (!certs[k].when)
			continue;
		char until[11];
		demo_date(g, w->intake_day + 365 * certs[k].valid_years - (int)demo_rng_below(r, 300), until);
		b = json_pack("{s:I, s:s, s:s, s:s?, s:s?}", "client_id", (json_int_t)c->id, "kind", certs[k].kind, "name",
		              certs[k].name, "esco_skill", g->cert_skill[certs[k].skill], "expires_on",
		              certs[k].valid_years ? until : NULL);
		demo_put(g, "certificates", org, b, NULL, &g->sum->certificates);
		if (g->cert_skill[certs[k].skill])
			add_skill(c, g->cert_skill[certs[k].skill]);
	}

	/* Targets: the own occupation; a stepping stone for a regulated profession awaiting recognition. */
	c->target[c->ntarget++] = c->occ[0];
	if (c->regulated_pending && demo_rng_chance(r, 0.35))
		c->target[c->ntarget++] = demo_occ_random(g, DEMO_SEC_CARE, 0);
	else if (w->pwa && demo_rng_chance(r, 0.4))
		c->target[c->ntarget++] = demo_occ_random(g, DEMO_SEC_RETAIL | DEMO_SEC_BUSINESS, 1);
	for (int k = 0; k < c->ntarget; k++) {
		const struct demo_occ_rt *o = &g->occ[c->target[k]];
		b = json_pack("{s:I, s:s, s:s, s:s}", "client_id", (json_int_t)c->id, "esco_occupation", o->uri, "isco_code",
		              o->isco, "title", o->d->label_fi);
		demo_put(g, "target-occupations", org, b, NULL, &g->sum->target_occupations);
		add_own(c, o->minor);
	}

	/* Consents: processing and matching for most; sharing with employers for some. A few withdraw matching. */
	static const char *const methods[] = {"in_person", "in_person", "written", "survey"};
	const char *method = methods[demo_rng_below(r, 4)];
	c->matching = demo_rng_chance(r, 0.9);
	c->share_employer = c->matching && demo_rng_chance(r, 0.45);
	if (c->matching && demo_rng_chance(r, 0.03))
		c->matching_withdrawn_day = w->intake_day + 30 + (int)demo_rng_below(r, 200);
	if (c->matching_withdrawn_day >= DEMO_DAYS)
		c->matching_withdrawn_day = -1;
	struct {
		const char *purpose;
		bool given;
		int withdrawn;
	} cons[] = {{"data_processing", true, -1}, {"matching", c->matching, c->matching_withdrawn_day},
	            {"share_employer", c->share_employer, -1}};
	for (size_t k = 0; k < DEMO_N(cons); k++) {
		if (!cons[k].given && k == 2)
			continue;
		char wd[11];
		demo_date(g, cons[k].withdrawn, wd);
		b = json_pack("{s:I, s:s, s:b, s:s, s:s?, s:s}", "client_id", (json_int_t)c->id, "purpose", cons[k].purpose,
		              "given", cons[k].given, "given_on", intake, "withdrawn_on", cons[k].withdrawn >= 0 ? wd : NULL,
		              "method", method);
		demo_put(g, "consents", org, b, NULL, &g->sum->consents);
	}
	return g->failed ? -1 : 0;
}

/* A child is a family member of the worker's family, never a client: no matching, CV or work-ability section, and
 * not counted in any figure. The random draws are those the generator always made for a child. */
static int make_child(struct demo_gen *g, int p, const struct demo_client *parent, const char *iso,
                      const char *family_last, int64_t *id)
{
	struct demo_rng *r = &g->r;
	const struct demo_country *co = demo_country(iso);
	bool female = demo_rng_chance(r, 0.5);
	char lbuf[60];
	const char *last = surname(family_last, female, lbuf, sizeof lbuf);
	json_t *b = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:s}", "family_id", (json_int_t)parent->family_id,
	                      "relation", "child", "first_name",
	                      female ? co->female[demo_rng_below(r, 10)] : co->male[demo_rng_below(r, 10)], "last_name", last,
	                      "birth_year", year_of(g, DEMO_DAYS) - 1 - (int)demo_rng_below(r, 16), "gender",
	                      female ? "female" : "male", "mother_tongue", co->tongue[0], "nationality", co->iso);
	return demo_put(g, "family-members", g->org[g->prog[p].org].id, b, id, &g->sum->children);
}

static int intake_day(struct demo_gen *g, bool seasonal)
{
	if (demo_rng_chance(&g->r, 0.25))
		return -270 + (int)demo_rng_below(&g->r, 270); /* carried over from the year before */
	if (seasonal && demo_rng_chance(&g->r, 0.5)) {
		/* Seasonal workers arrive for the berry and forest season in late spring. */
		int day = 0;
		while (day < DEMO_DAYS - 1 && demo_month_of(g, day) != 5)
			day++;
		return day + (int)demo_rng_below(&g->r, 75);
	}
	return (int)demo_rng_below(&g->r, DEMO_DAYS - 15);
}

static const char *pick_iso(struct demo_rng *r, const char *const *iso, const double *w, size_t n)
{
	return iso[demo_rng_weighted(r, w, n)];
}

int demo_make_clients(struct demo_gen *g)
{
	struct demo_rng *r = &g->r;
	int made = 0;
	for (int p = 0; p < g->nprog && !g->failed; p++) {
		const struct demo_prog *pr = &g->prog[p];
		int n = p == g->nprog - 1 ? g->nclients - made : (int)(pr->def->share * g->nclients + 0.5);
		made += n;
		int idx;
		if (pr->org == 0) {
			static const char *const iso[] = {"UA", "RU", "IN", "CN", "IR", "SY", "IQ", "VN", "TR", "BR", "PH", "NG"};
			static const double w[] = {14, 10, 14, 8, 10, 7, 6, 6, 7, 6, 5, 7};
			static const unsigned secs[] = {DEMO_SEC_ICT, DEMO_SEC_ENG, DEMO_SEC_HEALTH, DEMO_SEC_BUSINESS};
			static const double sw[] = {35, 22, 20, 23};
			for (int k = 0; k < n; k++) {
				struct who wh = {.iso = pick_iso(r, iso, w, DEMO_N(iso)), .highly = true,
				                 .sectors = secs[demo_rng_weighted(r, sw, 4)], .female = demo_rng_chance(r, 0.5)};
				wh.intake_day = intake_day(g, false);
				wh.municipality = demo_rng_chance(r, 0.92) ? "Espoo" : "Kauniainen";
				if (make_one(g, p, &wh, &idx))
					return -1;
			}
		} else if (pr->org == 1) {
			static const char *const iso[] = {"SO", "AF", "IQ", "SY", "UA", "RU", "EE", "TH", "VN", "TR", "NG"};
			static const double w[] = {14, 14, 12, 12, 12, 8, 8, 6, 6, 4, 4};
			static const unsigned secs[] = {DEMO_SEC_CARE, DEMO_SEC_CLEANING, DEMO_SEC_LOGISTICS, DEMO_SEC_RESTAURANT,
			                                DEMO_SEC_RETAIL};
			static const double sw[] = {25, 20, 20, 20, 15};
			static const unsigned high_secs[] = {DEMO_SEC_ICT, DEMO_SEC_BUSINESS, DEMO_SEC_HEALTH};
			for (int k = 0; k < n; k++) {
				bool pwa = demo_rng_chance(r, 0.35);
				bool fi_born = pwa && demo_rng_chance(r, 0.7);
				struct who wh = {.iso = fi_born ? "FI" : pick_iso(r, iso, w, DEMO_N(iso)), .pwa = pwa};
				wh.sectors = secs[demo_rng_weighted(r, sw, 5)];
				if (!fi_born && demo_rng_chance(r, 0.1))
					wh.sectors = high_secs[demo_rng_below(r, 3)]; /* a degree from home, working below it */
				wh.female = demo_rng_chance(r, wh.sectors == DEMO_SEC_CARE ? 0.8 : 0.5);
				wh.intake_day = intake_day(g, false);
				wh.municipality = pr->def->munis[demo_rng_weighted(r, (double[]){40, 15, 12, 12, 11, 10}, 6)];
				if (make_one(g, p, &wh, &idx))
					return -1;
			}
		} else {
			/* Seasonal workers; many come with a spouse and children, who settle in as one family case. */
			static const char *const iso[] = {"TH", "UA", "PH", "VN", "RU"};
			static const double w[] = {35, 30, 15, 10, 10};
			int k = 0;
			while (k < n && !g->failed) {
				const char *c_iso = pick_iso(r, iso, w, DEMO_N(iso));
				unsigned sec = strcmp(c_iso, "TH") == 0 || strcmp(c_iso, "VN") == 0
				                   ? (demo_rng_chance(r, 0.75) ? DEMO_SEC_BERRIES : DEMO_SEC_TOURISM)
				               : strcmp(c_iso, "PH") == 0
				                   ? (demo_rng_chance(r, 0.6) ? DEMO_SEC_METAL : DEMO_SEC_TOURISM)
				                   : (demo_rng_chance(r, 0.55) ? DEMO_SEC_FORESTRY : DEMO_SEC_METAL);
				bool family = k + 1 < n && demo_rng_chance(r, 0.45);
				const struct demo_country *co = demo_country(c_iso);
				const char *fam_last = co->last[demo_rng_below(r, 12)];
				const char *muni = pr->def->munis[demo_rng_weighted(r, (double[]){40, 20, 12, 12, 8, 8}, 6)];
				int64_t fam_id = 0;
				int nkids = family ? (int)demo_rng_weighted(r, (double[]){40, 25, 25, 10}, 4) : 0;
				if (family) {
					char lb[60], fname[120];
					snprintf(fname, sizeof fname, "Perhe %s", surname(fam_last, false, lb, sizeof lb));
					/* the first states of the plan's registration, housing and day care (settling.c) */
					int reg = 1 + (int)demo_rng_below(r, 3), housing = (int)demo_rng_below(r, 4);
					int daycare = nkids ? (int)demo_rng_below(r, 4) : -1;
					json_t *b = json_pack("{s:s, s:s, s:s}", "name", fname, "municipality", muni, "notes",
					                      nkids ? "Perheen kotoutumissuunnitelma tehty; lasten varhaiskasvatus- ja "
					                              "koulupaikat haettu."
					                            : "Perheen kotoutumissuunnitelma tehty.");
					if (demo_put(g, "families", g->org[pr->org].id, b, &fam_id, &g->sum->families))
						return -1;
					if (arena_grow(g->keep, &g->fam, &g->capfam, g->nfam, sizeof *g->fam, 64))
						return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
					g->fam[g->nfam++] = (struct demo_family){.id = fam_id, .org = pr->org, .spouse = -1,
					                                         .registration = reg, .housing = housing,
					                                         .daycare = daycare};
				}
				bool worker_female = demo_rng_chance(r, strcmp(c_iso, "TH") == 0 ? 0.55 : 0.3);
				struct who wk = {.iso = c_iso, .sectors = sec, .seasonal = true, .female = worker_female,
				                 .family_last = family ? fam_last : NULL, .family_id = fam_id,
				                 .municipality = muni};
				wk.intake_day = intake_day(g, true);
				int wi;
				if (make_one(g, p, &wk, &wi))
					return -1;
				k++;
				if (!family)
					continue;
				struct demo_family *fam = &g->fam[g->nfam - 1];
				fam->worker = wi;
				static const unsigned spouse_secs[] = {DEMO_SEC_CARE, DEMO_SEC_RESTAURANT, DEMO_SEC_CLEANING,
				                                       DEMO_SEC_HEALTH, DEMO_SEC_BUSINESS, DEMO_SEC_ICT,
				                                       DEMO_SEC_TOURISM};
				static const double ssw[] = {25, 20, 15, 12, 10, 8, 10};
				struct who sp = {.iso = c_iso, .sectors = spouse_secs[demo_rng_weighted(r, ssw, 7)],
				                 .seasonal = true, .spouse = true, .female = !worker_female,
				                 .family_last = fam_last, .family_id = fam_id, .municipality = muni};
				sp.highly = (sp.sectors & (DEMO_SEC_HEALTH | DEMO_SEC_BUSINESS | DEMO_SEC_ICT)) != 0;
				sp.intake_day = g->cl[wi].intake_day + 14 + (int)demo_rng_below(r, 60);
				if (sp.intake_day > DEMO_DAYS - 5)
					sp.intake_day = DEMO_DAYS - 5;
				int si;
				if (make_one(g, p, &sp, &si))
					return -1;
				k++;
				fam = &g->fam[g->nfam - 1];
				fam->spouse = si;
				for (int kid = 0; kid < nkids; kid++)
					if (make_child(g, p, &g->cl[wi], c_iso, fam_last, kid < 3 ? &fam->kid[kid] : NULL))
						return -1;
				fam->nkids = nkids < 3 ? nkids : 3;
			}
		}
	}
	return g->failed ? -1 : 0;
}
