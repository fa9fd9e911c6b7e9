/* order: three-way comparisons (-1, 0, 1) for qsort comparators, so that one over several keys reads as a chain of
 * keys instead of a ladder of ternaries:
 *     int o = order_f64(y->score, x->score); // highest first
 *     return o ? o : order_u64(x->id, y->id);
 * order_f64 answers as the hand-written `a != b ? (a < b ? -1 : 1) : 0` (a NaN sorts after everything it meets). */
#pragma once
#include <stdint.h>

static inline int order_f64(double a, double b)
{
	return a != b ? (a < b ? -1 : 1) : 0;
}

static inline int order_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}
