/* duplicates: the one rule that tells a likely duplicate client (issue 15 item 5), for every path that makes a client
 * by hand or from a file: the new-client form, POST /api/v1/clients and the CSV import. Two clients of the same
 * organisation are likely the same person when they have
 *   - the same first and last name, compared after fold_search (case, accents and script: Äijälä = AIJALA = Айяля
 *     transliterated) and the same birth year (both known), or
 *   - the same e-mail (case ignored), or
 *   - the same phone, its digits in the national form (+358 40 123 4567 = 00358401234567 = 040-123 4567).
 * Archived clients match (the person came back: reopen the record); an erased client's tombstone never does. Only the
 * actor's own organisation is looked at, so another organisation's clients neither match nor show.
 *
 * Ownership: strings and JSON handed out belong to the actor's arena. */
#pragma once
#include <jansson.h>
#include <stdbool.h>

#include "app/actor.h"
#include "core/err.h"

/* Why two records match (a bit set). */
enum { DUP_NAME = 1, DUP_EMAIL = 2, DUP_PHONE = 4 };

/* The comparable forms of a client's fields; NULL where the record has nothing to compare. */
struct dup_keys {
	const char *name;  /* "n:<folded first>|<folded last>|<birth year>" */
	const char *email; /* "e:<lower case>" */
	const char *phone; /* "p:<digits, national form>" */
};

/* The keys of client (a JSON object: a request body or a stored row; fields of the wrong type are ignored). */
int app_dup_keys(struct arena *ar, json_t *client, struct dup_keys *k, struct err *e);
/* The digits of a phone number in the national (Finnish) form: "+358 40 123 4567" -> "0401234567"; another
 * country's code is kept with a "+". NULL when s has fewer than 5 digits. In ar. */
const char *app_dup_phone(struct arena *ar, const char *s);

/* The clients of the actor's organisation that body (a new client's fields) may be:
 * [{id, first_name, last_name, birth_year, archived, reasons: ["name_birth_year", "email", "phone"]}] (empty: none).
 * Each one shown is audited as read (detail "likely_duplicate"). */
int app_duplicates_find(const struct actor *a, json_t *body, json_t **matches, struct err *e);
/* Audits the showing of matches found earlier (app_duplicates_find's list) again: a page that rolled back the
 * failed write, and with it the first audit, before it shows them. */
int app_duplicates_shown(const struct actor *a, json_t *matches, struct err *e);

/* The same rule against the clients of every other organisation (for a link across organisations, app/client_links.h;
 * consent is the caller's question): [{id, organisation_id, organisation, ..., reasons}] (arena). Not audited. */
int app_duplicates_elsewhere(const struct actor *a, json_t *client, json_t **rows, struct err *e);

/* Creates a client (app_entity_create) unless it is a likely duplicate and not confirmed: then ERR_CONFLICT with the
 * key "likely_duplicate" and *matches (app_duplicates_find's list; the caller commits the audit of showing it). */
int app_client_create(const struct actor *a, json_t *body, bool confirmed, json_t **row, json_t **matches,
                      struct err *e);

/* For a file of many new clients (the import): every key of the organisation's clients, in one read audited as one
 * 'list', as an object key -> [{id, first_name, last_name, birth_year, archived}]. */
int app_dup_index_load(const struct actor *a, json_t **index, struct err *e);
/* The records of index that keys match, with their reasons (as app_duplicates_find), in *matches (arena). */
int app_dup_index_find(const struct actor *a, json_t *index, const struct dup_keys *k, json_t **matches,
                       struct err *e);
/* Adds who (an object such as {"row": 7}) under each of keys, so the rows below find it. */
void app_dup_index_add(json_t *index, const struct dup_keys *k, json_t *who);
