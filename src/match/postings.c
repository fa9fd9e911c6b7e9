/* match postings: the per-concept posting lists of records, their prefix-filter keys and their order (see struct
 * mi_post in internal.h and "Index layout and cost" in docs/matching.md). The caller holds the write lock. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/order.h"
#include "match/internal.h"

/* ---------- record postings (see struct mi_post) ---------- */

static int post_reserve(struct mi_post *l, uint32_t need)
{
	if (need <= l->cap)
		return 0;
	uint32_t ncap = l->cap ? l->cap + l->cap / 2 + 4 : 4;
	if (ncap < need)
		ncap = need;
	if (mi_resize(&l->p, ncap, sizeof *l->p) || mi_resize(&l->k, ncap, sizeof *l->k))
		return -1;
	l->cap = ncap;
	return 0;
}

/* Removes slot's posting; the sorted part keeps its order, the tail may be reordered. */
static void post_remove(struct mi_post *l, uint32_t slot)
{
	for (uint32_t j = l->n; j-- > 0;)
		if ((l->p[j] & MI_SLOT_MASK) == slot) {
			if (j < l->nsorted) {
				memmove(&l->p[j], &l->p[j + 1], (l->n - j - 1) * sizeof *l->p);
				memmove(&l->k[j], &l->k[j + 1], (l->n - j - 1) * sizeof *l->k);
				l->nsorted--;
			} else {
				l->p[j] = l->p[l->n - 1];
				l->k[j] = l->k[l->n - 1];
			}
			l->n--;
			return;
		}
}

static uint32_t key_bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

/* Sorts the whole list by key, highest first: an LSD radix sort on the key's bits (keys are >= 0, so their bits
 * order like the values), stable, so the result does not depend on the platform's qsort. tmp holds 2 * n. On
 * failure to allocate the list simply stays partly unsorted, which queries read in full (slower, still exact). */
static void post_sort(struct mi_post *l, uint64_t *tmp)
{
	uint32_t n = l->n;
	if (l->nsorted == n)
		return;
	uint64_t *own = NULL;
	if (!tmp && !(tmp = own = malloc((size_t)n * 2 * sizeof *tmp)))
		return;
	uint64_t *a = tmp, *b = tmp + n;
	for (uint32_t i = 0; i < n; i++)
		a[i] = (uint64_t)(~key_bits(l->k[i])) << 32 | l->p[i]; /* ascending ~bits = descending key */
	for (int shift = 32; shift < 64; shift += 8) {
		uint32_t cnt[257] = {0};
		for (uint32_t i = 0; i < n; i++)
			cnt[((a[i] >> shift) & 255) + 1]++;
		if (cnt[((a[0] >> shift) & 255) + 1] == n)
			continue; /* every key shares this byte */
		for (int d = 0; d < 256; d++)
			cnt[d + 1] += cnt[d];
		for (uint32_t i = 0; i < n; i++)
			b[cnt[(a[i] >> shift) & 255]++] = a[i];
		uint64_t *t = a;
		a = b;
		b = t;
	}
	for (uint32_t i = 0; i < n; i++) {
		l->p[i] = (uint32_t)a[i];
		uint32_t u = ~(uint32_t)(a[i] >> 32);
		memcpy(&l->k[i], &u, sizeof u);
	}
	l->nsorted = n;
	free(own);
}

struct key_tmp {
	float idf;
	uint32_t concept;
	uint16_t i;
};

static int cmp_key_tmp(const void *a, const void *b)
{
	const struct key_tmp *x = a, *y = b;
	int o = order_f64(x->idf, y->idf);
	return o ? o : order_u64(x->concept, y->concept);
}

/* keys[i] for r->skills[i]: the record's mass over its skills taken commonest first, up to and including skill i
 * (vacancies: the length of that prefix of its idf * w vector over its whole length; clients: sum of idf^2 * w), rounded up
 * to float. A vacancy none of whose postings with key >= t was read shares only skills of a prefix shorter than t, so
 * by Cauchy-Schwarz its cosine with any client is below t. tmp holds
 * r->nskills. */
static void rec_keys(const struct match_index *idx, int side, const struct mi_rec *r, float *keys, struct key_tmp *tmp)
{
	for (uint16_t i = 0; i < r->nskills; i++)
		tmp[i] = (struct key_tmp){idx->idf[r->skills[i].concept], r->skills[i].concept, i};
	qsort(tmp, r->nskills, sizeof *tmp, cmp_key_tmp);
	double scale = side == MI_VACANCIES ? (double)r->inv_norm : 1.0, cum = 0;
	for (uint16_t j = 0; j < r->nskills; j++) {
		double w = r->skills[tmp[j].i].weight / 8.0;
		cum += mi_term(tmp[j].idf) * w * (side == MI_VACANCIES ? w : 1.0);
		double key = side == MI_VACANCIES ? sqrt(cum) * scale * (1 + 1e-12) : cum;
		float f = (float)key;
		if ((double)f < key)
			f = nextafterf(f, INFINITY);
		keys[tmp[j].i] = f;
	}
}

void mi_unpost_rec(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r)
{
	for (uint32_t i = 0; i < r->nskills; i++)
		post_remove(&idx->side[side].post[r->skills[i].concept], slot);
}

/* Adds r's postings (vacancies: r->inv_norm must be set). A list whose unsorted tail has grown past an eighth of it
 * is sorted again, so the tail a query reads in full stays short; bulk loading leaves that to its final refresh. */
int mi_post_rec(struct match_index *idx, int side, uint32_t slot, const struct mi_rec *r)
{
	float *keys = malloc((r->nskills + 1) * (sizeof *keys + sizeof(struct key_tmp)));
	if (!keys)
		return -1;
	struct key_tmp *tmp = (struct key_tmp *)(keys + r->nskills + 1);
	rec_keys(idx, side, r, keys, tmp);
	for (uint32_t i = 0; i < r->nskills; i++) {
		struct mi_post *l = &idx->side[side].post[r->skills[i].concept];
		if (post_reserve(l, l->n + 1)) {
			for (uint32_t j = 0; j < i; j++) /* undo the ones already added */
				post_remove(&idx->side[side].post[r->skills[j].concept], slot);
			free(keys);
			return -1;
		}
		l->p[l->n] = slot | ((uint32_t)r->skills[i].weight << MI_SLOT_BITS);
		l->k[l->n] = keys[i];
		l->n++;
		if (!idx->bulk && l->n - l->nsorted > 32 + l->nsorted / 8)
			post_sort(l, NULL);
	}
	free(keys);
	return 0;
}

/* Recomputes every posting's key from the records (after idf or normalisers changed) and sorts every list. The
 * lists hold exactly the same postings as before, so no list grows. */
void mi_repost_all(struct match_index *idx)
{
	size_t maxn = 0;
	uint16_t maxsk = 1;
	for (int s = 0; s < 2; s++) {
		struct mi_side *sd = &idx->side[s];
		for (uint32_t c = 0; c < idx->nconcepts; c++) {
			if (sd->post[c].n > maxn)
				maxn = sd->post[c].n;
			sd->post[c].n = sd->post[c].nsorted = 0;
		}
		for (uint32_t i = 0; i < sd->n; i++)
			if (sd->recs[i].alive && sd->recs[i].nskills > maxsk)
				maxsk = sd->recs[i].nskills;
	}
	float *keys = malloc(maxsk * (sizeof *keys + sizeof(struct key_tmp)));
	uint64_t *tmp = malloc((maxn ? maxn : 1) * 2 * sizeof *tmp);
	for (int s = 0; s < 2; s++) {
		struct mi_side *sd = &idx->side[s];
		for (uint32_t i = 0; i < sd->n; i++) {
			const struct mi_rec *r = &sd->recs[i];
			if (!r->alive)
				continue;
			if (keys)
				rec_keys(idx, s, r, keys, (struct key_tmp *)(keys + maxsk));
			for (uint16_t j = 0; j < r->nskills; j++) {
				struct mi_post *l = &sd->post[r->skills[j].concept];
				if (post_reserve(l, l->n + 1))
					continue; /* cannot happen: the list held this posting before */
				l->p[l->n] = i | ((uint32_t)r->skills[j].weight << MI_SLOT_BITS);
				l->k[l->n] = keys ? keys[j] : INFINITY; /* no memory: every posting is read, still exact */
				l->n++;
			}
		}
		if (tmp && keys)
			for (uint32_t c = 0; c < idx->nconcepts; c++)
				post_sort(&sd->post[c], tmp);
	}
	free(keys);
	free(tmp);
}

/* Finds or makes the slot for id; *existing tells whether it held a live record. */
