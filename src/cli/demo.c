/* cli demo: fill an empty database with the realistic demo data set (src/demo/) and print the demo accounts. */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "cli/cli.h"
#include "cli/opts.h"
#include "demo/demo.h"
#include "store/store.h"

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: osaaja demo [--db FILE|URL] [--seed N] [--clients N] [--today YYYY-MM-DD] [--json] [--force]\n"
	        "\n"
	        "Fills a database with a realistic demo: three organisations and their programmes, staff, %d clients\n"
	        "with competence profiles, employers, vacancies, courses and a simulated year of service up to today.\n"
	        "The same seed (default 1) and date give the same data. Import the taxonomy first:\n"
	        "  osaaja import-taxonomy data/taxonomy\n"
	        "The demo goes only into a database without clients; --force lets it sit beside existing organisations\n"
	        "and users (e.g. an admin made with osaaja user add). Everything is written in one transaction.\n"
	        "Prints the demo accounts with their passwords (random, shown only now); --json prints them as a JSON\n"
	        "array of {role, organisation, email, password} and the summary on standard error.\n",
	        DEMO_DEFAULT_CLIENTS);
}

static void print_summary(FILE *f, const struct demo_summary *s, double secs)
{
	fprintf(f,
	        "demo written in %.1f s: %ld organisations, %ld programmes, %ld users, %ld clients (+%ld children in %ld "
	        "families),\n"
	        "  %ld employers, %ld vacancies, %ld courses, %ld proposals, %ld service events, %ld group events "
	        "(%ld attendances), %ld outcomes\n",
	        secs, s->organisations, s->programmes, s->users, s->clients, s->children, s->families, s->employers,
	        s->vacancies, s->courses, s->proposals, s->service_events, s->group_events, s->attendance, s->outcomes);
	fprintf(f,
	        "simulated year %s .. %s: %ld clients served, %ld employed (%.1f %%), %ld of them in their own field "
	        "(%.1f %%, same ISCO minor group),\n"
	        "  %ld matching their competence by the outcome rule (%.1f %%); mean %.0f days from intake to job;\n"
	        "  %ld to education, %ld work trials, %ld moved away\n",
	        s->first_day, s->last_day, s->served, s->employed,
	        s->served ? 100.0 * (double)s->employed / (double)s->served : 0.0, s->employed_own_field,
	        s->employed ? 100.0 * (double)s->employed_own_field / (double)s->employed : 0.0, s->employed_matches,
	        s->employed ? 100.0 * (double)s->employed_matches / (double)s->employed : 0.0, s->mean_days_to_job,
	        s->education, s->work_trials, s->moved);
}

/* Columns line up by characters, not bytes: organisation names have ä and ö. */
static size_t width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void put_cell(const char *s, size_t w)
{
	printf("%s", s);
	for (size_t n = width(s); n < w + 2; n++)
		putchar(' ');
}

static int print_json(const struct demo_summary *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < s->naccounts; i++) {
		const struct demo_account *acc = &s->accounts[i];
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s}", "role", acc->role, "organisation",
		                                   acc->organisation, "email", acc->email, "password", acc->password));
	}
	char *text = a ? json_dumps(a, JSON_INDENT(2)) : NULL;
	json_decref(a);
	if (!text)
		return 1;
	printf("%s\n", text);
	free(text);
	return 0;
}

int cli_demo(int argc, char **argv)
{
	struct opt o[] = {{"db", true, NULL},    {"seed", true, NULL},  {"json", false, NULL}, {"force", false, NULL},
	                  {"clients", true, NULL}, {"today", true, NULL}, {"help", false, NULL}};
	enum { O_DB, O_SEED, O_JSON, O_FORCE, O_CLIENTS, O_TODAY, O_HELP, O_N };
	int npos;
	int rc = opts_begin("demo", usage, argc, argv, o, O_N, NULL, 0, &npos, -1, -1);
	if (rc >= 0)
		return rc;
	struct demo_options opt = {.seed = 1, .today = o[O_TODAY].value, .force = o[O_FORCE].value != NULL};
	if (o[O_SEED].value) {
		char *end;
		unsigned long long v = strtoull(o[O_SEED].value, &end, 10);
		if (*end || end == o[O_SEED].value || o[O_SEED].value[0] == '-') {
			fprintf(stderr, "osaaja demo: --seed must be a whole number from 0 to %" PRIu64 "\n", UINT64_MAX);
			return 2;
		}
		opt.seed = v;
	}
	if (o[O_CLIENTS].value) {
		long n;
		if (!opts_long("demo", "clients", o[O_CLIENTS].value, 30, DEMO_MAX_CLIENTS, &n))
			return 2;
		opt.clients = (int)n;
	}
	if (auth_init()) {
		fprintf(stderr, "osaaja demo: libsodium could not start\n");
		return 1;
	}
	struct store *s = cli_open_store(o[O_DB].value ? o[O_DB].value : cli_default_db());
	if (!s)
		return 1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct demo_summary *sum = calloc(1, sizeof *sum);
	struct err e = {0};
	rc = sum ? demo_generate(s, &opt, sum, &e) : err_oom(&e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_close(s);
	if (rc) {
		fprintf(stderr, "osaaja demo: %s\n", e.message);
		free(sum);
		return 1;
	}
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (o[O_JSON].value) {
		print_summary(stderr, sum, secs);
		rc = print_json(sum);
	} else {
		print_summary(stdout, sum, secs);
		printf("\ndemo accounts (passwords are shown only now):\n");
		size_t w[3] = {4, 12, 6};
		for (size_t i = 0; i < sum->naccounts; i++) {
			const struct demo_account *a = &sum->accounts[i];
			const char *col[3] = {a->role, a->organisation, a->email};
			for (int k = 0; k < 3; k++)
				if (width(col[k]) > w[k])
					w[k] = width(col[k]);
		}
		put_cell("ROLE", w[0]);
		put_cell("ORGANISATION", w[1]);
		put_cell("E-MAIL", w[2]);
		printf("PASSWORD\n");
		for (size_t i = 0; i < sum->naccounts; i++) {
			const struct demo_account *a = &sum->accounts[i];
			put_cell(a->role, w[0]);
			put_cell(a->organisation, w[1]);
			put_cell(a->email, w[2]);
			printf("%s\n", a->password);
		}
	}
	free(sum);
	return rc;
}
