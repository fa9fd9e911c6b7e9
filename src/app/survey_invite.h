/* app survey_invite: making survey links (invitations), with the whole pipeline: the body's fields checked, who may
 * send which survey to whom (survey_review_may_invite), the references (client, employer, programme) the actor may
 * use, a random token per link of which only the hash is stored, and the audit entry per link. The adapters add the
 * link's address (it depends on the host the request came to) and print it or its QR code. */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"

/* Creates the links body asks for ({survey_id, single_use?, count?, max_uses?, expires_in_days?, client_id?, label?,
 * lang?, programme_id?, target_groups?, intake_on?, employer_id?}). *out: {items: [{id, token, expires_at,
 * single_use}]}, owned by the actor's arena; the token is handed out only here. ERR_INVALID naming the field at
 * fault (key "ref" for a reference the actor may not use), ERR_FORBIDDEN for a survey the role does not send. */
int app_survey_invite(const struct actor *a, json_t *body, json_t **out, struct err *e);
