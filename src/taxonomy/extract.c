/* taxonomy extract: ESCO skills suggested for free text (a CV paragraph, a job advertisement), each with the
 * sentence that supports it.
 *
 * The text is split into sentences (tax_split_sentences). Each sentence, in windows of at most WIN_WORDS words, is
 * tokenised twice (stems of the text's language and English stems) and looked up in the index's first-word table of
 * skill labels: a label whose words follow each other in the sentence is a phrase match, one whose words all occur
 * in any order a weaker loose match; both weigh the rarity (idf) of the label's words, so "Java" or "asiakaspalvelu"
 * counts more than "use"; a one-word alternative label ("design", "lead") counts half. The fuzzy concept search
 * (tax_search: trigrams, compounds, typos) of each stretch of W_FWIN words adds its best skills at a lower weight. Each skill keeps its best sentence; a skill supported by several sentences gets a
 * small bonus. Weights were tuned on the skill-extraction validation sets (bench/taxonomy/README.md). */
#include <math.h>
#include <stddef.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/buf.h"
#include "core/order.h"
#include "core/validate.h"
#include "taxonomy/internal.h"
#include "taxonomy/taxonomy.h"

enum { WIN_WORDS = 40, WIN_OVERLAP = 6, FUZZY_HITS = 8, MAX_LABEL_WORDS = 10 };

/* Weights (tuned on the validation splits; see the file comment). Not const only so that the benchmark can try
 * values (tax_tune_extract); nothing else writes them. */
static double W_PHRASE = 1.0;  /* label words in order, one after another */
static double W_LOOSE = 0.70;  /* label words all in the sentence, any order */
static double W_FUZZY = 0.55;  /* tax_search score of the sentence */
static double W_SPEC = 6.0;    /* idf sum at which a match is half as specific as it can be */
static double W_OTHER = 0.90;  /* a label in English for a text in another language */
static double W_ALT = 0.97;    /* an alternative label (hidden labels: W_ALT squared) */
static double W_MORE = 0.04;   /* per further sentence supporting the same skill */
static double W_STEM = 0.80;   /* a label word found only by its stem (experiment ~ experience), not as written */
static double W_POW = 1.0;     /* how steeply rare words count */
static double W_SINGLE_ALT = 0.5; /* a one-word alternative label ("design", "lead") */
static double W_MIN = 0.15;       /* suggestions below this score are left out (faint fuzzy hits) */
static double W_FWIN = 7;         /* words per fuzzy-search window, half a window apart (0: the whole window) */

int tax_tune_extract(const char *name, double v)
{
	static const struct {
		const char *name;
		double *p;
	} knobs[] = {{"phrase", &W_PHRASE}, {"loose", &W_LOOSE}, {"fuzzy", &W_FUZZY}, {"spec", &W_SPEC},
	             {"other", &W_OTHER},   {"alt", &W_ALT},     {"more", &W_MORE},
	             {"stem", &W_STEM},     {"pow", &W_POW},     {"single", &W_SINGLE_ALT}, {"fwin", &W_FWIN},
	             {"min", &W_MIN}};
	for (size_t i = 0; i < sizeof knobs / sizeof *knobs; i++)
		if (strcmp(name, knobs[i].name) == 0) {
			*knobs[i].p = v;
			return 0;
		}
	return -1;
}

/* ---- the first-word table ---- */

struct tax_phrases {
	uint64_t *key; /* first word's stem, sorted */
	uint32_t *label;
	size_t n;
};

int tax_phrases_build(struct tax_index *ix)
{
	size_t n = 0;
	for (size_t i = 0; i < ix->nl; i++)
		n += ix->l[i].kind == TAX_SKILL && ix->l[i].ntok > 0 && ix->l[i].ntok <= MAX_LABEL_WORDS;
	struct tax_phrases *p = calloc(1, sizeof *p);
	struct pair *tmp = malloc((n + 1) * sizeof *tmp);
	if (p) {
		p->key = malloc((n + 1) * sizeof *p->key);
		p->label = malloc((n + 1) * sizeof *p->label);
	}
	if (!p || !tmp || !p->key || !p->label) {
		free(tmp);
		tax_phrases_free(p);
		return -1;
	}
	size_t k = 0;
	for (size_t i = 0; i < ix->nl; i++)
		if (ix->l[i].kind == TAX_SKILL && ix->l[i].ntok > 0 && ix->l[i].ntok <= MAX_LABEL_WORDS)
			tmp[k++] = (struct pair){ix->t[ix->l[i].tok].stem, (uint32_t)i};
	if (k > 1)
		qsort(tmp, k, sizeof *tmp, tax_pair_cmp);
	for (size_t i = 0; i < k; i++) {
		p->key[i] = tmp[i].key;
		p->label[i] = tmp[i].label;
	}
	p->n = k;
	free(tmp);
	ix->phrases = p;
	return 0;
}

void tax_phrases_free(struct tax_phrases *p)
{
	if (!p)
		return;
	free(p->key);
	free(p->label);
	free(p);
}

/* ---- sentences ---- */

/* The code point at text[*i] (U+FFFD for a bad byte), advancing *i. */
static UChar32 next_cp(const char *text, size_t len, size_t *i)
{
	UChar32 c;
	int32_t at = (int32_t)*i;
	U8_NEXT((const uint8_t *)text, at, (int32_t)len, c);
	*i = (size_t)at;
	return c < 0 ? 0xFFFD : c;
}

static bool is_bullet(UChar32 c)
{
	return c == '-' || c == '*' || c == '+' || c == '>' || c == 0x2022 || c == 0x2013 || c == 0x2014 ||
	       c == 0x00B7 || c == 0x25AA || c == 0x25E6 || c == 0x25CF || c == 0x2023 || c == 0x2043 || c == 0x25A0;
}

static bool is_space(UChar32 c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || u_isUWhiteSpace(c);
}

/* The first code point after the spaces (not line breaks) from i, or 0 at the end. */
static UChar32 peek_word(const char *text, size_t len, size_t i)
{
	while (i < len) {
		UChar32 c = next_cp(text, len, &i);
		if (c != ' ' && c != '\t' && c != 0xA0)
			return c;
	}
	return 0;
}

/* Adds [a, z) to out as a sentence after trimming spaces and leading bullets or list numbers. */
static void add_span(const char *text, size_t a, size_t z, struct tax_span *out, size_t max, size_t *n)
{
	for (;;) {
		size_t i = a;
		if (a >= z)
			return;
		UChar32 c = next_cp(text, z, &i);
		if (is_space(c) || c == '\n' || is_bullet(c)) {
			a = i;
			continue;
		}
		/* "1." "2)" "a)" as a list mark: digits (or one letter) then . or ) then a space */
		size_t j = a;
		while (j < z && text[j] >= '0' && text[j] <= '9' && j - a < 3)
			j++;
		if (j == a && j + 1 < z && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z')) &&
		    text[j + 1] == ')')
			j++;
		if (j > a && j + 1 < z && (text[j] == ')' || (text[j] == '.' && text[a] >= '0' && text[a] <= '9')) &&
		    (text[j + 1] == ' ' || text[j + 1] == '\t')) {
			a = j + 1;
			continue;
		}
		break;
	}
	while (z > a) {
		size_t k = z - 1;
		while (k > a && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		size_t i = k;
		UChar32 c = next_cp(text, z, &i);
		if (!is_space(c) && c != '\n')
			break;
		z = k;
	}
	bool word = false;
	for (size_t i = a; i < z && !word;) {
		UChar32 c = next_cp(text, z, &i);
		word = u_isalpha(c);
	}
	if (word && *n < max)
		out[(*n)++] = (struct tax_span){a, z};
}

size_t tax_split_sentences(const char *text, size_t len, struct tax_span *out, size_t max)
{
	size_t n = 0, start = 0, i = 0;
	if (!text)
		return 0;
	while (i < len && n < max) {
		size_t at = i;
		UChar32 c = next_cp(text, len, &i);
		size_t cut = (size_t)-1, resume = i;
		if (c == '\n') {
			/* a blank line always ends a sentence; one line break unless the next line goes on in lower case */
			size_t j = i;
			while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
				j++;
			UChar32 nx = j < len ? peek_word(text, len, j) : 0;
			if (j >= len || text[j] == '\n' || !u_islower(nx))
				cut = at;
		} else if (c == ';' || c == 0x2022 || c == 0x25AA || c == 0x25CF) {
			cut = c == ';' ? i : at;
		} else if (c == '.' || c == '!' || c == '?' || c == 0x2026) {
			UChar32 nx = i < len ? next_cp(text, len, &(size_t){i}) : 0;
			if (i >= len || nx == '\n' || nx == '\r')
				cut = i;
			else if (is_space(nx) && !u_islower(peek_word(text, len, i)))
				cut = i;
		}
		if (cut != (size_t)-1) {
			add_span(text, start, cut, out, max, &n);
			start = cut > resume ? cut : resume;
			if (cut == at) /* the separator itself (a line break, a bullet) belongs to no sentence */
				start = resume;
		}
	}
	if (start < len)
		add_span(text, start, len, out, max, &n);
	return n;
}

/* ---- language ---- */

const char *tax_guess_lang(const char *text, size_t len, const char *fallback)
{
	static const char *const FI[] = {"ja", "on", "tai", "sekä", "että", "olen", "kanssa", "myös", "ovat", "hyvä",
	                                 "työ", "osaan", "olla", "haemme", "kokemus", "kokemusta", "taidot"};
	static const char *const SV[] = {"och", "att", "med", "för", "som", "är", "jag", "av", "på", "till", "har",
	                                 "det", "erfarenhet", "vi", "söker", "kunskap", "inom"};
	static const char *const EN[] = {"and", "the", "with", "of", "to", "in", "for", "is", "have", "we", "are",
	                                 "experience", "skills", "knowledge", "you", "our", "an"};
	int score[3] = {0, 0, 0};
	size_t i = 0;
	while (i < len) {
		char w[16];
		size_t k = 0;
		while (i < len && (unsigned char)text[i] < 0x80 && !((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z'))
			i++;
		size_t a = i;
		while (i < len && ((unsigned char)text[i] >= 0x80 || ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z'))) {
			if (k < sizeof w - 1)
				w[k++] = (char)((unsigned char)text[i] < 0x80 ? text[i] | 0x20 : text[i]);
			i++;
		}
		if (i == a) {
			i++;
			continue;
		}
		w[k] = 0;
		if (i - a >= sizeof w)
			continue;
		const char *const *lists[3] = {FI, SV, EN};
		size_t sizes[3] = {sizeof FI / sizeof *FI, sizeof SV / sizeof *SV, sizeof EN / sizeof *EN};
		for (int l = 0; l < 3; l++)
			for (size_t j = 0; j < sizes[l]; j++)
				score[l] += strcmp(w, lists[l][j]) == 0;
	}
	static const char *const NAME[3] = {"fi", "sv", "en"};
	int best = -1;
	for (int l = 0; l < 3; l++)
		if (score[l] > 0 && (best < 0 || score[l] > score[best]))
			best = l;
	return best < 0 ? fallback : NAME[best];
}

/* ---- matching ---- */

struct found {
	uint32_t concept, label;
	uint32_t sentence; /* number of the sentence */
	double score;
};

struct found_list {
	struct found *v;
	size_t n, cap;
};

static int found_add(struct found_list *f, struct found x)
{
	if (buf_grow_array(&f->v, &f->cap, f->n + 1, sizeof *f->v, 256, SIZE_MAX))
		return -1;
	f->v[f->n++] = x;
	return 0;
}

static double label_weight(const struct tax_index *ix, const struct tlabel *l, int text_lang)
{
	double w = l->type == TAX_PREFERRED ? 1.0 : l->type == TAX_ALT ? W_ALT : W_ALT * W_ALT;
	if (text_lang < 0 || l->lang != text_lang)
		w *= W_OTHER;
	(void)ix;
	return w;
}

static bool same_word(const struct tax_index *ix, const struct ttok *lt, const struct tax_token *t)
{
	return lt->len == t->len && memcmp(ix->cps + lt->cp, t->cp, (size_t)t->len * sizeof *t->cp) == 0;
}

/* A label of at most three characters ("AR", "IT", "C#") counts only where the text has it as written, up to ASCII
 * case, as a word of its own: folding makes "år" (year) read "ar". */
static bool short_label_ok(const char *win, const char *label)
{
	size_t n = strlen(label);
	if (n > 3)
		return true;
	for (const char *p = win; *p; p++) {
		if (strncasecmp(p, label, n) != 0)
			continue;
		unsigned char before = p > win ? (unsigned char)p[-1] : ' ', after = (unsigned char)p[n];
		bool wb = !(before >= 0x80 || ((before | 0x20) >= 'a' && (before | 0x20) <= 'z')) &&
		          !(after >= 0x80 || ((after | 0x20) >= 'a' && (after | 0x20) <= 'z'));
		if (wb)
			return true;
	}
	return false;
}

/* Phrase and loose matches of the window's tokens (stemmed for labels of language label_lang) into f. */
static int match_phrases(const struct tax_index *ix, const char *win, const struct tax_token *tok, int ntok,
                         int label_lang, int text_lang, uint32_t sentence, struct found_list *f)
{
	const struct tax_phrases *p = ix->phrases;
	if (!p || label_lang < 0)
		return 0;
	for (int i = 0; i < ntok; i++) {
		if (i > 0 && tok[i].stem == tok[i - 1].stem)
			continue;
		size_t lo = 0, hi = p->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (p->key[mid] < tok[i].stem)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t q = lo; q < p->n && p->key[q] == tok[i].stem; q++) {
			const struct tlabel *l = &ix->l[p->label[q]];
			if (l->lang != label_lang)
				continue;
			/* in order from i (a phrase), else anywhere (loose); words equal as written, or only by stem */
			bool phrase = i + l->ntok <= ntok, all = true;
			int same = 0;
			for (int k = 0; k < l->ntok && phrase; k++) {
				const struct ttok *lt = &ix->t[l->tok + (uint32_t)k];
				phrase = tok[i + k].stem == lt->stem;
				same += phrase && same_word(ix, lt, &tok[i + k]);
			}
			if (!phrase) {
				same = 0;
				for (int k = 0; k < l->ntok && all; k++) {
					const struct ttok *lt = &ix->t[l->tok + (uint32_t)k];
					bool seen = false, eq = false;
					for (int j = 0; j < ntok && !eq; j++)
						if (tok[j].stem == lt->stem) {
							seen = true;
							eq = same_word(ix, lt, &tok[j]);
						}
					all = seen;
					same += eq;
				}
			}
			if ((!phrase && !all) || !short_label_ok(win, ix->pool + l->text))
				continue;
			double idf = 0;
			for (int k = 0; k < l->ntok; k++)
				idf += ix->t[l->tok + (uint32_t)k].w;
			double spec = pow(idf / (idf + W_SPEC), W_POW);
			double s = (phrase ? W_PHRASE : W_LOOSE) * label_weight(ix, l, text_lang) * spec *
			           (W_STEM + (1.0 - W_STEM) * same / l->ntok);
			if (l->ntok == 1 && l->type != TAX_PREFERRED)
				s *= W_SINGLE_ALT;
			if (s >= W_MIN && found_add(f, (struct found){l->concept, p->label[q], sentence, s}))
				return -1;
		}
	}
	return 0;
}

/* The windows of a sentence: at most WIN_WORDS words each, overlapping by WIN_OVERLAP words. */
static size_t window_end(const char *text, size_t a, size_t z, size_t *next)
{
	size_t words = 0, i = a, overlap_at = z;
	bool in = false;
	while (i < z) {
		bool sp = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
		if (!sp && !in) {
			words++;
			if (words == WIN_WORDS - WIN_OVERLAP + 1)
				overlap_at = i;
			if (words > WIN_WORDS)
				break;
		}
		in = !sp;
		i++;
	}
	size_t end = i;
	if (end - a > TAX_MAX_TEXT - 1) { /* very long words: the tokeniser looks at TAX_MAX_TEXT bytes */
		end = a + TAX_MAX_TEXT - 1;
		while (end > a && ((unsigned char)text[end] & 0xC0) == 0x80)
			end--;
	}
	*next = end >= z ? z : (overlap_at < end && overlap_at > a ? overlap_at : end);
	return end;
}

/* Concepts and labels lie in the pool in their order: a hit's concept and label by its strings' offsets, found by
 * halving. The index of the item of items (n of them, size bytes each) whose uint32_t at member is off; -1 if none. */
static long find_offset(const void *items, size_t n, size_t size, size_t member, uint32_t off);

/* The fuzzy search of the window (or of its parts of W_FWIN words, W_FWIN / 2 apart) into f. */
static int fuzzy(const struct tax_index *ix, char *win, const char *lang, uint32_t sentence, struct tax_hit *hits,
                 struct found_list *f)
{
	size_t len = strlen(win), starts[TAX_MAX_TOKENS * 2 + 2], ns = 0;
	bool in = false;
	for (size_t i = 0; i < len && ns < sizeof starts / sizeof *starts - 1; i++) {
		bool sp = win[i] == ' ' || win[i] == '\t' || win[i] == '\n' || win[i] == '\r';
		if (!sp && !in)
			starts[ns++] = i;
		in = !sp;
	}
	size_t per = W_FWIN >= 1 ? (size_t)W_FWIN : ns, step = per / 2 ? per / 2 : 1;
	for (size_t w = 0; w < ns; w += step) {
		size_t end = w + per < ns ? starts[w + per] : len;
		char save = win[end];
		win[end] = 0;
		size_t nh = 0;
		struct err se = {0};
		int rc = tax_search(ix, win + starts[w], lang, TAX_SKILL, FUZZY_HITS, hits, &nh, &se);
		win[end] = save;
		for (size_t h = 0; rc == 0 && h < nh; h++) {
			long c = find_offset(ix->c, ix->nc, sizeof *ix->c, offsetof(struct tconcept, uri),
			                     (uint32_t)(hits[h].uri - ix->pool));
			long lab = find_offset(ix->l, ix->nl, sizeof *ix->l, offsetof(struct tlabel, text),
			                       (uint32_t)(hits[h].matched - ix->pool));
			if (c >= 0 && W_FUZZY * hits[h].score >= W_MIN && short_label_ok(win + starts[w], hits[h].matched) &&
			    found_add(f, (struct found){(uint32_t)c, lab >= 0 ? (uint32_t)lab : 0, sentence,
			                                           W_FUZZY * hits[h].score}))
				return -1;
		}
		if (w + per >= ns)
			break;
	}
	return 0;
}

static int cmp_found_concept(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	int o = order_u64(x->concept, y->concept);
	if (!o)
		o = order_f64(y->score, x->score); /* best first */
	if (!o)
		o = order_u64(x->sentence, y->sentence);
	return o ? o : order_u64(x->label, y->label);
}

static int cmp_found_score(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	int o = order_f64(y->score, x->score); /* best first */
	return o ? o : order_u64(x->concept, y->concept);
}

/* The member of item i (memcpy: items are any struct). */
static uint32_t member_at(const unsigned char *items, size_t i, size_t size, size_t member)
{
	uint32_t v;
	memcpy(&v, items + i * size + member, sizeof v);
	return v;
}

static long find_offset(const void *items, size_t n, size_t size, size_t member, uint32_t off)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (member_at(items, mid, size, member) < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && member_at(items, lo, size, member) == off ? (long)lo : -1;
}

static size_t count_cps(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int tax_suggest_skills(const struct tax_index *ix, const char *text, const char *lang, const char *label_lang,
                       size_t limit, struct tax_skill_suggestion *out, size_t *n, struct err *e)
{
	*n = 0;
	if (!ix || !out)
		return err_set(e, ERR_INVALID, NULL, "no index");
	size_t len = text ? strlen(text) : 0, blank = 0;
	while (blank < len && (text[blank] == ' ' || text[blank] == '\t' || text[blank] == '\n' || text[blank] == '\r'))
		blank++;
	if (blank == len)
		return err_key(e, ERR_INVALID, "text", "suggest_empty", "text is required: paste a CV paragraph or a job ad");
	if (count_cps(text, len) > TAX_SUGGEST_MAX_TEXT)
		return err_key(e, ERR_INVALID, "text", "suggest_too_long", "text must be at most %d characters",
		               TAX_SUGGEST_MAX_TEXT);
	if (!validate_utf8(text, len))
		return err_key(e, ERR_INVALID, "text", "chars", "text must be UTF-8 without control characters");
	if (limit > TAX_SUGGEST_MAX_LIMIT)
		limit = TAX_SUGGEST_MAX_LIMIT;
	if (!lang || !*lang)
		lang = tax_guess_lang(text, len, "fi");
	size_t maxs = len / 2 + 2;
	struct tax_span *sent = malloc(maxs * sizeof *sent);
	struct tax_token *tok = malloc(TAX_MAX_TOKENS * sizeof *tok);
	struct tax_hit *hits = malloc(FUZZY_HITS * sizeof *hits);
	char *win = malloc(TAX_MAX_TEXT);
	struct tax_norm *norm = tax_norm_new();
	struct found_list f = {0};
	int rc = 0;
	if (!sent || !tok || !hits || !win || !norm) {
		rc = err_oom(e);
		goto done;
	}
	int text_lang = tax_lang_id(ix, lang), en = tax_lang_id(ix, "en");
	size_t ns = tax_split_sentences(text, len, sent, maxs);
	for (size_t s = 0; s < ns && rc == 0; s++) {
		for (size_t a = sent[s].start, next; a < sent[s].end && rc == 0; a = next) {
			size_t z = window_end(text, a, sent[s].end, &next);
			memcpy(win, text + a, z - a);
			win[z - a] = 0;
			int nt = tax_norm_tokens(norm, win, lang, tok, TAX_MAX_TOKENS, NULL);
			if (match_phrases(ix, win, tok, nt, text_lang, text_lang, (uint32_t)s, &f)) {
				rc = err_oom(e);
				break;
			}
			if (en != text_lang) {
				nt = tax_norm_tokens(norm, win, "en", tok, TAX_MAX_TOKENS, NULL);
				if (match_phrases(ix, win, tok, nt, en, text_lang, (uint32_t)s, &f)) {
					rc = err_oom(e);
					break;
				}
			}
			if (W_FUZZY > 0 && fuzzy(ix, win, lang, (uint32_t)s, hits, &f)) {
				rc = err_oom(e);
				break;
			}
		}
	}
	if (rc)
		goto done;
	/* one per concept: its best sentence, a bonus for each other sentence that supports it */
	if (f.n > 1)
		qsort(f.v, f.n, sizeof *f.v, cmp_found_concept);
	size_t k = 0;
	for (size_t i = 0; i < f.n;) {
		size_t j = i + 1, more = 0;
		for (; j < f.n && f.v[j].concept == f.v[i].concept; j++) {
			bool seen = false;
			for (size_t q = i; q < j && !seen; q++)
				seen = f.v[q].sentence == f.v[j].sentence;
			more += !seen;
		}
		struct found best = f.v[i];
		best.score = fmin(1.0, best.score + W_MORE * (double)(more < 3 ? more : 3));
		f.v[k++] = best;
		i = j;
	}
	f.n = k;
	if (f.n > 1)
		qsort(f.v, f.n, sizeof *f.v, cmp_found_score);
	int ll = tax_lang_id(ix, label_lang && *label_lang ? label_lang : lang);
	for (size_t i = 0; i < f.n && *n < limit && f.v[i].score >= W_MIN; i++) {
		const struct tconcept *c = &ix->c[f.v[i].concept];
		out[(*n)++] = (struct tax_skill_suggestion){
			.uri = ix->pool + c->uri,
			.label = tax_display_label(ix, f.v[i].concept, ll),
			.matched = ix->pool + ix->l[f.v[i].label].text,
			.sentence = sent[f.v[i].sentence],
			.score = f.v[i].score,
		};
	}
done:
	free(sent);
	free(tok);
	free(hits);
	free(win);
	tax_norm_free(norm);
	free(f.v);
	return rc;
}

const char *tax_label_of(const struct tax_index *ix, const char *uri, const char *lang)
{
	for (size_t i = 0; ix && uri && i < ix->nc; i++)
		if (strcmp(ix->pool + ix->c[i].uri, uri) == 0)
			return tax_display_label(ix, (uint32_t)i, tax_lang_id(ix, lang));
	return NULL;
}
