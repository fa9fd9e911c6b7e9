/* demo generate: the entry point, and the organisations, staff, courses, employers and vacancies of the demo. Every row goes through entity_validate and store_entity_insert, so the demo passes the same
 * checks as input from the API. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/surveys_shipped.h"
#include "auth/auth.h"
#include "core/date.h"
#include "core/validate.h"
#include "demo/demo.h"
#include "demo/internal.h"
#include "domain/entity.h"
#include "report/report.h"
#include "store/entity_store.h"

static const struct demo_org_def org_defs[3] = {
	{"Espoon kaupunki (demo)", "municipality", "Espoo", "espoo-demo.example",
	 {{"Osaamiskeskus", "Uusimaa", "Espoon kaupunki ja työ- ja elinkeinoministeriö", "highly_educated_immigrant",
	   "Osaamiskeskus, Espoon keskus", {"Espoo", "Kauniainen"}, 2,
	   DEMO_SEC_ICT | DEMO_SEC_ENG | DEMO_SEC_HEALTH | DEMO_SEC_BUSINESS, 5, 0.575, 45}},
	 1, {"recruitment_service", "diverse_team_coaching", "hiring_advice_immigrants", NULL}},
	{"Työvalmennussäätiö Kaakko (demo)", "project_owner", "Lahti", "tyovalmennus-demo.example",
	 {{"Töihin! Päijät-Häme", "Päijät-Häme", "Euroopan sosiaalirahasto plus (ESR+)", "immigrant,partial_work_ability",
	   "Hankkeen toimisto, Lahti", {"Lahti", "Hollola", "Heinola", "Orimattila", "Asikkala", "Kärkölä"}, 6,
	   DEMO_SEC_CARE | DEMO_SEC_CLEANING | DEMO_SEC_LOGISTICS | DEMO_SEC_RESTAURANT | DEMO_SEC_RETAIL, 2, 0.15, 18},
	  {"Töihin! Kymenlaakso", "Kymenlaakso", "Euroopan sosiaalirahasto plus (ESR+)", "immigrant,partial_work_ability",
	   "Hankkeen toimisto, Kotka", {"Kotka", "Kouvola", "Hamina", "Pyhtää", "Virolahti", "Miehikkälä"}, 6,
	   DEMO_SEC_CARE | DEMO_SEC_CLEANING | DEMO_SEC_LOGISTICS | DEMO_SEC_RESTAURANT | DEMO_SEC_RETAIL, 2, 0.13, 17}},
	 2, {"recruitment_service", "hiring_advice_partial_work_ability", "work_trial_arrangement", "diverse_team_coaching"}},
	{"Kainuun työllisyysalue (demo)", "employment_area", "Kajaani", "kainuu-demo.example",
	 {{"Kausityöstä kotiin – pitovoimapilotti", "Kainuu", "Kainuun liitto ja alueen kunnat", "seasonal_worker,spouse",
	   "Työllisyyspalvelut, Kajaani", {"Kajaani", "Sotkamo", "Kuhmo", "Suomussalmi", "Paltamo", "Puolanka"}, 6,
	   DEMO_SEC_METAL | DEMO_SEC_FORESTRY | DEMO_SEC_TOURISM | DEMO_SEC_BERRIES, 2, 0.145, 20}},
	 1, {"recruitment_service", "hiring_advice_immigrants", "diverse_team_coaching", NULL}},
};

const char *const demo_method_names[DEMO_NMETHODS] = {"Luovat ja taiteelliset menetelmät", "Vertaisryhmä",
                                                     "Työnantajakäynti", "Yksilövalmennus"};

/* The funders of each organisation's programmes with their shares. The sources name the funders, not the split: the
 * shares and decision numbers are invented, in the proportions such programmes usually have (an ESF+ project's public
 * funding with the municipalities' own part; a regional pilot with the municipalities' part). */
static const struct {
	const char *funder[2];
	double share[2];
	const char *decision;
} funder_defs[3] = {
	{{"Espoon kaupunki", "Työ- ja elinkeinoministeriö"}, {50, 50}, "TEM/1234/2021 (demo)"},
	{{"Euroopan sosiaalirahasto plus (ESR+) ja valtio", "Hankealueen kunnat"}, {75, 25}, "EURA 2021: S30999 (demo)"},
	{{"Kainuun liitto", "Alueen kunnat"}, {70, 30}, "KL/321/2025 (demo)"},
};

/* ---------------------------------------------------------------- small helpers */

void demo_date(const struct demo_gen *g, int day, char out[11])
{
	int64_t y;
	int m, d;
	date_civil(g->day0 + day, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", (int)y, m, d);
}

int demo_month_of(const struct demo_gen *g, int day)
{
	int64_t y;
	int m, d;
	date_civil(g->day0 + day, &y, &m, &d);
	return m;
}

const char *demo_pick(struct demo_rng *r, const char *const *v, size_t n)
{
	return v[demo_rng_below(r, (uint32_t)n)];
}

const char *demo_cefr(int level)
{
	static const char *l[] = {NULL, "A1", "A2", "B1", "B2", "C1", "C2", "native"};
	return level >= 1 && level <= 7 ? l[level] : NULL;
}

/* Lower-case ASCII for e-mail addresses: common Latin letters with diacritics lose them, other bytes are dropped. */
void demo_ascii_slug(const char *in, char *out, size_t n)
{
	static const struct {
		const char *u, *a;
	} map[] = {{"ä", "a"}, {"ö", "o"}, {"å", "a"}, {"õ", "o"}, {"ü", "u"}, {"é", "e"}, {"ã", "a"}, {"í", "i"},
	           {"ç", "c"}, {"ş", "s"}, {"ı", "i"}, {"ğ", "g"}, {"Ç", "c"}, {"Ş", "s"}, {"Ö", "o"}, {"Ü", "u"},
	           {"Ä", "a"}, {"á", "a"}, {"ó", "o"}, {"ú", "u"}, {"â", "a"}, {"ê", "e"}, {"ô", "o"}, {"Õ", "o"}};
	size_t k = 0;
	for (const char *p = in; *p && k + 1 < n;) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x80) {
			if (isalnum(c))
				out[k++] = (char)tolower(c);
			p++;
			continue;
		}
		bool done = false;
		for (size_t i = 0; i < DEMO_N(map) && !done; i++) {
			size_t l = strlen(map[i].u);
			if (strncmp(p, map[i].u, l) == 0) {
				out[k++] = map[i].a[0];
				p += l;
				done = true;
			}
		}
		if (!done)
			p++;
	}
	out[k] = 0;
}

size_t demo_occ_candidates(const struct demo_gen *g, unsigned sectors, int entry, int *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < g->nocc && n < max; i++) {
		const struct demo_occ_rt *o = &g->occ[i];
		if (!o->present || !(o->d->sectors & sectors))
			continue;
		if (entry >= 0 && o->d->entry != (entry == 1))
			continue;
		out[n++] = (int)i;
	}
	return n;
}

int demo_occ_random(struct demo_gen *g, unsigned sectors, int entry)
{
	int c[128];
	size_t n = demo_occ_candidates(g, sectors, entry, c, DEMO_N(c));
	if (n == 0 && entry >= 0)
		n = demo_occ_candidates(g, sectors, -1, c, DEMO_N(c));
	if (n == 0)
		n = demo_occ_candidates(g, ~0u, -1, c, DEMO_N(c));
	return n ? c[demo_rng_below(&g->r, (uint32_t)n)] : 0;
}

int demo_fail(struct demo_gen *g, int code, const char *msg)
{
	if (!g->failed)
		err_set(g->e, (enum err_code)code, "", "%s", msg);
	g->failed = true;
	return -1;
}

int demo_put(struct demo_gen *g, const char *entity, int64_t org, json_t *body, int64_t *id, long *counter)
{
	if (id)
		*id = 0;
	if (g->failed) {
		json_decref(body);
		return -1;
	}
	if (!body)
		return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
	const struct entity_def *d = entity_find(entity);
	struct arena *a = arena_new(0);
	struct entity_input in = {0};
	int64_t rid = 0;
	struct err e = {0};
	int rc = ERR_UNAVAILABLE;
	if (!d || !a)
		err_set(&e, ERR_INTERNAL, "", "no entity %s", entity);
	else if (!(rc = entity_validate(d, body, true, a, &in, &e)))
		rc = store_entity_insert(g->s, d, org, &in, &rid, &e);
	arena_free(a);
	json_decref(body);
	if (rc) {
		/* A bug in the demo itself when validation fails: name the entity and field to find it. */
		err_set(g->e, e.code ? e.code : ERR_INTERNAL, e.field, "demo data for %s rejected: %s", entity, e.message);
		g->failed = true;
		return -1;
	}
	if (id)
		*id = rid;
	if (counter)
		(*counter)++;
	return 0;
}

static int add_funders(struct demo_gen *g, int o, int64_t programme)
{
	for (int f = 0; f < 2; f++) {
		json_t *b = json_pack("{s:I, s:s, s:f, s:s}", "programme_id", (json_int_t)programme, "funder",
		                      funder_defs[o].funder[f], "share_pct", funder_defs[o].share[f], "funding_decision",
		                      funder_defs[o].decision);
		if (demo_put(g, "programme-funders", g->org[o].id, b, NULL, NULL))
			return -1;
	}
	return 0;
}

int demo_exec_update(struct demo_gen *g, const char *sql, int64_t id, const char *text, int64_t num)
{
	if (g->failed)
		return -1;
	const struct store_param p[] = {STORE_P_INT(id), text ? STORE_P_TEXT(text) : STORE_P_INT(num)};
	if (store_run(g->s, sql, p, 2, NULL, g->e)) {
		g->failed = true;
		return -1;
	}
	return 0;
}

int demo_step_written(struct demo_gen *g, const struct store_step_plan *plan, int64_t step, const char *day)
{
	if (store_step_written(g->s, plan, step, day, g->e)) {
		g->failed = true;
		return -1;
	}
	return 0;
}

int demo_count(struct demo_gen *g, const char *sql, int64_t *n)
{
	if (store_count(g->s, sql, NULL, 0, n, NULL, g->e)) {
		g->failed = true;
		return -1;
	}
	return 0;
}

int demo_business_id_check(const char d7[7])
{
	static const int w[7] = {7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 7; i++) {
		if (d7[i] < '0' || d7[i] > '9')
			return -1;
		sum += (d7[i] - '0') * w[i];
	}
	int r = sum % 11;
	return r == 1 ? -1 : r == 0 ? 0 : 11 - r;
}

/* A fresh valid Y-tunnus; numbers whose remainder is 1 have no check digit and are drawn again. */
static void business_id(struct demo_gen *g, char out[10])
{
	for (;;) {
		char d[7];
		static const double lead_w[] = {5, 10, 45, 40}; /* most companies today have IDs 2xxxxxx or 3xxxxxx */
		d[0] = (char)('0' + demo_rng_weighted(&g->r, lead_w, 4));
		for (int i = 1; i < 7; i++)
			d[i] = (char)('0' + demo_rng_below(&g->r, 10));
		int c = demo_business_id_check(d);
		if (c < 0)
			continue;
		memcpy(out, d, 7);
		out[7] = '-';
		out[8] = (char)('0' + c);
		out[9] = 0;
		return;
	}
}

void demo_phone(struct demo_gen *g, char out[24])
{
	snprintf(out, 24, "+358 4%u %03u %04u", demo_rng_below(&g->r, 10), demo_rng_below(&g->r, 1000),
	         demo_rng_below(&g->r, 10000));
}

/* ---------------------------------------------------------------- organisations, staff */

static json_t *str_list(const char *csv)
{
	json_t *a = json_array();
	const char *p = csv;
	while (a && p && *p) {
		const char *c = strchr(p, ',');
		size_t n = c ? (size_t)(c - p) : strlen(p);
		json_array_append_new(a, json_stringn(p, n));
		p = c ? c + 1 : p + n;
	}
	return a;
}

struct staff_plan {
	int org;
	const char *role;
	int prog; /* counsellors: the programme they work in; -1 otherwise */
};

static void random_password(char out[48])
{
	/* Not from the seeded generator: a public demo must not have passwords anyone can recompute from the seed. */
	uint32_t a = randombytes_uniform((uint32_t)demo_npw_words);
	uint32_t b = (a + 1 + randombytes_uniform((uint32_t)demo_npw_words - 1)) % (uint32_t)demo_npw_words;
	snprintf(out, 48, "%s-%s-%04u", demo_pw_words[a], demo_pw_words[b], 1000 + randombytes_uniform(9000));
}

static int add_user(struct demo_gen *g, int org, const char *role, int64_t employer_id, int64_t *id)
{
	return demo_add_user(g, g->org[org].id, g->org[org].def->name, g->org[org].def->domain, role, employer_id, id);
}

int demo_add_user(struct demo_gen *g, int64_t org_id, const char *org_name, const char *domain, const char *role,
                  int64_t employer_id, int64_t *id)
{
	struct demo_summary *sum = g->sum;
	if (sum->naccounts >= DEMO_MAX_ACCOUNTS)
		return demo_fail(g, ERR_INTERNAL, "too many demo accounts");
	bool female = demo_rng_chance(&g->r, 0.6);
	const char *first = female ? demo_pick(&g->r, demo_fi_female, demo_nfi_female)
	                           : demo_pick(&g->r, demo_fi_male, demo_nfi_male);
	const char *last = demo_pick(&g->r, demo_fi_last, demo_nfi_last);
	char fs[40], ls[40], name[100];
	demo_ascii_slug(first, fs, sizeof fs);
	demo_ascii_slug(last, ls, sizeof ls);
	snprintf(name, sizeof name, "%s %s", first, last);
	struct demo_account *acc = &sum->accounts[sum->naccounts];
	snprintf(acc->email, sizeof acc->email, "%s.%s%zu@%s", fs, ls, sum->naccounts + 1, domain);
	snprintf(acc->role, sizeof acc->role, "%s", role);
	snprintf(acc->organisation, sizeof acc->organisation, "%s", org_name);
	struct err pe = {0};
	do
		random_password(acc->password);
	while (auth_password_check(acc->password, acc->email, &pe) != 0);
	json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:o}", "email", acc->email, "name", name, "role", role, "lang", "fi",
	                      "employer_id", employer_id ? json_integer(employer_id) : json_null());
	if (demo_put(g, "users", org_id, b, id, &sum->users))
		return -1;
	char hash[AUTH_HASH_MAX];
	if (auth_password_hash(acc->password, hash, g->e))
		return g->failed = true, -1;
	if (demo_exec_update(g, "UPDATE users SET password_hash = ?2 WHERE id = ?1", *id, hash, 0))
		return -1;
	sum->naccounts++;
	return 0;
}

static int make_organisations(struct demo_gen *g)
{
	char bid[10], from[11], to[11];
	for (int o = 0; o < 3; o++) {
		const struct demo_org_def *d = &org_defs[o];
		g->org[o].def = d;
		business_id(g, bid);
		json_t *b = json_pack("{s:s, s:s, s:s, s:s}", "name", d->name, "kind", d->kind, "municipality",
		                      d->municipality, "business_id", bid);
		if (demo_put(g, "organisations", 0, b, &g->org[o].id, &g->sum->organisations))
			return -1;
		for (int p = 0; p < d->nprog; p++) {
			const struct demo_prog_def *pd = &d->prog[p];
			struct demo_prog *pr = &g->prog[g->nprog];
			pr->org = o;
			pr->def = pd;
			/* The competence centre started in March 2021 and runs on; the ESF+ project has a funding period around
			 * the year; the pilot is one project year. */
			demo_date(g, o == 1 ? -640 : -30, from);
			if (o == 0)
				snprintf(from, sizeof from, "2021-03-01");
			demo_date(g, o == 1 ? 365 + 270 : 334, to);
			char desc[400];
			snprintf(desc, sizeof desc, "%s: %s.", pd->name,
			         o == 0 ? "osaamisen tunnistaminen, tutkintojen tunnustaminen ja urapolut korkeasti "
			                  "koulutetuille maahanmuuttajille"
			         : o == 1 ? "työvalmennus maahanmuuttajille ja osatyökykyisille, työkokeilut ja palkkatuki"
			                  : "kausityöntekijöiden ja heidän perheidensä kotoutuminen ja pysyvä työ alueella");
			b = json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:s}", "name", pd->name, "funder", pd->funder,
			              "target_groups", str_list(pd->target_groups), "region", pd->region, "starts_on", from,
			              "ends_on", o == 0 ? json_null() : json_string(to), "description", desc);
			if (demo_put(g, "programmes", g->org[o].id, b, &pr->id, &g->sum->programmes))
				return -1;
			if (add_funders(g, o, pr->id))
				return -1;
			g->nprog++;
		}
		for (int m = 0; m < DEMO_NMETHODS; m++) {
			b = json_pack("{s:s}", "name", demo_method_names[m]);
			if (demo_put(g, "service-methods", g->org[o].id, b, &g->org[o].method[m], NULL))
				return -1;
		}
	}
	return 0;
}

static int make_staff(struct demo_gen *g)
{
	int64_t id;
	if (add_user(g, 0, "admin", 0, &id))
		return -1;
	for (int p = 0; p < g->nprog; p++) {
		struct demo_prog *pr = &g->prog[p];
		for (int k = 0; k < pr->def->ncounsellors && k < DEMO_MAX_STAFF; k++)
			if (add_user(g, pr->org, "counsellor", 0, &pr->counsellor[pr->ncounsellors++]))
				return -1;
	}
	for (int o = 0; o < 3; o++)
		if (add_user(g, o, "coordinator", 0, &g->org[o].coordinator) ||
		    add_user(g, o, "manager", 0, &g->org[o].manager))
			return -1;
	return 0;
}

/* ---------------------------------------------------------------- courses */

struct course_def {
	int org;
	const char *name, *provider, *lang;
	const char *occ_en;  /* vocational: tagged with essential skills of this occupation */
	int lang_skills;     /* language courses: 1 = Finnish skills, 2 = English */
	int weeks;
};

static const struct course_def course_defs[] = {
	{0, "Suomea korkeakoulutetuille (A2–B1)", "Espoon työväenopisto", "fi", NULL, 1, 16},
	{0, "Työelämän suomi B1–B2", "Omnia", "fi", NULL, 1, 12},
	{0, "Terveydenhuollon ammattikieli (B1–B2)", "Metropolia Ammattikorkeakoulu", "fi", NULL, 1, 20},
	{0, "Ohjelmistokehityksen täydennyskoulutus", "Aalto-yliopisto, Aalto EE", "en", "software developer", 0, 24},
	{0, "Data-analytiikka käytännössä", "Laurea-ammattikorkeakoulu", "en", "data analyst", 0, 10},
	{0, "Ohjelmistotestauksen perusteet", "Omnia", "en", "ICT test analyst", 0, 8},
	{0, "Sairaanhoitajan pätevöitymiskoulutus", "Metropolia Ammattikorkeakoulu", "fi",
	 "nurse responsible for general care", 0, 40},
	{0, "Suomalainen kirjanpito ja verotus", "Laurea-ammattikorkeakoulu", "fi", "accountant", 0, 12},
	{0, "Projektinhallinnan perusteet", "Aalto-yliopisto, Aalto EE", "en", "project manager", 0, 6},
	{0, "Rakennustekniikan suomalaiset normit", "Metropolia Ammattikorkeakoulu", "fi", "civil engineer", 0, 10},
	{1, "Suomen kielen alkeet (A1–A2)", "Lahden kansanopisto", "fi", NULL, 1, 16},
	{1, "Hoiva-alan suomi (A2–B1)", "Koulutuskeskus Salpaus", "fi", NULL, 1, 14},
	{1, "Hygieniapassikoulutus", "Koulutuskeskus Salpaus", "fi", "cook", 0, 1},
	{1, "Työturvallisuuskorttikoulutus", "Ekami", "fi", "building cleaner", 0, 1},
	{1, "Trukkikorttikurssi", "Ekami", "fi", "forklift operator", 0, 1},
	{1, "Hoiva-avustajan koulutus", "Koulutuskeskus Salpaus", "fi", "nurse assistant", 0, 20},
	{1, "Varastotyön perusteet", "Ekami", "fi", "warehouse worker", 0, 6},
	{1, "Siivousalan perustutkinnon osa", "Koulutuskeskus Salpaus", "fi", "building cleaner", 0, 12},
	{1, "Asiakaspalvelu ja kassatyö", "Ekami", "fi", "shop assistant", 0, 6},
	{1, "Ravintolakokin tutkinnon osa", "Koulutuskeskus Salpaus", "fi", "cook", 0, 16},
	{2, "Suomea kausityöntekijöille (A1)", "Kainuun ammattiopisto KAO", "fi", NULL, 1, 10},
	{2, "Arjen suomi perheille (A1–A2)", "Kajaanin kansalaisopisto", "fi", NULL, 1, 12},
	{2, "Matkailualan englanti", "Kainuun ammattiopisto KAO", "en", NULL, 2, 6},
	{2, "Hitsauksen perusteet", "Kainuun ammattiopisto KAO", "fi", "welder", 0, 10},
	{2, "Metsäkoneenkuljettajan koulutus", "Kainuun ammattiopisto KAO", "fi", "forestry equipment operator", 0, 30},
	{2, "Metsurin tutkinnon osa", "Kainuun ammattiopisto KAO", "fi", "forest worker", 0, 12},
	{2, "Ohjelmapalveluiden ohjaaja", "Kajaanin ammattikorkeakoulu", "fi", "outdoor animator", 0, 12},
	{2, "Elintarvikealan perusteet", "Kainuun ammattiopisto KAO", "fi", "food production operator", 0, 8},
	{2, "Teollisuusmekaanikon täydennyskoulutus", "Kainuun ammattiopisto KAO", "fi",
	 "industrial machinery mechanic", 0, 16},
	{2, "Hygieniapassikoulutus", "Kajaanin kansalaisopisto", "fi", "cook", 0, 1},
};

static int occ_by_label(const struct demo_gen *g, const char *en)
{
	for (size_t i = 0; i < g->nocc; i++)
		if (g->occ[i].present && strcmp(g->occ[i].d->label_en, en) == 0)
			return (int)i;
	return -1;
}

static int make_courses(struct demo_gen *g)
{
	for (size_t i = 0; i < DEMO_N(course_defs) && g->ncourses < DEMO_N(g->course_ids); i++) {
		const struct course_def *c = &course_defs[i];
		int occ = c->occ_en ? occ_by_label(g, c->occ_en) : -1;
		const char *skills[6];
		size_t n = 0;
		if (c->lang_skills == 1)
			for (size_t k = 0; k < 4; k++)
				if (g->lang_skill[k])
					skills[n++] = g->lang_skill[k];
		if (c->lang_skills == 2 && g->lang_skill[4])
			skills[n++] = g->lang_skill[4];
		if (occ >= 0) {
			const struct demo_occ_rt *o = &g->occ[occ];
			size_t want = 3 + demo_rng_below(&g->r, 3);
			size_t start = o->ness ? demo_rng_below(&g->r, (uint32_t)o->ness) : 0;
			for (size_t k = 0; k < o->ness && n < want; k++)
				skills[n++] = o->ess[(start + k) % o->ness];
		}
		if (n == 0)
			continue; /* a course teaching nothing the taxonomy knows would only confuse skill-gap advice */
		const struct demo_org_def *od = &org_defs[c->org];
		int start_day = (int)demo_rng_below(&g->r, DEMO_DAYS + 60) - 30;
		char from[11], to[11];
		demo_date(g, start_day, from);
		demo_date(g, start_day + 7 * c->weeks, to);
		json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "name", c->name, "provider", c->provider, "language",
		                      c->lang, "municipality", od->municipality, "starts_on", from, "ends_on", to);
		int64_t id;
		if (demo_put(g, "courses", g->org[c->org].id, b, &id, &g->sum->courses))
			return -1;
		for (size_t k = 0; k < n; k++)
			if (demo_put(g, "course-skills", g->org[c->org].id,
			             json_pack("{s:I, s:s}", "course_id", (json_int_t)id, "esco_skill", skills[k]), NULL,
			             &g->sum->course_skills))
				return -1;
		g->course_ids[g->ncourses] = id;
		g->course_provider[g->ncourses] = c->provider;
		g->course_name[g->ncourses] = c->name;
		g->course_org[g->ncourses] = c->org;
		g->course_language[g->ncourses] = c->lang_skills != 0;
		g->ncourses++;
	}
	return 0;
}

/* ---------------------------------------------------------------- employers and vacancies */

/* Place names in the genitive, as Finnish company names use them ("Kajaanin Konepaja Oy"). */
static const char *genitive(const char *place)
{
	static const char *const t[][2] = {
		{"Espoo", "Espoon"}, {"Kauniainen", "Kauniaisten"}, {"Lahti", "Lahden"}, {"Hollola", "Hollolan"},
		{"Heinola", "Heinolan"}, {"Orimattila", "Orimattilan"}, {"Asikkala", "Asikkalan"}, {"Kärkölä", "Kärkölän"},
		{"Kotka", "Kotkan"}, {"Kouvola", "Kouvolan"}, {"Hamina", "Haminan"}, {"Pyhtää", "Pyhtään"},
		{"Virolahti", "Virolahden"}, {"Miehikkälä", "Miehikkälän"}, {"Kajaani", "Kajaanin"}, {"Sotkamo", "Sotkamon"},
		{"Kuhmo", "Kuhmon"}, {"Suomussalmi", "Suomussalmen"}, {"Paltamo", "Paltamon"}, {"Puolanka", "Puolangan"},
	};
	for (size_t i = 0; i < DEMO_N(t); i++)
		if (strcmp(t[i][0], place) == 0)
			return t[i][1];
	return place;
}

static const char *const contact_titles[] = {"HR-päällikkö", "Toimitusjohtaja", "Rekrytointiasiantuntija",
                                             "Palveluesihenkilö", "Tuotantopäällikkö", "Henkilöstöassistentti"};
static const char *const emp_suffix[] = {"Oy", "Oy", "Oy", "Ab", "Ky", "Oyj"};
static const char *const sizes[] = {"micro", "small", "small", "medium", "medium", "large"};

static int make_employers(struct demo_gen *g)
{
	size_t total = 0;
	for (int p = 0; p < g->nprog; p++)
		total += (size_t)g->prog[p].def->nemployers;
	g->emp = arena_alloc(g->keep, total * sizeof *g->emp);
	if (!g->emp)
		return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
	for (int p = 0; p < g->nprog; p++) {
		const struct demo_prog *pr = &g->prog[p];
		unsigned secs[DEMO_NSECTORS];
		size_t nsec = 0;
		for (size_t i = 0; i < DEMO_NSECTORS; i++)
			if (pr->def->sectors & demo_sectors[i].bit)
				secs[nsec++] = demo_sectors[i].bit;
		for (int k = 0; k < pr->def->nemployers; k++) {
			struct demo_employer *em = &g->emp[g->nemp];
			em->org = pr->org;
			em->prog = p;
			em->sector = secs[k % nsec];
			em->municipality = pr->def->munis[demo_rng_below(&g->r, (uint32_t)pr->def->nmunis)];
			const struct demo_sector *sec = demo_sector_of(em->sector);
			const char *word = sec->word[demo_rng_below(&g->r, 6)];
			bool place_first = demo_rng_chance(&g->r, 0.5);
			const char *surname = demo_pick(&g->r, demo_fi_last, demo_nfi_last);
			const char *suffix = demo_pick(&g->r, emp_suffix, DEMO_N(emp_suffix));
			if (place_first)
				snprintf(em->name, sizeof em->name, "%s %s %s", genitive(em->municipality), word, suffix);
			else
				snprintf(em->name, sizeof em->name, "%s %s %s", word, surname, suffix);
			/* The same generated name twice would read as a duplicate employer: number it. */
			for (size_t j = 0; j < g->nemp; j++)
				if (strcmp(g->emp[j].name, em->name) == 0) {
					size_t l = strlen(em->name);
					snprintf(em->name + l, sizeof em->name - l, " %zu", g->nemp);
				}
			char slug[60], web[100], notes[200];
			const char *bid = em->business_id;
			for (bool dup = true; dup;) { /* unique per organisation, as the schema demands */
				business_id(g, em->business_id);
				dup = false;
				for (size_t j = 0; j < g->nemp; j++)
					dup |= strcmp(g->emp[j].business_id, em->business_id) == 0;
			}
			demo_ascii_slug(em->name, slug, sizeof slug);
			snprintf(web, sizeof web, "https://www.%s.example", slug);
			snprintf(notes, sizeof notes, "Toimiala: %s. Kiinnostunut monimuotoisesta rekrytoinnista.", sec->name);
			json_t *b = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:s}", "name", em->name, "business_id", bid,
			                      "sector", sec->name, "municipality", em->municipality, "coordinator_id",
			                      (json_int_t)g->org[pr->org].coordinator, "size",
			                      demo_pick(&g->r, sizes, DEMO_N(sizes)), "website", web, "notes", notes);
			if (demo_put(g, "employers", g->org[pr->org].id, b, &em->id, &g->sum->employers))
				return -1;
			g->nemp++;
			int ncontacts = 1 + (int)demo_rng_below(&g->r, 2);
			for (int c = 0; c < ncontacts; c++) {
				bool female = demo_rng_chance(&g->r, 0.55);
				const char *first = female ? demo_pick(&g->r, demo_fi_female, demo_nfi_female)
				                           : demo_pick(&g->r, demo_fi_male, demo_nfi_male);
				const char *last = demo_pick(&g->r, demo_fi_last, demo_nfi_last);
				char fs[40], ls[40], name[100], email[160], ph[24];
				demo_ascii_slug(first, fs, sizeof fs);
				demo_ascii_slug(last, ls, sizeof ls);
				snprintf(name, sizeof name, "%s %s", first, last);
				snprintf(email, sizeof email, "%s.%s@%.60s.example", fs, ls, slug);
				demo_phone(g, ph);
				b = json_pack("{s:I, s:s, s:s, s:s, s:s}", "employer_id", (json_int_t)em->id, "name", name, "title",
				              demo_pick(&g->r, contact_titles, DEMO_N(contact_titles)), "email", email, "phone", ph);
				if (demo_put(g, "employer-contacts", g->org[pr->org].id, b, NULL, &g->sum->employer_contacts))
					return -1;
			}
			/* Services given to the employer during the year. */
			const char *const *svc = g->org[pr->org].def->services;
			size_t nsvc = 0;
			while (nsvc < 4 && svc[nsvc])
				nsvc++;
			int nserv = (int)demo_rng_below(&g->r, 4);
			for (int sv = 0; sv < nserv; sv++) {
				char on[11];
				demo_date(g, (int)demo_rng_below(&g->r, DEMO_DAYS), on);
				const char *type = svc[demo_rng_below(&g->r, (uint32_t)nsvc)];
				const char *note = strcmp(type, "recruitment_service") == 0 ? "Rekrytointitarpeen kartoitus ja "
				                                                              "ehdokkaiden esittely."
				                   : strcmp(type, "diverse_team_coaching") == 0
				                       ? "Monimuotoisen työyhteisön johtamisen valmennus esihenkilöille."
				                       : "Neuvonta työnantajalle rekrytoinnista ja tukimuodoista.";
				b = json_pack("{s:I, s:s, s:s, s:I, s:s}", "employer_id", (json_int_t)em->id, "type", type,
				              "given_on", on, "staff_id", (json_int_t)g->org[pr->org].coordinator, "notes", note);
				if (demo_put(g, "employer-services", g->org[pr->org].id, b, NULL, &g->sum->employer_services))
					return -1;
			}
		}
	}
	return 0;
}

static const char *const contract_names[6] = {"permanent", "fixed_term", "seasonal", "apprenticeship", "work_trial",
                                              "pay_subsidised"};

static int cefr_rank(const char *l)
{
	static const char *v[] = {"A1", "A2", "B1", "B2", "C1", "C2"};
	for (int i = 0; l && i < 6; i++)
		if (strcmp(v[i], l) == 0)
			return i + 1;
	return 0;
}

/* A vacancy's first n skills of uris (with their labels), all required or all optional. */
static void put_vacancy_skills(struct demo_gen *g, int64_t org, int64_t vacancy_id, const char **uris,
                               const char **labels, size_t n, bool required)
{
	for (size_t s = 0; s < n; s++)
		demo_put(g, "vacancy-skills", org,
		         json_pack("{s:I, s:s, s:s?, s:b}", "vacancy_id", (json_int_t)vacancy_id, "esco_skill", uris[s],
		                   "label", labels[s], "required", required),
		         NULL, &g->sum->vacancy_skills);
}

static int make_vacancies(struct demo_gen *g)
{
	g->vac = arena_alloc(g->keep, g->nemp * 3 * sizeof *g->vac);
	if (!g->vac)
		return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
	static const double nvac_w[] = {35, 40, 25};
	for (size_t ei = 0; ei < g->nemp; ei++) {
		const struct demo_employer *em = &g->emp[ei];
		const struct demo_sector *sec = demo_sector_of(em->sector);
		int n = 1 + (int)demo_rng_weighted(&g->r, nvac_w, 3);
		for (int k = 0; k < n; k++) {
			struct demo_vacancy *v = &g->vac[g->nvac];
			v->org = em->org;
			v->prog = em->prog;
			v->emp = (int)ei;
			v->occ = demo_occ_random(g, em->sector, -1);
			const struct demo_occ_rt *o = &g->occ[v->occ];
			v->open_day = (int)demo_rng_below(&g->r, DEMO_DAYS + 20) - 40;
			v->close_day = v->open_day + 21 + (int)demo_rng_below(&g->r, 60);
			if (demo_rng_chance(&g->r, 0.25)) { /* open today, so that matching has something to show */
				v->open_day = DEMO_DAYS - 1 - (int)demo_rng_below(&g->r, 50);
				v->close_day = DEMO_DAYS + 14 + (int)demo_rng_below(&g->r, 45);
			}
			size_t ci = demo_rng_weighted(&g->r, sec->contract_w, 6);
			v->contract = contract_names[ci];
			bool berries = em->sector == DEMO_SEC_BERRIES, tourism = em->sector == DEMO_SEC_TOURISM;
			if (berries || (tourism && ci == 2)) {
				/* Seasonal work is posted for the season: berries in early summer, tourism in autumn. */
				int m = berries ? 5 : 10;
				int day = 0;
				while (day < DEMO_DAYS - 1 && demo_month_of(g, day) != m)
					day++;
				v->open_day = day + (int)demo_rng_below(&g->r, 40);
				v->close_day = v->open_day + 30 + (int)demo_rng_below(&g->r, 30);
			}
			v->positions = berries ? 5 + (int)demo_rng_below(&g->r, 11)
			               : tourism ? 1 + (int)demo_rng_below(&g->r, 4)
			                         : demo_rng_chance(&g->r, 0.8) ? 1 : 2;
			v->hours = sec->hours - (int)demo_rng_below(&g->r, 3) * (sec->hours >= 37 ? 1 : 4);
			v->fi_level = cefr_rank(sec->fi_lang);
			v->fi_required = sec->fi_required;
			if (o->d->regulated)
				v->fi_level = 4, v->fi_required = true; /* B2 for licensed health professions */
			v->filled_by_others = demo_rng_chance(&g->r, 0.55);
			char opens[11], closes[11], title[220], desc[600];
			demo_date(g, v->open_day, opens);
			demo_date(g, v->close_day, closes);
			snprintf(title, sizeof title, "%s", o->d->label_fi);
			if (title[0])
				title[0] = (char)toupper((unsigned char)title[0]);
			snprintf(desc, sizeof desc,
			         "%s etsii tekijää tehtävään %s (%s). Tarjoamme perehdytyksen ja tukea suomen kielen "
			         "oppimiseen.",
			         em->name, o->d->label_fi, em->municipality);
			json_t *b = json_pack(
				"{s:I, s:s, s:s, s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:i, s:s, s:s, s:b, s:b, s:s, s:s}", "employer_id",
				(json_int_t)em->id, "title", title, "esco_occupation", o->uri, "isco_code", o->isco, "description",
				desc, "municipality", em->municipality, "hours_per_week", v->hours, "contract_type", v->contract,
				"positions", v->positions, "status", "open", "education_level_min",
				sec->edu_min > o->d->isced_level ? o->d->isced_level : sec->edu_min, "isced_field", o->d->isced_field,
				"physical_load", sec->load, "permit_required", demo_rng_chance(&g->r, 0.8), "recurring",
				berries || tourism, "starts_on", closes, "closes_on", closes);
			if (demo_put(g, "vacancies", g->org[em->org].id, b, &v->id, &g->sum->vacancies))
				return -1;
			int64_t org = g->org[em->org].id;
			put_vacancy_skills(g, org, v->id, o->ess, o->ess_label, o->ness < 8 ? o->ness : 8, true);
			put_vacancy_skills(g, org, v->id, o->opt, o->opt_label, o->nopt < 3 ? o->nopt : 3, false);
			if (v->fi_level)
				demo_put(g, "vacancy-languages", org,
				         json_pack("{s:I, s:s, s:s, s:b}", "vacancy_id", (json_int_t)v->id, "language", "fi",
				                   "min_level", demo_cefr(v->fi_level), "required", v->fi_required),
				         NULL, &g->sum->vacancy_languages);
			if (sec->en_lang)
				demo_put(g, "vacancy-languages", org,
				         json_pack("{s:I, s:s, s:s, s:b}", "vacancy_id", (json_int_t)v->id, "language", "en",
				                   "min_level", sec->en_lang, "required", sec->en_required),
				         NULL, &g->sum->vacancy_languages);
			const char *lic = sec->licence, *lic_kind = sec->licence_kind;
			if (strcmp(o->d->label_en, "forklift operator") == 0 || strcmp(o->d->label_en, "warehouse worker") == 0)
				lic = "Trukkikortti", lic_kind = "card";
			else if (strstr(o->d->label_en, "driver"))
				lic = strcmp(o->d->label_en, "car and van delivery driver") == 0 ? "Ajokortti B" : "Ajokortti C",
				lic_kind = "driving_licence";
			else if (em->sector == DEMO_SEC_LOGISTICS)
				lic = NULL;
			if (lic && demo_rng_chance(&g->r, 0.8))
				demo_put(g, "vacancy-licences", org,
				         json_pack("{s:I, s:s, s:s}", "vacancy_id", (json_int_t)v->id, "kind", lic_kind, "name", lic),
				         NULL, &g->sum->vacancy_licences);
			g->nvac++;
		}
	}
	return g->failed ? -1 : 0;
}

/* The employer account speaks for one employer of the job-coaching project. */
static int make_employer_user(struct demo_gen *g)
{
	for (size_t i = 0; i < g->nemp; i++) {
		if (g->emp[i].org == 1 && g->emp[i].sector == DEMO_SEC_CARE) {
			int64_t id;
			if (add_user(g, 1, "employer", g->emp[i].id, &id))
				return -1;
			snprintf(g->sum->accounts[g->sum->naccounts - 1].organisation,
			         sizeof g->sum->accounts[0].organisation, "%s / %s", g->org[1].def->name, g->emp[i].name);
			return 0;
		}
	}
	return demo_fail(g, ERR_INTERNAL, "no care employer for the employer account");
}

/* ---------------------------------------------------------------- entry point */

static int parse_today(const char *s, int64_t *days)
{
	char buf[11];
	if (!s) {
		validate_today(buf);
		s = buf;
	}
	if (!validate_date(s))
		return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	*days = date_days(y, m, d);
	return 0;
}

static int check_empty(struct demo_gen *g, bool force)
{
	int64_t clients = 0, orgs = 0, users = 0;
	if (demo_count(g, "SELECT COUNT(*) FROM clients", &clients) ||
	    demo_count(g, "SELECT COUNT(*) FROM organisations", &orgs) || demo_count(g, "SELECT COUNT(*) FROM users", &users))
		return -1;
	char msg[256];
	if (clients) {
		snprintf(msg, sizeof msg,
		         "this database already has %lld clients; the demo goes only into a database without clients, so "
		         "that demo and real data never mix: give a new file, e.g. --db var/demo.db",
		         (long long)clients);
		return demo_fail(g, ERR_CONFLICT, msg);
	}
	if ((orgs || users) && !force) {
		snprintf(msg, sizeof msg,
		         "this database already has %lld organisations and %lld users; add --force to put the demo "
		         "organisations beside them, or give a new file with --db",
		         (long long)orgs, (long long)users);
		return demo_fail(g, ERR_CONFLICT, msg);
	}
	return 0;
}

int demo_generate(struct store *s, const struct demo_options *o, struct demo_summary *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct demo_gen g = {.s = s, .e = e, .sum = out};
	int64_t today;
	if (parse_today(o->today, &today))
		return err_set(e, ERR_INVALID, "today", "the date must be YYYY-MM-DD");
	int n = o->clients ? o->clients : DEMO_DEFAULT_CLIENTS;
	if (n < 30 || n > DEMO_MAX_CLIENTS)
		return err_set(e, ERR_INVALID, "clients", "the number of clients must be between 30 and %d",
		               DEMO_MAX_CLIENTS);
	if (sodium_init() < 0)
		return err_set(e, ERR_UNAVAILABLE, "", "libsodium could not start");
	g.nclients = n;
	g.day0 = today - DEMO_DAYS;
	demo_date(&g, 0, out->first_day);
	demo_date(&g, DEMO_DAYS - 1, out->last_day);
	demo_rng_seed(&g.r, o->seed);
	if (!(g.keep = arena_new((size_t)256 << 20)))
		return err_oom(e);
	/* the shipped surveys, so the seasonal workers' answers have their survey (a transaction of its own) */
	if (app_surveys_register_shipped(s, e) || store_begin(s, e)) {
		arena_free(g.keep);
		return e->code ? (int)e->code : ERR_UNAVAILABLE;
	}
	if (!check_empty(&g, o->force) && !demo_load_taxonomy(&g) && !make_organisations(&g) && !make_staff(&g) &&
	    !make_courses(&g) && !make_employers(&g) && !make_employer_user(&g) && !make_vacancies(&g) &&
	    !demo_make_clients(&g) && !demo_simulate(&g) && !demo_make_settling(&g) &&
	    !demo_info_point(&g, o->seed) && !demo_surveys(&g, o->seed) && !demo_partners(&g, o->seed) &&
	    !demo_cohorts(&g) && !demo_employer_needs(&g, o->seed) &&
	    /* rows went in through the store, not the pipeline: what its hooks keep for the figures (migration 0026) */
	    !report_marks_all(s, e))
		store_commit(s, e) ? (void)(g.failed = true) : (void)0;
	else
		g.failed = true;
	if (g.failed && store_in_tx(s))
		store_rollback(s);
	arena_free(g.keep);
	if (g.failed) {
		memset(out->accounts, 0, sizeof out->accounts); /* nothing was written: the passwords mean nothing */
		out->naccounts = 0;
		return e->code ? (int)e->code : ERR_INTERNAL;
	}
	return 0;
}
