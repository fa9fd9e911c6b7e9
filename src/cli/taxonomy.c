/* cli taxonomy: search ESCO occupations and skills, or map a job title, printing JSON. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "store/store.h"
#include "taxonomy/taxonomy.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja taxonomy search TEXT [--lang fi|sv|en] [--kind occupation|skill|isco|isced|any]\n"
	           "                         [--limit N] [--json] [--db FILE|postgres://...]\n"
	           "       osaaja taxonomy map TITLE [--lang fi|sv|en] [--limit N] [--db ...]\n"
	           "search: ranked concepts as a JSON array of {uri, label, matched, kind, isco, score}.\n"
	           "map: a free-text job title to ESCO occupations: {\"mapped\": bool, \"hits\": [...]}; unmapped titles\n"
	           "are kept as written for a counsellor to code.\n");
}

static json_t *hits_json(const struct tax_hit *h, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:f}", "uri", h[i].uri, "label", h[i].label, "matched",
		                      h[i].matched, "kind", tax_kind_name(h[i].kind),
		                      "score", h[i].score);
		if (o && h[i].isco[0])
			json_object_set_new(o, "isco", json_string(h[i].isco));
		else if (o)
			json_object_set_new(o, "isco", json_null());
		json_array_append_new(a, o);
	}
	return a;
}

int cli_taxonomy(int argc, char **argv)
{
	struct opt opts[] = {{"db", true, NULL},    {"lang", true, NULL}, {"kind", true, NULL},
	                     {"limit", true, NULL}, {"json", false, NULL}, {"help", false, NULL}};
	const char *pos[3];
	int npos = 0;
	int rc = opts_begin("taxonomy", usage, argc, argv, opts, 6, pos, 3, &npos, 2, 2);
	if (rc >= 0)
		return rc;
	bool map = strcmp(pos[0], "map") == 0;
	if (!map && strcmp(pos[0], "search") != 0) {
		usage(stderr);
		return 2;
	}
	const char *lang = opts[1].value ? opts[1].value : "fi";
	int kind = opts[2].value ? tax_kind_parse(opts[2].value) : map ? TAX_OCCUPATION : 0;
	if (kind < 0) {
		fprintf(stderr, "osaaja taxonomy: unknown --kind '%s'\n", opts[2].value);
		return 2;
	}
	long limit = 10;
	if (opts[3].value && !opts_long("taxonomy", "limit", opts[3].value, 1, TAX_MAX_LIMIT, &limit))
		return 2;
	struct store *s = cli_open_store(opts[0].value ? opts[0].value : cli_default_db());
	if (!s)
		return 1;
	struct tax_index *ix;
	struct err e = {0};
	rc = tax_index_load(s, (unsigned)kind, &ix, &e);
	store_close(s);
	if (rc) {
		fprintf(stderr, "osaaja taxonomy: %s\n", e.message);
		return 1;
	}
	if (tax_index_labels(ix) == 0)
		fprintf(stderr, "osaaja taxonomy: the taxonomy is empty; run: osaaja import-taxonomy data/taxonomy\n");
	struct tax_hit *hits = calloc((size_t)limit, sizeof *hits);
	size_t n = 0;
	bool mapped = false;
	rc = !hits ? err_set(&e, ERR_UNAVAILABLE, NULL, "out of memory")
	     : map ? tax_map_title(ix, pos[1], lang, (size_t)limit, hits, &n, &mapped, &e)
	           : tax_search(ix, pos[1], lang, (unsigned)kind, (size_t)limit, hits, &n, &e);
	if (rc == 0) {
		json_t *out = hits_json(hits, n);
		if (map)
			out = json_pack("{s:b, s:s, s:o}", "mapped", mapped, "text", pos[1], "hits", out);
		char *text = out ? json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) : NULL;
		if (text)
			printf("%s\n", text);
		else
			rc = err_set(&e, ERR_UNAVAILABLE, NULL, "out of memory");
		free(text);
		json_decref(out);
	}
	if (rc)
		fprintf(stderr, "osaaja taxonomy: %s\n", e.message);
	free(hits);
	tax_index_free(ix);
	return rc ? 1 : 0;
}
