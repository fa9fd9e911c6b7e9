/* api_privacy: the data subject's rights, for the counsellor who handles the request:
 *   GET  /api/v1/clients/{id}/export                      everything held about the client, as JSON (audited 'export')
 *   GET  /clients/{id}/export.html                        the same as a readable page
 *   POST /api/v1/clients/{id}/erase {"reason"}             erasure: personal data removed, a tombstone kept for figures
 *   POST /api/v1/clients/{id}/consents/{purpose}/withdraw  withdraw consent now (matching stops at once)
 *   GET  /api/v1/privacy/retention?inactive_months=N       clients with no service event or change for N months
 *   POST /api/v1/privacy/retention/erase {"client_ids"}    erase those, after review
 * Rules live in src/domain/privacy.c, statements in src/store/privacy_store.c; everything runs in the request's one
 * transaction, so an erasure and its audit entry land together or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/consent.h"
#include "app/policy.h"
#include "app/survey_review.h"
#include "auth/audit.h"
#include "core/jget.h"
#include "core/validate.h"
#include "domain/privacy.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"
#include "web/api.h"
#include "web/html.h"
#include "web/modules.h"

/* The acting user may handle data subject requests (counsellors, from the entity table) and the id is a number. */
static int manage_check(struct web_request *r, int64_t *client_id)
{
	if (!privacy_may_manage(r->p.role))
		return web_error(r, ERR_FORBIDDEN, "", "your role (%s) may not handle data subject requests",
		                 role_name(r->p.role));
	return client_id ? web_path_id(r, 0, client_id) : 0;
}

/* The export with the fields the reader may not see removed (as the entity API would). */
static int build_export(struct web_request *r, int64_t id, json_t **out)
{
	struct err e = {0};
	json_t *x;
	int rc = privacy_store_export(r->store, r->p.org_id, id, &x, &e);
	if (rc)
		return web_fail(r, rc, &e);
	/* an answer that fills a field the reader may not see goes as the field does */
	if ((rc = survey_review_redact_export(web_actor(r), id, json_object_get(x, "survey-responses"), &e))) {
		json_decref(x);
		return web_fail(r, rc, &e);
	}
	policy_redact(web_actor(r), entity_get(ENT_CLIENTS), json_object_get(x, "client"), json_object_get(x, "client"));
	if (json_is_object(json_object_get(x, "family")))
		policy_redact(web_actor(r), entity_get(ENT_FAMILIES), json_object_get(x, "family"), json_object_get(x, "family"));
	size_t k;
	json_t *row;
	for (size_t i = 0; i < privacy_rule_count; i++) {
		const struct entity_def *d = entity_find(privacy_rules[i].entity);
		if (d)
			json_array_foreach(json_object_get(x, d->name), k, row) policy_redact(web_actor(r), d, row, row);
	}
	json_t *client = json_object_get(x, "client");
	bool assigned = policy_row_assigned(web_actor(r), entity_get(ENT_CLIENTS), jget_int(client, "counsellor_id"), id);
	json_array_foreach(json_object_get(x, "audit"), k, row) policy_redact_audit_entry(web_actor(r), assigned, row);
	char now[21];
	store_now(now);
	json_object_set_new(x, "format", json_string("osaaja-export-1"));
	json_object_set_new(x, "client_id", json_integer(id));
	json_object_set_new(x, "generated_at", json_string(now));
	*out = x;
	return 0;
}

static int export_audit(struct web_request *r, int64_t id, const char *format)
{
	struct err e = {0};
	int rc = audit_principal(r->store, &r->p, "export", "clients", id, id, format, &e);
	return rc ? web_fail(r, rc, &e) : 0;
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
	int rc = manage_check(r, &id);
	if (rc || (rc = build_export(r, id, &x)))
		return rc;
	if ((rc = export_audit(r, id, html ? "format=html" : "format=json"))) {
		json_decref(x);
		return rc;
	}
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

/* Erases one client (already known to be in scope) and writes its audit entry. */
static int erase_one(struct web_request *r, int64_t id, const char *reason, struct privacy_counts *c)
{
	struct err e = {0};
	char now[21];
	store_now(now);
	int rc = privacy_store_erase(r->store, r->p.org_id, id, now, c, &e);
	if (rc)
		return web_fail(r, rc, &e);
	char detail[160];
	snprintf(detail, sizeof detail, "reason=%s deleted=%lld scrubbed=%lld withdrawn=%lld", reason,
	         (long long)c->deleted, (long long)c->scrubbed, (long long)c->withdrawn);
	if ((rc = audit_principal(r->store, &r->p, "erase", "clients", id, id, detail, &e)))
		return web_fail(r, rc, &e);
	app_note_change(web_actor(r), entity_get(ENT_CLIENTS), id); /* the match index drops the client after commit */
	return 0;
}

static int erase(struct web_request *r)
{
	int64_t id;
	int rc = manage_check(r, &id);
	json_t *body;
	if (rc || (rc = web_json_body(r, &body)))
		return rc;
	json_t *rj = json_object_get(body, "reason");
	const char *reason;
	struct err e = {0};
	if ((rc = privacy_reason_parse(json_is_string(rj) ? json_string_value(rj) : NULL, &reason, &e)))
		return web_fail(r, rc, &e);
	struct privacy_counts c = {0};
	if ((rc = erase_one(r, id, reason, &c)))
		return rc;
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
	int rc = manage_check(r, NULL);
	long months;
	if (rc || (rc = months_of(r, NULL, &months)))
		return rc;
	char today[11], cutoff[11];
	validate_today(today);
	struct err e = {0};
	json_t *items;
	if ((rc = privacy_retention_cutoff(today, months, cutoff, &e)) ||
	    (rc = privacy_store_inactive(r->store, r->p.org_id, cutoff, 1000, &items, &e)))
		return web_fail(r, rc, &e);
	size_t n = json_array_size(items), i;
	int64_t *ids = arena_alloc(r->arena, (n ? n : 1) * sizeof *ids);
	json_t *row;
	json_array_foreach(items, i, row)
		if (ids)
			ids[i] = json_integer_value(json_object_get(row, "id"));
	if (!ids)
		rc = err_oom(&e);
	if (rc || (rc = audit_principal_subjects(r->store, &r->p, "list", "clients", 0, "retention ", ids, n, &e))) {
		json_decref(items);
		return web_fail(r, rc, &e);
	}
	return web_json(r, 200, json_pack("{s:i,s:s,s:I,s:o}", "inactive_months", (int)months, "cutoff", cutoff, "total",
	                                  (json_int_t)json_array_size(items), "items", items));
}

static int retention_erase(struct web_request *r)
{
	int rc = manage_check(r, NULL);
	json_t *body;
	long months;
	if (rc || (rc = web_json_body(r, &body)) || (rc = months_of(r, body, &months)))
		return rc;
	json_t *ids = json_object_get(body, "client_ids");
	size_t room = APP_CHANGES_MAX - (size_t)r->changes.n;
	size_t max = room < PRIVACY_BATCH_MAX ? room : PRIVACY_BATCH_MAX;
	if (!json_is_array(ids) || json_array_size(ids) == 0 || json_array_size(ids) > max)
		return web_error(r, ERR_INVALID, "client_ids", "client_ids must be a list of 1 to %zu client ids", max);
	char today[11], cutoff[11];
	validate_today(today);
	struct err e = {0};
	if ((rc = privacy_retention_cutoff(today, months, cutoff, &e)))
		return web_fail(r, rc, &e);
	size_t i, k;
	json_t *v;
	/* Check them all before erasing any: a confirmation covers exactly the reviewed list. */
	json_array_foreach(ids, i, v) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return web_error(r, ERR_INVALID, "client_ids", "client_ids must hold positive whole numbers");
		for (k = 0; k < i; k++)
			if (json_integer_value(json_array_get(ids, k)) == json_integer_value(v))
				return web_error(r, ERR_INVALID, "client_ids", "client %lld is named twice",
				                 (long long)json_integer_value(v));
		int64_t id = (int64_t)json_integer_value(v);
		bool inactive, erased;
		if ((rc = privacy_store_client_inactive(r->store, r->p.org_id, id, cutoff, &inactive, &e)) ||
		    (rc = privacy_store_is_erased(r->store, id, &erased, &e)))
			return web_fail(r, rc, &e);
		if (erased)
			return web_error(r, ERR_CONFLICT, "client_ids", "client %lld has already been erased", (long long)id);
		if (!inactive)
			return web_error(r, ERR_CONFLICT, "client_ids",
			                 "client %lld has had service events or changes since %s; nothing was erased",
			                 (long long)id, cutoff);
	}
	json_t *done = json_array();
	json_array_foreach(ids, i, v) {
		struct privacy_counts c = {0};
		if ((rc = erase_one(r, (int64_t)json_integer_value(v), "retention", &c))) {
			json_decref(done);
			return rc;
		}
		json_array_append_new(done, json_integer(json_integer_value(v)));
	}
	return web_json(r, 200, json_pack("{s:o,s:I,s:s}", "erased", done, "count", (json_int_t)json_array_size(ids),
	                                  "reason", "retention"));
}

const struct route api_privacy_routes[] = {
	{"GET", "/api/v1/clients/{id}/export", export_json, 0, ROLES_ALL,
	 "everything held about a client, machine-readable (GDPR access and portability; audited as export)"},
	{"GET", "/clients/{id}/export.html", export_html, RF_HTML, ROLES_ALL,
	 "everything held about a client as a readable page"},
	{"POST", "/api/v1/clients/{id}/erase", erase, 0, ROLES_ALL,
	 "erase a client's personal data {reason}; a tombstone without personal data keeps the figures"},
	{"POST", "/api/v1/clients/{id}/consents/{purpose}/withdraw", withdraw, 0, ROLES_ALL,
	 "withdraw the client's consent for a purpose (matching, share_employer, share_partner) from today"},
	{"GET", "/api/v1/privacy/retention", retention_list, 0, ROLES_ALL,
	 "clients with no service event or change for ?inactive_months (default 36), for review"},
	{"POST", "/api/v1/privacy/retention/erase", retention_erase, 0, ROLES_ALL,
	 "erase reviewed inactive clients {client_ids, inactive_months}"},
};
const size_t api_privacy_routes_count = sizeof api_privacy_routes / sizeof *api_privacy_routes;
