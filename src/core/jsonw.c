/* jsonw: compact JSON into a buf, byte for byte as jansson dumps it (see jsonw.h). */
#include "core/jsonw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void jsonw_init(struct jsonw *w, struct buf *out)
{
	memset(w, 0, sizeof *w);
	w->out = out;
}

/* Before any value: the comma that separates it from the previous one at this level. */
static void value_start(struct jsonw *w)
{
	if (w->after_key)
		w->after_key = false;
	else if (w->need_comma[w->depth])
		buf_append(w->out, ",", 1);
	w->need_comma[w->depth] = true;
}

static void nest_open(struct jsonw *w, char c)
{
	value_start(w);
	buf_append(w->out, &c, 1);
	if (w->depth >= JSONW_MAX_DEPTH) {
		w->out->failed = true;
		return;
	}
	w->need_comma[++w->depth] = false;
}

static void nest_close(struct jsonw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	buf_append(w->out, &c, 1);
}

void jsonw_obj(struct jsonw *w)
{
	nest_open(w, '{');
}

void jsonw_obj_end(struct jsonw *w)
{
	nest_close(w, '}');
}

void jsonw_arr(struct jsonw *w)
{
	nest_open(w, '[');
}

void jsonw_arr_end(struct jsonw *w)
{
	nest_close(w, ']');
}

/* Decodes one UTF-8 sequence at s (n bytes left): its length, or 0 when it is not valid (overlong, surrogate, beyond
 * U+10FFFF or cut short), as jansson's utf8_check_full judges it. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && v < 0x10000) || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

bool jsonw_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t cp;
	for (size_t i = 0, len; i < n; i += len)
		if (!(len = utf8_decode(s + i, n - i, &cp)))
			return false;
	return true;
}

static void put_string(struct buf *out, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	buf_append(out, "\"", 1);
	size_t i = 0;
	while (i < n) {
		size_t run = i; /* bytes that need no escaping go out in one append */
		while (run < n && s[run] >= 0x20 && s[run] < 0x80 && s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i)
			buf_append(out, s + i, run - i);
		i = run;
		if (i >= n)
			break;
		uint32_t cp = 0xFFFD;
		size_t len = utf8_decode(s + i, n - i, &cp);
		i += len ? len : 1;
		if (!len)
			cp = 0xFFFD;
		char seq[16]; /* 12 bytes and the NUL; room for what -O2 with sanitizers cannot prove */
		switch (cp) {
		case '"': buf_append(out, "\\\"", 2); continue;
		case '\\': buf_append(out, "\\\\", 2); continue;
		case '\b': buf_append(out, "\\b", 2); continue;
		case '\f': buf_append(out, "\\f", 2); continue;
		case '\n': buf_append(out, "\\n", 2); continue;
		case '\r': buf_append(out, "\\r", 2); continue;
		case '\t': buf_append(out, "\\t", 2); continue;
		default: break;
		}
		if (cp < 0x10000) {
			snprintf(seq, sizeof seq, "\\u%04X", (unsigned)cp);
		} else {
			uint32_t v = cp - 0x10000;
			snprintf(seq, sizeof seq, "\\u%04X\\u%04X", (unsigned)(0xD800 | (v >> 10)),
			         (unsigned)(0xDC00 | (v & 0x3FF)));
		}
		buf_puts(out, seq);
	}
	buf_append(out, "\"", 1);
}

void jsonw_key(struct jsonw *w, const char *key)
{
	value_start(w);
	put_string(w->out, key, strlen(key));
	buf_append(w->out, ":", 1);
	w->after_key = true;
}

void jsonw_str(struct jsonw *w, const char *s)
{
	value_start(w);
	if (s)
		put_string(w->out, s, strlen(s));
	else
		buf_append(w->out, "null", 4);
}

void jsonw_strn(struct jsonw *w, const char *s, size_t n)
{
	value_start(w);
	put_string(w->out, s, n);
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	value_start(w);
	char t[24];
	int n = snprintf(t, sizeof t, "%lld", (long long)v);
	buf_append(w->out, t, (size_t)n);
}

void jsonw_real(struct jsonw *w, double v)
{
	value_start(w);
	if (!isfinite(v)) {
		buf_append(w->out, "null", 4);
		return;
	}
	char t[40];
	int n = snprintf(t, sizeof t, "%.17g", v);
	if (n < 0 || (size_t)n >= sizeof t - 3) {
		w->out->failed = true;
		return;
	}
	size_t len = (size_t)n;
	if (!strchr(t, '.') && !strchr(t, 'e')) { /* else a reader takes it for an integer */
		memcpy(t + len, ".0", 3);
		len += 2;
	}
	char *ex = strchr(t, 'e');
	if (ex) { /* "1e+300" -> "1e300", "1e-05" -> "1e-5" */
		char *start = ex + 1, *end = ex + 2;
		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, len - (size_t)(end - t) + 1);
			len -= (size_t)(end - start);
		}
	}
	buf_append(w->out, t, len);
}

void jsonw_bool(struct jsonw *w, bool v)
{
	value_start(w);
	if (v)
		buf_append(w->out, "true", 4);
	else
		buf_append(w->out, "false", 5);
}

void jsonw_null(struct jsonw *w)
{
	value_start(w);
	buf_append(w->out, "null", 4);
}

void jsonw_kstr(struct jsonw *w, const char *key, const char *s)
{
	jsonw_key(w, key);
	jsonw_str(w, s);
}

void jsonw_kint(struct jsonw *w, const char *key, int64_t v)
{
	jsonw_key(w, key);
	jsonw_int(w, v);
}

void jsonw_kreal(struct jsonw *w, const char *key, double v)
{
	jsonw_key(w, key);
	jsonw_real(w, v);
}

void jsonw_kbool(struct jsonw *w, const char *key, bool v)
{
	jsonw_key(w, key);
	jsonw_bool(w, v);
}

int jsonw_status(const struct jsonw *w)
{
	return w->out->failed ? -1 : 0;
}
