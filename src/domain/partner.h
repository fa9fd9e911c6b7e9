/* partner: the rules of a referral across organisations (issue 15 item 2), as data: its states and who moves it
 * from one to the next, what a client is referred for, the outcomes a partner records, and the parts of the profile
 * a referral can share with the partner, field by field. No SQL, no HTTP: src/app/partner_referral.c applies them.
 *
 * The two sides: the SENDER is the client's own organisation (its counsellor refers); the PARTNER is the
 * organisation the client is referred to. Everything returned points into static tables. */
#pragma once
#include <stdbool.h>

#include "core/err.h"
#include "domain/entity.h"

enum partner_side { PARTNER_SENDER, PARTNER_RECEIVER };

enum partner_state {
	PARTNER_SENT,      /* the sender referred; the partner has not answered */
	PARTNER_ACCEPTED,  /* the partner will take the client */
	PARTNER_DECLINED,  /* the partner will not (closed) */
	PARTNER_STARTED,   /* the client started at the partner */
	PARTNER_ENDED,     /* the partner recorded how it ended (closed) */
	PARTNER_CANCELLED, /* the sender took the referral back before it started (closed) */
	PARTNER_STATE_COUNT
};
extern const char *const partner_states[PARTNER_STATE_COUNT + 1]; /* by enum, NULL-terminated */

/* PARTNER_STATE_COUNT when s names no state. */
enum partner_state partner_state_parse(const char *s);
/* Open: the partner reads what the referral shares (while the consent holds). */
bool partner_state_open(enum partner_state s);

/* Whether side may move a referral from `from` to `to`, and whether that move needs an outcome. 0, or ERR_CONFLICT
 * (key "state") saying which moves there are from `from`, or ERR_FORBIDDEN (key "side") when only the other side
 * makes that move. */
int partner_move_check(enum partner_side side, enum partner_state from, enum partner_state to, bool *needs_outcome,
                       struct err *e);

/* Whether side may make that move (the question a page asks before offering it). */
bool partner_move_allowed(enum partner_side side, enum partner_state from, enum partner_state to, bool *needs_outcome);

extern const char *const partner_purposes[]; /* what the client is referred for; NULL-terminated */
extern const char *const partner_outcomes[]; /* how it ended, recorded by the partner; NULL-terminated */
bool partner_is_purpose(const char *s);
bool partner_is_outcome(const char *s);

/* The parts of a profile a referral can share. PARTNER_PART_BASIC (name, birth year, mother tongue) always goes: a
 * partner cannot serve a person it cannot name. Work capacity, target groups (they say "partial work ability"),
 * health, family, residence permit and case notes are in no part: they never reach a partner. */
enum partner_part {
	PARTNER_PART_BASIC,
	PARTNER_PART_CONTACT,
	PARTNER_PART_LANGUAGES,
	PARTNER_PART_EDUCATION,
	PARTNER_PART_WORK_HISTORY,
	PARTNER_PART_SKILLS,
	PARTNER_PART_GOALS,
	PARTNER_PART_COUNT
};
struct partner_part_def {
	const char *name;            /* in the API and the `shared` column: "contact", "education"... */
	enum entity_id entity;       /* ENT_CLIENTS: fields of the client row; else the rows of that profile part */
	const char *const *fields;   /* the fields shared, NULL-terminated */
	enum entity_id also;         /* a second entity the part shares (goals: target occupations); ENT_COUNT none */
	const char *const *also_fields;
};
extern const struct partner_part_def partner_parts[PARTNER_PART_COUNT];
/* PARTNER_PART_COUNT when s names no part (or names "basic", which is not chosen: it always goes). */
enum partner_part partner_part_parse(const char *s);
