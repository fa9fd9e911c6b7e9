/* cli: the osaaja command line. Each subcommand parses its own options, prints --help, and returns an exit status;
 * nothing below main() calls exit(). */
#pragma once

struct cli_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv); /* argv[0] is the subcommand name */
};

int cli_main(int argc, char **argv);
/* Default database when --db is not given: ./var/osaaja.db (the folder is created). */
const char *cli_default_db(void);
/* Looks for "--db X" / "--db=X" among argv; returns X or the default. */
const char *cli_db_arg(int argc, char **argv);
/* Opens and migrates the store named by url, printing an error on failure. NULL on failure. */
struct store *cli_open_store(const char *url);

/* Subcommands, each in its own file. */
int cli_init(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_backup(int argc, char **argv);
int cli_import_taxonomy(int argc, char **argv);
int cli_taxonomy(int argc, char **argv);
int cli_match(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_migrate_store(int argc, char **argv);
int cli_audit(int argc, char **argv);
