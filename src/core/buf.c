/* buf: growable byte buffer with a ceiling. */
#include "core/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t limit)
{
	memset(b, 0, sizeof *b);
	b->limit = limit ? limit : (size_t)256 << 20;
}

void buf_free(struct buf *b)
{
	free(b->data);
	size_t limit = b->limit;
	memset(b, 0, sizeof *b);
	b->limit = limit;
}

static int grow(struct buf *b, size_t need)
{
	if (b->failed)
		return -1;
	if (need + 1 > b->limit) {
		b->failed = true;
		return -1;
	}
	if (need + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need + 1)
		cap *= 2;
	if (cap > b->limit)
		cap = b->limit;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = true;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

int buf_append_grow(struct buf *b, const void *p, size_t n)
{
	if (grow(b, b->len + n))
		return -1;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	if (b->failed)
		return -1;
	/* Formatted once into the room there is; only text that does not fit is formatted again after growing. */
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? b->data + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && (size_t)n < room) {
		b->len += (size_t)n;
		return 0;
	}
	if (room)
		b->data[b->len] = 0; /* what did not fit is not the buffer's */
	if (n < 0 || grow(b, b->len + (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *buf_take(struct buf *b, size_t *len)
{
	if (!b->data && grow(b, 0))
		return NULL;
	char *d = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}

int buf_grow_array(void *arrayp, size_t *cap, size_t need, size_t elem, size_t first, size_t max)
{
	if (need <= *cap)
		return 0;
	size_t ncap = *cap ? *cap : first ? first : 1;
	while (ncap < need && ncap <= max / 2)
		ncap *= 2;
	if (ncap < need || ncap > max || ncap > SIZE_MAX / elem)
		return -1;
	void *old;
	memcpy(&old, arrayp, sizeof old);
	void *p = realloc(old, ncap * elem);
	if (!p)
		return -1;
	memcpy(arrayp, &p, sizeof p);
	*cap = ncap;
	return 0;
}
