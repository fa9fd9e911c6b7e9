/* cli report: programme indicators on the command line, through the same code path as the API and the dashboard
 * (src/report/). Also recomputes "matches competence" for existing outcomes after a rule or taxonomy change. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/opts.h"
#include "report/report.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja report [--db FILE|postgres://...] [--org ID] [--programme ID] [--target-group NAME]\n"
	           "                     [--municipality NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
	           "                     [--format text|json|csv|xlsx] [--output FILE] [--min-cell K]\n"
	           "       osaaja report --crosstab ROWS,COLS [--measure outcomes|new_clients] [filters] [--format ...]\n"
	           "       osaaja report --esf [filters] [--format text|json|csv]  (ESF+ common indicators)\n"
	           "       osaaja report --recompute-matches [--org ID] [--db ...]\n"
	           "Without --org the figures cover every organisation in the database. The period defaults to the\n"
	           "current year up to today. csv and xlsx are exports for funders: counts from 1 to K-1 are written\n"
	           "\"<K\" (K from --min-cell, else OSAAJA_REPORT_MIN_CELL, else 5); text and json are exact.\n"
	           "Definitions: docs/outcomes.md.\n");
}

static int write_out(const char *path, const struct buf *b)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "osaaja report: cannot write %s: %s\n", path, strerror(errno));
		return 1;
	}
	size_t n = b->len ? fwrite(b->data, 1, b->len, f) : 0;
	int bad = n != b->len;
	if (path)
		bad |= fclose(f) != 0;
	else
		bad |= fflush(f) != 0;
	if (bad) {
		fprintf(stderr, "osaaja report: writing the output failed\n");
		return 1;
	}
	return 0;
}

static int json_out(json_t *j, struct buf *b)
{
	char *s = j ? json_dumps(j, JSON_INDENT(2)) : NULL;
	json_decref(j);
	if (!s)
		return -1;
	buf_puts(b, s);
	buf_puts(b, "\n");
	free(s);
	return 0;
}

int cli_report(int argc, char **argv)
{
	enum { O_DB, O_ORG, O_PROG, O_TG, O_MUN, O_FROM, O_TO, O_FORMAT, O_OUTPUT, O_CROSS, O_MEASURE, O_RECOMPUTE,
	       O_MINCELL, O_ESF, O_HELP, O_N };
	struct opt o[O_N] = {
		[O_DB] = {"db", true, NULL},          [O_ORG] = {"org", true, NULL},
		[O_PROG] = {"programme", true, NULL}, [O_TG] = {"target-group", true, NULL},
		[O_MUN] = {"municipality", true, NULL}, [O_FROM] = {"from", true, NULL},
		[O_TO] = {"to", true, NULL},          [O_FORMAT] = {"format", true, NULL},
		[O_OUTPUT] = {"output", true, NULL},  [O_CROSS] = {"crosstab", true, NULL},
		[O_MEASURE] = {"measure", true, NULL}, [O_RECOMPUTE] = {"recompute-matches", false, NULL},
		[O_MINCELL] = {"min-cell", true, NULL}, [O_ESF] = {"esf", false, NULL},
		[O_HELP] = {"help", false, NULL},
	};
	int npos;
	const char *pos[1];
	if (opts_parse("report", argc, argv, o, O_N, pos, 0, &npos)) {
		usage(stderr);
		return 2;
	}
	if (o[O_HELP].value) {
		usage(stdout);
		return 0;
	}
	const char *format = o[O_FORMAT].value ? o[O_FORMAT].value : "text";
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx")) {
		fprintf(stderr, "osaaja report: --format must be text, json, csv or xlsx\n");
		return 2;
	}
	if (strcmp(format, "xlsx") == 0 && !o[O_OUTPUT].value) {
		fprintf(stderr, "osaaja report: --format xlsx needs --output FILE\n");
		return 2;
	}
	if (o[O_ESF].value && (o[O_CROSS].value || strcmp(format, "xlsx") == 0)) {
		fprintf(stderr, "osaaja report: --esf writes text, json or csv, and not with --crosstab\n");
		return 2;
	}
	int min_cell = report_min_cell();
	if (o[O_MINCELL].value) {
		char *end;
		long k = strtol(o[O_MINCELL].value, &end, 10);
		if (*end || k < 2 || k > 1000) {
			fprintf(stderr, "osaaja report: --min-cell must be 2..1000\n");
			return 2;
		}
		min_cell = (int)k;
	}
	bool funder = strcmp(format, "csv") == 0 || strcmp(format, "xlsx") == 0; /* leaves the service */
	struct report_filter f = {0};
	report_filter_init(&f, 0);
	struct err e = {0};
	static const struct {
		int opt;
		const char *name;
	} map[] = {{O_ORG, "organisation_id"}, {O_PROG, "programme_id"}, {O_TG, "target_group"},
	           {O_MUN, "municipality"},    {O_FROM, "from"},         {O_TO, "to"}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		if (o[map[i].opt].value && report_filter_set(&f, map[i].name, o[map[i].opt].value, true, &e)) {
			fprintf(stderr, "osaaja report: --%s: %s\n", o[map[i].opt].name, e.message);
			return 2;
		}
	}
	if (report_filter_check(&f, &e)) {
		fprintf(stderr, "osaaja report: %s\n", e.message);
		return 2;
	}
	enum report_dim rows = RD_MONTH, cols = RD_OUTCOME_TYPE;
	enum report_measure m = RM_OUTCOMES;
	if (o[O_CROSS].value) {
		char a[32], b[32];
		const char *comma = strchr(o[O_CROSS].value, ',');
		if (!comma || comma - o[O_CROSS].value >= (long)sizeof a || strlen(comma + 1) >= sizeof b) {
			fprintf(stderr, "osaaja report: --crosstab needs ROWS,COLS (e.g. programme,target_group)\n");
			return 2;
		}
		snprintf(a, sizeof a, "%.*s", (int)(comma - o[O_CROSS].value), o[O_CROSS].value);
		snprintf(b, sizeof b, "%s", comma + 1);
		if (report_dim_parse(a, &rows) || report_dim_parse(b, &cols)) {
			fprintf(stderr, "osaaja report: dimensions are programme, target_group, municipality, organisation, "
			                "month, outcome_type, own_field, contract_type\n");
			return 2;
		}
		if (o[O_MEASURE].value && report_measure_parse(o[O_MEASURE].value, &m)) {
			fprintf(stderr, "osaaja report: --measure must be outcomes or new_clients\n");
			return 2;
		}
	}

	struct store *s = cli_open_store(o[O_DB].value ? o[O_DB].value : cli_default_db());
	if (!s)
		return 1;
	int rc = 1;
	struct buf out = {0};
	buf_init(&out, 0);
	/* one transaction: every figure sees the same snapshot */
	if (store_begin(s, &e)) {
		fprintf(stderr, "osaaja report: %s\n", e.message);
		goto done;
	}
	if (o[O_RECOMPUTE].value) {
		int64_t n = 0;
		if (report_outcome_recompute_all(s, f.org_id, &n, &e) || store_commit(s, &e)) {
			fprintf(stderr, "osaaja report: %s\n", e.message);
			goto done;
		}
		printf("matches_competence recomputed for %lld outcomes\n", (long long)n);
		rc = 0;
		goto done;
	}
	if (o[O_ESF].value) {
		struct report_esf x = {0};
		if (report_esf(s, &f, &x, &e)) {
			fprintf(stderr, "osaaja report: %s\n", e.message);
			goto done;
		}
		if (funder)
			report_esf_suppress(&x, min_cell, true);
		if (strcmp(format, "json") == 0)
			json_out(report_esf_json(&x), &out);
		else if (strcmp(format, "csv") == 0)
			report_esf_csv(&x, NULL, &out);
		else
			report_esf_print(&x, &out);
	} else if (o[O_CROSS].value) {
		struct report_crosstab *x;
		if (report_crosstab(s, &f, rows, cols, m, &x, &e)) {
			fprintf(stderr, "osaaja report: %s\n", e.message);
			goto done;
		}
		if (strcmp(format, "json") == 0) {
			json_t *j = report_crosstab_json(x);
			json_object_set_new(j, "filter", report_filter_json(&f));
			json_out(j, &out);
		} else {
			if (funder && report_crosstab_suppress(x, min_cell, &e)) {
				fprintf(stderr, "osaaja report: %s\n", e.message);
				report_crosstab_free(x);
				goto done;
			}
			report_crosstab_csv(x, NULL, &out); /* text and csv alike: a table */
		}
		report_crosstab_free(x);
	} else {
		struct report_indicators ind = {0};
		if (report_indicators(s, &f, &ind, &e)) {
			fprintf(stderr, "osaaja report: %s\n", e.message);
			goto done;
		}
		if (funder)
			report_indicators_suppress(&ind, min_cell);
		if (strcmp(format, "json") == 0)
			json_out(report_indicators_json(&ind), &out);
		else if (strcmp(format, "csv") == 0)
			report_indicators_csv(&ind, NULL, &out);
		else if (strcmp(format, "xlsx") == 0) {
			if (report_export_xlsx(s, &ind, NULL, &out, &e)) {
				fprintf(stderr, "osaaja report: %s\n", e.message);
				goto done;
			}
		} else {
			report_indicators_text(&ind, &out);
			report_bases_text(&ind, &out);
		}
	}
	if (out.failed) {
		fprintf(stderr, "osaaja report: out of memory\n");
		goto done;
	}
	rc = write_out(o[O_OUTPUT].value, &out);
done:
	if (store_in_tx(s))
		store_rollback(s);
	buf_free(&out);
	store_close(s);
	return rc;
}
