/* taxonomy normalisation: ICU NFKC case folding, word segmentation (dictionary-based for Thai), Snowball stemming,
 * then accents removed — the same pipeline for labels and queries, so both sides meet in one folded form. */
#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "taxonomy/internal.h"
#include "taxonomy/taxonomy.h"

enum { UBUF = 4 * TAX_MAX_TEXT + 16 };

static const struct {
	const char *lang, *algorithm;
} STEMMERS[] = {{"fi", "finnish"}, {"sv", "swedish"}, {"en", "english"}, {"ru", "russian"}, {"ar", "arabic"}};
enum { NSTEMMERS = sizeof STEMMERS / sizeof STEMMERS[0] };

struct tax_norm {
	UBreakIterator *brk;
	struct sb_stemmer *stem[NSTEMMERS];
	bool tried[NSTEMMERS];
	UChar in[UBUF], nf[UBUF];
};

struct tax_norm *tax_norm_new(void)
{
	struct tax_norm *n = calloc(1, sizeof *n);
	if (!n)
		return NULL;
	UErrorCode st = U_ZERO_ERROR;
	n->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
	if (U_FAILURE(st)) {
		free(n);
		return NULL;
	}
	return n;
}

void tax_norm_free(struct tax_norm *n)
{
	if (!n)
		return;
	ubrk_close(n->brk);
	for (int i = 0; i < NSTEMMERS; i++)
		if (n->stem[i])
			sb_stemmer_delete(n->stem[i]);
	free(n);
}

static struct sb_stemmer *stemmer_for(struct tax_norm *n, const char *lang)
{
	for (int i = 0; lang && i < NSTEMMERS; i++) {
		if (strcmp(lang, STEMMERS[i].lang) != 0)
			continue;
		if (!n->tried[i]) {
			n->tried[i] = true;
			n->stem[i] = sb_stemmer_new(STEMMERS[i].algorithm, "UTF_8");
		}
		return n->stem[i];
	}
	return NULL;
}

uint64_t tax_hash_cps(const int32_t *cp, int len, uint64_t seed)
{
	uint64_t h = 1469598103934665603ull ^ seed;
	for (int i = 0; i < len; i++) {
		h ^= (uint64_t)(uint32_t)cp[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 29; /* FNV mixes its low bits poorly for short keys; the index sorts by the whole value */
	return h * 0xbf58476d1ce4e5b9ull;
}

/* Thai and Lao vowel signs and tone marks are letters of the word, not accents: keep them. */
static bool strip_mark(UChar32 c)
{
	int8_t t = u_charType(c);
	if (c >= 0x0E00 && c <= 0x0EFF)
		return false;
	return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || c == 0x0640 /* Arabic tatweel */;
}

/* UTF-16 (already NFKC-casefolded) → folded code points: canonical decomposition, marks dropped. */
static int fold(const UChar *s, int32_t len, int32_t *out, int max)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	UChar buf[4 * TAX_MAX_TOKLEN + 8];
	int32_t n = U_SUCCESS(st) ? unorm2_normalize(nfd, s, len, buf, (int32_t)(sizeof buf / sizeof *buf), &st) : 0;
	const UChar *src = buf;
	if (U_FAILURE(st)) { /* too long to decompose here: use it as it is */
		src = s;
		n = len;
	}
	int k = 0;
	for (int32_t i = 0; i < n && k < max;) {
		UChar32 c;
		U16_NEXT(src, i, n, c);
		if (!strip_mark(c))
			out[k++] = c;
	}
	return k;
}

int tax_norm_tokens(struct tax_norm *n, const char *text, const char *stem_lang, struct tax_token *out, int max,
                    int *trailing_space)
{
	UErrorCode st = U_ZERO_ERROR;
	size_t blen = text ? strnlen(text, TAX_MAX_TEXT) : 0;
	int32_t ulen = 0;
	if (trailing_space)
		*trailing_space = blen == 0 || (unsigned char)text[blen - 1] <= ' ';
	u_strFromUTF8WithSub(n->in, UBUF, &ulen, text ? text : "", (int32_t)blen, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		return 0;
	const UNormalizer2 *cf = unorm2_getNFKCCasefoldInstance(&st);
	int32_t nlen = U_SUCCESS(st) ? unorm2_normalize(cf, n->in, ulen, n->nf, UBUF, &st) : 0;
	if (U_FAILURE(st)) { /* expansion beyond the buffer (pathological input): fold case only */
		st = U_ZERO_ERROR;
		nlen = u_strFoldCase(n->nf, UBUF, n->in, ulen, U_FOLD_CASE_DEFAULT, &st);
		if (U_FAILURE(st))
			return 0;
	}
	ubrk_setText(n->brk, n->nf, nlen, &st);
	if (U_FAILURE(st))
		return 0;
	struct sb_stemmer *stemmer = stemmer_for(n, stem_lang);
	int count = 0;
	int32_t start = ubrk_first(n->brk);
	for (int32_t end = ubrk_next(n->brk); end != UBRK_DONE && count < max; start = end, end = ubrk_next(n->brk)) {
		if (ubrk_getRuleStatus(n->brk) < UBRK_WORD_NONE_LIMIT)
			continue; /* spaces and punctuation */
		struct tax_token *t = &out[count];
		t->len = fold(n->nf + start, end - start, t->cp, TAX_MAX_TOKLEN);
		if (t->len == 0)
			continue;
		t->stem = tax_hash_cps(t->cp, t->len, 0x5157);
		if (stemmer) {
			char u8[8 * TAX_MAX_TOKLEN];
			int32_t u8len = 0;
			UErrorCode s2 = U_ZERO_ERROR;
			u_strToUTF8(u8, (int32_t)sizeof u8, &u8len, n->nf + start, end - start, &s2);
			if (U_SUCCESS(s2) && u8len < (int32_t)sizeof u8) {
				const sb_symbol *sym = sb_stemmer_stem(stemmer, (const sb_symbol *)u8, u8len);
				int slen = sym ? sb_stemmer_length(stemmer) : 0;
				UChar us[2 * TAX_MAX_TOKLEN + 8];
				int32_t uslen = 0;
				if (slen > 0)
					u_strFromUTF8WithSub(us, (int32_t)(sizeof us / sizeof *us), &uslen, (const char *)sym, slen,
					                     0xFFFD, NULL, &s2);
				if (slen > 0 && U_SUCCESS(s2)) {
					int32_t cp[TAX_MAX_TOKLEN];
					int k = fold(us, uslen, cp, TAX_MAX_TOKLEN);
					if (k > 0)
						t->stem = tax_hash_cps(cp, k, 0x5157);
				}
			}
		}
		count++;
	}
	return count;
}

int tax_normalize(const char *text, const char *lang, bool stem, char *out, size_t outsize)
{
	if (!out || !outsize)
		return 0;
	out[0] = 0;
	struct tax_norm *n = tax_norm_new();
	struct tax_token *toks = malloc(TAX_MAX_TOKENS * sizeof *toks);
	if (!n || !toks) {
		tax_norm_free(n);
		free(toks);
		return 0;
	}
	int ntok = tax_norm_tokens(n, text, "", toks, TAX_MAX_TOKENS, NULL);
	struct sb_stemmer *stemmer = stem ? stemmer_for(n, lang) : NULL;
	size_t used = 0;
	for (int i = 0; i < ntok; i++) {
		/* Surface form → UTF-8; with stem, the Snowball stem of it (stemmed after folding here, for display). */
		UChar u[2 * TAX_MAX_TOKLEN + 2];
		int32_t ul = 0;
		UErrorCode st = U_ZERO_ERROR;
		u_strFromUTF32(u, (int32_t)(sizeof u / sizeof *u), &ul, (const UChar32 *)toks[i].cp, toks[i].len, &st);
		char w[8 * TAX_MAX_TOKLEN + 8];
		int32_t wl = 0;
		if (U_SUCCESS(st))
			u_strToUTF8(w, (int32_t)sizeof w, &wl, u, ul, &st);
		if (U_FAILURE(st) || wl >= (int32_t)sizeof w)
			continue;
		const char *word = w;
		if (stemmer) {
			const sb_symbol *sym = sb_stemmer_stem(stemmer, (const sb_symbol *)w, wl);
			if (sym) {
				word = (const char *)sym;
				wl = sb_stemmer_length(stemmer);
			}
		}
		if (used + (size_t)wl + 2 > outsize)
			break;
		if (used)
			out[used++] = ' ';
		memcpy(out + used, word, (size_t)wl);
		used += (size_t)wl;
		out[used] = 0;
	}
	tax_norm_free(n);
	free(toks);
	return ntok;
}
