/* buf: a growable byte buffer with a ceiling; the caller owns buf.data and releases it with buf_free. */
#pragma once
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *data; /* always NUL-terminated when len > 0 or after any append */
	size_t len, cap, limit; /* limit 0 = 256 MiB */
	bool failed;            /* set once an append ran out of memory or over the limit; later appends are no-ops */
};

void buf_init(struct buf *b, size_t limit);
void buf_free(struct buf *b);
/* 0 or -1. Inline while the bytes fit (JSON and HTML writers append a few bytes at a time: a twentieth of a list's
 * CPU was the call); buf_append_grow when they do not. */
int buf_append_grow(struct buf *b, const void *p, size_t n);
static inline int buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->failed || b->len + n >= b->cap)
		return buf_append_grow(b, p, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return 0;
}
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the bytes over to the caller (malloc'd) and resets b. */
char *buf_take(struct buf *b, size_t *len);

/* Growable arrays: makes room for need elements of elem bytes in the malloc'd array whose address is arrayp (a T **)
 * and whose capacity is *cap, doubling from first (at least) up to max elements. 0, or -1 when that would pass max or
 * memory ran out: the array is then unchanged and still the caller's to free. */
int buf_grow_array(void *arrayp, size_t *cap, size_t need, size_t elem, size_t first, size_t max);
