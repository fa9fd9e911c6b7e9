/* survey fill: the placeholders of a survey text ({region}, {organisation}) filled where the form is shown. */
#include "survey/survey.h"

#include <string.h>

#include "core/arena.h"

enum { PH_REGION, PH_ORGANISATION, PH_COUNT };
static const char *const ph_names[PH_COUNT] = {"region", "organisation"};
static const char *const ph_defaults[PH_COUNT] = {"region_default", "organisation_default"};
/* A name the link gives is set apart as its own direction (U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL
 * ISOLATE): "Kainuu" or "Kainuun työllisyysalue (demo)" inside an Arabic sentence keeps its letters and brackets in
 * order. */
#define ISOLATE "\xe2\x81\xa8"
#define POP_ISOLATE "\xe2\x81\xa9"

/* The length of the placeholder name at s (after '{'), when s holds "name}" with name of [a-z_], 1..32 bytes;
 * 0 otherwise. */
static size_t name_len(const char *s)
{
	size_t n = 0;
	while (n <= 32 && ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_'))
		n++;
	return n >= 1 && n <= 32 && s[n] == '}' ? n : 0;
}

static int ph_index(const char *name, size_t n)
{
	for (int i = 0; i < PH_COUNT; i++)
		if (strlen(ph_names[i]) == n && memcmp(ph_names[i], name, n) == 0)
			return i;
	return -1;
}

bool survey_placeholder_known(const char *name, size_t n)
{
	return ph_index(name, n) >= 0;
}

bool survey_placeholder_scan(const char *text, const char **bad, size_t *bad_len)
{
	for (const char *p = text ? strchr(text, '{') : NULL; p; p = strchr(p + 1, '{')) {
		size_t n = name_len(p + 1);
		if (n && ph_index(p + 1, n) < 0) {
			*bad = p + 1;
			*bad_len = n;
			return false;
		}
	}
	return true;
}

const char *survey_fill_text(struct arena *a, const char *text, const struct survey_fill *f, const char *lang)
{
	if (!text || !strchr(text, '{'))
		return text;
	const char *given[PH_COUNT] = {f ? f->region : NULL, f ? f->organisation : NULL};
	const char *value[PH_COUNT];
	bool named[PH_COUNT];
	size_t extra = 0;
	for (int i = 0; i < PH_COUNT; i++) {
		named[i] = given[i] && *given[i];
		value[i] = named[i] ? given[i] : survey_message(lang, ph_defaults[i]);
		extra += strlen(value[i]) + 2 * (sizeof ISOLATE - 1);
	}
	/* each placeholder is at least 3 bytes long; the text has at most strlen/3 of them */
	size_t len = strlen(text), cap = len + (len / 3 + 1) * extra + 1;
	char *out = arena_alloc(a, cap);
	if (!out)
		return NULL;
	size_t o = 0;
	for (const char *p = text; *p;) {
		size_t n = *p == '{' ? name_len(p + 1) : 0;
		int i = n ? ph_index(p + 1, n) : -1;
		if (i >= 0) {
			size_t vl = strlen(value[i]);
			if (named[i]) {
				memcpy(out + o, ISOLATE, sizeof ISOLATE - 1);
				o += sizeof ISOLATE - 1;
			}
			memcpy(out + o, value[i], vl);
			o += vl;
			if (named[i]) {
				memcpy(out + o, POP_ISOLATE, sizeof POP_ISOLATE - 1);
				o += sizeof POP_ISOLATE - 1;
			}
			p += n + 2;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return out;
}
