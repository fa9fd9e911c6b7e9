/* entity_store_write: insert, update and archive of an entity row (see entity_store.h), and the search index
 * (search_terms) each write keeps up to date. */
#include "store/entity_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "store/entity_store_internal.h"

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

/* ---- the search index (search_terms): the folded words of FF_SEARCH fields (in each spelling of
 * fold_search_spellings), each with its suffixes ---- */

bool es_search_indexed(const struct entity_def *d)
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
		if ((rc = es_step_done(st, e)))
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
		return err_oom(e);
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
		rc = es_step_done(st, e);
	}
	terms_free(&ts);
	return rc;
}
/* The organisation a row belongs to (its own id for an organisation-less entity). */
static int row_org(struct store *s, const struct entity_def *d, int64_t id, int64_t *org_id, struct err *e)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", es_org_col(d), d->table);
	return es_org_of_row(s, d, id, sql, "id", org_id, e);
}

/* After a write of `in` to row id: the terms of each searchable field it wrote. */
static int terms_written(struct store *s, const struct entity_def *d, int64_t id, const struct entity_input *in,
                         bool replace, struct err *e)
{
	if (!es_search_indexed(d))
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
	return es_step_done(st, e);
}

/* One batch of the backfill: rows after *after, by id; *more when a full batch came. */
static int backfill_batch(struct store *s, const struct entity_def *d, int64_t *after, bool *more, struct err *e)
{
	enum { BATCH = 500 };
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT id, %s AS search_org", es_org_col(d));
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].flags & FF_SEARCH)
			buf_printf(&sql, ", %s", d->fields[i].name);
	buf_printf(&sql, " FROM %s WHERE id > ?1 ORDER BY id LIMIT %d", d->table, BATCH);
	const struct store_param p[] = {STORE_P_INT(*after)};
	json_t *rows = NULL;
	int rc = sql.failed ? err_oom(e) : store_query_rows(s, sql.data, p, STORE_NPARAMS(p), BATCH, &rows, e);
	buf_free(&sql);
	if (rc)
		return rc;
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
		if (!es_search_indexed(d))
			continue;
		int64_t after = 0;
		bool more = true;
		struct store_stmt *st;
		if (!(rc = store_prepare(s, "DELETE FROM search_terms WHERE entity = ?1", &st, e))) { /* then no replacing */
			store_bind_text(st, 1, d->table, -1);
			rc = es_step_done(st, e);
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
		if (es_has_org_column(d) && strcmp(in->v[i].f->name, "organisation_id") == 0)
			continue; /* set below from the scope */
		buf_printf(&sql, "%s, ", in->v[i].f->name);
		buf_printf(&vals, "?%d, ", ++n);
	}
	if (es_has_org_column(d)) {
		buf_puts(&sql, "organisation_id, ");
		buf_printf(&vals, "?%d, ", ++n);
	}
	buf_printf(&sql, "created_at, updated_at) VALUES (%s?%d, ?%d) RETURNING id", vals.data ? vals.data : "", n + 1,
	           n + 1);
	buf_free(&vals);
	struct store_stmt *st;
	int rc = es_prepare_built(s, &sql, &st, e);
	if (rc)
		return rc;
	int k = 0;
	for (size_t i = 0; i < in->n; i++) {
		if (es_has_org_column(d) && strcmp(in->v[i].f->name, "organisation_id") == 0)
			continue;
		if ((rc = bind_value(st, ++k, &in->v[i])))
			return err_set(e, rc, in->v[i].f->name, "could not store %s", in->v[i].f->name);
	}
	if (es_has_org_column(d))
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
	           n + 1, n + 2, n + 3, es_org_col(d), n + 3, n + 4, n + 4);
	struct store_stmt *st;
	int rc = es_prepare_built(s, &sql, &st, e);
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
	if ((rc = es_step_done(st, e)))
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
	         d->table, es_org_col(d));
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
	if ((rc = es_step_done(st, e)))
		return rc;
	if (store_changes(st) == 0) {
		if (expect_version > 0)
			return no_row_changed(s, d, org_id, id, expect_version, e);
		return err_set(e, ERR_NOT_FOUND, "id", "no active %s with id %lld", d->name, (long long)id);
	}
	return 0;
}
