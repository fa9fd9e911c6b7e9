/* strmap: string → int64 hash map (see strmap.h). The table stays at most half full, so probes stay short. */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "core/hash.h"

enum { FIRST_CAP = 64 };

/* The slot holding key, or the empty slot where it would go; cap must be non-zero. */
static size_t slot(char *const *keys, size_t cap, const char *key)
{
	size_t j = hash_str(key) & (cap - 1);
	while (keys[j] && strcmp(keys[j], key) != 0)
		j = (j + 1) & (cap - 1);
	return j;
}

static int grow(struct strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : FIRST_CAP;
	char **keys = calloc(cap, sizeof *keys);
	int64_t *vals = calloc(cap, sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot(keys, cap, m->keys[i]);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int64_t *strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t j = slot(m->keys, m->cap, key);
	return m->keys[j] ? &m->vals[j] : NULL;
}

int strmap_put(struct strmap *m, const char *key, int64_t val)
{
	int64_t *v = strmap_get(m, key);
	if (v) {
		*v = val;
		return 0;
	}
	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -1;
	size_t j = slot(m->keys, m->cap, key);
	if (!(m->keys[j] = strdup(key)))
		return -1;
	m->vals[j] = val;
	m->n++;
	return 0;
}

int strmap_next(const struct strmap *m, size_t *pos, const char **key, int64_t *val)
{
	for (; *pos < m->cap; (*pos)++) {
		if (m->keys[*pos]) {
			*key = m->keys[*pos];
			*val = m->vals[*pos];
			(*pos)++;
			return 1;
		}
	}
	return 0;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
