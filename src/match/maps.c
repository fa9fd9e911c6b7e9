/* match maps: the index's small containers: int64 -> uint32 and string -> uint32 open-addressing hash maps, growable
 * uint32 lists, and a zero-filling realloc. No locking: the caller holds the index's lock. */
#include <stdlib.h>
#include <string.h>

#include "match/internal.h"

/* ---------- small hash maps ---------- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int imap_grow(struct mi_imap *m)
{
	uint32_t ncap = m->cap ? m->cap * 2 : 64;
	if (ncap < m->cap)
		return -1;
	int64_t *keys = malloc((size_t)ncap * sizeof *keys);
	uint32_t *vals = malloc((size_t)ncap * sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (uint32_t i = 0; i < ncap; i++)
		keys[i] = INT64_MIN;
	for (uint32_t i = 0; i < m->cap; i++) {
		if (m->keys[i] == INT64_MIN)
			continue;
		uint32_t j = (uint32_t)mix64((uint64_t)m->keys[i]) & (ncap - 1);
		while (keys[j] != INT64_MIN)
			j = (j + 1) & (ncap - 1);
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = ncap;
	return 0;
}

int mi_imap_get(const struct mi_imap *m, int64_t key, uint32_t *val)
{
	if (!m->cap || key == INT64_MIN)
		return 0;
	uint32_t j = (uint32_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN) {
		if (m->keys[j] == key) {
			*val = m->vals[j];
			return 1;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

int mi_imap_put(struct mi_imap *m, int64_t key, uint32_t val)
{
	if (key == INT64_MIN)
		return -1;
	if ((m->n + 1) * 4 > m->cap * 3 && imap_grow(m))
		return -1;
	uint32_t j = (uint32_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->keys[j] != INT64_MIN) {
		if (m->keys[j] == key) {
			m->vals[j] = val;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->vals[j] = val;
	m->n++;
	return 0;
}

/* Deletion by backward shift keeps probe chains intact without tombstones. */
void mi_imap_del(struct mi_imap *m, int64_t key)
{
	if (!m->cap)
		return;
	uint32_t mask = m->cap - 1, j = (uint32_t)mix64((uint64_t)key) & mask;
	while (m->keys[j] != key) {
		if (m->keys[j] == INT64_MIN)
			return;
		j = (j + 1) & mask;
	}
	uint32_t i = j;
	for (;;) {
		j = (j + 1) & mask;
		if (m->keys[j] == INT64_MIN)
			break;
		uint32_t home = (uint32_t)mix64((uint64_t)m->keys[j]) & mask;
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

int mi_smap_get(const struct mi_smap *m, const char *key, uint32_t *val)
{
	if (!m->cap)
		return 0;
	uint32_t j = (uint32_t)str_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0) {
			*val = m->vals[j];
			return 1;
		}
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

int mi_smap_put(struct mi_smap *m, const char *key, uint32_t val)
{
	if ((m->n + 1) * 4 > m->cap * 3) {
		uint32_t ncap = m->cap ? m->cap * 2 : 64;
		char **keys = calloc(ncap, sizeof *keys);
		uint32_t *vals = malloc((size_t)ncap * sizeof *vals);
		if (!keys || !vals) {
			free(keys);
			free(vals);
			return -1;
		}
		for (uint32_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			uint32_t j = (uint32_t)str_hash(m->keys[i]) & (ncap - 1);
			while (keys[j])
				j = (j + 1) & (ncap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = ncap;
	}
	uint32_t j = (uint32_t)str_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0) {
			m->vals[j] = val;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	if (!(m->keys[j] = strdup(key)))
		return -1;
	m->vals[j] = val;
	m->n++;
	return 0;
}

void mi_smap_free(struct mi_smap *m)
{
	for (uint32_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
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

void *mi_grow_zero(void *p, size_t old_n, size_t new_n, size_t size)
{
	void *q = realloc(p, new_n * size);
	if (q)
		memset((char *)q + old_n * size, 0, (new_n - old_n) * size);
	return q;
}

