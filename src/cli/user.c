/* cli user: staff accounts from the command line (the first admin of a new installation is made here). */
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "app/entity.h"
#include "auth/audit.h"
#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "core/arena.h"
#include "core/validate.h"
#include "store/entity_store.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja user add --email E --name N --role ROLE --org ORG_ID [--password P] [--lang fi|sv|en]\n"
	           "       osaaja user add-org --name N --kind KIND          (prints the new organisation's id)\n"
	           "       osaaja user list\n"
	           "       osaaja user passwd --email E [--password P]\n"
	           "All take --db FILE|URL. ROLE: admin, counsellor, coordinator, manager, employer, sysadmin (the system\n"
	           "administrator: organisations and users of every organisation, no client data; given only here).\n"
	           "Every account made and password reset here is audited as the console operator.\n"
	           "Without --password the password is read from the first line of standard input.\n");
}

static bool read_password(const char *given, char *out, size_t n)
{
	if (given) {
		snprintf(out, n, "%s", given);
		return true;
	}
	if (!fgets(out, (int)n, stdin))
		return false;
	out[strcspn(out, "\r\n")] = 0;
	return true;
}

static int set_password(struct store *s, const char *email, const char *password)
{
	struct err e = {0};
	char hash[AUTH_HASH_MAX];
	if (auth_password_check(password, email, &e) || auth_password_hash(password, hash, &e)) {
		fprintf(stderr, "osaaja user: %s\n", e.message);
		return 1;
	}
	struct store_stmt *st;
	if (store_prepare(s, "UPDATE users SET password_hash = ?1 WHERE email = ?2", &st, &e)) {
		fprintf(stderr, "osaaja user: %s\n", e.message);
		return 1;
	}
	store_bind_text(st, 1, hash, -1);
	store_bind_text(st, 2, email, -1);
	if (store_step(st, &e) < 0) {
		fprintf(stderr, "osaaja user: %s\n", e.message);
		return 1;
	}
	if (store_changes(st) == 0) {
		fprintf(stderr, "osaaja user: no user with e-mail %s\n", email);
		return 1;
	}
	int64_t id = 0;
	if (store_prepare(s, "SELECT id FROM users WHERE email = ?1", &st, &e) == 0) {
		store_bind_text(st, 1, email, -1);
		if (store_step(st, &e) == STORE_ROW)
			id = store_col_int(st, 0);
	}
	struct principal console = {.role = ROLE_SYSADMIN, .console = true}; /* the operator at the console */
	if (audit_principal(s, &console, "password", "users", id, 0, "password reset at the console", &e)) {
		fprintf(stderr, "osaaja user: %s\n", e.message);
		return 1;
	}
	return 0;
}

int cli_user(int argc, char **argv)
{
	struct opt o[] = {{"db", true, NULL},   {"email", true, NULL}, {"name", true, NULL},     {"role", true, NULL},
	                  {"org", true, NULL},  {"password", true, NULL}, {"lang", true, NULL}, {"kind", true, NULL},
	                  {"help", false, NULL}};
	const char *pos[1];
	int npos;
	int rc = opts_begin("user", usage, argc, argv, o, 9, pos, 1, &npos, 1, 1);
	if (rc >= 0)
		return rc;
	if (auth_init())
		return 1;
	const char *action = pos[0];
	struct store *s = NULL;
	rc = 1;
	struct err e = {0};
	if (strcmp(action, "list") == 0) {
		if (!(s = cli_open_store(o[0].value ? o[0].value : cli_default_db())))
			return 1;
		struct store_stmt *st;
		if (store_prepare(s, "SELECT u.id, u.email, u.role, u.organisation_id, o.name FROM users u JOIN organisations o "
		                     "ON o.id = u.organisation_id WHERE u.archived_at IS NULL ORDER BY u.organisation_id, u.id",
		                  &st, &e) == 0) {
			while (store_step(st, &e) == STORE_ROW)
				printf("%lld\t%s\t%s\t%lld\t%s\n", (long long)store_col_int(st, 0), store_col_text(st, 1),
				       store_col_text(st, 2), (long long)store_col_int(st, 3), store_col_text(st, 4));
			rc = 0;
		}
	} else if (strcmp(action, "add-org") == 0) {
		if (!o[2].value || !o[7].value) {
			fprintf(stderr, "osaaja user add-org: --name and --kind are required\n");
			return 2;
		}
		if (!(s = cli_open_store(o[0].value ? o[0].value : cli_default_db())))
			return 1;
		json_t *body = json_pack("{s:s,s:s}", "name", o[2].value, "kind", o[7].value), *row = NULL;
		struct arena *a = arena_new(0);
		struct principal sys = {.role = ROLE_SYSADMIN, .console = true}; /* the operator at the console */
		struct actor act = {.p = &sys, .store = s, .arena = a};
		if (store_begin(s, &e) || app_entity_create(&act, entity_get(ENT_ORGANISATIONS), body, &row, &e) ||
		    store_commit(s, &e)) {
			fprintf(stderr, "osaaja user add-org: %s\n", e.message);
			store_rollback(s);
		} else {
			printf("%lld\n", (long long)json_integer_value(json_object_get(row, "id")));
			rc = 0;
		}
		arena_free(a);
		json_decref(body);
	} else if (strcmp(action, "add") == 0) {
		if (!o[1].value || !o[2].value || !o[3].value || !o[4].value) {
			fprintf(stderr, "osaaja user add: --email, --name, --role and --org are required\n");
			return 2;
		}
		long org;
		if (!opts_long("user", "org", o[4].value, 1, 1L << 40, &org))
			return 2;
		char pw[256];
		if (!read_password(o[5].value, pw, sizeof pw)) {
			fprintf(stderr, "osaaja user add: no password given (use --password or standard input)\n");
			return 2;
		}
		if (auth_password_check(pw, o[1].value, &e)) {
			fprintf(stderr, "osaaja user add: %s\n", e.message);
			return 2;
		}
		if (!(s = cli_open_store(o[0].value ? o[0].value : cli_default_db())))
			return 1;
		json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:s}", "email", o[1].value, "name", o[2].value, "role", o[3].value,
		                         "lang", o[6].value ? o[6].value : "fi", "password", pw),
		       *row = NULL;
		struct arena *a = arena_new(0);
		/* the operator at the console acts as the system administrator in that organisation, through the same verb
		 * as the API; only the console may make a system administrator */
		struct principal sys = {.role = ROLE_SYSADMIN, .org_id = org, .console = true};
		struct actor act = {.p = &sys, .store = s, .arena = a};
		int64_t found_org = 0;
		if (store_entity_org(s, entity_get(ENT_ORGANISATIONS), org, &found_org, &e) || store_begin(s, &e) ||
		    account_create(&act, body, &row, &e) || store_commit(s, &e)) {
			fprintf(stderr, "osaaja user add: %s\n", e.code == ERR_NOT_FOUND ? "no such organisation (--org)" : e.message);
			store_rollback(s);
		} else {
			printf("user %lld created: %s (%s)\n", (long long)json_integer_value(json_object_get(row, "id")),
			       o[1].value, o[3].value);
			rc = 0;
		}
		arena_free(a);
		json_decref(body);
	} else if (strcmp(action, "passwd") == 0) {
		if (!o[1].value) {
			fprintf(stderr, "osaaja user passwd: --email is required\n");
			return 2;
		}
		char pw[256];
		if (!read_password(o[5].value, pw, sizeof pw)) {
			fprintf(stderr, "osaaja user passwd: no password given\n");
			return 2;
		}
		if (!(s = cli_open_store(o[0].value ? o[0].value : cli_default_db())))
			return 1;
		if (store_begin(s, &e)) {
			fprintf(stderr, "osaaja user passwd: %s\n", e.message);
		} else if ((rc = set_password(s, o[1].value, pw)) || store_commit(s, &e)) {
			store_rollback(s);
			rc = 1;
		}
		if (!rc)
			printf("password changed for %s\n", o[1].value);
	} else {
		fprintf(stderr, "osaaja user: unknown action '%s'\n", action);
		usage(stderr);
		return 2;
	}
	store_close(s);
	return rc;
}
