/* funders: the shares of a programme's funders (see funders.h). */
#include "app/funders.h"

#include <string.h>

#include "app/policy.h"
#include "store/entity_store.h"
#include "store/funder_store.h"

/* Shares are written with at most two decimals (33.33); a sum within this of 100 is 100 (binary fractions). */
#define SHARE_EPSILON 1e-6

static const struct entity_value *given(const struct entity_input *in, const char *name)
{
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].f->name, name) == 0)
			return &in->v[i];
	return NULL;
}

static int64_t programme_of(json_t *old, const struct entity_input *in)
{
	const struct entity_value *pv = given(in, "programme_id");
	return pv ? pv->i : (int64_t)json_integer_value(json_object_get(old, "programme_id"));
}

int app_funder_lock(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	/* The lock first, then the sum: a second writer waits here until the first commits, and its sum (a new statement,
	 * a new snapshot under READ COMMITTED) then includes the first one's row. SQLite's writers take turns anyway. */
	const struct entity_def *pd = entity_get(ENT_PROGRAMMES);
	json_t *prog = NULL;
	struct err le = {0};
	int rc = store_entity_get_for_update(a->store, pd, policy_scope(a, pd), programme_of(old, in), &prog, &le);
	json_decref(prog);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc)
		*e = le;
	return rc;
}

int app_funder_check(const struct actor *a, json_t *old, const struct entity_input *in, struct err *e)
{
	const struct entity_value *sv = given(in, "share_pct");
	double share = sv ? sv->r : json_number_value(json_object_get(old, "share_pct"));
	int64_t self = old ? (int64_t)json_integer_value(json_object_get(old, "id")) : 0;
	if (!(share > 0))
		return err_key(e, ERR_INVALID, "share_pct", "share_positive", "a funder's share is more than 0 %%");
	double others = 0;
	int rc = store_programme_share_sum(a->store, programme_of(old, in), self, &others, e);
	if (rc)
		return rc;
	if (others + share > 100 + SHARE_EPSILON)
		return err_key(e, ERR_INVALID, "share_pct", "funder_shares_over_100",
		               "the funders' shares of a programme sum to at most 100 %%: the others have %.2f %%, so this "
		               "one can be at most %.2f %%",
		               others, others < 100 ? 100 - others : 0.0);
	return 0;
}
