/* app survey_intake: what a survey link does (see survey_intake.h). */
#include "app/survey_intake.h"

#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"
#include "store/survey_store.h"

bool app_survey_key_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 16 || n > 64)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return false;
	return true;
}

static bool is_hex_token(const char *s)
{
	if (!s || strlen(s) != AUTH_TOKEN_HEX)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

int app_survey_link(struct store *s, const char *token, json_t **inv, struct err *e)
{
	*inv = NULL;
	if (!is_hex_token(token))
		return err_set(e, ERR_NOT_FOUND, "token", "no such survey link");
	char hash[65];
	auth_hash_hex(token, strlen(token), hash);
	int rc = survey_store_invitation_by_hash(s, hash, inv, e);
	if (rc == ERR_NOT_FOUND)
		return err_set(e, ERR_NOT_FOUND, "token", "no such survey link");
	return rc;
}

const char *app_survey_link_state(json_t *inv)
{
	if (!json_is_null(json_object_get(inv, "archived_at")) && json_object_get(inv, "archived_at"))
		return "closed";
	json_int_t used = json_integer_value(json_object_get(inv, "used_count"));
	if (json_integer_value(json_object_get(inv, "single_use")) && used >= 1)
		return "used";
	json_t *mx = json_object_get(inv, "max_uses");
	if (json_is_integer(mx) && used >= json_integer_value(mx))
		return "used";
	char now[21];
	store_now(now);
	const char *exp = json_string_value(json_object_get(inv, "expires_at"));
	if (!exp || strcmp(exp, now) <= 0)
		return "expired";
	return "open";
}

/* A link sent to a client whose data has been erased takes nothing more: 409 (key "erased"), nothing stored. The
 * erasure also closes the link; this answer says why, and holds for a link closed by nothing else. */
static int refuse_if_erased(struct store *s, json_t *inv, struct err *e)
{
	int64_t client_id = (int64_t)json_integer_value(json_object_get(inv, "client_id"));
	if (!client_id)
		return 0;
	bool erased = false;
	int rc = privacy_store_is_erased(s, client_id, &erased, e);
	if (rc || !erased)
		return rc;
	return err_key(e, ERR_CONFLICT, "token", "erased",
	        "this survey link is no longer in use: the data of the person it was sent to has been erased, and no "
	               "answers are taken through it");
}

/* After the checks (the link's client not erased, no copy stored under key): validates, stores and counts the use. */
static int submit_checked(struct store *s, json_t *inv, const struct survey_def *def, const char *key,
                          const char *lang, json_t *typed, int64_t *id, bool *inserted,
                          struct survey_answer_errors *errs, struct err *e)
{
	*inserted = false;
	int64_t inv_id = (int64_t)json_integer_value(json_object_get(inv, "id"));
	int rc;
	if ((rc = survey_answers_validate(def, typed, lang, errs)))
		return rc == ERR_INVALID ? err_set(e, ERR_INVALID, errs->n ? errs->v[0].path : "", "%s",
		                                   errs->n ? errs->v[0].message : "invalid answers")
		                         : err_oom(e);
	json_t *pruned = survey_answers_prune(def, typed);
	char *text = pruned ? json_dumps(pruned, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(pruned);
	if (!text)
		return err_oom(e);
	struct survey_response_new in = {
		.org_id = (int64_t)json_integer_value(json_object_get(inv, "organisation_id")),
		.invitation_id = inv_id,
		.survey_id = (int64_t)json_integer_value(json_object_get(inv, "survey_id")),
		.client_id = (int64_t)json_integer_value(json_object_get(inv, "client_id")),
		.submission_key = key,
		.lang = lang,
		.answers = text,
	};
	rc = survey_store_response_insert(s, &in, id, inserted, e);
	free(text);
	if (rc)
		return rc;
	if (*inserted && (rc = survey_store_invitation_use(s, inv_id, e))) {
		/* The link was used up by another submission meanwhile: this one is not kept, whatever the caller commits. */
		struct err e2 = {0};
		*inserted = false;
		if (rc == ERR_CONFLICT && survey_store_response_delete(s, *id, &e2)) {
			*e = e2;
			return e2.code;
		}
		return rc;
	}
	return 0;
}

int app_survey_submit(struct store *s, json_t *inv, const struct survey_def *def, const char *key, const char *lang,
                      json_t *typed, bool require_open, int64_t *id, bool *inserted,
                      struct survey_answer_errors *errs, struct err *e)
{
	*inserted = false;
	int rc = refuse_if_erased(s, inv, e);
	if (rc)
		return rc;
	const char *state = app_survey_link_state(inv);
	if (!require_open || strcmp(state, "open") == 0) /* a resent copy: the INSERT finds its key and answers its id */
		return submit_checked(s, inv, def, key, lang, typed, id, inserted, errs, e);
	/* a link no longer open still answers a resent copy as the first was (it may be what used the link up) */
	json_t *prev;
	rc = survey_store_response_by_key(s, (int64_t)json_integer_value(json_object_get(inv, "id")), key, &prev, e);
	if (rc == 0) {
		*id = (int64_t)json_integer_value(json_object_get(prev, "id"));
		json_decref(prev);
		return 0;
	}
	if (rc != ERR_NOT_FOUND)
		return rc;
	err_clear(e);
	return err_set(e, ERR_CONFLICT, "token", "this survey link is %s", state);
}
