/* outcome: the "matches competence" rule for an employment outcome (the rule, its mapping table and its reasons are
 * documented in docs/outcomes.md). A pure function over plain structs: no SQL, no HTTP, no allocation; the caller
 * (src/report/competence.c) reads the client's profile and the job from the store.
 *
 * Ownership: every pointer in the structs below belongs to the caller and is only read during the call. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

enum outcome_match {
	OUTCOME_MATCH_UNKNOWN = -1, /* not decidable (not an employment, or no occupation and no skills) -> NULL */
	OUTCOME_MATCH_NO = 0,
	OUTCOME_MATCH_YES = 1,
};

enum outcome_reason {
	OUTCOME_R_NOT_EMPLOYMENT,     /* type is not 'employed': the rule does not apply */
	OUTCOME_R_NO_OCCUPATION,      /* the job has no ISCO code and no known essential skills */
	OUTCOME_R_TERTIARY_OCCUPATION,/* ISCED >= 6, job in ISCO 1-3, same sub-major group as a previous/target job */
	OUTCOME_R_TERTIARY_FIELD,     /* ISCED >= 6, job in ISCO 1-3, sub-major group usual for the degree's field */
	OUTCOME_R_TERTIARY_SKILLS,    /* ISCED >= 6, job in ISCO 1-3, enough essential-skill overlap */
	OUTCOME_R_TERTIARY_BELOW,     /* ISCED >= 6 and the job is outside ISCO major groups 1-3 */
	OUTCOME_R_TERTIARY_UNRELATED, /* ISCED >= 6, job in ISCO 1-3 but in no related field */
	OUTCOME_R_SAME_MINOR,         /* same ISCO minor group (3 digits) as a previous or target occupation */
	OUTCOME_R_VOCATIONAL_FIELD,   /* ISCED 3-5 with a field, job in ISCO 3-8 in a sub-major group usual for it */
	OUTCOME_R_SKILLS,             /* enough essential-skill overlap */
	OUTCOME_R_UNRELATED,          /* none of the above */
	OUTCOME_R_COUNT
};

enum { OUTCOME_ISCO_MAX = 5 }; /* 4 digits + NUL */

struct outcome_education {
	int isced_level;    /* ISCED 2011 level 0-8 */
	const char *field;  /* ISCED-F 2013 code (2-4 digits) or NULL */
};

struct outcome_profile {
	const struct outcome_education *edu;
	size_t nedu;
	const char *const *previous; /* ISCO-08 codes (1-4 digits) of work history; NULL entries are skipped */
	size_t nprevious;
	const char *const *targets;  /* ISCO-08 codes of target occupations */
	size_t ntargets;
	const char *const *skills;   /* ESCO skill URIs the client has (skills, certificates) */
	size_t nskills;
};

struct outcome_job {
	const char *type;      /* outcome type: only "employed" is judged */
	const char *isco;      /* ISCO-08 code of the job (1-4 digits) or NULL */
	const char *const *essential; /* ESCO essential skill URIs of the job's occupation (may be none) */
	size_t nessential;
};

struct outcome_verdict {
	enum outcome_match match;
	enum outcome_reason reason;
	size_t skills_matched; /* essential skills of the job the client has */
};

/* Applies the rule. Never fails: missing data gives OUTCOME_MATCH_UNKNOWN or NO with the reason. */
struct outcome_verdict outcome_matches_competence(const struct outcome_profile *p, const struct outcome_job *j);
/* Stable name of a reason, e.g. "same_minor_group" (used in tests and docs). */
const char *outcome_reason_name(enum outcome_reason r);
/* The final value the figures use: the counsellor's override when set, else the derived value (-1 = NULL). */
int outcome_final_match(int derived, int override);
/* Checks the override pair: a set override needs a reason. 0, or -1 when the reason is missing or blank. */
int outcome_check_override(bool override_set, const char *reason);
/* ISCO sub-major groups (2 digits, as ints 10..99) usual for an ISCED-F field code; writes up to max, returns how
 * many (0 when the field is unknown). Narrow (3-digit) rows win over broad (2-digit) ones. */
size_t outcome_field_submajors(const char *isced_field, int *out, size_t max);

/* Follow-ups of an employment: checks at 3, 6 and 12 months after its start (docs/outcomes.md, "Follow-ups"). */
enum { OUTCOME_FOLLOWUP_EARLY_DAYS = 14 }; /* a check may be made up to two weeks before its month comes */
/* Whether months is a follow-up the service makes (3, 6 or 12). */
bool outcome_followup_months(long months);
/* The day a check at months after starts_on (YYYY-MM-DD) falls due, and the earliest day it may be recorded, into
 * due[11] and earliest[11] (either may be NULL). False when starts_on is not a date. The month's last day stands in
 * for a day it lacks (31 January + 1 month = 28 or 29 February). */
bool outcome_followup_dates(const char *starts_on, long months, char due[11], char earliest[11]);
