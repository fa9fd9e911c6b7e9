/* taxonomy title: free-text job titles → ESCO occupations. Vacancy and CV titles carry words that say nothing about
 * the occupation (seniority, contract, gender markers, reference numbers); they are dropped before the search. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "taxonomy/taxonomy.h"

/* Compared case-insensitively with the word stripped of surrounding punctuation. */
static const char *const NOISE[] = {
	"senior", "junior", "sr", "jr", "trainee", "intern", "internship", "fulltime", "full-time", "parttime",
	"part-time", "temporary", "temp", "urgent", "immediate", "remote", "hybrid", "m/f", "f/m", "m/w", "h/f",
	"m/f/d", "m/w/d", "f/m/d", "f/m/x", "m/f/x", "w/m/d", "d/m/w", "m/k", "m/n", "mwd", "i", "ii", "iii", "iv",
	/* advert words that name no occupation: en, fi, sv */
	"vacancy", "vacancies", "hiring", "urgently", "wanted", "needed", "haetaan", "tarvitaan", "rekrytoidaan",
	"sökes", "söker",
	/* entry-level words (see ENTRY below): dropped from the search, remembered by tax_map_title */
	"apprentice", "apprenticeship", "harjoittelija", "praktikant", "lärling", NULL,
};

/* Entry-level words: a trainee, intern or apprentice in a field does the work that ESCO names the assistant of that
 * field (marketing intern, accounting trainee, apprentice of marketing: marketing assistant, accounting assistant),
 * where ESCO has one. "junior" is not among them: a junior developer is a developer. */
static const char *const ENTRY[] = {"trainee", "intern", "internship", "apprentice", "apprenticeship",
                                    "harjoittelija", "praktikant", "lärling", NULL};

/* w[0..n) without the punctuation around it (a '/' stays: m/f/d). */
static void trim_word(const char **w, size_t *n)
{
	while (*n && ispunct((unsigned char)**w) && **w != '/')
		(*w)++, (*n)--;
	while (*n && ispunct((unsigned char)(*w)[*n - 1]) && (*w)[*n - 1] != '/')
		(*n)--;
}

static bool in_list(const char *const *list, const char *w, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return true;
	return false;
}

static bool is_noise(const char *w, size_t n)
{
	trim_word(&w, &n);
	if (n == 0)
		return true;
	bool digits = true;
	for (size_t i = 0; i < n; i++)
		digits = digits && (isdigit((unsigned char)w[i]) || w[i] == '-' || w[i] == '#');
	if (digits)
		return true; /* reference numbers, years */
	return in_list(NOISE, w, n);
}

/* Whether text contains word, ASCII letters compared without case (the assistant words are ASCII). */
static bool contains_word_ci(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; p && *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return true;
	return false;
}

/* Whether the title has an entry-level word (ENTRY). */
static bool has_entry_word(const char *title)
{
	for (const char *p = title; *p;) {
		while (*p && (isspace((unsigned char)*p) || *p == '(' || *p == ')' || *p == ','))
			p++;
		const char *w = p;
		while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')' && *p != ',')
			p++;
		size_t n = (size_t)(p - w);
		trim_word(&w, &n);
		if (n && in_list(ENTRY, w, n))
			return true;
	}
	return false;
}

void tax_clean_title(const char *title, char *out, size_t outsize)
{
	if (!out || !outsize)
		return;
	out[0] = 0;
	if (!title)
		return;
	size_t used = 0, len = strnlen(title, TAX_MAX_TEXT);
	for (size_t i = 0; i < len;) {
		while (i < len && (isspace((unsigned char)title[i]) || title[i] == '(' || title[i] == ')' ||
		                   title[i] == '[' || title[i] == ']' || title[i] == ','))
			i++;
		size_t j = i;
		while (j < len && !isspace((unsigned char)title[j]) && title[j] != '(' && title[j] != ')' &&
		       title[j] != '[' && title[j] != ']' && title[j] != ',')
			j++;
		if (j > i && !is_noise(title + i, j - i) && used + (j - i) + 2 <= outsize) {
			if (used)
				out[used++] = ' ';
			memcpy(out + used, title + i, j - i);
			used += j - i;
			out[used] = 0;
		}
		i = j;
	}
	if (!used) /* everything looked like noise: keep the text, a search on it is still better than nothing */
		snprintf(out, outsize, "%.*s", (int)len, title);
}

/* An entry-level title's assistant occupation counts when its best label matches this well (an equal label is 1;
 * 0.8 chosen from 0.8, 0.9 and 0.97 on the odd-numbered JobBERT validation titles). */
#define ENTRY_MIN_SCORE 0.8

int tax_map_title(const struct tax_index *ix, const char *title, const char *lang, size_t limit, struct tax_hit *out,
                  size_t *n, bool *mapped, struct err *e)
{
	char clean[TAX_MAX_TEXT + 1];
	*mapped = false;
	tax_clean_title(title, clean, sizeof clean);
	/* A complete title: its last word is not a prefix being typed. */
	size_t cl = strlen(clean);
	if (cl + 1 < sizeof clean) {
		clean[cl] = ' ';
		clean[cl + 1] = 0;
	}
	if (tax_search(ix, clean, lang, TAX_OCCUPATION, limit, out, n, e))
		return -1;
	/* A trainee of a field: the field's assistant first, when ESCO has one, then the rest as found. */
	if (limit && title && has_entry_word(title) && !has_entry_word(clean)) {
		const char *word = lang && strcmp(lang, "fi") == 0   ? "assistentti"
		                   : lang && strcmp(lang, "sv") == 0 ? "assistent"
		                                                     : "assistant";
		char asst[TAX_MAX_TEXT + 16];
		snprintf(asst, sizeof asst, "%s%s ", clean, word);
		struct tax_hit *a = calloc(limit, sizeof *a);
		size_t na = 0;
		if (!a) {
			err_oom(e);
			return -1;
		}
		if (tax_search(ix, asst, lang, TAX_OCCUPATION, limit, a, &na, e)) {
			free(a);
			return -1;
		}
		/* only an assistant: "praktikant marknadsföring" must not put the marketing manager, which matched
		 * "marknadsföring" alone, before what the plain search found */
		if (na && a[0].score >= ENTRY_MIN_SCORE && contains_word_ci(a[0].matched, word)) {
			size_t keep = 1; /* the assistant, then the plain search's hits without it */
			for (size_t i = 0; i < *n && keep < limit; i++)
				if (strcmp(out[i].uri, a[0].uri) != 0)
					a[keep++] = out[i];
			memcpy(out, a, keep * sizeof *out);
			*n = keep;
		}
		free(a);
	}
	*mapped = *n > 0 && out[0].score >= TAX_MAP_THRESHOLD;
	return 0;
}

static const struct tax_index *_Atomic shared;
static const struct tax_index *_Atomic titles;

void tax_title_set(const struct tax_index *ix)
{
	titles = ix;
}

const struct tax_index *tax_title_index(void)
{
	const struct tax_index *t = titles;
	return t ? t : shared;
}

void tax_shared_set(const struct tax_index *ix)
{
	shared = ix;
}

const struct tax_index *tax_shared_index(void)
{
	return shared;
}
