/* entity_list: the one read path of a list of rows (see app_entity_list in entity.h): access, the sort and search
 * this actor may ask for, scope, redaction per field and row, one audit entry naming the clients listed. */
#include <stdio.h>
#include <string.h>

#include "app/entity.h"
#include "app/entity_internal.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/jget.h"
#include "core/arena.h"
#include "core/jsonw.h"

/* The query as this actor may run it: a search looks only into fields it may read on every row (whether it is
 * assigned to a row is not known before the row is found), so nobody finds a row by a value the answer would hide. */
static struct store_list_query readable_search(const struct actor *a, const struct entity_def *d,
                                               const struct store_list_query *lq)
{
	struct store_list_query q = *lq;
	for (size_t i = 0; i < d->nfields && i < 64; i++)
		if ((d->fields[i].flags & FF_SEARCH) && !entity_field_visible(&d->fields[i], a->p->role, false))
			q.search_skip |= (uint64_t)1 << i;
	return q;
}

/* A sort (comma-separated field names) this actor may ask for: at most 4 fields of d, each one it may read on every
 * row (an order by a hidden value would tell that value), no long text. */
static int check_sort(const struct actor *a, const struct entity_def *d, const char *sort, struct err *e)
{
	int n = 0;
	for (const char *p = sort; p && *p; n++) {
		const char *c = strchr(p, ',');
		size_t len = c ? (size_t)(c - p) : strlen(p);
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)(len < 63 ? len : 63), p);
		const struct field_def *f = len < 63 ? entity_field(d, name) : NULL;
		if (n == 4 || !f || f->type == FT_LONGTEXT || !entity_field_visible(f, a->p->role, false))
			return err_key(e, ERR_INVALID, "sort", "sort_field",
			               n == 4 ? "sort by at most 4 fields" : "%.60s is not a field of %s you can sort by", name,
			               d->name);
		p = c ? c + 1 : p + len;
	}
	return 0;
}

/* The conditions on other entities (lq->has) as this actor may run them into has[]: it must read each of those
 * entities and the field of its filter, and their search looks only into fields it may read on every row. */
static int readable_has(const struct actor *a, struct store_list_query *q, struct store_has has[STORE_HAS_MAX],
                        struct err *e)
{
	if (q->nhas > STORE_HAS_MAX)
		return err_set(e, ERR_INVALID, "", "too many conditions on other entities (at most %d)", STORE_HAS_MAX);
	for (size_t h = 0; h < q->nhas; h++) {
		const struct entity_def *hd = q->has[h].d;
		int rc = policy_entity_access(a, hd, ACC_READ, e);
		if (rc)
			return rc;
		has[h] = q->has[h];
		if (has[h].filter.f && !entity_field_visible(has[h].filter.f, a->p->role, false))
			return err_set(e, ERR_FORBIDDEN, has[h].filter.f->name, "you may not read %s of %s",
			               has[h].filter.f->name, hd->name);
		for (size_t i = 0; i < hd->nfields && i < 64; i++)
			if ((hd->fields[i].flags & FF_SEARCH) && !entity_field_visible(&hd->fields[i], a->p->role, false))
				has[h].search_skip |= (uint64_t)1 << i;
	}
	q->has = q->nhas ? has : NULL;
	return 0;
}

/* The list's access, sort and conditions as this actor may ask for them: the query to run in *q (has[] holds its
 * conditions on other entities). */
static int list_query(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                      struct store_list_query *q, struct store_has has[STORE_HAS_MAX], struct err *e)
{
	int rc = policy_entity_access(a, d, ACC_READ, e);
	if (!rc)
		rc = check_sort(a, d, lq->sort, e);
	*q = readable_search(a, d, lq);
	return rc ? rc : readable_has(a, q, has, e);
}

/* The one audit entry of a list: every client listed is its subject (audit_principal_list), so the list is in each
 * one's access log. Entities without a client field (and admin lists) are not audited, as app_entity_audit. */
struct list_ids {
	int64_t *v;
	size_t n, cap;
	bool oom;
};

static void list_ids_add(const struct actor *a, struct list_ids *l, int64_t client_id)
{
	if (!client_id)
		return;
	if (arena_grow(a->arena, &l->v, &l->cap, l->n, sizeof *l->v, 64))
		l->oom = true;
	else
		l->v[l->n++] = client_id;
}

static int list_audit(const struct actor *a, const struct entity_def *d, size_t rows, const struct list_ids *l,
                      struct err *e)
{
	if (!rows || !entity_audited(d))
		return 0;
	if (l->oom) /* nothing is answered that its entry does not name */
		return err_oom(e);
	if (!l->n) /* rows without a client (none of the list's rows names one) */
		return app_entity_audit(a, d, "list", 0, 0, "ids=", e);
	return audit_principal_subjects(a->store, a->p, "list", d->name, 0, "", l->v, l->n, e);
}

int app_entity_list(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                    json_t **items, int64_t *total, struct err *e)
{
	*items = NULL;
	struct store_list_query q = {0};
	struct store_has has[STORE_HAS_MAX] = {{0}};
	int rc = list_query(a, d, lq, &q, has, e);
	if (rc || (rc = store_entity_list(a->store, d, policy_scope(a, d), &q, items, total, e)))
		return rc;
	if (!(*items = arena_json(a->arena, *items))) /* released: out of memory */
		return err_oom(e);
	size_t i;
	json_t *row;
	struct list_ids ids = {0};
	const char *client_col = entity_audit_client(d);
	json_array_foreach(*items, i, row) {
		list_ids_add(a, &ids, client_col ? jget_int(row, client_col) : 0);
		policy_redact(a, d, row, row);
	}
	return list_audit(a, d, json_array_size(*items), &ids, e);
}

int app_entity_count(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                     int64_t *total, struct err *e)
{
	struct store_list_query one = readable_search(a, d, lq);
	one.limit = 1;
	json_t *items = NULL;
	struct store_has has[STORE_HAS_MAX] = {{0}};
	int rc = policy_entity_access(a, d, ACC_READ, e);
	if (!rc)
		rc = readable_has(a, &one, has, e);
	if (!rc)
		rc = store_entity_list(a->store, d, policy_scope(a, d), &one, &items, total, e);
	json_decref(items);
	return rc;
}


/* The rows of a list as they are written: the redaction of each (its assignment decides, read from its own columns)
 * and the clients named in the audit entry. */
struct list_out {
	const struct actor *a;
	const struct entity_def *d;
	struct jsonw *w;
	bool redacts;
	bool *hidden_assigned, *hidden_other; /* policy_hidden_fields for a row read as assigned or not */
	int counsellor_col, client_col;       /* -1: the row has no such column */
	const struct field_def **cols;        /* the field of each column (store_row_fields), NULL: look up per row */
	size_t n;
	struct list_ids ids;
};

static int column_named(struct store_stmt *st, const char *name)
{
	int nc = store_col_count(st);
	for (int i = 0; name && i < nc; i++)
		if (strcmp(store_col_name(st, i), name) == 0)
			return i;
	return -1;
}

static int write_row(void *ctx, struct store_stmt *st, struct err *e)
{
	(void)e;
	struct list_out *o = ctx;
	if (o->n == 0) { /* every row has the same columns */
		o->counsellor_col = entity_is_client(o->d) ? column_named(st, "counsellor_id") : -1;
		o->client_col = column_named(st, entity_audit_client(o->d));
		int nc = store_col_count(st);
		if ((o->cols = arena_alloc(o->a->arena, (size_t)nc * sizeof *o->cols + 1)))
			store_row_fields(st, o->d, o->cols, nc);
	}
	int64_t cid = o->client_col >= 0 ? store_col_int(st, o->client_col) : 0;
	const bool *hidden = NULL;
	if (o->redacts) {
		int64_t counsellor = o->counsellor_col >= 0 ? store_col_int(st, o->counsellor_col) : 0;
		hidden = policy_row_assigned(o->a, o->d, counsellor, cid) ? o->hidden_assigned : o->hidden_other;
	}
	store_row_write(st, o->d, o->cols, hidden, o->w);
	list_ids_add(o->a, &o->ids, cid);
	o->n++;
	return 0;
}

int app_entity_list_write(const struct actor *a, const struct entity_def *d, const struct store_list_query *lq,
                          struct jsonw *w, int64_t *total, struct err *e)
{
	struct store_list_query q = {0};
	struct store_has has[STORE_HAS_MAX] = {{0}};
	int rc = list_query(a, d, lq, &q, has, e);
	if (rc)
		return rc;
	struct list_out o = {.a = a, .d = d, .w = w, .redacts = policy_redacts(d)};
	if (o.redacts) {
		o.hidden_assigned = arena_alloc(a->arena, d->nfields * sizeof *o.hidden_assigned + 1);
		o.hidden_other = arena_alloc(a->arena, d->nfields * sizeof *o.hidden_other + 1);
		if (!o.hidden_assigned || !o.hidden_other)
			return err_oom(e);
		policy_hidden_fields(a, d, true, o.hidden_assigned);
		policy_hidden_fields(a, d, false, o.hidden_other);
	}
	jsonw_arr(w);
	if ((rc = store_entity_list_each(a->store, d, policy_scope(a, d), &q, write_row, &o, total, e)))
		return rc;
	jsonw_arr_end(w);
	if (jsonw_status(w))
		return err_set(e, ERR_UNAVAILABLE, "", "the list is too large to send");
	return list_audit(a, d, o.n, &o.ids, e);
}
