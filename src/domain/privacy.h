/* privacy: the GDPR rules of osaaja, as data: what a data export holds, what erasure removes and what it keeps so
 * that programme figures survive (a tombstone client row without personal data), which consents can be withdrawn on
 * their own, the erasure reason categories the audit log may name, and the retention cut-off. No SQL, no HTTP:
 * src/store/privacy_store.c turns these tables into statements and src/web/api_privacy.c into routes.
 *
 * Everything returned points into static tables or into the caller's buffers; nothing is allocated. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "domain/entity.h"

/* Who is looking at something derived from a client's data (a match, a snapshot): the client's assigned
 * counsellor, other staff of the organisation, or an employer. Fields of partial work ability reach only the first. */
enum privacy_viewer { PRIVACY_VIEWER_ASSIGNED, PRIVACY_VIEWER_STAFF, PRIVACY_VIEWER_EMPLOYER };

/* What erasure does with the rows of one entity that belong to the client. */
enum privacy_action {
	PRIVACY_DELETE,   /* the rows go (profile parts: education, work history, skills, languages, certificates...) */
	PRIVACY_SCRUB,    /* the rows stay for figures; the fields in scrub[] become NULL (free text, names) */
	PRIVACY_WITHDRAW, /* consents: kept as the record of what was agreed, every open one withdrawn today */
};

struct privacy_rule {
	const char *entity;          /* entity name in the domain table (entity_find) */
	const char *link;            /* field that holds the client id; "outcome_id" means "an outcome of the client",
	                              * "family_id" "the client's family" */
	enum privacy_action action;
	const char *const *scrub;    /* PRIVACY_SCRUB: fields set to NULL */
	bool reset_identity;         /* proposals: identity_revealed back to 0 */
};

/* The erasure and export plan, one rule per entity that holds the client's data, parents before children. */
extern const struct privacy_rule privacy_rules[];
extern const size_t privacy_rule_count;

/* Client fields a tombstone keeps (besides id, organisation_id, created_at): the ones programme figures group by.
 * Every other client field is cleared; first_name and last_name become PRIVACY_TOMBSTONE_NAME, status "closed". */
bool privacy_tombstone_keeps(const char *client_field);
#define PRIVACY_TOMBSTONE_NAME "erased"
/* What an erasure leaves of a shortlist snapshot (shortlist_items.profile): a JSON object with nothing of the
 * person, so that the row still counts in figures. */
#define PRIVACY_SNAPSHOT_ERASED "{\"erased\":true}"

/* Erasure reason categories: the audit entry names the category, never free text (which could hold personal
 * data). Returns 0 and the canonical name, or ERR_INVALID listing the categories. */
int privacy_reason_parse(const char *s, const char **out, struct err *e);
extern const char *const privacy_reasons[]; /* NULL-terminated */

/* Consent purposes that can be withdrawn on their own (matching, share_employer, share_partner). Withdrawing
 * data_processing means erasure and is refused with a message saying so. 0 or ERR_INVALID naming "purpose". */
int privacy_purpose_check(const char *purpose, struct err *e);

/* Retention: the review threshold in months (1..1200, default PRIVACY_RETENTION_DEFAULT) and the cut-off date
 * today - months (YYYY-MM-DD, the day clamped to the month's length). 0 or ERR_INVALID naming "inactive_months". */
enum { PRIVACY_RETENTION_DEFAULT = 36, PRIVACY_RETENTION_MAX = 1200, PRIVACY_BATCH_MAX = 16 };
int privacy_retention_cutoff(const char *today, long months, char out[11], struct err *e);

/* Who may export or erase a client's data: roles that may change clients in the entity table (counsellors), in
 * the client's own organisation (the caller scopes the look-up). */
bool privacy_may_manage(enum role r);
