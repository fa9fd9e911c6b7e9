/* date: proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), exact for any year that fits
 * (Howard Hinnant's algorithms). No time zones: dates only. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* The day number of y-m-d (m 1..12, d 1..31; not validated). */
int64_t date_days(int64_t y, int m, int d);
/* The calendar date of a day number. */
void date_civil(int64_t days, int64_t *y, int *m, int *d);
/* ymd (YYYY-MM-DD) moved by days, as YYYY-MM-DD into out[11]. false (out empty) when ymd is not such a date. */
bool date_add_days(const char *ymd, int64_t days, char out[11]);
