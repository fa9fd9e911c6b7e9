/* api_privacy: the data subject's rights, for the counsellor who handles the request:
 *   GET  /api/v1/clients/{id}/export                      everything held about the client, as JSON (audited 'export')
 *   GET  /clients/{id}/export.html                        the same as a readable page
 *   POST /api/v1/clients/{id}/erase {"reason"}             erasure: personal data removed, a tombstone kept for figures
 *   POST /api/v1/clients/{id}/consents/{purpose}/withdraw  withdraw consent now (matching stops at once)
 *   GET  /api/v1/privacy/retention?inactive_months=N       clients with no service event or change for N months
 *   POST /api/v1/privacy/retention/erase {"client_ids"}    erase those, after review
 * The verbs, with their whole pipeline, are src/app/privacy.c's; this file reads the request and writes the answer (and
 * the export as a page). Everything runs in the request's one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/consent.h"
#include "app/privacy.h"
#include "domain/privacy.h"
#include "web/api.h"
#include "web/html.h"
#include "web/modules.h"

/* The acting user may handle data subject requests (asked first, as every verb asks again) and the id is a number. */
static int manage_check(struct web_request *r, int64_t *client_id)
{
	struct err e = {0};
	int rc = app_privacy_may_manage(web_actor(r), &e);
	if (rc)
		return web_fail(r, rc, &e);
	return client_id ? web_path_id(r, 0, client_id) : 0;
}

/* Every byte of the page goes through the escaping writer: stored values with html_txt, literals with
 * html_raw_trusted. */
static void page_int(struct buf *b, long long v)
{
	html_printf(b, "%lld", v);
}

/* One JSON value as text for the page (objects and arrays compact JSON). */
static void page_value(struct buf *b, json_t *v)
{
	if (json_is_string(v))
		html_txt(b, json_string_value(v));
	else if (json_is_integer(v))
		page_int(b, (long long)json_integer_value(v));
	else if (json_is_real(v))
		html_printf(b, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		html_txt(b, json_is_true(v) ? "yes" : "no");
	else if (!json_is_null(v)) {
		char *s = json_dumps(v, JSON_COMPACT);
		html_txt(b, s);
		free(s);
	}
}

static void page_rows(struct buf *b, json_t *row)
{
	const char *k;
	json_t *v;
	html_raw_trusted(b, "<table>\n");
	json_object_foreach(row, k, v) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		html_txt(b, k);
		html_raw_trusted(b, "</th><td>");
		page_value(b, v);
		html_raw_trusted(b, "</td></tr>\n");
	}
	html_raw_trusted(b, "</table>\n");
}

/* The export as a readable page; takes x. */
static int export_page(struct web_request *r, int64_t id, json_t *x)
{
	struct buf *b = &r->out;
	r->out.len = 0;
	const char *generated = json_string_value(json_object_get(x, "generated_at"));
	html_raw_trusted(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Data held about client ");
	page_int(b, (long long)id);
	html_raw_trusted(b, "</title></head><body><main>\n<h1>Data held about client ");
	page_int(b, (long long)id);
	html_raw_trusted(b, "</h1>\n<p>Generated ");
	html_txt(b, generated);
	html_raw_trusted(b, ". The same data as JSON: <a href=\"/api/v1/clients/");
	page_int(b, (long long)id);
	html_raw_trusted(b, "/export\">osaaja-client-");
	page_int(b, (long long)id);
	html_raw_trusted(b, ".json</a>.</p>\n<h2>Client</h2>\n");
	page_rows(b, json_object_get(x, "client"));
	if (json_is_object(json_object_get(x, "family"))) {
		html_raw_trusted(b, "<h2>Family</h2>\n");
		page_rows(b, json_object_get(x, "family"));
	}
	const char *key;
	json_t *sec;
	json_object_foreach(x, key, sec) {
		if (!json_is_array(sec))
			continue;
		html_raw_trusted(b, "<section><h2>");
		html_txt(b, key);
		html_raw_trusted(b, " (");
		page_int(b, (long long)json_array_size(sec));
		html_raw_trusted(b, ")</h2>\n");
		size_t k;
		json_t *row;
		json_array_foreach(sec, k, row) {
			if (json_is_object(row))
				page_rows(b, row);
		}
		html_raw_trusted(b, "</section>\n");
	}
	if (json_is_true(json_object_get(x, "truncated")))
		html_raw_trusted(b, "<p><strong>Some sections hold more rows than one export carries (10 000); ask the "
		               "administrator for a full extract.</strong></p>\n");
	html_raw_trusted(b, "</main></body></html>\n");
	json_decref(x);
	if (b->failed)
		return web_error(r, ERR_UNAVAILABLE, "", "the page is too large");
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	return 0;
}

/* The export of the path's client, built and audited, as a JSON file or (html) a readable page. */
static int export_client(struct web_request *r, bool html)
{
	int64_t id;
	json_t *x;
	struct err e = {0};
	int rc = manage_check(r, &id);
	if (rc)
		return rc;
	if ((rc = app_privacy_export(web_actor(r), id, html ? "format=html" : "format=json", &x, &e)))
		return web_fail(r, rc, &e);
	if (html)
		return export_page(r, id, x);
	char cd[96];
	snprintf(cd, sizeof cd, "attachment; filename=\"osaaja-client-%lld.json\"", (long long)id);
	web_add_header(r, "Content-Disposition", cd);
	return web_json(r, 200, x);
}

static int export_json(struct web_request *r)
{
	return export_client(r, false);
}

static int export_html(struct web_request *r)
{
	return export_client(r, true);
}

static int erase(struct web_request *r)
{
	int64_t id;
	json_t *body;
	struct err e = {0};
	int rc = manage_check(r, &id);
	if (rc || (rc = web_json_body(r, &body)))
		return rc;
	json_t *rj = json_object_get(body, "reason");
	const char *reason;
	struct privacy_counts c = {0};
	if ((rc = privacy_reason_parse(json_is_string(rj) ? json_string_value(rj) : NULL, &reason, &e)) ||
	    (rc = app_privacy_erase(web_actor(r), id, reason, &c, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200,
	                json_pack("{s:I,s:b,s:s,s:I,s:I,s:I}", "id", (json_int_t)id, "erased", 1, "reason", reason,
	                          "deleted", (json_int_t)c.deleted, "scrubbed", (json_int_t)c.scrubbed, "withdrawn",
	                          (json_int_t)c.withdrawn));
}

static int withdraw(struct web_request *r)
{
	return web_answer_id_text_verb(r, app_consent_withdraw, r->nparams > 1 ? r->params[1] : "", NULL);
}

static int months_of(struct web_request *r, json_t *body, long *months)
{
	*months = PRIVACY_RETENTION_DEFAULT;
	json_t *m = body ? json_object_get(body, "inactive_months") : NULL;
	if (m) {
		if (!json_is_integer(m))
			return web_error(r, ERR_INVALID, "inactive_months", "inactive_months must be a whole number");
		*months = (long)json_integer_value(m);
		return 0;
	}
	const char *q = body ? NULL : web_query(r, "inactive_months");
	if (q) {
		char *end;
		long v = strtol(q, &end, 10);
		if (!*q || *end || strlen(q) > 6)
			return web_error(r, ERR_INVALID, "inactive_months", "inactive_months must be a whole number");
		*months = v;
	}
	return 0;
}

static int retention_list(struct web_request *r)
{
	long months;
	char cutoff[11];
	json_t *items;
	struct err e = {0};
	int rc = manage_check(r, NULL);
	if (rc || (rc = months_of(r, NULL, &months)))
		return rc;
	if ((rc = app_privacy_inactive(web_actor(r), months, cutoff, &items, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:i,s:s,s:I,s:o}", "inactive_months", (int)months, "cutoff", cutoff, "total",
	                                  (json_int_t)json_array_size(items), "items", items));
}

static int retention_erase(struct web_request *r)
{
	json_t *body;
	long months;
	struct err e = {0};
	int rc = manage_check(r, NULL);
	if (rc || (rc = web_json_body(r, &body)) || (rc = months_of(r, body, &months)))
		return rc;
	json_t *ids = json_object_get(body, "client_ids"), *v;
	size_t n = json_array_size(ids), i;
	if (!json_is_array(ids) || n == 0 || n > PRIVACY_BATCH_MAX)
		return web_error(r, ERR_INVALID, "client_ids", "client_ids must be a list of 1 to %d client ids",
		                 PRIVACY_BATCH_MAX);
	int64_t list[PRIVACY_BATCH_MAX];
	json_array_foreach(ids, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return web_error(r, ERR_INVALID, "client_ids", "client_ids must hold positive whole numbers");
		list[i] = (int64_t)json_integer_value(v);
	}
	if ((rc = app_privacy_erase_inactive(web_actor(r), months, list, n, &e)))
		return web_fail(r, rc, &e);
	json_t *done = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(done, json_integer(list[i]));
	return web_json(r, 200, json_pack("{s:o,s:I,s:s}", "erased", done, "count", (json_int_t)n, "reason", "retention"));
}

const struct route api_privacy_routes[] = {
	{"GET", "/api/v1/clients/{id}/export", export_json, NULL, 0, ROLES_ALL,
	 "everything held about a client, machine-readable (GDPR access and portability; audited as export)"},
	{"GET", "/clients/{id}/export.html", export_html, NULL, RF_HTML, ROLES_ALL,
	 "everything held about a client as a readable page"},
	{"POST", "/api/v1/clients/{id}/erase", erase, NULL, 0, ROLES_ALL,
	 "erase a client's personal data {reason}; a tombstone without personal data keeps the figures"},
	{"POST", "/api/v1/clients/{id}/consents/{purpose}/withdraw", withdraw, NULL, 0, ROLES_ALL,
	 "withdraw the client's consent for a purpose (matching, share_employer, share_partner) from today"},
	{"GET", "/api/v1/privacy/retention", retention_list, NULL, 0, ROLES_ALL,
	 "clients with no service event or change for ?inactive_months (default 36), for review"},
	{"POST", "/api/v1/privacy/retention/erase", retention_erase, NULL, 0, ROLES_ALL,
	 "erase reviewed inactive clients {client_ids, inactive_months}"},
};
const size_t api_privacy_routes_count = sizeof api_privacy_routes / sizeof *api_privacy_routes;
