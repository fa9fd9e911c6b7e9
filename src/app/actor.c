/* actor: change notes (see actor.h). */
#include "app/actor.h"

void app_note_change(const struct actor *a, const struct entity_def *d, int64_t id)
{
	struct app_changes *c = a->changes;
	if (!c || !d)
		return;
	/* The same row twice (a verb that writes it in two steps) is one note. */
	for (int i = 0; i < c->n; i++)
		if (c->v[i].d == d && c->v[i].id == id)
			return;
	if (c->n < APP_CHANGES_MAX) {
		c->v[c->n].d = d;
		c->v[c->n].id = id;
		c->n++;
	}
}
