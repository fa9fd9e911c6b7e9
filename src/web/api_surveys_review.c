/* api_surveys_review: the JSON routes of the survey review queue, a thin adapter over the verbs of
 * src/app/survey_review.h (which decide access, scope, the items, the profile writes through the entity verbs,
 * the single review and audit):
 *   GET  /api/v1/survey-responses[?status=]      the queue of the user's organisation
 *   GET  /api/v1/survey-responses/{id}           one response with its answers and the items to accept
 *   POST /api/v1/survey-responses/{id}/accept    {client_id | create_client: true, accept: [item keys]}; for the
 *                                                employer-needs survey {employer_id?}: a needs record of the employer
 *   POST /api/v1/survey-responses/{id}/dismiss */
#include <string.h>

#include "app/survey_review.h"
#include "web/api.h"
#include "web/pages/survey_internal.h"

int survey_api_responses_list(struct web_request *r)
{
	json_t *items;
	struct err e = {0};
	int rc = survey_review_list(web_actor(r), web_query(r, "status"), &items, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:O}", "items", items));
}

int survey_api_responses_get(struct web_request *r)
{
	struct survey_review rv = {0};
	struct err e = {0};
	int rc = survey_review_get(web_actor(r), web_param_id(r, 0), &rv, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	json_t *o = json_deep_copy(rv.row);
	if (!o)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	json_object_set(o, "answers", rv.answers);
	json_object_set(o, "items", rv.items);
	json_object_set_new(o, "survey",
	                    json_pack("{s:s,s:I}", "slug", rv.def->slug, "version", (json_int_t)rv.def->version));
	return web_json(r, 200, o);
}

int survey_api_responses_accept(struct web_request *r)
{
	int64_t id;
	int rc = web_path_id(r, 0, &id);
	if (rc)
		return rc;
	json_t *body;
	rc = web_json_body(r, &body);
	if (rc)
		return rc;
	struct err e = {0};
	bool needs = false;
	if ((rc = survey_review_is_needs(web_actor(r), id, &needs, &e)))
		return survey_web_fail(r, rc, &e);
	if (needs && (json_object_get(body, "client_id") || json_object_get(body, "create_client")))
		return web_error(r, ERR_INVALID, "employer_id",
		                 "answers to the employer-needs survey become a needs record of an employer, not a client's "
		                 "profile: accept them with employer_id (or none: the employer the link names)");
	if (needs) { /* the employer-needs survey: a needs record of the employer */
		json_t *eid = json_object_get(body, "employer_id");
		int64_t employer_id = json_is_integer(eid) ? (int64_t)json_integer_value(eid) : 0;
		if (eid && !json_is_null(eid) && employer_id <= 0)
			return web_error(r, ERR_INVALID, "employer_id", "employer_id must be the id of an employer");
		int64_t need_id;
		json_t *written;
		if ((rc = survey_review_accept_needs(web_actor(r), id, employer_id, &need_id, &written, &e)))
			return survey_web_fail(r, rc, &e);
		return web_json(r, 200, json_pack("{s:I,s:O}", "need_id", (json_int_t)need_id, "written", written));
	}
	json_t *cid = json_object_get(body, "client_id");
	int64_t client_id = json_is_integer(cid) ? (int64_t)json_integer_value(cid) : 0;
	if (cid && !json_is_null(cid) && client_id <= 0)
		return web_error(r, ERR_INVALID, "client_id", "client_id must be the id of a client");
	json_t *keys = json_object_get(body, "accept"), *confirm = json_object_get(body, "confirm_new");
	if (!keys)
		keys = survey_web_own(r, json_array());
	if (confirm && !json_is_boolean(confirm))
		return web_error(r, ERR_INVALID, "confirm_new", "confirm_new must be true or false");
	int64_t out_client;
	json_t *written, *matches = NULL;
	if ((rc = survey_review_accept(web_actor(r), id, client_id, json_is_true(json_object_get(body, "create_client")),
	                               json_is_true(confirm), keys, &out_client, &written, &matches, &e))) {
		if (matches) { /* the records the person may be, as a new client's form is told; showing them was audited */
			r->err_matches = matches;
			r->commit_anyway = true;
		}
		return survey_web_fail(r, rc, &e);
	}
	return web_json(r, 200, json_pack("{s:I,s:O}", "client_id", (json_int_t)out_client, "written", written));
}

int survey_api_responses_dismiss(struct web_request *r)
{
	int64_t id = web_param_id(r, 0);
	struct err e = {0};
	int rc = survey_review_dismiss(web_actor(r), id, &e);
	if (rc)
		return survey_web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "dismissed"));
}
