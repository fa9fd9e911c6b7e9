/* policy: the one place that decides what the acting user may do with an entity and its rows: role access from the
 * entity table, organisation scope, parent ownership, references, and field visibility (work capacity, notes). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/entity.h"
#include "domain/privacy.h"
#include "web/web.h"

/* 0 when the user's role has at least `need` on d; else fills r->err (403) and returns ERR_FORBIDDEN. */
int policy_entity_access(struct web_request *r, const struct entity_def *d, enum access need);
/* Organisation scope for queries on d: the user's organisation, or 0 (= all) for admins on admin_any_org entities. */
int64_t policy_scope(const struct web_request *r, const struct entity_def *d);
/* Checks every FT_REF value in `in` (parent included) points to a live row visible in scope; on create returns the
 * organisation the new row belongs to (the parent's, or the user's). ERR_NOT_FOUND/ERR_INVALID naming the field. */
int policy_check_refs(struct web_request *r, const struct entity_def *d, const struct entity_input *in,
                      int64_t *new_org, struct err *e);
/* Whether the user is the assigned counsellor of client_id. */
bool policy_is_assigned(struct web_request *r, int64_t client_id);
/* Who the caller is to client_id's data: the assigned counsellor, other staff, or an employer (domain/privacy.h). */
enum privacy_viewer policy_viewer(struct web_request *r, int64_t client_id);
/* The client a row of d belongs to (for audit and field rules); 0 if none. */
int64_t policy_client_of(const struct entity_def *d, json_t *row);
/* Removes fields the user may not see from row (work capacity, case notes). */
void policy_redact(struct web_request *r, const struct entity_def *d, json_t *row);
/* The same, with the assignment read from `decides` (the row before a change): a counsellor who takes a client over
 * in a PATCH does not read the work capacity in that same answer. */
void policy_redact_as_of(struct web_request *r, const struct entity_def *d, json_t *row, json_t *decides);
/* ERR_FORBIDDEN naming the field if input writes a field the user may not write. */
int policy_check_write_fields(struct web_request *r, const struct entity_def *d, const struct entity_input *in,
                              int64_t client_id, struct err *e);
