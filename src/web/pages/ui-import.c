/* ui-import: clients, employers and vacancies from the CSV files offices export from their spreadsheets today
 * (comma or semicolon, UTF-8 with or without BOM, Finnish or English headers: the accepted headers are listed on the
 * page and in docs/import.md). A preview shows every row's errors (row, field, entity_validate's message) and its
 * duplicates (clients: app/duplicates.c, the rule the new-client form uses; same business ID for employers) against the
 * database and the rows above it, before anything is written. The import button re-posts the previewed file with a
 * checksum bound to the session; the import re-checks everything and writes all valid, non-duplicate rows through the
 * API's create handler (policy, validation, audit) in the request's one transaction: all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/duplicates.h"
#include "app/entity.h"
#include "core/arena.h"
#include "domain/labels.h"
#include "core/buf.h"
#include "core/csv.h"
#include "web/pages/ui-duplicates.h"
#include "web/pages/ui.h"
#include "app/policy.h"

enum { IMPORT_MAX_ROWS = 20000, IMPORT_MAX_COLS = 64, IMPORT_SHOW_ROWS = 1000 };

struct alias {
	const char *field;
	const char *const names[8];
};

#define A(f, ...) {f, {__VA_ARGS__, NULL}}
static const struct alias client_cols[] = {
	A("first_name", "etunimi", "etunimet", "first name", "first_name", "firstname", "given name"),
	A("last_name", "sukunimi", "last name", "last_name", "lastname", "surname", "family name"),
	A("birth_year", "syntymävuosi", "birth year", "birth_year", "year of birth"),
	A("email", "sähköposti", "sähköpostiosoite", "email", "e-mail"),
	A("phone", "puhelin", "puhelinnumero", "phone", "telephone", "mobile"),
	A("municipality", "kunta", "asuinkunta", "municipality"),
	A("mother_tongue", "äidinkieli", "mother tongue", "mother_tongue", "native language"),
	A("nationality", "kansalaisuus", "nationality"),
	A("gender", "sukupuoli", "gender"),
	A("status", "tila", "status"),
	A("intake_on", "alkukartoitus", "aloituspäivä", "intake date", "intake_on"),
	A("country_of_education", "koulutusmaa", "country of education", "country_of_education"),
	A("permit_type", "oleskelulupa", "permit type", "permit_type"),
	{NULL, {NULL}},
};
static const struct alias employer_cols[] = {
	A("name", "nimi", "yritys", "yrityksen nimi", "työnantaja", "name", "company", "employer"),
	A("business_id", "y-tunnus", "ytunnus", "business id", "business_id"),
	A("sector", "toimiala", "sector", "industry"),
	A("municipality", "kunta", "sijaintikunta", "municipality"),
	A("website", "verkkosivut", "kotisivu", "website"),
	A("size", "koko", "size"),
	{NULL, {NULL}},
};
static const struct alias programme_cols[] = {
	A("name", "nimi", "ohjelma", "hanke", "name", "programme", "program"),
	A("funder", "rahoittaja", "funder"),
	A("region", "alue", "region"),
	A("starts_on", "alkaa", "alkupäivä", "start date", "starts_on"),
	A("ends_on", "päättyy", "loppupäivä", "end date", "ends_on"),
	A("description", "kuvaus", "description"),
	{NULL, {NULL}},
};
static const struct alias method_cols[] = {
	A("name", "nimi", "menetelmä", "palvelumuoto", "name", "method"),
	A("description", "kuvaus", "description"),
	{NULL, {NULL}},
};
static const struct alias vacancy_cols[] = {
	A("employer", "työnantaja", "yritys", "employer", "employer name", "company"),
	A("employer_business_id", "y-tunnus", "ytunnus", "business id", "employer business id", "business_id"),
	A("title", "nimike", "tehtävänimike", "tehtävä", "title", "job title"),
	A("contract_type", "sopimustyyppi", "työsuhde", "contract type", "contract_type", "contract"),
	A("municipality", "kunta", "työpaikan kunta", "municipality", "location"),
	A("hours_per_week", "tunnit viikossa", "viikkotunnit", "hours per week", "hours_per_week", "hours"),
	A("positions", "paikkoja", "paikkojen määrä", "positions", "openings"),
	A("status", "tila", "status"),
	A("starts_on", "alkaa", "start date", "starts_on"),
	A("closes_on", "haku päättyy", "hakuaika päättyy", "closes on", "closing date", "closes_on"),
	A("description", "kuvaus", "description"),
	{NULL, {NULL}},
};
#undef A

/* Finnish (and English) words for enum values, as offices write them. */
static const char *const value_words[][2] = {
	{"vakituinen", "permanent"}, {"toistaiseksi voimassa oleva", "permanent"}, {"määräaikainen", "fixed_term"},
	{"fixed-term", "fixed_term"}, {"kausityö", "seasonal"}, {"oppisopimus", "apprenticeship"},
	{"työkokeilu", "work_trial"}, {"palkkatuki", "pay_subsidised"}, {"palkkatuettu", "pay_subsidised"},
	{"nainen", "female"}, {"mies", "male"}, {"muu", "other"}, {"avoin", "open"}, {"luonnos", "draft"},
	{"täytetty", "filled"}, {"suljettu", "closed"}, {"aktiivinen", "active"}, {"alkukartoitus", "intake"},
	{"tauolla", "paused"}, {"työllistynyt", "employed"}, {"koulutuksessa", "education"}, {"päättynyt", "closed"},
};

struct kind {
	const char *name;           /* the import kind in the form and the URL */
	enum entity_id entity, dup; /* what rows become; whose existing rows tell duplicates (and find employers) */
	const struct alias *cols;
};
static const struct kind kinds[] = {
	{"clients", ENT_CLIENTS, ENT_CLIENTS, client_cols},
	{"employers", ENT_EMPLOYERS, ENT_EMPLOYERS, employer_cols},
	{"vacancies", ENT_VACANCIES, ENT_EMPLOYERS, vacancy_cols},
	/* what an admin creates (the entity table's access decides who is offered which kind) */
	{"programmes", ENT_PROGRAMMES, ENT_PROGRAMMES, programme_cols},
	{"service-methods", ENT_SERVICE_METHODS, ENT_SERVICE_METHODS, method_cols},
};
enum { NKINDS = sizeof kinds / sizeof *kinds };

/* Kinds whose duplicates are told by their name alone. */
static bool by_name(enum entity_id id)
{
	return id == ENT_PROGRAMMES || id == ENT_SERVICE_METHODS;
}

static const struct kind *kind_of(const char *s)
{
	for (size_t i = 0; s && i < NKINDS; i++)
		if (strcmp(kinds[i].name, s) == 0)
			return &kinds[i];
	return NULL;
}

/* ASCII lower case plus Ä Ö Å, trimmed. */
static char *fold(struct arena *a, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char *o = arena_strndup(a, s, n);
	if (!o)
		return NULL;
	for (size_t i = 0; o[i]; i++) {
		if (o[i] >= 'A' && o[i] <= 'Z')
			o[i] = (char)(o[i] + 32);
		else if ((unsigned char)o[i] == 0xC3 && o[i + 1] &&
		         ((unsigned char)o[i + 1] == 0x84 || (unsigned char)o[i + 1] == 0x96 ||
		          (unsigned char)o[i + 1] == 0x85))
			o[i + 1] = (char)((unsigned char)o[i + 1] + 0x20);
	}
	return o;
}

static const char *field_of(struct arena *a, const struct alias *cols, const char *header)
{
	char *h = fold(a, header);
	for (size_t i = 0; h && cols[i].field; i++)
		for (size_t k = 0; cols[i].names[k]; k++)
			if (strcmp(h, cols[i].names[k]) == 0)
				return cols[i].field;
	return NULL;
}

struct row {
	size_t line;
	json_t *body;          /* the row as an API body (arena-owned via defer) */
	const char *field, *message; /* the first error, or NULL */
	const char *dup;       /* why it is a duplicate, or NULL */
	json_t *matches;       /* clients: the records it may be (app_dup_index_find), or NULL */
	bool confirmed;        /* a duplicate the person ticked as a different person: imported anyway */
	const char *show;      /* a short description (name or title) */
};

struct staged {
	const struct kind *k;
	const char *content;   /* CR removed, BOM removed */
	struct row *rows;
	size_t nrows, nerr, ndup, nok;
	const char *ignored;   /* header names not used, comma-separated */
	const char *fatal;     /* a message for the whole file */
};

/* D.M.YYYY -> YYYY-MM-DD; other text unchanged. */
static const char *date_of(struct arena *a, const char *v)
{
	int d, m, y;
	char tail;
	if (sscanf(v, "%d.%d.%d%c", &d, &m, &y, &tail) == 3 && y > 1900 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		return arena_printf(a, "%04d-%02d-%02d", y, m, d);
	return v;
}

static const char *word_of(struct arena *a, const char *v)
{
	char *f = fold(a, v);
	for (size_t i = 0; f && i < sizeof value_words / sizeof *value_words; i++)
		if (strcmp(f, value_words[i][0]) == 0)
			return value_words[i][1];
	return v;
}

struct lookup {
	json_t *keys;     /* duplicate keys seen (not clients'): "m:name", "b:businessid" -> row text */
	json_t *emp_bid;  /* employers: business id -> id */
	json_t *emp_name; /* employers: folded name -> id */
	json_t *clients;  /* clients: app/duplicates.h's index of the organisation's clients and the rows above */
};

static int load_existing(struct page *pg, const struct kind *k, struct lookup *lk)
{
	struct web_request *r = pg->r;
	const struct entity_def *d = entity_get(k->dup);
	if (d->id == ENT_CLIENTS) /* the one duplicate rule (app/duplicates.c), against every client in one read */
		return app_dup_index_load(web_actor(r), &lk->clients, &r->err);
	int rc = policy_entity_access(web_actor(r), d, ACC_READ, &r->err);
	if (rc)
		return rc;
	for (long off = 0; off < 200000; off += 500) {
		struct store_list_query lq = {.limit = 500, .offset = off};
		json_t *items = NULL;
		int64_t total = 0;
		struct err e = {0};
		if ((rc = store_entity_list(r->store, d, policy_scope(web_actor(r), d), &lq, &items, &total, &e)))
			return web_fail(r, rc, &e);
		size_t i;
		json_t *row;
		json_array_foreach(items, i, row) {
			const char *txt = arena_printf(r->arena, "#%lld", (long long)jint(row, "id"));
			if (by_name(d->id)) {
				if (jstr(row, "name"))
					json_object_set_new(lk->keys, arena_printf(r->arena, "m:%s", fold(r->arena, jstr(row, "name"))),
					                    json_string(txt));
			} else {
				if (jstr(row, "business_id")) {
					json_object_set_new(lk->keys, arena_printf(r->arena, "b:%s", jstr(row, "business_id")),
					                    json_string(txt));
					json_object_set_new(lk->emp_bid, jstr(row, "business_id"), json_integer(jint(row, "id")));
				}
				if (jstr(row, "name"))
					json_object_set_new(lk->emp_name, fold(r->arena, jstr(row, "name")), json_integer(jint(row, "id")));
			}
		}
		size_t n = json_array_size(items);
		json_decref(items);
		if (n < 500)
			break;
	}
	return 0;
}

/* The checksum of what was previewed, bound to this session: the import takes only that file. */
static void checksum(struct page *pg, const char *kind, const char *content, char out[65])
{
	struct buf b = {0};
	buf_init(&b, (size_t)32 << 20);
	buf_printf(&b, "%s\n%s\n", pg->r->p.csrf, kind);
	buf_puts(&b, content);
	auth_hash_hex(b.data ? b.data : "", b.len, out);
	buf_free(&b);
}

static char sep_of(const char *s)
{
	size_t semi = 0, comma = 0;
	bool q = false;
	for (; *s && *s != '\n'; s++) {
		if (*s == '"')
			q = !q;
		else if (!q && *s == ';')
			semi++;
		else if (!q && *s == ',')
			comma++;
	}
	return semi > comma ? ';' : ',';
}

/* Parses, converts, validates and checks duplicates; writes nothing. */
/* A client row's likely duplicates (app/duplicates.c: name and birth year, e-mail, phone) among the organisation's
 * clients and the rows above; a duplicate the person ticked (confirm_<line> of the import form) is imported anyway. */
static int client_dups(struct page *pg, struct lookup *lk, struct row *rw, struct staged *st)
{
	struct web_request *r = pg->r;
	struct dup_keys dk = {0};
	struct err e = {0};
	int rc;
	if ((rc = app_dup_keys(r->arena, rw->body, &dk, &e)) ||
	    (rc = app_dup_index_find(web_actor(r), lk->clients, &dk, &rw->matches, &e))) {
		r->err = e;
		return rc;
	}
	if (json_array_size(rw->matches)) {
		struct buf b = {0};
		buf_init(&b, 4096);
		size_t i;
		json_t *m;
		json_array_foreach(rw->matches, i, m)
			buf_printf(&b, "%s%s", i ? "; " : "", ui_dup_text(pg, m));
		rw->dup = arena_strdup(r->arena, b.len && !b.failed ? b.data : T(pg, "import.duplicates"));
		buf_free(&b);
		char name[32];
		snprintf(name, sizeof name, "confirm_%zu", rw->line);
		const char *c = form_get(&pg->form, name);
		rw->confirmed = c && strcmp(c, "1") == 0;
		if (!rw->confirmed) {
			st->ndup++;
			return 0;
		}
	}
	json_t *who = json_pack("{s:I,s:O,s:O,s:O}", "row", (json_int_t)rw->line, "first_name",
	                        json_object_get(rw->body, "first_name") ? json_object_get(rw->body, "first_name")
	                                                                : json_null(),
	                        "last_name", json_object_get(rw->body, "last_name") ? json_object_get(rw->body, "last_name")
	                                                                            : json_null(),
	                        "birth_year", json_object_get(rw->body, "birth_year")
	                                          ? json_object_get(rw->body, "birth_year")
	                                          : json_null());
	if (!who)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	app_dup_index_add(lk->clients, &dk, who);
	json_decref(who);
	st->nok++;
	return 0;
}

/* The form's file of kind k read and checked row by row into st, for a user who may write k's entity (the preview and
 * the run both stage the file, so both check the same right first). */
static int stage(struct page *pg, const struct kind *k, struct staged *st)
{
	struct web_request *r = pg->r;
	struct arena *a = r->arena;
	int rc = policy_entity_access(web_actor(r), entity_get(k->entity), ACC_WRITE, &r->err);
	if (rc)
		return rc;
	memset(st, 0, sizeof *st);
	st->k = k;
	const char *raw = form_get(&pg->form, "file");
	if (!raw)
		raw = "";
	if ((unsigned char)raw[0] == 0xEF && (unsigned char)raw[1] == 0xBB && (unsigned char)raw[2] == 0xBF)
		raw += 3;
	size_t n = strlen(raw);
	char *c = arena_alloc(a, n + 1);
	if (!c)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	size_t k2 = 0;
	for (size_t i = 0; i < n; i++)
		if (raw[i] != '\r')
			c[k2++] = raw[i];
	c[k2] = 0;
	st->content = c;
	const struct entity_def *d = entity_get(k->entity);
	struct lookup lk = {page_own(pg, json_object()), page_own(pg, json_object()), page_own(pg, json_object()), NULL};
	if (!lk.keys || !lk.emp_bid || !lk.emp_name)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	rc = load_existing(pg, k, &lk);
	if (rc)
		return rc;
	struct csv_reader *cr = csv_open_mem(c, k2, sep_of(c));
	if (!cr)
		return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
	char **f;
	size_t nf;
	int got = csv_next(cr, &f, &nf);
	if (got != 1 || nf == 0) {
		st->fatal = T(pg, got < 0 ? "import.bad_csv" : "import.empty");
		csv_close(cr);
		return 0;
	}
	size_t ncol = nf < IMPORT_MAX_COLS ? nf : IMPORT_MAX_COLS;
	const char *map[IMPORT_MAX_COLS];
	struct buf ign = {0};
	buf_init(&ign, 8192);
	bool any = false;
	for (size_t i = 0; i < ncol; i++) {
		map[i] = field_of(a, k->cols, f[i]);
		any |= map[i] != NULL;
		if (!map[i] && f[i][0])
			buf_printf(&ign, "%s%s", ign.len ? ", " : "", f[i]);
	}
	st->ignored = ign.len ? arena_strdup(a, ign.data) : NULL;
	buf_free(&ign);
	if (!any) {
		st->fatal = T(pg, "import.no_columns");
		csv_close(cr);
		return 0;
	}
	st->rows = arena_alloc(a, sizeof *st->rows * 64);
	size_t cap = 64;
	while ((got = csv_next(cr, &f, &nf)) == 1) {
		bool blank = true;
		for (size_t i = 0; i < nf; i++)
			blank &= f[i][0] == 0;
		if (blank)
			continue;
		if (st->nrows >= IMPORT_MAX_ROWS) {
			st->fatal = T(pg, "import.too_many");
			break;
		}
		if (st->nrows == cap) {
			struct row *nr = arena_alloc(a, sizeof *nr * cap * 2);
			if (!nr) {
				csv_close(cr);
				return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
			}
			memcpy(nr, st->rows, sizeof *nr * cap);
			st->rows = nr;
			cap *= 2;
		}
		struct row *rw = &st->rows[st->nrows++];
		memset(rw, 0, sizeof *rw);
		rw->line = csv_line(cr);
		if (!(rw->body = page_own(pg, json_object())))
			return web_error(r, ERR_UNAVAILABLE, "", "out of memory");
		const char *emp = NULL, *emp_bid = NULL;
		for (size_t i = 0; i < ncol && i < nf; i++) {
			if (!map[i])
				continue;
			char *v = fold(a, f[i]) ? arena_strdup(a, f[i]) : NULL;
			if (!v)
				continue;
			while (*v == ' ' || *v == '\t')
				v++;
			size_t vl = strlen(v);
			while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
				v[--vl] = 0;
			if (!*v)
				continue;
			if (strcmp(map[i], "employer") == 0) {
				emp = v;
				continue;
			}
			if (strcmp(map[i], "employer_business_id") == 0) {
				emp_bid = v;
				continue;
			}
			const struct field_def *fd = entity_field(d, map[i]);
			if (!fd)
				continue;
			/* a name in any of the three languages ("espanja", "Alempi korkeakouluaste") is taken as its code */
			int kind = labels_kind_of_field(fd->name);
			if (kind >= 0 && labels_code((enum label_kind)kind, v))
				v = arena_strdup(a, labels_code((enum label_kind)kind, v));
			if (!v)
				continue;
			json_t *jv;
			char *end;
			if (fd->type == FT_INT) {
				long long x = strtoll(v, &end, 10);
				jv = *end ? json_string(v) : json_integer(x);
			} else if (fd->type == FT_DATE) {
				jv = json_string(date_of(a, v));
			} else if (fd->type == FT_ENUM) {
				jv = json_string(word_of(a, v));
			} else if (fd->type == FT_LANG || fd->type == FT_COUNTRY) {
				jv = json_string(fold(a, v));
				if (fd->type == FT_COUNTRY && json_string_value(jv)) {
					char up[8];
					snprintf(up, sizeof up, "%s", json_string_value(jv));
					for (char *p = up; *p; p++)
						if (*p >= 'a' && *p <= 'z')
							*p = (char)(*p - 32);
					json_string_set(jv, up);
				}
			} else {
				jv = json_string(v);
			}
			if (jv)
				json_object_set_new(rw->body, map[i], jv);
		}
		if (k->entity == ENT_VACANCIES) {
			json_t *id = emp_bid ? json_object_get(lk.emp_bid, emp_bid) : NULL;
			if (!id && emp)
				id = json_object_get(lk.emp_name, fold(a, emp));
			if (id)
				json_object_set_new(rw->body, "employer_id", json_incref(id));
			if (!json_object_get(rw->body, "status"))
				json_object_set_new(rw->body, "status", json_string("open"));
			if (!id) {
				rw->field = "employer";
				rw->message = (emp || emp_bid) ? T(pg, "import.no_employer") : T(pg, "err.required");
			}
		}
		rw->show = jstr(rw->body, "title") ? jstr(rw->body, "title") : jstr(rw->body, "name");
		if (jstr(rw->body, "first_name") || jstr(rw->body, "last_name"))
			rw->show = arena_printf(a, "%s %s", jstr(rw->body, "first_name") ? jstr(rw->body, "first_name") : "",
			                        jstr(rw->body, "last_name") ? jstr(rw->body, "last_name") : "");
		if (!rw->message) {
			struct entity_input in = {0};
			struct err e = {0};
			if (entity_validate(d, rw->body, true, a, &in, &e)) {
				rw->field = arena_strdup(a, e.field);
				rw->message = page_error_text(pg, &e);
			}
		}
		if (rw->message) {
			st->nerr++;
			continue;
		}
		/* duplicates: against the database and the rows above */
		if (k->entity == ENT_CLIENTS) {
			if ((rc = client_dups(pg, &lk, rw, st)))
				return rc;
			continue;
		}
		const char *keys[2] = {NULL, NULL};
		if (k->entity == ENT_EMPLOYERS && jstr(rw->body, "business_id")) {
			keys[0] = arena_printf(a, "b:%s", jstr(rw->body, "business_id"));
		} else if (by_name(k->entity) && jstr(rw->body, "name")) {
			keys[0] = arena_printf(a, "m:%s", fold(a, jstr(rw->body, "name")));
		}
		for (int i = 0; i < 2 && !rw->dup; i++) {
			const char *hit = keys[i] ? jstr(lk.keys, keys[i]) : NULL;
			if (hit)
				rw->dup = arena_printf(a, "%s (%s %s)",
				                       T(pg, keys[i][0] == 'm' ? "import.dup_same_name" : "import.dup_business_id"),
				                       T(pg, hit[0] == '#' ? "import.dup_existing" : "import.dup_row"),
				                       hit[0] == '#' ? hit : hit + 1);
		}
		if (rw->dup) {
			st->ndup++;
			continue;
		}
		const char *mark = arena_printf(a, "r%zu", rw->line);
		for (int i = 0; i < 2; i++)
			if (keys[i])
				json_object_set_new(lk.keys, keys[i], json_string(mark));
		st->nok++;
	}
	if (got < 0 && !st->fatal)
		st->fatal = arena_printf(a, "%s: %s", T(pg, "import.bad_csv"), csv_error(cr));
	csv_close(cr);
	return 0;
}

static void kind_select(struct page *pg, const char *cur)
{
	html_printf(pg->b, "<div class=\"field\"><label for=\"import-kind\">%s</label><select id=\"import-kind\" "
	                   "name=\"kind\" required aria-required=\"true\">",
	            T(pg, "import.kind"));
	for (size_t i = 0; i < NKINDS; i++)
		if (page_may(pg, entity_get(kinds[i].entity), ACC_WRITE)) /* only what the role may create */
			html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", kinds[i].name,
		            cur && strcmp(cur, kinds[i].name) == 0 ? " selected" : "", TK(pg, "import.kind", kinds[i].name));
	html_raw_trusted(pg->b, "</select></div>");
}

static void upload_form(struct page *pg, const char *kind)
{
	html_printf(pg->b, "<form method=\"post\" action=\"/import/preview\" enctype=\"multipart/form-data\" id=\"import\" "
	                   "class=\"card\">");
	page_csrf_field(pg);
	kind_select(pg, kind);
	html_printf(pg->b, "<div class=\"field\"><label for=\"import-file\">%s</label><input type=\"file\" id=\"import-file\" "
	                   "name=\"file\" accept=\".csv,text/csv\" required aria-required=\"true\"><p class=\"hint\">%s</p>"
	                   "</div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	            T(pg, "import.file"), T(pg, "import.file_hint"), T(pg, "import.preview"));
}

static void headers_help(struct page *pg)
{
	struct buf *b = pg->b;
	html_printf(b, "<details class=\"help\"><summary>%s</summary>", T(pg, "import.headers"));
	for (size_t i = 0; i < NKINDS; i++) {
		if (!page_may(pg, entity_get(kinds[i].entity), ACC_WRITE))
			continue; /* the headers of the kinds this role may import */
		html_printf(b, "<h3>%s</h3><ul class=\"headers\">", TK(pg, "import.kind", kinds[i].name));
		for (size_t c = 0; kinds[i].cols[c].field; c++) {
			html_printf(b, "<li><code>%s</code>: ", kinds[i].cols[c].field);
			for (size_t k = 0; kinds[i].cols[c].names[k]; k++)
				html_printf(b, "%s“%s”", k ? ", " : "", kinds[i].cols[c].names[k]);
			html_raw_trusted(b, "</li>");
		}
		html_raw_trusted(b, "</ul>");
	}
	html_printf(b, "<p class=\"hint\">%s</p></details>", T(pg, "import.headers_hint"));
}

int ui_import(struct page *pg)
{
	page_begin(pg, T(pg, "import.title"), "import");
	html_printf(pg->b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "import.title"), T(pg, "import.lead"));
	const char *done = web_query(pg->r, "done"), *n = web_query(pg->r, "n");
	if (done && strcmp(done, "imported") == 0 && n && strlen(n) < 8 && strspn(n, "0123456789") == strlen(n))
		html_printf(pg->b, "<p class=\"notice\" role=\"status\">%s: %s</p>", T(pg, "import.done"), n);
	upload_form(pg, web_query(pg->r, "kind"));
	headers_help(pg);
	return page_end(pg);
}

static int preview_page(struct page *pg, struct staged *st)
{
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "import.preview_title"), "import");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/import\">%s</a></p><h1>%s: %s</h1>", T(pg, "import.title"),
	            T(pg, "import.preview_title"), TK(pg, "import.kind", st->k->name));
	if (st->fatal) {
		html_printf(b, "<div class=\"form-error\" role=\"alert\">%s</div>", st->fatal);
		upload_form(pg, st->k->name);
		return page_end(pg);
	}
	html_printf(b, "<div role=\"status\"><ul class=\"counts summary\"><li><strong>%zu</strong> %s</li><li class=\"ok\">"
	               "<strong id=\"n-ok\">%zu</strong> %s</li><li class=\"bad\"><strong id=\"n-err\">%zu</strong> %s</li>"
	               "<li class=\"dup\"><strong id=\"n-dup\">%zu</strong> %s</li></ul></div>",
	            st->nrows, T(pg, "import.rows"), st->nok, T(pg, "import.ok"), st->nerr, T(pg, "import.errors"), st->ndup,
	            T(pg, "import.duplicates"));
	if (st->ignored)
		html_printf(b, "<p class=\"hint\">%s: %s</p>", T(pg, "import.ignored"), st->ignored);
	bool confirmable = st->k->entity == ENT_CLIENTS && st->ndup;
	if (st->nok || confirmable) {
		char sum[65];
		checksum(pg, st->k->name, st->content, sum);
		html_raw_trusted(b, "<form method=\"post\" action=\"/import/run\" enctype=\"multipart/form-data\" "
		                    "id=\"import-run\" class=\"card\">");
		page_csrf_field(pg);
		html_printf(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\"><input type=\"hidden\" name=\"checksum\" "
		               "value=\"%s\"><input type=\"hidden\" name=\"file\" value=\"%s\"><p>%s</p>"
		               "<div class=\"actions\"><button type=\"submit\">%s (%zu)</button></div></form>",
		            st->k->name, sum, st->content, T(pg, "import.run_lead"), T(pg, "import.run"), st->nok);
		if (confirmable)
			html_printf(b, "<p class=\"hint\" id=\"dup-lead\">%s</p>", T(pg, "import.dup_confirm_lead"));
	}
	const struct entity_def *d = entity_get(st->k->entity);
	html_printf(
	    b, "<div class=\"table-wrap\"><table class=\"list\" id=\"import-rows\"><caption class=\"vh\">%s</caption>",
	    T(pg, "import.preview_title"));
	page_table_head(pg,
	                (const char *const[]){"import.row", "import.what", "import.status", "import.message", NULL});
	for (size_t i = 0; i < st->nrows && i < IMPORT_SHOW_ROWS; i++) {
		const struct row *rw = &st->rows[i];
		const char *cls = rw->message ? "bad" : rw->dup ? "dup" : "ok";
		html_printf(b, "<tr class=\"%s\" data-line=\"%zu\"><th scope=\"row\">%zu</th><td>%s</td><td><span "
		               "class=\"badge %s\">%s</span></td><td>",
		            cls, rw->line, rw->line, rw->show ? rw->show : "", cls,
		            T(pg, rw->message ? "import.st_error" : rw->dup ? "import.st_duplicate" : "import.st_ok"));
		if (rw->message) {
			const char *label = rw->field && *rw->field ? (strcmp(rw->field, "employer") == 0
			                                                   ? T(pg, "import.employer")
			                                                   : page_field_label(pg, d, rw->field))
			                                            : "";
			html_printf(b, "<strong>%s</strong>%s%s", label, *label ? ": " : "", rw->message);
		} else if (rw->dup) {
			html_txt(b, rw->dup);
			if (rw->matches) /* a different person after all: imported with the rest (outside the form's markup) */
				html_printf(b, "<label class=\"confirm-new\"><input type=\"checkbox\" form=\"import-run\" "
				               "name=\"confirm_%zu\" value=\"1\"> %s</label>",
				            rw->line, T(pg, "dup.confirm_row"));
		}
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
	return page_end(pg);
}

int ui_import_preview(struct page *pg)
{
	const struct kind *k = kind_of(form_get(&pg->form, "kind"));
	if (!k)
		return web_error(pg->r, ERR_INVALID, "kind", "choose what the file holds");
	struct staged st = {0};
	int rc = stage(pg, k, &st);
	if (rc)
		return rc;
	return preview_page(pg, &st);
}

int ui_import_run(struct page *pg)
{
	struct web_request *r = pg->r;
	const struct kind *k = kind_of(form_get(&pg->form, "kind"));
	const char *sum = form_get(&pg->form, "checksum");
	if (!k || !sum)
		return web_error(r, ERR_INVALID, "kind", "the import form is incomplete; preview the file again");
	struct staged st = {0};
	int rc = stage(pg, k, &st);
	if (rc)
		return rc;
	char want[65];
	checksum(pg, k->name, st.content, want);
	if (!auth_token_equal(want, sum))
		return web_error(r, ERR_INVALID, "checksum", "the file is not the one previewed; preview it again");
	if (st.fatal)
		return web_error(r, ERR_INVALID, "file", "%s", st.fatal);
	size_t done = 0;
	for (size_t i = 0; i < st.nrows; i++) {
		if (st.rows[i].message || (st.rows[i].dup && !st.rows[i].confirmed))
			continue;
		if ((rc = page_create(pg, entity_get(k->entity), st.rows[i].body, NULL, NULL)))
			return rc; /* the request's transaction rolls back: nothing of this file is kept */
		done++;
	}
	return page_redirectf(pg, "/import?done=imported&n=%zu&kind=%s", done, k->name);
}
