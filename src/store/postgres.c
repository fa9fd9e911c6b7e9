/* postgres: the PostgreSQL backend (libpq). Placeholder until the PostgreSQL store lands: opening fails clearly. */
#include "store/backend.h"

static int pg_open(const char *url, struct store *s, struct err *e)
{
	(void)url;
	(void)s;
	return err_set(e, ERR_UNAVAILABLE, "db", "the PostgreSQL store is not built into this version yet");
}

const struct store_backend store_postgres_backend = {
	.name = "postgres",
	.open = pg_open,
};
