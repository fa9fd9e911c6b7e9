/* privacy_store: the statements behind the GDPR rules of src/domain/privacy.h: a client's full export, erasure in
 * the caller's transaction, consent withdrawal, and the retention review list. SQL text is built only from the
 * static entity and privacy tables; every value is a bound parameter; neutral dialect (see store.h).
 *
 * Every function scopes to org_id (the client must belong to it; ERR_NOT_FOUND otherwise) and must run inside a
 * transaction the caller opened and commits. JSON returned is owned by the caller (json_decref). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

enum { PRIVACY_SECTION_MAX = 10000 }; /* rows per export section (audit entries included) */

/* The ids of the audit entries about client ?1: its own (client_id) and the lists that showed it (audit_subjects).
 * One rule for the access log (audit_of_client) and the export; a list's detail names other clients, so both
 * show the detail of the client's own entries only (PRIVACY_AUDIT_DETAIL, audit_log aliased a). */
#define PRIVACY_AUDIT_IDS_OF_CLIENT                                                                                  \
	"(SELECT id FROM audit_log WHERE client_id = ?1 UNION SELECT audit_id FROM audit_subjects WHERE client_id = ?1)"
#define PRIVACY_AUDIT_DETAIL "CASE WHEN a.client_id = ?1 THEN a.detail END AS detail"

/* Everything held about the client, one object: "client", "family" (or null), one array per entity of
 * privacy_rules (named by entity), "survey-responses", "shortlist-snapshots" (what was sent to employers about
 * the client: the snapshot as JSON with the shortlist's employer, vacancy and sending time), "client-links" (the
 * other organisations where the person is also a client, linked: their name and when), "audit" (entries
 * about the client, PRIVACY_AUDIT_IDS_OF_CLIENT) and "truncated" (true when a section hit PRIVACY_SECTION_MAX). Rows are raw: the caller removes fields the reader may not see. */
int privacy_store_export(struct store *s, int64_t org_id, int64_t client_id, json_t **out, struct err *e);

struct privacy_counts {
	int64_t deleted;   /* rows removed */
	int64_t scrubbed;  /* rows kept with personal fields cleared (client tombstone included) */
	int64_t withdrawn; /* consents withdrawn */
};
/* Consent is a history; the newest row decides (DESIGN). What the client's newest consent row for a purpose says
 * today: none recorded, given (given_on <= today, not withdrawn by today), or refused (given = 0, or withdrawn). */
enum privacy_consent { PRIVACY_CONSENT_NONE, PRIVACY_CONSENT_GIVEN, PRIVACY_CONSENT_REFUSED };

/* The rule "consent for a purpose as of a day", in one place (privacy_consent_row): a row dated after the day does
 * not speak yet; among the others the newest (given_on, then the last written) decides; it gives consent when
 * given = 1 and its withdrawn_on is empty or after the day. Every reader feeds a client's consent rows for one
 * purpose, read as these columns, conditions and order, newest first: privacy_store_consent_now for one client, the
 * match index (src/match/load.c) for all clients at once. */
#define PRIVACY_CONSENT_COLS "given, given_on, withdrawn_on"
#define PRIVACY_CONSENT_WHERE "archived_at IS NULL"
#define PRIVACY_CONSENT_ORDER "given_on DESC, id DESC"
struct privacy_consent_day { /* zeroed: no row read yet (PRIVACY_CONSENT_NONE) */
	enum privacy_consent now; /* what the rows read so far say on the day */
	bool decided;             /* the deciding row was read: later rows change nothing */
	char next_on[11];         /* the first day after the day on which the answer may change (a row dated later
	                           * starts to speak, or the deciding consent's withdrawal takes effect); "" none */
};
/* Feeds the next row (newest first, PRIVACY_CONSENT_ORDER) as of day (YYYY-MM-DD); dates are YYYY-MM-DD or NULL. */
void privacy_consent_row(struct privacy_consent_day *c, const char *day, bool given, const char *given_on,
                         const char *withdrawn_on);
/* The one question every path asks: may we do `purpose` for this client now? today: YYYY-MM-DD. */
int privacy_store_consent_now(struct store *s, int64_t client_id, const char *purpose, const char *today,
                              enum privacy_consent *out, struct err *e);

/* Whether the client has been erased already (an 'erase' audit entry names it). */
int privacy_store_is_erased(struct store *s, int64_t client_id, bool *erased, struct err *e);
/* Erases the client's personal data per privacy_rules and leaves the tombstone row. now: YYYY-MM-DDTHH:MM:SSZ.
 * ERR_CONFLICT when already erased. The caller writes the audit entry (in the same transaction). */
int privacy_store_erase(struct store *s, int64_t org_id, int64_t client_id, const char *now,
                        struct privacy_counts *out, struct err *e);

/* Withdraws every open consent of the client for purpose (withdrawn_on = today); ids of the changed consent rows
 * go to ids (up to max), *n says how many changed. share_employer also hides the client's identity on proposals. */
int privacy_store_withdraw(struct store *s, int64_t org_id, int64_t client_id, const char *purpose,
                           const char *today, const char *now, int64_t *ids, size_t max, size_t *n, struct err *e);

/* Clients of org_id with no service event and no change since cutoff (YYYY-MM-DD), erased ones left out, oldest
 * first, at most limit: [{id, first_name, last_name, status, archived, last_activity}]. */
int privacy_store_inactive(struct store *s, int64_t org_id, const char *cutoff, long limit, json_t **items,
                           struct err *e);
/* Whether one client is in that list. */
int privacy_store_client_inactive(struct store *s, int64_t org_id, int64_t client_id, const char *cutoff,
                                  bool *inactive, struct err *e);
