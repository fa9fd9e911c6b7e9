/* jsonw: writes compact JSON straight into a buf, for hot answers that would otherwise build a jansson tree only to
 * dump it (the match route: a tree of a few hundred values per answer, a third of its time).
 *
 * The bytes are those json_dumps(JSON_COMPACT | JSON_ENSURE_ASCII) writes for the same values in the same order:
 * strings escaped to ASCII (\uXXXX, surrogate pairs beyond the BMP), reals as jansson prints them ("%.17g", ".0"
 * added to a whole number, no '+' or leading zeros in the exponent). So an answer can move from jansson to this
 * writer without its readers seeing a byte change (tests/unit/core/test_jsonw.c compares the two).
 *
 * Commas are placed from the nesting; the caller opens and closes objects and arrays in order and writes a key before
 * each member. Errors stick: out of memory or over the buf's ceiling sets out->failed, and later writes are no-ops.
 * A string that is not valid UTF-8 is written with U+FFFD for each bad byte; a real that is not finite as null. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

enum { JSONW_MAX_DEPTH = 64 };

struct jsonw {
	struct buf *out;
	unsigned depth;
	bool need_comma[JSONW_MAX_DEPTH + 1]; /* a value was written at this level: the next needs a comma */
	bool after_key;                       /* the next value is a member's: no comma before it */
};

void jsonw_init(struct jsonw *w, struct buf *out);
void jsonw_obj(struct jsonw *w);
void jsonw_obj_end(struct jsonw *w);
void jsonw_arr(struct jsonw *w);
void jsonw_arr_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_str(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_strn(struct jsonw *w, const char *s, size_t n); /* n bytes of s (NUL bytes written as \u0000) */
/* s, or fallback when s is NULL or not UTF-8 (as json_string refuses it): one pass, no separate check. */
void jsonw_str_or(struct jsonw *w, const char *s, const char *fallback);
void jsonw_int(struct jsonw *w, int64_t v);
void jsonw_real(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
/* A member in one call: the key, then the value. */
void jsonw_kstr(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, int64_t v);
void jsonw_kreal(struct jsonw *w, const char *key, double v);
void jsonw_kbool(struct jsonw *w, const char *key, bool v);
/* Whether n bytes of s are UTF-8 as jansson judges it (json_string refuses what is not). */
bool jsonw_utf8_valid(const char *s, size_t n);
/* 0 while every write fitted, -1 once one did not (or the nesting went past JSONW_MAX_DEPTH). */
int jsonw_status(const struct jsonw *w);
