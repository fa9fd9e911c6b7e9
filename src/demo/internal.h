/* demo internals shared by tables.c (static reference tables, the random generator), generate.c (setup,
 * organisations, employers, vacancies, courses), taxonomy.c (the occupations and skills found in the imported
 * taxonomy), clients.c (clients and their profiles) and year.c (the simulated year). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DEMO_N(a) (sizeof(a) / sizeof *(a))

/* xoshiro256** seeded through splitmix64: small, fast and identical on every platform. */
struct demo_rng {
	uint64_t s[4];
};
void demo_rng_seed(struct demo_rng *r, uint64_t seed);
uint64_t demo_rng_next(struct demo_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t demo_rng_below(struct demo_rng *r, uint32_t n);
/* Uniform in [0, 1). */
double demo_rng_real(struct demo_rng *r);
bool demo_rng_chance(struct demo_rng *r, double p);
/* Index drawn with the given weights (n > 0, weights >= 0, not all 0). */
size_t demo_rng_weighted(struct demo_rng *r, const double *w, size_t n);

/* Sectors an employer works in and an occupation belongs to (a bit set on occupations). */
enum {
	DEMO_SEC_ICT = 1 << 0,
	DEMO_SEC_ENG = 1 << 1,
	DEMO_SEC_HEALTH = 1 << 2,
	DEMO_SEC_BUSINESS = 1 << 3,
	DEMO_SEC_CARE = 1 << 4,
	DEMO_SEC_CLEANING = 1 << 5,
	DEMO_SEC_LOGISTICS = 1 << 6,
	DEMO_SEC_RESTAURANT = 1 << 7,
	DEMO_SEC_RETAIL = 1 << 8,
	DEMO_SEC_METAL = 1 << 9,
	DEMO_SEC_FORESTRY = 1 << 10,
	DEMO_SEC_TOURISM = 1 << 11,
	DEMO_SEC_BERRIES = 1 << 12,
	DEMO_NSECTORS = 13,
};

/* One ESCO occupation the demo uses; the URI's last part only (the prefix is added when used). */
struct demo_occ {
	const char *uuid;
	const char *isco;   /* ISCO-08 unit group, used when the imported concept has no code */
	const char *label_en;
	const char *label_fi;
	unsigned sectors;
	const char *isced_field; /* the ISCED-F field of the education that usually leads here */
	int isced_level;         /* typical ISCED level */
	bool regulated;          /* needs recognition of the qualification in Finland (Valvira and the like) */
	bool entry;              /* entry level: open to newcomers without the trade's own background */
};
extern const struct demo_occ demo_occs[];
extern const size_t demo_nocc;

struct demo_sector {
	unsigned bit;
	const char *name;        /* employers.sector */
	const char *word[6];     /* words for employer names */
	const char *fi_lang;     /* Finnish level vacancies ask for, or NULL */
	bool fi_required;
	const char *en_lang;     /* English level, or NULL */
	bool en_required;
	const char *licence_kind, *licence; /* licence most vacancies ask for, or NULL */
	const char *load;        /* vacancies' physical load */
	int hours;               /* typical weekly hours */
	int edu_min;             /* vacancies' minimum ISCED level */
	double contract_w[6];    /* weights of permanent, fixed_term, seasonal, apprenticeship, work_trial, pay_subsidised */
};
extern const struct demo_sector demo_sectors[DEMO_NSECTORS];
const struct demo_sector *demo_sector_of(unsigned bit);

/* A country of origin: ISO codes and realistic names (last names "male/female" when they differ by gender). */
struct demo_country {
	const char *iso;      /* ISO 3166-1 alpha-2 */
	const char *name;
	const char *tongue[3]; /* ISO 639-1 mother tongues, the first the most common */
	const char *female[10];
	const char *male[10];
	const char *last[12];
	const char *city[4];
	bool eu;
};
extern const struct demo_country demo_countries[];
extern const size_t demo_ncountries;
const struct demo_country *demo_country(const char *iso);

/* Finnish names for staff and for Finnish-born clients. */
extern const char *const demo_fi_female[], *const demo_fi_male[], *const demo_fi_last[];
extern const size_t demo_nfi_female, demo_nfi_male, demo_nfi_last;

/* English subject names of ISCED-F detailed fields, for degree titles. */
const char *demo_field_subject(const char *isced_field);

/* Words for the demo passwords. */
extern const char *const demo_pw_words[];
extern const size_t demo_npw_words;

/* ---- the generator's working state (generate.c, year.c) ---- */
#include <jansson.h>

#include "core/arena.h"
#include "core/err.h"
#include "demo/demo.h"
#include "store/store.h"

enum { DEMO_DAYS = 365, DEMO_MAX_SKILLS = 40, DEMO_MAX_PROG = 4, DEMO_MAX_STAFF = 6 };

/* An occupation as found in the imported taxonomy. */
struct demo_occ_rt {
	const struct demo_occ *d;
	bool present;
	char uri[96];
	char isco[5];
	int minor;                 /* ISCO-08 minor group (first three digits) */
	const char **ess, **ess_label, **opt, **opt_label;
	size_t ness, nopt;
};

struct demo_prog {
	int64_t id;
	int org;                   /* index into demo_gen.org */
	const struct demo_prog_def *def;
	int64_t counsellor[DEMO_MAX_STAFF];
	int ncounsellors;
};

/* The service methods every demo organisation offers (creative and artistic methods, a peer group, an employer visit,
 * one-to-one coaching); an event names one by its type (src/demo/year.c), not by chance, so that the random draws of
 * the year stay as they were. */
enum { DEMO_NMETHODS = 4 };
extern const char *const demo_method_names[DEMO_NMETHODS];

struct demo_org {
	int64_t id;
	const struct demo_org_def *def;
	int64_t coordinator, manager;
	int64_t method[DEMO_NMETHODS]; /* the service methods of demo_method_names, in that order */
};

struct demo_employer {
	int64_t id;
	int org, prog;
	unsigned sector;
	char name[120];
	char business_id[10];
	const char *municipality;
};

struct demo_vacancy {
	int64_t id;
	int org, prog, emp, occ;
	int open_day, close_day;   /* day indexes; the year is 0..DEMO_DAYS-1, today is DEMO_DAYS */
	int positions, filled;
	int fi_level;              /* Finnish level asked (1 = A1 .. 6 = C2), 0 = none */
	bool fi_required;
	int hours;
	const char *contract;
	bool filled_by_others;     /* when no client of ours fills it before it closes */
};

struct demo_client {
	int64_t id;
	int org, prog;
	int64_t counsellor;
	int64_t family_id;
	bool spouse, seasonal, pwa, highly;
	int intake_day;            /* may be before the year (a client carried over) */
	int fi, en;                /* 0 none, 1..6 A1..C2, 7 native */
	int hours_max;
	bool regulated_pending;    /* a regulated profession whose recognition is not done */
	int occ[3], nocc;          /* work history occupations */
	int target[2], ntarget;
	int own_minor[5], nown;
	const char *skills[DEMO_MAX_SKILLS];
	size_t nskills;
	bool matching, share_employer;
	int matching_withdrawn_day; /* -1 when not withdrawn */
	/* what the year did */
	int exit_day;              /* -1 while in service */
	const char *status;
	bool employed, own_field, trial_done, paused, intake_logged;
	bool lang_referral, recognition_referral, training_referral;
	int recognition;           /* index into the recognition values of the latest degree */
	int last_contact;
	const char *municipality;
};

/* A family of seasonal workers (clients.c): its adults are clients (indexes into demo_gen.cl), its children family
 * members; its settling-in plan is written after the year (settling.c), when the spouse's job is known. */
struct demo_family {
	int64_t id;
	int org, worker, spouse;   /* spouse: -1 until written */
	int nkids;
	int64_t kid[3];
	int registration, housing, daycare; /* first draws of the plan: 0 todo, 1 doing, 2-3 done */
};

struct demo_proposal {
	int client, vacancy, day;
	double score;
	const char *stage, *reason;
	bool hired;
};

struct demo_gen {
	struct store *s;
	struct err *e;
	struct demo_summary *sum;
	struct demo_rng r;
	struct arena *keep;        /* taxonomy strings and names for the whole run */
	bool failed;
	int64_t day0;              /* days since 1970-01-01 of the year's first day */
	struct demo_occ_rt *occ;
	size_t nocc;
	const char *cert_skill[5]; /* hygiene, safety card, forklift, driving, first aid: URI or NULL */
	const char *lang_skill[5]; /* Finnish x4, English */
	struct demo_org org[3];
	struct demo_prog prog[DEMO_MAX_PROG];
	int nprog;
	int64_t employer_user_employer;
	struct demo_employer *emp;
	size_t nemp;
	struct demo_vacancy *vac;
	size_t nvac;
	struct demo_client *cl;
	size_t ncl, capcl;
	struct demo_family *fam;
	size_t nfam, capfam;
	struct demo_proposal *prop;
	size_t nprop, capprop;
	int64_t course_ids[40];
	const char *course_provider[40];
	const char *course_name[40];
	int course_org[40];
	bool course_language[40];
	size_t ncourses;
	int nclients;              /* job seekers asked for */
	double days_to_job_total;
};

/* Static definitions of the three organisations and their programmes (generate.c). */
struct demo_prog_def {
	const char *name, *region, *funder, *target_groups, *place;
	const char *munis[6];
	size_t nmunis;
	unsigned sectors;
	int ncounsellors;
	double share;              /* of the job seekers */
	int nemployers;
};
struct demo_org_def {
	const char *name, *kind, *municipality, *domain;
	struct demo_prog_def prog[2];
	int nprog;
	const char *services[4];
};

/* generate.c: rows and helpers shared with the other files */
/* Records the first error (code and message) and marks the run failed; returns -1. */
int demo_fail(struct demo_gen *g, int code, const char *msg);
/* The integer the query (no parameters) returns, 0 when none; -1 with the run failed on a store error. */
int demo_count(struct demo_gen *g, const char *sql, int64_t *n);
int demo_put(struct demo_gen *g, const char *entity, int64_t org, json_t *body, int64_t *id, long *counter);
int demo_exec_update(struct demo_gen *g, const char *sql, int64_t id, const char *text, int64_t num);
/* Step step of plan (store_cohort_steps, store_settling_steps) was written on day: settled and put on its timeline as
 * the write pipeline does; -1 with the run failed on a store error. One helper for both plans' demo rows. */
struct store_step_plan;
int demo_step_written(struct demo_gen *g, const struct store_step_plan *plan, int64_t step, const char *day);
void demo_date(const struct demo_gen *g, int day, char out[11]);
/* A staff account of organisation org_id (its name and e-mail domain), with a random password, listed in the summary's
 * accounts (generate.c). */
int demo_add_user(struct demo_gen *g, int64_t org_id, const char *org_name, const char *domain, const char *role,
                  int64_t employer_id, int64_t *id);
/* The partner organisation (an education provider) and the competence centre's referrals to it (partners.c). */
int demo_partners(struct demo_gen *g, uint64_t seed);
/* info_point.c: a year of the info point's contacts per organisation, from a random stream of its own (seed). */
int demo_info_point(struct demo_gen *g, uint64_t seed);
/* employer_needs.c: the employers' needs records with their arrivals (issue 15 item 1), from a random stream of
 * their own (seed). */
int demo_employer_needs(struct demo_gen *g, uint64_t seed);
/* surveys.c: the seasonal workers' answers to the shipped seasonal-worker survey (registered before the demo's
 * transaction), from a random stream of its own (seed). */
int demo_surveys(struct demo_gen *g, uint64_t seed);
int demo_month_of(const struct demo_gen *g, int day); /* 1..12 */
const char *demo_pick(struct demo_rng *r, const char *const *v, size_t n);
void demo_ascii_slug(const char *in, char *out, size_t n);
/* Present occupations in any of the sectors; entry: -1 any, 0 not entry level, 1 entry level. Returns how many. */
size_t demo_occ_candidates(const struct demo_gen *g, unsigned sectors, int entry, int *out, size_t max);
int demo_occ_random(struct demo_gen *g, unsigned sectors, int entry);
const char *demo_cefr(int level);
void demo_phone(struct demo_gen *g, char out[24]);

/* taxonomy.c: fills g->occ, g->cert_skill and g->lang_skill from the imported taxonomy. */
int demo_load_taxonomy(struct demo_gen *g);

/* clients.c */
int demo_make_clients(struct demo_gen *g);
/* Whether an ISCO-08 minor group is one of the client's own fields (work history or targets). */
bool demo_is_own(const struct demo_client *c, int minor);

/* year.c */
int demo_simulate(struct demo_gen *g);

/* settling.c: the families' settling-in plans (steps with owners, due dates, states and their timeline), arrival
 * days and the families who left the region; after the year. */
int demo_make_settling(struct demo_gen *g);

/* cohorts.c: the Kainuu pilot's international recruitment cohort (a cohort, its members and their steps with their
 * timeline); fixed data, after the year. */
int demo_cohorts(struct demo_gen *g);
