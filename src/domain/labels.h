/* labels: codes as people read them, and back. The one place that turns a code (an ISO 639-1 language, an ISCED level
 * or field, a sector, an availability word) into its name in Finnish, Swedish or English, and a name typed in any of
 * the three (case and accents ignored: "Espanja", "espanja", "spanska", "es") back into the code. Pages, exports, the
 * CSV import and the list filters use it; the JSON API keeps the codes.
 *
 * Data, not code: data/labels/languages.csv (code,fi,sv,en), data/labels/values.csv (kind,code,fi,sv,en: ISCED levels,
 * sectors, availability) and the ISCED-F fields of data/taxonomy/isced/iscedf2013_fields.csv.gz. They are read once,
 * on the first call (thread-safe); afterwards the tables are only read. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

enum label_kind { LABEL_LANGUAGE, LABEL_ISCED_LEVEL, LABEL_ISCED_FIELD, LABEL_SECTOR, LABEL_AVAILABILITY, LABEL_KINDS };

/* Loads the tables from data_dir (the shipped data/ folder) instead of the one found beside the program; for tests.
 * Returns 0, or an error naming the file. Only before the first lookup. */
int labels_load(const char *data_dir, struct err *e);

/* The name of code in lang ("fi", "sv", "en"; anything else reads as English), or NULL when the code is unknown. */
const char *labels_name(enum label_kind k, const char *code, const char *lang);
/* The code a text names: the code itself, or a name in fi, sv or en, ignoring case, accents and surrounding blanks.
 * NULL when nothing matches. */
const char *labels_code(enum label_kind k, const char *text);
/* The codes of kind k in the order of the shipped files into out (at most max); returns how many. The strings live as
 * long as the program. */
size_t labels_codes(enum label_kind k, const char **out, size_t max);
/* The kind of values a field holds, by its name ("mother_tongue", "language", "isced_level", "education_level_min",
 * "isced_field", "sector", "availability"); -1 for other fields. */
int labels_kind_of_field(const char *field);
/* A stored value as a person reads it in lang: the name of a known code (or of a name typed in another language);
 * availability, free text, name by name between its commas ("kokoaikatyö, myös viikonloput" -> "heltid, även
 * veckoslut"); anything unknown as it is. Writes into out (NUL-terminated, truncated at n). */
void labels_text(enum label_kind k, const char *value, const char *lang, char *out, size_t n);
