/* query: the statement helpers of store.h (prepare, bind, step, read one row or all rows as JSON, reset in one call).
 */
#include "store/store.h"

static int oom(struct err *e)
{
	return err_oom(e);
}

int store_bind_params(struct store_stmt *st, const struct store_param *params, int n)
{
	for (int i = 0; i < n; i++) {
		const struct store_param *p = &params[i];
		int rc = p->type == STORE_INT                 ? store_bind_int(st, i + 1, p->i)
		         : p->type == STORE_REAL              ? store_bind_real(st, i + 1, p->r)
		         : p->type == STORE_TEXT              ? store_bind_text(st, i + 1, p->text, p->len)
		         : p->type == STORE_BLOB && p->text ? store_bind_blob(st, i + 1, p->text, (size_t)p->len)
		                                              : store_bind_null(st, i + 1);
		if (rc)
			return rc;
	}
	return 0;
}

int store_prepare_bound(struct store *s, const char *sql, const struct store_param *params, int n,
                        struct store_stmt **out, struct err *e)
{
	int rc = store_prepare(s, sql, out, e);
	if (rc)
		return rc;
	if ((rc = store_bind_params(*out, params, n))) {
		store_reset(*out);
		return err_set(e, rc, "", "could not bind a parameter");
	}
	return 0;
}

int store_query_first(struct store *s, const char *sql, const struct store_param *params, int n,
                      struct store_stmt **out, bool *found, struct err *e)
{
	*found = false;
	int rc = store_prepare_bound(s, sql, params, n, out, e);
	if (rc)
		return rc;
	rc = store_step(*out, e);
	if (rc != STORE_ROW)
		store_reset(*out);
	*found = rc == STORE_ROW;
	return rc < 0 ? -rc : 0;
}

int store_run(struct store *s, const char *sql, const struct store_param *params, int n, int64_t *changed,
              struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare_bound(s, sql, params, n, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	if (rc >= 0 && changed)
		*changed += store_changes(st);
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

int store_count(struct store *s, const char *sql, const struct store_param *params, int n, int64_t *out, bool *found,
                struct err *e)
{
	*out = 0;
	if (found)
		*found = false;
	struct store_stmt *st;
	int rc = store_prepare_bound(s, sql, params, n, &st, e);
	if (rc)
		return rc;
	rc = store_step(st, e);
	if (rc == STORE_ROW) {
		if (found)
			*found = true;
		if (store_col_type(st, 0) != STORE_NULL)
			*out = store_col_int(st, 0);
	}
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

json_t *store_row_to_json(struct store_stmt *st)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int nc = store_col_count(st);
	for (int i = 0; i < nc; i++) {
		json_t *v;
		switch (store_col_type(st, i)) {
		case STORE_NULL:
			v = json_null();
			break;
		case STORE_INT:
			v = json_integer(store_col_int(st, i));
			break;
		case STORE_REAL:
			v = json_real(store_col_real(st, i));
			break;
		default:
			v = json_string(store_col_text(st, i));
			if (!v) /* not UTF-8: never happens for validated input; keep the row readable */
				v = json_string("?");
		}
		if (!v || json_object_set_new(o, store_col_name(st, i), v)) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

int store_rows_append(struct store_stmt *st, size_t max, store_row_fn *fn, const void *ctx, json_t *arr,
                      bool *truncated, struct err *e)
{
	int rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (json_array_size(arr) >= max) {
			if (truncated)
				*truncated = true;
			break;
		}
		json_t *row = fn ? fn(st, ctx) : store_row_to_json(st);
		if (!row || json_array_append_new(arr, row)) {
			store_reset(st);
			return oom(e);
		}
	}
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

int store_exists(struct store *s, const char *sql, const struct store_param *params, int n, bool *yes,
                 struct err *e)
{
	int64_t count = 0;
	int rc = store_count(s, sql, params, n, &count, NULL, e);
	*yes = count > 0;
	return rc;
}

int store_query_rows(struct store *s, const char *sql, const struct store_param *params, int n, size_t max,
                     json_t **out, struct err *e)
{
	*out = NULL;
	struct store_stmt *st;
	int rc = store_prepare_bound(s, sql, params, n, &st, e);
	if (rc)
		return rc;
	json_t *arr = json_array();
	if (!arr) {
		store_reset(st);
		return oom(e);
	}
	if ((rc = store_rows_append(st, max, NULL, NULL, arr, NULL, e))) {
		json_decref(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int store_query_row(struct store *s, const char *sql, const struct store_param *params, int n, const char *what,
                    json_t **row, struct err *e)
{
	json_t *arr;
	int rc = store_query_rows(s, sql, params, n, 1, &arr, e);
	if (rc) {
		*row = NULL;
		return rc;
	}
	*row = json_incref(json_array_get(arr, 0));
	json_decref(arr);
	return *row ? 0 : err_set(e, ERR_NOT_FOUND, "id", "no such %s", what);
}
