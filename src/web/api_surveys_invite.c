/* api_surveys_invite: invitation links. A random 32-byte token per link, shown once (only its hash is kept), its
 * absolute URL and QR code for printing, and the JSON routes GET|POST /api/v1/survey-invitations. */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/survey_invite.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"

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

/* The links body asks for (app_survey_invite), each with its absolute address as the request's host gives it. */
int survey_web_invite(struct web_request *r, json_t *body, json_t **out)
{
	int rc = app_survey_invite(web_actor(r), body, out, &r->err);
	if (rc)
		return rc;
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(*out, "items"), i, row) json_object_set_new(
		row, "url", json_string(survey_web_link(r, json_string_value(json_object_get(row, "token")))));
	json_incref(*out); /* the callers own what they get, as before */
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
	json_array_foreach(items, i, row) json_object_set_new(row, "state", json_string(app_survey_link_state(row)));
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

