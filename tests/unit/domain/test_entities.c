/* Unit tests for the entity table: it agrees with the migrated schema, and validation names the field at fault. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/entity.h"
#include "store/store.h"

/* Every field of every entity is a column of its table: SELECT them all from a freshly migrated database. */
static void test_table_matches_schema(void **state)
{
	(void)state;
	char path[] = "/tmp/osaaja-entities-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct store *s;
	struct err e = {0};
	assert_int_equal(store_open(path, &s, &e), 0);
	assert_int_equal(store_migrate(s, &e), 0);
	for (size_t i = 0; i < entity_count; i++) {
		const struct entity_def *d = entity_all[i];
		struct buf b = {0};
		buf_init(&b, 0);
		buf_puts(&b, "SELECT id, created_at, updated_at, archived_at");
		for (size_t k = 0; k < d->nfields; k++)
			buf_printf(&b, ", %s", d->fields[k].name);
		buf_printf(&b, " FROM %s LIMIT 0", d->table);
		struct store_stmt *st;
		int rc = store_prepare(s, b.data, &st, &e);
		if (rc)
			fail_msg("entity %s does not match its table: %s", d->name, e.message);
		buf_free(&b);
		if (d->parent)
			assert_non_null(entity_find(d->parent));
		for (size_t k = 0; k < d->nfields; k++)
			if (d->fields[k].type == FT_REF)
				assert_non_null(entity_find(d->fields[k].ref));
	}
	store_close(s);
	unlink(path);
}

struct vcase {
	const char *entity, *json;
	bool create;
	int code;
	const char *field;
};

static const struct vcase cases[] = {
	{"clients", "{\"first_name\":\"Olena\",\"last_name\":\"K\"}", true, 0, ""},
	{"clients", "{\"last_name\":\"K\"}", true, ERR_INVALID, "first_name"},
	{"clients", "{\"first_name\":\"\",\"last_name\":\"K\"}", true, ERR_INVALID, "first_name"},
	{"clients", "{\"status\":\"active\"}", false, 0, ""},
	{"clients", "{\"status\":\"sleeping\"}", false, ERR_INVALID, "status"},
	{"clients", "{\"target_groups\":[\"spouse\",\"aliens\"]}", false, ERR_INVALID, "target_groups"},
	{"clients", "{\"target_groups\":\"spouse\"}", false, ERR_INVALID, "target_groups"},
	{"clients", "{\"birth_year\":1850}", false, ERR_INVALID, "birth_year"},
	{"clients", "{\"birth_year\":1990.5}", false, ERR_INVALID, "birth_year"},
	{"clients", "{\"cv_ready\":\"yes\"}", false, ERR_INVALID, "cv_ready"},
	{"clients", "{\"first_name\":\"a\\nb\"}", false, ERR_INVALID, "first_name"},
	{"clients", "{\"strengths\":\"a\\nb\"}", false, 0, ""},
	{"clients", "{\"last_contact_on\":\"2026-01-01\"}", false, 0, ""}, /* server-set: ignored */
	{"clients", "{\"nickname\":\"x\"}", false, ERR_INVALID, "nickname"},
	{"clients", "{\"id\":5,\"created_at\":\"x\"}", false, 0, ""},
	{"clients", "[]", false, ERR_INVALID, ""},
	{"client-skills", "{\"client_id\":1,\"evidence\":\"credential\"}", true, 0, ""},
	{"client-skills", "{\"client_id\":0,\"evidence\":\"credential\"}", true, ERR_INVALID, "client_id"},
	{"client-skills", "{\"client_id\":2}", false, ERR_INVALID, "client_id"}, /* parent cannot change */
	{"employers", "{\"name\":\"X\",\"business_id\":\"0112038-9\"}", true, 0, ""},
	{"employers", "{\"name\":\"X\",\"business_id\":\"0112038-1\"}", true, ERR_INVALID, "business_id"},
	{"vacancies", "{\"employer_id\":1,\"title\":\"Hitsaaja\",\"contract_type\":\"seasonal\"}", true, 0, ""},
	{"vacancies", "{\"employer_id\":1,\"title\":\"Hitsaaja\"}", true, ERR_INVALID, "contract_type"},
	{"vacancy-languages", "{\"vacancy_id\":1,\"language\":\"fi\",\"min_level\":\"C3\"}", true, ERR_INVALID, "min_level"},
	{"outcome-followups", "{\"outcome_id\":1,\"months\":13,\"checked_on\":\"2026-01-01\"}", true, ERR_INVALID, "months"},
	{"work-history", "{\"client_id\":1,\"title\":\"x\",\"years\":\"NaN\"}", true, ERR_INVALID, "years"},
	{"work-history", "{\"client_id\":1,\"title\":\"x\",\"years\":80}", true, ERR_INVALID, "years"},
};

static void test_validation_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const struct vcase *c = &cases[i];
		const struct entity_def *d = entity_find(c->entity);
		assert_non_null(d);
		json_error_t je;
		json_t *j = json_loads(c->json, 0, &je);
		assert_non_null(j);
		struct arena *a = arena_new(0);
		struct entity_input in = {0};
		struct err e = {0};
		int rc = entity_validate(d, j, c->create, a, &in, &e);
		if (rc != c->code || strcmp(e.field, c->field) != 0)
			fail_msg("case %zu (%s %s): got %d field '%s' (%s), want %d field '%s'", i, c->entity, c->json, rc,
			         e.field, e.message, c->code, c->field);
		if (rc)
			assert_true(strlen(e.message) > 5);
		arena_free(a);
		json_decref(j);
	}
}

static void test_visibility(void **state)
{
	(void)state;
	const struct entity_def *d = entity_get(ENT_CLIENTS);
	const struct field_def *wh = entity_field(d, "work_hours_max");
	assert_true(entity_field_visible(wh, ROLE_COUNSELLOR, true));
	assert_false(entity_field_visible(wh, ROLE_COUNSELLOR, false));
	assert_false(entity_field_visible(wh, ROLE_COORDINATOR, true));
	const struct field_def *notes = entity_field(entity_get(ENT_SERVICE_EVENTS), "notes");
	assert_true(entity_field_visible(notes, ROLE_COUNSELLOR, false));
	assert_false(entity_field_visible(notes, ROLE_COORDINATOR, false));
	assert_int_equal(d->access[ROLE_MANAGER], ACC_NONE);
	assert_int_equal(d->access[ROLE_EMPLOYER], ACC_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_matches_schema),
		cmocka_unit_test(test_validation_cases),
		cmocka_unit_test(test_visibility),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
