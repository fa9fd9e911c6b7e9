/* entity_store: generic entity queries generated from the domain table; values always bound, never spliced. */
#include "store/entity_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/fold.h"

void store_now(char out[21])
{
	time_t t = time(NULL);
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_step_written(struct store *s, int64_t step_id, const char *day, const char *settle_sql, const char *log_sql,
                       struct err *e)
{
	char now[21];
	store_now(now);
	const struct store_param p[] = {STORE_P_INT(step_id), STORE_P_TEXT(day), STORE_P_TEXT(now)};
	int rc = store_run(s, settle_sql, p, 2, NULL, e);
	return rc ? rc : store_run(s, log_sql, p, STORE_NPARAMS(p), NULL, e);
}

static bool has_org_column(const struct entity_def *d)
{
	return d->scope == SCOPE_ORG;
}

static const char *org_col(const struct entity_def *d)
{
	return has_org_column(d) ? "organisation_id" : "id";
}

/* The rows of a shared entity that organisation ?n co-implements (entity_def.shared), as an SQL condition on id. */
static void shared_rows(struct buf *b, const struct entity_def *d, int n)
{
	if (d->id == ENT_PROGRAMMES)
		buf_printf(b, "id IN (SELECT programme_id FROM programme_partners WHERE partner_organisation_id = ?%d AND "
		              "archived_at IS NULL)", n);
	else
		buf_puts(b, "1 = 0");
}

/* " AND (<own> OR <shared>)" for org parameter ?n: the scope of a read of d. */
static void read_scope(struct buf *b, const struct entity_def *d, int n, bool plain)
{
	if (plain && !d->shared) { /* the plain form lets PostgreSQL's planner use the organisation's index */
		buf_printf(b, "%s = ?%d", org_col(d), n);
		return;
	}
	buf_printf(b, "(?%d = 0 OR %s = ?%d", n, org_col(d), n);
	if (d->shared) {
		buf_puts(b, " OR ");
		shared_rows(b, d, n);
	}
	buf_puts(b, ")");
}

static int bind_value(struct store_stmt *st, int idx, const struct entity_value *v)
{
	if (v->is_null)
		return store_bind_null(st, idx);
	switch (v->f->type) {
	case FT_INT:
	case FT_REF:
	case FT_BOOL:
		return store_bind_int(st, idx, v->i);
	case FT_REAL:
		return store_bind_real(st, idx, v->r);
	default:
		return store_bind_text(st, idx, v->s, -1);
	}
}

static int oom(struct err *e)
{
	return err_oom(e);
}

static int step_done(struct store_stmt *st, struct err *e)
{
	int rc = store_step(st, e);
	return rc < 0 ? -rc : 0;
}

/* ---- the search index (search_terms): the folded words of FF_SEARCH fields (in each spelling of
 * fold_search_spellings), each with its suffixes ---- */

static bool search_indexed(const struct entity_def *d)
{
	return entity_is_client(d);
}

/* The distinct terms of one field value: every suffix (at a character boundary) of every folded word. */
struct terms {
	char **t;
	size_t n, cap;
	bool failed;
};

static int add_term(struct terms *ts, const char *w, size_t len)
{
	for (size_t i = 0; i < ts->n; i++)
		if (strlen(ts->t[i]) == len && memcmp(ts->t[i], w, len) == 0)
			return 0;
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 32;
		char **t = realloc(ts->t, cap * sizeof *t);
		if (!t)
			return ts->failed = true, 1;
		ts->t = t;
		ts->cap = cap;
	}
	if (!(ts->t[ts->n] = strndup(w, len)))
		return ts->failed = true, 1;
	ts->n++;
	return 0;
}

static int add_suffixes(const char *w, size_t len, void *arg)
{
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80 && add_term(arg, w + i, len - i))
			return 1;
	return 0;
}

static void terms_free(struct terms *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		free(ts->t[i]);
	free(ts->t);
	memset(ts, 0, sizeof *ts);
}

/* Replaces the terms of (d, id, field) with those of text (NULL: none). */
static int terms_put(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, const char *field,
                     const char *text, bool replace, struct err *e)
{
	struct store_stmt *st;
	int rc;
	if (replace) {
		if ((rc = store_prepare(s, "DELETE FROM search_terms WHERE entity = ?1 AND row_id = ?2 AND field = ?3", &st,
		                        e)))
			return rc;
		store_bind_text(st, 1, d->table, -1);
		store_bind_int(st, 2, id);
		store_bind_text(st, 3, field, -1);
		if ((rc = step_done(st, e)))
			return rc;
	}
	if (!text || !*text)
		return 0;
	/* every spelling the fold gives (a Cyrillic name also as in a passport), its words, each with its suffixes */
	char *spellings[FOLD_SPELLINGS_MAX];
	size_t nsp = fold_search_spellings(text, spellings);
	if (!nsp)
		return err_set(e, ERR_UNAVAILABLE, field, "could not fold %s for the search index", field);
	struct terms ts = {0};
	for (size_t i = 0; i < nsp; i++) {
		fold_words(spellings[i], add_suffixes, &ts);
		free(spellings[i]);
	}
	if (ts.failed) {
		terms_free(&ts);
		return oom(e);
	}
	/* in statements of up to TERMS_PER_INSERT rows (one round trip each on PostgreSQL; a few cached statements) */
	enum { TERMS_PER_INSERT = 32 };
	rc = 0;
	for (size_t from = 0; from < ts.n && !rc; from += TERMS_PER_INSERT) {
		size_t k = ts.n - from < TERMS_PER_INSERT ? ts.n - from : TERMS_PER_INSERT;
		char sql[96 + TERMS_PER_INSERT * 24];
		int len = snprintf(sql, sizeof sql, "INSERT INTO search_terms (organisation_id, entity, row_id, field, term) "
		                                    "VALUES ");
		for (size_t i = 0; i < k; i++)
			len += snprintf(sql + len, sizeof sql - (size_t)len, "%s(?1, ?2, ?3, ?4, ?%zu)", i ? ", " : "", i + 5);
		if ((rc = store_prepare(s, sql, &st, e)))
			break;
		store_bind_int(st, 1, org_id);
		store_bind_text(st, 2, d->table, -1);
		store_bind_int(st, 3, id);
		store_bind_text(st, 4, field, -1);
		for (size_t i = 0; i < k; i++)
			store_bind_text(st, (int)(i + 5), ts.t[from + i], -1);
		rc = step_done(st, e);
	}
	terms_free(&ts);
	return rc;
}

/* Prepares a statement built in sql, then frees sql (out of memory while building it is an error here). */
static int prepare_built(struct store *s, struct buf *sql, struct store_stmt **st, struct err *e)
{
	int rc = sql->failed ? oom(e) : store_prepare(s, sql->data, st, e);
	buf_free(sql);
	return rc;
}

/* prepare_built, then ?1 = id and ?2 = org_id: a row's statement in an organisation's scope. */
static int prepare_id_org(struct store *s, struct buf *sql, int64_t id, int64_t org_id, struct store_stmt **st,
                          struct err *e)
{
	int rc = prepare_built(s, sql, st, e);
	if (rc)
		return rc;
	store_bind_int(*st, 1, id);
	store_bind_int(*st, 2, org_id);
	return 0;
}

/* The organisation of row id, read with sql (one id parameter); field names the error's field. */
static int org_of_row(struct store *s, const struct entity_def *d, int64_t id, const char *sql, const char *field,
                      int64_t *org_id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id)};
	bool found;
	int rc = store_count(s, sql, p, 1, org_id, &found, e);
	if (!rc && !found)
		return err_set(e, ERR_NOT_FOUND, field, "no %s with id %lld", d->name, (long long)id);
	return rc;
}

/* The organisation a row belongs to (its own id for an organisation-less entity). */
static int row_org(struct store *s, const struct entity_def *d, int64_t id, int64_t *org_id, struct err *e)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", org_col(d), d->table);
	return org_of_row(s, d, id, sql, "id", org_id, e);
}

/* After a write of `in` to row id: the terms of each searchable field it wrote. */
static int terms_written(struct store *s, const struct entity_def *d, int64_t id, const struct entity_input *in,
                         bool replace, struct err *e)
{
	if (!search_indexed(d))
		return 0;
	int64_t org = -1;
	for (size_t i = 0; i < in->n; i++) {
		const struct field_def *f = in->v[i].f;
		if (!(f->flags & FF_SEARCH))
			continue;
		int rc = org < 0 ? row_org(s, d, id, &org, e) : 0;
		if (rc || (rc = terms_put(s, d, org, id, f->name, in->v[i].is_null ? NULL : in->v[i].s, replace, e)))
			return rc;
	}
	return 0;
}

int store_search_forget(struct store *s, const struct entity_def *d, int64_t id, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "DELETE FROM search_terms WHERE entity = ?1 AND row_id = ?2", &st, e);
	if (rc)
		return rc;
	store_bind_text(st, 1, d->table, -1);
	store_bind_int(st, 2, id);
	return step_done(st, e);
}

/* One batch of the backfill: rows after *after, by id; *more when a full batch came. */
static int backfill_batch(struct store *s, const struct entity_def *d, int64_t *after, bool *more, struct err *e)
{
	enum { BATCH = 500 };
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT id, %s AS search_org", org_col(d));
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].flags & FF_SEARCH)
			buf_printf(&sql, ", %s", d->fields[i].name);
	buf_printf(&sql, " FROM %s WHERE id > ?1 ORDER BY id LIMIT %d", d->table, BATCH);
	struct store_stmt *st;
	int rc = sql.failed ? oom(e) : store_prepare(s, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	store_bind_int(st, 1, *after);
	json_t *rows = json_array();
	while ((rc = store_step(st, e)) == STORE_ROW)
		json_array_append_new(rows, store_row_json(st, NULL));
	if (rc < 0) {
		json_decref(rows);
		return -rc;
	}
	rc = 0;
	size_t k;
	json_t *row;
	json_array_foreach(rows, k, row) {
		int64_t id = json_integer_value(json_object_get(row, "id"));
		int64_t org = json_integer_value(json_object_get(row, "search_org"));
		for (size_t i = 0; i < d->nfields && !rc; i++)
			if (d->fields[i].flags & FF_SEARCH)
				rc = terms_put(s, d, org, id, d->fields[i].name,
				               json_string_value(json_object_get(row, d->fields[i].name)), false, e);
		if (rc)
			break;
		*after = id;
	}
	*more = json_array_size(rows) == BATCH;
	json_decref(rows);
	return rc;
}

int store_search_backfill(struct store *s, struct err *e)
{
	int64_t n = 0;
	bool found = false;
	int rc = store_query_int(s, "SELECT COUNT(*) FROM search_backfill", NULL, 0, &n, &found, e);
	if (rc || !n)
		return rc;
	if ((rc = store_begin(s, e)))
		return rc;
	for (size_t i = 0; i < entity_count && !rc; i++) {
		const struct entity_def *d = entity_all[i];
		if (!search_indexed(d))
			continue;
		int64_t after = 0;
		bool more = true;
		struct store_stmt *st;
		if (!(rc = store_prepare(s, "DELETE FROM search_terms WHERE entity = ?1", &st, e))) { /* then no replacing */
			store_bind_text(st, 1, d->table, -1);
			rc = step_done(st, e);
		}
		while (more && !rc)
			rc = backfill_batch(s, d, &after, &more, e);
	}
	if (!rc)
		rc = store_query_int(s, "DELETE FROM search_backfill", NULL, 0, NULL, NULL, e);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	return store_commit(s, e);
}

int store_entity_insert(struct store *s, const struct entity_def *d, int64_t org_id,
                        const struct entity_input *in, int64_t *id, struct err *e)
{
	struct buf sql, vals;
	buf_init(&sql, 0);
	buf_init(&vals, 0);
	int n = 0;
	buf_printf(&sql, "INSERT INTO %s (", d->table);
	for (size_t i = 0; i < in->n; i++) {
		if (has_org_column(d) && strcmp(in->v[i].f->name, "organisation_id") == 0)
			continue; /* set below from the scope */
		buf_printf(&sql, "%s, ", in->v[i].f->name);
		buf_printf(&vals, "?%d, ", ++n);
	}
	if (has_org_column(d)) {
		buf_puts(&sql, "organisation_id, ");
		buf_printf(&vals, "?%d, ", ++n);
	}
	buf_printf(&sql, "created_at, updated_at) VALUES (%s?%d, ?%d) RETURNING id", vals.data ? vals.data : "", n + 1,
	           n + 1);
	buf_free(&vals);
	struct store_stmt *st;
	int rc = prepare_built(s, &sql, &st, e);
	if (rc)
		return rc;
	int k = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (has_org_column(d) && strcmp(in->v[i].f->name, "organisation_id") == 0)
			continue;
		if ((rc = bind_value(st, ++k, &in->v[i])))
			return err_set(e, rc, in->v[i].f->name, "could not store %s", in->v[i].f->name);
	}
	if (has_org_column(d))
		store_bind_int(st, ++k, org_id);
	char now[21];
	store_now(now);
	store_bind_text(st, ++k, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*id = store_col_int(st, 0);
	store_reset(st);
	return terms_written(s, d, *id, in, false, e);
}

json_t *store_row_json(struct store_stmt *st, const struct entity_def *d)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int nc = store_col_count(st);
	for (int i = 0; i < nc; i++) {
		const char *name = store_col_name(st, i);
		enum store_type t = store_col_type(st, i);
		json_t *v;
		const struct field_def *f = d ? entity_field(d, name) : NULL;
		if (t == STORE_NULL) {
			v = json_null();
		} else if (f && f->type == FT_BOOL) {
			v = json_boolean(store_col_int(st, i) != 0);
		} else if (f && f->type == FT_ENUM_LIST) {
			v = json_array();
			const char *txt = store_col_text(st, i);
			while (txt && *txt) {
				const char *c = strchr(txt, ',');
				size_t len = c ? (size_t)(c - txt) : strlen(txt);
				json_array_append_new(v, json_stringn(txt, len));
				txt = c ? c + 1 : txt + len;
			}
		} else if (f && (f->type == FT_INT || f->type == FT_REF)) {
			v = json_integer(store_col_int(st, i));
		} else if (f && f->type == FT_REAL) {
			v = json_real(store_col_real(st, i));
		} else if (t == STORE_INT) {
			v = json_integer(store_col_int(st, i));
		} else if (t == STORE_REAL) {
			v = json_real(store_col_real(st, i));
		} else {
			v = json_string(store_col_text(st, i));
			if (!v) /* not UTF-8: never happens for validated input; keep the row readable */
				v = json_string("?");
		}
		json_object_set_new(o, name, v);
	}
	return o;
}

static void select_columns(struct buf *b, const struct entity_def *d)
{
	buf_puts(b, "id, ");
	if (has_org_column(d) && !entity_field(d, "organisation_id"))
		buf_puts(b, "organisation_id, ");
	for (size_t i = 0; i < d->nfields; i++)
		buf_printf(b, "%s, ", d->fields[i].name);
	buf_puts(b, "version, created_at, updated_at, archived_at");
}

static int get_row(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, bool lock, json_t **row,
                   struct err *e)
{
	*row = NULL;
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT ");
	select_columns(&sql, d);
	buf_printf(&sql, " FROM %s WHERE id = ?1 AND ", d->table);
	if (lock) /* a write: its own organisation's rows only */
		buf_printf(&sql, "(?2 = 0 OR %s = ?2){{FOR_UPDATE}}", org_col(d));
	else
		read_scope(&sql, d, 2, false);
	struct store_stmt *st;
	int rc = prepare_id_org(s, &sql, id, org_id, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (rc == STORE_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %lld", d->name, (long long)id);
	*row = store_row_json(st, d);
	store_reset(st);
	return *row ? 0 : oom(e);
}

int store_entity_get(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, json_t **row,
                     struct err *e)
{
	return get_row(s, d, org_id, id, false, row, e);
}

int store_entity_get_for_update(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                                json_t **row, struct err *e)
{
	return get_row(s, d, org_id, id, true, row, e);
}

/* Why a conditional change touched no row: the row is there (in scope, not archived) at another version, or not. */
static int no_row_changed(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                          int64_t expect_version, struct err *e)
{
	json_t *row = NULL;
	struct err ge = {0};
	if (expect_version > 0 && store_entity_get(s, d, org_id, id, &row, &ge) == 0 &&
	    json_is_null(json_object_get(row, "archived_at"))) {
		long long have = (long long)json_integer_value(json_object_get(row, "version"));
		json_decref(row);
		return err_key(e, ERR_VERSION_CONFLICT, "version", "version_conflict",
		               "this %s was changed by someone else meanwhile (you had version %lld, it is now %lld); "
		               "read it again, check the changes and save again",
		               d->name, (long long)expect_version, have);
	}
	json_decref(row);
	return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %lld (or it is archived)", d->name, (long long)id);
}

int store_entity_update(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                        const struct entity_input *in, struct err *e)
{
	return store_entity_update_if(s, d, org_id, id, in, 0, e);
}

int store_entity_update_if(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                           const struct entity_input *in, int64_t expect_version, struct err *e)
{
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_printf(&sql, "UPDATE %s SET ", d->table);
	int n = 0;
	for (size_t i = 0; i < in->n; i++)
		buf_printf(&sql, "%s = ?%d, ", in->v[i].f->name, ++n);
	buf_printf(&sql,
	           "updated_at = ?%d, version = version + 1 WHERE id = ?%d AND (?%d = 0 OR %s = ?%d) "
	           "AND archived_at IS NULL AND (?%d = 0 OR version = ?%d)",
	           n + 1, n + 2, n + 3, org_col(d), n + 3, n + 4, n + 4);
	struct store_stmt *st;
	int rc = prepare_built(s, &sql, &st, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < in->n; i++)
		if ((rc = bind_value(st, (int)i + 1, &in->v[i])))
			return err_set(e, rc, in->v[i].f->name, "could not store %s", in->v[i].f->name);
	char now[21];
	store_now(now);
	store_bind_text(st, n + 1, now, -1);
	store_bind_int(st, n + 2, id);
	store_bind_int(st, n + 3, org_id);
	store_bind_int(st, n + 4, expect_version);
	if ((rc = step_done(st, e)))
		return rc;
	if (store_changes(st) == 0)
		return no_row_changed(s, d, org_id, id, expect_version, e);
	return terms_written(s, d, id, in, true, e);
}

int store_entity_archive(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id, struct err *e)
{
	return store_entity_archive_if(s, d, org_id, id, 0, e);
}

int store_entity_archive_if(struct store *s, const struct entity_def *d, int64_t org_id, int64_t id,
                            int64_t expect_version, struct err *e)
{
	char sql[320];
	snprintf(sql, sizeof sql,
	         "UPDATE %s SET archived_at = ?1, updated_at = ?1, version = version + 1 WHERE id = ?2 AND (?3 = 0 OR "
	         "%s = ?3) AND archived_at IS NULL AND (?4 = 0 OR version = ?4)",
	         d->table, org_col(d));
	struct store_stmt *st;
	int rc = store_prepare(s, sql, &st, e);
	if (rc)
		return rc;
	char now[21];
	store_now(now);
	store_bind_text(st, 1, now, -1);
	store_bind_int(st, 2, id);
	store_bind_int(st, 3, org_id);
	store_bind_int(st, 4, expect_version);
	if ((rc = step_done(st, e)))
		return rc;
	if (store_changes(st) == 0) {
		if (expect_version > 0)
			return no_row_changed(s, d, org_id, id, expect_version, e);
		return err_set(e, ERR_NOT_FOUND, "id", "no active %s with id %lld", d->name, (long long)id);
	}
	return 0;
}

int store_entity_shared_with(struct store *s, const struct entity_def *d, int64_t id, int64_t org_id, bool *yes,
                             struct err *e)
{
	*yes = false;
	if (!d->shared)
		return 0;
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT 1 FROM %s WHERE id = ?1 AND archived_at IS NULL AND ", d->table);
	shared_rows(&sql, d, 2);
	struct store_stmt *st;
	int rc = prepare_id_org(s, &sql, id, org_id, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	store_reset(st);
	if (rc < 0)
		return -rc;
	*yes = rc == STORE_ROW;
	return 0;
}

int store_entity_org(struct store *s, const struct entity_def *d, int64_t id, int64_t *org_id, struct err *e)
{
	char sql[200];
	/* A share lock on the referenced row: a write that hangs a row on a client waits for an erasure of that client
	 * in flight (which locks it for update), then finds it archived, instead of leaving data on the tombstone. */
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1 AND archived_at IS NULL{{FOR_SHARE}}", org_col(d),
	         d->table);
	return org_of_row(s, d, id, sql, "", org_id, e);
}

static bool numeric(const struct field_def *f)
{
	return f->type == FT_INT || f->type == FT_REF || f->type == FT_BOOL;
}

/* The words of a client search, folded, with the upper end of each one's prefix range. */
enum { SEARCH_WORDS_MAX = 8 };
struct search_words {
	size_t n;
	bool none; /* q had no word (only separators): nothing matches */
	char *lo[SEARCH_WORDS_MAX], *hi[SEARCH_WORDS_MAX];
};

static int add_word(const char *w, size_t len, void *arg)
{
	struct search_words *sw = arg;
	if (sw->n == SEARCH_WORDS_MAX)
		return 0; /* more words narrow little: the first ones decide */
	for (size_t i = 0; i < sw->n; i++)
		if (strlen(sw->lo[i]) == len && memcmp(sw->lo[i], w, len) == 0)
			return 0;
	char *lo = strndup(w, len), *hi = malloc(len + 5);
	if (!lo || !hi) {
		free(lo);
		free(hi);
		return 1;
	}
	memcpy(hi, w, len);
	memcpy(hi + len, "\xF4\x8F\xBF\xBF", 5); /* U+10FFFF: above every character that can follow the prefix */
	sw->lo[sw->n] = lo;
	sw->hi[sw->n++] = hi;
	return 0;
}

static void words_free(struct search_words *sw)
{
	for (size_t i = 0; i < sw->n; i++) {
		free(sw->lo[i]);
		free(sw->hi[i]);
	}
	memset(sw, 0, sizeof *sw);
}

static int search_words(const struct entity_def *d, const struct store_list_query *lq, struct search_words *sw)
{
	memset(sw, 0, sizeof *sw);
	if (!lq->q || !*lq->q || !search_indexed(d))
		return 0;
	char *folded = fold_search(lq->q);
	if (!folded)
		return ERR_UNAVAILABLE;
	int rc = fold_words(folded, add_word, sw);
	free(folded);
	if (rc) {
		words_free(sw);
		return ERR_UNAVAILABLE;
	}
	sw->none = sw->n == 0;
	return 0;
}

static bool searched(const struct entity_def *d, const struct store_list_query *lq, size_t i)
{
	return (d->fields[i].flags & FF_SEARCH) && !(i < 64 && (lq->search_skip >> i & 1));
}

/* Builds " WHERE ..." shared by the count and the page query; parameters ?1 (org) then filters then q (the LIKE
 * pattern, or two per search word), then those of has (filter, q pattern), then the ids. */
static void where_clause(struct buf *b, const struct entity_def *d, const struct store_list_query *lq,
                         const struct search_words *sw, int64_t org_id, int *nparams)
{
	int n = 1;
	buf_puts(b, " WHERE ");
	read_scope(b, d, 1, org_id != 0);
	if (!lq->archived)
		buf_puts(b, " AND archived_at IS NULL");
	for (size_t i = 0; i < lq->nfilters; i++) {
		const struct field_def *f = lq->filters[i].f;
		if (f->type == FT_ENUM_LIST) /* comma-separated: match one element */
			buf_printf(b, " AND (',' || %s || ',') LIKE ?%d" STORE_LIKE_ESCAPE, f->name, ++n);
		else
			buf_printf(b, " AND %s = ?%d", f->name, ++n);
	}
	if (lq->q && *lq->q && search_indexed(d)) {
		/* the field list: names from the static entity table, never from the request */
		struct buf fields = {0};
		buf_init(&fields, 0);
		for (size_t i = 0; i < d->nfields; i++)
			if (searched(d, lq, i))
				buf_printf(&fields, "%s'%s'", fields.len ? ", " : "", d->fields[i].name);
		if (sw->none || !fields.len)
			buf_puts(b, " AND 1 = 0");
		/* the words' rows intersected in the index first: only rows that have every word are read */
		for (size_t w = 0; fields.len && w < sw->n; w++) {
			buf_puts(b, w ? " INTERSECT " : " AND id IN (");
			buf_puts(b, "SELECT row_id FROM search_terms WHERE ");
			if (org_id && !d->shared) /* a shared row's terms are its own organisation's */
				buf_puts(b, "organisation_id = ?1 AND ");
			buf_printf(b, "entity = '%s' AND term >= ?%d AND term < ?%d AND field IN (%s)", d->table, n + 1, n + 2,
			           fields.data);
			n += 2;
		}
		if (fields.len && sw->n)
			buf_puts(b, ")");
		buf_free(&fields);
	} else if (lq->q && *lq->q) {
		int qi = ++n;
		bool any = false;
		buf_puts(b, " AND (");
		for (size_t i = 0; i < d->nfields; i++) {
			if (!searched(d, lq, i))
				continue;
			buf_printf(b, "%sLOWER(%s) LIKE ?%d" STORE_LIKE_ESCAPE, any ? " OR " : "", d->fields[i].name, qi);
			any = true;
		}
		if (!any)
			buf_puts(b, "1 = 0");
		buf_puts(b, ")");
	}
	for (size_t h = 0; h < lq->nhas; h++) { /* id IN (rows of another entity that match), OR within a group */
		const struct store_has *hs = &lq->has[h];
		bool first = h == 0 || lq->has[h - 1].group != hs->group;
		bool last = h + 1 == lq->nhas || lq->has[h + 1].group != hs->group;
		buf_printf(b, "%sid IN (SELECT %s FROM %s WHERE ", first ? " AND (" : " OR ", hs->id_field, hs->d->table);
		read_scope(b, hs->d, 1, org_id != 0);
		buf_puts(b, " AND archived_at IS NULL");
		if (hs->filter.f && hs->filter.f->type == FT_ENUM_LIST)
			buf_printf(b, " AND (',' || %s || ',') LIKE ?%d" STORE_LIKE_ESCAPE, hs->filter.f->name, ++n);
		else if (hs->filter.f)
			buf_printf(b, " AND %s = ?%d", hs->filter.f->name, ++n);
		if (hs->q && *hs->q) {
			int qi = ++n;
			bool any = false;
			buf_puts(b, " AND (");
			for (size_t i = 0; i < hs->d->nfields; i++) {
				if (!(hs->d->fields[i].flags & FF_SEARCH) || (i < 64 && (hs->search_skip >> i & 1)))
					continue;
				buf_printf(b, "%sLOWER(%s) LIKE ?%d" STORE_LIKE_ESCAPE, any ? " OR " : "", hs->d->fields[i].name,
				           qi);
				any = true;
			}
			buf_puts(b, any ? ")" : "1 = 0)");
		}
		buf_puts(b, last ? "))" : ")");
	}
	if (lq->ids_only) {
		buf_puts(b, " AND id IN (");
		for (size_t i = 0; i < lq->nids; i++)
			buf_printf(b, "%s?%d", i ? ", " : "", ++n);
		buf_puts(b, lq->nids ? ")" : "NULL)");
	}
	*nparams = n;
}

/* Temporary bound strings of one list query (freed after the statement ran). */
struct arena_tmp {
	char *q;
	char *lists[16];
	char *has[STORE_HAS_MAX], *hasq[STORE_HAS_MAX];
};

static int bind_where(struct store_stmt *st, const struct entity_def *d, int64_t org_id,
                      const struct store_list_query *lq, const struct search_words *sw, struct arena_tmp *t)
{
	int n = 1;
	store_bind_int(st, 1, org_id);
	for (size_t i = 0; i < lq->nfilters; i++) {
		const struct store_filter *fl = &lq->filters[i];
		n++;
		if (fl->f->type == FT_ENUM_LIST) {
			char *p = store_like_pattern("%,", fl->value, ",%", false);
			if (!p)
				return ERR_UNAVAILABLE;
			t->lists[i < 16 ? i : 15] = p;
			store_bind_text(st, n, p, -1);
		} else if (numeric(fl->f)) {
			char *end;
			long long v = strtoll(fl->value, &end, 10);
			if (*end || end == fl->value)
				return ERR_INVALID;
			store_bind_int(st, n, v);
		} else {
			store_bind_text(st, n, fl->value, -1);
		}
	}
	bool any_field = false;
	for (size_t i = 0; i < d->nfields; i++)
		any_field = any_field || searched(d, lq, i);
	if (lq->q && *lq->q && search_indexed(d)) {
		for (size_t w = 0; any_field && w < sw->n; w++) {
			store_bind_text(st, ++n, sw->lo[w], -1);
			store_bind_text(st, ++n, sw->hi[w], -1);
		}
	} else if (lq->q && *lq->q) {
		/* ASCII lower-case; the column side uses LOWER() too */
		char *p = store_like_pattern("%", lq->q, "%", true);
		if (!p)
			return ERR_UNAVAILABLE;
		t->q = p;
		store_bind_text(st, ++n, p, -1);
	}
	for (size_t h = 0; h < lq->nhas; h++) {
		const struct store_has *hs = &lq->has[h];
		if (hs->filter.f && hs->filter.f->type == FT_ENUM_LIST) {
			char *p = store_like_pattern("%,", hs->filter.value, ",%", false);
			if (!p)
				return ERR_UNAVAILABLE;
			t->has[h] = p;
			store_bind_text(st, ++n, p, -1);
		} else if (hs->filter.f && numeric(hs->filter.f)) {
			char *end;
			long long v = strtoll(hs->filter.value, &end, 10);
			if (*end || end == hs->filter.value)
				return ERR_INVALID;
			store_bind_int(st, ++n, v);
		} else if (hs->filter.f) {
			store_bind_text(st, ++n, hs->filter.value, -1);
		}
		if (hs->q && *hs->q) {
			char *p = store_like_pattern("%", hs->q, "%", true);
			if (!p)
				return ERR_UNAVAILABLE;
			t->hasq[h] = p;
			store_bind_text(st, ++n, p, -1);
		}
	}
	for (size_t i = 0; lq->ids_only && i < lq->nids; i++)
		store_bind_int(st, ++n, lq->ids[i]);
	return 0;
}

static void tmp_free(struct arena_tmp *t)
{
	free(t->q);
	for (size_t i = 0; i < 16; i++)
		free(t->lists[i]);
	for (size_t i = 0; i < STORE_HAS_MAX; i++) {
		free(t->has[i]);
		free(t->hasq[i]);
	}
	memset(t, 0, sizeof *t);
}

/* " ORDER BY ...": the asked fields (comma-separated names of d's fields; NULLs last on both stores), or the
 * entity's own order; then id. */
static void order_clause(struct buf *b, const struct entity_def *d, const struct store_list_query *lq)
{
	const char *dir = lq->desc ? " DESC" : "";
	bool any = false;
	for (const char *p = lq->sort; p && *p;) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), p);
		const struct field_def *f = entity_field(d, name);
		if (f && (f->flags & FF_REQUIRED)) /* never NULL: plain, so an index can give the order */
			buf_printf(b, "%s%s%s", any ? ", " : " ORDER BY ", f->name, dir);
		else if (f)
			buf_printf(b, "%s(%s IS NULL), %s%s", any ? ", " : " ORDER BY ", f->name, f->name, dir);
		any = any || f;
		p = c ? c + 1 : p + len;
	}
	if (any)
		buf_printf(b, ", id%s", dir);
	else
		buf_printf(b, " ORDER BY %s, id", d->order_by);
}

int store_entity_list(struct store *s, const struct entity_def *d, int64_t org_id, const struct store_list_query *lq,
                      json_t **items, int64_t *total, struct err *e)
{
	*items = NULL;
	if (lq->nfilters > 16)
		return err_set(e, ERR_INVALID, "", "too many filters (at most 16)");
	if (lq->ids_only && lq->nids > STORE_LIST_IDS_MAX)
		return err_set(e, ERR_INVALID, "", "too many ids (at most %d)", STORE_LIST_IDS_MAX);
	if (lq->nhas > STORE_HAS_MAX)
		return err_set(e, ERR_INVALID, "", "too many conditions on other entities (at most %d)", STORE_HAS_MAX);
	struct search_words sw = {0};
	if (search_words(d, lq, &sw))
		return oom(e);
	struct buf where, sql;
	buf_init(&where, 0);
	buf_init(&sql, 0);
	int np = 0;
	where_clause(&where, d, lq, &sw, org_id, &np);
	buf_printf(&sql, "SELECT COUNT(*) FROM %s%s", d->table, where.data);
	struct store_stmt *st;
	struct arena_tmp t = {0};
	int rc = sql.failed || where.failed ? oom(e) : store_prepare(s, sql.data, &st, e);
	if (rc)
		goto out;
	if ((rc = bind_where(st, d, org_id, lq, &sw, &t))) {
		rc = err_set(e, rc, "", rc == ERR_INVALID ? "a filter value must be a whole number" : "out of memory");
		goto out;
	}
	rc = store_step(st, e);
	if (rc < 0) {
		rc = -rc;
		goto out;
	}
	*total = store_col_int(st, 0);
	store_reset(st);
	tmp_free(&t);

	buf_free(&sql);
	buf_init(&sql, 0);
	/* the page's ids first (the sort carries only the sort keys), then their rows */
	buf_puts(&sql, "SELECT ");
	select_columns(&sql, d);
	buf_printf(&sql, " FROM %s WHERE id IN (SELECT id FROM %s%s", d->table, d->table, where.data);
	order_clause(&sql, d, lq);
	buf_printf(&sql, " LIMIT ?%d OFFSET ?%d)", np + 1, np + 2);
	order_clause(&sql, d, lq);
	if (sql.failed) {
		rc = oom(e);
		goto out;
	}
	if ((rc = store_prepare(s, sql.data, &st, e)))
		goto out;
	if ((rc = bind_where(st, d, org_id, lq, &sw, &t))) {
		rc = err_set(e, rc, "", "out of memory");
		goto out;
	}
	store_bind_int(st, np + 1, lq->limit);
	store_bind_int(st, np + 2, lq->offset);
	json_t *arr = json_array();
	while ((rc = store_step(st, e)) == STORE_ROW)
		json_array_append_new(arr, store_row_json(st, d));
	if (rc < 0) {
		json_decref(arr);
		rc = -rc;
		goto out;
	}
	*items = arr;
	rc = 0;
out:
	tmp_free(&t);
	words_free(&sw);
	buf_free(&where);
	buf_free(&sql);
	return rc;
}

int store_client_counsellor(struct store *s, int64_t client_id, int64_t *counsellor, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id)};
	bool found;
	int rc = store_count(s, "SELECT counsellor_id FROM clients WHERE id = ?1", p, 1, counsellor, &found, e);
	if (!rc && !found)
		return err_set(e, ERR_NOT_FOUND, "id", "no client with id %lld", (long long)client_id);
	return rc;
}
