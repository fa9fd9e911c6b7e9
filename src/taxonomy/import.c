/* taxonomy import: reads the shipped data/taxonomy folder or ESCO-style CSV folders into the tax_* tables, in one
 * transaction, with file:line errors. Files are recognised by name (see tax_import_dir in taxonomy.h). */
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/csv.h"
#include "core/strmap.h"
#include "store/batch.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"

enum { MAX_FILE = 512 << 20, MAX_DIRS = 32, MAX_FILES = 256 };

static const char SQL_CONCEPT_IDS[] = "SELECT id, uri FROM tax_concepts";
static const char SQL_UPSERT_CONCEPT[] =
	"INSERT INTO tax_concepts (uri, kind, code, skill_type, reuse_level, status, version) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (uri) DO UPDATE SET kind = excluded.kind, "
	"code = COALESCE(excluded.code, tax_concepts.code), "
	"skill_type = COALESCE(excluded.skill_type, tax_concepts.skill_type), "
	"reuse_level = COALESCE(excluded.reuse_level, tax_concepts.reuse_level), "
	"status = COALESCE(excluded.status, tax_concepts.status), "
	"version = COALESCE(excluded.version, tax_concepts.version) RETURNING id";
static const char SQL_DEL_LABELS[] = "DELETE FROM tax_labels WHERE concept_id = ?1 AND lang = ?2 AND source = ?3";
static const char SQL_HAS_ESCO[] = "SELECT COUNT(*) FROM tax_labels WHERE concept_id = ?1 AND lang = ?2 AND "
                                   "source = 'esco'";
static const char SQL_ANY_LABEL[] = "SELECT 1 FROM tax_labels LIMIT 1";
/* The bulk of an import (labels, relations, broader links) is written in batches (store/batch.h). */
enum { B_LABELS, B_RELATIONS, B_BROADER, B_COUNT };
static const struct store_batch batch_of[B_COUNT] = {
	[B_LABELS] = {.head = "INSERT INTO tax_labels (concept_id, lang, label_type, label, source) VALUES ",
	              .tail = " ON CONFLICT (concept_id, lang, label_type, label) DO NOTHING", .ncols = 5},
	[B_RELATIONS] = {.head = "INSERT INTO tax_relations (occupation_id, skill_id, relation) VALUES ",
	                 .tail = " ON CONFLICT (occupation_id, skill_id) DO UPDATE SET relation = excluded.relation",
	                 .ncols = 3, .key_cols = 2},
	[B_BROADER] = {.head = "INSERT INTO tax_broader (concept_id, broader_id) VALUES ",
	               .tail = " ON CONFLICT (concept_id, broader_id) DO NOTHING", .ncols = 2},
};

static const char *const LABEL_TYPES[] = {"preferred", "alt", "hidden"};

/* ---- import state ---- */
struct ids {
	int64_t *v;
	size_t n, cap;
};

static int ids_push(struct ids *a, int64_t v)
{
	if (buf_grow_array(&a->v, &a->cap, a->n + 1, sizeof *a->v, 4096, SIZE_MAX))
		return -1;
	a->v[a->n++] = v;
	return 0;
}

struct imp {
	struct store *s;
	struct err *e;
	struct tax_import_stats *st;
	bool progress;
	struct strmap uri;  /* uri → tax_concepts.id */
	struct strmap seen; /* "id|lang|source" label sets replaced in this run */
	struct strmap esco; /* "id|lang": an ESCO label written in this run */
	struct strmap isco; /* ISCO code → id */
	struct ids occ_rows, skill_rows; /* shipped layout: data-row number → id */
	const char *version;
	struct store_batch *batch; /* [B_COUNT] */
	bool fresh;                /* no label was stored before this run: a label set has nothing to replace */
	/* the current file, for messages */
	const char *path;
	struct csv_reader *r;
	char **hdr;
	size_t nhdr;
	char *data;
	long rows;
};

static int fail_at(struct imp *im, enum err_code code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail_at(struct imp *im, enum err_code code, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->r)
		return err_set(im->e, code, "file", "%s:%zu: %s", im->path, csv_line(im->r), msg);
	return err_set(im->e, code, "file", "%s: %s", im->path, msg);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

/* Whole file into memory; .gz files are decompressed. */
static int read_file(const char *path, char **out, size_t *len, struct err *e)
{
	gzFile f = gzopen(path, "rb"); /* reads plain files unchanged too */
	if (!f)
		return err_set(e, ERR_NOT_FOUND, "file", "%s: cannot open", path);
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			gzclose(f);
			return err_set(e, ERR_UNAVAILABLE, "file", "%s: out of memory", path);
		}
		if (n + 1 == cap) {
			if (cap >= MAX_FILE) {
				free(buf);
				gzclose(f);
				return err_set(e, ERR_TOO_BIG, "file", "%s: larger than %d MiB", path, MAX_FILE >> 20);
			}
			char *nb = realloc(buf, cap * 2);
			if (!nb)
				free(buf);
			buf = nb;
			cap *= 2;
			continue;
		}
		int k = gzread(f, buf + n, (unsigned)(cap - 1 - n));
		if (k < 0) {
			free(buf);
			gzclose(f);
			return err_set(e, ERR_INVALID, "file", "%s: cannot read (corrupt gzip?)", path);
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	gzclose(f);
	buf[n] = 0;
	*out = buf;
	*len = n;
	return 0;
}

/* Opens path and reads its header; the required columns must exist. */
static int open_csv(struct imp *im, const char *path, const char *const *required)
{
	size_t len = 0;
	im->path = path;
	im->r = NULL;
	im->rows = 0;
	if (read_file(path, &im->data, &len, im->e))
		return -1;
	im->r = csv_open_mem(im->data, len, ',');
	if (!im->r)
		return err_set(im->e, ERR_UNAVAILABLE, "file", "out of memory");
	char **rh;
	size_t rn;
	int rc = csv_next(im->r, &rh, &rn);
	if (rc <= 0)
		return fail_at(im, ERR_INVALID, "%s", rc < 0 ? csv_error(im->r) : "empty file (no header)");
	/* The header's fields live in the reader's record buffer, which the next record overwrites: keep a copy. */
	if (!(im->hdr = calloc(rn, sizeof *im->hdr)))
		return err_set(im->e, ERR_UNAVAILABLE, "file", "out of memory");
	im->nhdr = rn;
	for (size_t i = 0; i < rn; i++)
		if (!(im->hdr[i] = strdup(rh[i])))
			return err_set(im->e, ERR_UNAVAILABLE, "file", "out of memory");
	for (size_t i = 0; required && required[i]; i++)
		if (csv_find(im->hdr, im->nhdr, required[i]) < 0)
			return fail_at(im, ERR_INVALID, "missing column '%s'", required[i]);
	im->st->files++;
	return 0;
}

static void close_csv(struct imp *im)
{
	if (im->progress && im->r)
		fprintf(stderr, "\r%-70.70s %8ld rows\n", im->path, im->rows);
	for (size_t i = 0; im->hdr && i < im->nhdr; i++)
		free(im->hdr[i]);
	free(im->hdr);
	csv_close(im->r);
	free(im->data);
	im->r = NULL;
	im->hdr = NULL;
	im->nhdr = 0;
	im->data = NULL;
}

/* Next data record: 1, 0 at the end, -1 on error (malformed CSV or wrong field count). */
static int next_row(struct imp *im, char ***f)
{
	size_t n;
	int rc = csv_next(im->r, f, &n);
	if (rc < 0) {
		const char *msg = csv_error(im->r);
		const char *colon = strstr(msg, ": "); /* the reader's message starts with "line N: "; we say it ourselves */
		return fail_at(im, ERR_INVALID, "malformed CSV: %s", colon ? colon + 2 : msg), -1;
	}
	if (rc == 0)
		return 0;
	if (n == 1 && (*f)[0][0] == 0)
		return next_row(im, f); /* blank line */
	if (n != im->nhdr)
		return fail_at(im, ERR_INVALID, "malformed row: %zu fields, the header has %zu", n, im->nhdr), -1;
	im->rows++;
	if (im->progress && im->rows % 5000 == 0)
		fprintf(stderr, "\r%-70.70s %8ld rows", im->path, im->rows);
	return 1;
}

static const char *col(struct imp *im, char **f, const char *name)
{
	int i = csv_find(im->hdr, im->nhdr, name);
	return i < 0 || !f[i][0] ? NULL : f[i];
}

/* A store error as a file:line error of the current file. */
static int store_fail(struct imp *im)
{
	char msg[256];
	snprintf(msg, sizeof msg, "%s", im->e->message);
	return fail_at(im, im->e->code, "%s", msg);
}

/* Runs one write statement with its parameters; 0 or -1 with a file:line error. */
static int run(struct imp *im, const char *sql, const struct store_param *p, int n)
{
	return store_run(im->s, sql, p, n, NULL, im->e) ? store_fail(im) : 0;
}

/* Adds a row to batch k; 0 or -1 with a file:line error. */
static int batch_add(struct imp *im, int k, const struct store_param *row)
{
	return store_batch_add(&im->batch[k], row, im->e) ? store_fail(im) : 0;
}

/* Writes every batch's pending rows: at the end of each file, and before a statement that reads or deletes labels. */
static int flush_all(struct imp *im)
{
	for (int k = 0; k < B_COUNT; k++)
		if (store_batch_flush(&im->batch[k], im->e))
			return -1;
	return 0;
}

/* What a row handler needs beside the row: the file's language, the concepts' kind, where to note their ids. */
struct pass {
	const char *lang;
	const char *kind;
	struct ids *rows;
	const char *label_col; /* label_XX */
	const char *key_col;   /* the column naming the concept: conceptUri when NULL, code for ISCO titles */
};

typedef int row_fn(struct imp *im, char **f, const struct pass *p);

/* Hands each data row of the open file to fn; 0 at the end, -1 on the first error. */
static int rows(struct imp *im, row_fn *fn, const struct pass *p)
{
	char **f;
	int rc;
	while ((rc = next_row(im, &f)) == 1)
		if (fn(im, f, p))
			return -1;
	return rc;
}

static int each_row(struct imp *im, const char *path, const char *const *req, row_fn *fn, const struct pass *p)
{
	return open_csv(im, path, req) ? -1 : rows(im, fn, p);
}

static int upsert_concept(struct imp *im, const char *uri, const char *kind, const char *code, const char *skill_type,
                          const char *reuse, const char *status, int64_t *id)
{
	if (!uri || strncmp(uri, "http", 4) != 0)
		return fail_at(im, ERR_INVALID, "conceptUri is empty or not a URI");
	if (strstr(uri, "/isced-f/")) { /* ESCO lists the ISCED-F fields as skill groups: one concept, kind isced */
		kind = "isced";
		if (!code)
			code = strrchr(uri, '/') + 1;
	}
	const struct store_param p[] = {STORE_P_TEXT(uri),        STORE_P_TEXT(kind),  STORE_P_TEXT(code),
	                                STORE_P_TEXT(skill_type), STORE_P_TEXT(reuse), STORE_P_TEXT(status),
	                                STORE_P_TEXT(strcmp(kind, "isced") == 0 ? "2013" : im->version)};
	bool found;
	if (store_count(im->s, SQL_UPSERT_CONCEPT, p, STORE_NPARAMS(p), id, &found, im->e))
		return store_fail(im);
	if (!found)
		return fail_at(im, ERR_INTERNAL, "%s", "no id returned");
	im->st->concepts++;
	if (strmap_put(&im->uri, uri, *id))
		return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory");
	if (strcmp(kind, "isco") == 0 && code && strmap_put(&im->isco, code, *id))
		return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory");
	return 0;
}

/* Starts writing labels of (id, lang, source). Returns 1 when they should be written, 0 when they must be skipped
 * (osaaja labels where official ESCO labels of that language exist), -1 on error. The first time in a run the old
 * labels of that set are deleted, so a re-import replaces rather than adds. */
static int labels_begin(struct imp *im, int64_t id, const char *lang, const char *source)
{
	char key[96];
	snprintf(key, sizeof key, "%lld|%s|%s", (long long)id, lang, source);
	if (strmap_get(&im->seen, key))
		return 1;
	if (strmap_put(&im->seen, key, 1))
		return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory"), -1;
	if (strcmp(source, "osaaja") == 0) {
		int64_t n = 0;
		const struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(lang)};
		snprintf(key, sizeof key, "%lld|%s", (long long)id, lang);
		if (im->fresh) /* what the database holds, this run wrote */
			n = strmap_get(&im->esco, key) != NULL;
		else if (flush_all(im) || store_count(im->s, SQL_HAS_ESCO, p, 2, &n, NULL, im->e))
			return -1;
		if (n > 0)
			return 0;
	}
	const char *sources[2] = {source, strcmp(source, "esco") == 0 ? "osaaja" : NULL};
	for (int i = 0; i < 2 && sources[i]; i++) {
		/* On a fresh database a set holds only what this run wrote: this set nothing yet, the other only if begun */
		snprintf(key, sizeof key, "%lld|%s|%s", (long long)id, lang, sources[i]);
		if (im->fresh && (i == 0 || !strmap_get(&im->seen, key)))
			continue;
		const struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(lang), STORE_P_TEXT(sources[i])};
		if (flush_all(im) || run(im, SQL_DEL_LABELS, p, 3))
			return -1;
	}
	return 1;
}

static int add_label(struct imp *im, int64_t id, const char *lang, enum tax_label_type type, const char *text,
                     size_t len, const char *source)
{
	while (len && isspace((unsigned char)*text))
		text++, len--;
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	if (!len)
		return 0;
	const struct store_param p[] = {STORE_P_INT(id), STORE_P_TEXT(lang), STORE_P_TEXT(LABEL_TYPES[type]),
	                                STORE_P_TEXTN(text, len), STORE_P_TEXT(source)};
	if (batch_add(im, B_LABELS, p))
		return -1;
	if (strcmp(source, "esco") == 0) {
		char key[64];
		snprintf(key, sizeof key, "%lld|%s", (long long)id, lang);
		if (strmap_put(&im->esco, key, 1))
			return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory");
	}
	im->st->labels++;
	return 0;
}

/* A label of one set: labels_begin, then the label when the set is written. 0 or -1. */
static int set_label(struct imp *im, int64_t id, const char *lang, enum tax_label_type type, const char *text,
                     const char *source)
{
	int b = labels_begin(im, id, lang, source);
	return b < 0 || (b == 1 && text && add_label(im, id, lang, type, text, strlen(text), source)) ? -1 : 0;
}

/* A newline-separated list (ESCO altLabels/hiddenLabels). */
static int add_labels(struct imp *im, int64_t id, const char *lang, enum tax_label_type type, const char *list,
                      const char *source)
{
	while (list && *list) {
		const char *nl = strchr(list, '\n');
		size_t len = nl ? (size_t)(nl - list) : strlen(list);
		if (add_label(im, id, lang, type, list, len, source))
			return -1;
		list = nl ? nl + 1 : NULL;
	}
	return 0;
}

static int concept_labels(struct imp *im, int64_t id, const char *lang, const char *source, char **f)
{
	int rc = labels_begin(im, id, lang, source);
	if (rc <= 0)
		return rc;
	const char *pref = col(im, f, "preferredLabel");
	if (pref && add_label(im, id, lang, TAX_PREFERRED, pref, strlen(pref), source))
		return -1;
	if (add_labels(im, id, lang, TAX_ALT, col(im, f, "altLabels"), source) ||
	    add_labels(im, id, lang, TAX_HIDDEN, col(im, f, "hiddenLabels"), source))
		return -1;
	return 0;
}

static int64_t lookup(struct imp *im, const char *uri)
{
	int64_t *v = uri ? strmap_get(&im->uri, uri) : NULL;
	return v ? *v : -1;
}

/* The id of a known concept (by the row's URI column, or its ISCO code when uri_col is "code"), or -1 after counting
 * the row as skipped. */
static int64_t known(struct imp *im, char **f, const char *uri_col)
{
	const char *key = col(im, f, uri_col);
	int64_t *isco = strcmp(uri_col, "code") == 0 && key ? strmap_get(&im->isco, key) : NULL;
	int64_t id = strcmp(uri_col, "code") == 0 ? (isco ? *isco : -1) : lookup(im, key);
	if (id < 0)
		im->st->skipped++;
	return id;
}

/* occupations_XX / skills_XX / skillGroups_XX / ISCOGroups_XX: concepts with their labels in language lang. */
static int concept_row(struct imp *im, char **f, const struct pass *p)
{
	const char *code = col(im, f, "code");
	if (strcmp(p->kind, "occupation") == 0 && !code)
		code = col(im, f, "iscoGroup");
	int64_t id;
	if (upsert_concept(im, col(im, f, "conceptUri"), p->kind, code, col(im, f, "skillType"), col(im, f, "reuseLevel"),
	                   col(im, f, "status"), &id) ||
	    concept_labels(im, id, p->lang, "esco", f))
		return -1;
	if (p->rows && ids_push(p->rows, id))
		return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory");
	return 0;
}

/* fi/occupations_fi_osaaja.csv etc.: labels of existing concepts, source osaaja; fi/isco08_fi.csv: code,preferredLabel
 * — ISCO titles by code (key_col "code"). */
static int osaaja_label_row(struct imp *im, char **f, const struct pass *p)
{
	int64_t id = known(im, f, p->key_col ? p->key_col : "conceptUri");
	return id < 0 ? 0 : concept_labels(im, id, p->lang, "osaaja", f);
}

/* added/occupations_LANG_added.csv: conceptUri,altLabels — everyday and regional titles the project adds as
 * alternative labels beside the official ones of that language (source osaaja-added; kept even where ESCO has labels
 * in the language, and replaced as a set on a re-import). */
static int added_label_row(struct imp *im, char **f, const struct pass *p)
{
	int64_t id = known(im, f, "conceptUri");
	if (id < 0)
		return 0;
	int rc = labels_begin(im, id, p->lang, "osaaja-added");
	return rc <= 0 ? rc : add_labels(im, id, p->lang, TAX_ALT, col(im, f, "altLabels"), "osaaja-added");
}

/* One label per row: conceptUri,labelType,label_XX (the derived Swedish ESCO labels). */
static int label_row(struct imp *im, char **f, const struct pass *p)
{
	int64_t id = known(im, f, "conceptUri");
	if (id < 0)
		return 0;
	const char *t = col(im, f, "labelType");
	enum tax_label_type type = t && strncmp(t, "pref", 4) == 0     ? TAX_PREFERRED
	                           : t && strncmp(t, "hidden", 6) == 0 ? TAX_HIDDEN
	                                                               : TAX_ALT;
	return set_label(im, id, p->lang, type, col(im, f, p->label_col), "esco");
}

static int import_label_rows(struct imp *im, const char *path, const char *lang)
{
	char colname[32];
	snprintf(colname, sizeof colname, "label_%s", lang);
	const char *const req[] = {"conceptUri", "labelType", colname, NULL};
	return each_row(im, path, req, label_row, &(struct pass){.lang = lang, .label_col = colname});
}

static int add_broader(struct imp *im, int64_t id, int64_t broader)
{
	const struct store_param p[] = {STORE_P_INT(id), STORE_P_INT(broader)};
	if (batch_add(im, B_BROADER, p))
		return -1;
	im->st->broader++;
	return 0;
}

/* Preferred labels from the header's columns "<prefix>XX" (XX the language); skip_sub: pass over label_en_GB. */
static int header_labels(struct imp *im, char **f, int64_t id, const char *prefix, bool skip_sub, const char *source)
{
	size_t n = strlen(prefix);
	for (size_t i = 0; i < im->nhdr; i++) {
		const char *lang = im->hdr[i] + n;
		if (strncmp(im->hdr[i], prefix, n) != 0 || !f[i][0] || (skip_sub && strchr(lang, '_')))
			continue;
		if (set_label(im, id, lang, TAX_PREFERRED, f[i], source))
			return -1;
	}
	return 0;
}

/* isco08_structure*.csv: code,level,parent_code,conceptUri,title_en,title_sv — groups, hierarchy, en/sv titles. */
static int isco_structure_row(struct imp *im, char **f, const struct pass *p)
{
	(void)p;
	int64_t id;
	if (upsert_concept(im, col(im, f, "conceptUri"), "isco", col(im, f, "code"), NULL, NULL, "released", &id) ||
	    header_labels(im, f, id, "title_", false, "esco"))
		return -1;
	const char *parent = col(im, f, "parent_code");
	int64_t *pid = parent ? strmap_get(&im->isco, parent) : NULL;
	if (parent && !pid)
		return fail_at(im, ERR_INVALID, "parent_code %s is not listed before its children", parent);
	return pid ? add_broader(im, id, *pid) : 0;
}

/* iscedf2013_fields.csv: code,level,...,label_XX — ISCED-F fields with labels, parent = code minus its last digit. */
static int isced_row(struct imp *im, char **f, const struct pass *p)
{
	(void)p;
	const char *code = col(im, f, "code");
	if (!code || strlen(code) < 2 || strlen(code) > 4)
		return fail_at(im, ERR_INVALID, "code must be 2 to 4 digits");
	char uri[64];
	snprintf(uri, sizeof uri, "http://data.europa.eu/esco/isced-f/%s", code);
	int64_t id;
	if (upsert_concept(im, uri, "isced", code, NULL, NULL, "released", &id) ||
	    header_labels(im, f, id, "label_", true, "isced")) /* label_en_GB duplicates label_en */
		return -1;
	if (strlen(code) > 2) {
		snprintf(uri, sizeof uri, "http://data.europa.eu/esco/isced-f/%.*s", (int)strlen(code) - 1, code);
		int64_t pid = lookup(im, uri);
		if (pid >= 0 && add_broader(im, id, pid))
			return -1;
	}
	return 0;
}

static int add_relation(struct imp *im, int64_t occ, int64_t skill, const char *type)
{
	if (!type || (strcmp(type, "essential") != 0 && strcmp(type, "optional") != 0))
		return fail_at(im, ERR_INVALID, "relationType must be essential or optional");
	const struct store_param p[] = {STORE_P_INT(occ), STORE_P_INT(skill), STORE_P_TEXT(type)};
	if (batch_add(im, B_RELATIONS, p))
		return -1;
	im->st->relations++;
	return 0;
}

/* The ids of the concepts a row links by URI (columns ca and cb); false after counting the row as skipped when
 * either is unknown. */
static bool known_pair(struct imp *im, char **f, const char *ca, const char *cb, int64_t *a, int64_t *b)
{
	*a = lookup(im, col(im, f, ca));
	*b = lookup(im, col(im, f, cb));
	if (*a >= 0 && *b >= 0)
		return true;
	im->st->skipped++;
	return false;
}

static int relation_row(struct imp *im, char **f, const struct pass *p)
{
	(void)p;
	int64_t o, s;
	return known_pair(im, f, "occupationUri", "skillUri", &o, &s) ? add_relation(im, o, s, col(im, f, "relationType"))
	                                                                : 0;
}

static bool parse_row(const char *s, size_t n, size_t *out)
{
	char *end;
	if (!s || !isdigit((unsigned char)*s))
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end || v >= n)
		return false;
	*out = (size_t)v;
	return true;
}

/* Shipped layout: occupationRow,relationType,skillRow — data-row numbers of occupations_en / skills_en. */
static int relation_number_row(struct imp *im, char **f, const struct pass *p)
{
	(void)p;
	size_t o, s;
	if (!parse_row(col(im, f, "occupationRow"), im->occ_rows.n, &o) ||
	    !parse_row(col(im, f, "skillRow"), im->skill_rows.n, &s))
		return fail_at(im, ERR_INVALID, "occupationRow or skillRow is not a row of occupations_en/skills_en");
	return add_relation(im, im->occ_rows.v[o], im->skill_rows.v[s], col(im, f, "relationType"));
}

static int import_relation_rows(struct imp *im, const char *path)
{
	static const char *const req[] = {"occupationRow", "relationType", "skillRow", NULL};
	if (open_csv(im, path, req))
		return -1;
	if (!im->occ_rows.n || !im->skill_rows.n)
		return fail_at(im, ERR_INVALID, "needs occupations_en and skills_en in the same folder");
	return rows(im, relation_number_row, NULL);
}

static int broader_row(struct imp *im, char **f, const struct pass *p)
{
	(void)p;
	int64_t c, b;
	return known_pair(im, f, "conceptUri", "broaderUri", &c, &b) ? add_broader(im, c, b) : 0;
}

/* ---- finding the files ---- */
enum ftype {
	F_ISCO, F_SKILLGROUP, F_OCC, F_SKILL, F_LABEL_ROWS, F_ISCO_STRUCT, F_ISCED, F_OSAAJA, F_ISCO_TITLES, F_REL,
	F_REL_ROWS, F_BROADER, F_ADDED, F_NTYPES
};

struct found {
	char path[1024];
	enum ftype type;
	char lang[16];
	char dir[1024];
};

/* "occupations_" + lang + ".csv": lang is 2 to 8 letters or '-' (pt-PT). */
static bool lang_file(const char *name, const char *prefix, const char *suffix, char *lang, size_t lsize)
{
	size_t p = strlen(prefix), s = strlen(suffix), n = strlen(name);
	if (n <= p + s || strncmp(name, prefix, p) != 0 || strcmp(name + n - s, suffix) != 0)
		return false;
	size_t l = n - p - s;
	if (l < 2 || l > 8 || l >= lsize)
		return false;
	for (size_t i = 0; i < l; i++)
		if (!isalpha((unsigned char)name[p + i]) && name[p + i] != '-')
			return false;
	memcpy(lang, name + p, l);
	lang[l] = 0;
	return true;
}

static bool classify(const char *file, struct found *fd)
{
	char name[256];
	snprintf(name, sizeof name, "%s", file);
	if (has_suffix(name, ".gz"))
		name[strlen(name) - 3] = 0;
	char *l = fd->lang;
	size_t ls = sizeof fd->lang;
	if (lang_file(name, "ISCOGroups_", ".csv", l, ls))
		fd->type = F_ISCO;
	else if (lang_file(name, "skillGroups_", ".csv", l, ls))
		fd->type = F_SKILLGROUP;
	else if (lang_file(name, "occupations_", "_osaaja.csv", l, ls) || lang_file(name, "skills_", "_osaaja.csv", l, ls))
		fd->type = F_OSAAJA;
	else if (lang_file(name, "occupations_", "_added.csv", l, ls))
		fd->type = F_ADDED;
	else if (lang_file(name, "occupations_", ".csv", l, ls))
		fd->type = F_OCC;
	else if (lang_file(name, "skills_", ".csv", l, ls))
		fd->type = F_SKILL;
	else if (lang_file(name, "occupation_labels_", ".csv", l, ls) ||
	         lang_file(name, "esco_v1.1.1_occupation_labels_", ".csv", l, ls))
		fd->type = F_LABEL_ROWS;
	else if (strncmp(name, "isco08_structure", 16) == 0 && has_suffix(name, ".csv"))
		fd->type = F_ISCO_STRUCT;
	else if (lang_file(name, "isco08_", ".csv", l, ls))
		fd->type = F_ISCO_TITLES;
	else if (strcmp(name, "iscedf2013_fields.csv") == 0)
		fd->type = F_ISCED;
	else if (strcmp(name, "occupationSkillRelations.csv") == 0)
		fd->type = F_REL;
	else if (strcmp(name, "occupationSkillRelations_rows.csv") == 0)
		fd->type = F_REL_ROWS;
	else if (strncmp(name, "broaderRelations", 16) == 0 && has_suffix(name, ".csv"))
		fd->type = F_BROADER;
	else
		return false;
	return true;
}

static bool is_dir(const char *p)
{
	struct stat sb = {0};
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int cmp_found(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	/* English first: the other languages' files then only add labels. */
	int xe = strcmp(x->lang, "en") == 0, ye = strcmp(y->lang, "en") == 0;
	if (xe != ye)
		return ye - xe;
	return strcmp(x->path, y->path);
}

static int scan(const char *dir, struct found *out, size_t *n, struct err *e)
{
	char dirs[MAX_DIRS][1024];
	size_t nd = 0;
	static const char *const subs[] = {"", "esco", "esco/derived", "isco", "isced", "fi", "added", NULL};
	for (int i = 0; subs[i]; i++) {
		snprintf(dirs[nd], sizeof dirs[nd], "%.900s%s%s", dir, subs[i][0] ? "/" : "", subs[i]);
		if (is_dir(dirs[nd]))
			nd++;
	}
	char escodir[1024];
	snprintf(escodir, sizeof escodir, "%.900s/esco", dir);
	DIR *d = opendir(escodir);
	struct dirent *de;
	while (d && (de = readdir(d)) && nd < MAX_DIRS) {
		if (de->d_name[0] == 'v' && isdigit((unsigned char)de->d_name[1])) {
			snprintf(dirs[nd], sizeof dirs[nd], "%.800s/%.200s", escodir, de->d_name);
			if (is_dir(dirs[nd]))
				nd++;
		}
	}
	if (d)
		closedir(d);
	for (size_t i = 0; i < nd; i++) {
		if (!(d = opendir(dirs[i])))
			continue;
		while ((de = readdir(d))) {
			struct found fd = {0};
			memset(&fd, 0, sizeof fd);
			if (!classify(de->d_name, &fd))
				continue;
			if (*n == MAX_FILES) {
				closedir(d);
				return err_set(e, ERR_TOO_BIG, "dir", "%s: more than %d taxonomy files", dir, MAX_FILES);
			}
			snprintf(fd.path, sizeof fd.path, "%.800s/%.200s", dirs[i], de->d_name);
			snprintf(fd.dir, sizeof fd.dir, "%.1000s", dirs[i]);
			out[(*n)++] = fd;
		}
		closedir(d);
	}
	qsort(out, *n, sizeof *out, cmp_found);
	return 0;
}

/* The version recorded on ESCO concepts: "esco vX" in MANIFEST, else an esco/vX folder name. */
static void find_version(const char *dir, const struct found *files, size_t n, char *out, size_t size, bool *shipped)
{
	char path[1100];
	snprintf(path, sizeof path, "%s/MANIFEST", dir);
	FILE *f = fopen(path, "r");
	*shipped = false;
	out[0] = 0;
	if (f) {
		char line[128];
		while (fgets(line, sizeof line, f)) {
			if (strncmp(line, "osaaja-taxonomy ", 16) == 0)
				*shipped = true;
			if (strncmp(line, "esco v", 6) == 0)
				snprintf(out, size, "%.*s", (int)strcspn(line + 5, " \r\n"), line + 5);
		}
		fclose(f);
	}
	for (size_t i = 0; i < n && !out[0]; i++) {
		const char *v = strstr(files[i].path, "/esco/v");
		if (v)
			snprintf(out, size, "%.*s", (int)strcspn(v + 6, "/"), v + 6);
	}
}

/* Per file type: the columns it must have, the handler of its rows, the kind of its concepts (concept files only)
 * and the column naming the concept (NULL: conceptUri). The label and relation row files have readers of their own. */
static const char *const concept_cols[] = {"conceptUri", "preferredLabel", NULL};
static const char *const title_cols[] = {"code", "preferredLabel", NULL};
static const char *const added_cols[] = {"conceptUri", "altLabels", NULL};
static const char *const isco_cols[] = {"code", "parent_code", "conceptUri", NULL};
static const char *const isced_cols[] = {"code", NULL};
static const char *const rel_cols[] = {"occupationUri", "relationType", "skillUri", NULL};
static const char *const broader_cols[] = {"conceptUri", "broaderUri", NULL};
static const struct {
	const char *const *cols;
	row_fn *fn;
	const char *kind;
	const char *key_col;
} file_types[F_NTYPES] = {
	[F_ISCO] = {concept_cols, concept_row, "isco", NULL},
	[F_SKILLGROUP] = {concept_cols, concept_row, "skillgroup", NULL},
	[F_OCC] = {concept_cols, concept_row, "occupation", NULL},
	[F_SKILL] = {concept_cols, concept_row, "skill", NULL},
	[F_ISCO_STRUCT] = {isco_cols, isco_structure_row, NULL, NULL},
	[F_ISCED] = {isced_cols, isced_row, NULL, NULL},
	[F_OSAAJA] = {concept_cols, osaaja_label_row, NULL, NULL},
	[F_ISCO_TITLES] = {title_cols, osaaja_label_row, NULL, "code"},
	[F_ADDED] = {added_cols, added_label_row, NULL, NULL},
	[F_REL] = {rel_cols, relation_row, NULL, NULL},
	[F_BROADER] = {broader_cols, broader_row, NULL, NULL},
};

static int import_one(struct imp *im, const struct found *fd)
{
	if (fd->type == F_LABEL_ROWS)
		return import_label_rows(im, fd->path, fd->lang);
	if (fd->type == F_REL_ROWS)
		return import_relation_rows(im, fd->path);
	if ((size_t)fd->type >= F_NTYPES || !file_types[fd->type].fn)
		return 0;
	struct pass p = {.lang = fd->lang, .kind = file_types[fd->type].kind, .key_col = file_types[fd->type].key_col};
	/* the English occupation and skill files note the ids of their concepts */
	if ((fd->type == F_OCC || fd->type == F_SKILL) && strcmp(fd->lang, "en") == 0) {
		p.rows = fd->type == F_OCC ? &im->occ_rows : &im->skill_rows;
		p.rows->n = 0;
	}
	return each_row(im, fd->path, file_types[fd->type].cols, file_types[fd->type].fn, &p);
}

static int load_known(struct imp *im)
{
	struct store_stmt *st;
	if (store_prepare(im->s, SQL_CONCEPT_IDS, &st, im->e))
		return -1;
	int rc;
	while ((rc = store_step(st, im->e)) == STORE_ROW)
		if (strmap_put(&im->uri, store_col_text(st, 1), store_col_int(st, 0)))
			return err_set(im->e, ERR_UNAVAILABLE, NULL, "out of memory");
	return rc < 0 ? -1 : 0;
}

int tax_import_dir(struct store *s, const char *dir, bool progress, struct tax_import_stats *st, struct err *e)
{
	struct tax_import_stats local = {0};
	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if (!is_dir(dir))
		return err_set(e, ERR_NOT_FOUND, "dir", "%s: not a folder", dir);
	struct found *files = calloc(MAX_FILES, sizeof *files);
	if (!files)
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	size_t n = 0;
	char version[32];
	struct imp im = {.s = s, .e = e, .st = st, .progress = progress, .batch = malloc(sizeof batch_of)};
	if (!im.batch) {
		free(files);
		return err_set(e, ERR_UNAVAILABLE, NULL, "out of memory");
	}
	for (int k = 0; k < B_COUNT; k++) {
		im.batch[k] = batch_of[k];
		im.batch[k].s = s;
	}
	int rc = scan(dir, files, &n, e);
	if (rc == 0 && n == 0)
		rc = err_set(e, ERR_NOT_FOUND, "dir", "%s: no taxonomy files (occupations_XX.csv, skills_XX.csv, ...)", dir);
	if (rc == 0) {
		find_version(dir, files, n, version, sizeof version, &st->shipped_layout);
		im.version = version[0] ? version : NULL;
		rc = store_begin(s, e);
	}
	if (rc == 0) {
		bool any = false;
		rc = load_known(&im) || store_exists(s, SQL_ANY_LABEL, NULL, 0, &any, e) ? -1 : 0;
		im.fresh = !any;
		/* Relation rows refer to the occupations/skills file of their own folder, which sorts before them. */
		for (size_t i = 0; i < n && rc == 0; i++) {
			rc = import_one(&im, &files[i]);
			if (rc == 0 && flush_all(&im)) /* a batch's error names the file it came from */
				rc = store_fail(&im);
			close_csv(&im);
		}
		if (rc == 0)
			rc = store_commit(s, e);
		else
			store_rollback(s);
	}
	close_csv(&im);
	for (int k = 0; k < B_COUNT; k++)
		store_batch_clear(&im.batch[k]);
	free(im.batch);
	strmap_free(&im.uri);
	strmap_free(&im.seen);
	strmap_free(&im.esco);
	strmap_free(&im.isco);
	free(im.occ_rows.v);
	free(im.skill_rows.v);
	free(files);
	return rc ? -1 : 0;
}
