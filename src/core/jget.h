/* jget: typed reads of one member of a JSON object, for rows and bodies whose member may be absent, null or of
 * another type: the caller gets a plain value and decides what absence means. */
#pragma once
#include <jansson.h>
#include <stdint.h>

/* The text of member k of o, or NULL when o is not an object or k is absent, null or not text. */
const char *jget_text(const json_t *o, const char *k);
/* The whole number of member k of o, or 0 when absent, null or not a whole number. */
int64_t jget_int(const json_t *o, const char *k);
