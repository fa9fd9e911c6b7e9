/* taxonomy title: free-text job titles → ESCO occupations. Vacancy and CV titles carry words that say nothing about
 * the occupation (seniority, contract, gender markers, reference numbers); they are dropped before the search. */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
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
	"sökes", "söker", NULL,
};

static bool is_noise(const char *w, size_t n)
{
	while (n && ispunct((unsigned char)*w) && *w != '/')
		w++, n--;
	while (n && ispunct((unsigned char)w[n - 1]) && w[n - 1] != '/')
		n--;
	if (n == 0)
		return true;
	bool digits = true;
	for (size_t i = 0; i < n; i++)
		digits = digits && (isdigit((unsigned char)w[i]) || w[i] == '-' || w[i] == '#');
	if (digits)
		return true; /* reference numbers, years */
	for (int i = 0; NOISE[i]; i++)
		if (strlen(NOISE[i]) == n && strncasecmp(NOISE[i], w, n) == 0)
			return true;
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
