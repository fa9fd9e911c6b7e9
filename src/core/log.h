/* log: structured one-line logs to stderr (key=value). Never pass personal data or secrets. */
#pragma once

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level l);
/* One value for a quoted field (key="%s"): backslash, quote, CR, LF, tab and every other control byte escaped
 * (\\ \" \r \n \t \xNN), cut to fit; returns dst. A field from a request goes through this. */
const char *log_quote(char *dst, size_t cap, const char *s);
void log_msg(enum log_level l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_info(...) log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
