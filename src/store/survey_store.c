/* survey_store: SQL for the survey tables (see survey_store.h). Every statement lives in the named table below and
 * every value is a bound parameter; each public function names its statement and its arguments, and one of four
 * runners (rows, one row, a RETURNING id, a change) does the rest. */
#include "store/survey_store.h"

#include <stdio.h>
#include <string.h>

#include "core/jget.h"
#include "store/entity_store.h"

#define SURVEY_COLS "id, organisation_id, slug, version, definition, created_at"
#define INV_COLS_OF(t)                                                                                               \
	t "id, " t "organisation_id, " t "survey_id, " t "single_use, " t "max_uses, " t "label, " t "lang, " t          \
	"client_id, " t "created_by, " t "expires_at, " t "used_count, " t "archived_at, " t "created_at, " t           \
	"programme_id, " t "target_groups, " t "intake_on, " t "employer_id"
#define INV_COLS INV_COLS_OF("")
#define RESP_COLS                                                                                                    \
	"r.id, r.organisation_id, r.invitation_id, r.survey_id, r.submission_key, r.lang, r.status, r.client_id, "      \
	"r.submitted_at, r.reviewed_by, r.reviewed_at, r.created_at"

enum survey_sql {
	Q_EXISTS_ORG,
	Q_EXISTS_DEFAULT,
	Q_INSERT,
	Q_LIST,
	Q_GET,
	Q_STAMP,
	Q_INV_INSERT,
	Q_INV_BY_HASH,
	Q_INV_LIST,
	Q_INV_FILL,
	Q_INV_USE,
	Q_DRAFT_INSERT,
	Q_DRAFT_GET,
	Q_DRAFT_SAVE,
	Q_DRAFT_DELETE,
	Q_RESP_DELETE,
	Q_RESP_BY_KEY,
	Q_RESP_INSERT,
	Q_RESP_LIST,
	Q_RESP_GET,
	Q_RESP_REVIEW,
	Q_ESCO_LABELS,
};

static const char *const sql_text[] = {
	[Q_EXISTS_ORG] = "SELECT id FROM surveys WHERE organisation_id = ?1 AND slug = ?2 AND version = ?3",
	[Q_EXISTS_DEFAULT] = "SELECT id FROM surveys WHERE organisation_id IS NULL AND slug = ?2 AND version = ?3 AND "
	                     "?1 = 0",
	[Q_INSERT] = "INSERT INTO surveys (organisation_id, slug, version, definition, created_at, updated_at) VALUES "
	             "(?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
	[Q_LIST] = "SELECT " SURVEY_COLS " FROM surveys WHERE archived_at IS NULL AND (organisation_id IS NULL OR "
	           "organisation_id = ?1) ORDER BY slug, version DESC, id",
	[Q_GET] = "SELECT " SURVEY_COLS " FROM surveys WHERE id = ?1 AND (?2 = 0 OR organisation_id IS NULL OR "
	          "organisation_id = ?2)",
	/* What tells a stored definition apart, without its text: a row is never changed (a new version is a new row) */
	[Q_STAMP] = "SELECT id, slug, version, created_at FROM surveys WHERE id = ?1 AND (?2 = 0 OR organisation_id IS "
	            "NULL OR organisation_id = ?2)",
	[Q_INV_INSERT] = "INSERT INTO survey_invitations (organisation_id, survey_id, token_hash, single_use, max_uses, "
	                 "label, lang, client_id, created_by, expires_at, used_count, created_at, updated_at, programme_id, "
	                 "target_groups, intake_on, employer_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, "
	                 "?11, ?12, ?13, ?14, ?15) RETURNING id",
	/* with its survey's stamp (app_survey_def_of_link): a submission reads the link and its survey in one statement */
	[Q_INV_BY_HASH] = "SELECT " INV_COLS_OF("i.") ", v.slug AS survey_slug, v.version AS survey_version, v.created_at "
	                  "AS survey_created_at FROM survey_invitations i LEFT JOIN surveys v ON v.id = i.survey_id WHERE "
	                  "i.token_hash = ?1",
	/* What the texts' placeholders say on this link's form: the organisation that made it and its programme's region */
	[Q_INV_FILL] = "SELECT o.name AS organisation, p.region AS region FROM survey_invitations i JOIN organisations o "
	               "ON o.id = i.organisation_id LEFT JOIN programmes p ON p.id = i.programme_id AND "
	               "p.organisation_id = i.organisation_id WHERE i.id = ?1",
	[Q_INV_LIST] = "SELECT " INV_COLS " FROM survey_invitations WHERE organisation_id = ?1 AND archived_at IS NULL "
	               "ORDER BY id DESC LIMIT 200",
	/* One conditional statement, so that the changed-row count decides: two servers that both read the link as open
	 * cannot both count a use past its limit (PostgreSQL re-checks the WHERE on the row the other one committed). */
	[Q_INV_USE] = "UPDATE survey_invitations SET used_count = used_count + 1, updated_at = ?2 WHERE id = ?1 AND "
	              "archived_at IS NULL AND expires_at > ?2 AND (single_use = 0 OR used_count < 1) AND (max_uses IS "
	              "NULL OR used_count < max_uses)",
	[Q_DRAFT_INSERT] = "INSERT INTO survey_drafts (organisation_id, invitation_id, resume_hash, csrf_token, "
	                   "submission_key, lang, step, answers, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	                   "1, ?7, ?8, ?8) RETURNING id",
	[Q_DRAFT_GET] = "SELECT id, organisation_id, invitation_id, csrf_token, submission_key, lang, step, answers, "
	                "created_at, updated_at FROM survey_drafts WHERE invitation_id = ?1 AND resume_hash = ?2",
	[Q_DRAFT_SAVE] = "UPDATE survey_drafts SET lang = ?2, step = ?3, answers = ?4, updated_at = ?5 WHERE id = ?1",
	[Q_DRAFT_DELETE] = "DELETE FROM survey_drafts WHERE id = ?1",
	[Q_RESP_DELETE] = "DELETE FROM survey_responses WHERE id = ?1",
	[Q_RESP_BY_KEY] = "SELECT " RESP_COLS ", r.answers FROM survey_responses r WHERE r.submission_key = ?1 AND "
	                  "r.invitation_id = ?2",
	/* ON CONFLICT DO NOTHING: a second copy of the same submission (a double click, a resent form, a retry after
	 * a lost answer) inserts nothing and does not abort the transaction (PostgreSQL would on a failed insert). */
	[Q_RESP_INSERT] = "INSERT INTO survey_responses (organisation_id, invitation_id, survey_id, submission_key, lang, "
	                  "answers, status, client_id, submitted_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, "
	                  "?6, 'submitted', ?7, ?8, ?8, ?8) ON CONFLICT (submission_key) DO NOTHING RETURNING id",
	[Q_RESP_LIST] = "SELECT " RESP_COLS ", i.client_id AS invitation_client_id, i.label AS invitation_label, v.slug "
	                "AS survey_slug, i.employer_id AS invitation_employer_id FROM survey_responses r JOIN "
	                "survey_invitations i ON i.id = r.invitation_id LEFT JOIN surveys v ON v.id = r.survey_id WHERE r.organisation_id = ?1 AND r.archived_at IS NULL AND "
	                "(CAST(?2 AS TEXT) IS NULL OR r.status = ?2) ORDER BY r.submitted_at, r.id LIMIT ?3",
	[Q_RESP_GET] = "SELECT " RESP_COLS ", r.answers, r.decisions, i.client_id AS invitation_client_id, i.label AS "
	               "invitation_label, i.programme_id AS invitation_programme_id, i.target_groups AS "
	               "invitation_target_groups, i.intake_on AS invitation_intake_on, i.employer_id AS "
	               "invitation_employer_id, v.slug AS survey_slug FROM survey_responses r JOIN survey_invitations i ON i.id = r.invitation_id "
	               "LEFT JOIN surveys v ON v.id = r.survey_id "
	               "WHERE r.id = ?1 AND r.organisation_id = ?2 AND r.archived_at IS NULL",
	[Q_RESP_REVIEW] = "UPDATE survey_responses SET status = ?3, client_id = ?4, reviewed_by = ?5, reviewed_at = ?6, "
	                  "decisions = ?7, updated_at = ?6 WHERE id = ?1 AND organisation_id = ?2 AND status = 'submitted'",
	[Q_ESCO_LABELS] = "SELECT l.lang, l.label FROM tax_labels l JOIN tax_concepts c ON c.id = l.concept_id WHERE "
	                  "c.uri = ?1 AND l.label_type = 'preferred' ORDER BY l.lang, l.label",
};

/* One bound parameter, ?1 first: an integer, a text (NULL binds SQL NULL) or an id (0 binds SQL NULL). */
struct arg {
	enum { A_INT, A_TEXT, A_ID } kind;
	int64_t i;
	const char *s;
};
#define INT(v) ((struct arg){A_INT, (int64_t)(v), NULL})
#define TEXT(v) ((struct arg){A_TEXT, 0, (v)})
#define ID(v) ((struct arg){A_ID, (int64_t)(v), NULL})
/* The argument list as (array, count) for the runners below. */
#define ARGS(...) (const struct arg[]){__VA_ARGS__}, sizeof((const struct arg[]){__VA_ARGS__}) / sizeof(struct arg)

static int prepare(struct store *s, enum survey_sql q, const struct arg *a, size_t n, struct store_stmt **st,
                   struct err *e)
{
	int rc = store_prepare(s, sql_text[q], st, e);
	for (size_t i = 0; !rc && i < n; i++) {
		int idx = (int)i + 1;
		if (a[i].kind == A_TEXT)
			rc = store_bind_text(*st, idx, a[i].s, -1);
		else if (a[i].kind == A_ID && !a[i].i)
			rc = store_bind_null(*st, idx);
		else
			rc = store_bind_int(*st, idx, a[i].i);
		if (rc)
			rc = err_set(e, rc, "", "cannot bind a survey statement's parameter");
	}
	return rc;
}

/* Runs a statement; collects every row into *items (an array) or the first into *row (ERR_NOT_FOUND: none). */
static int collect(struct store *s, enum survey_sql q, const struct arg *a, size_t n, json_t **items, json_t **row,
                   struct err *e)
{
	struct store_stmt *st;
	int rc = prepare(s, q, a, n, &st, e);
	if (rc)
		return rc;
	json_t *arr = items ? json_array() : NULL;
	if (items && !arr)
		return err_oom(e);
	while ((rc = store_step(st, e)) == STORE_ROW) {
		json_t *o = store_row_to_json(st);
		if (!o) {
			json_decref(arr);
			store_reset(st);
			return err_oom(e);
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

#define ROWS(s, q, items, e, ...) collect(s, q, ARGS(__VA_ARGS__), items, NULL, e)
#define ROW(s, q, row, e, ...) collect(s, q, ARGS(__VA_ARGS__), NULL, row, e)

/* Runs a statement that changes rows (*changed: how many, when not NULL) or returns one id (*id, when not NULL;
 * *id stays 0 when the statement returned no row). */
static int change(struct store *s, enum survey_sql q, const struct arg *a, size_t n, int64_t *changed, int64_t *id,
                  struct err *e)
{
	struct store_stmt *st;
	int rc = prepare(s, q, a, n, &st, e);
	if (rc)
		return rc;
	if (id)
		*id = 0;
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (id && rc == STORE_ROW)
		*id = store_col_int(st, 0);
	if (changed)
		*changed = store_changes(st);
	store_reset(st);
	return 0;
}

#define EXEC(s, q, e, ...) change(s, q, ARGS(__VA_ARGS__), NULL, NULL, e)
#define RETURNING(s, q, id, e, ...) change(s, q, ARGS(__VA_ARGS__), NULL, id, e)

/* ---------------------------------------------------------------- definitions */

int survey_store_exists(struct store *s, int64_t org_id, const char *slug, long version, bool *found, struct err *e)
{
	json_t *row;
	int rc = ROW(s, org_id ? Q_EXISTS_ORG : Q_EXISTS_DEFAULT, &row, e, INT(org_id), TEXT(slug), INT(version));
	*found = rc == 0;
	json_decref(*found ? row : NULL);
	if (rc == ERR_NOT_FOUND)
		err_clear(e);
	return rc == ERR_NOT_FOUND ? 0 : rc;
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
	return RETURNING(s, Q_INSERT, id, e, ID(org_id), TEXT(slug), INT(version), TEXT(definition), TEXT(now));
}

int survey_store_list(struct store *s, int64_t org_id, json_t **items, struct err *e)
{
	return ROWS(s, Q_LIST, items, e, INT(org_id));
}

int survey_store_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e)
{
	int rc = ROW(s, Q_GET, row, e, INT(id), INT(org_id));
	if (rc == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, "survey_id", "no such survey");
	return rc;
}

int survey_store_stamp(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e)
{
	int rc = ROW(s, Q_STAMP, row, e, INT(id), INT(org_id));
	if (rc == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, "survey_id", "no such survey");
	return rc;
}

/* ---------------------------------------------------------------- invitations */

int survey_store_invitation_insert(struct store *s, const struct survey_invitation_new *in, int64_t *id,
                                   struct err *e)
{
	char now[21];
	store_now(now);
	return RETURNING(s, Q_INV_INSERT, id, e, INT(in->org_id), INT(in->survey_id), TEXT(in->token_hash),
	                 INT(in->single_use ? 1 : 0), ID(in->max_uses > 0 ? in->max_uses : 0), TEXT(in->label),
	                 TEXT(in->lang), ID(in->client_id), ID(in->created_by), TEXT(in->expires_at), TEXT(now),
	                 ID(in->programme_id), TEXT(in->target_groups), TEXT(in->intake_on), ID(in->employer_id));
}

int survey_store_invitation_by_hash(struct store *s, const char *token_hash, json_t **row, struct err *e)
{
	return ROW(s, Q_INV_BY_HASH, row, e, TEXT(token_hash));
}

int survey_store_invitation_fill(struct store *s, int64_t id, json_t **row, struct err *e)
{
	return ROW(s, Q_INV_FILL, row, e, INT(id));
}

int survey_store_invitation_list(struct store *s, int64_t org_id, json_t **items, struct err *e)
{
	return ROWS(s, Q_INV_LIST, items, e, INT(org_id));
}

int survey_store_invitation_use(struct store *s, int64_t id, struct err *e)
{
	char now[21];
	store_now(now);
	int64_t changed;
	int rc = change(s, Q_INV_USE, ARGS(INT(id), TEXT(now)), &changed, NULL, e);
	if (rc)
		return rc;
	return changed ? 0 : err_set(e, ERR_CONFLICT, "token", "this survey link has already been used or has expired");
}

/* ---------------------------------------------------------------- drafts */

int survey_store_draft_insert(struct store *s, int64_t org_id, int64_t invitation_id, const char *resume_hash,
                              const char *csrf, const char *submission_key, const char *lang, const char *answers,
                              int64_t *id, struct err *e)
{
	char now[21];
	store_now(now);
	return RETURNING(s, Q_DRAFT_INSERT, id, e, INT(org_id), INT(invitation_id), TEXT(resume_hash), TEXT(csrf),
	                 TEXT(submission_key), TEXT(lang), TEXT(answers), TEXT(now));
}

int survey_store_draft_get(struct store *s, int64_t invitation_id, const char *resume_hash, json_t **row,
                           struct err *e)
{
	return ROW(s, Q_DRAFT_GET, row, e, INT(invitation_id), TEXT(resume_hash));
}

int survey_store_draft_save(struct store *s, int64_t id, const char *lang, long step, const char *answers,
                            struct err *e)
{
	char now[21];
	store_now(now);
	return EXEC(s, Q_DRAFT_SAVE, e, INT(id), TEXT(lang), INT(step), TEXT(answers), TEXT(now));
}

int survey_store_draft_delete(struct store *s, int64_t id, struct err *e)
{
	return EXEC(s, Q_DRAFT_DELETE, e, INT(id));
}

/* ---------------------------------------------------------------- responses */

int survey_store_response_delete(struct store *s, int64_t id, struct err *e)
{
	return EXEC(s, Q_RESP_DELETE, e, INT(id));
}

int survey_store_response_by_key(struct store *s, int64_t invitation_id, const char *key, json_t **row,
                                 struct err *e)
{
	return ROW(s, Q_RESP_BY_KEY, row, e, TEXT(key), INT(invitation_id));
}

int survey_store_response_insert(struct store *s, const struct survey_response_new *in, int64_t *id, bool *inserted,
                                 struct err *e)
{
	char now[21];
	store_now(now);
	*inserted = false;
	int rc = RETURNING(s, Q_RESP_INSERT, id, e, INT(in->org_id), INT(in->invitation_id), ID(in->survey_id),
	                   TEXT(in->submission_key), TEXT(in->lang), TEXT(in->answers), ID(in->client_id), TEXT(now));
	if (rc)
		return rc;
	if (*id) {
		*inserted = true;
		return 0;
	}
	/* the key was there already: answer with the stored copy's id */
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
	return ROWS(s, Q_RESP_LIST, items, e, INT(org_id), TEXT(status), INT(limit));
}

int survey_store_response_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e)
{
	int rc = ROW(s, Q_RESP_GET, row, e, INT(id), INT(org_id));
	if (rc == ERR_NOT_FOUND)
		err_set(e, ERR_NOT_FOUND, "id", "no such survey response");
	return rc;
}

int survey_store_response_review(struct store *s, int64_t org_id, int64_t id, const char *status, int64_t client_id,
                                 int64_t reviewed_by, const char *decisions, struct err *e)
{
	char now[21];
	store_now(now);
	int64_t changed = 0;
	int rc = change(s, Q_RESP_REVIEW,
	                ARGS(INT(id), INT(org_id), TEXT(status), ID(client_id), ID(reviewed_by), TEXT(now), TEXT(decisions)),
	                &changed, NULL, e);
	if (!rc && changed == 0) /* another review came first: the conditional update decides, not an earlier read */
		return err_key(e, ERR_CONFLICT, "status", "reviewed", "this response has already been reviewed");
	return rc;
}

/* ---------------------------------------------------------------- ESCO labels for pick-lists */

int survey_store_esco_labels(struct store *s, const char *uri, const char *const *langs, size_t nlangs, json_t **out,
                             struct err *e)
{
	json_t *rows;
	*out = NULL;
	int rc = ROWS(s, Q_ESCO_LABELS, &rows, e, TEXT(uri));
	if (rc)
		return rc;
	*out = json_object();
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		const char *l = jget_text(row, "lang"), *t = jget_text(row, "label");
		for (size_t k = 0; *out && l && t && k < nlangs; k++)
			if (strcmp(l, langs[k]) == 0 && !json_object_get(*out, l))
				json_object_set(*out, l, json_object_get(row, "label"));
	}
	json_decref(rows);
	return *out ? 0 : err_oom(e);
}
