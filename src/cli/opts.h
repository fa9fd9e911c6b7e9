/* opts: a tiny long-option scanner shared by subcommands ("--name VALUE", "--name=VALUE", "--flag"). */
#pragma once
#include <stdbool.h>
#include <stdio.h>

struct opt {
	const char *name;   /* without the leading dashes */
	bool has_value;
	const char *value;  /* set when seen (flags get "1") */
};

/* Scans argv[1..]; positional arguments are collected into pos (up to npos_max). Returns 0, or 2 after printing an
 * error naming the command for an unknown option or a missing value. */
int opts_parse(const char *cmd, int argc, char **argv, struct opt *opts, int nopts, const char **pos, int npos_max,
               int *npos);
/* The usual start of a subcommand: opts_parse, then --help (the option named "help") prints usage to stdout, and a
 * count of positional arguments outside [min_pos, max_pos] prints usage to stderr (min_pos -1: the command checks
 * them itself). Returns the exit status to return now (0 after --help, 2 after an error), or -1 to go on. */
int opts_begin(const char *cmd, void (*usage)(FILE *), int argc, char **argv, struct opt *opts, int nopts,
               const char **pos, int npos_max, int *npos, int min_pos, int max_pos);
/* Parses a whole number within [min, max]; prints an error and returns false otherwise. */
bool opts_long(const char *cmd, const char *name, const char *s, long min, long max, long *out);
