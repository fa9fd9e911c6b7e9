/* fuzz_json_entity: hostile JSON bodies into entity_validate for every entity of the domain table.
 * Input: byte 0 picks the entity (modulo the table size), byte 1 bit 0 picks create or update, the rest is the body.
 * Checks beyond "no crash": every accepted value names a field of that entity, accepted text is well-formed UTF-8
 * without NUL and within the field's ceiling, and a rejected body always says why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/arena.h"
#include "core/validate.h"
#include "domain/entity.h"

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_json_entity: invariant broken: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2 || size > 1 << 16)
		return 0;
	const struct entity_def *d = entity_all[data[0] % entity_count];
	bool create = data[1] & 1;
	json_error_t je;
	json_t *body = json_loadb((const char *)data + 2, size - 2, JSON_REJECT_DUPLICATES, &je);
	if (!body)
		return 0;
	if (!json_is_object(body)) {
		json_decref(body);
		return 0;
	}
	struct arena *a = arena_new(1 << 20);
	check(a != NULL, "arena");
	struct entity_input in = {0};
	struct err e = {0};
	int rc = entity_validate(d, body, create, a, &in, &e);
	if (rc) {
		check(e.code != ERR_OK && e.message[0], "a rejected body carries a message");
	} else {
		check(in.n <= d->nfields, "no more values than fields");
		for (size_t i = 0; i < in.n; i++) {
			const struct entity_value *v = &in.v[i];
			check(v->f >= d->fields && v->f < d->fields + d->nfields, "value belongs to the entity");
			check(!(v->f->flags & FF_SERVER), "server fields are never accepted");
			if (!v->is_null && v->s) {
				size_t n = strlen(v->s);
				check(validate_utf8(v->s, n), "accepted text is UTF-8 without control characters");
				check(n <= 20000, "accepted text has a ceiling");
			}
			if (!v->is_null && v->f->type == FT_INT)
				check(v->i >= v->f->min && v->i <= v->f->max, "integers within bounds");
		}
	}
	arena_free(a);
	json_decref(body);
	return 0;
}
