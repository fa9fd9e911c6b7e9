/* survey_review: the review queue's verbs (see survey_review.h), the reading half: who reviews, one response with
 * its survey and items, list, get, dismiss, and who may send which survey. The items a response offers are in
 * survey_review_items.c; accepting them into a profile (or an employer's needs record) in survey_review_accept.c. */
#include "app/survey_review.h"

#include <string.h>

#include "app/survey_def.h"
#include "app/survey_review_internal.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "core/log.h"
#include "store/survey_store.h"
#include "report/report.h"

/* ---------------------------------------------------------------- access, one response */

/* Reviewing is the counsellors' work, and the company coordinators' for the employer-needs survey (response_row
 * checks the survey); scope is the actor's organisation. */
static int reviewer(const struct actor *a, struct err *e)
{
	if (a->p->role == ROLE_COUNSELLOR || a->p->role == ROLE_COORDINATOR)
		return 0;
	return err_key(e, ERR_FORBIDDEN, "", "role", "your role (%s) does not review survey answers",
	               role_name(a->p->role));
}

int survey_review_audit(const struct actor *a, const char *action, int64_t id, int64_t client_id, const char *detail,
                 struct err *e)
{
	return audit_principal(a->store, a->p, action, "survey-responses", id, client_id, detail, e);
}

/* Whether a response (a row with survey_slug) answers the employer-needs survey. */
bool survey_review_row_is_needs(json_t *row)
{
	const char *slug = json_string_value(json_object_get(row, "survey_slug"));
	return slug && strcmp(slug, SURVEY_EMPLOYER_NEEDS) == 0;
}

/* Whether a response answers the clients' feedback survey: those answers are counted in the satisfaction figure
 * (src/report/feedback.c) and nobody reads them one by one: they are about the staff who would review them, and a
 * client answers more honestly when no counsellor will read the answer. They never enter the review queue. */
static bool is_feedback(json_t *row)
{
	const char *slug = json_string_value(json_object_get(row, "survey_slug"));
	return slug && strcmp(slug, REPORT_FEEDBACK_SURVEY) == 0;
}

/* The response row (arena), after the role check; ERR_NOT_FOUND outside the actor's organisation. */
int survey_review_response(const struct actor *a, int64_t id, json_t **row, struct err *e)
{
	*row = NULL;
	int rc = reviewer(a, e);
	if (rc)
		return rc;
	if (id <= 0)
		return err_set(e, ERR_NOT_FOUND, "id", "the id must be a positive whole number");
	if ((rc = survey_store_response_get(a->store, a->p->org_id, id, row, e)))
		return rc;
	if (!arena_json(a->arena, *row))
		return err_oom(e);
	if (is_feedback(*row))
		return err_key(e, ERR_FORBIDDEN, "id", "feedback_not_reviewed",
		               "answers to the feedback survey are counted in the satisfaction figure, not read one by one");
	if (a->p->role == ROLE_COORDINATOR && !survey_review_row_is_needs(*row))
		return err_key(e, ERR_FORBIDDEN, "", "role",
		               "a coordinator reviews the answers to the employer-needs survey only; a counsellor reviews "
		               "this one");
	return 0;
}

/* Whether a response still waits for its review. */
int survey_review_still_open(json_t *row, struct err *e)
{
	const char *st = json_string_value(json_object_get(row, "status"));
	if (!st || strcmp(st, "submitted") != 0)
		return err_key(e, ERR_CONFLICT, "status", "reviewed", "this response has already been reviewed");
	return 0;
}

/* The rest of *out for its row: the survey (any organisation's: the response names it), answers, items. */
int survey_review_load(const struct actor *a, struct survey_review *out, struct err *e)
{
	int64_t sid = (int64_t)json_integer_value(json_object_get(out->row, "survey_id"));
	int rc = app_survey_def(a->store, 0, sid, a->arena, &out->def, e);
	if (rc)
		return rc;
	json_error_t je;
	const char *atext = json_string_value(json_object_get(out->row, "answers"));
	out->answers = arena_json(a->arena, json_loads(atext ? atext : "{}", 0, &je));
	if (!out->answers)
		out->answers = arena_json(a->arena, json_object());
	out->items = out->answers ? arena_json(a->arena, survey_review_items(out->def, out->answers)) : NULL;
	return out->items ? 0 : err_oom(e);
}

int survey_review_list(const struct actor *a, const char *status, json_t **items, struct err *e)
{
	*items = NULL;
	int rc = reviewer(a, e);
	if (rc)
		return rc;
	if (status && strcmp(status, "submitted") != 0 && strcmp(status, "accepted") != 0 &&
	    strcmp(status, "dismissed") != 0)
		return err_key(e, ERR_INVALID, "status", "status", "status must be submitted, accepted or dismissed");
	if ((rc = survey_store_response_list(a->store, a->p->org_id, status, SURVEY_REVIEW_LIST_MAX, items, e)))
		return rc;
	if (!arena_json(a->arena, *items))
		return err_oom(e);
	for (size_t i = json_array_size(*items); i-- > 0;) {
		json_t *row = json_array_get(*items, i);
		/* feedback is counted, never queued; a coordinator's queue: the employer-needs answers */
		if (is_feedback(row) || (a->p->role == ROLE_COORDINATOR && !survey_review_row_is_needs(row)))
			json_array_remove(*items, i);
	}
	/* the queue names the clients its responses came from or went to: each one's access log shows it */
	size_t n = json_array_size(*items), m = 0, i;
	if (!n)
		return 0;
	int64_t *ids = arena_alloc(a->arena, 2 * n * sizeof *ids);
	if (!ids)
		return err_oom(e);
	json_t *row;
	json_array_foreach(*items, i, row) {
		int64_t c = jget_int(row, "client_id"), ic = jget_int(row, "invitation_client_id");
		if (c > 0)
			ids[m++] = c;
		if (ic > 0 && ic != c)
			ids[m++] = ic;
	}
	return m ? audit_principal_subjects(a->store, a->p, "list", "survey-responses", 0, "queue ", ids, m, e)
	         : survey_review_audit(a, "list", 0, 0, "queue", e);
}

int survey_review_get(const struct actor *a, int64_t id, struct survey_review *out, struct err *e)
{
	*out = (struct survey_review){0};
	int rc = survey_review_response(a, id, &out->row, e);
	if (rc || (rc = survey_review_load(a, out, e)))
		return rc;
	int64_t client_id = (int64_t)json_integer_value(json_object_get(out->row, "client_id"));
	/* the answers are read as the record they are about: the client the response or its link names */
	int64_t about = client_id ? client_id
	                          : (int64_t)json_integer_value(json_object_get(out->row, "invitation_client_id"));
	survey_review_redact(a, out->def, about, out->answers, out->items);
	return survey_review_audit(a, "read", id, client_id, NULL, e);
}

int survey_review_dismiss(const struct actor *a, int64_t id, struct err *e)
{
	json_t *row;
	int rc = survey_review_response(a, id, &row, e);
	if (rc || (rc = survey_review_still_open(row, e)) ||
	    (rc = survey_store_response_review(a->store, a->p->org_id, id, "dismissed", 0, a->p->user_id, NULL, e)))
		return rc;
	return survey_review_audit(a, "dismiss", id, 0, NULL, e);
}

/* ---------------------------------------------------------------- the employer-needs survey */

int survey_review_may_invite(enum role role, const char *slug, int64_t client_id, int64_t employer_id, struct err *e)
{
	bool needs = slug && strcmp(slug, SURVEY_EMPLOYER_NEEDS) == 0;
	if (needs && client_id)
		return err_key(e, ERR_INVALID, "client_id", "needs_survey",
		               "the employer-needs survey goes to an employer: name employer_id, not client_id");
	if (!needs && employer_id)
		return err_key(e, ERR_INVALID, "employer_id", "needs_survey",
		               "only the employer-needs survey is sent to an employer (employer_id)");
	if (role == ROLE_COUNSELLOR || (role == ROLE_COORDINATOR && needs))
		return 0;
	if (role == ROLE_COORDINATOR)
		return err_key(e, ERR_FORBIDDEN, "survey_id", "role",
		               "a coordinator sends the employer-needs survey; links to the surveys for clients are the "
		               "counsellors'");
	return err_key(e, ERR_FORBIDDEN, "", "role", "your role (%s) does not send survey links", role_name(role));
}

int survey_review_is_needs(const struct actor *a, int64_t id, bool *needs, struct err *e)
{
	json_t *row;
	*needs = false;
	int rc = survey_review_response(a, id, &row, e);
	if (!rc)
		*needs = survey_review_row_is_needs(row);
	return rc;
}

