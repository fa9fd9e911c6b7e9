/* validate: field format checks shared by domain validation, imports and surveys. */
#include "core/validate.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

bool validate_business_id(const char *s)
{
	/* Y-tunnus: seven digits, a hyphen, a check digit. Weights 7,9,10,5,8,4,2; r = sum mod 11;
	 * r == 0 -> 0, r == 1 -> invalid, else 11 - r. */
	static const int w[7] = {7, 9, 10, 5, 8, 4, 2};
	if (!s || strlen(s) != 9 || s[7] != '-')
		return false;
	int sum = 0;
	for (int i = 0; i < 7; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		sum += (s[i] - '0') * w[i];
	}
	if (!isdigit((unsigned char)s[8]))
		return false;
	int r = sum % 11;
	if (r == 1)
		return false;
	int check = r == 0 ? 0 : 11 - r;
	return check == s[8] - '0';
}

bool validate_cefr(const char *s)
{
	static const char *levels[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native"};
	if (!s)
		return false;
	for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
		if (strcmp(s, levels[i]) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, size_t min, size_t max)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	if (n < min || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

bool validate_isco_code(const char *s)
{
	return all_digits(s, 1, 4);
}

bool validate_isced_field(const char *s)
{
	return all_digits(s, 2, 4);
}

bool validate_isced_level(long v)
{
	return v >= 0 && v <= 8;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool validate_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days_in_month(y, m);
}

bool validate_datetime(const char *s)
{
	if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
		return false;
	char date[11];
	memcpy(date, s, 10);
	date[10] = 0;
	int h = num(s + 11, 2), mi = num(s + 14, 2), se = num(s + 17, 2);
	return validate_date(date) && h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se < 61;
}

bool validate_email(const char *s)
{
	if (!s)
		return false;
	size_t n = strlen(s);
	if (n < 3 || n > 254)
		return false;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';')
			return false;
	const char *dot = strrchr(at + 1, '.');
	return dot && dot > at + 1 && dot[1] && dot[2] && !strstr(at, "..");
}

bool validate_esco_uri(const char *s, const char *kind)
{
	static const char prefix[] = "http://data.europa.eu/esco/";
	if (!s || strncmp(s, prefix, sizeof prefix - 1) != 0)
		return false;
	const char *p = s + sizeof prefix - 1;
	size_t kl = strlen(kind);
	if (strncmp(p, kind, kl) != 0 || p[kl] != '/')
		return false;
	p += kl + 1;
	/* A UUID: 8-4-4-4-12 lowercase hex digits. */
	if (strlen(p) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (p[i] != '-')
				return false;
		} else if (!isxdigit((unsigned char)p[i]) || isupper((unsigned char)p[i])) {
			return false;
		}
	}
	return true;
}

bool validate_lang_code(const char *s)
{
	return s && strlen(s) == 2 && islower((unsigned char)s[0]) && islower((unsigned char)s[1]);
}

bool validate_country_code(const char *s)
{
	return s && strlen(s) == 2 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]);
}

bool validate_phone(const char *s)
{
	if (!s)
		return false;
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!strchr(" +-()", *p))
			return false;
	}
	return digits >= 5 && digits <= 20;
}

bool validate_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	while (p < end) {
		unsigned c = *p;
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
				return false;
			p++;
			continue;
		}
		int n;
		unsigned cp;
		if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
		else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
		else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
		else return false;
		if (end - p < n + 1)
			return false;
		for (int i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		p += n + 1;
	}
	return true;
}

void validate_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm = {0};
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}
