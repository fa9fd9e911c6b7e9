/* fuzz_validate: every validate_* function on hostile text. Byte 0 picks nothing: each input goes to all of them,
 * as one NUL-terminated string (bytes after a NUL are ignored, as C callers see them) and, for validate_utf8, as the
 * raw bytes with their length. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	(void)validate_utf8((const char *)data, size);
	(void)validate_utf8(s, strlen(s));
	bool ok_date = validate_date(s);
	(void)validate_datetime(s);
	(void)validate_business_id(s);
	(void)validate_cefr(s);
	(void)validate_isco_code(s);
	(void)validate_email(s);
	(void)validate_esco_uri(s, "occupation");
	(void)validate_esco_uri(s, "skill");
	(void)validate_esco_uri(s, "");
	(void)validate_isced_field(s);
	(void)validate_lang_code(s);
	(void)validate_country_code(s);
	(void)validate_phone(s);
	long v = 0;
	for (size_t i = 0; i < size && i < sizeof v; i++)
		v = (long)((unsigned long)v << 8 | data[i]);
	(void)validate_isced_level(v);
	if (ok_date && strlen(s) != 10) {
		fprintf(stderr, "fuzz_validate: a date that is not 10 characters was accepted: %s\n", s);
		abort();
	}
	free(s);
	return 0;
}
