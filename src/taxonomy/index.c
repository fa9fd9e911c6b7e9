/* taxonomy index: an immutable in-memory search structure over concept labels, built here (tax_builder_*, then
 * tax_index_build, or tax_index_load from the store) and searched in index_search.c.
 *
 * Each label keeps its folded words (tokens with their stems), the character trigrams of those words (with a TF-IDF
 * weight and an inverted list per trigram) and its concept; the concepts keep their labels in order. Nothing is
 * written after tax_index_build, so searches need no lock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/order.h"
#include "store/store.h"
#include "taxonomy/internal.h"
#include "taxonomy/taxonomy.h"

struct tax_builder {
	struct tax_index *ix;
	struct tax_norm *norm;
	struct pair *g, *s;
	size_t ng, cg, ns, cs;
	bool failed;
};

/* Grows *p (n used, *cap allocated) to hold more elements of size sz. */
static int grow(void *p, size_t n, size_t *cap, size_t sz, size_t more)
{
	return buf_grow_array(p, cap, n + more, sz, 1024, SIZE_MAX);
}

static long pool_add(struct tax_index *ix, const char *s, size_t len)
{
	if (grow(&ix->pool, ix->npool, &ix->cpool, 1, len + 1))
		return -1;
	long off = (long)ix->npool;
	memcpy(ix->pool + ix->npool, s, len);
	ix->pool[ix->npool + len] = 0;
	ix->npool += len + 1;
	return off;
}

const char *tax_kind_name(enum tax_kind k)
{
	switch (k) {
	case TAX_OCCUPATION:
		return "occupation";
	case TAX_SKILL:
		return "skill";
	case TAX_SKILLGROUP:
		return "skillgroup";
	case TAX_ISCO:
		return "isco";
	case TAX_ISCED:
		return "isced";
	}
	return "";
}

int tax_kind_parse(const char *name)
{
	static const enum tax_kind all[] = {TAX_OCCUPATION, TAX_SKILL, TAX_SKILLGROUP, TAX_ISCO, TAX_ISCED};
	if (!name)
		return -1;
	if (strcmp(name, "any") == 0)
		return 0;
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		if (strcmp(name, tax_kind_name(all[i])) == 0)
			return (int)all[i];
	return -1;
}

void tax_index_free(struct tax_index *ix)
{
	if (!ix)
		return;
	free(ix->pool);
	free(ix->c);
	free(ix->l);
	free(ix->t);
	free(ix->cps);
	free(ix->gkeys);
	free(ix->goff);
	free(ix->gpost);
	free(ix->skeys);
	free(ix->sw);
	free(ix->clab);
	tax_phrases_free(ix->phrases);
	free(ix);
}

size_t tax_index_concepts(const struct tax_index *ix)
{
	return ix ? ix->nc : 0;
}

size_t tax_index_labels(const struct tax_index *ix)
{
	return ix ? ix->nl : 0;
}

struct tax_builder *tax_builder_new(void)
{
	struct tax_builder *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->ix = calloc(1, sizeof *b->ix);
	b->norm = tax_norm_new();
	if (!b->ix || !b->norm) {
		tax_builder_free(b);
		return NULL;
	}
	return b;
}

void tax_builder_free(struct tax_builder *b)
{
	if (!b)
		return;
	tax_index_free(b->ix);
	tax_norm_free(b->norm);
	free(b->g);
	free(b->s);
	free(b);
}

long tax_builder_concept(struct tax_builder *b, const char *uri, enum tax_kind kind, const char *code)
{
	struct tax_index *ix = b->ix;
	if (b->failed || ix->nc >= UINT32_MAX - 1 || grow(&ix->c, ix->nc, &ix->cc, sizeof *ix->c, 1)) {
		b->failed = true;
		return -1;
	}
	struct tconcept *c = &ix->c[ix->nc];
	memset(c, 0, sizeof *c);
	long u = pool_add(ix, uri ? uri : "", uri ? strlen(uri) : 0);
	long k = pool_add(ix, code ? code : "", code ? strlen(code) : 0);
	if (u < 0 || k < 0) {
		b->failed = true;
		return -1;
	}
	c->uri = (uint32_t)u;
	c->code = (uint32_t)k;
	c->kind = (uint8_t)kind;
	/* The ISCO unit group: an occupation's code starts with it ("2512.4"); an ISCO group's code is it. */
	if (code && (kind == TAX_OCCUPATION || kind == TAX_ISCO)) {
		size_t i = 0;
		while (i < 4 && code[i] >= '0' && code[i] <= '9')
			i++;
		if (kind == TAX_ISCO || i == 4)
			memcpy(c->isco, code, i);
	}
	return (long)ix->nc++;
}

static int lang_id(struct tax_index *ix, const char *lang)
{
	for (int i = 0; i < ix->nlangs; i++)
		if (strcmp(ix->langs[i], lang) == 0)
			return i;
	if (ix->nlangs == MAX_LANGS || strlen(lang) >= sizeof ix->langs[0])
		return -1;
	snprintf(ix->langs[ix->nlangs], sizeof ix->langs[0], "%s", lang);
	return ix->nlangs++;
}

static int find_lang(const struct tax_index *ix, const char *lang)
{
	for (int i = 0; lang && i < ix->nlangs; i++)
		if (strcmp(ix->langs[i], lang) == 0)
			return i;
	return -1;
}

/* Trigrams of each word padded with start/end marks; a one-letter word still gives one gram. */
int tax_word_grams(const int32_t *cp, int len, uint64_t *out, int max)
{
	int32_t p[TAX_MAX_TOKLEN + 2];
	p[0] = 2;
	memcpy(p + 1, cp, (size_t)len * sizeof *cp);
	p[len + 1] = 3;
	int n = 0;
	for (int i = 0; i + 3 <= len + 2 && n < max; i++)
		out[n++] = tax_hash_cps(p + i, 3, 0x3a3);
	return n;
}

int tax_builder_label(struct tax_builder *b, long concept, const char *lang, enum tax_label_type type,
                      const char *text)
{
	struct tax_index *ix = b->ix;
	if (b->failed)
		return -1;
	if (concept < 0 || (size_t)concept >= ix->nc || !text || (unsigned)type > TAX_HIDDEN)
		return -1;
	int li = lang_id(ix, lang ? lang : "");
	struct tax_token toks[TAX_MAX_TOKENS];
	int ntok = tax_norm_tokens(b->norm, text, lang, toks, TAX_MAX_TOKENS, NULL);
	size_t tlen = strnlen(text, TAX_MAX_TEXT);
	long off = pool_add(ix, text, tlen);
	size_t cps = 0;
	for (int i = 0; i < ntok; i++)
		cps += (size_t)toks[i].len;
	if (li < 0 || off < 0 || ix->nl >= UINT32_MAX - 1 || grow(&ix->l, ix->nl, &ix->cl, sizeof *ix->l, 1) ||
	    grow(&ix->t, ix->nt, &ix->ct, sizeof *ix->t, (size_t)ntok) ||
	    grow(&ix->cps, ix->ncps, &ix->ccps, sizeof *ix->cps, cps) ||
	    grow(&b->g, b->ng, &b->cg, sizeof *b->g, cps + 2 * (size_t)ntok) ||
	    grow(&b->s, b->ns, &b->cs, sizeof *b->s, (size_t)ntok)) {
		b->failed = true;
		return -1;
	}
	uint32_t lab = (uint32_t)ix->nl++;
	struct tlabel *l = &ix->l[lab];
	*l = (struct tlabel){.concept = (uint32_t)concept, .text = (uint32_t)off, .tok = (uint32_t)ix->nt,
	                     .ntok = (uint16_t)ntok, .lang = (uint8_t)li, .type = (uint8_t)type,
	                     .kind = ix->c[concept].kind};
	for (int i = 0; i < ntok; i++) {
		struct ttok *t = &ix->t[ix->nt++];
		t->cp = (uint32_t)ix->ncps;
		t->len = (uint16_t)toks[i].len;
		t->stem = toks[i].stem;
		memcpy(ix->cps + ix->ncps, toks[i].cp, (size_t)toks[i].len * sizeof(int32_t));
		ix->ncps += (size_t)toks[i].len;
		uint64_t g[TAX_MAX_TOKLEN + 2];
		int ng = tax_word_grams(toks[i].cp, toks[i].len, g, TAX_MAX_TOKLEN + 2);
		for (int k = 0; k < ng; k++)
			b->g[b->ng++] = (struct pair){g[k], lab};
		b->s[b->ns++] = (struct pair){toks[i].stem, lab};
	}
	return 0;
}

int tax_pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	int o = order_u64(x->key, y->key);
	return o ? o : order_u64(x->label, y->label);
}

/* LSD radix sort on (key, label): qsort of millions of pairs is the slowest part of a load otherwise. */
static int sort_pairs(struct pair *p, size_t n)
{
	if (n < 4096) {
		if (n > 1) /* qsort with a NULL array is undefined even for n = 0 (an empty taxonomy) */
			qsort(p, n, sizeof *p, tax_pair_cmp);
		return 0;
	}
	struct pair *tmp = malloc(n * sizeof *tmp);
	if (!tmp)
		return -1;
	size_t cnt[1 << 16];
	/* label (already in increasing order as added: a stable sort by key keeps it) */
	for (int pass = 0; pass < 4; pass++) {
		int sh = pass * 16;
		memset(cnt, 0, sizeof cnt);
		for (size_t i = 0; i < n; i++)
			cnt[(p[i].key >> sh) & 0xffff]++;
		size_t sum = 0;
		for (size_t i = 0; i < (1 << 16); i++) {
			size_t c = cnt[i];
			cnt[i] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[cnt[(p[i].key >> sh) & 0xffff]++] = p[i];
		memcpy(p, tmp, n * sizeof *p);
	}
	free(tmp);
	return 0;
}

size_t tax_find_key(const uint64_t *keys, size_t n, uint64_t k)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (keys[mid] < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && keys[lo] == k ? lo : (size_t)-1;
}

/* A 4-digit ISCO code (digits only, as tax_builder_concept keeps it) as a number. */
static unsigned isco_num(const char *code)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++)
		v = v * 10 + (unsigned)(code[i] - '0');
	return v;
}

/* Rarity (idf) is counted among concepts, not labels: a concept that ESCO names many ways (30 alternative labels of
 * one occupation) made its own words look common and so weak evidence for it. 0, 0.5 and 1 were tried on the odd-
 * numbered MELO queries and JobBERT titles (bench/taxonomy/README.md); 1 was best on every line, and the skill-
 * extraction figures rose too. Log-scaled to the label idf's range, so the other weights keep their meaning. */
double tax_w_cidf = 1.0, tax_w_cgram = 1.0;

int tax_index_build(struct tax_builder *b, struct tax_index **out, struct err *e)
{
	*out = NULL;
	if (!b)
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	struct tax_index *ix = b->ix;
	if (b->failed || sort_pairs(b->g, b->ng) || sort_pairs(b->s, b->ns)) {
		tax_builder_free(b);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory while building the taxonomy index");
	}
	double N = (double)(ix->nl ? ix->nl : 1);
	ix->max_idf = log(1.0 + N);
	/* grams: distinct keys, postings with (1 + log tf) * idf, then per-label norms */
	size_t nk = 0, np = 0;
	for (size_t i = 0; i < b->ng; i++) {
		if (i == 0 || b->g[i].key != b->g[i - 1].key)
			nk++;
		if (i == 0 || b->g[i].key != b->g[i - 1].key || b->g[i].label != b->g[i - 1].label)
			np++;
	}
	ix->gkeys = malloc((nk + 1) * sizeof *ix->gkeys);
	ix->goff = malloc((nk + 1) * sizeof *ix->goff);
	ix->gpost = malloc((np + 1) * sizeof *ix->gpost);
	ix->skeys = malloc((b->ns + 1) * sizeof *ix->skeys);
	ix->sw = malloc((b->ns + 1) * sizeof *ix->sw);
	ix->clab = malloc((ix->nl + 1) * sizeof *ix->clab);
	float *norm = calloc(ix->nl + 1, sizeof *norm);
	if (!ix->gkeys || !ix->goff || !ix->gpost || !ix->skeys || !ix->sw || !ix->clab || !norm) {
		free(norm);
		tax_builder_free(b);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory while building the taxonomy index");
	}
	size_t k = 0, p = 0;
	double NC = (double)(ix->nc ? ix->nc : 1);
	uint32_t *gseen = malloc((ix->nc + 1) * sizeof *gseen);
	for (size_t i = 0; gseen && i <= ix->nc; i++)
		gseen[i] = UINT32_MAX;
	if (!gseen) {
		free(norm);
		tax_builder_free(b);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory while building the taxonomy index");
	}
	for (size_t i = 0; i < b->ng;) {
		size_t j = i, start = p;
		ix->gkeys[k] = b->g[i].key;
		ix->goff[k] = (uint32_t)p;
		while (j < b->ng && b->g[j].key == b->g[i].key) {
			size_t t = j;
			while (t < b->ng && b->g[t].key == b->g[j].key && b->g[t].label == b->g[j].label)
				t++;
			ix->gpost[p++] = (struct post){b->g[j].label, (float)(1.0 + log((double)(t - j)))};
			j = t;
		}
		double idf = log(1.0 + N / (double)(p - start));
		if (tax_w_cgram > 0) { /* the gram's rarity among concepts */
			size_t cdf = 0;
			for (size_t q = start; q < p; q++) {
				uint32_t c = ix->l[ix->gpost[q].label].concept;
				if (gseen[c] != (uint32_t)k) {
					gseen[c] = (uint32_t)k;
					cdf++;
				}
			}
			idf = (1.0 - tax_w_cgram) * idf + tax_w_cgram * log(1.0 + NC / (double)cdf) * log(1.0 + N) / log(1.0 + NC);
		}
		for (size_t q = start; q < p; q++) {
			ix->gpost[q].w *= (float)idf;
			norm[ix->gpost[q].label] += ix->gpost[q].w * ix->gpost[q].w;
		}
		k++;
		i = j;
	}
	free(gseen);
	ix->ng = k;
	ix->goff[k] = (uint32_t)p;
	for (size_t q = 0; q < p; q++)
		ix->gpost[q].w /= sqrtf(norm[ix->gpost[q].label]);
	for (size_t i = 0; i < ix->nl; i++)
		ix->l[i].gnorm = sqrtf(norm[i]);
	free(norm);
	/* stems: document frequency → each label word's weight; the rarity among labels and, tax_w_cidf of it, among
	 * concepts (a word that only one concept's many labels use is rare) */
	size_t ns = 0;
	uint32_t *seen = malloc((ix->nc + 1) * sizeof *seen);
	if (!seen) {
		tax_builder_free(b);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory while building the taxonomy index");
	}
	for (size_t i = 0; i <= ix->nc; i++)
		seen[i] = UINT32_MAX;
	for (size_t i = 0; i < b->ns;) {
		size_t j = i, df = 0, cdf = 0;
		while (j < b->ns && b->s[j].key == b->s[i].key) {
			if (j == i || b->s[j].label != b->s[j - 1].label)
				df++;
			uint32_t c = ix->l[b->s[j].label].concept;
			if (seen[c] != (uint32_t)ns) {
				seen[c] = (uint32_t)ns;
				cdf++;
			}
			j++;
		}
		ix->skeys[ns] = b->s[i].key;
		ix->sw[ns++] = (float)((1.0 - tax_w_cidf) * log(1.0 + N / (double)df) +
		                       tax_w_cidf * log(1.0 + NC / (double)cdf) * log(1.0 + N) / log(1.0 + NC));
		i = j;
	}
	free(seen);
	ix->ns = ns;
	for (size_t i = 0; i < ix->nt; i++) {
		size_t at = tax_find_key(ix->skeys, ns, ix->t[i].stem);
		ix->t[i].w = at == (size_t)-1 ? (float)log(1.0 + N) : ix->sw[at];
	}
	/* concept → its labels */
	for (size_t i = 0; i < ix->nc; i++)
		ix->c[i].lab_n = 0;
	for (size_t i = 0; i < ix->nl; i++)
		ix->c[ix->l[i].concept].lab_n++;
	uint32_t sum = 0;
	for (size_t i = 0; i < ix->nc; i++) {
		ix->c[i].lab_first = sum;
		sum += ix->c[i].lab_n;
		ix->c[i].lab_n = 0;
	}
	for (size_t i = 0; i < ix->nl; i++) {
		struct tconcept *c = &ix->c[ix->l[i].concept];
		ix->clab[c->lab_first + c->lab_n++] = (uint32_t)i;
	}
	/* occupation → its ISCO unit group, where the group is in the index (ESCO's structure as evidence) */
	uint32_t *unit = malloc(10000 * sizeof *unit);
	if (unit) {
		for (size_t i = 0; i < 10000; i++)
			unit[i] = UINT32_MAX;
		for (size_t i = 0; i < ix->nc; i++)
			if (ix->c[i].kind == TAX_ISCO && strlen(ix->c[i].isco) == 4 && ix->c[i].lab_n)
				unit[isco_num(ix->c[i].isco)] = (uint32_t)i;
		for (size_t i = 0; i < ix->nc; i++)
			ix->c[i].group = ix->c[i].kind == TAX_OCCUPATION && strlen(ix->c[i].isco) == 4
			                     ? unit[isco_num(ix->c[i].isco)]
			                     : UINT32_MAX;
	}
	free(unit);
	if (!unit || tax_phrases_build(ix)) {
		tax_builder_free(b);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory while building the taxonomy index");
	}
	b->ix = NULL;
	tax_builder_free(b);
	*out = ix;
	return 0;
}

/* ---- loading from the store ---- */

static const char SQL_CONCEPTS[] = "SELECT id, uri, kind, code FROM tax_concepts ORDER BY id";
static const char SQL_LABELS[] = "SELECT concept_id, lang, label_type, label FROM tax_labels "
                                 "ORDER BY concept_id, lang, label_type, label";

int tax_index_load(struct store *s, unsigned kinds, struct tax_index **out, struct err *e)
{
	*out = NULL;
	struct tax_builder *b = tax_builder_new();
	if (!b)
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	long *id2c = NULL;
	size_t nid = 0, cap = 0;
	struct store_stmt *st;
	int rc = store_prepare(s, SQL_CONCEPTS, &st, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		int kind = tax_kind_parse(store_col_text(st, 2));
		rc = 0;
		if (id < 0 || id > (int64_t)UINT32_MAX)
			continue;
		if ((size_t)id >= nid) {
			if (grow(&id2c, nid, &cap, sizeof *id2c, (size_t)id + 1 - nid)) {
				rc = err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
				break;
			}
			for (size_t i = nid; i <= (size_t)id; i++)
				id2c[i] = -1;
			nid = (size_t)id + 1;
		}
		if (kind <= 0 || (kinds && !(kinds & (unsigned)kind)))
			continue;
		id2c[id] = tax_builder_concept(b, store_col_text(st, 1), (enum tax_kind)kind, store_col_text(st, 3));
		if (id2c[id] < 0)
			rc = err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	}
	if (rc == STORE_DONE)
		rc = store_prepare(s, SQL_LABELS, &st, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		int64_t id = store_col_int(st, 0);
		const char *t = store_col_text(st, 2);
		rc = 0;
		if (id < 0 || (size_t)id >= nid || id2c[id] < 0 || !t)
			continue;
		enum tax_label_type type = strcmp(t, "preferred") == 0 ? TAX_PREFERRED
		                           : strcmp(t, "hidden") == 0  ? TAX_HIDDEN
		                                                       : TAX_ALT;
		if (tax_builder_label(b, id2c[id], store_col_text(st, 1), type, store_col_text(st, 3)))
			rc = err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	}
	free(id2c);
	if (rc < 0 || rc > 0) {
		tax_builder_free(b);
		return -1;
	}
	return tax_index_build(b, out, e);
}

int tax_lang_id(const struct tax_index *ix, const char *lang)
{
	return find_lang(ix, lang);
}

