/* fuzz_query: hostile query strings and form bodies. With FUZZ_HAVE_FORM (the web UI's form parser,
 * src/web/pages/form.c, exists) the input goes to form_parse and its look-ups; otherwise it is split on & and = the
 * way query strings are and each value goes through the validate_* checks the API applies to filters. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/validate.h"
#ifdef FUZZ_HAVE_FORM
#include "web/pages/form.h"
#endif

static void check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_query: invariant broken: %s\n", what);
		abort();
	}
}

static void validate_value(const char *v)
{
	(void)validate_utf8(v, strlen(v));
	(void)validate_date(v);
	(void)validate_email(v);
	(void)validate_lang_code(v);
	(void)validate_country_code(v);
	(void)validate_isco_code(v);
	(void)validate_cefr(v);
	(void)validate_esco_uri(v, "skill");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 18)
		return 0;
#ifdef FUZZ_HAVE_FORM
	struct arena *a = arena_new(8 << 20);
	check(a != NULL, "arena");
	struct form f = {0};
	struct err e = {0};
	if (form_parse(a, (const char *)data, size, &f, &e) == 0) {
		check(f.n <= FORM_MAX_FIELDS, "field count ceiling");
		for (size_t i = 0; i < f.n; i++) {
			check(f.f[i].key && f.f[i].value, "keys and values are set");
			check(strlen(f.f[i].key) <= FORM_MAX_KEY, "key ceiling");
			check(strlen(f.f[i].value) <= FORM_MAX_VALUE, "value ceiling");
			validate_value(f.f[i].value);
		}
		if (f.n) {
			const char *v = form_get(&f, f.f[0].key);
			check(v != NULL, "form_get finds the first key");
			const char *all[4];
			size_t k = form_get_all(&f, f.f[0].key, all, 4);
			check(k >= 1 && k <= f.n, "form_get_all count");
		}
		(void)form_get(&f, "csrf");
	} else {
		check(e.message[0] != 0, "a refused form says why");
	}
	arena_free(a);
#else
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	char *p = s;
	while (p) {
		char *amp = strchr(p, '&');
		if (amp)
			*amp = 0;
		char *eq = strchr(p, '=');
		validate_value(eq ? eq + 1 : p);
		p = amp ? amp + 1 : NULL;
	}
	free(s);
#endif
	return 0;
}
