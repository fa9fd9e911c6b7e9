/* api_taxonomy: ESCO concept search for pickers and forms. The search index is built from the store's tax_* tables at
 * start-up and shared read-only by every worker thread (a re-import is seen after a restart).
 *   GET /api/v1/taxonomy/search?q=TEXT&lang=fi|sv|en|...&kind=occupation|skill|isco|isced&limit=N
 *   GET /api/v1/taxonomy/map-title?title=TEXT&lang=..&limit=N   free-text job title -> ESCO occupations
 * ESCO is public reference data: these routes need no login (the public intake form uses them too).
 * Occupation lookups (map-title, and search with kind=occupation) run on a second, occupations-only index, as
 * `osaaja taxonomy map|search --kind occupation` does, so the route and the CLI rank the same title the same way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/validate.h"
#include "taxonomy/taxonomy.h"
#include "web/modules.h"

static struct tax_index *ix, *occ;

int api_taxonomy_start(struct store *s, const char *db_url)
{
	(void)db_url;
	struct err e = {0};
	if (tax_index_load(s, 0, &ix, &e) || tax_index_load(s, TAX_OCCUPATION, &occ, &e)) {
		fprintf(stderr, "osaaja serve: cannot build the taxonomy search index: %s\n", e.message);
		tax_index_free(ix);
		ix = NULL;
		return -1;
	}
	log_info("event=taxonomy_index_loaded concepts=%zu labels=%zu occupation_labels=%zu", tax_index_concepts(ix),
	         tax_index_labels(ix), tax_index_labels(occ));
	tax_shared_set(ix); /* skill suggestions read it */
	tax_title_set(occ); /* work-history and target titles are coded with it as they are written (app/entity.c) */
	return 0;
}

const struct tax_index *api_taxonomy_index(void)
{
	return ix;
}

void api_taxonomy_stop(void)
{
	tax_shared_set(NULL);
	tax_title_set(NULL);
	tax_index_free(ix);
	tax_index_free(occ);
	ix = occ = NULL;
}

static int text_arg(struct web_request *r, const char *name, const char **out)
{
	const char *q = web_query(r, name);
	if (!q || !*q)
		return web_error(r, ERR_INVALID, name, "%s is required: the text to look up", name);
	if (strlen(q) > 200 || !validate_utf8(q, strlen(q)))
		return web_error(r, ERR_INVALID, name, "%s must be text of at most 200 bytes", name);
	*out = q;
	return 0;
}

static int common_args(struct web_request *r, const char **lang, size_t *limit)
{
	*lang = web_query(r, "lang");
	if (!*lang)
		*lang = "fi";
	if (!validate_lang_code(*lang))
		return web_error(r, ERR_INVALID, "lang", "lang must be a two-letter language code such as fi, sv or en");
	const char *l = web_query(r, "limit");
	*limit = 10;
	if (l) {
		char *end;
		long v = strtol(l, &end, 10);
		if (!*l || *end || v < 1 || v > 50)
			return web_error(r, ERR_INVALID, "limit", "limit must be a whole number from 1 to 50");
		*limit = (size_t)v;
	}
	return 0;
}

/* What every lookup takes: the text (in the query parameter its route names), lang and limit. */
struct lookup {
	const char *text, *lang;
	size_t limit;
};

static int lookup_args(struct web_request *r, const char *name, struct lookup *a)
{
	int rc = text_arg(r, name, &a->text);
	return rc ? rc : common_args(r, &a->lang, &a->limit);
}

static json_t *hits_json(const struct tax_hit *hits, size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s,s:s,s:s,s:s?,s:f}", "uri", hits[i].uri, "label", hits[i].label ? hits[i].label : "",
		                      "kind", tax_kind_name(hits[i].kind), "matched", hits[i].matched, "score", hits[i].score);
		if (o && hits[i].isco[0])
			json_object_set_new(o, "isco", json_string(hits[i].isco));
		json_array_append_new(arr, o);
	}
	return arr;
}

static int search(struct web_request *r)
{
	struct lookup a = {0};
	int rc = lookup_args(r, "q", &a);
	if (rc)
		return rc;
	unsigned kinds = 0;
	const char *k = web_query(r, "kind");
	if (k) {
		int v = tax_kind_parse(k);
		if (v < 0)
			return web_error(r, ERR_INVALID, "kind", "kind must be occupation, skill, skillgroup, isco, isced or any");
		kinds = (unsigned)v;
	}
	if (!ix)
		return web_error(r, ERR_UNAVAILABLE, "", "the taxonomy search index is not loaded");
	struct tax_hit hits[50];
	size_t n = 0;
	struct err e = {0};
	const struct tax_index *use = kinds == TAX_OCCUPATION && occ ? occ : ix;
	if ((rc = tax_search(use, a.text, a.lang, kinds, a.limit, hits, &n, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:o}", "items", hits_json(hits, n)));
}

static int map_title(struct web_request *r)
{
	struct lookup a = {0};
	int rc = lookup_args(r, "title", &a);
	if (rc)
		return rc;
	if (!ix)
		return web_error(r, ERR_UNAVAILABLE, "", "the taxonomy search index is not loaded");
	struct tax_hit hits[50];
	size_t n = 0;
	bool mapped = false;
	struct err e = {0};
	if ((rc = tax_map_title(occ ? occ : ix, a.text, a.lang, a.limit, hits, &n, &mapped, &e)))
		return web_fail(r, rc, &e);
	return web_json(r, 200, json_pack("{s:b,s:o}", "mapped", mapped, "items", hits_json(hits, n)));
}

const struct route api_taxonomy_routes[] = {
	{"GET", "/api/v1/taxonomy/search", search, NULL, RF_PUBLIC | RF_NO_TX, 0,
	 "ranked ESCO concepts for typed text (?q, lang, kind, limit)"},
	{"GET", "/api/v1/taxonomy/map-title", map_title, NULL, RF_PUBLIC | RF_NO_TX, 0,
	 "a free-text job title mapped to ESCO occupations (?title, lang, limit)"},
};
const size_t api_taxonomy_routes_count = sizeof api_taxonomy_routes / sizeof *api_taxonomy_routes;
