/* date: day numbers <-> calendar dates (see date.h). */
#include "core/date.h"

#include <stdio.h>

int64_t date_days(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_civil(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool date_add_days(const char *ymd, int64_t days, char out[11])
{
	int y = 0, m = 0, d = 0, end = 0;
	out[0] = '\0';
	if (!ymd || sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || end != 10 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	int64_t cy;
	int cm, cd;
	date_civil(date_days(y, m, d) + days, &cy, &cm, &cd);
	if (cy < 0 || cy > 9999)
		return false;
	snprintf(out, 11, "%04d-%02d-%02d", (int)cy, cm, cd);
	return true;
}
