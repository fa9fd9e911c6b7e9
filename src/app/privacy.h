/* app privacy: the data subject's rights as verbs, each with its whole pipeline (who may, the store, the per-field
 * redaction, the audit entry, the change notes), so that the JSON API, the export page and any later adapter apply
 * the same rules: access and portability (the export), erasure, and the retention review. The rules themselves live
 * in src/domain/privacy.c, the statements in src/store/privacy_store.c. Every verb runs in its caller's transaction,
 * so an erasure and its audit entry land together or not at all. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"
#include "store/privacy_store.h"

/* 0 when the actor's role handles data subject requests (counsellors, from the entity table); else ERR_FORBIDDEN. */
int app_privacy_may_manage(const struct actor *a, struct err *e);

/* Everything held about the client, with the fields the reader may not see removed (as the entity API would) and
 * the client's access log as the reader may see it; audited as 'export' with detail format ("format=json").
 * *out belongs to the caller (json_decref). */
int app_privacy_export(const struct actor *a, int64_t client_id, const char *format, json_t **out, struct err *e);

/* Erases one client's personal data (reason: a category of privacy_reason_parse) and leaves the tombstone; audits
 * it with the counts in *c; the match index drops the client after commit. ERR_CONFLICT when erased before. */
int app_privacy_erase(const struct actor *a, int64_t client_id, const char *reason, struct privacy_counts *c,
                      struct err *e);

/* The clients with no service event or change for months (cutoff[11]: the day before which), at most 1000, for
 * review; the list is audited with every client it shows. *items belongs to the caller. */
int app_privacy_inactive(const struct actor *a, long months, char cutoff[11], json_t **items, struct err *e);

/* Erases the reviewed clients (reason "retention") after checking them all first, so that a confirmation covers
 * exactly the reviewed list: none named twice, each still inactive since the cutoff, none erased before. At most
 * PRIVACY_BATCH_MAX and what the actor's change list holds. */
int app_privacy_erase_inactive(const struct actor *a, long months, const int64_t *ids, size_t n, struct err *e);
