/* fold: ICU transliteration to the search form and to a Latin spelling (see fold.h). */
#include "core/fold.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include <unicode/utrans.h>

#include "core/tls.h"

/* Marks go after the transliteration (Thai and Arabic come out with macrons and dots below), before Latin-ASCII.
 * Apostrophes go after Latin-ASCII (which makes ' of the soft sign's prime and of the other apostrophes): a word
 * stays one word (Ольга -> olga, O'Brien -> obrien). */
#define FOLD_TAIL                                                                                                     \
	"NFD; [[:Nonspacing Mark:][\\u02BE\\u02BF]] Remove; NFC; Latin-ASCII; [\\u0027\\u0060] Remove; Any-Lower"
#define SEARCH_ID "Any-Latin; " FOLD_TAIL
/* The spellings of Cyrillic names in passports and in people's own hands (BGN/PCGN: Щукин -> shchukin, Юлия ->
 * yuliya; Ukrainian Ольга -> olha), beside the scholarly one of Any-Latin (sukin, ulia). */
#define RU_ID "Russian-Latin/BGN; Any-Latin; " FOLD_TAIL
#define UK_ID "Ukrainian-Latin/BGN; Any-Latin; " FOLD_TAIL
#define LATIN_ID "Any-Latin; NFD; [[:Nonspacing Mark:][\\u02BE\\u02BF]] Remove; NFC; Latin-ASCII"

/* The thread's transliterators, closed when the thread ends (pthread key destructor). */
struct fold_tr {
	UTransliterator *search, *latin, *ru, *uk;
};

static void *tr_new(void)
{
	return calloc(1, sizeof(struct fold_tr));
}

static void tr_free(void *p)
{
	struct fold_tr *t = p;
	if (t->search)
		utrans_close(t->search);
	if (t->latin)
		utrans_close(t->latin);
	if (t->ru)
		utrans_close(t->ru);
	if (t->uk)
		utrans_close(t->uk);
	free(t);
}

static struct tls_slot tr_slot = TLS_SLOT(tr_new, tr_free);

static UTransliterator *open_tr(UTransliterator **slot, const char *id)
{
	if (!slot)
		return NULL;
	if (*slot)
		return *slot;
	UChar uid[256];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(uid, (int32_t)(sizeof uid / sizeof *uid), &n, id, -1, &st);
	if (U_FAILURE(st))
		return NULL;
	UParseError pe;
	memset(&pe, 0, sizeof pe);
	*slot = utrans_openU(uid, n, UTRANS_FORWARD, NULL, 0, &pe, &st);
	if (U_FAILURE(st))
		*slot = NULL;
	return *slot;
}

static char *transform(UTransliterator **slot, const char *id, const char *s)
{
	UTransliterator *tr = open_tr(slot, id);
	if (!tr || !s)
		return NULL;
	size_t len = strlen(s);
	if (len > 1 << 20)
		return NULL;
	int32_t cap = (int32_t)(len * 8 + 64); /* a transliteration may grow the text (Thai, Han) */
	UChar *u = malloc((size_t)cap * sizeof *u);
	if (!u)
		return NULL;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	u_strFromUTF8(u, cap, &n, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	int32_t limit = n;
	utrans_transUChars(tr, u, &n, cap, 0, &limit, &st);
	if (U_FAILURE(st)) {
		free(u);
		return NULL;
	}
	int32_t out_len = 0;
	UErrorCode st2 = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &out_len, u, limit, &st2);
	char *out = malloc((size_t)out_len + 1);
	if (out) {
		st2 = U_ZERO_ERROR;
		u_strToUTF8(out, out_len + 1, &out_len, u, limit, &st2);
		if (U_FAILURE(st2)) {
			free(out);
			out = NULL;
		}
	}
	free(u);
	return out;
}

char *fold_search(const char *s)
{
	struct fold_tr *t = tls_get(&tr_slot);
	return transform(t ? &t->search : NULL, SEARCH_ID, s);
}

/* Whether s has a letter of script sc (any script but Latin and the common ones when sc is USCRIPT_INVALID_CODE). */
static bool has_script(const char *s, UScriptCode want)
{
	int32_t i = 0, len = (int32_t)strlen(s);
	while (i < len) {
		UChar32 c = 0;
		U8_NEXT(s, i, len, c);
		if (c < 0)
			return false;
		if (c < 0x250 || !u_isalpha(c))
			continue;
		UErrorCode st = U_ZERO_ERROR;
		UScriptCode sc = uscript_getScript(c, &st);
		if (U_SUCCESS(st) && (want == USCRIPT_INVALID_CODE
		                          ? sc != USCRIPT_LATIN && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED
		                          : sc == want))
			return true;
	}
	return false;
}

static bool other_script(const char *s)
{
	return has_script(s, USCRIPT_INVALID_CODE);
}

/* Adds f to out[*n] unless it is NULL or one of those before (then frees it); false when f is NULL (a failure). */
static bool add_spelling(char *out[FOLD_SPELLINGS_MAX], size_t *n, char *f)
{
	if (!f)
		return false;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(out[i], f) == 0) {
			free(f);
			return true;
		}
	out[(*n)++] = f;
	return true;
}

size_t fold_search_spellings(const char *s, char *out[FOLD_SPELLINGS_MAX])
{
	size_t n = 0;
	if (!add_spelling(out, &n, fold_search(s)))
		return 0;
	if (!has_script(s, USCRIPT_CYRILLIC))
		return n;
	struct fold_tr *t = tls_get(&tr_slot);
	if (!add_spelling(out, &n, transform(t ? &t->ru : NULL, RU_ID, s)) ||
	    !add_spelling(out, &n, transform(t ? &t->uk : NULL, UK_ID, s))) {
		for (size_t i = 0; i < n; i++)
			free(out[i]);
		return 0;
	}
	return n;
}

char *fold_latin(const char *s)
{
	if (!s || !other_script(s))
		return NULL;
	struct fold_tr *t = tls_get(&tr_slot);
	return transform(t ? &t->latin : NULL, LATIN_ID, s);
}

size_t fold_cut(const char *w, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && ((unsigned char)w[n] & 0xC0) == 0x80) /* w[n] continues a character: cut before it */
		n--;
	return n;
}

static bool separator(unsigned char c)
{
	return c <= ' ' || strchr(".,@-()/;:'\"+", c) != NULL;
}

int fold_words(const char *folded, int (*fn)(const char *w, size_t len, void *arg), void *arg)
{
	const char *p = folded;
	while (p && *p) {
		while (*p && separator((unsigned char)*p))
			p++;
		const char *w = p;
		while (*p && !separator((unsigned char)*p))
			p++;
		if (p > w) {
			int rc = fn(w, fold_cut(w, (size_t)(p - w), FOLD_WORD_MAX), arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}
