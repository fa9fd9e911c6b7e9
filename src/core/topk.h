/* topk: keeps the best k of a stream of candidates in a binary min-heap whose root h[0] is the worst one kept, for
 * the searches' candidate lists (match queries, taxonomy search). Header-only and always inlined: each caller passes
 * its element size and its own worse() as constants, so the compiler makes a typed heap of it with worse() inlined
 * (these are the hot loops of matching and search; an indirect call per comparison would show). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

enum { TOPK_MAX_ELEM = 32 }; /* the largest element topk_push moves (bytes) */

static inline __attribute__((always_inline)) void topk_swap(unsigned char *a, unsigned char *b, size_t size)
{
	unsigned char t[TOPK_MAX_ELEM];
	memcpy(t, a, size);
	memcpy(a, b, size);
	memcpy(b, t, size);
}

/* Element i of the heap h of size-byte elements. */
static inline __attribute__((always_inline)) unsigned char *topk_at(void *h, size_t i, size_t size)
{
	return (unsigned char *)h + i * size;
}

/* Offers c (size bytes, at most TOPK_MAX_ELEM) to the heap h of *n elements and at most k: taken while there is room,
 * then only when the worst kept is worse than c, which it replaces. worse(a, b): a ranks below b. Under a total order
 * (ties broken, as the match queries do) the heap ends with exactly the best k; which of tied candidates stays depends
 * on the order they came in. The heap is left unsorted: sort it for output. */
static inline __attribute__((always_inline)) void topk_push(void *h, size_t *n, size_t k, const void *c, size_t size,
                                                            bool (*worse)(const void *a, const void *b))
{
	if (*n < k) { /* room: append and sift up */
		size_t i = (*n)++;
		memcpy(topk_at(h, i, size), c, size);
		while (i > 0 && worse(topk_at(h, i, size), topk_at(h, (i - 1) / 2, size))) {
			topk_swap(topk_at(h, i, size), topk_at(h, (i - 1) / 2, size), size);
			i = (i - 1) / 2;
		}
		return;
	}
	if (!worse(h, c))
		return;
	memcpy(h, c, size); /* replace the worst kept and sift down */
	size_t i = 0;
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < *n && worse(topk_at(h, l, size), topk_at(h, w, size)))
			w = l;
		if (r < *n && worse(topk_at(h, r, size), topk_at(h, w, size)))
			w = r;
		if (w == i)
			break;
		topk_swap(topk_at(h, i, size), topk_at(h, w, size), size);
		i = w;
	}
}
