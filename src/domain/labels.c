/* labels: code <-> name in fi, sv, en (see labels.h). */
#include "domain/labels.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <zlib.h>

#include "core/csv.h"
#include "core/log.h"
#include "core/paths.h"

enum { NLANG = 3 };

struct label {
	enum label_kind kind;
	char *code;
	char *name[NLANG];  /* fi, sv, en */
	char *fold[NLANG];  /* the names folded for lookups */
	char *code_fold;
};

static struct label *table;
static size_t ntable, captable;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;

static int lang_index(const char *lang)
{
	if (lang && strcmp(lang, "fi") == 0)
		return 0;
	if (lang && strcmp(lang, "sv") == 0)
		return 1;
	return 2;
}

/* Case folded, accents removed (NFD, marks dropped), blanks at the ends trimmed; a malloc'd string or NULL. */
static char *fold(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len > 400)
		len = 400;
	UChar u[512], d[1024], f[1024];
	int32_t ul = 0;
	UErrorCode st = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, 512, &ul, s, (int32_t)len, 0xFFFD, NULL, &st);
	if (U_FAILURE(st))
		return NULL;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
	int32_t dl = U_SUCCESS(st) ? unorm2_normalize(nfd, u, ul, d, 1024, &st) : 0;
	if (U_FAILURE(st))
		return NULL;
	int32_t k = 0;
	for (int32_t i = 0; i < dl; i++)
		if (u_charType(d[i]) != U_NON_SPACING_MARK)
			d[k++] = d[i];
	int32_t fl = u_strFoldCase(f, 1024, d, k, U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		return NULL;
	char out[2048];
	int32_t ol = 0;
	u_strToUTF8(out, sizeof out, &ol, f, fl, &st);
	if (U_FAILURE(st) || ol >= (int32_t)sizeof out)
		return NULL;
	out[ol] = 0;
	return strdup(out);
}

static bool add(enum label_kind kind, const char *code, char *const *names)
{
	if (ntable == captable) {
		size_t cap = captable ? captable * 2 : 512;
		struct label *t = realloc(table, cap * sizeof *t);
		if (!t)
			return false;
		table = t, captable = cap;
	}
	struct label *l = &table[ntable];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->code = strdup(code);
	l->code_fold = fold(code);
	bool ok = l->code && l->code_fold;
	for (int i = 0; i < NLANG; i++) {
		l->name[i] = strdup(names[i] && *names[i] ? names[i] : code);
		l->fold[i] = l->name[i] ? fold(l->name[i]) : NULL;
		ok = ok && l->name[i] && l->fold[i];
	}
	if (ok)
		ntable++;
	return ok;
}

static char *read_all(const char *path, size_t *len)
{
	gzFile f = gzopen(path, "rb"); /* plain files too */
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int k;
	while (buf && (k = gzread(f, buf + n, (unsigned)(cap - 1 - n))) > 0) {
		n += (size_t)k;
		if (n + 1 == cap) {
			char *nb = cap < (1u << 24) ? realloc(buf, cap * 2) : NULL;
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb, cap *= 2;
		}
	}
	gzclose(f);
	if (buf)
		buf[n] = 0;
	*len = n;
	return buf;
}

/* Reads one CSV file; kind_col >= 0: the kind is named in that column, else every row is of kind. */
static int load_file(const char *path, int kind_col, enum label_kind kind, const char *prefix, struct err *e)
{
	size_t len = 0;
	char *data = read_all(path, &len);
	if (!data)
		return err_set(e, ERR_NOT_FOUND, "", "cannot read %s", path);
	struct csv_reader *r = csv_open_mem(data, len, ',');
	char **f = NULL;
	size_t n = 0;
	int rc = r && csv_next(r, &f, &n) == 1 ? 0 : err_set(e, ERR_INVALID, "", "%s: no header", path);
	int ci = -1, li[NLANG] = {-1, -1, -1};
	static const char *const langs[NLANG] = {"fi", "sv", "en"};
	if (!rc) {
		ci = csv_find(f, n, "code");
		for (int i = 0; i < NLANG; i++) {
			char h[16];
			snprintf(h, sizeof h, "%s%s", prefix, langs[i]);
			li[i] = csv_find(f, n, h);
		}
		if (ci < 0 || li[0] < 0 || li[1] < 0 || li[2] < 0)
			rc = err_set(e, ERR_INVALID, "", "%s: the header needs code and %sfi, %ssv, %sen", path, prefix, prefix,
			             prefix);
	}
	static const char *const kinds[LABEL_KINDS] = {"language", "isced_level", "isced_field", "sector",
	                                               "availability"};
	int got;
	while (!rc && (got = csv_next(r, &f, &n)) != 0) {
		if (got < 0) {
			rc = err_set(e, ERR_INVALID, "", "%s line %zu: %s", path, csv_line(r), csv_error(r));
			break;
		}
		if ((size_t)ci >= n || (size_t)li[0] >= n || (size_t)li[1] >= n || (size_t)li[2] >= n)
			continue;
		enum label_kind k = kind;
		if (kind_col >= 0) {
			int found = -1;
			for (int i = 0; (size_t)kind_col < n && i < LABEL_KINDS; i++)
				if (strcmp(f[kind_col], kinds[i]) == 0)
					found = i;
			if (found < 0)
				continue;
			k = (enum label_kind)found;
		}
		char *names[NLANG] = {f[li[0]], f[li[1]], f[li[2]]};
		if (!add(k, f[ci], names))
			rc = err_oom(e);
	}
	csv_close(r);
	free(data);
	return rc;
}

int labels_load(const char *dir, struct err *e)
{
	char path[1024];
	int rc;
	snprintf(path, sizeof path, "%s/labels/languages.csv", dir);
	if ((rc = load_file(path, -1, LABEL_LANGUAGE, "", e)))
		return rc;
	snprintf(path, sizeof path, "%s/labels/values.csv", dir);
	if ((rc = load_file(path, 0, LABEL_LANGUAGE, "", e)))
		return rc;
	snprintf(path, sizeof path, "%s/taxonomy/isced/iscedf2013_fields.csv.gz", dir);
	if ((rc = load_file(path, -1, LABEL_ISCED_FIELD, "label_", e)))
		return rc;
	loaded = true;
	return 0;
}

static void load_once(void)
{
	if (loaded)
		return;
	char dir[1024];
	struct err e = {0};
	if (!paths_find_shipped("data/labels", dir, sizeof dir)) {
		log_error("event=labels_load message=\"data/labels not found: codes are shown as they are\"");
		return;
	}
	dir[strlen(dir) - strlen("/labels")] = 0;
	if (labels_load(dir, &e))
		log_error("event=labels_load message=\"%s\"", e.message);
}

static const struct label *find_code(enum label_kind k, const char *code)
{
	pthread_once(&once, load_once);
	if (!code)
		return NULL;
	for (size_t i = 0; i < ntable; i++)
		if (table[i].kind == k && strcmp(table[i].code, code) == 0)
			return &table[i];
	return NULL;
}

const char *labels_name(enum label_kind k, const char *code, const char *lang)
{
	const struct label *l = find_code(k, code);
	return l ? l->name[lang_index(lang)] : NULL;
}

const char *labels_code(enum label_kind k, const char *text)
{
	pthread_once(&once, load_once);
	if (!text || !*text)
		return NULL;
	const struct label *l = find_code(k, text);
	if (l)
		return l->code;
	char *t = fold(text);
	if (!t)
		return NULL;
	const char *hit = NULL;
	for (size_t i = 0; !hit && i < ntable; i++) {
		if (table[i].kind != k)
			continue;
		if (strcmp(table[i].code_fold, t) == 0)
			hit = table[i].code;
		for (int j = 0; !hit && j < NLANG; j++)
			if (strcmp(table[i].fold[j], t) == 0)
				hit = table[i].code;
	}
	free(t);
	return hit;
}

size_t labels_codes(enum label_kind k, const char **out, size_t max)
{
	pthread_once(&once, load_once);
	size_t n = 0;
	for (size_t i = 0; i < ntable && n < max; i++)
		if (table[i].kind == k)
			out[n++] = table[i].code;
	return n;
}

int labels_kind_of_field(const char *field)
{
	static const struct {
		const char *field;
		enum label_kind kind;
	} fields[] = {
		{"mother_tongue", LABEL_LANGUAGE},        {"language", LABEL_LANGUAGE},
		{"isced_level", LABEL_ISCED_LEVEL},       {"education_level_min", LABEL_ISCED_LEVEL},
		{"isced_field", LABEL_ISCED_FIELD},       {"sector", LABEL_SECTOR},
		{"availability", LABEL_AVAILABILITY},
	};
	for (size_t i = 0; field && i < sizeof fields / sizeof *fields; i++)
		if (strcmp(field, fields[i].field) == 0)
			return (int)fields[i].kind;
	return -1;
}

static const char *one_name(enum label_kind k, const char *value, const char *lang)
{
	const char *code = labels_code(k, value);
	return code ? labels_name(k, code, lang) : NULL;
}

void labels_text(enum label_kind k, const char *value, const char *lang, char *out, size_t n)
{
	if (!n)
		return;
	out[0] = 0;
	if (!value)
		return;
	const char *whole = one_name(k, value, lang);
	if (whole || k != LABEL_AVAILABILITY) {
		snprintf(out, n, "%s", whole ? whole : value);
		return;
	}
	/* free text: each part between commas that names a known value is named in lang; the rest stays as written */
	size_t used = 0;
	for (const char *p = value; *p && used + 1 < n;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char part[256];
		snprintf(part, sizeof part, "%.*s", (int)(len < sizeof part ? len : sizeof part - 1), p);
		const char *name = one_name(k, part, lang);
		int w;
		if (name) {
			const char *lead = part;
			while (*lead == ' ')
				lead++;
			w = snprintf(out + used, n - used, "%s%s", lead != part ? " " : "", name);
		} else {
			w = snprintf(out + used, n - used, "%.*s", (int)len, p);
		}
		used += w > 0 ? (size_t)w : 0;
		if (used >= n) {
			out[n - 1] = 0;
			return;
		}
		if (!comma)
			break;
		w = snprintf(out + used, n - used, ",");
		used += w > 0 ? (size_t)w : 0;
		p = comma + 1;
	}
}
