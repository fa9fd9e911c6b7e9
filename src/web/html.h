/* html: the one HTML writer every page goes through (as cgit's html.c). Text and attribute values are escaped;
 * html_printf escapes every %s argument, so a format string is the only markup that reaches the page. Writing
 * markup that did not come from a format string needs html_raw_trusted, visibly named so a reviewer finds it.
 *
 * Ownership: everything is appended to a struct buf the caller owns (its ceiling applies; on overflow the buffer is
 * marked failed and later writes are no-ops). Nothing is allocated elsewhere. */
#pragma once
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

/* Text content: escapes & < > " ' (NULL writes nothing). */
void html_txt(struct buf *b, const char *s);
/* The first n bytes of s as text content. */
void html_txtn(struct buf *b, const char *s, size_t n);
/* An attribute value, to be written between double quotes: escapes as html_txt and also ` and =, drops control
 * characters other than tab and newline. */
void html_attr(struct buf *b, const char *s);
/* Percent-encodes s for a URL query value (RFC 3986 unreserved characters stay); safe in an attribute too. */
void html_url(struct buf *b, const char *s);
/* printf whose %s arguments are escaped as html_attr (which is also safe for text); other conversions (d i u ld lld
 * zu f g x c and %%) are written as printf would. %c is escaped too. Width and precision are honoured for numbers and
 * precision for %s (".*" too). An unknown conversion stops the output and marks the buffer failed. */
void html_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* An attribute that depends on a condition, so markup never travels through a %s argument (which html_printf would
 * escape into text): when on, writes ` name="value"` with value escaped, or ` name` when value is NULL (a boolean
 * attribute such as checked); nothing when off. name is a literal of letters, digits and '-' (else the buffer is
 * marked failed). */
void html_attr_if(struct buf *b, bool on, const char *name, const char *value);
/* Writes s unescaped. Only for markup built by this program (never for input or stored data). */
void html_raw_trusted(struct buf *b, const char *s);
