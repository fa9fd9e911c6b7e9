/* survey_review: the verbs of the survey review queue. A counsellor lists the responses of their organisation, reads
 * one as review items (one per profile row its answers map to), accepts chosen items into a client's profile, or
 * dismisses the response. Each verb runs its whole pipeline once, so the JSON API and the pages cannot drift apart:
 *
 *   access (the reviewing role) -> scope (the actor's organisation) -> the response still open -> the chosen items
 *   -> every profile row through the entity verbs (app_entity_create / app_entity_update: validation, references,
 *      field rules, derivations, audit, change notes) -> the review recorded (once) -> audit
 *
 * The caller owns the transaction: a failed accept leaves rows already written in it, to be rolled back.
 *
 * Ownership: everything handed out (rows, items, the parsed definition) belongs to the actor's arena. Errors fill e
 * with a person-readable message, the field at fault and, where a page shows it, a stable key: "role" (not a
 * reviewer), "reviewed" (already accepted or dismissed), "status" (an unknown queue), "not_item" (a key that is not
 * an item of the response), "client" (no client named), "archived" (the client is archived); an item's entity error
 * keeps its own key with the field "ITEMKEY.field". */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "survey/survey.h"

enum { SURVEY_REVIEW_LIST_MAX = 500, SURVEY_REVIEW_KEYS_MAX = 1000 };

/* One response as a reviewer reads it. */
struct survey_review {
	json_t *row;                  /* survey_store_response_get's row: status, lang, client_id, invitation_client_id... */
	const struct survey_def *def; /* its survey, parsed */
	json_t *answers;              /* the typed answers (an object) */
	json_t *items;                /* [{key, entity, fields{...}, questions[...]}] */
};

/* The queue of the actor's organisation at status ("submitted", "accepted", "dismissed"; NULL: every status), oldest
 * first, at most SURVEY_REVIEW_LIST_MAX, without the answers. Audited when not empty. */
int survey_review_list(const struct actor *a, const char *status, json_t **items, struct err *e);
/* Response id of the actor's organisation (ERR_NOT_FOUND otherwise, also for id <= 0) with its items; audited. */
int survey_review_get(const struct actor *a, int64_t id, struct survey_review *out, struct err *e);
/* The items a counsellor may accept from typed answers (caller owns): [{key, entity, fields, questions, person}], person
 * "respondent" or "spouse". */
json_t *survey_review_items(const struct survey_def *def, json_t *answers);
/* Leaves out of a response's typed answers, and of its items (NULL: none), every answer whose question fills a field
 * the actor may not read on client_id's record (the field rule, policy_hidden_fields: work capacity reaches the
 * assigned counsellor only), and its item's field (an item left with none goes). client_id 0 (no client yet): read
 * as the reviewer's own, for the counsellor who makes the client is its assigned counsellor. A spouse's answers go
 * by the same client (the respondent's). */
void survey_review_redact(const struct actor *a, const struct survey_def *def, int64_t client_id, json_t *answers,
                          json_t *items);
/* The survey-responses rows of client_id's export (each with survey_id, which goes, and answers as JSON): each row's
 * answers through survey_review_redact. A row whose survey is not there or does not parse (which answer fills which
 * field is unknown) keeps its answers for the assigned counsellor only: {} for anyone else. */
int survey_review_redact_export(const struct actor *a, int64_t client_id, json_t *rows, struct err *e);
/* Accepts the items named in keys (a JSON array of item keys) of open response id into client_id, or, with
 * client_id 0, into a new client made from the accepted client.* items (create_client true) or the client its link
 * names (create_client false; ERR_INVALID field and key "client" when it names none). Client fields go through
 * app_entity_update (or app_entity_create), every other item through app_entity_create. *out_client: the client;
 * *written: [{key, entity, id}] (arena). The spouse's items ("person": "spouse", keys "spouse:...") go to the
 * spouse's own client record in the respondent's family: the family is made (with a starting settling-in plan) when
 * the respondent has none, the family's spouse updated when it has one, else made (its first name accepted, or
 * ERR_INVALID field "spouse:client.first_name"). The response is recorded as accepted once (a second accept:
 * ERR_CONFLICT, key "reviewed"). A new client is made by app_client_create: a likely duplicate of a client of the
 * organisation is ERR_CONFLICT key "likely_duplicate" with *matches (its showing audited) unless confirm_new. */
int survey_review_accept(const struct actor *a, int64_t id, int64_t client_id, bool create_client, bool confirm_new,
                         json_t *keys, int64_t *out_client, json_t **written, json_t **matches, struct err *e);
/* What client_id already holds where items would go (actor's arena; both empty for client_id 0): *have, {item key:
 * the client's current value} for a client field with a non-empty value and for a language the client has (its
 * level); *old, the part of *have that accepting would overwrite with another value. A reviewer ticks those by hand. */
int survey_review_existing(const struct actor *a, int64_t client_id, json_t *items, json_t **old, json_t **have,
                           struct err *e);
/* Dismisses open response id (nothing enters a profile); audited. */
int survey_review_dismiss(const struct actor *a, int64_t id, struct err *e);

/* ---- The employer-needs survey (issue 15 item 1): sent by a coordinator (or a counsellor) to an employer; its
 * accepted answers become a needs record of that employer (employer-needs, with its arrivals), never a client's. */
#define SURVEY_EMPLOYER_NEEDS "employer-needs"
/* Whether role may create a link to the survey slug for client_id / employer_id (0 = none): a counsellor any survey,
 * a coordinator the employer-needs survey; employer_id only with that survey, client_id never with it. ERR_FORBIDDEN
 * (key "role") or ERR_INVALID (key "needs_survey") with a message a person can act on. */
int survey_review_may_invite(enum role role, const char *slug, int64_t client_id, int64_t employer_id, struct err *e);
/* Whether open-or-not response id (of the actor's organisation, after the reviewer check) answers that survey. */
int survey_review_is_needs(const struct actor *a, int64_t id, bool *needs, struct err *e);
/* Accepts open employer-needs response id as a new needs record of employer_id (0: the employer its link names;
 * ERR_INVALID field employer_id, key "employer", when neither names one): the record (reported_on: the day of the
 * answers, source "survey") and one arrival row per answered arrival, each through app_entity_create. *need_id: the
 * record; *written: [{key, entity, id}] (arena). Recorded as accepted once (a second accept: ERR_CONFLICT). */
int survey_review_accept_needs(const struct actor *a, int64_t id, int64_t employer_id, int64_t *need_id,
                               json_t **written, struct err *e);
