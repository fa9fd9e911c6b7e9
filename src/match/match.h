/* match: competence matching on ESCO. An in-memory inverted index (skill -> compact postings of record slots) over
 * job seekers (clients) and open vacancies answers "best vacancies for this client" and "best clients for this
 * vacancy", each result with its explanation. The store stays the truth; the index is a cache that the process keeps
 * current by calling match_index_refresh_* (or the lower-level upserts) after every write. `osaaja serve` holds one
 * live index that does this by itself from the change notes (match/live.h).
 *
 * Scoring is documented in docs/matching.md ("Scoring since issue 17"); in short, for a pair with at least one shared
 * skill: score = 100 * (0.8 * skill + 0.2 * occupation) * education_fit * language_fit, skill the cosine of the two
 * records' idf * weight vectors, occupation 1 for the same ESCO occupation, 0.2 same unit group, 0.05 minor group.
 *
 * Threads: one struct match_index may be shared by any number of threads; queries take a read lock, updates a write
 * lock. A struct match_scratch belongs to one thread at a time.
 * Ownership: the index owns its records; match_index_free releases everything. Query results live entirely in the
 * arena the caller passes (strings are copied), so they stay valid after later index updates, until arena_free.
 * match_result_write_json appends to the caller's buffer. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/privacy.h"

struct arena;
struct store;
struct match_index;
struct match_scratch;

/* Ceilings: every list the index accepts or returns is bounded. */
enum {
	MATCH_MAX_SKILLS = 2000,    /* per client or vacancy (after adding occupation skills) */
	MATCH_MAX_LANGS = 32,
	MATCH_MAX_ISCO = 64,
	MATCH_MAX_LICENCES = 64,
	MATCH_MAX_LIMIT = 1000,     /* results per query */
	MATCH_MAX_MISSING = 50,     /* missing essential skills listed per result */
	MATCH_MAX_COURSES = 5,      /* courses suggested per missing skill */
	MATCH_MAX_ORGS = 4096,      /* organisations in one query's scope */
};

/* Skill weights are in eighths (1..8), so 8 = 1.0. */
enum {
	MATCH_W_DIRECT = 8,        /* client skill seen by a counsellor or from a credential; a certificate's skill */
	MATCH_W_SELF = 6,          /* client skill self-declared */
	MATCH_W_IMPLIED = 1,       /* client skill implied by a work-history occupation (ESCO essential skill) */
	MATCH_W_REQUIRED = 8,      /* vacancy required skill */
	MATCH_W_OPTIONAL = 4,      /* vacancy optional skill */
	MATCH_W_OCC_ESSENTIAL = 4, /* essential skill of the vacancy's ESCO occupation, not listed by the employer */
};

/* Hard requirements: bits of match_item.hard_checked / hard_failed. */
enum match_hard {
	MATCH_HARD_LANGUAGE = 1 << 0, /* a required language at a minimum CEFR level */
	MATCH_HARD_LICENCE = 1 << 1,  /* a licence or card the vacancy names */
	MATCH_HARD_PERMIT = 1 << 2,   /* a valid residence permit (or EU citizenship) */
	MATCH_HARD_HOURS = 1 << 3,    /* client's maximum weekly hours >= vacancy hours */
	MATCH_HARD_PHYSICAL = 1 << 4, /* client's physical capacity >= vacancy's physical load */
	/* What a viewer who may not read work capacity sees instead of HOURS and PHYSICAL: "not available for this
	 * vacancy", without saying why (match_item_redact). The scorer never sets it. */
	MATCH_HARD_AVAILABILITY = 1 << 5,
};
#define MATCH_HARD_ALL 31u /* the checks the scorer makes */
#define MATCH_HARD_LAST MATCH_HARD_AVAILABILITY
/* The checks computed from partial-work-ability data (work_hours_max, physical_load). */
#define MATCH_HARD_CAPACITY ((unsigned)(MATCH_HARD_HOURS | MATCH_HARD_PHYSICAL))

/* Physical load, as capacity (client) or demand (vacancy); 0 = not recorded (not checked). */
enum match_load { MATCH_LOAD_UNKNOWN, MATCH_LOAD_SEATED, MATCH_LOAD_LIGHT, MATCH_LOAD_MODERATE, MATCH_LOAD_NO_LIMIT };

struct match_skill {
	uint32_t concept;  /* tax_concepts.id of the ESCO skill */
	uint8_t weight;    /* eighths, 1..8 */
	uint8_t essential; /* vacancies: required, or essential for its occupation; listed as missing when absent */
};

struct match_lang {
	char code[8];     /* ISO 639-1, e.g. "fi" */
	uint8_t level;    /* 1..6 = A1..C2, 7 = native */
	uint8_t required; /* vacancies: a hard requirement (else a wish that lowers the score a little) */
};

struct match_client_input {
	int64_t id, organisation_id;
	bool consent; /* 'matching' consent as of today (privacy_consent_row); without it the client is never a result */
	char recheck_on[11]; /* the first day after today on which what was read may change without a write (a consent
	                      * dated later starts, a withdrawal dated later takes effect); "" none (match_index_recheck) */
	const struct match_skill *skills;
	size_t nskills;
	const struct match_lang *langs;
	size_t nlangs;
	const int16_t *isco; /* 4-digit ISCO-08 codes of work history and target occupations */
	size_t nisco;
	const uint32_t *occupations; /* tax_concepts.id of the ESCO occupations of work history and targets (coded) */
	size_t noccupations;
	const char *const *licences; /* "kind:name" of valid certificates, compared case-insensitively */
	size_t nlicences;
	uint8_t isced_level;   /* highest ISCED 2011 level completed, 0 none */
	bool permit_ok;        /* may work in Finland: EU citizen or a residence permit that has not expired */
	uint8_t hours_max;     /* weekly hours the client can work, 0 = not limited */
	uint8_t physical;      /* enum match_load */
	bool not_seeking;      /* employed, in education or closed: left out of vacancy matches unless asked for */
};

struct match_vacancy_input {
	int64_t id, organisation_id;
	const struct match_skill *skills;
	size_t nskills;
	const struct match_lang *langs;
	size_t nlangs;
	const char *const *licences; /* "kind:name" */
	size_t nlicences;
	int16_t isco;         /* 4-digit ISCO-08 code, -1 unknown */
	uint32_t occupation;  /* tax_concepts.id of its ESCO occupation, 0 unknown */
	uint8_t isced_min;    /* minimum ISCED level, 0 = none */
	bool permit_required;
	uint8_t hours;        /* weekly hours, 0 = not stated */
	uint8_t physical;     /* enum match_load */
};

struct match_load_options {
	const char *lang;  /* label language for explanations; default "en" (falls back to "en") */
	const char *today; /* YYYY-MM-DD for consent, permit and certificate expiry; default: today (UTC) */
};

/* --- the index --- */
struct match_index *match_index_new(void); /* NULL when out of memory */
void match_index_free(struct match_index *idx);

/* Builds a new index from the store: concepts (URIs, labels, ISCO codes, ESCO essential skills), courses, every
 * client that is not archived and every open vacancy. opt may be NULL. */
int match_index_load(struct store *s, const struct match_load_options *opt, struct match_index **out, struct err *e);

/* Re-reads one record from the store and upserts it, or removes it when it is gone, archived, or (vacancies) no longer
 * open. Call after every write that touches a client's profile, consents or a vacancy. Needs concepts from
 * match_index_load (URIs not yet known are skipped, as in load). */
int match_index_refresh_client(struct match_index *idx, struct store *s, int64_t client_id, struct err *e);
int match_index_refresh_vacancy(struct match_index *idx, struct store *s, int64_t vacancy_id, struct err *e);
int match_index_refresh_course(struct match_index *idx, struct store *s, int64_t course_id, struct err *e);
/* A client's consent can change at midnight without any write (a consent dated in the future starts, a withdrawal
 * dated in the future takes effect). Each client keeps the day its answer may change (recheck_on); this re-reads,
 * as match_index_refresh_client does, every client due by day (YYYY-MM-DD; NULL: today, UTC). Cheap when none is
 * due (one comparison under the read lock), so a query can call it first. 0, or an ERR_* code (a client that could
 * not be read stays due). */
int match_index_recheck(struct match_index *idx, struct store *s, const char *day, struct err *e);

/* Lower-level updates (also what the refresh functions use). Inputs are copied; ERR_TOO_BIG over a ceiling. */
int match_index_upsert_client(struct match_index *idx, const struct match_client_input *c, struct err *e);
int match_index_remove_client(struct match_index *idx, int64_t client_id);     /* 0, or ERR_NOT_FOUND */
int match_index_upsert_vacancy(struct match_index *idx, const struct match_vacancy_input *v, struct err *e);
int match_index_remove_vacancy(struct match_index *idx, int64_t vacancy_id);   /* 0, or ERR_NOT_FOUND */
int match_index_upsert_course(struct match_index *idx, int64_t course_id, const char *name, const uint32_t *skills,
                              size_t nskills, struct err *e);
int match_index_remove_course(struct match_index *idx, int64_t course_id);
/* Names a concept for explanations (match_index_load does this for every tax_concepts row). */
int match_index_set_concept(struct match_index *idx, uint32_t concept, const char *uri, const char *label,
                            struct err *e);

/* Recomputes skill rarity (IDF) over the current population and every record's normaliser (with rarity fixed by
 * match_index_fix_idf: only the normalisers). Updates do this by themselves when the population has drifted by more
 * than 1/8 since the last time (never with fixed rarity); between such refreshes a new skill counts as the rarest. */
void match_index_refresh_idf(struct match_index *idx);
/* Fixes rarity to a reference collection instead of the population: idf(s) = ln(1 + total / df(s)) for each listed
 * concept, ln(1 + total) for every other. match_index_load calls it with the taxonomy's occupations (df: how many
 * occupations list the skill, essential or optional), so that rarity depends only on the taxonomy: a live index and
 * one loaded afresh from the same store score alike, and updates never recompute rarity. 0, or ERR_UNAVAILABLE. */
int match_index_fix_idf(struct match_index *idx, const uint32_t *concepts, const uint32_t *df, size_t n,
                        uint64_t total, struct err *e);
/* Bulk loading: while on, updates neither refresh rarity nor keep the posting lists in the order the pruned queries
 * use (queries stay exact, only slower); turning it off refreshes rarity and orders every list once. */
void match_index_bulk(struct match_index *idx, bool on);

struct match_stats {
	size_t clients, vacancies, postings, bytes; /* bytes: memory the index holds (approximate, from its arrays) */
};
void match_index_stats(struct match_index *idx, struct match_stats *out);
/* Current IDF of a concept (for tests and explanations). */
double match_index_idf(struct match_index *idx, uint32_t concept);

/* --- queries --- */
/* MATCH_Q_EXHAUSTIVE: score every pair that shares a skill instead of pruning (the same results; for tests and
 * benchmarks that check the pruning). */
/* MATCH_Q_ALL_CLIENTS: also clients who are not seeking work now (employed, in education, closed). */
enum {
	MATCH_Q_FILTER_HARD = 1 << 0,
	MATCH_Q_NO_EXPLAIN = 1 << 1,
	MATCH_Q_EXHAUSTIVE = 1 << 2,
	MATCH_Q_ALL_CLIENTS = 1 << 3,
	MATCH_Q_PRUNE = 1 << 4, /* client queries: the pruned search (the same results; for tests and benchmarks) */
};

struct match_query {
	const int64_t *orgs; /* organisations in scope; only their clients and vacancies are results */
	size_t norgs;
	size_t limit;        /* 0 = 20; at most MATCH_MAX_LIMIT */
	unsigned flags;      /* MATCH_Q_*: filter on hard requirements (else show them as gaps); skip explanations */
	struct match_scratch *scratch; /* optional per-thread buffers, reused across queries; NULL allocates per call */
	const char *lang; /* labels in this language ("fi", "sv", "en"; match_result_set_lang), NULL: the load language */
};

struct match_scratch *match_scratch_new(void);
void match_scratch_free(struct match_scratch *sc);

struct match_course {
	int64_t id;
	const char *name;
};

struct match_skill_hit {
	uint32_t concept;
	const char *uri, *label;  /* NULL when the index has no name for the concept */
	double idf;
	double contribution;      /* idf * client weight * vacancy weight / sqrt(client norm * vacancy norm); they sum to
	                           * `skill` */
	uint8_t client_weight, vacancy_weight; /* eighths */
	const char *label_lang;   /* the language label is in ("en" where the wanted one had none); NULL: load language */
};

struct match_missing_skill {
	uint32_t concept;
	const char *uri, *label;
	double idf;
	struct match_course *courses; /* catalogue courses that teach it */
	size_t ncourses;
	const char *label_lang;   /* as in match_skill_hit */
};

struct match_lang_gap {
	char language[8];
	uint8_t required_level, client_level; /* 0 = none, 1..6 = A1..C2, 7 = native */
	bool required;
};

struct match_item {
	int64_t id;              /* the vacancy (client query) or the client (vacancy query) */
	int64_t organisation_id;
	double score;            /* 0..100 */
	double skill, occupation, education_fit, language_fit;
	double coverage;         /* share of the vacancy's rarity-weighted skill need (sum of idf * w_v) that the client
	                          * covers, with the client's weights, 0..1; not shown yet (pages show `skill`) */
	int isco_digits;         /* leading ISCO-08 digits shared: 4, 3, 2, 1 or 0 */
	bool same_occupation;    /* the vacancy's ESCO occupation is one of the client's (then isco_digits is 4) */
	unsigned hard_checked;   /* MATCH_HARD_* that the vacancy asks for and could be checked */
	unsigned hard_failed;    /* of those, the ones the client does not meet */
	struct match_skill_hit *matched;
	size_t nmatched;
	struct match_missing_skill *missing;
	size_t nmissing;
	struct match_lang_gap *lang_gaps;
	size_t nlang_gaps;
	const char **missing_licences;
	size_t nmissing_licences;
};

enum match_subject { MATCH_FOR_CLIENT, MATCH_FOR_VACANCY };

struct match_result {
	enum match_subject subject;
	int64_t subject_id;
	size_t candidates;     /* pairs scored in full: shared a skill, in scope, and could still reach the list */
	size_t filtered;       /* of those, dropped by MATCH_Q_FILTER_HARD */
	struct match_item *items; /* best first; ties by lower id */
	size_t nitems;
};

/* Best vacancies for a client. ERR_NOT_FOUND when the client is not in the index or not in the query's organisations,
 * ERR_FORBIDDEN when the client has not consented to matching, ERR_UNAVAILABLE when out of memory. */
int match_for_client(struct match_index *idx, int64_t client_id, const struct match_query *q, struct arena *a,
                     struct match_result **out, struct err *e);
/* Best clients for a vacancy (only clients who consented). ERR_NOT_FOUND as above. */
int match_for_vacancy(struct match_index *idx, int64_t vacancy_id, const struct match_query *q, struct arena *a,
                      struct match_result **out, struct err *e);

/* The one rule for what a match tells about a client's work capacity (DESIGN: privacy per field). The assigned
 * counsellor (PRIVACY_VIEWER_ASSIGNED) reads every check. Other staff (PRIVACY_VIEWER_STAFF) read the hours and
 * physical-load checks only folded into MATCH_HARD_AVAILABILITY ("not available for this vacancy"), so that editing
 * a vacancy's hours and matching again tells nothing about a client's limits. An employer (PRIVACY_VIEWER_EMPLOYER)
 * reads only the job-relevant checks (language, licence): no capacity, no availability, no residence permit.
 * Every path that shows a match item to a person calls this first; match_hard_visible says the same for names. */
void match_item_redact(struct match_item *it, enum privacy_viewer viewer);
bool match_hard_visible(const char *name, enum privacy_viewer viewer);

/* Puts every label of r in lang ("fi", "sv" or "en"), each skill falling back to English where the taxonomy has no
 * label in lang (label_lang says which). Copies into a. 0, or -1 when out of memory; an unknown lang leaves r as it
 * is. match_live_query calls it when the query names a language. */
int match_result_set_lang(struct match_index *idx, struct match_result *r, const char *lang, struct arena *a);

/* --- reading a score (docs/matching.md "Reading a score") --- */
/* The calibrated score people read: 100 * (1 - exp(-raw / 50)) / (1 - exp(-2)), monotone, 0 -> 0 and 100 -> 100
 * (refitted for the cosine skill part of issue 17, docs/matching.md). The raw score stays the one that ranks. */
double match_score_calibrated(double raw);

/* The raw score as additive points: skills (80 * skill) + occupation (20 * occupation) - what a short education and
 * missing language levels take off; they sum to the score. limits_*: hard requirements (after match_item_redact). */
struct match_breakdown {
	double skills, occupation, education, language;
	int limits_checked, limits_failed;
};
void match_item_breakdown(const struct match_item *it, struct match_breakdown *out);

/* The hard requirements a client does not meet, as its reader sees them (call after match_item_redact): one entry
 * per required language below its level (lang), per licence or card missing (licence), and per other failed check
 * (permit, hours, physical load, availability). A failed language or licence check with nothing listed behind it
 * still counts once. Writes at most max entries to out (out may be NULL when max is 0) and returns how many there
 * are in all: the count a page shows is this list's length, so the two cannot disagree. */
struct match_unmet {
	unsigned check;                    /* MATCH_HARD_* */
	const struct match_lang_gap *lang; /* MATCH_HARD_LANGUAGE: the gap, or NULL */
	const char *licence;               /* MATCH_HARD_LICENCE: "kind:name" as the vacancy wrote it, or NULL */
};
size_t match_item_unmet(const struct match_item *it, struct match_unmet *out, size_t max);

/* What a match is called in words. A client who does not meet a hard requirement is never "a good match", however
 * high the score: MATCH_VERDICT_UNMET comes before the score bands (calibrated 70+ good, 40+ fair, else weak). */
enum match_verdict { MATCH_VERDICT_GOOD, MATCH_VERDICT_FAIR, MATCH_VERDICT_WEAK, MATCH_VERDICT_UNMET };
enum match_verdict match_item_verdict(const struct match_item *it);
const char *match_verdict_name(enum match_verdict v); /* "good", "fair", "weak", "unmet" */

/* The label of the concept uri in lang ("fi", "sv" or "en"), English where the taxonomy has none in lang
 * (*label_lang says which), copied into a. 0 with *label NULL when the index does not know the concept or lang;
 * -1 when out of memory. The same look-up match_result_set_lang makes, for a stored label (a shortlist snapshot). */
int match_concept_label(struct match_index *idx, const char *uri, const char *lang, struct arena *a,
                        const char **label, const char **label_lang);

/* The reasons to show first, strongest first: how much of the need the skills cover, the occupation, the strongest
 * shared skills, the languages and the requirements met. Computed from the item as redacted for its reader. */
enum match_reason_kind {
	MATCH_REASON_COVERAGE,   /* value: the skill part in percent (the same number as the breakdown's skills bar;
	                          * since issue 17 a cosine, not a share: match_item.coverage is the share) */
	MATCH_REASON_OCCUPATION, /* value: leading ISCO digits shared (1..4) */
	MATCH_REASON_SKILL,      /* skill: one of the strongest shared skills */
	MATCH_REASON_LANGUAGE,   /* every language level the vacancy asks for is met */
	MATCH_REASON_LIMITS,     /* value: hard requirements checked, all met */
};
struct match_reason {
	enum match_reason_kind kind;
	int value;
	const struct match_skill_hit *skill;
};
enum { MATCH_MAX_REASONS = 5 };
size_t match_item_reasons(const struct match_item *it, struct match_reason *out, size_t max);
const char *match_reason_name(enum match_reason_kind k); /* "coverage", "occupation", "skill", ... */

/* The result as the JSON the API serves (see docs/matching.md), compact, appended to out; with a "lang" member last
 * when lang is not NULL. 0, or -1 when out of memory or over the buffer's ceiling (out->failed). */
struct buf;
int match_result_write_json(const struct match_result *r, const char *lang, struct buf *out);

/* --- helpers for callers that read raw fields --- */
int match_cefr_level(const char *s);        /* "A1".."C2" -> 1..6, "native" -> 7, else 0 */
const char *match_cefr_name(int level);     /* inverse; "" for 0 */
int match_physical_load(const char *s);     /* entities' physical_load values -> enum match_load */
int16_t match_isco4(const char *code);      /* first 4 digits of an ISCO-08 / ESCO code, -1 when fewer */
const char *match_hard_name(unsigned bit);  /* "language", "licence", ... */
