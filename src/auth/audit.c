/* audit: hash-chained append-only audit entries. */
#include "auth/audit.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "store/entity_store.h"

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

int audit_chain_append(struct store *s, char prev[65], const char *at, const struct audit_entry *a, struct err *e)
{
	char hash[65];
	entry_hash(prev, at, a, hash);
	const struct store_param p[] = {
		STORE_P_TEXT(at),        STORE_P_OPT_INT(a->user_id),   STORE_P_OPT_INT(a->org_id),
		STORE_P_TEXT(a->role),   STORE_P_TEXT(a->action),       STORE_P_TEXT(a->entity),
		STORE_P_OPT_INT(a->entity_id), STORE_P_OPT_INT(a->client_id), STORE_P_TEXT(a->detail),
		STORE_P_TEXT(prev),      STORE_P_TEXT(hash)};
	int rc = store_run(s,
	                   "INSERT INTO audit_log (at, user_id, organisation_id, role, action, entity, entity_id, "
	                   "client_id, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	                   p, STORE_NPARAMS(p), NULL, e);
	if (!rc)
		memcpy(prev, hash, 65);
	return rc;
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

int audit_principal(struct store *s, const struct principal *p, const char *action, const char *entity,
                    int64_t entity_id, int64_t client_id, const char *detail, struct err *e)
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
	};
	return audit_write(s, &a, e);
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
	*items = NULL;
	struct store_stmt *st;
	int rc = store_prepare(s,
	                       "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.role, a.action, a.entity, a.entity_id, "
	                       "a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id JOIN clients c ON "
	                       "c.id = a.client_id WHERE a.client_id = ?1 AND c.organisation_id = ?2 ORDER BY a.id DESC "
	                       "LIMIT 500",
	                       &st, e);
	if (rc)
		return rc;
	store_bind_int(st, 1, client_id);
	store_bind_int(st, 2, org_id);
	json_t *out = json_array();
	while ((rc = store_step(st, e)) == STORE_ROW)
		json_array_append_new(out, store_row_json(st, NULL));
	if (rc < 0) {
		json_decref(out);
		return -rc;
	}
	*items = out;
	return 0;
}
