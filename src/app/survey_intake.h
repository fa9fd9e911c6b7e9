/* app survey_intake: what a survey link (no login: its token) does, for the public form page and its JSON twin: the
 * link of a token and its state, and a submission's whole pipeline: the link's client not erased, one copy per
 * submission key (a resent copy is answered as the first was), the answers validated (consent included) and pruned
 * to what the respondent was asked, stored, and the link's use counted. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"
#include "survey/survey.h"

/* Whether s is an acceptable submission key (16..64 of [A-Za-z0-9_-]). */
bool app_survey_key_ok(const char *s);
/* The invitation of a link token (any organisation); ERR_NOT_FOUND (field "token") for a malformed or unknown one.
 * *inv belongs to the caller. */
int app_survey_link(struct store *s, const char *token, json_t **inv, struct err *e);
/* "open", "expired", "used" (single use taken or max_uses reached) or "closed" (archived). */
const char *app_survey_link_state(json_t *inv);
/* Stores typed answers of def through the link inv once per submission key: a key already stored gives 0 with
 * *inserted false and its *id (found by the INSERT itself on an open link: no read before it). require_open: a link that is not open refuses with ERR_CONFLICT (field "token"; the
 * form page lets a respondent who started in time finish). ERR_CONFLICT key "erased" when the link's client has been
 * erased; ERR_INVALID with errs filled (messages in lang) and e naming the first when the answers are not valid. */
int app_survey_submit(struct store *s, json_t *inv, const struct survey_def *def, const char *key, const char *lang,
                      json_t *typed, bool require_open, int64_t *id, bool *inserted,
                      struct survey_answer_errors *errs, struct err *e);
