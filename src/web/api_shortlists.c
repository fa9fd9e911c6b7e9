/* api_shortlists: the JSON routes of shortlists sent to an employer, a thin adapter over the verbs of
 * src/app/shortlist.h (which decide access, consent, what an employer may see, and audit):
 *   POST /api/v1/vacancies/{id}/shortlists        staff: send chosen proposals (optionally also as an expiring link)
 *   GET  /api/v1/vacancies/{id}/shortlists        staff: shortlists sent for a vacancy
 *   POST /api/v1/proposals/{id}/reveal            counsellor: reveal or hide the client's identity (needs consent)
 *   GET  /api/v1/employer/shortlists              employer: the shortlists sent to their employer
 *   GET  /api/v1/employer/shortlists/{id}         employer: one shortlist, anonymised
 *   POST /api/v1/employer/shortlists/{id}/answers employer: interview / not chosen (+ reason) per candidate
 *   GET  /api/v1/shortlist-link?token=T           public: the same view through a link that expires
 *   POST /api/v1/shortlist-link/answers?token=T   public: answering through that link (that shortlist only)
 * The link token travels as a query value, never in the path, because access logs record paths. */
#include <limits.h>
#include <string.h>

#include "app/shortlist.h"
#include "core/arena.h"
#include "web/modules.h"
#include "web/pages/ui.h"

/* proposal_ids as the verb takes them: a value that is not a positive whole number becomes 0 and anything but a
 * list none, so the verb's own messages answer (at most one id over its ceiling is passed, so that it says so). */
static size_t ids_of(struct web_request *r, json_t *arr, int64_t **ids)
{
	size_t n = json_is_array(arr) ? json_array_size(arr) : 0;
	if (n > SHORTLIST_MAX_ITEMS)
		n = SHORTLIST_MAX_ITEMS + 1;
	*ids = n ? arena_alloc(r->arena, n * sizeof **ids) : NULL;
	if (!*ids)
		return 0;
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		(*ids)[i] = json_is_integer(v) && json_integer_value(v) > 0 ? (int64_t)json_integer_value(v) : 0;
	}
	return n;
}

int api_shortlist_send(struct web_request *r)
{
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *link = json_object_get(body, "link"), *days_j = json_object_get(body, "link_days");
	if (link && !json_is_boolean(link))
		return web_error(r, ERR_INVALID, "link", "link must be true or false");
	int days = 0; /* the default; a value the verb refuses when out of its range */
	if (days_j) {
		json_int_t d = json_is_integer(days_j) ? json_integer_value(days_j) : -1;
		days = d < 1 || d > INT_MAX ? -1 : (int)d;
	}
	int64_t *ids;
	size_t n = ids_of(r, json_object_get(body, "proposal_ids"), &ids);
	json_t *out;
	struct err e = {0};
	if ((rc = shortlist_send(web_actor(r), web_param_id(r, 0), ids, n, json_is_true(link), days, &out, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 201, json_incref(out));
}

int api_shortlists_of_vacancy(struct web_request *r)
{
	json_t *items;
	struct err e = {0};
	int rc = shortlist_list_of_vacancy(web_actor(r), web_param_id(r, 0), &items, &e);
	return rc ? web_fail(r, rc, &e) : web_json(r, 200, json_pack("{s:O}", "items", items));
}

int api_proposal_reveal(struct web_request *r)
{
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *rv = json_object_get(body, "reveal");
	if (!json_is_boolean(rv))
		return web_error(r, ERR_INVALID, "reveal", "reveal must be true or false");
	int64_t id = web_param_id(r, 0);
	struct err e = {0};
	if ((rc = proposal_reveal(web_actor(r), id, json_is_true(rv), &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "identity_revealed", json_is_true(rv)));
}

int api_employer_shortlists(struct web_request *r)
{
	json_t *items;
	struct err e = {0};
	int rc = shortlist_employer_list(web_actor(r), &items, &e);
	return rc ? web_fail(r, rc, &e) : web_json(r, 200, json_pack("{s:O}", "items", items));
}

/* The shortlist of this request: by {id} for an employer user, or by ?token= (a link). */
static int open_of(struct web_request *r, bool by_link, struct shortlist **sl)
{
	struct err e = {0};
	int rc = by_link ? shortlist_open_link(web_actor(r), web_query(r, "token"), sl, &e)
	                 : shortlist_open(web_actor(r), web_param_id(r, 0), sl, &e);
	return rc ? web_fail(r, rc, &e) : 0;
}

static int show(struct web_request *r, bool by_link)
{
	struct shortlist *sl;
	json_t *out;
	struct err e = {0};
	int rc = open_of(r, by_link, &sl);
	if (rc)
		return rc;
	if ((rc = shortlist_view(web_actor(r), sl, &out, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_incref(out));
}

static int answer(struct web_request *r, bool by_link)
{
	struct shortlist *sl;
	int rc = open_of(r, by_link, &sl);
	json_t *body;
	if (rc || (rc = web_json_body(r, &body)))
		return rc;
	json_t *pj = json_object_get(body, "proposal_id"), *rj = json_object_get(body, "reason");
	if (!json_is_integer(pj))
		return web_error(r, ERR_INVALID, "proposal_id", "proposal_id is required");
	if (rj && !json_is_null(rj) && !json_is_string(rj))
		return web_error(r, ERR_INVALID, "reason", "reason must be text");
	json_t *aj = json_object_get(body, "answer");
	const char *ans = json_is_string(aj) ? json_string_value(aj) : NULL;
	int64_t pid = (int64_t)json_integer_value(pj);
	struct err e = {0};
	if ((rc = shortlist_answer(web_actor(r), sl, pid, ans, json_string_value(rj), &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:I,s:s}", "proposal_id", (json_int_t)pid, "stage", ans));
}

int api_employer_shortlist(struct web_request *r)
{
	return show(r, false);
}

int api_employer_answer(struct web_request *r)
{
	return answer(r, false);
}

int api_link_shortlist(struct web_request *r)
{
	return show(r, true);
}

int api_link_answer(struct web_request *r)
{
	return answer(r, true);
}
