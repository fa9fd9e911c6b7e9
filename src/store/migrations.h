/* migrations: the numbered schema migrations, embedded at build time from src/store/migrations/NNNN_name.sql. */
#pragma once
#include <stddef.h>

struct migration {
	int version;
	const char *name;
	const char *sql; /* neutral dialect; statements separated by ';' at line ends */
};

extern const struct migration store_migrations[];
extern const size_t store_migrations_count;
