/* cli migrate-store: copy a whole installation between SQLite and PostgreSQL (either way, or between two of a kind).
 *
 * The destination is migrated to this osaaja's schema, then every table of the source is copied in foreign-key order
 * (the order of CREATE TABLE in the migrations: a parent is always created before its children) in one destination
 * transaction, ids kept. PostgreSQL identity sequences are then moved past the copied ids. Last, each table is read
 * back on both sides and compared by row count and an order-independent checksum computed here in C the same way for
 * both backends; any difference fails the command. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/hash.h"
#include "store/batch.h"
#include "store/migrations.h"
#include "store/store.h"

#define MAX_TABLES 256
#define MAX_COLS 200
#define MAX_NAME 63
#define BATCH 5000 /* rows per keyset batch, so a PostgreSQL source is never held in memory whole */

struct table {
	char name[MAX_NAME + 1];
	bool in_source;
	int ncols;
	char *cols[MAX_COLS];
	bool has_id;
	int id_col;
	int64_t src_rows, dst_rows;
	uint64_t src_sum, dst_sum;
};

struct plan {
	struct table t[MAX_TABLES];
	int n;
};

static void usage(FILE *f)
{
	fprintf(f, "usage: osaaja migrate-store --from URL --to URL [--force]\n\n"
	           "Copies every table of one osaaja database into another, between SQLite (FILE or sqlite:FILE) and\n"
	           "PostgreSQL (postgres://user@host:port/db), keeping ids, then verifies row counts and checksums per\n"
	           "table and prints them. The destination is migrated first and must be empty.\n\n"
	           "  --from URL   the database to copy (read only; it must be at this version's schema: run\n"
	           "               osaaja init --db URL first if it is older)\n"
	           "  --to URL     the database to fill\n"
	           "  --force      DELETE every row in the destination's tables before copying (its data is lost)\n\n"
	           "Exit status: 0 when every table matches, 1 on any error or mismatch (the copy is then rolled back\n"
	           "or, for a mismatch found after commit, reported table by table).\n");
}

static bool ident_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > MAX_NAME || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static struct table *find_table(struct plan *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->t[i].name, name) == 0)
			return &p->t[i];
	return NULL;
}

/* An identifier at q into out (lower case); returns the position after it. */
static const char *read_ident(const char *q, char out[MAX_NAME + 1])
{
	size_t n = 0;
	while (*q == ' ')
		q++;
	while ((isalnum((unsigned char)*q) || *q == '_') && n < MAX_NAME)
		out[n++] = (char)tolower((unsigned char)*q++);
	out[n] = 0;
	return q;
}

static int table_index(const struct plan *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->t[i].name, name) == 0)
			return i;
	return -1;
}

/* A column added later may reference a table created after its own (0012: service_events.method_id ->
 * service_methods): such a table moves to just after the table it references, so parents still come first. */
static int plan_order_added_references(struct plan *p)
{
	for (int pass = 0; pass < MAX_TABLES; pass++) {
		bool moved = false;
		for (size_t m = 0; m < store_migrations_count; m++) {
			const char *sql = store_migrations[m].sql;
			for (const char *q = sql; (q = strcasestr(q, "ALTER TABLE")) != NULL;) {
				char child[MAX_NAME + 1], parent[MAX_NAME + 1];
				q = read_ident(q + 11, child);
				const char *end = strchr(q, ';');
				const char *ref = strcasestr(q, "REFERENCES");
				if (!ref || (end && ref > end))
					continue;
				read_ident(ref + 10, parent);
				int c = table_index(p, child), par = table_index(p, parent);
				if (c < 0 || par < 0 || c > par)
					continue;
				struct table t = p->t[c]; /* move the child to just after its parent */
				memmove(&p->t[c], &p->t[c + 1], (size_t)(par - c) * sizeof t);
				p->t[par] = t;
				moved = true;
			}
		}
		if (!moved)
			return 0;
	}
	fprintf(stderr, "osaaja migrate-store: the tables' references form a cycle\n");
	return 1;
}

/* The tables in the order the migrations create them: parents before children. */
static int plan_from_migrations(struct plan *p)
{
	for (size_t m = 0; m < store_migrations_count; m++) {
		const char *sql = store_migrations[m].sql;
		for (const char *q = sql; (q = strcasestr(q, "CREATE TABLE")) != NULL;) {
			bool line_start = q == sql || q[-1] == '\n';
			q += 12;
			if (!line_start)
				continue;
			while (*q == ' ')
				q++;
			if (strncasecmp(q, "IF NOT EXISTS", 13) == 0)
				q += 13;
			while (*q == ' ')
				q++;
			char name[MAX_NAME + 1];
			size_t n = 0;
			while ((isalnum((unsigned char)*q) || *q == '_') && n < MAX_NAME)
				name[n++] = (char)tolower((unsigned char)*q++);
			name[n] = 0;
			if (!ident_ok(name) || find_table(p, name))
				continue;
			if (p->n == MAX_TABLES) {
				fprintf(stderr, "osaaja migrate-store: more than %d tables\n", MAX_TABLES);
				return 1;
			}
			snprintf(p->t[p->n++].name, sizeof p->t[0].name, "%s", name);
		}
	}
	return plan_order_added_references(p);
}

static void plan_free(struct plan *p)
{
	for (int i = 0; i < p->n; i++)
		for (int c = 0; c < p->t[i].ncols; c++)
			free(p->t[i].cols[c]);
}

static int fail(const char *what, const struct err *e)
{
	fprintf(stderr, "osaaja migrate-store: %s: %s\n", what, e->message);
	return 1;
}

/* Marks which tables the source has; any table the schema does not know is an error, not silently left behind. */
static int list_source_tables(struct store *src, struct plan *p)
{
	const char *sql = store_kind(src) == STORE_POSTGRES
	                      ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
	                        "AND table_type = 'BASE TABLE' ORDER BY table_name"
	                      : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
	struct store_stmt *st;
	struct err e = {0};
	if (store_prepare(src, sql, &st, &e))
		return fail("listing the source's tables", &e);
	int rc, bad = 0;
	while ((rc = store_step(st, &e)) == STORE_ROW) {
		const char *name = store_col_text(st, 0);
		if (!name || strcmp(name, "schema_version") == 0 || strncmp(name, "sqlite_", 7) == 0)
			continue;
		struct table *t = find_table(p, name);
		if (!t) {
			fprintf(stderr, "osaaja migrate-store: the source has a table \"%.64s\" that is not part of osaaja's "
			                "schema; drop or rename it first (nothing was copied)\n", name);
			bad = 1;
			continue;
		}
		t->in_source = true;
	}
	store_reset(st);
	if (rc < 0)
		return fail("listing the source's tables", &e);
	for (int i = 0; i < p->n; i++)
		if (!p->t[i].in_source) {
			fprintf(stderr, "osaaja migrate-store: the source has no table %s\n", p->t[i].name);
			bad = 1;
		}
	return bad;
}

/* Column names of a table, from the source (both sides share the schema). */
static int load_columns(struct store *src, struct table *t)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE 1 = 0", t->name);
	struct store_stmt *st;
	struct err e = {0};
	if (store_prepare(src, sql, &st, &e))
		return fail(t->name, &e);
	int n = store_col_count(st);
	if (n <= 0 || n > MAX_COLS) {
		fprintf(stderr, "osaaja migrate-store: table %s has %d columns\n", t->name, n);
		return 1;
	}
	t->id_col = -1;
	for (int c = 0; c < n; c++) {
		const char *name = store_col_name(st, c);
		if (!name || !ident_ok(name)) {
			fprintf(stderr, "osaaja migrate-store: table %s has an unexpected column name\n", t->name);
			return 1;
		}
		if (!(t->cols[c] = strdup(name))) {
			fprintf(stderr, "osaaja migrate-store: out of memory\n");
			return 1;
		}
		t->ncols = c + 1;
		if (strcmp(name, "id") == 0)
			t->id_col = c;
	}
	t->has_id = t->id_col >= 0;
	store_reset(st);
	return 0;
}

static void col_list(struct buf *b, const struct table *t)
{
	for (int c = 0; c < t->ncols; c++)
		buf_printf(b, "%s\"%s\"", c ? ", " : "", t->cols[c]);
}

typedef int (*row_fn)(struct store_stmt *row, const struct table *t, void *arg, struct err *e);

/* Calls fn for every row of t in s. Tables with an id are read in keyset batches by id, the others in one pass. */
static int each_row(struct store *s, const struct table *t, row_fn fn, void *arg, struct err *e)
{
	struct buf b = {0};
	buf_init(&b, 1 << 16);
	buf_puts(&b, "SELECT ");
	col_list(&b, t);
	buf_printf(&b, " FROM %s", t->name);
	if (t->has_id)
		buf_printf(&b, " WHERE id > ?1 ORDER BY id LIMIT %d", BATCH);
	if (b.failed) {
		buf_free(&b);
		return err_oom(e);
	}
	struct store_stmt *st;
	int rc = store_prepare(s, b.data, &st, e);
	if (rc)
		goto out;
	int64_t last = INT64_MIN;
	for (;;) {
		if (t->has_id)
			store_bind_int(st, 1, last);
		int got = 0;
		while ((rc = store_step(st, e)) == STORE_ROW) {
			got++;
			if (t->has_id)
				last = store_col_int(st, t->id_col);
			if ((rc = fn(st, t, arg, e)))
				goto out_reset;
		}
		if (rc < 0) {
			rc = -rc;
			goto out_reset;
		}
		/* Reset before the next batch so the cached statement can be prepared again elsewhere meanwhile. */
		if (store_prepare(s, b.data, &st, e))
			goto out;
		if (!t->has_id || got < BATCH)
			break;
	}
	rc = 0;
out_reset:
	store_reset(st);
out:
	buf_free(&b);
	return rc;
}

/* ---- copying ---- */

/* e's message prefixed with the table it came from; the code stays. */
static int table_error(const char *table, struct err *e)
{
	char msg[sizeof e->message];
	snprintf(msg, sizeof msg, "%s", e->message);
	return err_set(e, e->code ? e->code : ERR_INTERNAL, "", "table %s: %.200s", table, msg);
}

struct copy_arg {
	struct store_batch batch; /* the destination's INSERT, many rows a statement */
	int64_t rows;
};

static int copy_row(struct store_stmt *row, const struct table *t, void *arg, struct err *e)
{
	struct copy_arg *a = arg;
	struct store_param v[MAX_COLS];
	for (int c = 0; c < t->ncols; c++) {
		switch (store_col_type(row, c)) {
		case STORE_NULL: v[c] = STORE_P_NULL; break;
		case STORE_INT: v[c] = STORE_P_INT(store_col_int(row, c)); break;
		case STORE_REAL: v[c] = STORE_P_REAL(store_col_real(row, c)); break;
		case STORE_TEXT: v[c] = STORE_P_TEXT(store_col_text(row, c)); break;
		case STORE_BLOB: {
			size_t len;
			const void *p = store_col_blob(row, c, &len);
			v[c] = STORE_P_BLOB(p ? p : "", len);
			break;
		}
		}
	}
	if (store_batch_add(&a->batch, v, e))
		return table_error(t->name, e);
	a->rows++;
	return 0;
}

static int copy_table(struct store *src, struct store *dst, struct table *t, struct err *e)
{
	struct buf b = {0};
	buf_init(&b, 1 << 16);
	buf_printf(&b, "INSERT INTO %s (", t->name);
	col_list(&b, t);
	buf_puts(&b, ") VALUES ");
	if (b.failed) {
		buf_free(&b);
		return err_oom(e);
	}
	struct copy_arg a = {.batch = {.s = dst, .head = b.data, .tail = "", .ncols = t->ncols}};
	int rc = each_row(src, t, copy_row, &a, e);
	if (!rc && store_batch_flush(&a.batch, e))
		rc = table_error(t->name, e);
	store_batch_clear(&a.batch);
	buf_free(&b);
	if (!rc)
		fprintf(stderr, "copied %-22s %10" PRId64 " rows\n", t->name, a.rows);
	return rc;
}

/* Explicit ids do not advance a PostgreSQL identity sequence: move it past the largest copied id, or the next
 * ordinary INSERT would collide. (SQLite's AUTOINCREMENT already records the largest id inserted.) */
static int fix_identity(struct store *dst, const struct table *t, struct err *e)
{
	if (store_kind(dst) != STORE_POSTGRES || !t->has_id)
		return 0;
	char sql[256];
	snprintf(sql, sizeof sql,
	         "SELECT setval(pg_get_serial_sequence('%s', 'id'), COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)",
	         t->name, t->name);
	return store_query_int(dst, sql, NULL, 0, NULL, NULL, e);
}

/* ---- verifying ---- */

/* FNV-1a over the row's canonical rendering, then a mixing step, so that summing rows (order-independent) keeps
 * the checksum well spread. Types are part of the rendering: 1 and '1' differ. */
struct sum_arg {
	int64_t rows;
	uint64_t sum;
};

static int sum_row(struct store_stmt *row, const struct table *t, void *arg, struct err *e)
{
	(void)e;
	struct sum_arg *a = arg;
	uint64_t h = HASH_FNV_OFFSET;
	char tmp[48];
	for (int c = 0; c < t->ncols; c++) {
		int n;
		switch (store_col_type(row, c)) {
		case STORE_NULL: h = hash_fnv1a(h, "N", 1); break;
		case STORE_INT:
			n = snprintf(tmp, sizeof tmp, "I%" PRId64, store_col_int(row, c));
			h = hash_fnv1a(h, tmp, (size_t)n);
			break;
		case STORE_REAL: {
			/* a whole number is the same figure in an integer or a double precision column (weekly hours are
			 * decimal on PostgreSQL and kept as written on SQLite: 40 and 40.0) */
			double v = store_col_real(row, c);
			if (v > -9e15 && v < 9e15 && v == (double)(int64_t)v)
				n = snprintf(tmp, sizeof tmp, "I%" PRId64, (int64_t)v);
			else
				n = snprintf(tmp, sizeof tmp, "R%.17g", v);
			h = hash_fnv1a(h, tmp, (size_t)n);
			break;
		}
		case STORE_TEXT: {
			const char *s = store_col_text(row, c);
			size_t len = strlen(s);
			n = snprintf(tmp, sizeof tmp, "T%zu:", len);
			h = hash_fnv1a(hash_fnv1a(h, tmp, (size_t)n), s, len);
			break;
		}
		case STORE_BLOB: {
			size_t len;
			const void *p = store_col_blob(row, c, &len);
			n = snprintf(tmp, sizeof tmp, "B%zu:", len);
			h = hash_fnv1a(hash_fnv1a(h, tmp, (size_t)n), p ? p : "", len);
			break;
		}
		}
		h = hash_fnv1a(h, "|", 1);
	}
	a->rows++;
	a->sum += hash_mix64(h);
	return 0;
}

static int checksum(struct store *s, const struct table *t, int64_t *rows, uint64_t *sum, struct err *e)
{
	struct sum_arg a = {0};
	int rc = each_row(s, t, sum_row, &a, e);
	*rows = a.rows;
	*sum = a.sum;
	return rc;
}

static int count_rows(struct store *s, const char *table, int64_t *n, struct err *e)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
	return store_query_int(s, sql, NULL, 0, n, NULL, e);
}

/* ---- the command ---- */

static int check_source_version(struct store *src)
{
	int64_t v = 0;
	bool found = false;
	struct err e = {0};
	/* Read, not store_schema_version: that one would create the table in a source that lacks it. */
	if (store_query_int(src, "SELECT COALESCE(MAX(version), 0) FROM schema_version", NULL, 0, &v, &found, &e)) {
		fprintf(stderr, "osaaja migrate-store: the source does not look like an osaaja database (%s)\n", e.message);
		return 1;
	}
	if (v != (int64_t)store_migrations_count) {
		fprintf(stderr,
		        "osaaja migrate-store: the source is at schema version %" PRId64 " and this osaaja at %zu; %s\n", v,
		        store_migrations_count,
		        v < (int64_t)store_migrations_count ? "upgrade the source first (osaaja init --db SOURCE)"
		                                            : "use the osaaja version that wrote it");
		return 1;
	}
	return 0;
}

/* Tables a migration fills with default rows (0013: the economic parameters): a newly migrated destination already
 * holds them, and the source's rows (the same defaults, perhaps changed) replace them. */
static bool seeded(const char *table)
{
	static const char *const tables[] = {"economic_parameters"};
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		if (strcmp(table, tables[i]) == 0)
			return true;
	return false;
}

static int run_copy(struct store *src, struct store *dst, struct plan *p, bool force)
{
	struct err e = {0};
	/* Emptiness first, outside the copy transaction, so the refusal names the table. */
	for (int i = 0; i < p->n; i++) {
		int64_t n = 0;
		if (count_rows(dst, p->t[i].name, &n, &e))
			return fail("reading the destination", &e);
		if (n && !force && !seeded(p->t[i].name)) {
			fprintf(stderr,
			        "osaaja migrate-store: the destination is not empty (table %s has %" PRId64 " rows); nothing "
			        "was copied. Use --force to DELETE every row in the destination first.\n",
			        p->t[i].name, n);
			return 1;
		}
	}
	/* A consistent snapshot of the source: SQLite's BEGIN IMMEDIATE holds writers off; PostgreSQL needs
	 * REPEATABLE READ, set as the transaction's first statement. */
	if (store_begin(src, &e))
		return fail("starting a read transaction on the source", &e);
	if (store_kind(src) == STORE_POSTGRES &&
	    store_exec(src, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", &e)) {
		store_rollback(src);
		return fail("starting a read transaction on the source", &e);
	}
	if (store_begin(dst, &e)) {
		store_rollback(src);
		return fail("starting the copy transaction", &e);
	}
	int rc = 0;
	for (int i = p->n - 1; i >= 0 && !rc; i--) { /* children first */
		if (force || seeded(p->t[i].name)) {
			char sql[128];
			snprintf(sql, sizeof sql, "DELETE FROM %s", p->t[i].name);
			if ((rc = store_exec(dst, sql, &e)))
				fail("emptying the destination", &e);
		}
	}
	for (int i = 0; i < p->n && !rc; i++)
		if ((rc = copy_table(src, dst, &p->t[i], &e)) || (rc = fix_identity(dst, &p->t[i], &e)))
			fail("copying", &e);
	if (rc) {
		store_rollback(dst);
		store_rollback(src);
		fprintf(stderr, "osaaja migrate-store: rolled back; the destination is unchanged\n");
		return 1;
	}
	if (store_commit(dst, &e)) {
		store_rollback(src);
		return fail("committing the copy", &e);
	}
	/* Verify against the same source snapshot the copy read. */
	int bad = 0;
	printf("%-24s %10s %10s  %-16s %-16s %s\n", "table", "source", "copy", "source sum", "copy sum", "");
	for (int i = 0; i < p->n; i++) {
		struct table *t = &p->t[i];
		if (checksum(src, t, &t->src_rows, &t->src_sum, &e) || checksum(dst, t, &t->dst_rows, &t->dst_sum, &e)) {
			fail("verifying", &e);
			bad = 1;
			break;
		}
		bool same = t->src_rows == t->dst_rows && t->src_sum == t->dst_sum;
		printf("%-24s %10" PRId64 " %10" PRId64 "  %016" PRIx64 " %016" PRIx64 " %s\n", t->name, t->src_rows,
		       t->dst_rows, t->src_sum, t->dst_sum, same ? "ok" : "MISMATCH");
		if (!same)
			bad = 1;
	}
	store_rollback(src);
	if (!bad && store_integrity_check(dst, &e)) {
		fail("integrity check of the destination", &e);
		bad = 1;
	}
	if (bad) {
		fprintf(stderr, "osaaja migrate-store: verification FAILED; do not use the destination\n");
		return 1;
	}
	printf("%d tables copied and verified\n", p->n);
	return 0;
}

int cli_migrate_store(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	bool force = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
			from = argv[++i];
		} else if (strncmp(argv[i], "--from=", 7) == 0) {
			from = argv[i] + 7;
		} else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
			to = argv[++i];
		} else if (strncmp(argv[i], "--to=", 5) == 0) {
			to = argv[i] + 5;
		} else if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else {
			fprintf(stderr, "osaaja migrate-store: unknown or incomplete option '%s'\n\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (!from || !to || !*from || !*to) {
		usage(stderr);
		return 2;
	}
	if (strcmp(from, to) == 0) {
		fprintf(stderr, "osaaja migrate-store: --from and --to name the same database\n");
		return 2;
	}

	struct plan *p = calloc(1, sizeof *p);
	if (!p) {
		fprintf(stderr, "osaaja migrate-store: out of memory\n");
		return 1;
	}
	struct store *src = NULL, *dst = NULL;
	struct err e = {0};
	int rc = 1;
	if (plan_from_migrations(p))
		goto out;
	/* SQLite would create a missing source file; a typo must not look like an empty installation. */
	const char *path = strncmp(from, "sqlite:", 7) == 0 ? from + 7 : from;
	if (!store_url_is_postgres(from) && access(path, R_OK) != 0) {
		fprintf(stderr, "osaaja migrate-store: cannot read the source %s: %s\n", path, strerror(errno));
		goto out;
	}
	if (store_open(from, &src, &e)) {
		fail("opening the source", &e);
		goto out;
	}
	if (check_source_version(src) || list_source_tables(src, p))
		goto out;
	for (int i = 0; i < p->n; i++)
		if (load_columns(src, &p->t[i]))
			goto out;
	if (store_open(to, &dst, &e)) {
		fail("opening the destination", &e);
		goto out;
	}
	if (store_migrate(dst, &e)) {
		fail("migrating the destination", &e);
		goto out;
	}
	rc = run_copy(src, dst, p, force);
out:
	store_close(dst);
	store_close(src);
	plan_free(p);
	free(p);
	return rc;
}
