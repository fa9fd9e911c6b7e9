/* fuzz_multipart: hostile multipart/form-data upload bodies (the import pages). The first line of the input is the
 * Content-Type header (so the boundary parameter is fuzzed too), the rest is the body. Invariants: the parser never
 * crashes or reads out of bounds, and on success every field has a name and a value a page can use. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/pages/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	const uint8_t *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	size_t hl = (size_t)(nl - data);
	char *ct = malloc(hl + 1);
	memcpy(ct, data, hl);
	ct[hl] = 0;
	struct arena *a = arena_new(32 << 20);
	struct form f = {0};
	struct err e = {0};
	if (multipart_parse(a, ct, (const char *)nl + 1, size - hl - 1, &f, &e) == 0) {
		for (size_t i = 0; i < f.n; i++) {
			if (!f.f[i].key || !f.f[i].value)
				abort();
			(void)form_get(&f, f.f[i].key);
		}
	} else if (!e.message[0]) {
		abort(); /* every failure says why */
	}
	arena_free(a);
	free(ct);
	return 0;
}
