/* log: timestamped key=value lines on stderr, one write per line so threads do not interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;

void log_set_level(enum log_level l)
{
	min_level = l;
}

static size_t put_escaped(char *dst, size_t cap, const char *s, bool quotes)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		char e[4] = {0};
		size_t k = 2;
		e[0] = '\\';
		if (*c == '\n')
			e[1] = 'n';
		else if (*c == '\r')
			e[1] = 'r';
		else if (*c == '\t')
			e[1] = 't';
		else if (quotes && (*c == '"' || *c == '\\'))
			e[1] = (char)*c;
		else if (*c < 0x20 || *c == 0x7f)
			e[1] = 'x', e[2] = hex[*c >> 4], e[3] = hex[*c & 15], k = 4;
		else
			e[0] = (char)*c, k = 1;
		if (n + k >= cap)
			break;
		memcpy(dst + n, e, k);
		n += k;
	}
	if (cap)
		dst[n < cap ? n : cap - 1] = '\0';
	return n;
}

const char *log_quote(char *dst, size_t cap, const char *s)
{
	put_escaped(dst, cap, s ? s : "", true);
	return dst;
}

void log_msg(enum log_level l, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if (l < min_level)
		return;
	char line[2048];
	struct timespec ts = {0};
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm = {0};
	gmtime_r(&ts.tv_sec, &tm);
	int n = (int)strftime(line, sizeof line, "ts=%Y-%m-%dT%H:%M:%SZ", &tm);
	n += snprintf(line + n, sizeof line - (size_t)n, " level=%s ", names[l]);
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	/* one event, one line: a CR, LF or other control byte in any value is escaped, never written */
	n += (int)put_escaped(line + n, sizeof line - (size_t)n - 1, msg, false);
	line[n++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
