/* shortlist_store: the statements behind shortlists sent to employers (migration 0005): create a shortlist and its
 * items, list them for an employer or a vacancy, find one by id or by the hash of its link token, read its items,
 * and the identity that disclosure rests on. Neutral dialect, bound parameters only (see store.h). Callers run these
 * inside the request's transaction and decide who may see what (src/app/shortlist.c: roles, consent, audit); nothing
 * here checks roles.
 * Ownership: JSON handed out is the caller's (json_decref). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

enum { SHORTLIST_MAX_ITEMS = 50, SHORTLIST_LIST_MAX = 500 };

/* token_hash and expires_at may be NULL (no link). now: YYYY-MM-DDTHH:MM:SSZ. */
int shortlist_store_create(struct store *s, int64_t org_id, int64_t vacancy_id, int64_t employer_id,
                           int64_t created_by, const char *now, const char *token_hash, const char *expires_at,
                           int64_t *id, struct err *e);
/* profile: the anonymised snapshot as JSON text. ERR_CONFLICT when the proposal is on the shortlist already. */
int shortlist_store_add_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, int position,
                             const char *profile, const char *now, struct err *e);
/* Shortlists of org_id (0 = any) sent to employer_id, or (employer_id 0) made for vacancy_id, newest first:
 * [{id, vacancy_id, vacancy_title, employer_id, employer_name, sent_at, link_expires_at, items, waiting}]
 * (waiting: items whose proposal still waits for the employer's answer, stage 'sent'). */
int shortlist_store_list(struct store *s, int64_t org_id, int64_t employer_id, int64_t vacancy_id, json_t **items,
                         struct err *e);
/* One shortlist with its vacancy's public facts: {id, organisation_id, vacancy_id, employer_id, created_by, sent_at,
 * link_expires_at, vacancy_title, municipality, hours_per_week, contract_type, employer_name}. ERR_NOT_FOUND. */
int shortlist_store_get(struct store *s, int64_t id, json_t **row, struct err *e);
int shortlist_store_by_token(struct store *s, const char *token_hash, json_t **row, struct err *e);
/* Items in shortlist order: [{proposal_id, position, profile (text), stage, reason, identity_revealed, client_id}]. */
int shortlist_store_items(struct store *s, int64_t shortlist_id, json_t **items, struct err *e);
/* Whether proposal_id is on shortlist_id. */
int shortlist_store_has_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, bool *found, struct err *e);
/* {first_name, last_name, email, phone} of client_id: only for a caller that checked identity_revealed and the
 * 'share_employer' consent just before. */
int shortlist_store_identity(struct store *s, int64_t client_id, json_t **row, struct err *e);
