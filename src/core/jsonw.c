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

/* Writes the string; false when it held bytes that are not UTF-8 (written as U+FFFD each). strict: stop at the first
 * such byte instead (the caller takes the string back). */
static bool put_string(struct buf *out, const char *str, size_t n, bool strict)
{
	bool valid = true;
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
		if (!len) {
			if (strict)
				return false;
			valid = false;
			cp = 0xFFFD;
		}
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
	return valid;
}

void jsonw_key(struct jsonw *w, const char *key)
{
	value_start(w);
	put_string(w->out, key, strlen(key), false);
	buf_append(w->out, ":", 1);
	w->after_key = true;
}

void jsonw_str(struct jsonw *w, const char *s)
{
	value_start(w);
	if (s)
		put_string(w->out, s, strlen(s), false);
	else
		buf_append(w->out, "null", 4);
}

void jsonw_strn(struct jsonw *w, const char *s, size_t n)
{
	value_start(w);
	put_string(w->out, s, n, false);
}

void jsonw_str_or(struct jsonw *w, const char *s, const char *fallback)
{
	value_start(w);
	size_t at = w->out->len;
	if (s && put_string(w->out, s, strlen(s), true))
		return;
	if (!w->out->failed) /* take back what was written of s */
		w->out->len = at;
	put_string(w->out, fallback, strlen(fallback), false);
}

void jsonw_int(struct jsonw *w, int64_t v)
{
	value_start(w);
	char t[24];
	int n = snprintf(t, sizeof t, "%lld", (long long)v);
	buf_append(w->out, t, (size_t)n);
}

/* jansson's real as snprintf "%.17g" writes it, with ".0" added to a whole number and the exponent's '+' and leading
 * zeros dropped: the reference, and the path for magnitudes real17 does not take. */
static size_t real_printf(double v, char t[40])
{
	int n = snprintf(t, 40, "%.17g", v);
	if (n < 0 || n >= 40 - 3)
		return 0;
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
	return len;
}

/* GCC and Clang on 64-bit targets (the ones Debian builds this for); __extension__: not ISO C. */
__extension__ typedef unsigned __int128 u128;

/* The same bytes without printf's multi-precision arithmetic, for 1e-6 <= |v| < 1e17 (scores, weights, shares: a
 * sixth of a match answer's CPU went to "%.17g"). v = m * 2^e exactly (m < 2^53); its 17 significant digits are
 * round(m * 10^k / 2^-e) with k = 16 - (decimal exponent) <= 22, so the product fits in 128 bits and the rounding
 * (to nearest, ties to even, as printf) is exact. 0 when v is outside that range. */
static size_t real17(double v, char t[40])
{
	static const uint64_t pow10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
	                                 100000000ull, 1000000000ull, 10000000000ull, 100000000000ull,
	                                 1000000000000ull, 10000000000000ull, 100000000000000ull,
	                                 1000000000000000ull, 10000000000000000ull, 100000000000000000ull,
	                                 1000000000000000000ull, 10000000000000000000ull};
	double a = fabs(v);
	if (!(a >= 1e-6 && a < 1e17))
		return 0;
	int ex2;
	double f = frexp(a, &ex2);                          /* a = f * 2^ex2, 0.5 <= f < 1 */
	uint64_t m = (uint64_t)ldexp(f, 53);                /* exact: 53 bits */
	int sh = 53 - ex2;                                  /* a = m / 2^sh */
	int x = (int)floor(log10(a));                       /* the decimal exponent, perhaps one off */
	u128 d = 0;
	for (int tries = 0; tries < 3; tries++) {
		int k = 16 - x;
		if (k < 0 || k > 22 || sh <= 0 || sh >= 127)
			return 0;
		u128 p10 = k <= 19 ? (u128)pow10[k] : (u128)pow10[19] * pow10[k - 19];
		u128 prod = (u128)m * p10; /* < 2^53 * 10^22 < 2^127 */
		d = prod >> sh; /* the digits cut, not rounded: they decide the exponent */
		if (d >= pow10[17]) {
			x++;
		} else if (d < pow10[16]) {
			x--;
		} else {
			u128 rem = prod & ((((u128)1) << sh) - 1), half = ((u128)1) << (sh - 1);
			if (rem > half || (rem == half && (d & 1)))
				d++;
			if (d == pow10[17]) { /* 99...9.5 rounds up to the next power of ten */
				d = pow10[16];
				x++;
			}
			break;
		}
	}
	if (d < pow10[16] || d >= pow10[17] || x < -6 || x > 16)
		return 0;
	char dig[18];
	uint64_t dd = (uint64_t)d;
	for (int i = 16; i >= 0; i--, dd /= 10)
		dig[i] = (char)('0' + dd % 10);
	int nd = 17; /* %g drops trailing zeros */
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	size_t len = 0;
	if (signbit(v))
		t[len++] = '-';
	if (x < -4) { /* %g's exponent form: d.ddd e-X (x >= -6 here) */
		t[len++] = dig[0];
		if (nd > 1) {
			t[len++] = '.';
			memcpy(t + len, dig + 1, (size_t)nd - 1);
			len += (size_t)nd - 1;
		}
		t[len++] = 'e';
		t[len++] = '-';
		t[len++] = (char)('0' + -x);
	} else if (x < 0) { /* 0.000ddd */
		memcpy(t + len, "0.", 2);
		len += 2;
		for (int i = 0; i < -x - 1; i++)
			t[len++] = '0';
		memcpy(t + len, dig, (size_t)nd);
		len += (size_t)nd;
	} else { /* ddd.ddd, or ddd.0 for a whole number (jansson's ".0") */
		memcpy(t + len, dig, (size_t)x + 1);
		len += (size_t)x + 1;
		t[len++] = '.';
		if (nd > x + 1) {
			memcpy(t + len, dig + x + 1, (size_t)(nd - x - 1));
			len += (size_t)(nd - x - 1);
		} else {
			t[len++] = '0';
		}
	}
	t[len] = 0;
	return len;
}

void jsonw_real(struct jsonw *w, double v)
{
	value_start(w);
	if (!isfinite(v)) {
		buf_append(w->out, "null", 4);
		return;
	}
	if (v == 0) { /* "%.17g" and jansson's ".0"; common in a match's parts */
		if (signbit(v))
			buf_append(w->out, "-0.0", 4);
		else
			buf_append(w->out, "0.0", 3);
		return;
	}
	char t[40];
	size_t len = real17(v, t);
	if (!len && !(len = real_printf(v, t))) {
		w->out->failed = true;
		return;
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
