/* entity_internal: what the entity verbs' files (entity.c: get and the writes; entity_list.c: the lists) share. Not
 * for callers outside src/app/entity*.c. */
#pragma once
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "domain/entity.h"

/* Audits an action on d's row id: client data always, staff accounts and organisations on writes; a no-op for the
 * other entities (employers, courses... are not personal data). */
int app_entity_audit(const struct actor *a, const struct entity_def *d, const char *action, int64_t id,
                     int64_t client_id, const char *detail, struct err *e);
