/* entity_store: generic entity queries generated from the domain table; values always bound, never spliced. This file
 * holds the scope every query shares (the organisation column, the rows another organisation co-implements) and the
 * reads of one row; the writes and the search index are in entity_store_write.c, the list query in
 * entity_store_list.c. */
#include "store/entity_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/jsonw.h"
#include "store/entity_store_internal.h"

void store_now(char out[21])
{
	store_time(time(NULL), out);
}

void store_time(time_t t, char out[21])
{
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_step_written(struct store *s, const struct store_step_plan *plan, int64_t step_id, const char *day,
                       struct err *e)
{
	char now[21];
	store_now(now);
	const struct store_param p[] = {STORE_P_INT(step_id), STORE_P_TEXT(day), STORE_P_TEXT(now)};
	int rc = store_run(s, plan->settle_sql, p, 2, NULL, e);
	return rc ? rc : store_run(s, plan->log_sql, p, STORE_NPARAMS(p), NULL, e);
}

int store_step_changes(struct store *s, const struct store_step_plan *plan, int64_t org_id, int64_t owner_id,
                       json_t **out, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(owner_id), STORE_P_INT(org_id)};
	return store_query_rows(s, plan->changes_sql, p, STORE_NPARAMS(p), STORE_STEP_MAX_CHANGES, out, e);
}

bool es_has_org_column(const struct entity_def *d)
{
	return d->scope == SCOPE_ORG;
}

const char *es_org_col(const struct entity_def *d)
{
	return es_has_org_column(d) ? "organisation_id" : "id";
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
void es_read_scope(struct buf *b, const struct entity_def *d, int n, bool plain)
{
	if (plain && !d->shared) { /* the plain form lets PostgreSQL's planner use the organisation's index */
		buf_printf(b, "%s = ?%d", es_org_col(d), n);
		return;
	}
	buf_printf(b, "(?%d = 0 OR %s = ?%d", n, es_org_col(d), n);
	if (d->shared) {
		buf_puts(b, " OR ");
		shared_rows(b, d, n);
	}
	buf_puts(b, ")");
}

int es_step_done(struct store_stmt *st, struct err *e)
{
	int rc = store_step(st, e);
	return rc < 0 ? -rc : 0;
}

/* Prepares a statement built in sql, then frees sql (out of memory while building it is an error here). */
int es_prepare_built(struct store *s, struct buf *sql, struct store_stmt **st, struct err *e)
{
	int rc = sql->failed ? err_oom(e) : store_prepare(s, sql->data, st, e);
	buf_free(sql);
	return rc;
}

/* prepare_built, then ?1 = id and ?2 = org_id: a row's statement in an organisation's scope. */
int es_prepare_id_org(struct store *s, struct buf *sql, int64_t id, int64_t org_id, struct store_stmt **st,
                      struct err *e)
{
	int rc = es_prepare_built(s, sql, st, e);
	if (rc)
		return rc;
	store_bind_int(*st, 1, id);
	store_bind_int(*st, 2, org_id);
	return 0;
}

/* The organisation of row id, read with sql (one id parameter); field names the error's field. */
int es_org_of_row(struct store *s, const struct entity_def *d, int64_t id, const char *sql, const char *field,
                  int64_t *org_id, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(id)};
	bool found;
	int rc = store_count(s, sql, p, 1, org_id, &found, e);
	if (!rc && !found)
		return err_set(e, ERR_NOT_FOUND, field, "no %s with id %lld", d->name, (long long)id);
	return rc;
}

/* How column i of the current row reads as JSON: d's field type first (a boolean stored as 0/1, a list stored as
 * "a,b"), else the store's type. The one rule of store_row_json and store_row_write. */
enum col_kind { COL_NULL, COL_BOOL, COL_LIST, COL_INT, COL_REAL, COL_TEXT };

static enum col_kind col_kind(struct store_stmt *st, int i, const struct field_def *f)
{
	enum store_type t = store_col_type(st, i);
	if (t == STORE_NULL)
		return COL_NULL;
	if (f && f->type == FT_BOOL)
		return COL_BOOL;
	if (f && f->type == FT_ENUM_LIST)
		return COL_LIST;
	if (f && (f->type == FT_INT || f->type == FT_REF))
		return COL_INT;
	if (f && f->type == FT_REAL)
		return COL_REAL;
	return t == STORE_INT ? COL_INT : t == STORE_REAL ? COL_REAL : COL_TEXT;
}

/* The field of column i, or NULL (id, version...); *next is where the following column's field is tried first. */
static const struct field_def *col_field(const struct entity_def *d, const char *name, size_t *next)
{
	if (!d)
		return NULL;
	/* columns come in the entity's field order (es_select_columns): that field is tried first */
	const struct field_def *f =
	    *next < d->nfields && strcmp(d->fields[*next].name, name) == 0 ? &d->fields[*next] : entity_field(d, name);
	if (f)
		*next = (size_t)(f - d->fields) + 1;
	return f;
}

json_t *store_row_json(struct store_stmt *st, const struct entity_def *d)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int nc = store_col_count(st);
	size_t next = 0;
	for (int i = 0; i < nc; i++) {
		const char *name = store_col_name(st, i);
		const struct field_def *f = col_field(d, name, &next);
		json_t *v = NULL;
		switch (col_kind(st, i, f)) {
		case COL_NULL: v = json_null(); break;
		case COL_BOOL: v = json_boolean(store_col_int(st, i) != 0); break;
		case COL_LIST:
			v = json_array();
			for (const char *txt = store_col_text(st, i); txt && *txt;) {
				const char *c = strchr(txt, ',');
				size_t len = c ? (size_t)(c - txt) : strlen(txt);
				json_array_append_new(v, json_stringn(txt, len));
				txt = c ? c + 1 : txt + len;
			}
			break;
		case COL_INT: v = json_integer(store_col_int(st, i)); break;
		case COL_REAL: v = json_real(store_col_real(st, i)); break;
		case COL_TEXT:
			v = json_string(store_col_text(st, i));
			if (!v) /* not UTF-8: never happens for validated input; keep the row readable */
				v = json_string("?");
			break;
		}
		json_object_set_new(o, name, v);
	}
	return o;
}

int store_row_fields(struct store_stmt *st, const struct entity_def *d, const struct field_def **cols, int n)
{
	int nc = store_col_count(st);
	size_t next = 0;
	for (int i = 0; i < nc && i < n; i++)
		cols[i] = col_field(d, store_col_name(st, i), &next);
	return nc < n ? nc : n;
}

void store_row_write(struct store_stmt *st, const struct entity_def *d, const struct field_def *const *cols,
                     const bool *hidden, struct jsonw *w)
{
	jsonw_obj(w);
	int nc = store_col_count(st);
	size_t next = 0;
	for (int i = 0; i < nc; i++) {
		const char *name = store_col_name(st, i);
		const struct field_def *f = cols ? cols[i] : col_field(d, name, &next);
		if (f && hidden && hidden[f - d->fields])
			continue;
		jsonw_key(w, name);
		switch (col_kind(st, i, f)) {
		case COL_NULL: jsonw_null(w); break;
		case COL_BOOL: jsonw_bool(w, store_col_int(st, i) != 0); break;
		case COL_LIST:
			jsonw_arr(w);
			for (const char *txt = store_col_text(st, i); txt && *txt;) {
				const char *c = strchr(txt, ',');
				size_t len = c ? (size_t)(c - txt) : strlen(txt);
				if (jsonw_utf8_valid(txt, len)) /* as json_stringn: an item that is not UTF-8 is left out */
					jsonw_strn(w, txt, len);
				txt = c ? c + 1 : txt + len;
			}
			jsonw_arr_end(w);
			break;
		case COL_INT: jsonw_int(w, store_col_int(st, i)); break;
		case COL_REAL: jsonw_real(w, store_col_real(st, i)); break;
		case COL_TEXT: {
			const char *txt = store_col_text(st, i);
			/* as store_row_json: text that is not UTF-8 (never stored through validated input) reads "?" */
			jsonw_str_or(w, txt, "?");
			break;
		}
		}
	}
	jsonw_obj_end(w);
}

void es_select_columns(struct buf *b, const struct entity_def *d)
{
	buf_puts(b, "id, ");
	if (es_has_org_column(d) && !entity_field(d, "organisation_id"))
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
	es_select_columns(&sql, d);
	buf_printf(&sql, " FROM %s WHERE id = ?1 AND ", d->table);
	if (lock) /* a write: its own organisation's rows only */
		buf_printf(&sql, "(?2 = 0 OR %s = ?2){{FOR_UPDATE}}", es_org_col(d));
	else
		es_read_scope(&sql, d, 2, false);
	struct store_stmt *st;
	int rc = es_prepare_id_org(s, &sql, id, org_id, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (rc == STORE_DONE)
		return err_set(e, ERR_NOT_FOUND, "id", "no %s with id %lld", d->name, (long long)id);
	*row = store_row_json(st, d);
	store_reset(st);
	return *row ? 0 : err_oom(e);
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
	int rc = es_prepare_id_org(s, &sql, id, org_id, &st, e);
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
	snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1 AND archived_at IS NULL{{FOR_SHARE}}", es_org_col(d),
	         d->table);
	return es_org_of_row(s, d, id, sql, "", org_id, e);
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
