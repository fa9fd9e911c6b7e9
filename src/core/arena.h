/* arena: a bump allocator owning everything allocated for one request or one command, freed at once.
 * Ownership rule: memory from arena_* belongs to the arena; never free() it. Deferred cleanups run at arena_free. */
#pragma once
#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(size_t limit_bytes); /* limit 0 = 64 MiB ceiling; NULL when out of memory */
void arena_free(struct arena *a);            /* runs cleanups in reverse order, then frees all blocks */
void *arena_alloc(struct arena *a, size_t n);   /* zeroed; NULL when out of memory or over the limit */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/* Registers fn(p) to run when the arena is freed (e.g. json_decref, sqlite3_finalize). 0 on success. */
int arena_defer(struct arena *a, void (*fn)(void *), void *p);
size_t arena_used(const struct arena *a);
/* Growable arrays in the arena: makes room for element n (0-based) of the array whose address is arrayp (a T **),
 * with capacity *cap elements of elem bytes, doubling from first; the old copy stays in the arena until it is freed.
 * 0, or -1 when out of memory or over the arena's limit (the array is then unchanged). */
int arena_grow(struct arena *a, void *arrayp, size_t *cap, size_t n, size_t elem, size_t first);

/* The arena <-> jansson bridge: hands the caller's reference to j over to the arena, which json_decref's it when it is
 * freed (so a request's JSON lives exactly as long as the request). Returns j; NULL when j is NULL, or when the
 * cleanup cannot be registered (out of memory: j is then released at once, so the caller only has to test for NULL).
 * Take json_incref(j) first to keep a reference of your own. */
struct json_t;
struct json_t *arena_json(struct arena *a, struct json_t *j);
