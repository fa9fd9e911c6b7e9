/* survey_review_internal.h: what the survey_review*.c files share and nothing else includes. The review's access
 * and loading steps live in survey_review.c, the item mapping in survey_review_items.c, the accepting in
 * survey_review_accept.c. Everything handed out belongs to the actor's arena. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "app/survey_review.h"
#include "core/err.h"

/* The response row (arena), after the role check; ERR_NOT_FOUND outside the actor's organisation, ERR_FORBIDDEN for
 * the feedback survey's answers and, for a coordinator, any survey but the employer-needs survey. */
int survey_review_response(const struct actor *a, int64_t id, json_t **row, struct err *e);
/* ERR_CONFLICT (key "reviewed") unless the response row still waits for its review. */
int survey_review_still_open(json_t *row, struct err *e);
/* The rest of *out for its row: the survey (parsed), the typed answers and the items. */
int survey_review_load(const struct actor *a, struct survey_review *out, struct err *e);
/* Audits action on response id (client_id 0: none) as the actor. */
int survey_review_audit(const struct actor *a, const char *action, int64_t id, int64_t client_id, const char *detail,
                        struct err *e);
/* Whether a response row answers the employer-needs survey. */
bool survey_review_row_is_needs(json_t *row);
/* Whether an answer is a URI (an ESCO concept picked), not a label typed. */
bool survey_review_is_uri(json_t *v);
