/* partner_store: the statements of referrals across organisations (src/app/partner_referral.c decides who may run
 * them; these take ids and trust their caller). Rows come back as new JSON the caller releases. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct store;

enum { PARTNER_STORE_LIST_MAX = 500, PARTNER_STORE_EVENTS_MAX = 200 };

struct partner_store_new {
	int64_t org_id, client_id, partner_org_id, sent_by;
	const char *purpose, *shared, *reason; /* shared: part names, comma-separated */
	const char *today, *now;
};

/* The other live organisations a referral can go to: [{id, name, kind, municipality}] by name. */
int store_partner_orgs(struct store *s, int64_t own_org, json_t **out, struct err *e);
/* Whether org_id is a live organisation (ERR_NOT_FOUND when not). */
int store_partner_org_exists(struct store *s, int64_t org_id, struct err *e);
/* Whether client_id has an open referral (sent, accepted, started) to partner_org_id. */
int store_partner_open_exists(struct store *s, int64_t client_id, int64_t partner_org_id, bool *exists,
                              struct err *e);
/* A new referral in state 'sent' and its first timeline row. ERR_CONFLICT (key "exists") when another open referral of
 * the client to that partner was stored first (the unique index decides between two servers). */
int store_partner_insert(struct store *s, const struct partner_store_new *n, int64_t *id, struct err *e);
/* A referral, of any organisation, with both organisations' names and the referring counsellor's name: {id,
 * organisation_id, organisation_name, client_id, partner_organisation_id, partner_name, purpose, shared, reason,
 * state, outcome, outcome_note, sent_by, sent_by_name, sent_on, closed_on, version, updated_at}. ERR_NOT_FOUND. */
int store_partner_get(struct store *s, int64_t id, json_t **row, struct err *e);
/* Moves referral id from state `from` to `to` in one conditional statement (the changed-row count decides: *moved
 * false when another request moved it first), recording outcome and note (NULL keeps them), closed_on = today for a
 * closed state, and the timeline row by org_id / user_id. */
int store_partner_move(struct store *s, int64_t id, const char *from, const char *to, const char *outcome,
                       const char *note, bool closes, int64_t org_id, int64_t user_id, const char *today,
                       const char *now, bool *moved, struct err *e);
/* A timeline row without a change of state (a withdrawn consent: state "consent_withdrawn"). */
int store_partner_event(struct store *s, int64_t referral_id, int64_t org_id, int64_t user_id, const char *state,
                        const char *now, struct err *e);
/* The timeline of referral id, oldest first: [{id, state, outcome, at, organisation_id, organisation_name,
 * user_name}]. */
int store_partner_events(struct store *s, int64_t id, json_t **out, struct err *e);
/* Referrals of org_id, newest first: incoming (org_id is the partner) or outgoing (org_id referred); client_id > 0:
 * only that client's (outgoing); state: only that state (NULL any). Each row as store_partner_get, plus the client's
 * first_name and last_name (the caller decides whether the reader may see them). */
int store_partner_list(struct store *s, int64_t org_id, bool incoming, int64_t client_id, const char *state,
                       json_t **out, struct err *e);
/* The open referrals of client_id, locked for update until the transaction ends (after a withdrawn 'share_partner'
 * consent each gets one timeline row: two writes at once take turns on the referrals). */
int store_partner_open_of_client(struct store *s, int64_t client_id, json_t **out, struct err *e);
