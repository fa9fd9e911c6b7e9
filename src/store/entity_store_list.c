/* entity_store_list: the list query of an entity (see store_entity_list in entity_store.h): the scope, the filters,
 * a client search through the search index, the order and the page. */
#include "store/entity_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/fold.h"
#include "store/entity_store_internal.h"

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
	if (!lq->q || !*lq->q || !es_search_indexed(d))
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
	es_read_scope(b, d, 1, org_id != 0);
	if (!lq->archived)
		buf_puts(b, " AND archived_at IS NULL");
	for (size_t i = 0; i < lq->nfilters; i++) {
		const struct field_def *f = lq->filters[i].f;
		if (f->type == FT_ENUM_LIST) /* comma-separated: match one element */
			buf_printf(b, " AND (',' || %s || ',') LIKE ?%d" STORE_LIKE_ESCAPE, f->name, ++n);
		else
			buf_printf(b, " AND %s = ?%d", f->name, ++n);
	}
	if (lq->q && *lq->q && es_search_indexed(d)) {
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
		es_read_scope(b, hs->d, 1, org_id != 0);
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
	if (lq->q && *lq->q && es_search_indexed(d)) {
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

/* The search's one pass (clients, q with words): one statement reads the matches in order, at most
 * LIST_ONE_PASS_MAX + 1 of them (the organisation, archived_at and the name from the covering index
 * clients_search_sort of migration 0025, not from each client's row), and the loop counts them and keeps the page's
 * ids; then the page's rows are read by id. At most LIST_ONE_PASS_MAX matches: that count is the total, with no
 * second pass over them. More: the total comes from COUNT(*) as for a list without q. */
enum { LIST_ONE_PASS_MAX = 5000 };

static bool one_pass(const struct entity_def *d, const struct store_list_query *lq, const struct search_words *sw)
{
	if (!lq->q || !*lq->q || !es_search_indexed(d) || sw->none || sw->n == 0)
		return false;
	bool any_field = false;
	for (size_t i = 0; i < d->nfields; i++)
		any_field = any_field || searched(d, lq, i);
	return any_field && lq->limit >= 1 && lq->offset >= 0 && lq->offset <= LIST_ONE_PASS_MAX &&
	       lq->limit <= LIST_ONE_PASS_MAX - lq->offset;
}

/* Steps the ordered ids of the matches (at most LIST_ONE_PASS_MAX + 1), keeping those of the page in ids (room for
 * lq->limit) and counting them in *n. */
static int step_ids(struct store *s, const struct entity_def *d, int64_t org_id, const struct store_list_query *lq,
                    const struct search_words *sw, const struct buf *where, int64_t *ids, size_t *nids,
                    int64_t *n, struct err *e)
{
	struct buf sql = {0};
	buf_init(&sql, 0);
	/* SQLite: each match probes the covering index of migration 0025 (named: without statistics, or with older ones
	 * that do not know it, the planner would rather walk the whole organisation in name order) */
	buf_printf(&sql, "SELECT id FROM %s%s%s", d->table,
	           store_kind(s) == STORE_SQLITE ? " INDEXED BY clients_search_sort" : "", where->data);
	order_clause(&sql, d, lq);
	/* The ceiling as a constant of the text, not a parameter: PostgreSQL plans a prepared statement once for any
	 * LIMIT $n, guesses a few rows, and walks the organisation in name order testing each client against the
	 * matches (3-4 ms for 300 clients); knowing it is 5001, it joins the matches and sorts them (0.5 ms). */
	buf_printf(&sql, " LIMIT %d", LIST_ONE_PASS_MAX + 1);
	struct store_stmt *st;
	struct arena_tmp t = {0};
	int rc = sql.failed ? err_oom(e) : store_prepare(s, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	if ((rc = bind_where(st, d, org_id, lq, sw, &t))) {
		tmp_free(&t);
		store_reset(st);
		return err_set(e, rc, "", rc == ERR_INVALID ? "a filter value must be a whole number" : "out of memory");
	}
	*n = 0;
	*nids = 0;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (*n >= lq->offset && *nids < (size_t)lq->limit)
			ids[(*nids)++] = store_col_int(st, 0);
		++*n;
	}
	store_reset(st);
	tmp_free(&t);
	return rc < 0 ? -rc : 0;
}

/* Steps st to its end, handing each row to row(ctx, st); resets st. */
static int each_row(struct store_stmt *st, store_list_row_fn row, void *ctx, struct err *e)
{
	int rc;
	while ((rc = store_step(st, e)) == STORE_ROW)
		if ((rc = row(ctx, st, e))) {
			store_reset(st);
			return rc;
		}
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

/* The rows of the page's ids, in the list's order, each handed to row(ctx, st). */
static int rows_of_ids(struct store *s, const struct entity_def *d, const struct store_list_query *lq,
                       const int64_t *ids, size_t nids, store_list_row_fn row, void *ctx, struct err *e)
{
	if (nids == 0)
		return 0;
	struct buf sql = {0};
	buf_init(&sql, 0);
	buf_puts(&sql, "SELECT ");
	es_select_columns(&sql, d);
	buf_printf(&sql, " FROM %s WHERE id IN (", d->table);
	for (size_t i = 0; i < nids; i++)
		buf_printf(&sql, "%s?%zu", i ? ", " : "", i + 1);
	buf_puts(&sql, ")");
	order_clause(&sql, d, lq);
	struct store_stmt *st;
	int rc = sql.failed ? err_oom(e) : store_prepare(s, sql.data, &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	for (size_t i = 0; i < nids; i++)
		store_bind_int(st, (int)i + 1, ids[i]);
	return each_row(st, row, ctx, e);
}

/* Runs sql, a COUNT(*) over the list's where clause, with the where clause's values bound; its count in *total. */
static int count_where(struct store *s, const struct buf *sql, const struct entity_def *d, int64_t org_id,
                       const struct store_list_query *lq, const struct search_words *sw, struct arena_tmp *t,
                       int64_t *total, struct err *e)
{
	struct store_stmt *st;
	int rc = sql->failed ? err_oom(e) : store_prepare(s, sql->data, &st, e);
	if (rc)
		return rc;
	if ((rc = bind_where(st, d, org_id, lq, sw, t)))
		return err_set(e, rc, "",
		               rc == ERR_INVALID ? "a filter value must be a whole number" : "out of memory");
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*total = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

int store_entity_list_each(struct store *s, const struct entity_def *d, int64_t org_id,
                           const struct store_list_query *lq, store_list_row_fn row, void *ctx, int64_t *total,
                           struct err *e)
{
	if (lq->nfilters > 16)
		return err_set(e, ERR_INVALID, "", "too many filters (at most 16)");
	if (lq->ids_only && lq->nids > STORE_LIST_IDS_MAX)
		return err_set(e, ERR_INVALID, "", "too many ids (at most %d)", STORE_LIST_IDS_MAX);
	if (lq->nhas > STORE_HAS_MAX)
		return err_set(e, ERR_INVALID, "", "too many conditions on other entities (at most %d)", STORE_HAS_MAX);
	struct search_words sw = {0};
	if (search_words(d, lq, &sw))
		return err_oom(e);
	struct buf where, sql;
	buf_init(&where, 0);
	buf_init(&sql, 0);
	int np = 0;
	where_clause(&where, d, lq, &sw, org_id, &np);
	struct store_stmt *st;
	struct arena_tmp t = {0};
	int64_t *ids = NULL;
	int rc = 0;
	if (where.failed) {
		rc = err_oom(e);
		goto out;
	}
	if (one_pass(d, lq, &sw)) {
		size_t nids = 0;
		int64_t n = 0;
		if (!(ids = malloc((size_t)lq->limit * sizeof *ids))) {
			rc = err_oom(e);
			goto out;
		}
		if ((rc = step_ids(s, d, org_id, lq, &sw, &where, ids, &nids, &n, e)))
			goto out;
		if (n <= LIST_ONE_PASS_MAX) {
			*total = n;
		} else { /* many matches: counted by the database, from the same covering index */
			buf_printf(&sql, "SELECT COUNT(*) FROM %s%s%s", d->table,
			           store_kind(s) == STORE_SQLITE ? " INDEXED BY clients_search_sort" : "", where.data);
			if ((rc = count_where(s, &sql, d, org_id, lq, &sw, &t, total, e)))
				goto out;
		}
		rc = rows_of_ids(s, d, lq, ids, nids, row, ctx, e);
		goto out;
	}
	buf_printf(&sql, "SELECT COUNT(*) FROM %s%s", d->table, where.data);
	if ((rc = count_where(s, &sql, d, org_id, lq, &sw, &t, total, e)))
		goto out;
	tmp_free(&t);

	buf_free(&sql);
	buf_init(&sql, 0);
	/* the page's ids first (the sort carries only the sort keys), then their rows */
	buf_puts(&sql, "SELECT ");
	es_select_columns(&sql, d);
	buf_printf(&sql, " FROM %s WHERE id IN (SELECT id FROM %s%s", d->table, d->table, where.data);
	order_clause(&sql, d, lq);
	buf_printf(&sql, " LIMIT ?%d OFFSET ?%d)", np + 1, np + 2);
	order_clause(&sql, d, lq);
	if (sql.failed) {
		rc = err_oom(e);
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
	rc = each_row(st, row, ctx, e);
out:
	free(ids);
	tmp_free(&t);
	words_free(&sw);
	buf_free(&where);
	buf_free(&sql);
	return rc;
}

struct rows_json {
	json_t *arr;
	const struct entity_def *d;
};

static int append_row(void *ctx, struct store_stmt *st, struct err *e)
{
	struct rows_json *r = ctx;
	return json_array_append_new(r->arr, store_row_json(st, r->d)) ? err_oom(e) : 0;
}

int store_entity_list(struct store *s, const struct entity_def *d, int64_t org_id, const struct store_list_query *lq,
                      json_t **items, int64_t *total, struct err *e)
{
	struct rows_json r = {json_array(), d};
	*items = NULL;
	if (!r.arr)
		return err_oom(e);
	int rc = store_entity_list_each(s, d, org_id, lq, append_row, &r, total, e);
	if (rc)
		json_decref(r.arr);
	else
		*items = r.arr;
	return rc;
}
