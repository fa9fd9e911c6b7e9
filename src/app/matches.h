/* app matches: the match query as a verb, with its whole pipeline: who may read clients and the subject, the
 * organisation's scope, the live index's answer (src/match/live.c), the per-viewer redaction of work-capacity checks
 * and the audit entry (a client's matches as a read of that client; a vacancy's as one entry naming every client
 * shown, which reaches each one's access log). The JSON API, the match pages and shortlist_send use it. */
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"
#include "match/match.h"

/* The best matches for the client or open vacancy id (limit, MATCH_Q_* flags, lang: the skill labels' language,
 * "fi", "sv" or "en", NULL English). The result lives in the actor's arena. ERR_FORBIDDEN (key "consent" when the
 * client has not consented to matching), ERR_NOT_FOUND, ERR_UNAVAILABLE (no live index). */
int app_matches(const struct actor *a, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                const char *lang, struct match_result **out, struct err *e);
