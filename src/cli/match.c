/* cli match: best vacancies for a client, or best clients for a vacancy, from an index built from the database. */
#include <errno.h>
#include <jansson.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "match/match.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja match --client ID | --vacancy ID [--limit N] [--filter-hard] [--lang fi|sv|en] [--json]\n"
	           "                    [--db FILE|postgres://...]\n"
	           "Scores against every organisation in the database (an administrator's view); the web API scopes\n"
	           "to the caller's organisations.\n");
}

static int parse_id(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int all_orgs(struct store *s, int64_t **orgs, size_t *n)
{
	struct err e = {0};
	struct store_stmt *st;
	int rc;
	*orgs = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT id FROM organisations ORDER BY id LIMIT 4096", &st, &e))
		return -1;
	int64_t *v = malloc(MATCH_MAX_ORGS * sizeof *v);
	if (!v)
		return -1;
	while ((rc = store_step(st, &e)) == STORE_ROW && *n < MATCH_MAX_ORGS)
		v[(*n)++] = store_col_int(st, 0);
	store_reset(st);
	*orgs = v;
	return rc < 0 ? -1 : 0;
}

static void print_text(const struct match_result *r)
{
	printf("%s %" PRId64 ": %zu candidates, %zu filtered out\n", r->subject == MATCH_FOR_CLIENT ? "client" : "vacancy",
	       r->subject_id, r->candidates, r->filtered);
	for (size_t i = 0; i < r->nitems; i++) {
		const struct match_item *it = &r->items[i];
		printf("%3zu. %s %-8" PRId64 " score %6.2f  (skill %.3f, occupation %.1f [%d digits], education %.2f, "
		       "language %.2f)\n",
		       i + 1, r->subject == MATCH_FOR_CLIENT ? "vacancy" : "client", it->id, it->score, it->skill,
		       it->occupation, it->isco_digits, it->education_fit, it->language_fit);
		for (size_t k = 0; k < it->nmatched && k < 5; k++)
			printf("       + %s (%.3f)\n", it->matched[k].label ? it->matched[k].label
			                                 : it->matched[k].uri ? it->matched[k].uri : "?",
			       it->matched[k].contribution);
		for (size_t k = 0; k < it->nmissing && k < 5; k++) {
			printf("       - %s", it->missing[k].label ? it->missing[k].label
			                      : it->missing[k].uri ? it->missing[k].uri : "?");
			for (size_t c = 0; c < it->missing[k].ncourses; c++)
				printf("%s%s", c ? ", " : "  course: ", it->missing[k].courses[c].name);
			printf("\n");
		}
		for (size_t k = 0; k < it->nlang_gaps; k++)
			printf("       ! %s %s needed, has %s\n", it->lang_gaps[k].language,
			       match_cefr_name(it->lang_gaps[k].required_level),
			       it->lang_gaps[k].client_level ? match_cefr_name(it->lang_gaps[k].client_level) : "none");
		for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1)
			if (it->hard_failed & bit)
				printf("       ! requirement not met: %s\n", match_hard_name(bit));
	}
}

int cli_match(int argc, char **argv)
{
	int64_t client = 0, vacancy = 0;
	long limit = 20;
	int json = 0;
	struct match_query q = {0};
	struct match_load_options lo = {0};
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(a, "--client") == 0 && next) {
			if (parse_id(next, &client))
				goto bad;
			i++;
		} else if (strcmp(a, "--vacancy") == 0 && next) {
			if (parse_id(next, &vacancy))
				goto bad;
			i++;
		} else if (strcmp(a, "--limit") == 0 && next) {
			char *end;
			limit = strtol(next, &end, 10);
			if (*end || limit < 1 || limit > MATCH_MAX_LIMIT)
				goto bad;
			i++;
		} else if (strcmp(a, "--lang") == 0 && next) {
			lo.lang = next;
			i++;
		} else if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--filter-hard") == 0) {
			q.flags |= MATCH_Q_FILTER_HARD;
		} else if (strcmp(a, "--db") == 0 && next) {
			i++;
		} else if (strncmp(a, "--db=", 5) != 0) {
			goto bad;
		}
	}
	if (!client == !vacancy)
		goto bad;

	struct store *s = cli_open_store(cli_db_arg(argc, argv));
	if (!s)
		return 1;
	struct err e = {0};
	struct match_index *idx = NULL;
	struct arena *ar = arena_new(0);
	int64_t *orgs = NULL;
	int rc = 1;
	if (!ar || all_orgs(s, &orgs, &q.norgs)) {
		fprintf(stderr, "osaaja match: cannot read organisations\n");
		goto out;
	}
	if (match_index_load(s, &lo, &idx, &e)) {
		fprintf(stderr, "osaaja match: %s\n", e.message);
		goto out;
	}
	q.orgs = orgs;
	q.limit = (size_t)limit;
	struct match_result *r;
	if ((client ? match_for_client(idx, client, &q, ar, &r, &e) : match_for_vacancy(idx, vacancy, &q, ar, &r, &e))) {
		fprintf(stderr, "osaaja match: %s\n", e.message);
		goto out;
	}
	if (json) {
		/* The API's document, indented and with shorter reals for a person reading it. */
		struct buf b = {0};
		buf_init(&b, 0);
		json_t *j = match_result_write_json(r, NULL, &b) ? NULL : json_loadb(b.data, b.len, 0, NULL);
		buf_free(&b);
		if (!j || json_dumpf(j, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6)) != 0) {
			json_decref(j);
			fprintf(stderr, "osaaja match: cannot write JSON\n");
			goto out;
		}
		json_decref(j);
		printf("\n");
	} else {
		print_text(r);
	}
	rc = 0;
out:
	free(orgs);
	arena_free(ar);
	match_index_free(idx);
	store_close(s);
	return rc;
bad:
	usage(stderr);
	return 2;
}
