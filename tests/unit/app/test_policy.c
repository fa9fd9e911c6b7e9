/* Unit tests of the application layer's policy (src/app/policy.c) on a real SQLite store in a temporary file:
 * two organisations, staff of every role, an employer user and clients with assigned counsellors; every rule is
 * checked from a table of cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/actor.h"
#include "app/policy.h"
#include "core/arena.h"
#include "domain/entity.h"
#include "store/migrations.h"
#include "store/store.h"

static char g_dir[256];
static struct store *g_store;
static struct arena *g_arena;

/* The people of the fixture (ids fixed by the inserts below). */
enum {
	ORG_NORTH = 1,
	ORG_SOUTH = 2,
	U_ADMIN = 10,
	U_COUNS_A = 11, /* assigned counsellor of CLIENT_A */
	U_COUNS_B = 12, /* another counsellor of the same organisation; assigned to CLIENT_B */
	U_COORD = 13,
	U_MANAGER = 14,
	U_EMPLOYER = 15,
	U_SYSADMIN = 16, /* the system administrator (a principal only: not a row of the fixture) */
	U_COUNS_SOUTH = 21,
	CLIENT_A = 100,
	CLIENT_B = 101,
	CLIENT_SOUTH = 200,
	EMPLOYER_NORTH = 300,
};

static const struct principal people[] = {
    {.user_id = U_ADMIN, .org_id = ORG_NORTH, .role = ROLE_ADMIN},
    {.user_id = U_COUNS_A, .org_id = ORG_NORTH, .role = ROLE_COUNSELLOR},
    {.user_id = U_COUNS_B, .org_id = ORG_NORTH, .role = ROLE_COUNSELLOR},
    {.user_id = U_COORD, .org_id = ORG_NORTH, .role = ROLE_COORDINATOR},
    {.user_id = U_MANAGER, .org_id = ORG_NORTH, .role = ROLE_MANAGER},
    {.user_id = U_EMPLOYER, .org_id = ORG_NORTH, .role = ROLE_EMPLOYER, .employer_id = EMPLOYER_NORTH},
    {.user_id = U_COUNS_SOUTH, .org_id = ORG_SOUTH, .role = ROLE_COUNSELLOR},
    {.user_id = U_SYSADMIN, .org_id = ORG_NORTH, .role = ROLE_SYSADMIN},
};

static struct actor actor_of(int64_t user_id)
{
	for (size_t i = 0; i < sizeof people / sizeof *people; i++)
		if (people[i].user_id == user_id)
			return (struct actor){.p = &people[i], .store = g_store, .arena = g_arena, .changes = NULL};
	fail_msg("no user %lld in the fixture", (long long)user_id);
	return (struct actor){0};
}

static void exec_ok(const char *sql)
{
	struct err e = {0};
	if (store_exec(g_store, sql, &e))
		fail_msg("exec failed: %s: %s", sql, e.message);
}

static int setup(void **state)
{
	(void)state;
	snprintf(g_dir, sizeof g_dir, "/tmp/osaaja-policy-test.XXXXXX");
	if (!mkdtemp(g_dir))
		return -1;
	char url[300];
	snprintf(url, sizeof url, "sqlite:%s/test.db", g_dir);
	struct err e = {0};
	if (store_open(url, &g_store, &e) || store_migrate(g_store, &e)) {
		print_error("store: %s\n", e.message);
		return -1;
	}
	g_arena = arena_new(0);
	const char *T = "'2026-01-01T00:00:00Z'";
	char sql[1024];
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO organisations (id, name, kind, created_at, updated_at) VALUES (1, 'North', 'ngo', %s, %s), "
	    "(2, 'South', 'ngo', %s, %s)",
	    T, T, T, T);
	exec_ok(sql);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO users (id, organisation_id, email, name, role, created_at, updated_at) VALUES "
	    "(10, 1, 'admin@n', 'Admin', 'admin', %s, %s), (11, 1, 'a@n', 'Counsellor A', 'counsellor', %s, %s), "
	    "(12, 1, 'b@n', 'Counsellor B', 'counsellor', %s, %s), (13, 1, 'c@n', 'Coord', 'coordinator', %s, %s), "
	    "(14, 1, 'm@n', 'Manager', 'manager', %s, %s), (15, 1, 'e@n', 'Employer', 'employer', %s, %s), "
	    "(21, 2, 's@s', 'Counsellor South', 'counsellor', %s, %s)",
	    T, T, T, T, T, T, T, T, T, T, T, T, T, T);
	exec_ok(sql);
	snprintf(
	    sql, sizeof sql,
	    "INSERT INTO clients (id, organisation_id, counsellor_id, first_name, last_name, created_at, updated_at) "
	    "VALUES (100, 1, 11, 'Aino', 'A', %s, %s), (101, 1, 12, 'Bo', 'B', %s, %s), "
	    "(200, 2, 21, 'Sami', 'S', %s, %s)",
	    T, T, T, T, T, T);
	exec_ok(sql);
	snprintf(sql, sizeof sql,
	         "INSERT INTO employers (id, organisation_id, name, created_at, updated_at) VALUES "
	         "(300, 1, 'North Oy', %s, %s), (301, 2, 'South Ab', %s, %s)",
	         T, T, T, T);
	exec_ok(sql);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	store_close(g_store);
	arena_free(g_arena);
	char path[300];
	snprintf(path, sizeof path, "%s/test.db", g_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/test.db-wal", g_dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/test.db-shm", g_dir);
	unlink(path);
	rmdir(g_dir);
	return 0;
}

static const struct field_def *field(const struct entity_def *d, const char *name)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	fail_msg("%s has no field %s", d->name, name);
	return NULL;
}

/* ---- policy_entity_access: the access column of the entity table, written out by hand ---- */

/* Access per role in the order admin, counsellor, coordinator, manager, employer, sysadmin: X none, R read, W write.
 * Copied from the ACC(...) column of src/domain/entities.c on purpose: a change there must change this line too. */
static const struct {
	enum entity_id id;
	const char *acc;
} access_cases[] = {
    {ENT_ORGANISATIONS, "RRRRXW"}, {ENT_PROGRAMMES, "WRRRXX"}, {ENT_USERS, "WRRXXW"},
    {ENT_FAMILIES, "XWRXXX"},      {ENT_CLIENTS, "XWRXXX"},    {ENT_EDUCATIONS, "XWRXXX"},
    {ENT_CONSENTS, "XWRXXX"},      {ENT_EMPLOYERS, "XWWXXX"},  {ENT_VACANCIES, "XWWXXX"},
    {ENT_PROPOSALS, "XWWXXX"},     {ENT_SERVICE_EVENTS, "XWRXXX"}, {ENT_OUTCOMES, "XWRXXX"},
    {ENT_GROUP_EVENTS, "XWWXXX"},  {ENT_COURSES, "XWWXXX"},
    /* a family is seen by the staff who may see its clients, never by an employer (issue 14) */
    {ENT_FAMILY_MEMBERS, "XWRXXX"}, {ENT_SETTLING_STEPS, "XWRXXX"},
};

static void test_entity_access(void **state)
{
	(void)state;
	static const int64_t by_role[ROLE_COUNT] = {U_ADMIN, U_COUNS_A, U_COORD, U_MANAGER, U_EMPLOYER, U_SYSADMIN};
	int cases = 0;
	for (size_t i = 0; i < sizeof access_cases / sizeof *access_cases; i++) {
		const struct entity_def *d = entity_get(access_cases[i].id);
		for (int r = 0; r < ROLE_COUNT; r++) {
			struct actor a = actor_of(by_role[r]);
			char c = access_cases[i].acc[r];
			for (int need = ACC_READ; need <= ACC_WRITE; need++) {
				bool want = c == 'W' || (c == 'R' && need == ACC_READ);
				struct err e = {0};
				int rc = policy_entity_access(&a, d, (enum access)need, &e);
				if ((rc == 0) != want)
					fail_msg("%s %s %s: rc %d, want %s", role_name((enum role)r),
					         need == ACC_WRITE ? "write" : "read", d->name, rc,
					         want ? "allowed" : "refused");
				if (rc) {
					assert_int_equal(rc, ERR_FORBIDDEN);
					assert_string_equal(e.key, "role");
				}
				cases++;
			}
		}
	}
	print_message("entity access: %d cases passed\n", cases);
}

/* ---- policy_scope ---- */

static void test_scope(void **state)
{
	(void)state;
	static const struct {
		int64_t user;
		enum entity_id ent;
		int64_t want;
	} cases[] = {
	    {U_ADMIN, ENT_ORGANISATIONS, ORG_NORTH}, /* an admin administers its own organisation only */
	    {U_ADMIN, ENT_USERS, ORG_NORTH},
	    {U_ADMIN, ENT_PROGRAMMES, ORG_NORTH},
	    {U_SYSADMIN, ENT_ORGANISATIONS, 0}, /* the system administrator: organisations and users everywhere */
	    {U_SYSADMIN, ENT_USERS, 0},
	    {U_SYSADMIN, ENT_PROGRAMMES, ORG_NORTH},
	    {U_SYSADMIN, ENT_CLIENTS, ORG_NORTH},
	    {U_ADMIN, ENT_CLIENTS, ORG_NORTH},
	    {U_ADMIN, ENT_EMPLOYERS, ORG_NORTH},
	    {U_COUNS_A, ENT_ORGANISATIONS, ORG_NORTH},
	    {U_COUNS_A, ENT_USERS, ORG_NORTH},
	    {U_COORD, ENT_CLIENTS, ORG_NORTH},
	    {U_COUNS_SOUTH, ENT_CLIENTS, ORG_SOUTH},
	    {U_EMPLOYER, ENT_VACANCIES, ORG_NORTH},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct actor a = actor_of(cases[i].user);
		assert_int_equal(policy_scope(&a, entity_get(cases[i].ent)), cases[i].want);
	}
}

/* ---- policy_check_refs ---- */

static void test_check_refs(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		int64_t user;
		enum entity_id ent;
		const char *field;
		int64_t value;
		int rc;
		int64_t new_org; /* when rc is 0 */
	} cases[] = {
	    {"own organisation's client as parent", U_COUNS_A, ENT_SERVICE_EVENTS, "client_id", CLIENT_A, 0, ORG_NORTH},
	    {"another counsellor's client of the same organisation", U_COUNS_A, ENT_SERVICE_EVENTS, "client_id",
	     CLIENT_B, 0, ORG_NORTH},
	    {"another organisation's client", U_COUNS_A, ENT_SERVICE_EVENTS, "client_id", CLIENT_SOUTH, ERR_INVALID, 0},
	    {"a client that does not exist", U_COUNS_A, ENT_SERVICE_EVENTS, "client_id", 999, ERR_INVALID, 0},
	    {"the other organisation sees its own client", U_COUNS_SOUTH, ENT_SERVICE_EVENTS, "client_id", CLIENT_SOUTH,
	     0, ORG_SOUTH},
	    {"the other organisation cannot use ours", U_COUNS_SOUTH, ENT_SERVICE_EVENTS, "client_id", CLIENT_A,
	     ERR_INVALID, 0},
	    {"a counsellor of the same organisation", U_COUNS_A, ENT_CLIENTS, "counsellor_id", U_COUNS_B, 0, ORG_NORTH},
	    {"a counsellor of another organisation", U_COUNS_A, ENT_CLIENTS, "counsellor_id", U_COUNS_SOUTH,
	     ERR_INVALID, 0},
	    {"an admin cannot place a user in another organisation", U_ADMIN, ENT_USERS, "organisation_id", ORG_SOUTH,
	     ERR_INVALID, 0},
	    {"an admin places a user in its own organisation", U_ADMIN, ENT_USERS, "organisation_id", ORG_NORTH, 0,
	     ORG_NORTH},
	    {"the system administrator places a user in any organisation", U_SYSADMIN, ENT_USERS, "organisation_id",
	     ORG_SOUTH, 0, ORG_SOUTH},
	    {"staff name their own organisation", U_COUNS_A, ENT_USERS, "organisation_id", ORG_NORTH, 0, ORG_NORTH},
	    {"staff cannot name another organisation", U_COUNS_A, ENT_USERS, "organisation_id", ORG_SOUTH, ERR_INVALID,
	     0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct actor a = actor_of(cases[i].user);
		const struct entity_def *d = entity_get(cases[i].ent);
		struct entity_value v = {.f = field(d, cases[i].field), .i = cases[i].value};
		struct entity_input in = {.v = &v, .n = 1};
		int64_t org = -1;
		struct err e = {0};
		int rc = policy_check_refs(&a, d, &in, &org, &e);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d (%s), want %d", cases[i].why, rc, e.message, cases[i].rc);
		if (rc) {
			assert_string_equal(e.key, "ref");
			assert_string_equal(e.field, cases[i].field);
		} else {
			assert_int_equal(org, cases[i].new_org);
		}
	}
	/* a NULL reference is not checked */
	struct actor a = actor_of(U_COUNS_A);
	const struct entity_def *d = entity_get(ENT_CLIENTS);
	struct entity_value v = {.f = field(d, "counsellor_id"), .is_null = true, .i = 999};
	struct entity_input in = {.v = &v, .n = 1};
	int64_t org = 0;
	struct err e = {0};
	assert_int_equal(policy_check_refs(&a, d, &in, &org, &e), 0);
	assert_int_equal(org, ORG_NORTH);
}

/* ---- policy_is_assigned, policy_viewer ---- */

static void test_assigned_and_viewer(void **state)
{
	(void)state;
	static const struct {
		int64_t user, client;
		bool assigned;
		enum privacy_viewer viewer;
	} cases[] = {
	    {U_COUNS_A, CLIENT_A, true, PRIVACY_VIEWER_ASSIGNED},
	    {U_COUNS_B, CLIENT_A, false, PRIVACY_VIEWER_STAFF},
	    {U_COUNS_B, CLIENT_B, true, PRIVACY_VIEWER_ASSIGNED},
	    {U_COORD, CLIENT_A, false, PRIVACY_VIEWER_STAFF},
	    {U_MANAGER, CLIENT_A, false, PRIVACY_VIEWER_STAFF},
	    {U_ADMIN, CLIENT_A, false, PRIVACY_VIEWER_STAFF},
	    {U_EMPLOYER, CLIENT_A, false, PRIVACY_VIEWER_EMPLOYER},
	    {U_COUNS_A, CLIENT_SOUTH, false, PRIVACY_VIEWER_STAFF},
	    {U_COUNS_SOUTH, CLIENT_SOUTH, true, PRIVACY_VIEWER_ASSIGNED},
	    {U_COUNS_A, 999, false, PRIVACY_VIEWER_STAFF}, /* no such client */
	    {U_COUNS_A, 0, false, PRIVACY_VIEWER_STAFF},   /* no client at all */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct actor a = actor_of(cases[i].user);
		if (policy_is_assigned(&a, cases[i].client) != cases[i].assigned ||
		    policy_viewer(&a, cases[i].client) != cases[i].viewer)
			fail_msg("user %lld, client %lld: assigned %d viewer %d, want %d %d", (long long)cases[i].user,
			         (long long)cases[i].client, policy_is_assigned(&a, cases[i].client),
			         policy_viewer(&a, cases[i].client), cases[i].assigned, cases[i].viewer);
	}
}

/* ---- policy_redact ---- */

struct redact_case {
	const char *why;
	int64_t user;
	enum entity_id ent;
	const char *row;     /* JSON */
	const char *decides; /* JSON, or NULL: the row itself */
	const char *gone;    /* fields removed, space-separated ("" none) */
	const char *kept;    /* fields that stay, space-separated */
};

#define CLIENT_ROW(id, c)                                                                                              \
	"{\"id\":" #id ",\"counsellor_id\":" #c ",\"first_name\":\"Aino\",\"work_hours_max\":20,"                      \
	"\"physical_load\":\"light\",\"accommodations\":\"a quiet room\"}"
#define CAPACITY "work_hours_max physical_load accommodations"
#define EVENT_ROW(client) "{\"id\":5,\"client_id\":" #client ",\"summary\":\"met\",\"notes\":\"private\"}"

static const struct redact_case redact_cases[] = {
    {"the assigned counsellor sees work capacity", U_COUNS_A, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, "",
     "first_name " CAPACITY},
    {"another counsellor does not", U_COUNS_B, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, CAPACITY, "first_name"},
    {"a coordinator does not", U_COORD, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, CAPACITY, "first_name"},
    {"a manager does not", U_MANAGER, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, CAPACITY, "first_name"},
    {"an admin does not", U_ADMIN, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, CAPACITY, "first_name"},
    {"an employer does not", U_EMPLOYER, ENT_CLIENTS, CLIENT_ROW(100, 11), NULL, CAPACITY, "first_name"},
    {"a row without a counsellor: nobody", U_COUNS_A, ENT_CLIENTS,
     "{\"id\":100,\"first_name\":\"A\",\"work_hours_max\":20}", NULL, "work_hours_max", "first_name"},
    {"decides: taking a client over does not show it in that answer", U_COUNS_A, ENT_CLIENTS, CLIENT_ROW(101, 11),
     CLIENT_ROW(101, 12), CAPACITY, "first_name counsellor_id"},
    {"decides: the counsellor who handed the client over still reads that answer", U_COUNS_B, ENT_CLIENTS,
     CLIENT_ROW(101, 11), CLIENT_ROW(101, 12), "", "first_name " CAPACITY},
    {"the row's own counsellor_id decides, not the store", U_COUNS_B, ENT_CLIENTS, CLIENT_ROW(100, 12), NULL, "",
     CAPACITY},
    {"case notes: the assigned counsellor", U_COUNS_A, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "", "summary notes"},
    {"case notes: any counsellor", U_COUNS_B, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "", "summary notes"},
    {"case notes: not a coordinator", U_COORD, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "notes", "summary"},
    {"case notes: not a manager", U_MANAGER, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "notes", "summary"},
    {"case notes: not an admin", U_ADMIN, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "notes", "summary"},
    {"case notes: not an employer", U_EMPLOYER, ENT_SERVICE_EVENTS, EVENT_ROW(100), NULL, "notes", "summary"},
    {"family notes: a coordinator does not", U_COORD, ENT_FAMILIES, "{\"name\":\"F\",\"notes\":\"n\"}", NULL, "notes",
     "name"},
    {"family notes: a counsellor does", U_COUNS_B, ENT_FAMILIES, "{\"name\":\"F\",\"notes\":\"n\"}", NULL, "",
     "name notes"},
    {"proposals: share_gaps is the counsellor's", U_COORD, ENT_PROPOSALS,
     "{\"client_id\":100,\"share_gaps\":true,\"vacancy_id\":1}", NULL, "share_gaps", "client_id vacancy_id"},
    {"an entity without restricted fields: nothing goes", U_EMPLOYER, ENT_EMPLOYERS,
     "{\"name\":\"North Oy\",\"notes\":\"n\"}", NULL, "", "name notes"},
};

static bool has_all(json_t *row, const char *names, bool want)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", names);
	for (char *s = buf; *s;) {
		size_t l = strcspn(s, " ");
		char c = s[l];
		s[l] = 0;
		if ((json_object_get(row, s) != NULL) != want)
			return false;
		s += l + (c ? 1 : 0);
	}
	return true;
}

static void test_redact(void **state)
{
	(void)state;
	size_t n = sizeof redact_cases / sizeof *redact_cases;
	for (size_t i = 0; i < n; i++) {
		const struct redact_case *c = &redact_cases[i];
		struct actor a = actor_of(c->user);
		json_error_t je;
		json_t *row = json_loads(c->row, 0, &je);
		json_t *decides = c->decides ? json_loads(c->decides, 0, &je) : json_incref(row);
		assert_non_null(row);
		assert_non_null(decides);
		policy_redact(&a, entity_get(c->ent), row, decides);
		if (!has_all(row, c->gone, false) || !has_all(row, c->kept, true)) {
			char *s = json_dumps(row, JSON_SORT_KEYS);
			fail_msg("%s: row is %s; gone [%s], kept [%s]", c->why, s, c->gone, c->kept);
		}
		json_decref(row);
		json_decref(decides);
	}
	print_message("redact: %zu cases passed\n", n);
}

/* ---- policy_check_write_fields ---- */

static void test_check_write_fields(void **state)
{
	(void)state;
	static const struct {
		const char *why;
		int64_t user;
		enum entity_id ent;
		const char *field;
		int64_t client, new_counsellor;
		int rc;
	} cases[] = {
	    {"the assigned counsellor writes work capacity", U_COUNS_A, ENT_CLIENTS, "work_hours_max", CLIENT_A, 0, 0},
	    {"another counsellor may not", U_COUNS_B, ENT_CLIENTS, "work_hours_max", CLIENT_A, 0, ERR_FORBIDDEN},
	    {"a coordinator may not", U_COORD, ENT_CLIENTS, "accommodations", CLIENT_A, 0, ERR_FORBIDDEN},
	    {"an admin may not", U_ADMIN, ENT_CLIENTS, "physical_load", CLIENT_A, 0, ERR_FORBIDDEN},
	    {"a new client assigned to me", U_COUNS_A, ENT_CLIENTS, "work_hours_max", 0, U_COUNS_A, 0},
	    {"a new client assigned to someone else", U_COUNS_A, ENT_CLIENTS, "work_hours_max", 0, U_COUNS_B,
	     ERR_FORBIDDEN},
	    {"a new client without a counsellor", U_COUNS_A, ENT_CLIENTS, "physical_load", 0, 0, ERR_FORBIDDEN},
	    {"an ordinary field: anyone", U_COUNS_B, ENT_CLIENTS, "first_name", CLIENT_A, 0, 0},
	    {"case notes: any counsellor", U_COUNS_B, ENT_SERVICE_EVENTS, "notes", CLIENT_A, 0, 0},
	    {"case notes: not a coordinator", U_COORD, ENT_SERVICE_EVENTS, "notes", CLIENT_A, 0, ERR_FORBIDDEN},
	    {"the other organisation's counsellor", U_COUNS_SOUTH, ENT_CLIENTS, "work_hours_max", CLIENT_A, 0,
	     ERR_FORBIDDEN},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct actor a = actor_of(cases[i].user);
		const struct entity_def *d = entity_get(cases[i].ent);
		struct entity_value v[2] = {
		    {.f = field(d, d == entity_get(ENT_CLIENTS) ? "last_name" : "summary"), .s = "x"},
		    {.f = field(d, cases[i].field), .i = 20, .s = "x"}};
		struct entity_input in = {.v = v, .n = 2};
		struct err e = {0};
		int rc = policy_check_write_fields(&a, d, &in, cases[i].client, cases[i].new_counsellor, &e);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d (%s), want %d", cases[i].why, rc, e.message, cases[i].rc);
		if (rc) {
			assert_string_equal(e.key, "assigned_only");
			assert_string_equal(e.field, cases[i].field);
		}
	}
}

/* ---- policy_check_account_write ---- */

static void test_check_account_write(void **state)
{
	(void)state;
	const struct entity_def *d = entity_get(ENT_USERS);
	json_t *counsellor = json_pack("{s:I,s:s}", "id", (json_int_t)U_COUNS_A, "role", "counsellor");
	json_t *admin = json_pack("{s:I,s:s}", "id", (json_int_t)U_ADMIN, "role", "admin");
	json_t *sysadmin = json_pack("{s:I,s:s}", "id", (json_int_t)99, "role", "sysadmin");
	static const struct principal console = {.role = ROLE_SYSADMIN, .org_id = ORG_NORTH, .console = true};
	static const struct {
		const char *why;
		int64_t user; /* 0: the console */
		int64_t id;   /* 0: a create */
		int which;    /* the old row: 0 none, 1 counsellor, 2 admin, 3 sysadmin */
		const char *role; /* NULL: the write does not name the role */
		int rc;
		const char *key;
	} cases[] = {
	    {"an admin makes a counsellor of its own", U_ADMIN, 0, 0, "counsellor", 0, NULL},
	    {"an admin changes another's role", U_ADMIN, U_COUNS_A, 1, "coordinator", 0, NULL},
	    {"an admin changes its own role", U_ADMIN, U_ADMIN, 2, "counsellor", ERR_FORBIDDEN, "own_role"},
	    {"an admin renames itself", U_ADMIN, U_ADMIN, 2, NULL, 0, NULL},
	    {"an admin makes a system administrator", U_ADMIN, 0, 0, "sysadmin", ERR_FORBIDDEN, "sysadmin_cli_only"},
	    {"an admin grants the system-administrator role", U_ADMIN, U_COUNS_A, 1, "sysadmin", ERR_FORBIDDEN,
	     "sysadmin_cli_only"},
	    {"an admin changes a system administrator", U_ADMIN, 99, 3, NULL, ERR_FORBIDDEN, "sysadmin_only"},
	    {"an admin archives a system administrator", U_ADMIN, 99, 3, NULL, ERR_FORBIDDEN, "sysadmin_only"},
	    {"the system administrator grants its role on the web", U_SYSADMIN, U_COUNS_A, 1, "sysadmin",
	     ERR_FORBIDDEN, "sysadmin_cli_only"},
	    {"the system administrator changes an admin's role", U_SYSADMIN, U_ADMIN, 2, "coordinator", 0, NULL},
	    {"the console makes a system administrator", 0, 0, 0, "sysadmin", 0, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct actor a = cases[i].user ? actor_of(cases[i].user)
		                               : (struct actor){.p = &console, .store = g_store, .arena = g_arena};
		json_t *old = (json_t *[]){NULL, counsellor, admin, sysadmin}[cases[i].which];
		struct entity_value v = {.f = field(d, "role"), .s = cases[i].role};
		struct entity_input in = {.v = &v, .n = cases[i].role ? 1 : 0};
		struct err e = {0};
		int rc = policy_check_account_write(&a, d, cases[i].id, old, &in, &e);
		if (rc != cases[i].rc)
			fail_msg("%s: rc %d (%s), want %d", cases[i].why, rc, e.message, cases[i].rc);
		if (rc)
			assert_string_equal(e.key, cases[i].key);
	}
	/* other entities have no account rules */
	struct actor a = actor_of(U_ADMIN);
	struct err e = {0};
	assert_int_equal(policy_check_account_write(&a, entity_get(ENT_CLIENTS), U_ADMIN, admin, NULL, &e), 0);
	json_decref(counsellor);
	json_decref(admin);
	json_decref(sysadmin);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_entity_access), cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_check_refs),    cmocka_unit_test(test_assigned_and_viewer),
	    cmocka_unit_test(test_redact),        cmocka_unit_test(test_check_write_fields),
	    cmocka_unit_test(test_check_account_write),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
