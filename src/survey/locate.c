/* survey locate: finds where a JSON path sits in the definition text, so errors can name a line and column.
 * jansson keeps no positions for parsed values; a light scan of the bytes along the path is enough, because only
 * the path's own objects and arrays are entered and everything else is skipped without recursion. */
#include "survey/internal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static size_t skip_ws(const char *t, size_t len, size_t i)
{
	while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	return i;
}

/* t[i] == '"': returns the index just past the closing quote (len when unterminated). */
static size_t skip_string(const char *t, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (t[i] == '\\')
			i++;
		else if (t[i] == '"')
			return i + 1;
	}
	return len;
}

/* Skips one value starting at t[i]; nested containers by counting brackets, not by recursion. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
	if (i >= len)
		return len;
	if (t[i] == '"')
		return skip_string(t, len, i);
	if (t[i] == '{' || t[i] == '[') {
		size_t depth = 0;
		while (i < len) {
			char c = t[i];
			if (c == '"') {
				i = skip_string(t, len, i);
				continue;
			}
			if (c == '{' || c == '[')
				depth++;
			else if (c == '}' || c == ']') {
				if (--depth == 0)
					return i + 1;
			}
			i++;
		}
		return len;
	}
	while (i < len && !strchr(",]} \t\r\n", t[i]) && t[i] != '\0')
		i++;
	return i;
}

/* Whether the string token t[s..e) (quotes included) decodes to key. */
static bool key_equals(const char *t, size_t s, size_t e, const char *key)
{
	if (e < s + 2)
		return false;
	const char *raw = t + s + 1;
	size_t rawlen = e - s - 2;
	if (!memchr(raw, '\\', rawlen))
		return rawlen == strlen(key) && memcmp(raw, key, rawlen) == 0;
	/* Escapes are rare in keys; let jansson decode the token rather than duplicate its rules. */
	json_t *v = json_loadb(t + s, e - s, JSON_DECODE_ANY, NULL);
	bool eq = v && json_is_string(v) && strcmp(json_string_value(v), key) == 0;
	json_decref(v);
	return eq;
}

void survey_line_col(const char *text, size_t len, size_t off, int *line, int *col)
{
	int l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b == '\n') {
			l++;
			c = 1;
		} else if ((b & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Steps past the character c at *i and the white space after it; false when c is not there. */
static bool past(const char *t, size_t len, size_t *i, char c)
{
	if (*i >= len || t[*i] != c)
		return false;
	*i = skip_ws(t, len, *i + 1);
	return true;
}

/* Steps past the value at *i and the comma after it; false when no member or element follows. */
static bool next_member(const char *t, size_t len, size_t *i)
{
	*i = skip_ws(t, len, skip_value(t, len, *i));
	return past(t, len, i, ',');
}

void survey_locate(const char *text, size_t len, const struct survey_jpath *p, int *line, int *col)
{
	size_t i = skip_ws(text, len, 0);
	size_t best = i;
	for (size_t k = 0; k < p->n && i < len; k++) {
		bool found = false;
		if (p->c[k].key) {
			if (!past(text, len, &i, '{'))
				break;
			while (i < len && text[i] == '"') {
				size_t ks = i, ke = skip_string(text, len, i);
				i = skip_ws(text, len, ke);
				if (!past(text, len, &i, ':'))
					break;
				if (key_equals(text, ks, ke, p->c[k].key)) {
					best = ks;
					found = true;
					break;
				}
				if (!next_member(text, len, &i))
					break;
			}
		} else {
			if (!past(text, len, &i, '['))
				break;
			for (size_t n = 0; i < len && text[i] != ']'; n++) {
				if (n == p->c[k].index) {
					best = i;
					found = true;
					break;
				}
				if (!next_member(text, len, &i))
					break;
			}
		}
		if (!found)
			break;
	}
	survey_line_col(text, len, best, line, col);
}

void survey_jpath_format(const struct survey_jpath *p, char *out, size_t cap)
{
	char tmp[512];
	size_t n = 0;
	tmp[0] = 0;
	for (size_t k = 0; k < p->n && n < sizeof tmp; k++) {
		int w;
		if (p->c[k].key)
			w = snprintf(tmp + n, sizeof tmp - n, "%s%s", n ? "." : "", p->c[k].key);
		else
			w = snprintf(tmp + n, sizeof tmp - n, "[%zu]", p->c[k].index);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	survey_utf8_clean(tmp);
	survey_utf8_copy(out, cap, tmp);
}

/* A frame of survey_path_at's stack. */
struct frame {
	bool is_obj;
	bool has_key;        /* obj: a key has been read for the current member */
	size_t key_s, key_e; /* obj: the raw key token, quotes excluded */
	size_t index;        /* arr: current element */
};

#define PATH_AT_DEPTH 32

void survey_path_at(const char *text, size_t len, size_t off, char *out, size_t cap)
{
	struct frame st[PATH_AT_DEPTH];
	size_t depth = 0, overflow = 0; /* overflow: frames deeper than the stack, counted only */
	if (off > len)
		off = len;
	size_t i = 0;
	while (i < off) {
		char c = text[i];
		if (c == '{' || c == '[') {
			if (depth < PATH_AT_DEPTH)
				st[depth++] = (struct frame){.is_obj = c == '{'};
			else
				overflow++;
			i++;
		} else if (c == '}' || c == ']') {
			if (overflow)
				overflow--;
			else if (depth)
				depth--;
			i++;
		} else if (c == ',') {
			if (!overflow && depth) {
				if (st[depth - 1].is_obj)
					st[depth - 1].has_key = false;
				else
					st[depth - 1].index++;
			}
			i++;
		} else if (c == '"') {
			size_t e = skip_string(text, len, i);
			if (!overflow && depth && st[depth - 1].is_obj && !st[depth - 1].has_key) {
				st[depth - 1].has_key = true;
				st[depth - 1].key_s = i + 1;
				st[depth - 1].key_e = e > i + 1 ? e - 1 : i + 1;
			}
			i = e;
		} else {
			i++;
		}
	}
	char tmp[512];
	size_t n = 0;
	tmp[0] = 0;
	for (size_t k = 0; k < depth && n + 80 < sizeof tmp; k++) {
		int w = 0;
		if (st[k].is_obj && st[k].has_key) {
			size_t kl = st[k].key_e - st[k].key_s;
			if (kl > 64)
				kl = 64;
			w = snprintf(tmp + n, sizeof tmp - n, "%s%.*s", n ? "." : "", (int)kl, text + st[k].key_s);
		} else if (!st[k].is_obj) {
			w = snprintf(tmp + n, sizeof tmp - n, "[%zu]", st[k].index);
		}
		if (w < 0)
			break;
		n += (size_t)w;
		if (n >= sizeof tmp)
			n = sizeof tmp - 1;
	}
	if (overflow && n + 4 < sizeof tmp)
		memcpy(tmp + n, "...", 4);
	survey_utf8_clean(tmp);
	survey_utf8_copy(out, cap, tmp);
}

/* Length of the well-formed UTF-8 character at s (1..4), 0 when s does not start one. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	size_t n;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
	else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
	else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
	else return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

void survey_utf8_clean(char *s)
{
	unsigned char *p = (unsigned char *)s;
	while (*p) {
		size_t n = utf8_len(p);
		if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f))) {
			*p++ = '?';
			continue;
		}
		p += n;
	}
}

void survey_utf8_copy(char *dst, size_t cap, const char *src)
{
	if (cap == 0)
		return;
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = 0;
}

size_t survey_utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}
