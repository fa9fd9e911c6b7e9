/* arena: bump allocation in chained blocks with a byte ceiling and deferred cleanups. */
#include "core/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

struct block {
	struct block *next;
	size_t size, used;
	max_align_t data[];
};

struct cleanup {
	struct cleanup *next;
	void (*fn)(void *);
	void *p;
};

struct arena {
	struct block *head;
	struct cleanup *cleanups;
	size_t limit, total;
};

struct arena *arena_new(size_t limit_bytes)
{
	struct arena *a = calloc(1, sizeof *a);
	if (a)
		a->limit = limit_bytes ? limit_bytes : (size_t)64 << 20;
	return a;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct cleanup *c = a->cleanups; c; c = c->next)
		c->fn(c->p);
	struct block *b = a->head;
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = _Alignof(max_align_t);
	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	struct block *b = a->head;
	if (!b || b->size - b->used < n) {
		size_t size = n > 8192 ? n : 8192;
		if (a->total + size > a->limit)
			return NULL;
		b = malloc(sizeof *b + size);
		if (!b)
			return NULL;
		b->size = size;
		b->used = 0;
		/* A big one-off allocation goes behind the current block so the current one keeps serving small ones. */
		if (a->head && size == n && a->head->size - a->head->used > 256) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		a->total += size;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *d = arena_alloc(a, (size_t)n + 1);
	if (d)
		vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *d = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

int arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct cleanup *c = arena_alloc(a, sizeof *c);
	if (!c)
		return -1;
	c->fn = fn;
	c->p = p;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}

static void json_release(void *p)
{
	json_decref(p);
}

json_t *arena_json(struct arena *a, json_t *j)
{
	if (j && arena_defer(a, json_release, j)) {
		json_decref(j);
		return NULL;
	}
	return j;
}

int arena_grow(struct arena *a, void *arrayp, size_t *cap, size_t n, size_t elem, size_t first)
{
	if (n < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : first;
	if (ncap > SIZE_MAX / elem)
		return -1;
	void *old, *p = arena_alloc(a, ncap * elem);
	if (!p)
		return -1;
	memcpy(&old, arrayp, sizeof old);
	if (n)
		memcpy(p, old, n * elem);
	memcpy(arrayp, &p, sizeof p);
	*cap = ncap;
	return 0;
}
