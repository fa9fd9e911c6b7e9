/* match maps: the index's small containers: int64 -> uint32 and string -> uint32 (core strmap) open-addressing hash
 * maps, growable uint32 lists, and resizing arrays in place (plain or zero-filling). No locking: the caller holds the
 * index's lock. */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "match/internal.h"

/* ---------- small hash maps ---------- */

/* The slot holding key, or the empty slot where it would go; cap must be a non-zero power of two. */
static uint32_t islot(const int64_t *keys, uint32_t cap, int64_t key)
{
	uint32_t j = (uint32_t)hash_mix64((uint64_t)key) & (cap - 1);
	while (keys[j] != INT64_MIN && keys[j] != key)
		j = (j + 1) & (cap - 1);
	return j;
}

/* Stores key's value in its slot, counting the key when it is new; the table has room. */
static void imap_set(struct mi_imap *m, int64_t key, uint32_t val)
{
	uint32_t j = islot(m->keys, m->cap, key);
	if (m->keys[j] != key) {
		m->keys[j] = key;
		m->n++;
	}
	m->vals[j] = val;
}

static int imap_grow(struct mi_imap *m)
{
	uint32_t ncap = m->cap ? m->cap * 2 : 64;
	if (ncap < m->cap)
		return -1;
	struct mi_imap g = {.keys = malloc((size_t)ncap * sizeof *g.keys),
	                    .vals = malloc((size_t)ncap * sizeof *g.vals),
	                    .n = 0,
	                    .cap = ncap};
	if (!g.keys || !g.vals) {
		mi_imap_free(&g);
		return -1;
	}
	for (uint32_t i = 0; i < ncap; i++)
		g.keys[i] = INT64_MIN;
	for (uint32_t i = 0; i < m->cap; i++)
		if (m->keys[i] != INT64_MIN)
			imap_set(&g, m->keys[i], m->vals[i]);
	mi_imap_free(m);
	*m = g;
	return 0;
}

int mi_imap_get(const struct mi_imap *m, int64_t key, uint32_t *val)
{
	if (!m->cap || key == INT64_MIN)
		return 0;
	uint32_t j = islot(m->keys, m->cap, key);
	if (m->keys[j] != key)
		return 0;
	*val = m->vals[j];
	return 1;
}

int mi_imap_put(struct mi_imap *m, int64_t key, uint32_t val)
{
	if (key == INT64_MIN)
		return -1;
	if ((m->n + 1) * 4 > m->cap * 3 && imap_grow(m))
		return -1;
	imap_set(m, key, val);
	return 0;
}

/* Deletion by backward shift keeps probe chains intact without tombstones. */
void mi_imap_del(struct mi_imap *m, int64_t key)
{
	if (!m->cap)
		return;
	uint32_t mask = m->cap - 1, j = islot(m->keys, m->cap, key);
	if (m->keys[j] != key)
		return;
	uint32_t i = j;
	for (;;) {
		j = (j + 1) & mask;
		if (m->keys[j] == INT64_MIN)
			break;
		uint32_t home = (uint32_t)hash_mix64((uint64_t)m->keys[j]) & mask;
		/* move j back to i when its home is not cyclically in (i, j] */
		if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
			m->keys[i] = m->keys[j];
			m->vals[i] = m->vals[j];
			i = j;
		}
	}
	m->keys[i] = INT64_MIN;
	m->n--;
}

void mi_imap_free(struct mi_imap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* The string map is core's strmap; the index's values are uint32. */
int mi_smap_get(const struct mi_smap *m, const char *key, uint32_t *val)
{
	const int64_t *v = strmap_get(&m->m, key);
	if (!v)
		return 0;
	*val = (uint32_t)*v;
	return 1;
}

int mi_smap_put(struct mi_smap *m, const char *key, uint32_t val)
{
	return strmap_put(&m->m, key, val);
}

void mi_smap_free(struct mi_smap *m)
{
	strmap_free(&m->m);
}

int mi_list_push(struct mi_list *l, uint32_t v)
{
	if (l->n == l->cap) {
		uint32_t ncap = l->cap ? l->cap + l->cap / 2 + 4 : 4;
		uint32_t *p = realloc(l->p, (size_t)ncap * sizeof *p);
		if (!p)
			return -1;
		l->p = p;
		l->cap = ncap;
	}
	l->p[l->n++] = v;
	return 0;
}

int mi_resize(void *arrayp, size_t n, size_t size)
{
	void *p;
	memcpy(&p, arrayp, sizeof p);
	if (!(p = realloc(p, n * size)))
		return -1;
	memcpy(arrayp, &p, sizeof p);
	return 0;
}

int mi_grow_zero(void *arrayp, size_t old_n, size_t new_n, size_t size)
{
	if (mi_resize(arrayp, new_n, size))
		return -1;
	char *p;
	memcpy(&p, arrayp, sizeof p);
	memset(p + old_n * size, 0, (new_n - old_n) * size);
	return 0;
}

