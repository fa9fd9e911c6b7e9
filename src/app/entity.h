/* entity verbs: list, get, create, update and archive for every entity of the domain table. Each runs the whole
 * pipeline once, in this order, so the JSON API, the pages, the CLI and the demo cannot drift apart:
 *
 *   access (role, from the entity table) -> scope (organisation) -> validation -> references -> field rules
 *   -> store -> derivations (the entity's hooks: outcomes' matches_competence) -> audit (client data) -> change notes
 *
 * and hands back the row as this actor may see it (fields redacted per role). The caller owns the transaction.
 *
 * Ownership: rows and lists handed out belong to the actor's arena (released with it). Errors fill e with a
 * person-readable message and a stable key; ERR_VERSION_CONFLICT comes with *current, the row as it is now. */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "domain/entity.h"
#include "store/entity_store.h"

/* Lists d's rows in the actor's scope (lq: filters, q, paging, archived). Audited when they are client data. */
int app_entity_list(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                    json_t **items, int64_t *total, struct err *e);
/* The same list written straight to w as a JSON array (the rows as app_entity_list hands them, the same bytes), with
 * no tree built: for the hot list routes. The audit entry is the same; on an error w holds a partial array, which
 * the caller discards. */
struct jsonw;
int app_entity_list_write(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                          struct jsonw *w, int64_t *total, struct err *e);
/* How many rows of d in the actor's scope match lq (a count tells nothing personal: not audited). */
int app_entity_count(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                     int64_t *total, struct err *e);
/* One row. ERR_NOT_FOUND also for rows of other organisations (it does not say they exist). */
int app_entity_get(const struct actor *a, const struct entity_def *d, int64_t id, json_t **row, struct err *e);
/* The timeline of one owner of a step plan (plan: store_cohort_steps or store_settling_steps; owner_id a cohort member
 * or a family of organisation org_id), newest first, in the actor's arena. The caller has read the owner under its own
 * access rule; both plans' timelines are read here alike. */
int app_step_timeline(const struct actor *a, const struct store_step_plan *plan, int64_t org_id, int64_t owner_id,
                      json_t **items, struct err *e);
/* Creates a row from body (a JSON object of field values). */
int app_entity_create(const struct actor *a, const struct entity_def *d, json_t *body, json_t **row, struct err *e);
/* Changes the fields body names. expect_version > 0: only while the row is still at that version (If-Match), else
 * ERR_VERSION_CONFLICT with *current. */
int app_entity_update(const struct actor *a, const struct entity_def *d, int64_t id, json_t *body,
                      int64_t expect_version, json_t **row, json_t **current, struct err *e);
/* Archives (soft delete) with the same precondition. */
int app_entity_archive(const struct actor *a, const struct entity_def *d, int64_t id, int64_t expect_version,
                       json_t **current, struct err *e);
/* The client with every part that hangs on it (education, work history, skills, consents, events...) that the
 * actor's role may read, each under its entity name; one audit entry. */
int app_client_profile(const struct actor *a, int64_t id, json_t **client, struct err *e);
