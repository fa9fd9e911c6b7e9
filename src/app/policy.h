/* policy: the one place that decides what an actor may do with an entity and its rows: role access from the entity
 * table, organisation scope, references, and which fields the actor may read or write (work capacity, case notes).
 * It takes an actor (a principal and a store), not a web request, so every adapter asks the same questions.
 * Functions that can refuse fill e with a person-readable message (and a stable key) and return its code. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "domain/entity.h"
#include "domain/privacy.h"

/* Whether the actor's role has at least `need` (ACC_READ, ACC_WRITE) on d: the entity table's rule, the one place
 * it is read. */
bool policy_may(const struct actor *a, const struct entity_def *d, enum access need);
/* 0 when the actor's role has at least `need` on d (policy_may); else ERR_FORBIDDEN. */
int policy_entity_access(const struct actor *a, const struct entity_def *d, enum access need, struct err *e);
/* Organisation scope for queries on d: the actor's organisation, or 0 (= all) for the system administrator on
 * admin_any_org entities (organisations, users). An admin administers its own organisation only: another
 * organisation's rows are not found. */
int64_t policy_scope(const struct actor *a, const struct entity_def *d);
/* Row id of d as the actor may see it (policy_scope) into *row (the caller's, json_decref; NULL: only whether it is
 * there). An id <= 0 or a row outside the scope is ERR_NOT_FOUND naming field: "no <what> with that id in your
 * organisation", the same answer whether the row is elsewhere or nowhere. */
int policy_get_scoped(const struct actor *a, const struct entity_def *d, int64_t id, const char *field, const char *what,
                      json_t **row, struct err *e);
/* Checks every FT_REF value in `in` (parent included) points to a live row visible in scope; on create gives the
 * organisation the new row belongs to (the parent's, or the actor's). ERR_INVALID (key "ref") naming the field. */
int policy_check_refs(const struct actor *a, const struct entity_def *d, const struct entity_input *in,
                      int64_t *new_org, struct err *e);
/* The account rules of a write to the users entity (old: the row as it is; NULL on create): nobody changes their own
 * role (ERR_FORBIDDEN, key "own_role"); the system-administrator role is given only at the console (key
 * "sysadmin_cli_only"); only a system administrator changes or archives one (key "sysadmin_only"). in may be NULL
 * (an archive); nobody archives their own account at the web (key "own_account"). 0 for every other entity. */
int policy_check_account_write(const struct actor *a, const struct entity_def *d, int64_t id, json_t *old,
                               const struct entity_input *in, struct err *e);
/* Whether the actor may give field f of d this value (a form offers only these; the write checks the same). */
bool policy_may_give_value(const struct actor *a, const struct entity_def *d, const struct field_def *f,
                           const char *value);
/* Whether the actor is the assigned counsellor of client_id. */
bool policy_is_assigned(const struct actor *a, int64_t client_id);
/* Who the actor is to client_id's data: the assigned counsellor, other staff, or an employer. */
enum privacy_viewer policy_viewer(const struct actor *a, int64_t client_id);
/* The client a row of d belongs to (for audit and field rules); 0 if none. */
int64_t policy_client_of(const struct entity_def *d, json_t *row);
/* Whether some field of d is hidden from some reader (FF_ASSIGNED_ONLY, FF_COUNSELLOR_ONLY): only then does a row
 * need redacting. */
bool policy_redacts(const struct entity_def *d);
/* Whether the actor reads a row of d as its client's assigned counsellor: from the row's counsellor_id on a client
 * row, else by looking up client_id's counsellor. */
bool policy_row_assigned(const struct actor *a, const struct entity_def *d, int64_t counsellor_id, int64_t client_id);
/* hidden[i] (d->nfields entries): whether the actor may not see field i on a row it reads as assigned or not. The
 * one rule policy_redact applies to a JSON row, for a writer that leaves the fields out instead. */
void policy_hidden_fields(const struct actor *a, const struct entity_def *d, bool assigned, bool *hidden);
/* Removes from row the fields the actor may not see. The assignment is read from `decides` (pass row itself, or the
 * row as it was before a change: a counsellor who takes a client over does not read its work capacity in that same
 * answer). */
void policy_redact(const struct actor *a, const struct entity_def *d, json_t *row, json_t *decides);
/* An audit entry (an object with "entity" and "detail") as the actor reads it about a client it reads as assigned
 * or not: a detail "fields=a,b,..." names none of the entity's fields hidden from the actor (who may not read work
 * capacity learns nothing of it from the names of what was written). */
void policy_redact_audit_entry(const struct actor *a, bool assigned, json_t *entry);
/* ERR_FORBIDDEN (key "assigned_only") naming the field if `in` writes a field the actor may not write for the
 * client client_id (0: a new client, whose assigned counsellor will be `new_counsellor`). */
int policy_check_write_fields(const struct actor *a, const struct entity_def *d, const struct entity_input *in,
                              int64_t client_id, int64_t new_counsellor, struct err *e);
/* Whether the client's newest consent row for purpose gives consent today (privacy_store_consent_now): the question
 * a page asks before offering an action that needs it. */
bool policy_consent_given(const struct actor *a, int64_t client_id, const char *purpose);
