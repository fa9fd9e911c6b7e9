/* partner_referral: a counsellor refers a client to a partner organisation (an education provider, the
 * municipality's integration services, a staffing agency, a third-sector organisation), and the partner answers,
 * starts and ends it (issue 15 item 2; the rules as data in src/domain/partner.h). Each verb runs its whole pipeline
 * once:
 *
 *   access (role: staff who may write clients act, staff who may read them read) -> side (the actor's organisation
 *   is the referring one or the partner) -> validation -> consent (the newest 'share_partner' row decides, on every
 *   read) -> store (a conditional move: the state it was read in decides) -> audit (on both sides) -> the answer
 *
 * What the partner sees of the client is built from partner_parts, field by field, and only while the referral is
 * open AND the client's consent holds: before it is sent there is nothing, once it is closed or the consent is
 * withdrawn the referral shows without the client ("withheld": "closed" | "consent"). Work capacity, target groups,
 * health, family, permit and notes are in no part. Every read of a client's shared data by the partner writes an
 * audit entry in the partner's log and one in the referring organisation's log.
 *
 * Ownership: JSON handed out belongs to the actor's arena. Errors: a message, the field, a stable key: "partner_consent"
 * (no share_partner consent), "referral_open" (an open referral to that partner already), "state" (no such move from
 * here), "side" (the other organisation makes that move), "own_org" (a referral to one's own organisation),
 * "outcome" (ending needs an outcome), "referral_changed" (moved meanwhile by someone else). The caller owns the transaction. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

enum { PARTNER_REASON_MAX = 2000 };

/* The organisations a client can be referred to (every other live organisation): [{id, name, kind,
 * municipality}]. */
int partner_orgs(const struct actor *a, json_t **items, struct err *e);
/* The same list for any staff role (an admin choosing a programme's co-implementer, a page naming another
 * organisation): organisations' names are not personal data; an employer's user gets ERR_FORBIDDEN. */
int partner_org_directory(const struct actor *a, json_t **items, struct err *e);
/* After a write of client_id's consents: while its share_partner consent does not hold, each open referral of the
 * client has "consent_withdrawn" as its newest timeline row (added once), so both sides read why the partner's access
 * ended (the access itself is decided on every read). */
int partner_referral_consent_changed(const struct actor *a, int64_t client_id, struct err *e);
/* Refers client_id of the actor's organisation. body: {partner_organisation_id, purpose, shared: [part...],
 * reason?}. *out: the new referral as partner_referral_get gives it. */
int partner_referral_send(const struct actor *a, int64_t client_id, json_t *body, json_t **out, struct err *e);
/* Referrals of the actor's organisation: incoming (it is the partner; client names only where the partner may see
 * them) or outgoing (client_id > 0: that client's). state: one state only, or NULL. */
int partner_referral_list(const struct actor *a, bool incoming, int64_t client_id, const char *state,
                          json_t **items, struct err *e);
/* One referral, for either side, with its timeline ("events"). The partner gets "client" (the shared parts) or
 * "withheld"; the referring side gets the referral as it is. ERR_NOT_FOUND for a third organisation. */
int partner_referral_get(const struct actor *a, int64_t id, json_t **out, struct err *e);
/* Moves referral id to state `to` (partner: accepted, declined, started, ended; referring side: cancelled). outcome
 * (a partner_outcomes code) is required when ending; note is optional free text (the partner's word on how it went,
 * or why it was declined). expect_version > 0: only while the referral is still at that version. *out as get. */
int partner_referral_move(const struct actor *a, int64_t id, const char *to, const char *outcome, const char *note,
                          int64_t expect_version, json_t **out, struct err *e);
