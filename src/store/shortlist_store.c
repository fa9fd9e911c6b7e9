/* shortlist_store: shortlists and their items (see shortlist_store.h). */
#include "store/shortlist_store.h"

#include <stdio.h>
#include <string.h>

#include "store/entity_store.h"

static int oom(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
}

/* Runs a prepared statement and collects its rows as JSON objects (at most max). */
static int collect(struct store_stmt *st, size_t max, json_t **out, struct err *e)
{
	json_t *arr = json_array();
	if (!arr)
		return oom(e);
	int rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (json_array_size(arr) >= max)
			break;
		json_t *row = store_row_json(st, NULL);
		if (!row || json_array_append_new(arr, row)) {
			json_decref(arr);
			store_reset(st);
			return oom(e);
		}
	}
	store_reset(st);
	if (rc < 0) {
		json_decref(arr);
		return -rc;
	}
	*out = arr;
	return 0;
}

static int one(struct store_stmt *st, json_t **row, const char *what, struct err *e)
{
	json_t *arr = NULL;
	int rc = collect(st, 1, &arr, e);
	if (rc)
		return rc;
	json_t *r = json_array_get(arr, 0);
	if (!r) {
		json_decref(arr);
		return err_set(e, ERR_NOT_FOUND, "id", "no such %s", what);
	}
	*row = json_incref(r);
	json_decref(arr);
	return 0;
}

int shortlist_store_create(struct store *s, int64_t org_id, int64_t vacancy_id, int64_t employer_id,
                           int64_t created_by, const char *now, const char *token_hash, const char *expires_at,
                           int64_t *id, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "INSERT INTO shortlists (organisation_id, vacancy_id, employer_id, created_by, sent_at, "
	                       "link_token_hash, link_expires_at, created_at, updated_at) "
	                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?5, ?5) RETURNING id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, vacancy_id);
	store_bind_int(st, 3, employer_id);
	store_bind_int(st, 4, created_by);
	store_bind_text(st, 5, now, -1);
	store_bind_text(st, 6, token_hash, -1);
	store_bind_text(st, 7, expires_at, -1);
	rc = store_step(st, e);
	if (rc < 0)
		return -rc;
	if (rc != STORE_ROW) {
		store_reset(st);
		return err_set(e, ERR_INTERNAL, "", "the shortlist was not stored");
	}
	*id = store_col_int(st, 0);
	store_reset(st);
	return 0;
}

int shortlist_store_add_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, int position,
                             const char *profile, const char *now, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "INSERT INTO shortlist_items (shortlist_id, proposal_id, position, profile, created_at) "
	                       "VALUES (?1, ?2, ?3, ?4, ?5)",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, shortlist_id);
	store_bind_int(st, 2, proposal_id);
	store_bind_int(st, 3, position);
	store_bind_text(st, 4, profile, -1);
	store_bind_text(st, 5, now, -1);
	rc = store_step(st, e);
	store_reset(st);
	return rc < 0 ? -rc : 0;
}

int shortlist_store_list(struct store *s, int64_t org_id, int64_t employer_id, int64_t vacancy_id, json_t **items,
                         struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(
		s,
		"SELECT sl.id, sl.vacancy_id, v.title AS vacancy_title, sl.employer_id, em.name AS employer_name, sl.sent_at, "
		"sl.link_expires_at, (SELECT COUNT(*) FROM shortlist_items i WHERE i.shortlist_id = sl.id) AS items, "
		"(SELECT COUNT(*) FROM shortlist_items i JOIN proposals p ON p.id = i.proposal_id "
		" WHERE i.shortlist_id = sl.id AND p.stage = 'sent') AS waiting "
		"FROM shortlists sl JOIN vacancies v ON v.id = sl.vacancy_id JOIN employers em ON em.id = sl.employer_id "
		"WHERE sl.archived_at IS NULL AND (?1 = 0 OR sl.organisation_id = ?1) "
		"AND ((?2 > 0 AND sl.employer_id = ?2) OR (?2 = 0 AND sl.vacancy_id = ?3)) "
		"ORDER BY sl.sent_at DESC, sl.id DESC",
		&st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, org_id);
	store_bind_int(st, 2, employer_id);
	store_bind_int(st, 3, vacancy_id);
	return collect(st, SHORTLIST_LIST_MAX, items, e);
}

#define GET_SQL                                                                                                    \
	"SELECT sl.id, sl.organisation_id, sl.vacancy_id, sl.employer_id, sl.created_by, sl.sent_at, sl.link_expires_at, " \
	"v.title AS vacancy_title, v.municipality, v.hours_per_week, v.contract_type, em.name AS employer_name "          \
	"FROM shortlists sl JOIN vacancies v ON v.id = sl.vacancy_id JOIN employers em ON em.id = sl.employer_id "     \
	"WHERE sl.archived_at IS NULL AND "

int shortlist_store_get(struct store *s, int64_t id, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, GET_SQL "sl.id = ?1", &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, id);
	return one(st, row, "shortlist", e);
}

int shortlist_store_by_token(struct store *s, const char *token_hash, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s, GET_SQL "sl.link_token_hash = ?1", &st, e);
	if (rc)
		return rc;
	store_bind_text(st, 1, token_hash, -1);
	return one(st, row, "shortlist", e);
}

int shortlist_store_items(struct store *s, int64_t shortlist_id, json_t **items, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "SELECT i.proposal_id, i.position, i.profile, p.stage, p.reason, p.identity_revealed, "
	                       "p.client_id FROM shortlist_items i JOIN proposals p ON p.id = i.proposal_id "
	                       "WHERE i.shortlist_id = ?1 AND p.archived_at IS NULL ORDER BY i.position, i.id",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, shortlist_id);
	return collect(st, SHORTLIST_MAX_ITEMS, items, e);
}

int shortlist_store_has_item(struct store *s, int64_t shortlist_id, int64_t proposal_id, bool *found, struct err *e)
{
	char a[24], b[24];
	snprintf(a, sizeof a, "%lld", (long long)shortlist_id);
	snprintf(b, sizeof b, "%lld", (long long)proposal_id);
	const char *p[] = {a, b};
	int64_t n = 0;
	int rc = store_query_int(s,
	                         "SELECT COUNT(*) FROM shortlist_items WHERE shortlist_id = CAST(?1 AS INTEGER) AND "
	                         "proposal_id = CAST(?2 AS INTEGER)",
	                         p, 2, &n, NULL, e);
	*found = n > 0;
	return rc;
}

int shortlist_store_identity(struct store *s, int64_t client_id, json_t **row, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "SELECT first_name, last_name, email, phone FROM clients WHERE id = ?1 AND "
	                       "archived_at IS NULL",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, client_id);
	return one(st, row, "client", e);
}
