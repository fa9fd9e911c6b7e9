/* postgres: the PostgreSQL backend (libpq). Statements are prepared once per connection under generated names;
 * parameters travel as text (blobs as binary), results come back as text and are converted on demand. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "store/backend.h"

/* Type OIDs from PostgreSQL's pg_type.h (stable across versions; the server headers are not needed for them). */
enum {
	OID_BOOL = 16,
	OID_BYTEA = 17,
	OID_INT8 = 20,
	OID_INT2 = 21,
	OID_INT4 = 23,
	OID_OID = 26,
	OID_FLOAT4 = 700,
	OID_FLOAT8 = 701,
	OID_NUMERIC = 1700,
};

/* A key of our own for pg_advisory_xact_lock ("osaaja" in ASCII), so unrelated advisory locks do not collide. */
#define MIGRATION_LOCK_KEY "122541345696353"

#define MAX_PARAMS 1000 /* a ceiling on ?N; no statement of ours comes near it */

struct pg_conn {
	PGconn *pg;
	unsigned next_stmt; /* names s1, s2, ... for prepared statements on this connection */
};

struct pg_stmt {
	struct store_stmt_base base;
	char name[24];
	int nparams;
	char **vals; /* nparams bound values (NULL = SQL NULL), malloc'd */
	int *lens;
	int *fmts;   /* 0 text, 1 binary (blobs) */
	PGresult *desc; /* from PQdescribePrepared: column names and types before the first step */
	PGresult *res;  /* the current execution's rows */
	int row;        /* current row in res; -1 before the first */
	bool executed, done;
	int64_t changes;
	int ncols;
	unsigned char **blobs; /* per column: unescaped bytea of the current row, or NULL */
	size_t *bloblens;
};

#define C(s) ((struct pg_conn *)(s)->conn)
#define P(st) ((struct pg_stmt *)(st))

static PGconn *pg_of(struct store *s)
{
	return s->conn ? C(s)->pg : NULL;
}

/* libpq prints NOTICEs ("relation already exists, skipping") to stderr by default; they are not errors for us. */
static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int lost(struct err *e)
{
	return err_set(e, ERR_UNAVAILABLE, "", "the database connection was lost; try again");
}

/* Maps a failed result (or the connection's state when r is NULL) to an ERR_* code with a message for a person.
 * Only the server's primary message goes out, never DETAIL, which quotes the row's values. */
static int map_error(PGconn *pg, const PGresult *r, struct err *e)
{
	if (!pg || PQstatus(pg) != CONNECTION_OK)
		return lost(e);
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!msg)
		msg = PQerrorMessage(pg);
	if (!state)
		return err_set(e, ERR_UNAVAILABLE, "", "database unavailable: %.200s", msg);
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 || strcmp(state, "57P02") == 0 ||
	    strcmp(state, "57P03") == 0)
		return lost(e);
	if (strcmp(state, "23505") == 0)
		return err_key(e, ERR_CONFLICT, "", "exists", "a record with the same key already exists (%.180s)", msg);
	if (strcmp(state, "23503") == 0)
		return err_set(e, ERR_CONFLICT, "", "a referenced record does not exist or is still in use");
	if (strncmp(state, "23", 2) == 0)
		return err_set(e, ERR_INVALID, "", "a value breaks a rule of the data model (%.180s)", msg);
	if (strncmp(state, "22", 2) == 0) /* the message would quote the value: keep it out */
		return err_set(e, ERR_INVALID, "", "a value has the wrong form or size for its column (SQLSTATE %s)", state);
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0 ||
	    strncmp(state, "53", 2) == 0 || strcmp(state, "57014") == 0)
		return err_set(e, ERR_UNAVAILABLE, "", "the database is busy; try again");
	if (strcmp(state, "25P02") == 0)
		return err_set(e, ERR_INTERNAL, "", "the transaction was aborted by an earlier error; roll it back");
	return err_set(e, ERR_INTERNAL, "", "database error: %.200s (SQLSTATE %s)", msg, state);
}

/* Copies url into out with any password replaced by "***", for messages. */
static void redact_url(const char *url, char *out, size_t n)
{
	const char *scheme = strstr(url, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *colon = scheme ? memchr(scheme + 3, ':', at ? (size_t)(at - scheme - 3) : 0) : NULL;
	if (at && (!slash || at < slash) && colon)
		snprintf(out, n, "%.*s:***%s", (int)(colon - url), url, at);
	else
		snprintf(out, n, "%s", url);
	/* A "password=" query parameter is cut off entirely. */
	char *q = strstr(out, "password=");
	if (q)
		snprintf(q, n - (size_t)(q - out), "password=***");
}

/* The first line of libpq's message, with the password (if the URL held one) blanked out. */
static void conn_message(const char *url, const char *msg, char *out, size_t n)
{
	snprintf(out, n, "%s", msg ? msg : "unknown error");
	char *nl = strchr(out, '\n');
	if (nl)
		*nl = 0;
	PQconninfoOption *opts = PQconninfoParse(url, NULL);
	for (PQconninfoOption *o = opts; o && o->keyword; o++) {
		if (strcmp(o->keyword, "password") != 0 || !o->val || !*o->val)
			continue;
		size_t pl = strlen(o->val);
		for (char *p = strstr(out, o->val); p; p = strstr(p, o->val))
			memset(p, '*', pl);
	}
	PQconninfoFree(opts);
}

static int pg_open(const char *url, struct store *s, struct err *e)
{
	struct pg_conn *c = calloc(1, sizeof *c);
	if (!c)
		return err_oom(e);
	/* Defaults first; anything the URL says overrides them (later keywords win). Keepalives notice a dead server
	 * under a connection that only LISTENs. JIT off: PostgreSQL compiles a statement whose estimated cost passes
	 * jit_above_cost, and a figure over a national database (a probe per client) is estimated at millions, so it
	 * spent 0.4 s compiling "served" for a run of 0.1 s, every time; osaaja's statements are not the long scans JIT
	 * pays off for. */
	const char *const keys[] = {"connect_timeout", "keepalives_idle", "keepalives_interval", "keepalives_count",
	                            "application_name", "client_encoding", "options", "dbname", NULL};
	const char *const vals[] = {"10", "30", "10", "3", "osaaja", "UTF8", "-c jit=off", url, NULL};
	c->pg = PQconnectdbParams(keys, vals, 1);
	if (!c->pg) {
		free(c);
		return err_oom(e);
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		char where[160], why[200];
		redact_url(url, where, sizeof where);
		conn_message(url, PQerrorMessage(c->pg), why, sizeof why);
		err_set(e, ERR_UNAVAILABLE, "db", "cannot connect to PostgreSQL %.80s: %.160s", where, why);
		PQfinish(c->pg);
		free(c);
		return ERR_UNAVAILABLE;
	}
	PQsetNoticeProcessor(c->pg, quiet_notice, NULL);
	s->conn = c;
	return 0;
}

static void pg_close(struct store *s)
{
	if (!s->conn)
		return;
	PQfinish(C(s)->pg);
	free(s->conn);
	s->conn = NULL;
}

static int pg_exec(struct store *s, const char *sql, struct err *e)
{
	PGconn *pg = pg_of(s);
	if (!pg)
		return lost(e);
	PGresult *r = PQexec(pg, sql);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int rc = 0;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		rc = map_error(pg, r, e);
	else if (strcmp(sql, "COMMIT") == 0 && strcmp(PQcmdStatus(r), "ROLLBACK") == 0)
		/* PostgreSQL answers COMMIT of an aborted transaction with ROLLBACK and no error. */
		rc = err_set(e, ERR_INTERNAL, "", "the transaction was rolled back after an earlier error");
	PQclear(r);
	return rc;
}

/* Frees a statement's arrays, its description and itself (results and bindings already cleared). */
static void free_stmt(struct pg_stmt *q)
{
	free(q->vals);
	free(q->lens);
	free(q->fmts);
	free(q->blobs);
	free(q->bloblens);
	PQclear(q->desc);
	free(q);
}

static int pg_prepare(struct store *s, const char *sql, struct store_stmt **out, struct err *e)
{
	PGconn *pg = pg_of(s);
	if (!pg)
		return lost(e);
	struct pg_stmt *q = calloc(1, sizeof *q);
	if (!q)
		return err_oom(e);
	q->base.s = s;
	q->row = -1;
	snprintf(q->name, sizeof q->name, "s%u", ++C(s)->next_stmt);
	PGresult *r = PQprepare(pg, q->name, sql, 0, NULL);
	if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) {
		int rc = map_error(pg, r, e);
		PQclear(r);
		free(q);
		return rc;
	}
	PQclear(r);
	/* The description gives the parameter count the server inferred and the result columns before any step. */
	q->desc = PQdescribePrepared(pg, q->name);
	if (!q->desc || PQresultStatus(q->desc) != PGRES_COMMAND_OK) {
		int rc = map_error(pg, q->desc, e);
		PQclear(q->desc);
		free(q);
		return rc;
	}
	q->nparams = PQnparams(q->desc);
	q->ncols = PQnfields(q->desc);
	if (q->nparams > MAX_PARAMS) {
		PQclear(q->desc);
		free(q);
		return err_set(e, ERR_INTERNAL, "", "too many parameters in one statement");
	}
	if (q->nparams) {
		q->vals = calloc((size_t)q->nparams, sizeof *q->vals);
		q->lens = calloc((size_t)q->nparams, sizeof *q->lens);
		q->fmts = calloc((size_t)q->nparams, sizeof *q->fmts);
	}
	if (q->ncols) {
		q->blobs = calloc((size_t)q->ncols, sizeof *q->blobs);
		q->bloblens = calloc((size_t)q->ncols, sizeof *q->bloblens);
	}
	if ((q->nparams && (!q->vals || !q->lens || !q->fmts)) || (q->ncols && (!q->blobs || !q->bloblens))) {
		free_stmt(q);
		return err_oom(e);
	}
	*out = (struct store_stmt *)q;
	return 0;
}

static void free_blobs(struct pg_stmt *q)
{
	for (int i = 0; i < q->ncols; i++) {
		if (q->blobs[i])
			PQfreemem(q->blobs[i]);
		q->blobs[i] = NULL;
	}
}

static void clear_result(struct pg_stmt *q)
{
	free_blobs(q);
	PQclear(q->res);
	q->res = NULL;
	q->row = -1;
	q->executed = q->done = false;
}

static void clear_bindings(struct pg_stmt *q)
{
	for (int i = 0; i < q->nparams; i++) {
		free(q->vals[i]);
		q->vals[i] = NULL;
		q->lens[i] = 0;
		q->fmts[i] = 0;
	}
}

/* The server-side statement dies with the connection; DEALLOCATE is not worth a round trip at close. */
static void pg_finalize(struct store_stmt *st)
{
	struct pg_stmt *q = P(st);
	clear_result(q);
	clear_bindings(q);
	free_stmt(q);
}

static void pg_reset(struct store_stmt *st)
{
	clear_result(P(st));
	clear_bindings(P(st));
}

/* Takes ownership of v (malloc'd, NUL-terminated); binds it to ?idx. */
static int bind_owned(struct pg_stmt *q, int idx, char *v, size_t len, int fmt)
{
	if (idx < 1 || idx > q->nparams) {
		free(v);
		return ERR_INTERNAL;
	}
	if (len > INT32_MAX) {
		free(v);
		return ERR_TOO_BIG;
	}
	/* Binding after a run starts the statement afresh, as SQLite requires a reset first and store_prepare does it. */
	if (q->executed)
		clear_result(q);
	free(q->vals[idx - 1]);
	q->vals[idx - 1] = v;
	q->lens[idx - 1] = (int)len;
	q->fmts[idx - 1] = fmt;
	return 0;
}

static int pg_bind_null(struct store_stmt *st, int idx)
{
	return bind_owned(P(st), idx, NULL, 0, 0);
}

static int pg_bind_int(struct store_stmt *st, int idx, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);
	char *d = strdup(tmp);
	return d ? bind_owned(P(st), idx, d, (size_t)n, 0) : ERR_UNAVAILABLE;
}

static int pg_bind_real(struct store_stmt *st, int idx, double v)
{
	char tmp[40];
	/* 17 significant digits round-trip every double exactly. */
	int n = snprintf(tmp, sizeof tmp, "%.17g", v);
	char *d = strdup(tmp);
	return d ? bind_owned(P(st), idx, d, (size_t)n, 0) : ERR_UNAVAILABLE;
}

static int pg_bind_text(struct store_stmt *st, int idx, const char *t, size_t n)
{
	if (memchr(t, 0, n)) /* PostgreSQL text cannot hold NUL */
		return ERR_INVALID;
	char *d = malloc(n + 1);
	if (!d)
		return ERR_UNAVAILABLE;
	memcpy(d, t, n);
	d[n] = 0;
	return bind_owned(P(st), idx, d, n, 0);
}

static int pg_bind_blob(struct store_stmt *st, int idx, const void *data, size_t n)
{
	char *d = malloc(n ? n : 1);
	if (!d)
		return ERR_UNAVAILABLE;
	if (n)
		memcpy(d, data, n);
	return bind_owned(P(st), idx, d, n, 1);
}

static int run(struct pg_stmt *q, struct err *e)
{
	PGconn *pg = pg_of(q->base.s);
	if (!pg)
		return lost(e);
	q->res = PQexecPrepared(pg, q->name, q->nparams, (const char *const *)q->vals, q->lens, q->fmts, 0);
	ExecStatusType st = q->res ? PQresultStatus(q->res) : PGRES_FATAL_ERROR;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		int rc = map_error(pg, q->res, e);
		PQclear(q->res);
		q->res = NULL;
		return rc;
	}
	const char *n = PQcmdTuples(q->res);
	q->changes = *n ? strtoll(n, NULL, 10) : 0;
	q->executed = true;
	q->row = -1;
	return 0;
}

static int pg_step(struct store_stmt *st, struct err *e)
{
	struct pg_stmt *q = P(st);
	if (q->done) /* stepping past the end runs the statement again with the same bindings, as SQLite does */
		clear_result(q);
	if (!q->executed) {
		int rc = run(q, e);
		if (rc)
			return -rc;
	}
	free_blobs(q);
	if (q->row + 1 < PQntuples(q->res)) {
		q->row++;
		return STORE_ROW;
	}
	q->done = true;
	return STORE_DONE;
}

static int pg_col_count(struct store_stmt *st)
{
	return P(st)->ncols;
}

static const char *pg_col_name(struct store_stmt *st, int i)
{
	struct pg_stmt *q = P(st);
	return i >= 0 && i < q->ncols ? PQfname(q->desc, i) : NULL;
}

/* The current row's value of column i, or NULL when there is none or it is SQL NULL. */
static const char *value(struct pg_stmt *q, int i)
{
	if (!q->res || q->row < 0 || q->row >= PQntuples(q->res) || i < 0 || i >= q->ncols ||
	    PQgetisnull(q->res, q->row, i))
		return NULL;
	return PQgetvalue(q->res, q->row, i);
}

static enum store_type pg_col_type(struct store_stmt *st, int i)
{
	struct pg_stmt *q = P(st);
	if (!value(q, i))
		return STORE_NULL;
	switch (PQftype(q->desc, i)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
	case OID_BOOL: return STORE_INT;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC: return STORE_REAL;
	case OID_BYTEA: return STORE_BLOB;
	default: return STORE_TEXT;
	}
}

static int64_t pg_col_int(struct store_stmt *st, int i)
{
	const char *v = value(P(st), i);
	if (!v)
		return 0;
	if (PQftype(P(st)->desc, i) == OID_BOOL)
		return *v == 't';
	if (strpbrk(v, ".eE")) /* numeric or float: truncate toward zero, as SQLite does */
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_col_real(struct store_stmt *st, int i)
{
	const char *v = value(P(st), i);
	return v ? strtod(v, NULL) : 0.0;
}

static const char *pg_col_text(struct store_stmt *st, int i)
{
	return value(P(st), i);
}

static const void *pg_col_blob(struct store_stmt *st, int i, size_t *len)
{
	struct pg_stmt *q = P(st);
	*len = 0;
	const char *v = value(q, i);
	if (!v)
		return NULL;
	if (PQftype(q->desc, i) != OID_BYTEA) { /* text as bytes, as SQLite gives */
		*len = (size_t)PQgetlength(q->res, q->row, i);
		return v;
	}
	if (!q->blobs[i]) {
		q->blobs[i] = PQunescapeBytea((const unsigned char *)v, &q->bloblens[i]);
		if (!q->blobs[i])
			return NULL;
	}
	*len = q->bloblens[i];
	return q->blobs[i];
}

static int64_t pg_changes(struct store_stmt *st)
{
	return P(st)->changes;
}

static int pg_backup(struct store *s, const char *dest, struct err *e)
{
	(void)s;
	(void)dest;
	return err_set(e, ERR_INVALID, "db",
	               "online backup to a file is for SQLite; back up PostgreSQL with pg_dump (pg_dump -Fc -f FILE URL), "
	               "or copy it to SQLite with osaaja migrate-store");
}

/* One statement with text parameters; fills *out (may be NULL) with the first column of the first row. */
static int query_text(struct store *s, const char *sql, int n, const char *const *params, char *out, size_t outsz,
                      struct err *e)
{
	PGconn *pg = pg_of(s);
	if (!pg)
		return lost(e);
	PGresult *r = PQexecParams(pg, sql, n, NULL, params, NULL, NULL, 0);
	ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	int rc = 0;
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
		rc = map_error(pg, r, e);
	else if (out && outsz)
		snprintf(out, outsz, "%s", PQntuples(r) && PQnfields(r) ? PQgetvalue(r, 0, 0) : "");
	PQclear(r);
	return rc;
}

/* A cheap sanity check, not a scan: the server answers, the schema is there, no index was left invalid by a failed
 * CREATE INDEX CONCURRENTLY. Deep checks belong to amcheck / pg_amcheck run by the DBA. */
static int pg_integrity(struct store *s, struct err *e)
{
	char v[32];
	int rc = query_text(s, "SELECT 1", 0, NULL, v, sizeof v, e);
	if (rc)
		return rc;
	if ((rc = query_text(s, "SELECT to_regclass('schema_version') IS NOT NULL", 0, NULL, v, sizeof v, e)))
		return rc;
	if (strcmp(v, "t") != 0)
		return err_set(e, ERR_INTERNAL, "", "integrity check failed: the database has no schema_version table");
	if ((rc = query_text(s,
	                     "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
	                     "WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
	                     "AND NOT i.indisvalid",
	                     0, NULL, v, sizeof v, e)))
		return rc;
	if (strcmp(v, "0") != 0)
		return err_set(e, ERR_INTERNAL, "", "integrity check failed: %s invalid index(es); rebuild with REINDEX", v);
	return 0;
}

/* LISTEN takes an identifier, not a parameter: accept only plain lowercase names so nothing needs quoting. */
static bool channel_ok(const char *ch)
{
	size_t n = ch ? strlen(ch) : 0;
	if (n == 0 || n > 63)
		return false;
	for (const char *p = ch; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			return false;
	return true;
}

static int pg_listen(struct store *s, const char *ch, struct err *e)
{
	if (!channel_ok(ch))
		return err_set(e, ERR_INVALID, "channel", "a channel name is 1 to 63 of a-z, 0-9 and _");
	char sql[96];
	snprintf(sql, sizeof sql, "LISTEN %s", ch);
	return pg_exec(s, sql, e);
}

static int pg_notify(struct store *s, const char *ch, const char *payload, struct err *e)
{
	if (!channel_ok(ch))
		return err_set(e, ERR_INVALID, "channel", "a channel name is 1 to 63 of a-z, 0-9 and _");
	if (payload && strlen(payload) >= 8000) /* the server's own limit on a payload */
		return err_set(e, ERR_TOO_BIG, "payload", "a notification payload is under 8000 bytes");
	const char *params[] = {ch, payload ? payload : ""};
	return query_text(s, "SELECT pg_notify($1, $2)", 2, params, NULL, 0, e);
}

static int64_t now_ms(void)
{
	struct timespec ts = {0};
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int pg_poll(struct store *s, int timeout_ms, char *buf, size_t n, struct err *e)
{
	PGconn *pg = pg_of(s);
	if (!pg || PQstatus(pg) != CONNECTION_OK)
		return -lost(e);
	int64_t deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
	for (;;) {
		/* Notifications may already be buffered, read while other statements ran. */
		if (!PQconsumeInput(pg) || PQstatus(pg) != CONNECTION_OK)
			return -lost(e);
		PGnotify *nt = PQnotifies(pg);
		if (nt) {
			if (buf && n)
				snprintf(buf, n, "%s", nt->extra ? nt->extra : "");
			PQfreemem(nt);
			return 1;
		}
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		struct pollfd p = {.fd = PQsocket(pg), .events = POLLIN};
		if (p.fd < 0)
			return -lost(e);
		int r = poll(&p, 1, (int)left);
		if (r < 0 && errno != EINTR)
			return -err_set(e, ERR_INTERNAL, "", "waiting for notifications failed: %s", strerror(errno));
		if (r == 0)
			return 0;
	}
}

static int pg_lock(struct store *s, struct err *e)
{
	return query_text(s, "SELECT pg_advisory_xact_lock(" MIGRATION_LOCK_KEY ")", 0, NULL, NULL, 0, e);
}

const struct store_backend store_postgres_backend = {
	.name = "postgres",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.bind_null = pg_bind_null,
	.bind_int = pg_bind_int,
	.bind_real = pg_bind_real,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.step = pg_step,
	.reset = pg_reset,
	.col_count = pg_col_count,
	.col_name = pg_col_name,
	.col_type = pg_col_type,
	.col_int = pg_col_int,
	.col_real = pg_col_real,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.changes = pg_changes,
	.backup = pg_backup,
	.integrity = pg_integrity,
	.listen = pg_listen,
	.notify = pg_notify,
	.poll_notify = pg_poll,
	.lock_migrations = pg_lock,
};
