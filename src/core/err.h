/* err: error codes and a message meant for a person; every fallible function returns int (0 = OK) and fills one. */
#pragma once
#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_INVALID,      /* input failed validation: 400 */
	ERR_NOT_FOUND,    /* 404 */
	ERR_CONFLICT,     /* unique or state conflict: 409 */
	ERR_FORBIDDEN,    /* authenticated but not allowed: 403 */
	ERR_UNAUTH,       /* not authenticated: 401 */
	ERR_TOO_BIG,      /* over a ceiling: 413 */
	ERR_UNAVAILABLE,  /* store down, out of memory: 503 */
	ERR_INTERNAL,     /* a bug or an unexpected store error: 500 */
	ERR_THROTTLED,    /* too many attempts: 429 */
	ERR_VERSION_CONFLICT, /* If-Match named a version the record no longer has (someone else changed it): 412 */
};

struct err {
	enum err_code code;
	char message[256]; /* shown to a person; never contains secrets or personal data */
	char field[64];    /* the input field at fault, or "" */
	/* Stable reason id, a static string ("required", "range", "too_long", ...): pages translate "err.<key>", API
	 * clients read it as error.key. Never matched by the English message. NULL when the code says enough. */
	const char *key;
	long lo, hi;       /* key "range": the bounds */
};

/* Fills e (if not NULL) with a stable reason key (see struct err) and returns code, so callers can write
 * `return err_key(e, ...)`. */
int err_key(struct err *e, enum err_code code, const char *field, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The same without a key: err_set(e, code, field, fmt, ...). */
#define err_set(e, code, field, ...) err_key((e), (code), (field), NULL, __VA_ARGS__)
/* Out of memory: ERR_UNAVAILABLE with the one message every layer gives for it. */
int err_oom(struct err *e);
void err_clear(struct err *e);
/* Stable machine-readable name of a code, e.g. "invalid". */
const char *err_code_name(enum err_code code);
