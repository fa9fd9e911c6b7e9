/* audit: hash-chained append-only audit entries. */
#include "auth/audit.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "store/entity_store.h"
#include "store/privacy_store.h"

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void entry_hash(const char *prev, const char *at, const struct audit_entry *a, char out[65])
{
	struct buf b = {0};
	buf_init(&b, 0);
	/* Unit separators keep fields apart so "1"+"23" and "12"+"3" hash differently. */
	buf_printf(&b, "%s\x1f%s\x1f%" PRId64 "\x1f%" PRId64 "\x1f%s\x1f%s\x1f%s\x1f%" PRId64 "\x1f%" PRId64 "\x1f%s",
	           prev, at, a->user_id, a->org_id, a->role ? a->role : "", a->action, a->entity, a->entity_id,
	           a->client_id, a->detail ? a->detail : "");
	auth_hash_hex(b.data ? b.data : "", b.len, out);
	buf_free(&b);
}

int audit_chain_lock(struct store *s, char prev[65], struct err *e)
{
	int rc;
	/* Serialise writers so the chain cannot fork (SQLite's write transaction already does; PostgreSQL needs a
	 * transaction-scoped advisory lock). */
	if (store_kind(s) == STORE_POSTGRES && (rc = store_run(s, "SELECT pg_advisory_xact_lock(7261001)", NULL, 0, NULL, e)))
		return rc;
	struct store_stmt *st;
	bool found;
	if ((rc = store_query_first(s, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", NULL, 0, &st, &found, e)))
		return rc;
	snprintf(prev, 65, "%s", found ? store_col_text(st, 0) : genesis);
	store_reset(st);
	return 0;
}

/* Rows in one INSERT on PostgreSQL: the appender writes a batch in a few statements instead of a round trip an
 * entry (a match answer audits each of its 20 clients, and those round trips were what limited that route). SQLite
 * has no round trip to spare, and there one cached single-row statement measured faster. */
enum { ROWS_MAX = 16, COLS = 11 };

/* insert_sql[k - 1]: the INSERT of k rows, written once (pthread_once: the appender and audit_write both use it). */
static char insert_sql[ROWS_MAX][1600];
static pthread_once_t insert_once = PTHREAD_ONCE_INIT;

static void insert_sql_init(void)
{
	for (int k = 1; k <= ROWS_MAX; k++) {
		char *sql = insert_sql[k - 1];
		size_t cap = sizeof insert_sql[0];
		int len = snprintf(sql, cap, "INSERT INTO audit_log (at, user_id, organisation_id, role, action, entity, "
		                             "entity_id, client_id, detail, prev_hash, hash) VALUES ");
		for (int i = 0; i < k; i++)
			for (int c = 0; c < COLS; c++)
				len += snprintf(sql + len, cap - (size_t)len, "%s?%d%s", c ? ", " : (i ? ", (" : "("),
				                i * COLS + c + 1, c == COLS - 1 ? ")" : "");
	}
}

static void fill_params(struct store_param *q, const char *at, const struct audit_entry *x, const char *prev,
                        const char *hash)
{
	q[0] = STORE_P_TEXT(at);
	q[1] = STORE_P_OPT_INT(x->user_id);
	q[2] = STORE_P_OPT_INT(x->org_id);
	q[3] = STORE_P_TEXT(x->role);
	q[4] = STORE_P_TEXT(x->action);
	q[5] = STORE_P_TEXT(x->entity);
	q[6] = STORE_P_OPT_INT(x->entity_id);
	q[7] = STORE_P_OPT_INT(x->client_id);
	q[8] = STORE_P_TEXT(x->detail);
	q[9] = STORE_P_TEXT(prev);
	q[10] = STORE_P_TEXT(hash);
}

/* An entry with subjects: written alone, to learn its id, then one statement for all its subjects (repeats once). */
static int append_with_subjects(struct store *s, char prev[65], const char *at, const struct audit_entry *x,
                                struct err *e)
{
	char hash[65];
	entry_hash(prev, at, x, hash);
	struct store_param p[COLS];
	fill_params(p, at, x, prev, hash);
	char sql[sizeof insert_sql[0] + 16];
	snprintf(sql, sizeof sql, "%s RETURNING id", insert_sql[0]);
	struct store_stmt *st;
	bool found;
	int rc = store_query_first(s, sql, p, COLS, &st, &found, e);
	if (rc)
		return rc;
	int64_t id = found ? store_col_int(st, 0) : 0;
	store_reset(st);
	if (!found)
		return err_set(e, ERR_INTERNAL, "", "the audit entry was not written");
	memcpy(prev, hash, 65);
	bool pg = store_kind(s) == STORE_POSTGRES;
	struct buf ids = {0};
	buf_init(&ids, 0);
	buf_puts(&ids, pg ? "{" : "[");
	for (size_t i = 0; i < x->nsubjects; i++)
		buf_printf(&ids, "%s%" PRId64, i ? "," : "", x->subjects[i]);
	buf_puts(&ids, pg ? "}" : "]");
	/* The id list as one value: a PostgreSQL array, a JSON array on SQLite. A client this user already saw today in
	 * the same thing (entity and id: the caseload, a vacancy's matches, a shortlist) keeps that first entry: the
	 * insert then only probes the key, and dirties no page (a caseload read all day would otherwise write a row per
	 * client per read). */
	char day[11];
	snprintf(day, sizeof day, "%.10s", at);
	const struct store_param q[] = {STORE_P_TEXTN(ids.data, ids.len), STORE_P_INT(id), STORE_P_TEXT(day),
	                                STORE_P_INT(x->user_id), STORE_P_TEXT(x->entity), STORE_P_INT(x->entity_id)};
	rc = store_run(s,
	               pg ? "INSERT INTO audit_subjects (client_id, day, user_id, entity, entity_id, audit_id) SELECT "
	                    "DISTINCT c, ?3, CAST(?4 AS BIGINT), ?5, CAST(?6 AS BIGINT), CAST(?2 AS BIGINT) FROM "
	                    "unnest(CAST(?1 AS BIGINT[])) c ON CONFLICT DO NOTHING"
	                  : "INSERT INTO audit_subjects (client_id, day, user_id, entity, entity_id, audit_id) SELECT "
	                    "DISTINCT value, ?3, ?4, ?5, ?6, ?2 FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING",
	               q, 6, NULL, e);
	buf_free(&ids);
	return rc;
}

int audit_chain_append_n(struct store *s, char prev[65], size_t n, const char *const at[],
                         const struct audit_entry *const a[], size_t per_statement, struct err *e)
{
	size_t most = per_statement ? per_statement : store_kind(s) == STORE_POSTGRES ? ROWS_MAX : 1;
	if (most > ROWS_MAX)
		most = ROWS_MAX;
	/* outside the loop: the build zeroes every local array (-ftrivial-auto-var-init), 9 KB a statement inside it */
	char prevs[ROWS_MAX][65], hash[ROWS_MAX][65];
	struct store_param p[ROWS_MAX * COLS];
	pthread_once(&insert_once, insert_sql_init);
	for (size_t done = 0; done < n;) {
		if (a[done]->nsubjects) {
			int rc = append_with_subjects(s, prev, at[done], a[done], e);
			if (rc)
				return rc;
			done++;
			continue;
		}
		size_t k = 0; /* the entries up to the next with subjects, at most `most` */
		while (k < most && done + k < n && !a[done + k]->nsubjects)
			k++;
		for (size_t i = 0; i < k; i++) {
			const struct audit_entry *x = a[done + i];
			memcpy(prevs[i], prev, 65);
			entry_hash(prevs[i], at[done + i], x, hash[i]);
			memcpy(prev, hash[i], 65); /* rows take their ids in the order of the VALUES list: the chain's order */
			fill_params(&p[i * COLS], at[done + i], x, prevs[i], hash[i]);
		}
		int rc = store_run(s, insert_sql[k - 1], p, (int)(k * COLS), NULL, e);
		if (rc)
			return rc;
		done += k;
	}
	return 0;
}

int audit_chain_append(struct store *s, char prev[65], const char *at, const struct audit_entry *a, struct err *e)
{
	return audit_chain_append_n(s, prev, 1, &at, &a, 0, e);
}

int audit_write(struct store *s, const struct audit_entry *a, struct err *e)
{
	char at[21];
	store_now(at);
	if (audit_deferring()) /* a read: the appender commits it before the answer goes out */
		return audit_defer_entry(a, at, e);
	char prev[65];
	int rc = audit_chain_lock(s, prev, e);
	return rc ? rc : audit_chain_append(s, prev, at, a, e);
}

/* The one place that turns a principal (NULL: the system) into an entry's who, for both convenience writers. */
static int write_as(struct store *s, const struct principal *p, const char *action, const char *entity,
                    int64_t entity_id, int64_t client_id, const char *detail, const int64_t *subjects, size_t nsubjects,
                    struct err *e)
{
	struct audit_entry a = {
		.user_id = p ? p->user_id : 0,
		.org_id = p ? p->org_id : 0,
		.role = p ? role_name(p->role) : "system",
		.action = action,
		.entity = entity,
		.entity_id = entity_id,
		.client_id = client_id,
		.detail = detail,
		.subjects = subjects,
		.nsubjects = nsubjects,
	};
	return audit_write(s, &a, e);
}

int audit_principal(struct store *s, const struct principal *p, const char *action, const char *entity,
                    int64_t entity_id, int64_t client_id, const char *detail, struct err *e)
{
	return write_as(s, p, action, entity, entity_id, client_id, detail, NULL, 0, e);
}

int audit_principal_subjects(struct store *s, const struct principal *p, const char *action, const char *entity,
                             int64_t entity_id, const char *what, const int64_t *ids, size_t n, struct err *e)
{
	if (!n)
		return 0;
	struct buf detail = {0};
	buf_init(&detail, 0);
	buf_printf(&detail, "%sids=", what ? what : "");
	for (size_t i = 0; i < n; i++)
		buf_printf(&detail, "%s%" PRId64, i ? "," : "", ids[i]);
	int rc = detail.data ? write_as(s, p, action, entity, entity_id, 0, detail.data, ids, n, e) : err_oom(e);
	buf_free(&detail);
	return rc;
}

int audit_verify(struct store *s, int64_t *checked, int64_t *broken_id, struct err *e)
{
	*checked = 0;
	*broken_id = 0;
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "SELECT id, at, user_id, organisation_id, role, action, entity, entity_id, client_id, "
	                       "detail, prev_hash, hash FROM audit_log ORDER BY id",
	                       &st, e);
	if (rc)
		return rc;
	char prev[65];
	snprintf(prev, sizeof prev, "%s", genesis);
	while ((rc = store_step(st, e)) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		struct audit_entry a = {
			.user_id = store_col_int(st, 2),
			.org_id = store_col_int(st, 3),
			.role = store_col_text(st, 4),
			.action = store_col_text(st, 5),
			.entity = store_col_text(st, 6),
			.entity_id = store_col_int(st, 7),
			.client_id = store_col_int(st, 8),
			.detail = store_col_text(st, 9),
		};
		const char *stored_prev = store_col_text(st, 10), *stored = store_col_text(st, 11);
		char h[65];
		entry_hash(prev, store_col_text(st, 1), &a, h);
		if (!stored_prev || !stored || strcmp(stored_prev, prev) != 0 || strcmp(stored, h) != 0) {
			*broken_id = id;
			store_reset(st);
			return err_set(e, ERR_CONFLICT, "", "the audit chain is broken at entry %lld", (long long)id);
		}
		snprintf(prev, sizeof prev, "%s", stored);
		(*checked)++;
	}
	return rc < 0 ? -rc : 0;
}

int audit_of_client(struct store *s, int64_t org_id, int64_t client_id, json_t **items, struct err *e)
{
	const struct store_param p[] = {STORE_P_INT(client_id), STORE_P_INT(org_id)};
	return store_query_rows(s,
	                        "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.role, a.action, a.entity, a.entity_id, "
	                        PRIVACY_AUDIT_DETAIL " FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.id IN "
	                        PRIVACY_AUDIT_IDS_OF_CLIENT " AND EXISTS (SELECT 1 FROM clients c WHERE c.id = ?1 AND "
	                        "c.organisation_id = ?2) ORDER BY a.id DESC LIMIT 500",
	                        p, STORE_NPARAMS(p), 500, items, e);
}
