/* html: escaping writer for HTML text, attributes and URLs (see html.h). */
#include "web/html.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void escape(struct buf *b, const char *s, size_t n, bool attr)
{
	size_t run = 0; /* bytes that need no escaping, written in one append */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '`': rep = attr ? "&#96;" : NULL; break;
		case '=': rep = attr ? "&#61;" : NULL; break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = "";
			else if (c == 0x7f)
				rep = "";
		}
		if (!rep) {
			run++;
			continue;
		}
		if (run)
			buf_append(b, s + i - run, run);
		run = 0;
		buf_puts(b, rep);
	}
	if (run)
		buf_append(b, s + n - run, run);
}

void html_txt(struct buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s), false);
}

void html_txtn(struct buf *b, const char *s, size_t n)
{
	if (s)
		escape(b, s, strnlen(s, n), false);
}

void html_attr(struct buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s), true);
}

void html_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!s)
		return;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			buf_append(b, s, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_append(b, e, 3);
		}
	}
}

void html_raw_trusted(struct buf *b, const char *s)
{
	if (s)
		buf_puts(b, s);
}

void html_attr_if(struct buf *b, bool on, const char *name, const char *value)
{
	if (!on)
		return;
	if (!*name)
		b->failed = true;
	for (const char *c = name; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-')) {
			b->failed = true;
			return;
		}
	buf_puts(b, " ");
	buf_puts(b, name);
	if (!value)
		return;
	buf_puts(b, "=\"");
	html_attr(b, value);
	buf_puts(b, "\"");
}

/* The format of each conversion is the caller's literal format, checked by -Wformat at the call of html_printf. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void html_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(b, p);
			return;
		}
		if (pct > p)
			buf_append(b, p, (size_t)(pct - p));
		const char *q = pct + 1;
		if (*q == '%') {
			buf_puts(b, "%");
			p = q + 1;
			continue;
		}
		/* flags, width, precision */
		char spec[32];
		size_t sl = 0;
		spec[sl++] = '%';
		int prec = -1;
		bool star_prec = false;
		while (*q && strchr("-+ #0", *q) && sl < 8)
			spec[sl++] = *q++;
		while (*q >= '0' && *q <= '9' && sl < 16)
			spec[sl++] = *q++;
		if (*q == '.') {
			spec[sl++] = *q++;
			if (*q == '*') {
				star_prec = true;
				spec[sl++] = *q++;
			} else {
				prec = 0;
				while (*q >= '0' && *q <= '9' && sl < 24) {
					prec = prec * 10 + (*q - '0');
					spec[sl++] = *q++;
				}
			}
		}
		int lng = 0; /* 1 = l, 2 = ll, 3 = z */
		if (*q == 'l') {
			spec[sl++] = *q++;
			lng = 1;
			if (*q == 'l') {
				spec[sl++] = *q++;
				lng = 2;
			}
		} else if (*q == 'z') {
			spec[sl++] = *q++;
			lng = 3;
		}
		char conv = *q;
		if (!conv) {
			b->failed = true;
			return;
		}
		spec[sl++] = conv;
		spec[sl] = 0;
		p = q + 1;
		char tmp[128];
		int sp = star_prec ? va_arg(ap, int) : 0;
		switch (conv) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "";
			size_t n = strlen(s);
			if (star_prec && sp >= 0 && (size_t)sp < n)
				n = (size_t)sp;
			if (!star_prec && prec >= 0 && (size_t)prec < n)
				n = (size_t)prec;
			escape(b, s, n, true);
			break;
		}
		case 'c': {
			char c = (char)va_arg(ap, int);
			escape(b, &c, 1, true);
			break;
		}
		case 'd':
		case 'i':
		case 'u':
		case 'x':
			if (lng == 0 && star_prec)
				snprintf(tmp, sizeof tmp, spec, sp, va_arg(ap, int));
			else if (lng == 0)
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, int));
			else if (lng == 1)
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, long));
			else if (lng == 2)
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, long long));
			else
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, size_t));
			buf_puts(b, tmp);
			break;
		case 'f':
		case 'g':
			if (star_prec)
				snprintf(tmp, sizeof tmp, spec, sp, va_arg(ap, double));
			else
				snprintf(tmp, sizeof tmp, spec, va_arg(ap, double));
			buf_puts(b, tmp);
			break;
		default:
			b->failed = true;
			return;
		}
	}
}

#pragma GCC diagnostic pop

void html_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(b, fmt, ap);
	va_end(ap);
}
