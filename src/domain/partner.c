/* partner: the rules of a referral across organisations (see partner.h). */
#include "domain/partner.h"

#include <stdio.h>
#include <string.h>

const char *const partner_states[PARTNER_STATE_COUNT + 1] = {
	[PARTNER_SENT] = "sent",       [PARTNER_ACCEPTED] = "accepted", [PARTNER_DECLINED] = "declined",
	[PARTNER_STARTED] = "started", [PARTNER_ENDED] = "ended",       [PARTNER_CANCELLED] = "cancelled",
	[PARTNER_STATE_COUNT] = NULL,
};

enum partner_state partner_state_parse(const char *s)
{
	for (int i = 0; s && i < PARTNER_STATE_COUNT; i++)
		if (strcmp(partner_states[i], s) == 0)
			return (enum partner_state)i;
	return PARTNER_STATE_COUNT;
}

bool partner_state_open(enum partner_state s)
{
	return s == PARTNER_SENT || s == PARTNER_ACCEPTED || s == PARTNER_STARTED;
}

/* Every move there is. The partner answers, starts and ends; the sender can take the referral back until the client
 * has started (after that, only the partner knows how it went). */
static const struct {
	enum partner_state from, to;
	enum partner_side side;
	bool outcome;
} moves[] = {
	{PARTNER_SENT, PARTNER_ACCEPTED, PARTNER_RECEIVER, false},
	{PARTNER_SENT, PARTNER_DECLINED, PARTNER_RECEIVER, false},
	{PARTNER_SENT, PARTNER_CANCELLED, PARTNER_SENDER, false},
	{PARTNER_ACCEPTED, PARTNER_STARTED, PARTNER_RECEIVER, false},
	{PARTNER_ACCEPTED, PARTNER_ENDED, PARTNER_RECEIVER, true},
	{PARTNER_ACCEPTED, PARTNER_CANCELLED, PARTNER_SENDER, false},
	{PARTNER_STARTED, PARTNER_ENDED, PARTNER_RECEIVER, true},
};

int partner_move_check(enum partner_side side, enum partner_state from, enum partner_state to, bool *needs_outcome,
                       struct err *e)
{
	*needs_outcome = false;
	char next[80] = "";
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++) {
		if (moves[i].from != from)
			continue;
		if (moves[i].to == to) {
			if (moves[i].side != side)
				return err_key(e, ERR_FORBIDDEN, "state", "side",
				               side == PARTNER_SENDER
				                   ? "only the partner organisation moves a referral to '%s'"
				                   : "only the referring organisation moves a referral to '%s'",
				               partner_states[to]);
			*needs_outcome = moves[i].outcome;
			return 0;
		}
		if (moves[i].side == side) {
			size_t n = strlen(next);
			snprintf(next + n, sizeof next - n, "%s%s", n ? ", " : "", partner_states[moves[i].to]);
		}
	}
	if (!*next)
		return err_key(e, ERR_CONFLICT, "state", "state", "the referral is %s: it does not change any more",
		               partner_states[from]);
	return err_key(e, ERR_CONFLICT, "state", "state", "the referral is %s: from there it can be moved to %s",
	               partner_states[from], next);
}

bool partner_move_allowed(enum partner_side side, enum partner_state from, enum partner_state to, bool *needs_outcome)
{
	*needs_outcome = false;
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++)
		if (moves[i].from == from && moves[i].to == to && moves[i].side == side) {
			*needs_outcome = moves[i].outcome;
			return true;
		}
	return false;
}

const char *const partner_purposes[] = {"education", "language_training", "integration_services", "recruitment",
                                        "work_trial", "peer_support", "other", NULL};
const char *const partner_outcomes[] = {"completed", "studying", "employed", "interrupted", "did_not_start",
                                        "other", NULL};

static bool in_list(const char *const *l, const char *s)
{
	for (size_t i = 0; s && l[i]; i++)
		if (strcmp(l[i], s) == 0)
			return true;
	return false;
}
bool partner_is_purpose(const char *s)
{
	return in_list(partner_purposes, s);
}
bool partner_is_outcome(const char *s)
{
	return in_list(partner_outcomes, s);
}

/* Field by field, what each part shares. A field not named here never reaches a partner. */
static const char *const basic_f[] = {"first_name", "last_name", "birth_year", "mother_tongue", NULL};
static const char *const contact_f[] = {"email", "phone", "municipality", NULL};
static const char *const language_f[] = {"language", "level", "assessed_on", NULL};
static const char *const education_f[] = {"isced_level", "isced_field", "degree_title", "institution", "country",
                                          "completed_year", "recognition", NULL};
static const char *const work_f[] = {"esco_occupation", "isco_code", "title", "employer_name", "country",
                                     "start_year", "end_year", "years", NULL};
static const char *const skill_f[] = {"esco_skill", "label", "evidence", "level", NULL};
static const char *const goal_f[] = {"career_goals", "strengths", "available_from", NULL};
static const char *const target_f[] = {"esco_occupation", "isco_code", "title", NULL};

const struct partner_part_def partner_parts[PARTNER_PART_COUNT] = {
	[PARTNER_PART_BASIC] = {"basic", ENT_CLIENTS, basic_f, ENT_COUNT, NULL},
	[PARTNER_PART_CONTACT] = {"contact", ENT_CLIENTS, contact_f, ENT_COUNT, NULL},
	[PARTNER_PART_LANGUAGES] = {"languages", ENT_CLIENT_LANGUAGES, language_f, ENT_COUNT, NULL},
	[PARTNER_PART_EDUCATION] = {"education", ENT_EDUCATIONS, education_f, ENT_COUNT, NULL},
	[PARTNER_PART_WORK_HISTORY] = {"work_history", ENT_WORK_HISTORY, work_f, ENT_COUNT, NULL},
	[PARTNER_PART_SKILLS] = {"skills", ENT_CLIENT_SKILLS, skill_f, ENT_COUNT, NULL},
	[PARTNER_PART_GOALS] = {"goals", ENT_CLIENTS, goal_f, ENT_TARGET_OCCUPATIONS, target_f},
};

enum partner_part partner_part_parse(const char *s)
{
	for (int i = PARTNER_PART_CONTACT; s && i < PARTNER_PART_COUNT; i++)
		if (strcmp(partner_parts[i].name, s) == 0)
			return (enum partner_part)i;
	return PARTNER_PART_COUNT;
}
