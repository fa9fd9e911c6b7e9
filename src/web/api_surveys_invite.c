/* api_surveys_invite: invitation links. A random 32-byte token per link, shown once (only its hash is kept), its
 * absolute URL and QR code for printing, and the JSON routes GET|POST /api/v1/survey-invitations. */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/survey_review.h"
#include "auth/audit.h"
#include "core/validate.h"
#include "store/entity_store.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"

static void iso_in(long seconds, char out[21])
{
	time_t t = time(NULL) + seconds;
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------------- invitations, links, QR */

const char *survey_web_link(struct web_request *r, const char *token)
{
	const char *host = web_header(r, "Host");
	bool ok = host && *host && strlen(host) < 200;
	for (const char *p = host; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' ||
		     *p == '-' || *p == ':' || *p == '[' || *p == ']';
	const bool tls = r->srv && web_server_config(r->srv)->secure_cookies;
	return arena_printf(r->arena, "%s://%s/s/%s", tls ? "https" : "http", ok ? host : "localhost", token);
}

int survey_web_qr_svg(struct buf *b, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	const int w = qr->width, q = 4;
	html_printf(b,
	            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 %d %d\" role=\"img\" "
	            "aria-label=\"%s\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>"
	            "<path fill=\"#000\" d=\"",
	            w + 2 * q, w + 2 * q, label, w + 2 * q, w + 2 * q);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1)
				html_printf(b, "M%d %dh1v1h-1z", x + q, y + q);
	html_raw_trusted(b, "\"/></svg>");
	QRcode_free(qr);
	return b->failed ? -1 : 0;
}

static int get_long(struct web_request *r, json_t *body, const char *name, long def, long min, long max, long *out)
{
	json_t *v = json_object_get(body, name);
	*out = def;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return web_error(r, ERR_INVALID, name, "%s must be a whole number from %ld to %ld", name, min, max);
	*out = (long)json_integer_value(v);
	return 0;
}

/* 0 when the row id of entity ent is one the actor may use; else the request fails as a bad reference in field. */
static int check_ref(struct web_request *r, enum entity_id ent, int64_t id, const char *field, const char *message)
{
	struct err e = {0};
	json_t *row;
	int rc = store_entity_get(r->store, entity_get(ent), r->p.org_id, id, &row, &e);
	if (rc) {
		err_key(&e, ERR_INVALID, field, "ref", "%s", message);
		return survey_web_fail(r, rc == ERR_NOT_FOUND ? ERR_INVALID : rc, &e);
	}
	json_decref(row);
	return 0;
}

int survey_web_invite(struct web_request *r, json_t *body, json_t **out)
{
	*out = NULL;
	static const char *const known[] = {"survey_id", "single_use", "count", "max_uses", "expires_in_days",
	                                    "client_id", "label", "lang", "programme_id", "target_groups", "intake_on",
	                                    "employer_id", NULL};
	const char *k;
	json_t *v;
	json_object_foreach(body, k, v) {
		bool ok = false;
		for (size_t i = 0; known[i]; i++)
			ok |= strcmp(k, known[i]) == 0;
		if (!ok)
			return web_error(r, ERR_INVALID, k, "%.60s is not a field of an invitation", k);
	}
	long survey_id, count, max_uses, days, client_id, programme_id, employer_id;
	int rc;
	if ((rc = get_long(r, body, "survey_id", 0, 1, 1L << 50, &survey_id)) ||
	    (rc = get_long(r, body, "count", 1, 1, 100, &count)) ||
	    (rc = get_long(r, body, "max_uses", 0, 1, 100000, &max_uses)) ||
	    (rc = get_long(r, body, "expires_in_days", 14, 1, 365, &days)) ||
	    (rc = get_long(r, body, "client_id", 0, 1, 1L << 50, &client_id)) ||
	    (rc = get_long(r, body, "programme_id", 0, 1, 1L << 50, &programme_id)) ||
	    (rc = get_long(r, body, "employer_id", 0, 1, 1L << 50, &employer_id)))
		return rc;
	/* what the link sets on the client when its answers are accepted: the values of the client's own fields */
	json_t *tg = json_object_get(body, "target_groups");
	char *tgtext = NULL;
	if (tg && !json_is_null(tg)) {
		const struct field_def *f = entity_field(entity_get(ENT_CLIENTS), "target_groups");
		bool ok = json_is_array(tg) && json_array_size(tg) <= 10;
		size_t i;
		json_t *x;
		json_array_foreach(tg, i, x) {
			bool listed = false;
			for (size_t n = 0; json_is_string(x) && f->values[n]; n++)
				listed |= strcmp(f->values[n], json_string_value(x)) == 0;
			ok &= listed;
		}
		if (!ok)
			return web_error(r, ERR_INVALID, "target_groups", "target_groups must be a list of client target groups");
		if (json_array_size(tg) && !(tgtext = json_dumps(tg, JSON_COMPACT)))
			return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
		if (tgtext && arena_defer(r->arena, free, tgtext)) {
			free(tgtext);
			return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
		}
	}
	json_t *io = json_object_get(body, "intake_on");
	const char *intake_on = json_string_value(io);
	if (io && !json_is_null(io) && (!intake_on || !validate_date(intake_on)))
		return web_error(r, ERR_INVALID, "intake_on", "intake_on must be a date (YYYY-MM-DD)");
	if (!survey_id)
		return web_error(r, ERR_INVALID, "survey_id", "survey_id is required");
	json_t *su = json_object_get(body, "single_use");
	if (su && !json_is_boolean(su))
		return web_error(r, ERR_INVALID, "single_use", "single_use must be true or false");
	bool single = !su || json_is_true(su);
	const char *label = json_string_value(json_object_get(body, "label"));
	if (json_object_get(body, "label") && !json_is_null(json_object_get(body, "label")) &&
	    (!label || strlen(label) > 100 || !validate_utf8(label, strlen(label))))
		return web_error(r, ERR_INVALID, "label", "label must be text of at most 100 bytes");
	const char *lang = json_string_value(json_object_get(body, "lang"));
	if (lang && !validate_lang_code(lang))
		return web_error(r, ERR_INVALID, "lang", "lang must be a two-letter language code");
	if (!single)
		count = 1;
	struct err e = {0};
	json_t *srow;
	if ((rc = survey_store_get(r->store, r->p.org_id, survey_id, &srow, &e)))
		return survey_web_fail(r, rc, &e);
	/* who may send which survey, and to whom: src/app/survey_review.h (survey_review_may_invite) */
	const char *slug = json_string_value(json_object_get(srow, "slug"));
	rc = survey_review_may_invite(r->p.role, slug, client_id, employer_id, &e);
	json_decref(srow);
	if (rc)
		return survey_web_fail(r, rc, &e);
	if (employer_id &&
	    (rc = check_ref(r, ENT_EMPLOYERS, employer_id, "employer_id", "no employer with that id in your organisation")))
		return rc;
	if (client_id &&
	    (rc = check_ref(r, ENT_CLIENTS, client_id, "client_id", "no client with that id that you can use")))
		return rc;
	if (programme_id &&
	    (rc = check_ref(r, ENT_PROGRAMMES, programme_id, "programme_id", "no programme with that id in your organisation")))
		return rc;
	char expires[21];
	iso_in(days * 86400L, expires);
	json_t *items = survey_web_own(r, json_array());
	for (long i = 0; i < count; i++) {
		char tok[AUTH_TOKEN_HEX + 1], hash[65];
		auth_random_token(tok);
		auth_hash_hex(tok, strlen(tok), hash);
		struct survey_invitation_new in = {
			.org_id = r->p.org_id, .survey_id = survey_id, .client_id = client_id, .created_by = r->p.user_id,
			.token_hash = hash, .label = label, .lang = lang, .expires_at = expires, .single_use = single,
			.max_uses = single ? 0 : max_uses, .programme_id = programme_id, .target_groups = tgtext,
			.intake_on = intake_on, .employer_id = employer_id,
		};
		int64_t id;
		if ((rc = survey_store_invitation_insert(r->store, &in, &id, &e)))
			return survey_web_fail(r, rc, &e);
		if ((rc = survey_web_audit(r, "create", "survey-invitations", id, client_id, single ? "single_use" : "group")))
			return rc;
		json_array_append_new(items, json_pack("{s:I,s:s,s:s,s:s,s:b}", "id", (json_int_t)id, "token", tok, "url",
		                                       survey_web_link(r, tok), "expires_at", expires, "single_use", single));
	}
	*out = json_pack("{s:O}", "items", items);
	return 0;
}

int survey_api_invitations_list(struct web_request *r)
{
	json_t *items;
	struct err e = {0};
	int rc = survey_store_invitation_list(r->store, r->p.org_id, &items, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) json_object_set_new(row, "state", json_string(survey_web_inv_state(row)));
	return web_json(r, 200, json_pack("{s:o}", "items", items));
}

int survey_api_invitations_create(struct web_request *r)
{
	json_t *body, *out;
	int rc = web_json_body(r, &body);
	if (rc || (rc = survey_web_invite(r, body, &out)))
		return rc;
	return web_json(r, 201, out);
}

