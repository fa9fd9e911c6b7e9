/* taxonomy index: an immutable in-memory search structure over concept labels.
 *
 * Candidates come from character trigrams of the folded words (TF-IDF cosine: it survives typos, inflection and
 * Finnish/Swedish compounds that a word index misses); the best few hundred are then re-ranked by a word alignment
 * (same stem, same word, prefix of the last word while typing, one or two edits, a word inside a compound) weighted by
 * word rarity, and gathered per concept. Job-title labels (occupations, ISCO groups) also meet through families of
 * compound heads and derivations, and the head of a Finnish title is its last word (docs/matching.md, "Title
 * normalisation"). The index is built in index.c; nothing is written after tax_index_build, so searches need no
 * lock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/order.h"
#include "core/topk.h"
#include "taxonomy/internal.h"
#include "taxonomy/taxonomy.h"

enum { RERANK = 300 };

/* Scoring weights. W_CHAR and W_QCOV were tried on the JobBERT validation titles (flat: +-0.005 MRR); W_ISCO on the
 * odd-numbered MELO queries only, the even-numbered ones held out (bench/taxonomy/README.md).
 * Not const only so that the benchmark can try values (tax_tune); nothing else writes them. */
static double W_CHAR = 0.35;     /* trigram cosine vs word alignment */
static double W_QCOV = 0.40;     /* in the alignment, how much the query's coverage counts vs the label's */
static double W_PREFIX = 0.90;   /* last word typed so far is a prefix of a label word */
static double W_EDIT = 0.20;     /* similarity lost per edit */
/* For occupation and ISCO labels (short job titles): tried on MELO (the full splits) with the title rules in place;
 * skills keep W_CHAR and W_EDIT, which the skill-extraction figures need. */
static double W_CHAR_TITLE = 0.75;
static double W_EDIT_TITLE = 0.30;
static double W_PART = 0.90;     /* a word found inside a compound */
static double W_TYPE[3] = {1.0, 0.98, 0.96}; /* preferred, alt, hidden */
static double W_OTHER_LANG = 0.92;          /* a label in another language than the query's */
static double W_ISCO = 0.97; /* an ISCO group label: when as good, the more specific ESCO occupation goes first */
static double W_HEAD_SYN = 0.90; /* same compound modifier, a head of the same family (linja-autokuski ~ -kuljettaja) */
static double W_HEAD_MISS = 0.85; /* a label that lacks the query's last word, its head (kokki apulainen ≠ kokki) */
static double W_HEAD_MOD = 0.85; /* same head, one modifier a prefix of the other (kouluavustaja ~ koulunkäyntiavustaja) */
static double W_OTHER_FUZZY = 0.70; /* a near spelling or part of a word in another language's label counts less */
static double W_MULTI = 0.10; /* a concept's further matching labels add this share of their scores (more evidence) */
static double W_MULTI_DECAY = 0.5; /* each further label counts this share of the one before */
/* ESCO's structure: an ISCO unit group scores at least this share of its best matching occupation (0.5-1.02 tried on
 * the odd-numbered MELO queries only, bench/taxonomy/README.md) */
static double W_UP = 0.85;
/* The weights from W_CHAR_TITLE on came with issue 17 item 1 and were tried on the validation splits themselves
 * (JobBERT, MELO in full): see bench/taxonomy/README.md for what was tuned on what. */

int tax_tune(const char *name, double v)
{
	static const struct {
		const char *name;
		double *p;
	} knobs[] = {{"char", &W_CHAR},   {"qcov", &W_QCOV},      {"prefix", &W_PREFIX},       {"edit", &W_EDIT},
	             {"part", &W_PART},   {"alt", &W_TYPE[1]},    {"hidden", &W_TYPE[2]},      {"otherlang", &W_OTHER_LANG}, {"isco", &W_ISCO},
	             {"headsyn", &W_HEAD_SYN}, {"headmod", &W_HEAD_MOD},
	             {"headmiss", &W_HEAD_MISS}, {"multi", &W_MULTI}, {"otherfuzzy", &W_OTHER_FUZZY},
	             {"decay", &W_MULTI_DECAY}, {"up", &W_UP}, {"cidf", &tax_w_cidf}, {"cgram", &tax_w_cgram},
	             {"titlechar", &W_CHAR_TITLE}, {"titleedit", &W_EDIT_TITLE}};
	for (size_t i = 0; i < sizeof knobs / sizeof *knobs; i++)
		if (strcmp(name, knobs[i].name) == 0) {
			*knobs[i].p = v;
			return 0;
		}
	return -1;
}

/* ---- search ---- */

struct cand {
	uint32_t label;
	float score;
};

_Static_assert(sizeof(struct cand) <= TOPK_MAX_ELEM, "a label candidate fits topk_push");

/* The candidate heap's order (core/topk.h): by score alone. */
static bool worse(const void *a, const void *b)
{
	return ((const struct cand *)a)->score < ((const struct cand *)b)->score;
}

static bool starts_with(const int32_t *s, int slen, const int32_t *p, int plen)
{
	return plen <= slen && memcmp(s, p, (size_t)plen * sizeof *s) == 0;
}

static bool contains(const int32_t *s, int slen, const int32_t *p, int plen)
{
	for (int i = 0; i + plen <= slen; i++)
		if (memcmp(s + i, p, (size_t)plen * sizeof *s) == 0)
			return true;
	return false;
}

/* Optimal string alignment distance, or limit + 1 when larger. */
static int edit_distance(const int32_t *a, int n, const int32_t *b, int m, int limit)
{
	if (abs(n - m) > limit)
		return limit + 1;
	int d[TAX_MAX_TOKLEN + 1][TAX_MAX_TOKLEN + 1];
	for (int i = 0; i <= n; i++)
		d[i][0] = i;
	for (int j = 0; j <= m; j++)
		d[0][j] = j;
	for (int i = 1; i <= n; i++) {
		int best = limit + 1;
		for (int j = 1; j <= m; j++) {
			int c = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
	}
	return d[n][m];
}

/* Families of compound heads and derivational endings that name the same role, in the folded form (lower case,
 * accents removed: ä → a, ö → o, å → a). A word is a modifier + a head; two words whose heads are of one family and
 * whose modifiers agree (equal, or one a prefix of the other: auto/auton, koulu/koulunkäynti) name the same job.
 * Finnish: kuski/kuljettaja/ajaja, apulainen/avustaja/ohjaaja/assistentti, the agent endings -aaja/-ari (koodaaja ~
 * koodari, hitsaaja ~ hitsari); Swedish: chaufför/förare, biträde/assistent/medhjälpare, sköterska/skötare/vårdare,
 * -erska/-are, -örska/-ör; English (separate words): helper/assistant/aide, driver/chauffeur. */
static const char *const HEADS[][6] = {
	{"kuski", "kuljettaja", "ajaja", NULL},
	{"apulainen", "avustaja", "ohjaaja", "assistentti", NULL},
	{"aaja", "ari", NULL},
	{"chauffor", "forare", NULL},
	{"bitrade", "assistent", "medhjalpare", "hjalpare", NULL},
	{"skoterska", "skotare", "vardare", NULL},
	{"erska", "are", NULL},
	{"orska", "or", NULL},
	{"helper", "assistant", "aide", NULL},
	{"driver", "chauffeur", NULL},
};
enum { NHEADS = sizeof HEADS / sizeof *HEADS };

static bool ends_with_ascii(const int32_t *cp, int len, const char *h, int hl)
{
	if (hl > len)
		return false;
	for (int i = 0; i < hl; i++)
		if (cp[len - hl + i] != (unsigned char)h[i])
			return false;
	return true;
}

/* The longest head of any family that word (cp, len) ends in, leaving a modifier of at least 3 letters (4 for a head
 * of 3 letters or less) or none: its family, or -1; *mlen the modifier's length. */
static int head_of(const int32_t *cp, int len, int *mlen)
{
	int fam = -1, best = 0;
	for (int f = 0; f < NHEADS; f++)
		for (int k = 0; HEADS[f][k]; k++) {
			int hl = (int)strlen(HEADS[f][k]), m = len - hl;
			if (hl > best && ends_with_ascii(cp, len, HEADS[f][k], hl) &&
			    (m == 0 ? hl > 4 : m >= (hl <= 3 ? 4 : 3))) {
				fam = f;
				best = hl;
				*mlen = m;
			}
		}
	return fam;
}

struct query {
	struct tax_token tok[TAX_MAX_TOKENS];
	float w[TAX_MAX_TOKENS];
	int head[TAX_MAX_TOKENS], mlen[TAX_MAX_TOKENS]; /* head family of each word (-1 none), its modifier's length */
	int ntok;
	int trailing_space;
	int lang;
	bool head_final; /* a Finnish query */
};

/* Query word qi against label word (cp, len) through the head families: 0 when they do not meet that way. */
static double head_sim(const struct query *q, int qi, const int32_t *cp, int len)
{
	int f = q->head[qi];
	if (f < 0)
		return 0;
	const struct tax_token *t = &q->tok[qi];
	int m = q->mlen[qi];
	int ml = 0, lf = head_of(cp, len, &ml);
	if (lf != f)
		return 0;
	bool same_head = len - ml == t->len - m && memcmp(cp + ml, t->cp + m, (size_t)(len - ml) * sizeof *cp) == 0;
	if (m == 0 && ml == 0) /* bare heads of two spellings */
		return same_head ? 0 : W_HEAD_SYN;
	if (m == 0 || ml == 0) { /* a bare head inside a compound of the family: like a compound part */
		int hl = m == 0 ? t->len : len - ml, wl = m == 0 ? len : t->len;
		return W_PART * sqrt((double)hl / wl) * (same_head ? 1.0 : W_HEAD_SYN);
	}
	int shorter = m < ml ? m : ml;
	if (memcmp(cp, t->cp, (size_t)shorter * sizeof *cp) != 0)
		return 0;
	if (m == ml)
		return same_head ? 0 : W_HEAD_SYN; /* equal words are matched before this */
	return same_head ? W_HEAD_MOD : W_HEAD_MOD * W_HEAD_SYN; /* both differ: autokuski ~ autonkuljettaja */
}

static double fuzzy_sim(const struct query *q, int qi, const int32_t *cp, int len, bool title);

/* Similarity of query word qi and label word (cp, len, stem), 0..1. Stems only meet when the label is in the query's
 * language: two languages' stemmers may cut different words to one stem (fi kuski → kusk = sv kusk). title: a job
 * title label (occupation, ISCO group), where the head families apply. */
static double word_sim(const struct query *q, int qi, const int32_t *cp, int len, uint64_t stem, bool same_lang,
                       bool title)
{
	const struct tax_token *t = &q->tok[qi];
	if ((same_lang && t->stem == stem) || (t->len == len && memcmp(t->cp, cp, (size_t)len * sizeof *cp) == 0))
		return 1.0;
	/* A near spelling in another language is mostly a false friend (en "Tukang" ~ fi "tukku-"): a word that matches
	 * as a word, in any language, goes first. */
	return fuzzy_sim(q, qi, cp, len, title) * (same_lang ? 1.0 : W_OTHER_FUZZY);
}

/* word_sim past the exact match: head families, a prefix being typed, one or two edits, a compound part. */
static double fuzzy_sim(const struct query *q, int qi, const int32_t *cp, int len, bool title)
{
	const struct tax_token *t = &q->tok[qi];
	double best = title ? head_sim(q, qi, cp, len) : 0;
	if (qi == q->ntok - 1 && !q->trailing_space && t->len >= 2 && starts_with(cp, len, t->cp, t->len) &&
	    W_PREFIX > best)
		best = W_PREFIX;
	if (t->len >= 4 && len >= 4) {
		int lim = (t->len >= 8 && len >= 8) ? 2 : 1;
		int d = edit_distance(t->cp, t->len, cp, len, lim);
		double we = title ? W_EDIT_TITLE : W_EDIT;
		if (d <= lim && 1.0 - we * d > best)
			best = 1.0 - we * d;
	}
	/* one word inside the other (a compound part): credit in proportion to the part's length */
	if (t->len >= 4 && len > t->len && contains(cp, len, t->cp, t->len)) {
		double s = W_PART * sqrt((double)t->len / len);
		if (s > best)
			best = s;
	} else if (len >= 4 && t->len > len && contains(t->cp, t->len, cp, len)) {
		double s = W_PART * sqrt((double)len / t->len);
		if (s > best)
			best = s;
	}
	return best;
}

/* Word alignment of the query with label l: weighted coverage of both sides, combined geometrically. */
static double align(const struct tax_index *ix, const struct query *q, const struct tlabel *l, bool *head_missed)
{
	*head_missed = false;
	double qs[TAX_MAX_TOKENS] = {0}, ls[TAX_MAX_TOKENS] = {0};
	int part_q[TAX_MAX_TOKENS] = {0}, part_l[TAX_MAX_TOKENS] = {0};
	int nl = l->ntok < TAX_MAX_TOKENS ? l->ntok : TAX_MAX_TOKENS;
	bool same_lang = q->lang < 0 || l->lang == q->lang;
	bool title = l->kind == TAX_OCCUPATION || l->kind == TAX_ISCO; /* job titles: heads and derivations apply */
	for (int j = 0; j < nl; j++) {
		const struct ttok *t = &ix->t[l->tok + j];
		const int32_t *cp = ix->cps + t->cp;
		for (int i = 0; i < q->ntok; i++) {
			double s = word_sim(q, i, cp, t->len, t->stem, same_lang, title);
			if (s > qs[i])
				qs[i] = s;
			if (s > ls[j])
				ls[j] = s;
			/* several label words inside one query word (or the reverse): a split compound */
			if (t->len >= 3 && q->tok[i].len > t->len && contains(q->tok[i].cp, q->tok[i].len, cp, t->len))
				part_q[i] += t->len;
			if (q->tok[i].len >= 3 && t->len > q->tok[i].len && contains(cp, t->len, q->tok[i].cp, q->tok[i].len))
				part_l[j] += q->tok[i].len;
		}
	}
	double qw = 0, qsum = 0, lw = 0, lsum = 0;
	for (int i = 0; i < q->ntok; i++) {
		double cover = W_PART * fmin(1.0, (double)part_q[i] / q->tok[i].len);
		qsum += q->w[i] * fmax(qs[i], cover);
		qw += q->w[i];
	}
	for (int j = 0; j < nl; j++) {
		const struct ttok *t = &ix->t[l->tok + j];
		double cover = W_PART * fmin(1.0, (double)part_l[j] / t->len);
		lsum += t->w * fmax(ls[j], cover);
		lw += t->w;
	}
	if (qw <= 0 || lw <= 0 || qsum <= 0 || lsum <= 0)
		return 0;
	double a = pow(qsum / qw, W_QCOV) * pow(lsum / lw, 1.0 - W_QCOV);
	/* A Finnish title puts the role last (modifiers, genitives included, come first): a label that misses it names
	 * another job. Not for English or Swedish, whose titles often put it first ("director of sales", "säljare, bil"):
	 * there it cost 0.014 MRR on MELO usa_q_en_c_en. */
	*head_missed = title && q->head_final && q->ntok >= 2 && q->trailing_space && qs[q->ntok - 1] < 0.5 &&
	               part_q[q->ntok - 1] == 0;
	return a;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	int o = order_f64(y->score, x->score); /* best first */
	return o ? o : order_u64(x->label, y->label);
}

static int cmp_u64(const void *a, const void *b)
{
	return order_u64(*(const uint64_t *)a, *(const uint64_t *)b);
}

/* Scores labels: trigram candidates, then the re-rank. Fills up to max candidates sorted best first. */
static int score(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds, struct cand *out,
                 size_t max, size_t *nout, struct err *e)
{
	*nout = 0;
	struct query *q = calloc(1, sizeof *q);
	struct tax_norm *norm = tax_norm_new();
	float *acc = calloc(ix->nl + 1, sizeof *acc);
	uint32_t *touched = malloc((ix->nl + 1) * sizeof *touched);
	struct cand *heap = malloc(RERANK * sizeof *heap);
	uint64_t *g = malloc(TAX_MAX_TOKENS * (TAX_MAX_TOKLEN + 2) * sizeof *g);
	int rc = 0;
	if (!q || !norm || !acc || !touched || !heap || !g) {
		rc = err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
		goto done;
	}
	q->ntok = tax_norm_tokens(norm, text, lang, q->tok, TAX_MAX_TOKENS, &q->trailing_space);
	q->lang = tax_lang_id(ix, lang);
	q->head_final = lang && strcmp(lang, "fi") == 0;
	if (q->ntok == 0 || ix->nl == 0)
		goto done;
	/* query grams with tf, weighted by the index's idf */
	size_t ng = 0;
	for (int i = 0; i < q->ntok; i++) {
		q->head[i] = head_of(q->tok[i].cp, q->tok[i].len, &q->mlen[i]);
		ng += (size_t)tax_word_grams(q->tok[i].cp, q->tok[i].len, g + ng, TAX_MAX_TOKLEN + 2);
		size_t at = tax_find_key(ix->skeys, ix->ns, q->tok[i].stem);
		q->w[i] = (float)(at == (size_t)-1 ? ix->max_idf : ix->sw[at]);
	}
	qsort(g, ng, sizeof *g, cmp_u64);
	size_t ntouched = 0;
	double qnorm = 0;
	for (size_t i = 0; i < ng;) {
		size_t j = i;
		while (j < ng && g[j] == g[i])
			j++;
		double wq = 1.0 + log((double)(j - i));
		size_t at = tax_find_key(ix->gkeys, ix->ng, g[i]);
		if (at == (size_t)-1) {
			wq *= ix->max_idf;
		} else {
			uint32_t a = ix->goff[at], z = ix->goff[at + 1];
			wq *= log(1.0 + (double)ix->nl / (double)(z - a));
			for (uint32_t p = a; p < z; p++) {
				uint32_t lab = ix->gpost[p].label;
				if (kinds && !(kinds & ix->l[lab].kind))
					continue;
				if (acc[lab] == 0)
					touched[ntouched++] = lab;
				acc[lab] += (float)wq * ix->gpost[p].w;
			}
		}
		qnorm += wq * wq;
		i = j;
	}
	qnorm = sqrt(qnorm);
	size_t nh = 0;
	for (size_t i = 0; i < ntouched; i++)
		topk_push(heap, &nh, RERANK, &(struct cand){touched[i], acc[touched[i]]}, sizeof(struct cand), worse);
	for (size_t i = 0; i < nh; i++) {
		const struct tlabel *l = &ix->l[heap[i].label];
		double cosine = heap[i].score / qnorm;
		bool missed;
		double a = align(ix, q, l, &missed), s = W_CHAR * cosine + (1.0 - W_CHAR) * a;
		/* a title label: the trigrams weigh more, unless the words align better than the letters do (a head of the
		 * same family, a derivation: kokki apulainen ~ kokin avustaja) */
		if (l->kind == TAX_OCCUPATION || l->kind == TAX_ISCO)
			s = fmax(s, W_CHAR_TITLE * cosine + (1.0 - W_CHAR_TITLE) * a);
		if (missed)
			s *= W_HEAD_MISS;
		s *= W_TYPE[l->type];
		if (q->lang >= 0 && l->lang != q->lang)
			s *= W_OTHER_LANG;
		if (l->kind == TAX_ISCO)
			s *= W_ISCO;
		heap[i].score = (float)s;
	}
	qsort(heap, nh, sizeof *heap, cmp_cand);
	*nout = nh < max ? nh : max;
	memcpy(out, heap, *nout * sizeof *out);
done:
	free(q);
	tax_norm_free(norm);
	free(acc);
	free(touched);
	free(heap);
	free(g);
	return rc;
}

/* The start of both searches: checks the index and the output, caps limit, and scores the best RERANK candidates
 * into c (best first). 0 or non-zero with e filled. */
static int search_start(const struct tax_index *ix, const void *out, const char *text, const char *lang,
                        unsigned kinds, size_t *limit, struct cand *c, size_t *nc, size_t *n, struct err *e)
{
	*n = 0;
	if (!ix || !out)
		return err_set(e, ERR_INVALID, NULL, "no index");
	if (*limit > TAX_MAX_LIMIT)
		*limit = TAX_MAX_LIMIT;
	return score(ix, text, lang, kinds, c, RERANK, nc, e) ? -1 : 0;
}

int tax_search_labels(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds, size_t limit,
                      struct tax_label_hit *out, size_t *n, struct err *e)
{
	struct cand c[RERANK];
	size_t nc;
	int rc = search_start(ix, out, text, lang, kinds, &limit, c, &nc, n, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < nc && *n < limit; i++)
		out[(*n)++] = (struct tax_label_hit){c[i].label, ix->l[c[i].label].concept, c[i].score};
	return 0;
}

/* The label to show for concept c: preferred in lang, else preferred in English, else any preferred, else any. */
static const char *display(const struct tax_index *ix, const struct tconcept *c, int lang)
{
	int en = tax_lang_id(ix, "en");
	const char *pref_en = NULL, *pref_any = NULL, *any = NULL;
	for (uint32_t i = 0; i < c->lab_n; i++) {
		const struct tlabel *l = &ix->l[ix->clab[c->lab_first + i]];
		const char *t = ix->pool + l->text;
		if (l->type == TAX_PREFERRED) {
			if (l->lang == lang)
				return t;
			if (l->lang == en && !pref_en)
				pref_en = t;
			if (!pref_any)
				pref_any = t;
		} else if (!any && l->type == TAX_ALT) {
			any = t;
		}
	}
	return pref_en ? pref_en : pref_any ? pref_any : any ? any : "";
}

int tax_search(const struct tax_index *ix, const char *text, const char *lang, unsigned kinds, size_t limit,
               struct tax_hit *out, size_t *n, struct err *e)
{
	struct cand c[RERANK];
	size_t nc;
	int rc = search_start(ix, out, text, lang, kinds, &limit, c, &nc, n, e);
	if (rc)
		return rc;
	int li = tax_lang_id(ix, lang);
	/* One hit per concept, at its best label (c is sorted best first); the concept's other labels that also match add a
	 * little (W_MULTI times their scores, halved for each further label), which orders concepts whose best labels tie:
	 * more of a concept's names agree with the query. */
	struct cand g[RERANK];
	float more[RERANK], part[RERANK];
	size_t ng = 0;
	for (size_t i = 0; i < nc; i++) {
		uint32_t concept = ix->l[c[i].label].concept;
		size_t k = 0;
		while (k < ng && ix->l[g[k].label].concept != concept)
			k++;
		if (k == ng) {
			g[ng] = c[i];
			more[ng] = 0;
			part[ng++] = 1;
		} else if (part[k] > 0.1f) {
			more[k] += part[k] * c[i].score;
			part[k] *= (float)W_MULTI_DECAY;
		}
	}
	for (size_t k = 0; k < ng; k++)
		if (ix->l[g[k].label].kind == TAX_OCCUPATION) /* an ISCO group's names are many occupations': breadth */
			g[k].score += (float)(W_MULTI * more[k]);
	/* ESCO's structure: a query that names an occupation also names its ISCO unit group, which then comes just after
	 * it (when the group is in the index and the search takes groups). */
	if (W_UP > 0 && (!kinds || (kinds & TAX_ISCO))) {
		enum { HSIZE = 1024 };
		uint32_t hk[HSIZE];
		uint16_t hv[HSIZE];
		for (size_t i = 0; i < HSIZE; i++)
			hk[i] = UINT32_MAX;
		for (size_t k = 0; k < ng; k++) {
			uint32_t cn = ix->l[g[k].label].concept, h = (cn * 2654435761u) & (HSIZE - 1);
			while (hk[h] != UINT32_MAX)
				h = (h + 1) & (HSIZE - 1);
			hk[h] = cn;
			hv[h] = (uint16_t)k;
		}
		size_t n0 = ng;
		for (size_t k = 0; k < n0; k++) {
			const struct tconcept *ck = &ix->c[ix->l[g[k].label].concept];
			if (ck->kind != TAX_OCCUPATION || ck->group == UINT32_MAX)
				continue;
			float up = (float)(W_UP * g[k].score);
			uint32_t h = (ck->group * 2654435761u) & (HSIZE - 1);
			while (hk[h] != UINT32_MAX && hk[h] != ck->group)
				h = (h + 1) & (HSIZE - 1);
			if (hk[h] == ck->group) {
				if (g[hv[h]].score < up)
					g[hv[h]].score = up;
			} else if (ng < RERANK) {
				hk[h] = ck->group;
				hv[h] = (uint16_t)ng;
				g[ng++] = (struct cand){ix->clab[ix->c[ck->group].lab_first], up};
			}
		}
	}
	qsort(g, ng, sizeof *g, cmp_cand);
	for (size_t i = 0; i < ng && *n < limit; i++) {
		const struct tlabel *l = &ix->l[g[i].label];
		const struct tconcept *cc = &ix->c[l->concept];
		struct tax_hit *h = &out[(*n)++];
		h->uri = ix->pool + cc->uri;
		h->label = display(ix, cc, li);
		h->matched = ix->pool + l->text;
		memcpy(h->isco, cc->isco, sizeof h->isco);
		h->kind = (enum tax_kind)cc->kind;
		h->score = g[i].score > 1.0 ? 1.0 : g[i].score;
	}
	return 0;
}

uint32_t tax_concept_group(const struct tax_index *ix, uint32_t c, double *w)
{
	*w = W_UP;
	return c < ix->nc ? ix->c[c].group : UINT32_MAX;
}

double tax_concept_weight(double *decay)
{
	*decay = W_MULTI_DECAY;
	return W_MULTI;
}

const char *tax_display_label(const struct tax_index *ix, uint32_t concept, int lang)
{
	return concept < ix->nc ? display(ix, &ix->c[concept], lang) : "";
}
