/* fuzz_csv: hostile bytes into the RFC 4180 reader (src/core/csv.c). Byte 0 picks the separator; the rest is the
 * file. Every field handed out must be readable up to its NUL, records are bounded, and the reader must end. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	static const char seps[] = {',', ';', '\t', '|'};
	char sep = seps[data[0] % sizeof seps];
	struct csv_reader *r = csv_open_mem((const char *)data + 1, size - 1, sep);
	if (!r)
		return 0;
	char **fields, **header = NULL;
	size_t n, nheader = 0, records = 0, sum = 0;
	int rc;
	while ((rc = csv_next(r, &fields, &n)) == 1) {
		for (size_t i = 0; i < n; i++)
			sum += strlen(fields[i]);
		if (records == 0 && n) {
			/* csv_find on the first record, as importers use it */
			header = fields;
			nheader = n;
			(void)csv_find(header, nheader, fields[n - 1]);
			(void)csv_find(header, nheader, "esco_uri");
		}
		(void)csv_line(r);
		if (++records > size + 2) {
			fprintf(stderr, "fuzz_csv: more records than input bytes\n");
			abort();
		}
	}
	if (rc < 0 && !csv_error(r)) {
		fprintf(stderr, "fuzz_csv: an error without a message\n");
		abort();
	}
	if (sum > 4 * size + 16) {
		fprintf(stderr, "fuzz_csv: fields hold more bytes than the input\n");
		abort();
	}
	csv_close(r);
	return 0;
}
