/* account: staff accounts and the audit trail (see account.h). */
#include "app/account.h"

#include <stdio.h>
#include <string.h>

#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/jget.h"
#include "store/entity_store.h"

static int admin_only(const struct actor *a, struct err *e)
{
	return a->p->role == ROLE_ADMIN ? 0 : err_key(e, ERR_FORBIDDEN, "", "role", "only an admin may do this");
}

/* Accounts are made by an organisation's admin (in that organisation: policy_check_refs keeps it there) or by the
 * system administrator (any organisation). */
static int account_manager(const struct actor *a, struct err *e)
{
	return a->p->role == ROLE_ADMIN || a->p->role == ROLE_SYSADMIN
	           ? 0
	           : err_key(e, ERR_FORBIDDEN, "", "role", "only an admin may do this");
}

int account_login(struct store *s, const char *email, const char *password, const char *address, char *token,
                  char *csrf, struct principal *p, bool *keep_attempt, struct err *e)
{
	*keep_attempt = false;
	if (!email || !*email)
		return err_set(e, ERR_INVALID, "email", "email is required");
	if (!password || !*password)
		return err_set(e, ERR_INVALID, "password", "password is required");
	if (strlen(email) > 254 || strlen(password) > 200)
		return err_set(e, ERR_INVALID, "email", "the e-mail address or the password is wrong");
	int64_t uid = 0;
	int rc = auth_login(s, email, password, address, &uid, e);
	if (rc) {
		*keep_attempt = rc == ERR_UNAUTH; /* the failed attempt counts for throttling */
		return rc;
	}
	if ((rc = auth_session_create(s, uid, "browser", NULL, token, csrf, e)) ||
	    (rc = auth_session_lookup(s, token, p, e)))
		return rc;
	return audit_principal(s, p, "login", "users", uid, 0, NULL, e);
}

int account_create(const struct actor *a, json_t *body, json_t **row, struct err *e)
{
	*row = NULL;
	const struct entity_def *d = entity_get(ENT_USERS);
	int rc = account_manager(a, e);
	if (rc || (rc = policy_entity_access(a, d, ACC_WRITE, e)))
		return rc;
	const char *password = json_string_value(json_object_get(body, "password"));
	const char *email = json_string_value(json_object_get(body, "email"));
	if ((rc = auth_password_check(password, email, e)))
		return rc;
	json_t *fields = arena_json(a->arena, json_deep_copy(body)); /* the entity's fields: everything but the password */
	if (!fields)
		return err_oom(e);
	json_object_del(fields, "password");
	struct entity_input in = {0};
	int64_t org, id;
	char hash[AUTH_HASH_MAX];
	if ((rc = entity_validate(d, fields, true, a->arena, &in, e)) ||
	    (rc = policy_check_account_write(a, d, 0, NULL, &in, e)) || (rc = policy_check_refs(a, d, &in, &org, e)) ||
	    (rc = auth_password_hash(password, hash, e)))
		return rc;
	if ((rc = store_entity_insert(a->store, d, org, &in, &id, e)))
		return rc == ERR_CONFLICT ? err_key(e, ERR_CONFLICT, "email", "exists",
		                                    "a user with this e-mail address already exists")
		                          : rc;
	char detail[128];
	snprintf(detail, sizeof detail, "account role=%s organisation=%lld",
	         json_string_value(json_object_get(fields, "role")) ? json_string_value(json_object_get(fields, "role")) : "",
	         (long long)org);
	if ((rc = auth_password_set(a->store, id, hash, e)) ||
	    (rc = audit_principal(a->store, a->p, "create", d->name, id, 0, detail, e)) ||
	    (rc = store_entity_get(a->store, d, 0, id, row, e)))
		return rc;
	if (!(*row = arena_json(a->arena, *row))) /* released: out of memory */
		return err_oom(e);
	app_note_change(a, d, id);
	return 0;
}

int account_password_change(const struct actor *a, const char *address, const char *current, const char *next,
                            struct err *e)
{
	int64_t uid;
	int rc = current ? auth_login(a->store, a->p->email, current, address, &uid, e) : ERR_INVALID;
	if (rc)
		return rc == ERR_THROTTLED ? err_key(e, ERR_THROTTLED, "current_password", "throttled",
		                                     "too many failed attempts; wait 15 minutes")
		                           : err_key(e, ERR_INVALID, "current_password", "current_password",
		                                     "the current password is wrong");
	if ((rc = auth_password_check(next, a->p->email, e))) {
		snprintf(e->field, sizeof e->field, "new_password");
		return rc;
	}
	char hash[AUTH_HASH_MAX];
	if ((rc = auth_password_hash(next, hash, e)) || (rc = auth_password_set(a->store, a->p->user_id, hash, e)) ||
	    (rc = auth_session_delete_others(a->store, a->p->user_id, a->p->session_id, e)))
		return rc;
	return audit_principal(a->store, a->p, "password", "users", a->p->user_id, 0, "own password changed", e);
}

int account_logout(const struct actor *a, const char *session_token, bool everywhere, struct err *e)
{
	return everywhere ? auth_session_delete_user(a->store, a->p->user_id, e)
	                  : auth_session_delete(a->store, session_token, e);
}

int account_audit_of_client(const struct actor *a, int64_t client_id, json_t **items, struct err *e)
{
	*items = NULL;
	int rc = admin_only(a, e);
	if (rc)
		return rc;
	if (client_id <= 0)
		return err_key(e, ERR_INVALID, "client_id", "ref", "client_id must be a client's id");
	if ((rc = audit_of_client(a->store, a->p->org_id, client_id, items, e)))
		return rc;
	if (!(*items = arena_json(a->arena, *items))) /* released: out of memory */
		return err_oom(e);
	return 0;
}

int account_audit_find_clients(const struct actor *a, const char *q, json_t **items, struct err *e)
{
	*items = NULL;
	int rc = admin_only(a, e);
	if (rc)
		return rc;
	if (!q || !*q || strlen(q) > 200)
		return err_key(e, ERR_INVALID, "q", "required", "write a name to search for");
	/* the admin has no access to client records; this verb reads names only, for the audit */
	struct store_list_query lq = {.q = q, .limit = 20};
	json_t *rows = NULL;
	int64_t total = 0;
	if ((rc = store_entity_list(a->store, entity_get(ENT_CLIENTS), a->p->org_id, &lq, &rows, &total, e)))
		return rc;
	json_t *out = arena_json(a->arena, json_array());
	size_t i, n = json_array_size(rows);
	json_t *row;
	int64_t *ids = arena_alloc(a->arena, (n ? n : 1) * sizeof *ids); /* the clients named, for the audit entry */
	if (!out || !ids) {
		json_decref(rows);
		return err_oom(e);
	}
	json_array_foreach(rows, i, row) {
		ids[i] = jget_int(row, "id");
		json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:O}", "id", json_object_get(row, "id"), "first_name",
		                                     json_object_get(row, "first_name"), "last_name",
		                                     json_object_get(row, "last_name"), "birth_year",
		                                     json_object_get(row, "birth_year")));
	}
	json_decref(rows);
	*items = out;
	return audit_principal_subjects(a->store, a->p, "list", "clients", 0, "audit name search ", ids, n, e);
}
