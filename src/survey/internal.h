/* survey internals shared by definition.c, locate.c and answers.c. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "survey/survey.h"

#define SURVEY_JPATH_MAX 12

/* A JSON path under construction: each component a key (key != NULL) or an array index. */
struct survey_jpath_comp {
	const char *key;
	size_t index;
};
struct survey_jpath {
	size_t n;
	struct survey_jpath_comp c[SURVEY_JPATH_MAX];
};

/* Writes "groups[1].questions[0].text" into out (always NUL-terminated, valid UTF-8, truncated with "..."). */
void survey_jpath_format(const struct survey_jpath *p, char *out, size_t cap);

/* Line and column (1-based; columns count UTF-8 characters) of the deepest component of p found in text: the key of
 * an object member, or the first byte of an array element. A component missing from the text leaves the position of
 * its parent. The text need not be valid JSON; nothing is read outside [text, text + len). */
void survey_locate(const char *text, size_t len, const struct survey_jpath *p, int *line, int *col);

/* The JSON path of the value being read at byte offset off of a (possibly malformed) text, e.g. for a syntax error:
 * "groups[0].questions[2].text". "" at the top level. */
void survey_path_at(const char *text, size_t len, size_t off, char *out, size_t cap);

/* Line and column (as survey_locate) of byte offset off. */
void survey_line_col(const char *text, size_t len, size_t off, int *line, int *col);

/* Replaces bytes that are not well-formed UTF-8 or are control characters with '?', in place. */
void survey_utf8_clean(char *s);
/* Copies src into dst[cap] without cutting a UTF-8 character in half. */
void survey_utf8_copy(char *dst, size_t cap, const char *src);

/* Counts UTF-8 characters. */
size_t survey_utf8_chars(const char *s);
