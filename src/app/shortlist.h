/* shortlist verbs: proposals of a vacancy sent to its employer as an anonymised shortlist, the employer's view and
 * answers (logged in, or through a link that expires), and the counsellor's choice to reveal a client's identity.
 * Each verb runs its whole pipeline once, in this order, so the JSON API and the pages cannot drift apart:
 *
 *   access (role, from the entity table; the shortlist's employer) -> scope (organisation) -> validation
 *   -> consent (the newest row decides) -> locking (the proposal row) -> store -> audit -> change notes
 *
 * What an employer sees is a snapshot made when the shortlist is sent, built from a whitelist (competence,
 * languages, the match explanation): never a name, age, gender, nationality, contact or free-text note, and never
 * work capacity or residence permit (match_item_redact / match_hard_visible with the employer as viewer; snapshots
 * stored before that rule are cleaned on every read). A name and contact details are added only while the proposal's
 * identity_revealed is set AND the client's 'share_employer' consent is given, checked on every read. A client whose
 * 'matching' consent is withdrawn (or whose 'share_employer' is refused) shows as withdrawn: nothing of the profile,
 * no answer. The caller owns the transaction.
 *
 * Ownership: JSON handed out belongs to the actor's arena (json_incref to keep or hand it on). Errors fill e with a
 * person-readable message, the field at fault and, where a page shows it, a stable key: "consent" (no consent to
 * send or reveal), "erased", "stage" (past the sending stage, or no longer answerable), "withdrawn" (the candidate's
 * consent was withdrawn), "expired" (a link). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "match/match.h"
#include "store/shortlist_store.h"

enum { SHORTLIST_LINK_DAYS_DEFAULT = 14, SHORTLIST_LINK_DAYS_MAX = 90 };

/* Whether a proposal at stage goes on a shortlist: suggested, discussed, or sent already (to another shortlist). */
bool shortlist_stage_sendable(const char *stage);
/* Sends proposal_ids (n of them, duplicates counted once; at most SHORTLIST_MAX_ITEMS) of vacancy_id to its
 * employer: every proposal locked, still at a sending stage (suggested, discussed, sent) and its client consenting;
 * a snapshot per candidate; the proposals move to 'sent'. link: also make a link that expires after link_days days
 * (0: SHORTLIST_LINK_DAYS_DEFAULT; else 1..SHORTLIST_LINK_DAYS_MAX). Each snapshot explains the match as app_matches
 * gives it (and audits it); without one (no consent to matching, no shared skill) it goes without an explanation.
 * *out: {id, vacancy_id, employer_id, sent_at, items, link?, link_expires_at?}; the link ("/shortlist?t=TOKEN") is
 * handed out only here, never stored in the clear. ERR_NOT_FOUND for a vacancy outside the actor's organisation. */
int shortlist_send(const struct actor *a, int64_t vacancy_id, const int64_t *proposal_ids, size_t n, bool link,
                   int link_days, json_t **out, struct err *e);
/* The shortlists sent for vacancy_id in the actor's organisation, newest first (see shortlist_store_list). */
int shortlist_list_of_vacancy(const struct actor *a, int64_t vacancy_id, json_t **items, struct err *e);
/* A counsellor reveals (or hides) the identity of proposal_id's client to the employer. Revealing needs the
 * client's 'share_employer' consent now (ERR_CONFLICT, field and key "consent"). */
int proposal_reveal(const struct actor *a, int64_t proposal_id, bool reveal, struct err *e);

/* An employer user: the shortlists sent to their employer, newest first (none for a user without an employer). */
int shortlist_employer_list(const struct actor *a, json_t **items, struct err *e);

/* A shortlist opened for its employer; opaque, so that only the two open verbs below (which decide access) make one.
 * Arena-owned; use it with the actor that opened it. */
struct shortlist;
/* By id, for an employer user of that shortlist's employer. ERR_NOT_FOUND otherwise (never saying it exists). */
int shortlist_open(const struct actor *a, int64_t id, struct shortlist **sl, struct err *e);
/* By a link token (64 hex). Whoever holds the link acts as the employer of that shortlist only (an actor with a
 * logged-in user stays that user). ERR_NOT_FOUND (field "token") when unknown; ERR_FORBIDDEN (field "expires_at",
 * key "expired") when expired. */
int shortlist_open_link(const struct actor *a, const char *token, struct shortlist **sl, struct err *e);
/* The employer's view: {id, sent_at, link_expires_at, vacancy: {title, municipality, hours_per_week,
 * contract_type}, employer: {name}, candidates: [{proposal_id, number, stage, profile, answerable, withdrawn,
 * identity, reason?}]}; audited: the shortlist read, as one entry naming the clients whose profile it showed (a
 * withdrawn candidate shows nothing and is not named), so it is in each one's access log and export; and every
 * identity shown. */
int shortlist_view(const struct actor *a, const struct shortlist *sl, json_t **out, struct err *e);
/* The employer's answer for a candidate of sl: "interview" or "not_chosen" (reason: optional text, NULL or "" for
 * none). The proposal is locked; the same answer again changes nothing (a double tap); an interview can still become
 * not_chosen. ERR_NOT_FOUND when proposal_id is not on sl; ERR_CONFLICT (field "answer", key "withdrawn" or
 * "stage") when it can no longer be answered. */
int shortlist_answer(const struct actor *a, const struct shortlist *sl, int64_t proposal_id, const char *answer,
                     const char *reason, struct err *e);
