/* cli: dispatch table, shared option helpers and top-level help. */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store/store.h"

static const struct cli_command commands[] = {
	{"init", "create or upgrade a database (migrations)", cli_init},
	{"serve", "run the web server and JSON API", cli_serve},
	{"user", "add, list or change staff accounts", cli_user},
	{"demo", "fill a database with the realistic demo data set", cli_demo},
	{"backup", "write an online backup of the database to a file", cli_backup},
	{"import-taxonomy", "import ESCO, ISCO-08 and ISCED-F reference data", cli_import_taxonomy},
	{"taxonomy", "search ESCO occupations and skills", cli_taxonomy},
	{"match", "best vacancies for a client, or best clients for a vacancy", cli_match},
	{"report", "programme indicators and exports", cli_report},
	{"migrate-store", "copy a whole installation between SQLite and PostgreSQL", cli_migrate_store},
	{"audit", "verify the audit chain", cli_audit},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja COMMAND [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-18s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nEvery command takes --db FILE|postgres://... (default %s) and --help.\n", cli_default_db());
}

const char *cli_default_db(void)
{
	return "var/osaaja.db";
}

const char *cli_db_arg(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "--db=", 5) == 0)
			return argv[i] + 5;
	}
	return cli_default_db();
}

struct store *cli_open_store(const char *url)
{
	if (strcmp(url, cli_default_db()) == 0 && mkdir("var", 0750) != 0 && errno != EEXIST) {
		fprintf(stderr, "osaaja: cannot create folder var/: %s\n", strerror(errno));
		return NULL;
	}
	struct store *s;
	struct err e = {0};
	if (store_open(url, &s, &e)) {
		fprintf(stderr, "osaaja: %s\n", e.message);
		return NULL;
	}
	if (store_migrate(s, &e)) {
		fprintf(stderr, "osaaja: %s\n", e.message);
		store_close(s);
		return NULL;
	}
	return s;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("osaaja 0.1.0\n");
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "osaaja: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
