#include "app/employer_needs.h"

#include <stdio.h>

#include "core/arena.h"
#include "domain/entity.h"
#include "store/entity_store.h"

/* Rows of d whose field `by` is id, in the organisation, in d's own order. */
static int rows_by(const struct actor *a, const struct entity_def *d, const char *by, int64_t id, long limit,
                   json_t **items, struct err *e)
{
	char value[24];
	snprintf(value, sizeof value, "%lld", (long long)id);
	struct store_filter f = {entity_field(d, by), value};
	struct store_list_query lq = {.filters = &f, .nfilters = 1, .limit = limit};
	int64_t total = 0;
	return store_entity_list(a->store, d, a->p->org_id, &lq, items, &total, e);
}

int app_employer_needs_own(const struct actor *a, json_t **needs, struct err *e)
{
	*needs = NULL;
	if (a->p->role != ROLE_EMPLOYER || !a->p->employer_id)
		return err_key(e, ERR_FORBIDDEN, "", "role", "only an employer's own user reads its needs here");
	json_t *items = NULL;
	int rc = rows_by(a, entity_get(ENT_EMPLOYER_NEEDS), "employer_id", a->p->employer_id, EMPLOYER_NEEDS_OWN_MAX,
	                 &items, e);
	if (rc)
		return rc;
	if (!arena_json(a->arena, items))
		return err_oom(e);
	size_t i;
	json_t *need;
	json_array_foreach(items, i, need) {
		json_object_del(need, "notes"); /* the staff's own */
		json_t *arrivals = NULL;
		if ((rc = rows_by(a, entity_get(ENT_EMPLOYER_NEED_ARRIVALS), "need_id",
		                  (int64_t)json_integer_value(json_object_get(need, "id")), 200, &arrivals, e)))
			return rc;
		json_object_set_new(need, "arrivals", arrivals);
	}
	*needs = items;
	return 0;
}
