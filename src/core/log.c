/* log: timestamped key=value lines on stderr, one write per line so threads do not interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;

void log_set_level(enum log_level l)
{
	min_level = l;
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
	va_list ap;
	va_start(ap, fmt);
	int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	ssize_t w = write(STDERR_FILENO, line, (size_t)n);
	(void)w;
}
