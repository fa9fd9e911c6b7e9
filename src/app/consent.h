/* consent: what a client's consents decide beyond their rows. A consent is an entity (/api/v1/consents: given,
 * refused, or withdrawn by its withdrawn_on); these verbs withdraw every open consent of one purpose at once (the
 * client's "stop now") and run what follows from the newest row of a purpose after any write: an open referral to a
 * partner organisation whose share_partner consent no longer holds gets a row on its timeline, seen by both sides. */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

/* Withdraws the client's open consents for purpose today, audited per row: *out {client_id, purpose, withdrawn (how
 * many rows), withdrawn_on}, in the actor's arena. ERR_FORBIDDEN for a role that may not write consents,
 * ERR_NOT_FOUND for another organisation's client, ERR_INVALID for an unknown purpose. */
int app_consent_withdraw(const struct actor *a, int64_t client_id, const char *purpose, json_t **out, struct err *e);
/* After a write of one of client_id's consents (any purpose, any pipeline). */
int app_consent_written(const struct actor *a, int64_t client_id, struct err *e);
