/* survey_store: SQL for the survey tables (see survey_store.h); every value a bound parameter. */
#include "store/survey_store.h"

#include <stdio.h>
#include <string.h>

#include "store/entity_store.h"

/* The current row as an object, by store column type. */
static json_t *row_json(struct store_stmt *st)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	int n = store_col_count(st);
	for (int i = 0; i < n; i++) {
		json_t *v;
		switch (store_col_type(st, i)) {
		case STORE_INT: v = json_integer((json_int_t)store_col_int(st, i)); break;
		case STORE_REAL: v = json_real(store_col_real(st, i)); break;
		case STORE_TEXT: v = json_string(store_col_text(st, i)); break;
		default: v = json_null();
		}
		json_object_set_new(o, store_col_name(st, i), v ? v : json_null());
	}
	return o;
}

/* Runs a prepared, bound statement; collects every row into *items (an array) or the first into *row. */
static int collect(struct store_stmt *st, json_t **items, json_t **row, struct err *e)
{
	json_t *arr = items ? json_array() : NULL;
	if (items && !arr)
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	int rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		json_t *o = row_json(st);
		if (!o) {
			json_decref(arr);
			return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
		}
		if (row) {
			*row = o;
			store_reset(st);
			return 0;
		}
		json_array_append_new(arr, o);
	}
	if (rc < 0) {
		json_decref(arr);
		return -rc;
	}
	if (row)
		return err_set(e, ERR_NOT_FOUND, "", "not found");
	*items = arr;
	return 0;
}

static int run(struct store_stmt *st, struct err *e)
{
	int rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	store_reset(st);
	return 0;
}

static int bind_id(struct store_stmt *st, int idx, int64_t v)
{
	return v ? store_bind_int(st, idx, v) : store_bind_null(st, idx);
}

int survey_store_exists(struct store *s, int64_t org_id, const char *slug, long version, bool *found, struct err *e)
{
	struct store_stmt *st;
	*found = false;
	int rc = store_prepare(s,
	                       org_id ? "SELECT id FROM surveys WHERE organisation_id = ?1 AND slug = ?2 AND version = ?3"
	                              : "SELECT id FROM surveys WHERE organisation_id IS NULL AND slug = ?2 AND "
	                                "version = ?3 AND ?1 = 0",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_text(st, 2, slug, -1);
	store_bind_int(st, 3, version);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*found = rc == STORE_ROW;
	store_reset(st);
	return 0;
}

int survey_store_insert(struct store *s, int64_t org_id, const char *slug, long version, const char *definition,
                        int64_t *id, struct err *e)
{
	bool found;
	int rc = survey_store_exists(s, org_id, slug, version, &found, e);
	if (rc)
		return rc;
	if (found)
		return err_set(e, ERR_CONFLICT, "version", "survey %s version %ld already exists; raise \"version\"", slug,
		               version);
	char now[21];
	store_now(now);
	struct store_stmt *st;
	if ((rc = store_prepare(s, "INSERT INTO surveys (organisation_id, slug, version, definition, created_at, "
	                           "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
	                        &st, e)))
		return rc;
	bind_id(st, 1, org_id);
	store_bind_text(st, 2, slug, -1);
	store_bind_int(st, 3, version);
	store_bind_text(st, 4, definition, -1);
	store_bind_text(st, 5, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*id = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

#define SURVEY_COLS "id, organisation_id, slug, version, definition, created_at"

int survey_store_list(struct store *s, int64_t org_id, json_t **items, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " SURVEY_COLS " FROM surveys WHERE archived_at IS NULL AND "
	                          "(organisation_id IS NULL OR organisation_id = ?1) ORDER BY slug, version DESC, id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	return collect(st, items, NULL, e);
}

int survey_store_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " SURVEY_COLS " FROM surveys WHERE id = ?1 AND (?2 = 0 OR organisation_id "
	                          "IS NULL OR organisation_id = ?2)",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, org_id);
	if ((rc = collect(st, NULL, row, e)) == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, "survey_id", "no such survey");
	return rc;
}

int survey_store_invitation_insert(struct store *s, const struct survey_invitation_new *in, int64_t *id,
                                   struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	int rc = store_prepare(s, "INSERT INTO survey_invitations (organisation_id, survey_id, token_hash, single_use, "
	                          "max_uses, label, lang, client_id, created_by, expires_at, used_count, created_at, "
	                          "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?11) RETURNING id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, in->org_id);
	store_bind_int(st, 2, in->survey_id);
	store_bind_text(st, 3, in->token_hash, -1);
	store_bind_int(st, 4, in->single_use ? 1 : 0);
	if (in->max_uses > 0)
		store_bind_int(st, 5, in->max_uses);
	else
		store_bind_null(st, 5);
	store_bind_text(st, 6, in->label, -1);
	store_bind_text(st, 7, in->lang, -1);
	bind_id(st, 8, in->client_id);
	bind_id(st, 9, in->created_by);
	store_bind_text(st, 10, in->expires_at, -1);
	store_bind_text(st, 11, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*id = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

#define INV_COLS                                                                                                     \
	"id, organisation_id, survey_id, single_use, max_uses, label, lang, client_id, created_by, expires_at, "         \
	"used_count, archived_at, created_at"

int survey_store_invitation_by_hash(struct store *s, const char *token_hash, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " INV_COLS " FROM survey_invitations WHERE token_hash = ?1", &st, e);
	if (rc)
		return rc;
	store_bind_text(st, 1, token_hash, -1);
	return collect(st, NULL, row, e);
}

int survey_store_invitation_list(struct store *s, int64_t org_id, json_t **items, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " INV_COLS " FROM survey_invitations WHERE organisation_id = ?1 AND "
	                          "archived_at IS NULL ORDER BY id DESC LIMIT 200",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	return collect(st, items, NULL, e);
}

int survey_store_invitation_use(struct store *s, int64_t id, struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	/* One conditional statement, so that the changed-row count decides: two servers that both read the link as open
	 * cannot both count a use past its limit (PostgreSQL re-checks the WHERE on the row the other one committed). */
	int rc = store_prepare(s,
	                       "UPDATE survey_invitations SET used_count = used_count + 1, updated_at = ?2 WHERE id = ?1 "
	                       "AND archived_at IS NULL AND expires_at > ?2 AND (single_use = 0 OR used_count < 1) "
	                       "AND (max_uses IS NULL OR used_count < max_uses)",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	int64_t changed = store_changes(st);
	store_reset(st);
	return changed ? 0 : err_set(e, ERR_CONFLICT, "token", "this survey link has already been used or has expired");
}

int survey_store_response_delete(struct store *s, int64_t id, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "DELETE FROM survey_responses WHERE id = ?1", &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	return run(st, e);
}

int survey_store_draft_insert(struct store *s, int64_t org_id, int64_t invitation_id, const char *resume_hash,
                              const char *csrf, const char *submission_key, const char *lang, const char *answers,
                              int64_t *id, struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	int rc = store_prepare(s, "INSERT INTO survey_drafts (organisation_id, invitation_id, resume_hash, csrf_token, "
	                          "submission_key, lang, step, answers, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	                          "?6, 1, ?7, ?8, ?8) RETURNING id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, invitation_id);
	store_bind_text(st, 3, resume_hash, -1);
	store_bind_text(st, 4, csrf, -1);
	store_bind_text(st, 5, submission_key, -1);
	store_bind_text(st, 6, lang, -1);
	store_bind_text(st, 7, answers, -1);
	store_bind_text(st, 8, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	*id = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

int survey_store_draft_get(struct store *s, int64_t invitation_id, const char *resume_hash, json_t **row,
                           struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT id, organisation_id, invitation_id, csrf_token, submission_key, lang, step, "
	                          "answers, created_at, updated_at FROM survey_drafts WHERE invitation_id = ?1 AND "
	                          "resume_hash = ?2",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, invitation_id);
	store_bind_text(st, 2, resume_hash, -1);
	return collect(st, NULL, row, e);
}

int survey_store_draft_save(struct store *s, int64_t id, const char *lang, long step, const char *answers,
                            struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	int rc = store_prepare(s, "UPDATE survey_drafts SET lang = ?2, step = ?3, answers = ?4, updated_at = ?5 WHERE "
	                          "id = ?1",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_text(st, 2, lang, -1);
	store_bind_int(st, 3, step);
	store_bind_text(st, 4, answers, -1);
	store_bind_text(st, 5, now, -1);
	return run(st, e);
}

int survey_store_draft_delete(struct store *s, int64_t id, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "DELETE FROM survey_drafts WHERE id = ?1", &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	return run(st, e);
}

#define RESP_COLS                                                                                                    \
	"r.id, r.organisation_id, r.invitation_id, r.survey_id, r.submission_key, r.lang, r.status, r.client_id, "      \
	"r.submitted_at, r.reviewed_by, r.reviewed_at, r.created_at"

int survey_store_response_by_key(struct store *s, int64_t invitation_id, const char *key, json_t **row,
                                 struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " RESP_COLS ", r.answers FROM survey_responses r WHERE r.submission_key = ?1 "
	                          "AND r.invitation_id = ?2",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_text(st, 1, key, -1);
	store_bind_int(st, 2, invitation_id);
	return collect(st, NULL, row, e);
}

int survey_store_response_insert(struct store *s, const struct survey_response_new *in, int64_t *id, bool *inserted,
                                 struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	*inserted = false;
	/* ON CONFLICT DO NOTHING: a second copy of the same submission (a double click, a resent form, a retry after
	 * a lost answer) inserts nothing and does not abort the transaction (PostgreSQL would on a failed insert). */
	int rc = store_prepare(s, "INSERT INTO survey_responses (organisation_id, invitation_id, survey_id, "
	                          "submission_key, lang, answers, status, client_id, submitted_at, created_at, updated_at) "
	                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'submitted', ?7, ?8, ?8, ?8) "
	                          "ON CONFLICT (submission_key) DO NOTHING RETURNING id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, in->org_id);
	store_bind_int(st, 2, in->invitation_id);
	bind_id(st, 3, in->survey_id);
	store_bind_text(st, 4, in->submission_key, -1);
	store_bind_text(st, 5, in->lang, -1);
	store_bind_text(st, 6, in->answers, -1);
	bind_id(st, 7, in->client_id);
	store_bind_text(st, 8, now, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (rc == STORE_ROW) {
		*id = store_col_int(st, 0);
		*inserted = true;
		store_reset(st);
		return 0;
	}
	store_reset(st);
	json_t *row;
	if ((rc = survey_store_response_by_key(s, in->invitation_id, in->submission_key, &row, e)))
		return rc == ERR_NOT_FOUND ? err_set(e, ERR_CONFLICT, "submission_key", "this submission key is taken")
		                           : rc;
	*id = (int64_t)json_integer_value(json_object_get(row, "id"));
	json_decref(row);
	return 0;
}

int survey_store_response_list(struct store *s, int64_t org_id, const char *status, long limit, json_t **items,
                               struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " RESP_COLS ", i.client_id AS invitation_client_id, i.label AS "
	                          "invitation_label, v.slug AS survey_slug FROM survey_responses r JOIN "
	                          "survey_invitations i ON i.id = r.invitation_id LEFT JOIN surveys v ON v.id = r.survey_id "
	                          "WHERE r.organisation_id = ?1 AND r.archived_at IS NULL AND (CAST(?2 AS TEXT) IS NULL OR r.status = ?2) "
	                          "ORDER BY r.submitted_at, r.id LIMIT ?3",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_text(st, 2, status, -1);
	store_bind_int(st, 3, limit);
	return collect(st, items, NULL, e);
}

int survey_store_response_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT " RESP_COLS ", r.answers, r.decisions, i.client_id AS invitation_client_id, "
	                          "i.label AS invitation_label FROM survey_responses r JOIN survey_invitations i ON "
	                          "i.id = r.invitation_id WHERE r.id = ?1 AND r.organisation_id = ?2 AND "
	                          "r.archived_at IS NULL",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, org_id);
	if ((rc = collect(st, NULL, row, e)) == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, "id", "no such survey response");
	return rc;
}

int survey_store_response_review(struct store *s, int64_t org_id, int64_t id, const char *status, int64_t client_id,
                                 int64_t reviewed_by, const char *decisions, struct err *e)
{
	char now[21];
	store_now(now);
	struct store_stmt *st;
	int rc = store_prepare(s, "UPDATE survey_responses SET status = ?3, client_id = ?4, reviewed_by = ?5, "
	                          "reviewed_at = ?6, decisions = ?7, updated_at = ?6 WHERE id = ?1 AND organisation_id = ?2",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	store_bind_int(st, 2, org_id);
	store_bind_text(st, 3, status, -1);
	bind_id(st, 4, client_id);
	bind_id(st, 5, reviewed_by);
	store_bind_text(st, 6, now, -1);
	store_bind_text(st, 7, decisions, -1);
	return run(st, e);
}

int survey_store_esco_labels(struct store *s, const char *uri, const char *const *langs, size_t nlangs, json_t **out,
                             struct err *e)
{
	*out = json_object();
	if (!*out)
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
	struct store_stmt *st;
	int rc = store_prepare(s, "SELECT l.lang, l.label FROM tax_labels l JOIN tax_concepts c ON c.id = l.concept_id "
	                          "WHERE c.uri = ?1 AND l.label_type = 'preferred' ORDER BY l.lang, l.label",
	                       &st, e);
	if (rc) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	store_bind_text(st, 1, uri, -1);
	while ((rc = store_step(st, e)) == STORE_ROW) {
		const char *l = store_col_text(st, 0), *t = store_col_text(st, 1);
		for (size_t i = 0; l && t && i < nlangs; i++)
			if (strcmp(l, langs[i]) == 0 && !json_object_get(*out, l))
				json_object_set_new(*out, l, json_string(t));
	}
	if (rc < 0) {
		json_decref(*out);
		*out = NULL;
		return -rc;
	}
	return 0;
}
