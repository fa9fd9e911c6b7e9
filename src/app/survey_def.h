/* survey_def (app): a stored survey's parsed definition, read once per process.
 *
 * A stored survey row never changes (a new version is a new row), so its parse is kept, under the row's id and its
 * stamp (slug, version, created_at: survey_store_stamp, a read without the definition's text), shared read only by
 * every request, and each use checks the stamp. Parsing the definition (the seasonal-worker survey is 116 KB) was most
 * of a public submission's time (issue 18). At most APP_SURVEY_DEFS_KEPT definitions are kept, for the life of the
 * process; past that, or when an id's stamp differs from the kept one, the definition is parsed for the caller and
 * freed with its arena. */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"
#include "survey/survey.h"

enum { APP_SURVEY_DEFS_KEPT = 64 };

/* Survey id of organisation org_id (0: any organisation's, for a public link already resolved): its definition, kept
 * or parsed. ERR_NOT_FOUND when there is no such survey; ERR_INTERNAL (logged) when the stored text does not parse. */
int app_survey_def(struct store *s, int64_t org_id, int64_t id, struct arena *a, const struct survey_def **out,
                   struct err *e);
/* The survey of a link's row (app_survey_link: it carries the survey's stamp, so no statement reads it again). */
int app_survey_def_of_link(struct store *s, json_t *inv, struct arena *a, const struct survey_def **out,
                           struct err *e);
/* Always parses, for a caller that also wants the stored row (*row, owned by a; may be NULL). */
int app_survey_def_parse(struct store *s, int64_t org_id, int64_t id, struct arena *a, struct survey_def **out,
                         json_t **row, struct err *e);

/* Imports a survey definition (JSON text of len bytes) into the actor's organisation: parsed and validated, stored
 * in its canonical form as a new row (a new version of its slug), audited as 'create'. *out: {id, slug, version},
 * owned by the caller. ERR_INVALID with the definition's fault, ERR_CONFLICT when that slug and version exist. */
int app_survey_import(const struct actor *a, const char *text, size_t len, json_t **out, struct err *e);
