/* methods: service events by method (see report_methods in report.h). */
#include "report/internal.h"

/* One row per method used in the period and one for the events without a method; methods of the organisation only
 * (a service event's method is checked to be its own organisation's when it is written). */
static const char SQL_BY_METHOD[] =
	"SELECT e.method_id, m.name, CASE WHEN m.archived_at IS NULL THEN 0 ELSE 1 END, COUNT(*), "
	"COUNT(DISTINCT e.client_id) FROM service_events e{join:e} LEFT JOIN service_methods m ON m.id = e.method_id "
	"WHERE e.happened_on >= {from} AND e.happened_on <= {to}{xf:e} "
	"GROUP BY e.method_id, m.name, m.archived_at "
	"ORDER BY CASE WHEN e.method_id IS NULL THEN 1 ELSE 0 END, m.name, e.method_id";
static const char SQL_TOTAL[] = "SELECT COUNT(*), COUNT(DISTINCT e.client_id) FROM service_events e{join:e} "
                                "WHERE e.happened_on >= {from} AND e.happened_on <= {to}{xf:e}";

enum { METHODS_MAX = 1000 }; /* rows of one answer: an organisation's method list is short */

static json_t *count(int64_t n, int min_cell)
{
	return min_cell > 0 && n > 0 && n < min_cell ? json_null() : json_integer(n);
}

static json_t *counts(int64_t events, int64_t clients, int min_cell)
{
	json_t *j = json_object();
	json_object_set_new(j, "events", count(events, min_cell));
	json_object_set_new(j, "clients", count(clients, min_cell));
	return j;
}

int report_methods(struct store *s, const struct report_filter *f, int min_cell, json_t **out, struct err *e)
{
	*out = NULL;
	struct store_stmt *st = NULL;
	int rc = report_q_prepare(s, SQL_BY_METHOD, f, &st, e);
	if (rc)
		return rc;
	json_t *rows = json_array();
	size_t n = 0;
	while (n++ < METHODS_MAX && (rc = store_step(st, e)) == STORE_ROW) {
		json_t *row = counts(store_col_int(st, 3), store_col_int(st, 4), min_cell);
		bool none = store_col_type(st, 0) == STORE_NULL;
		const char *name = store_col_text(st, 1);
		json_object_set_new(row, "method_id", none ? json_null() : json_integer(store_col_int(st, 0)));
		json_object_set_new(row, "name", name ? json_string(name) : json_null());
		json_object_set_new(row, "archived", json_boolean(!none && store_col_int(st, 2)));
		json_array_append_new(rows, row);
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(rows);
		return -rc;
	}
	if ((rc = report_q_prepare(s, SQL_TOTAL, f, &st, e))) {
		json_decref(rows);
		return rc;
	}
	int64_t events = 0, clients = 0;
	if ((rc = store_step(st, e)) == STORE_ROW) {
		events = store_col_int(st, 0);
		clients = store_col_int(st, 1);
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(rows);
		return -rc;
	}
	*out = json_pack("{s:o,s:o,s:o}", "filter", report_filter_json(f), "methods", rows, "total",
	                 counts(events, clients, min_cell));
	if (*out && min_cell > 0)
		json_object_set_new(*out, "min_cell", json_integer(min_cell));
	return *out ? 0 : err_oom(e);
}
