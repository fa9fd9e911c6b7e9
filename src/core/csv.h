/* csv: an RFC 4180 reader (quoted fields with embedded commas, quotes, CR/LF and bare LF; CRLF or LF records)
 * over a memory buffer. Fields point into a reader-owned buffer valid until the next csv_next call. */
#pragma once
#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* Reads from a FILE (plain or, if name ends in .gz, decompressed by the caller beforehand) or from memory. */
struct csv_reader *csv_open_mem(const char *data, size_t len, char sep);
void csv_close(struct csv_reader *r);
/* Next record: returns 1 and sets *fields and *n; 0 at end; -1 on malformed input (csv_error tells where). */
int csv_next(struct csv_reader *r, char ***fields, size_t *n);
/* Line (1-based) where the current record started; for error messages. */
size_t csv_line(const struct csv_reader *r);
const char *csv_error(const struct csv_reader *r);
/* Index of a column by header name in a header record, or -1. */
int csv_find(char **header, size_t n, const char *name);
