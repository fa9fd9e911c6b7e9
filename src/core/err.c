/* err: error codes and person-readable messages. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int set(struct err *e, enum err_code code, const char *field, const char *key, const char *fmt, va_list ap)
{
	if (!e)
		return (int)code;
	e->code = code;
	e->key = key;
	e->lo = e->hi = 0;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	return (int)code;
}


int err_oom(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "", "out of memory");
}

int err_key(struct err *e, enum err_code code, const char *field, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = set(e, code, field, key, fmt, ap);
	va_end(ap);
	return rc;
}

void err_clear(struct err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}

const char *err_code_name(enum err_code code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_INVALID: return "invalid";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_UNAUTH: return "unauthenticated";
	case ERR_TOO_BIG: return "too_big";
	case ERR_UNAVAILABLE: return "unavailable";
	case ERR_INTERNAL: return "internal";
	case ERR_THROTTLED: return "throttled";
	case ERR_VERSION_CONFLICT: return "version_conflict";
	}
	return "internal";
}
