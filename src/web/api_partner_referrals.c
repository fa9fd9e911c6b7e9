/* api_partner_referrals: referrals across organisations (issue 15 item 2; the verbs in src/app/partner_referral.c).
 *   GET  /api/v1/partner-organisations                  the organisations a client can be referred to
 *   GET  /api/v1/clients/{id}/partner-referrals         the client's referrals (the referring side)
 *   POST /api/v1/clients/{id}/partner-referrals         refer the client (needs its share_partner consent)
 *   GET  /api/v1/partner-referrals?direction=&state=    incoming (to the caller's organisation) or outgoing
 *   GET  /api/v1/partner-referrals/{id}                 one, with its timeline; the partner sees what it shares
 *   POST /api/v1/partner-referrals/{id}/state           {state, outcome?, note?, version?}: answer, start, end, cancel
 * The pages (/partner-referrals, the client page's section) call the same verbs. */
#include <string.h>

#include "app/partner_referral.h"
#include "core/jget.h"
#include "web/modules.h"
#include "web/pages/ui-partner-referrals.h"

static int orgs(struct web_request *r)
{
	json_t *items = NULL;
	struct err e = {0};
	int rc = partner_orgs(web_actor(r), &items, &e);
	return web_answer(r, rc, &e, 200, items, "items");
}

/* The outgoing referrals of the client (the referring side); state: one state only, or NULL. */
static int client_referrals(const struct actor *a, int64_t id, const char *state, json_t **items, struct err *e)
{
	return partner_referral_list(a, false, id, state, items, e);
}

static int of_client(struct web_request *r)
{
	return web_answer_id_text_verb(r, client_referrals, web_query(r, "state"), "items");
}

static int send(struct web_request *r)
{
	int64_t id;
	int rc = web_path_id(r, 0, &id);
	if (rc)
		return rc;
	json_t *body = NULL;
	rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *out = NULL;
	struct err e = {0};
	rc = partner_referral_send(web_actor(r), id, body, &out, &e);
	return web_answer(r, rc, &e, 201, out, NULL);
}

static int list(struct web_request *r)
{
	const char *dir = web_query(r, "direction");
	if (dir && strcmp(dir, "incoming") && strcmp(dir, "outgoing"))
		return web_error(r, ERR_INVALID, "direction", "direction must be incoming or outgoing");
	json_t *items = NULL;
	struct err e = {0};
	int rc = partner_referral_list(web_actor(r), !dir || strcmp(dir, "incoming") == 0, 0, web_query(r, "state"),
	                               &items, &e);
	return web_answer(r, rc, &e, 200, items, "items");
}

static int get(struct web_request *r)
{
	return web_answer_id_verb(r, partner_referral_get, NULL);
}

static int move(struct web_request *r)
{
	static const struct web_field fields[] = {
		{"state", JSON_STRING, false}, {"outcome", JSON_STRING, false}, {"note", JSON_STRING, false},
		{"version", JSON_INTEGER, false},
	};
	int64_t id;
	json_t *body;
	int rc = web_path_id_body(r, &id, &body, fields, sizeof fields / sizeof *fields);
	if (rc)
		return rc;
	json_t *v = json_object_get(body, "version"), *out = NULL;
	struct err e = {0};
	rc = partner_referral_move(web_actor(r), id, jget_text(body, "state"), jget_text(body, "outcome"),
	                           jget_text(body, "note"), json_is_integer(v) ? json_integer_value(v) : 0, &out, &e);
	return web_answer(r, rc, &e, 200, out, NULL);
}


enum {
	H = RF_HTML,
	ACT = WEB_CLIENT_WRITERS,
	READ = WEB_CLIENT_READERS,
};

const struct route api_partner_referrals_routes[] = {
	{"GET", "/api/v1/partner-organisations", orgs, NULL, 0, ACT,
	 "the organisations a client can be referred to (every other organisation)"},
	{"GET", "/api/v1/clients/{id}/partner-referrals", of_client, NULL, 0, READ,
	 "the client's referrals to partner organisations, newest first (state)"},
	{"POST", "/api/v1/clients/{id}/partner-referrals", send, NULL, 0, ACT,
	 "refer the client to a partner organisation: {partner_organisation_id, purpose, shared: [contact, languages, "
	 "education, work_history, skills, goals], reason}; needs the client's share_partner consent"},
	{"GET", "/api/v1/partner-referrals", list, NULL, 0, READ,
	 "referrals to the caller's organisation (direction=incoming, the default) or from it (outgoing); state"},
	{"GET", "/api/v1/partner-referrals/{id}", get, NULL, 0, READ,
	 "one referral with its timeline; the partner sees the parts of the client it shares while the referral is "
	 "open and the consent holds"},
	{"POST", "/api/v1/partner-referrals/{id}/state", move, NULL, 0, ACT,
	 "move a referral: the partner accepts, declines, starts or ends it (ended needs an outcome), the referring "
	 "organisation cancels it: {state, outcome, note, version}"},
	{"GET", "/partner-referrals", NULL, ui_partner_referrals, H, READ, "referrals to and from partner organisations"},
	{"GET", "/partner-referrals/{id}", NULL, ui_partner_referral, H, READ, "one referral: what is shared, its timeline, its actions"},
	{"POST", "/partner-referrals/{id}/state", NULL, ui_partner_referral_move, H, ACT, "answer, start, end or cancel a referral"},
	{"POST", "/clients/{id}/partner-referrals", NULL, ui_partner_referral_send, H, ACT, "refer the client to a partner organisation"},
};
const size_t api_partner_referrals_routes_count =
	sizeof api_partner_referrals_routes / sizeof *api_partner_referrals_routes;
