/* entity_store: generic create / read / update / list / archive for every entity in the domain table
 * (src/domain/entity.h), built from that table. SQL text comes only from the static table (column and table names),
 * every value is a bound parameter. Rows come back as jansson objects owned by the caller (json_decref).
 *
 * org_id scopes every query: rows of other organisations are invisible (ERR_NOT_FOUND). org_id 0 means "any
 * organisation" and is used only for admin on admin_any_org entities and by trusted CLI code. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "domain/entity.h"
#include "store/store.h"

struct jsonw;

struct store_filter {
	const struct field_def *f;
	const char *value; /* compared as text for text fields, parsed as integer for numeric fields */
};

/* Rows of another entity that name a listed row (id_field: their column holding its id) and match: q a
 * case-insensitive substring of one of d's FF_SEARCH fields not in search_skip, and filter (when .f is set) one more
 * equality. The caseload's search by skill, occupation or language, done in the database (no list of ids). */
struct store_has {
	const struct entity_def *d;
	const char *id_field; /* a column name from the entity table, never from a request */
	const char *q;
	struct store_filter filter;
	uint64_t search_skip;
	int group; /* the parts of one group (adjacent in the array): any one suffices; every group must hold */
};
enum { STORE_HAS_MAX = 8 };

struct store_list_query {
	const struct store_filter *filters;
	size_t nfilters;
	const struct store_has *has; /* at most STORE_HAS_MAX */
	size_t nhas;
	/* Search over FF_SEARCH fields; NULL = none. Clients (entity_is_client): through the search_terms index, each word
	 * of q (folded by core/fold: case, accents, other scripts as Latin) a substring of a word of a searched field, all
	 * words required. Other entities: q a substring of a field, case-insensitive for ASCII. */
	const char *q;
	uint64_t search_skip; /* bit i set: q does not search d->fields[i] (the viewer may not read it) */
	long limit;      /* the page size, >= 1 */
	long offset;
	bool archived;   /* include archived rows */
	const char *sort; /* fields of d to order by, comma-separated (NULLs last), then id; NULL: d's own order */
	bool desc;        /* sort descending */
	const int64_t *ids; /* with ids_only: only these rows (at most STORE_LIST_IDS_MAX) */
	size_t nids;
	bool ids_only;
};

enum { STORE_LIST_IDS_MAX = 5000 };

/* The current UTC time as YYYY-MM-DDTHH:MM:SSZ. */
void store_now(char out[21]);
/* Time t in the same form: the one place the stored timestamp form is written (expiry times, windows back in time). */
void store_time(time_t t, char out[21]);

/* A plan of steps whose every change is kept on a timeline: a cohort member's steps (store_cohort_steps,
 * cohort_store.h) and a family's settling steps (store_settling_steps, family_store.h). One descriptor per plan, so
 * both plans are settled, logged and read by the same two functions below. Constant SQL. */
struct store_step_plan {
	const char *settle_sql;  /* fixes a written step's done_on: ?1 the step, ?2 the day */
	const char *log_sql;     /* adds the step's timeline row unless the newest says the same: ?1, ?2, ?3 now */
	const char *changes_sql; /* one owner's timeline, newest first: ?1 the owner (member, family), ?2 its organisation */
};

enum { STORE_STEP_MAX_CHANGES = 500 }; /* rows of one owner's timeline */

/* A plan's step step_id was written on day (YYYY-MM-DD): its done_on is settled, then its timeline gets a row unless
 * the last row already says the same, so the timeline holds each change once. */
int store_step_written(struct store *s, const struct store_step_plan *plan, int64_t step_id, const char *day,
                       struct err *e);

/* The timeline of owner owner_id (a cohort member, a family) of organisation org_id in plan, newest first (at most
 * STORE_STEP_MAX_CHANGES rows; the columns are the plan's). *out is a new array the caller releases. */
int store_step_changes(struct store *s, const struct store_step_plan *plan, int64_t org_id, int64_t owner_id,
                       json_t **out, struct err *e);

/* Whether row id of a shared entity (entity_def.shared) is co-implemented by organisation org_id (its own rows are
 * not: store_entity_org tells those). */
int store_entity_shared_with(struct store *s, const struct entity_def *d, int64_t id, int64_t org_id, bool *yes,
                             struct err *e);

int store_entity_insert(struct store *s, const struct entity_def *d, int64_t org_id,
                        const struct entity_input *in, int64_t *id, struct err *e);
int store_entity_get(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, json_t **row,
                     struct err *e);
/* The same row, locked until the transaction ends (PostgreSQL; SQLite's writers take turns anyway): a decision
 * read from it (a proposal's stage) cannot be overtaken by another server's write before this one commits. */
int store_entity_get_for_update(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                                json_t **row, struct err *e);
/* Every row carries a version: 1 on insert, one more on each update or archive (the API's ETag). */
int store_entity_update(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                        const struct entity_input *in, struct err *e);
/* store_entity_update with a precondition: with expect_version > 0 the row changes only while its version is still
 * expect_version. The check and the change are one statement (UPDATE ... WHERE id = ? AND version = ?; the changed-row
 * count decides), so it holds for several servers on one PostgreSQL. A row that is there but at another version is
 * ERR_VERSION_CONFLICT; a missing or archived row ERR_NOT_FOUND. expect_version 0: no check. */
int store_entity_update_if(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                           const struct entity_input *in, int64_t expect_version, struct err *e);
/* Archive (soft delete): sets archived_at; the row stays for history and figures. ERR_NOT_FOUND if already archived. */
int store_entity_archive(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, struct err *e);
/* store_entity_archive with the same version precondition as store_entity_update_if. */
int store_entity_archive_if(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                            int64_t expect_version, struct err *e);
int store_entity_list(struct store *s, const struct entity_def *d, int64_t org_id, const struct store_list_query *lq,
                      json_t **items, int64_t *total, struct err *e);
/* store_entity_list handing each row of the page to row(ctx, st) in the list's order, instead of building JSON; a
 * non-zero return from row stops the list and is returned (with e as row left it). *total as store_entity_list. */
typedef int (*store_list_row_fn)(void *ctx, struct store_stmt *st, struct err *e);
int store_entity_list_each(struct store *s, const struct entity_def *d, int64_t org_id,
                           const struct store_list_query *lq, store_list_row_fn row, void *ctx, int64_t *total,
                           struct err *e);
/* The organisation of row id (any organisation), for parent look-ups. ERR_NOT_FOUND when absent or archived. */
int store_entity_org(struct store *s, const struct entity_def *d, int64_t id, int64_t *org_id, struct err *e);
/* Converts the current row of st to a JSON object using d's field types (columns not in d: by store type). */
json_t *store_row_json(struct store_stmt *st, const struct entity_def *d);
/* The same object written straight to w, the same bytes as json_dumps of store_row_json's, leaving out the fields
 * whose hidden[index in d->fields] is true (hidden NULL: none). For hot lists that would build a tree only to dump
 * it. */
void store_row_write(struct store_stmt *st, const struct entity_def *d, const struct field_def *const *cols,
                     const bool *hidden, struct jsonw *w);
/* The field of d each column of st is (NULL: id, version... no field), into cols (room for n; the count filled): for
 * store_row_write's cols on every row of one statement, instead of looking each column's name up again (cols NULL). */
int store_row_fields(struct store_stmt *st, const struct entity_def *d, const struct field_def **cols, int n);

/* Fills search_terms for the rows a migration asked for (a row in search_backfill), then removes the request; a no-op
 * when there is none. Runs in its own transaction; store_migrate calls it after the migrations. */
int store_search_backfill(struct store *s, struct err *e);
/* Removes the search terms of one row (the erasure: no copy of a name stays in the index). */
int store_search_forget(struct store *s, const struct entity_def *d, int64_t id, struct err *e);

/* The assigned counsellor of a client (0 when none); ERR_NOT_FOUND when there is no such client. */
int store_client_counsellor(struct store *s, int64_t client_id, int64_t *counsellor, struct err *e);
