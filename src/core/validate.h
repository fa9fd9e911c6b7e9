/* validate: pure checks of field formats used across osaaja. Each returns true when the text is acceptable.
 * Messages for people are built by callers (domain/), which know the field. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

bool validate_business_id(const char *s);   /* Finnish Y-tunnus "1234567-8" with its mod-11 check digit */
bool validate_cefr(const char *s);          /* A1 A2 B1 B2 C1 C2, or "native" */
bool validate_isco_code(const char *s);     /* ISCO-08 code: 1 to 4 digits */
bool validate_date(const char *s);          /* YYYY-MM-DD, a real calendar date, years 1900-2200 */
bool validate_datetime(const char *s);      /* YYYY-MM-DDTHH:MM:SSZ */
bool validate_email(const char *s);         /* pragmatic: local@domain.tld, no spaces, length <= 254 */
bool validate_esco_uri(const char *s, const char *kind); /* http://data.europa.eu/esco/<kind>/<uuid>; kind "occupation" or "skill" */
bool validate_isced_field(const char *s);   /* ISCED-F 2013: 2, 3 or 4 digits */
bool validate_isced_level(long v);          /* ISCED 2011 levels 0-8 */
bool validate_lang_code(const char *s);     /* ISO 639-1, two lowercase letters */
bool validate_country_code(const char *s);  /* ISO 3166-1 alpha-2, two uppercase letters */
bool validate_phone(const char *s);         /* digits, spaces, +, -, (), 5..20 digits */
bool validate_utf8(const char *s, size_t len); /* well-formed UTF-8 with no control characters other than \t \n \r */
/* Today's date as YYYY-MM-DD (UTC) into out[11]. */
void validate_today(char out[11]);
