/* demo: fills an empty database with a realistic demo data set — three organisations and their programmes, staff,
 * a few hundred clients with competence profiles, employers, vacancies, courses and a year of service activity whose
 * outcomes come out of a simulation (monthly chances of a job that depend on the client's profile), not out of
 * written-down figures.
 *
 * Everything is drawn from one seeded generator (xoshiro256**), so the same seed, the same "today" and the same
 * imported taxonomy give the same rows; only the demo passwords (random, shown once) and their hashes differ between
 * runs. Dates are placed relative to "today": the simulated year is the 365 days before it.
 *
 * The ESCO taxonomy must be imported first (tax_concepts, tax_relations); occupations and skills are read from there.
 * All rows are written in one transaction: on any failure nothing is left behind.
 *
 * Ownership: struct demo_summary is the caller's; demo_generate fills it, nothing in it needs freeing. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum { DEMO_MAX_ACCOUNTS = 32, DEMO_DEFAULT_CLIENTS = 870, DEMO_MAX_CLIENTS = 2000 };

struct demo_options {
	uint64_t seed;
	const char *today;  /* YYYY-MM-DD, the end of the simulated year; NULL = today (UTC) */
	int clients;        /* job seekers to create, 30..DEMO_MAX_CLIENTS; 0 = DEMO_DEFAULT_CLIENTS */
	bool force;         /* accept a database that already has organisations or users (never one with clients) */
};

struct demo_account {
	char role[16];
	char organisation[128];
	char email[96];
	char password[48];
};

struct demo_summary {
	struct demo_account accounts[DEMO_MAX_ACCOUNTS];
	size_t naccounts;
	/* rows written */
	long organisations, programmes, users, families, clients, children, educations, work_history, client_skills,
		client_languages, certificates, target_occupations, consents, employers, employer_contacts,
		employer_services, vacancies, vacancy_skills, vacancy_languages, vacancy_licences, proposals, service_events,
		group_events, attendance, outcomes, followups, courses, course_skills, info_contacts, settling_steps, survey_responses;
	/* what the simulated year produced (job seekers only; children are not counted) */
	long served;             /* clients in service at some time during the year */
	long employed;           /* of those, clients with an 'employed' outcome starting in the year */
	long employed_own_field; /* of those, the job's ISCO minor group is one of the client's own (work history, targets) */
	long employed_matches;   /* of those, matches_competence by the project's rule (docs/outcomes.md) */
	long education, work_trials, moved;
	double mean_days_to_job; /* from intake (or the start of the year) to the job's start */
	char first_day[11], last_day[11]; /* the simulated year */
};

/* Generates the demo into s (already migrated). Refuses (ERR_CONFLICT) when the database has clients, or — unless
 * o->force — organisations or users; fails with ERR_INVALID when the taxonomy is not imported. */
int demo_generate(struct store *s, const struct demo_options *o, struct demo_summary *out, struct err *e);

/* The Finnish business ID (Y-tunnus) check digit for the seven digits d7, or -1 when no valid ID has them. */
int demo_business_id_check(const char d7[7]);
