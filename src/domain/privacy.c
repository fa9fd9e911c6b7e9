/* privacy: GDPR rules as tables (see privacy.h). */
#include "domain/privacy.h"

#include <stdio.h>
#include <string.h>

/* The event type and date stay for figures (services given); where the client was referred does not: with the
 * programme and the date it points back to the person. */
static const char *const event_scrub[] = {"summary", "notes", "referral_organisation", "referral_target", NULL};
static const char *const outcome_scrub[] = {"employer_name", "override_reason", NULL};
static const char *const followup_scrub[] = {"notes", NULL};
static const char *const proposal_scrub[] = {"reason", NULL};
/* a recruitment cohort's member: the name and notes go, the row and its steps stay for the cohort's figures */
static const char *const cohort_member_scrub[] = {"name", "notes", NULL};
/* the client's own settling-in steps: the kind, state and days stay for the family's figures; the words go (a note
 * may say anything, health included) */
static const char *const settling_scrub[] = {"title", "notes", NULL};

const struct privacy_rule privacy_rules[] = {
	{"educations", "client_id", PRIVACY_DELETE, NULL, false},
	{"work-history", "client_id", PRIVACY_DELETE, NULL, false},
	{"client-skills", "client_id", PRIVACY_DELETE, NULL, false},
	{"client-languages", "client_id", PRIVACY_DELETE, NULL, false},
	{"certificates", "client_id", PRIVACY_DELETE, NULL, false},
	{"target-occupations", "client_id", PRIVACY_DELETE, NULL, false},
	{"consents", "client_id", PRIVACY_WITHDRAW, NULL, false},
	{"service-events", "client_id", PRIVACY_SCRUB, event_scrub, false},
	{"outcomes", "client_id", PRIVACY_SCRUB, outcome_scrub, false},
	{"outcome-followups", "outcome_id", PRIVACY_SCRUB, followup_scrub, false},
	{"proposals", "client_id", PRIVACY_SCRUB, proposal_scrub, true},
	{"group-attendance", "client_id", PRIVACY_SCRUB, NULL, false},
	{"cohort-members", "client_id", PRIVACY_SCRUB, cohort_member_scrub, false},
	{"settling-steps", "client_id", PRIVACY_SCRUB, settling_scrub, false},
	/* the members of the client's family (children): exported; erased with the family when no client is left in
	 * it (privacy_store_erase), since the other parent may still be served */
	{"family-members", "family_id", PRIVACY_SCRUB, NULL, false},
};
const size_t privacy_rule_count = sizeof privacy_rules / sizeof *privacy_rules;

/* Kept for figures: the programme (funders count participants and outcomes per programme) and the intake date
 * (time to employment). Nothing else: target groups say, among others, "partial_work_ability" (health data) and
 * with the programme and the intake date they single a person out of a small group; gender, birth year, languages,
 * nationality and municipality likewise point back to the person. Figures per target group therefore no longer
 * count an erased client. */
static const char *const tombstone_keeps[] = {"programme_id", "intake_on", NULL};

bool privacy_tombstone_keeps(const char *client_field)
{
	for (size_t i = 0; tombstone_keeps[i]; i++)
		if (strcmp(tombstone_keeps[i], client_field) == 0)
			return true;
	return false;
}

const char *const privacy_reasons[] = {"client_request", "retention", "consent_withdrawn", "unlawful_processing",
                                       "legal_obligation", NULL};

int privacy_reason_parse(const char *s, const char **out, struct err *e)
{
	for (size_t i = 0; s && privacy_reasons[i]; i++) {
		if (strcmp(privacy_reasons[i], s) == 0) {
			*out = privacy_reasons[i];
			return 0;
		}
	}
	return err_set(e, ERR_INVALID, "reason",
	               "reason must be one of client_request, retention, consent_withdrawn, unlawful_processing, "
	               "legal_obligation (the audit log keeps the category, never free text)");
}

int privacy_purpose_check(const char *purpose, struct err *e)
{
	static const char *const withdrawable[] = {"matching", "share_employer", "share_partner", NULL};
	for (size_t i = 0; purpose && withdrawable[i]; i++)
		if (strcmp(withdrawable[i], purpose) == 0)
			return 0;
	if (purpose && strcmp(purpose, "data_processing") == 0)
		return err_set(e, ERR_INVALID, "purpose",
		               "withdrawing consent to data processing means erasure: use POST /api/v1/clients/{id}/erase");
	return err_set(e, ERR_INVALID, "purpose", "purpose must be matching, share_employer or share_partner");
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int privacy_retention_cutoff(const char *today, long months, char out[11], struct err *e)
{
	if (months < 1 || months > PRIVACY_RETENTION_MAX)
		return err_set(e, ERR_INVALID, "inactive_months", "inactive_months must be a whole number from 1 to %d",
		               PRIVACY_RETENTION_MAX);
	int y, m, d;
	if (!today || strlen(today) != 10 || sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
	    d > 31)
		return err_set(e, ERR_INTERNAL, "", "bad date for today");
	long total = (long)y * 12 + (m - 1) - months;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m);
	if (y < 1 || y > 9999)
		return err_set(e, ERR_INVALID, "inactive_months", "inactive_months reaches before year 1");
	char tmp[32]; /* wide enough for any int, so the compiler sees no truncation */
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = 0;
	return 0;
}

bool privacy_may_manage(enum role r)
{
	const struct entity_def *c = entity_get(ENT_CLIENTS);
	return c && (unsigned)r < ROLE_COUNT && c->access[r] >= ACC_WRITE;
}
