/* multipart: a small parser for multipart/form-data bodies (file uploads of the import pages), safe on any input:
 * bounded part count, names of at most FORM_MAX_KEY bytes, NUL bytes rejected. Every part, a file's content included,
 * becomes one form field (name -> content as text), so pages read it with form_get. Copies live in the arena. */
#pragma once
#include <stddef.h>

#include "web/pages/form.h"

/* content_type: the request's Content-Type header (its boundary parameter is used). 0, or ERR_INVALID / ERR_TOO_BIG
 * / ERR_UNAVAILABLE with e filled. */
int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len, struct form *out,
                    struct err *e);
