/* accept_lang: picks a language for a request from its Accept-Language header (RFC 9110 12.5.4). Pure: no HTTP
 * objects, so pages and tests call it with the header text. */
#pragma once
#include <stddef.h>

/* The language of have[0..n) (lower-case primary codes such as "fi", "th") that the header prefers most: ranges are
 * tried by their q-value (1 when absent; equal q-values in header order), "th-TH" matches "th", q=0 means "not this
 * one", "*" and malformed ranges are skipped. Returns one of the have pointers (never a pointer into header), or NULL
 * when header is NULL or names none of them. Reads at most the first 64 ranges. */
const char *accept_lang_pick(const char *header, const char *const *have, size_t n);
