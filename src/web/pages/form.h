/* form: a small parser for application/x-www-form-urlencoded bodies, safe on any input (fuzz-safe): bounded field
 * count and lengths, percent-decoding, '+' as space, NUL bytes rejected. Keys and values are copied into the arena
 * given and live as long as it. */
#pragma once
#include <stddef.h>

#include "core/err.h"

struct arena;

enum { FORM_MAX_FIELDS = 256, FORM_MAX_KEY = 64, FORM_MAX_VALUE = 65536 };

struct form_field {
	const char *key, *value;
};

struct form {
	struct form_field *f;
	size_t n;
};

/* 0, or ERR_INVALID / ERR_TOO_BIG (e says why) / ERR_UNAVAILABLE (out of memory). An empty body is an empty form. */
int form_parse(struct arena *a, const char *body, size_t len, struct form *out, struct err *e);
/* The first value of key, or NULL. */
const char *form_get(const struct form *f, const char *key);
/* Up to max values of key in order into out; returns how many there are (may exceed max). */
size_t form_get_all(const struct form *f, const char *key, const char **out, size_t max);
