/* accept_lang: Accept-Language negotiation for pages (see accept_lang.h). */
#include "web/accept_lang.h"

#include <stdbool.h>
#include <string.h>

enum { MAX_RANGES = 64, MAX_PRIMARY = 8 };

/* q-value "0", "0.5", "1.000" as thousandths; -1 when malformed. */
static int qvalue(const char *p, const char *end)
{
	if (p >= end || (*p != '0' && *p != '1'))
		return -1;
	int q = (*p - '0') * 1000, scale = 100;
	p++;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9' && scale > 0; p++, scale /= 10)
			q += (*p - '0') * scale;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end && q <= 1000 ? q : -1;
}

const char *accept_lang_pick(const char *header, const char *const *have, size_t n)
{
	const char *best = NULL;
	int best_q = 0;
	int ranges = 0;
	for (const char *p = header; p && *p && ranges < MAX_RANGES; ranges++) {
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		/* the primary subtag: letters up to '-', ';' or the end of the range */
		char primary[MAX_PRIMARY + 1];
		size_t len = 0;
		bool ok = true;
		for (; p < end && *p != '-' && *p != ';' && *p != ' ' && *p != '\t'; p++) {
			char c = *p;
			if (c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			if (c < 'a' || c > 'z' || len == MAX_PRIMARY)
				ok = false;
			else
				primary[len++] = c;
		}
		primary[len] = 0;
		int q = 1000;
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (semi) {
			const char *v = semi + 1;
			while (v < end && (*v == ' ' || *v == '\t'))
				v++;
			if (end - v >= 2 && (v[0] == 'q' || v[0] == 'Q') && v[1] == '=')
				q = qvalue(v + 2, end);
			else
				q = -1;
		}
		if (ok && len && q > best_q) {
			for (size_t i = 0; i < n; i++)
				if (have[i] && strcmp(have[i], primary) == 0) {
					best = have[i];
					best_q = q;
					break;
				}
		}
		p = *end ? end + 1 : end;
	}
	return best;
}
