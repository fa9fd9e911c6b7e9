/* api_surveys: multilingual self-service intake. This file: the helpers every survey file shares, survey
 * definitions (list, view, import and export as JSON; the defaults in data/surveys/ are registered at start when
 * absent) and the route table of every survey route. The other concerns live beside it:
 *   api_surveys_invite.c   invitation links (a random 32-byte token shown once; only its hash is kept), QR codes
 *   api_surveys_public.c   the public form's JSON twin: a link's survey, answers typed from the form, submission
 *   api_surveys_review.c   the review queue and accepting answers into a client's profile through the entity rules
 *   GET  /api/v1/surveys, /api/v1/surveys/{id}, /api/v1/surveys/{id}/definition     POST /api/v1/surveys (admin)
 *   GET|POST /api/v1/survey-invitations             (counsellor; coordinator: the employer-needs survey)
 *   GET  /api/v1/survey-responses[?status=], /api/v1/survey-responses/{id}  (counsellor; coordinator: employer-needs)
 *   POST /api/v1/survey-responses/{id}/accept {client_id | create_client, accept: [keys]}, .../dismiss
 *   GET  /api/v1/public/surveys/{token}   POST /api/v1/public/surveys/{token}/responses   (no login: the token)
 * Pages: /s/{token} (public form), /admin/surveys, /surveys/invitations, /reviews (src/web/pages/survey_*.c). */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/paths.h"
#include "app/survey_def.h"
#include "app/surveys_shipped.h"
#include "store/survey_store.h"
#include "web/api.h"
#include "web/modules.h"
#include "web/pages/survey_internal.h"

/* ---------------------------------------------------------------- helpers */

json_t *survey_web_own(struct web_request *r, json_t *j)
{
	return arena_json(r->arena, j);
}

int survey_web_fail(struct web_request *r, int rc, const struct err *e)
{
	r->err = *e;
	return rc;
}

const char *survey_web_text(const struct survey_def *def, const struct survey_text *t, const char *lang)
{
	const char *s = survey_text(def, t, lang);
	return s ? s : "";
}

void survey_web_fill(struct web_request *r, int64_t invitation_id, struct survey_fill *out)
{
	*out = (struct survey_fill){0};
	json_t *row = NULL;
	struct err e = {0};
	if (invitation_id <= 0 || survey_store_invitation_fill(r->store, invitation_id, &row, &e))
		return; /* the neutral wordings: a text is still shown whole */
	survey_web_own(r, row);
	out->organisation = json_string_value(json_object_get(row, "organisation"));
	out->region = json_string_value(json_object_get(row, "region"));
}

const char *survey_web_filled(struct web_request *r, const struct survey_def *def, const struct survey_text *t,
                              const char *lang, const struct survey_fill *fill)
{
	const char *s = survey_fill_text(r->arena, survey_web_text(def, t, lang), fill, lang);
	return s ? s : "";
}

/* survey_web_def, also handing out the stored row (released with r's arena) when row is not NULL. */
static int def_and_row(struct web_request *r, int64_t org_id, int64_t id, const struct survey_def **out, json_t **row)
{
	struct survey_def *def;
	struct err e = {0};
	int rc = app_survey_def_parse(r->store, org_id, id, r->arena, &def, row, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	*out = def;
	return 0;
}

int survey_web_def(struct web_request *r, int64_t org_id, int64_t id, const struct survey_def **out)
{
	struct err e = {0};
	int rc = app_survey_def(r->store, org_id, id, r->arena, out, &e);
	return rc ? survey_web_fail(r, rc, &e) : 0;
}

/* ---------------------------------------------------------------- JSON API handlers */

static json_t *survey_summary(json_t *row)
{
	const char *text = json_string_value(json_object_get(row, "definition"));
	json_error_t je;
	json_t *d = text ? json_loads(text, 0, &je) : NULL;
	/* a definition without a language list gets an empty one, owned by the summary ("o" takes it over) */
	json_t *langs = d && json_object_get(d, "languages") ? json_incref(json_object_get(d, "languages")) : json_array();
	json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:b,s:O,s:o}", "id", json_object_get(row, "id"), "slug",
	                      json_object_get(row, "slug"), "version", json_object_get(row, "version"), "organisation_id",
	                      json_object_get(row, "organisation_id"), "default",
	                      json_is_null(json_object_get(row, "organisation_id")), "title",
	                      d && json_object_get(d, "title") ? json_object_get(d, "title") : json_null(), "languages",
	                      langs);
	json_decref(d);
	return o;
}

int survey_api_surveys_list(struct web_request *r)
{
	json_t *items, *out = json_array();
	struct err e = {0};
	int rc = survey_store_list(r->store, r->p.org_id, &items, &e);
	if (rc) {
		json_decref(out);
		return survey_web_fail(r, rc, &e);
	}
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) json_array_append_new(out, survey_summary(row));
	json_decref(items);
	return web_json(r, 200, json_pack("{s:o}", "items", out));
}

/* The survey of the route's {id} that the user's organisation may use, with its stored row. */
static int route_def(struct web_request *r, const struct survey_def **def, json_t **row)
{
	int64_t id;
	if (web_path_id(r, 0, &id))
		return r->err.code;
	return def_and_row(r, r->p.org_id, id, def, row);
}

/* The survey of the route's {id}: its summary with the definition, or (file) the definition alone as a download. */
static int survey_of_route(struct web_request *r, bool file)
{
	const struct survey_def *def;
	json_t *row;
	int rc = route_def(r, &def, &row);
	if (rc)
		return rc;
	if (file) {
		char cd[160];
		snprintf(cd, sizeof cd, "attachment; filename=\"%s-v%ld.json\"", def->slug, def->version);
		web_add_header(r, "Content-Disposition", cd);
		return web_json(r, 200, survey_definition_to_json(def));
	}
	json_t *o = survey_summary(row);
	json_object_set_new(o, "definition", survey_definition_to_json(def));
	return web_json(r, 200, o);
}

int survey_api_surveys_get(struct web_request *r)
{
	return survey_of_route(r, false);
}

int survey_api_surveys_export(struct web_request *r)
{
	return survey_of_route(r, true);
}

int survey_api_surveys_import(struct web_request *r)
{
	if (!r->body_len)
		return web_error(r, ERR_INVALID, "", "the request needs the survey definition (JSON) as its body");
	json_t *out;
	int rc = app_survey_import(web_actor(r), r->body, r->body_len, &out, &r->err);
	if (rc)
		return rc;
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/surveys/%lld", (long long)json_integer_value(json_object_get(out, "id")));
	web_add_header(r, "Location", loc);
	return web_json(r, 201, out);
}

/* ---------------------------------------------------------------- pages wrappers and route table */


enum {
	H = RF_HTML,
	P = RF_PUBLIC,
	ADMIN = ROLE_BIT(ROLE_ADMIN),
	COUNSELLOR = ROLE_BIT(ROLE_COUNSELLOR),
	/* links and reviews: the counsellors', and the coordinators' for the employer-needs survey (the verbs check the
	 * survey: survey_review_may_invite, survey_review_get) */
	SENDERS = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	READERS = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR) | ROLE_BIT(ROLE_MANAGER),
};

const struct route api_surveys_routes[] = {
	{"GET", "/api/v1/surveys", survey_api_surveys_list, NULL, 0, READERS, "survey definitions the organisation may use"},
	{"POST", "/api/v1/surveys", survey_api_surveys_import, NULL, 0, ADMIN, "import a survey definition (the JSON as the body)"},
	{"GET", "/api/v1/surveys/{id}", survey_api_surveys_get, NULL, 0, READERS, "a survey definition with its metadata"},
	{"GET", "/api/v1/surveys/{id}/definition", survey_api_surveys_export, NULL, 0, READERS, "export a survey definition as JSON"},
	{"GET", "/api/v1/survey-invitations", survey_api_invitations_list, NULL, 0, SENDERS, "survey links of the organisation"},
	{"POST", "/api/v1/survey-invitations", survey_api_invitations_create, NULL, 0, SENDERS,
	 "create survey links (the tokens are shown once)"},
	{"GET", "/api/v1/survey-responses", survey_api_responses_list, NULL, 0, SENDERS, "the review queue (?status=)"},
	{"GET", "/api/v1/survey-responses/{id}", survey_api_responses_get, NULL, 0, SENDERS, "a response with the items to accept"},
	{"POST", "/api/v1/survey-responses/{id}/accept", survey_api_responses_accept, NULL, 0, SENDERS,
	 "accept items of a response into a client's profile"},
	{"POST", "/api/v1/survey-responses/{id}/dismiss", survey_api_responses_dismiss, NULL, 0, SENDERS,
	 "close a response without writing a profile"},
	{"GET", "/api/v1/public/surveys/{token}", survey_api_public_get, NULL, P, 0, "the survey of a link and whether it is open"},
	{"POST", "/api/v1/public/surveys/{token}/responses", survey_api_public_submit, NULL, P, 0,
	 "submit answers through a link (stored once per submission_key)"},
	{"GET", "/s/{token}", survey_form_get, NULL, P | H, 0, "public survey form"},
	{"POST", "/s/{token}", survey_form_post, NULL, P | H, 0, "public survey form step (form)"},
	{"GET", "/s/{token}/done", survey_form_done, NULL, P | H, 0, "thank-you page with the answer copy"},
	{"GET", "/s/{token}/copy", survey_form_copy, NULL, P | H, 0, "a copy of the submitted answers (HTML or JSON)"},
	{"GET", "/admin/surveys", NULL, ui_survey_admin, H, ADMIN, "survey definitions: upload and download"},
	{"POST", "/admin/surveys", NULL, ui_survey_admin_upload, H, ADMIN, "upload a survey definition (form)"},
	{"GET", "/admin/surveys/{id}/definition", NULL, ui_survey_admin_download, H, ADMIN, "download a definition"},
	{"GET", "/surveys/invitations", NULL, ui_survey_invitations, H, COUNSELLOR, "survey links"},
	{"POST", "/surveys/invitations", NULL, ui_survey_invitations_create, H, COUNSELLOR,
	 "create survey links and print them with QR codes (form)"},
	{"GET", "/reviews", NULL, ui_survey_reviews, H, COUNSELLOR, "survey answers waiting for review"},
	{"GET", "/reviews/{id}", NULL, ui_survey_review, H, COUNSELLOR, "review answers beside the client's profile"},
	{"POST", "/reviews/{id}/accept", NULL, ui_survey_review_accept, H, COUNSELLOR, "accept answers (form)"},
	{"POST", "/reviews/{id}/dismiss", NULL, ui_survey_review_dismiss, H, COUNSELLOR, "dismiss answers (form)"},
};
const size_t api_surveys_routes_count = sizeof api_surveys_routes / sizeof *api_surveys_routes;

/* ---------------------------------------------------------------- start: register the shipped surveys */

int api_surveys_start(struct store *s, const char *db_url)
{
	(void)db_url;
	struct err e = {0};
	if (app_surveys_register_shipped(s, &e)) {
		fprintf(stderr, "osaaja serve: surveys: %s\n", e.message);
		return -1;
	}
	return 0;
}

void api_surveys_stop(void)
{
}
