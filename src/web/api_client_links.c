/* api_client_links: one person in two organisations' programmes (issue 15 item 5; the verbs in src/app/client_links.c,
 * docs/duplicates.md).
 *   GET  /api/v1/clients/{id}/link-candidates   the other organisations' clients this one may be (both consents now)
 *   POST /api/v1/clients/{id}/links             {client_id}: link the two records
 *   GET  /api/v1/clients/{id}/links             "also a client of <organisation>", while both consents hold
 *   DELETE /api/v1/clients/{id}/links/{link}     remove a link (either organisation)
 * The client page's section and its form (/clients/{id}/links) call the same verbs. */
#include <string.h>

#include "app/client_links.h"
#include "web/modules.h"
#include "web/pages/ui-duplicates.h"

static int candidates(struct web_request *r)
{
	return web_answer_id_verb(r, app_link_candidates, NULL);
}

static int links(struct web_request *r)
{
	return web_answer_id_verb(r, app_links_of, "items");
}

static int link(struct web_request *r)
{
	static const struct web_field fields[] = {{"client_id", JSON_INTEGER, true}};
	int64_t id;
	json_t *body;
	int rc = web_path_id_body(r, &id, &body, fields, 1);
	if (rc)
		return rc;
	json_int_t other = json_integer_value(json_object_get(body, "client_id"));
	if (other <= 0)
		return web_error(r, ERR_INVALID, "client_id", "client_id must be the other organisation's client id");
	json_t *out = NULL;
	struct err e = {0};
	rc = app_link_create(web_actor(r), id, (int64_t)other, &out, &e);
	return web_answer(r, rc, &e, 201, out, NULL);
}

static int unlink(struct web_request *r)
{
	int64_t id = web_param_id(r, 0), link = web_param_id(r, 1);
	if (!id || !link)
		return web_error(r, ERR_NOT_FOUND, "id", "the ids must be positive whole numbers");
	struct err e = {0};
	int rc = app_link_remove(web_actor(r), id, link, &e);
	if (rc)
		return web_answer(r, rc, &e, 200, NULL, NULL);
	return web_json(r, 200, json_pack("{s:b}", "removed", 1));
}


enum {
	H = RF_HTML,
	ACT = WEB_CLIENT_WRITERS,
	READ = WEB_CLIENT_READERS,
};

const struct route api_client_links_routes[] = {
	{"GET", "/api/v1/clients/{id}/link-candidates", candidates, NULL, 0, READ,
	 "the clients of other organisations this client may be (the duplicate rule), while both have a current "
	 "share_partner consent: {consent, items: [{client_id, organisation_id, organisation, reasons}]}"},
	{"POST", "/api/v1/clients/{id}/links", link, NULL, 0, ACT,
	 "link the client with one of its candidates in another organisation: {client_id}; needs both share_partner "
	 "consents now"},
	{"GET", "/api/v1/clients/{id}/links", links, NULL, 0, READ,
	 "the organisations where the client is also a client (linked records), while both consents hold: "
	 "{items: [{id, organisation_id, organisation, linked_at}]}"},
	{"DELETE", "/api/v1/clients/{id}/links/{link}", unlink, NULL, 0, ACT,
	 "remove one of the client's links (either organisation may)"},
	{"POST", "/clients/{id}/links/{link}/remove", NULL, ui_client_unlink, H, ACT, "remove a link to another organisation"},
	{"POST", "/clients/{id}/links", NULL, ui_client_link, H, ACT, "link the client with the same person's record in another "
	                                                   "organisation"},
};
const size_t api_client_links_routes_count = sizeof api_client_links_routes / sizeof *api_client_links_routes;
