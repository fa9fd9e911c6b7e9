/* entity_store_internal.h: the helpers entity_store.c (scope, reads), entity_store_write.c (writes, search index) and
 * entity_store_list.c (the list query) share; nothing outside those files includes it. SQL text is built only from
 * the entity table's names, values are always bound. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "domain/entity.h"
#include "store/store.h"

/* Whether d's rows carry an organisation_id column (SCOPE_ORG). */
bool es_has_org_column(const struct entity_def *d);
/* The column that scopes d's rows to an organisation: organisation_id, or the id of an organisation-less entity. */
const char *es_org_col(const struct entity_def *d);
/* " AND (<own> OR <shared>)" for org parameter ?n: the scope of a read of d (plain, for an entity that is not
 * shared: only "<own>", which lets PostgreSQL's planner use the organisation's index). */
void es_read_scope(struct buf *b, const struct entity_def *d, int n, bool plain);
/* Steps a statement that returns no row: 0, or the error code. */
int es_step_done(struct store_stmt *st, struct err *e);
/* Whether d's FF_SEARCH fields are kept in the search index (search_terms). */
bool es_search_indexed(const struct entity_def *d);
/* Prepares a statement built in sql, then frees sql (out of memory while building it is an error here). */
int es_prepare_built(struct store *s, struct buf *sql, struct store_stmt **st, struct err *e);
/* es_prepare_built, then ?1 = id and ?2 = org_id: a row's statement in an organisation's scope. */
int es_prepare_id_org(struct store *s, struct buf *sql, int64_t id, int64_t org_id, struct store_stmt **st,
                      struct err *e);
/* The organisation of row id, read with sql (one id parameter); field names the error's field. */
int es_org_of_row(struct store *s, const struct entity_def *d, int64_t id, const char *sql, const char *field,
                  int64_t *org_id, struct err *e);
/* Appends d's column list (the SELECT part) to b. */
void es_select_columns(struct buf *b, const struct entity_def *d);
