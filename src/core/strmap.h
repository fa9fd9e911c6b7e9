/* strmap: a string → int64 hash map (open addressing, linear probing, FNV-1a), for ids looked up by text (URIs,
 * codes, labels); keys hash with hash_str (core/hash.h). A zeroed struct strmap is an empty map; no removal.
 * Ownership: the map copies each key (strdup) and frees the copies in strmap_free; a pointer from strmap_get stays
 * valid until the next strmap_put or strmap_free. Not thread-safe for writers. */
#pragma once
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys; /* NULL = an empty slot */
	int64_t *vals;
	size_t cap; /* 0 or a power of two */
	size_t n;   /* keys held */
};

/* Sets key to val (adding the key or replacing its value). 0, or -1 when out of memory (the map is unchanged). */
int strmap_put(struct strmap *m, const char *key, int64_t val);
/* The value stored for key (writable in place), or NULL when the key is absent. */
int64_t *strmap_get(const struct strmap *m, const char *key);
/* Iterates: start with *pos = 0; each call returns 1 with *key and *val of the next entry (in no particular order),
 * then 0 at the end. The map must not change during an iteration. */
int strmap_next(const struct strmap *m, size_t *pos, const char **key, int64_t *val);
/* Frees the copied keys and the tables; the map is empty (and reusable) afterwards. */
void strmap_free(struct strmap *m);
