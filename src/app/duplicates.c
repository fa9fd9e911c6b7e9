/* duplicates: the likely-duplicate rule for new clients; see duplicates.h. */
#include "app/duplicates.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "app/policy.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fold.h"
#include "store/client_link_store.h"
#include "store/duplicate_store.h"

static int oom(struct err *e)
{
	return err_oom(e);
}

static const char *text_of(json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));
	while (s && isspace((unsigned char)*s))
		s++;
	return s && *s ? s : NULL;
}

static int append_word(const char *w, size_t len, void *arg)
{
	struct buf *b = arg;
	if (b->len)
		buf_puts(b, " ");
	buf_printf(b, "%.*s", (int)len, w);
	return 0;
}

/* The folded words of s joined by single spaces, in ar; "" for none; NULL when out of memory or not UTF-8. */
static char *folded(struct arena *ar, const char *s)
{
	char *f = fold_search(s);
	if (!f)
		return NULL;
	struct buf b = {0};
	buf_init(&b, 1024);
	fold_words(f, append_word, &b);
	free(f);
	char *out = b.failed ? NULL : arena_strdup(ar, b.len ? b.data : "");
	buf_free(&b);
	return out;
}

const char *app_dup_phone(struct arena *ar, const char *s)
{
	char d[48];
	size_t n = 0;
	bool plus = false;
	for (const char *p = s; p && *p && n + 1 < sizeof d; p++) {
		if (*p == '+' && n == 0)
			plus = true;
		else if (isdigit((unsigned char)*p))
			d[n++] = *p;
	}
	d[n] = 0;
	if (n < 5)
		return NULL;
	const char *digits = d;
	if (!plus && strncmp(d, "00", 2) == 0) { /* 00 is the international prefix: 00358... = +358... */
		plus = true;
		digits += 2;
	}
	if (plus && strncmp(digits, "358", 3) == 0)
		return arena_printf(ar, "0%s", digits + 3);
	return arena_printf(ar, "%s%s", plus ? "+" : "", digits);
}

int app_dup_keys(struct arena *ar, json_t *client, struct dup_keys *k, struct err *e)
{
	memset(k, 0, sizeof *k);
	const char *first = text_of(client, "first_name"), *last = text_of(client, "last_name");
	json_int_t year = json_integer_value(json_object_get(client, "birth_year"));
	if (first && last && year > 0) {
		char *f = folded(ar, first), *l = folded(ar, last);
		if (!f || !l)
			return oom(e);
		if (*f && *l && !(k->name = arena_printf(ar, "n:%s|%s|%lld", f, l, (long long)year)))
			return oom(e);
	}
	const char *mail = text_of(client, "email");
	if (mail) {
		char *m = arena_printf(ar, "e:%s", mail);
		if (!m)
			return oom(e);
		for (char *p = m; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		size_t n = strlen(m);
		while (n && isspace((unsigned char)m[n - 1]))
			m[--n] = 0;
		k->email = m;
	}
	const char *phone = text_of(client, "phone");
	const char *digits = phone ? app_dup_phone(ar, phone) : NULL;
	if (digits && !(k->phone = arena_printf(ar, "p:%s", digits)))
		return oom(e);
	return 0;
}

/* The reasons' stable names (the API's words), one place for both ways of matching: in the order of the keys (name,
 * e-mail, phone) and of the DUP_* bits. */
static const char *const reason_names[3] = {"name_birth_year", "email", "phone"};

/* The reasons of mask as a JSON array of stable names. */
static json_t *reasons_of(unsigned mask)
{
	json_t *r = json_array();
	for (int i = 0; i < 3; i++)
		if (mask & (1u << i))
			json_array_append_new(r, json_string(reason_names[i]));
	return r;
}

static bool same(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* What a match shows of a client: who it is, never the e-mail or the phone. */
static json_t *shown(json_t *row, unsigned mask)
{
	json_t *m = json_pack("{s:O,s:O,s:O,s:O,s:b}", "id", json_object_get(row, "id"), "first_name",
	                      json_object_get(row, "first_name"), "last_name", json_object_get(row, "last_name"),
	                      "birth_year", json_object_get(row, "birth_year") ? json_object_get(row, "birth_year")
	                                                                      : json_null(),
	                      "archived", json_is_string(json_object_get(row, "archived_at")));
	if (m && mask)
		json_object_set_new(m, "reasons", reasons_of(mask));
	return m;
}

/* The rows the rule matches for body, each with "reasons" added: in the actor's organisation, or (elsewhere) in every
 * other one. *hits belongs to the arena. */
static int matching(const struct actor *a, json_t *body, bool elsewhere, json_t **hits, struct err *e)
{
	*hits = NULL;
	struct dup_keys k = {0};
	int rc = app_dup_keys(a->arena, body, &k, e);
	if (rc)
		return rc;
	json_t *out = arena_json(a->arena, json_array());
	if (!out)
		return oom(e);
	*hits = out;
	if (!k.name && !k.email && !k.phone)
		return 0;
	/* the store narrows down (an index term of the last name, the e-mail, the phone's last four digits) */
	struct duplicate_probe pr = {0};
	char last_word[FOLD_WORD_MAX + 1] = "", like[16] = "";
	if (k.name) {
		const char *l = strchr(k.name, '|') + 1;
		size_t n = strcspn(l, " |");
		n = fold_cut(l, n, FOLD_WORD_MAX);
		memcpy(last_word, l, n);
		last_word[n] = 0;
		pr.last_word = last_word;
		pr.birth_year = json_integer_value(json_object_get(body, "birth_year"));
	}
	if (k.email)
		pr.email = k.email + 2;
	if (k.phone) {
		size_t n = strlen(k.phone);
		const char *t = k.phone + n - 4; /* at least 5 digits */
		snprintf(like, sizeof like, "%%%c%%%c%%%c%%%c", t[0], t[1], t[2], t[3]);
		pr.phone_like = like;
	}
	json_t *rows = NULL;
	if ((rc = elsewhere ? store_link_candidates(a->store, a->p->org_id, &pr, &rows, e)
	                    : store_duplicate_candidates(a->store, a->p->org_id, &pr, &rows, e)))
		return rc;
	arena_json(a->arena, rows);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		struct dup_keys ck = {0};
		if ((rc = app_dup_keys(a->arena, row, &ck, e)))
			return rc;
		unsigned mask = (same(k.name, ck.name) ? DUP_NAME : 0) | (same(k.email, ck.email) ? DUP_EMAIL : 0) |
		                (same(k.phone, ck.phone) ? DUP_PHONE : 0);
		if (mask && (json_object_set_new(row, "reasons", reasons_of(mask)) || json_array_append(out, row)))
			return oom(e);
	}
	return 0;
}

int app_duplicates_find(const struct actor *a, json_t *body, json_t **matches, struct err *e)
{
	json_t *hits = NULL;
	int rc = matching(a, body, false, &hits, e);
	if (rc)
		return rc;
	json_t *out = arena_json(a->arena, json_array());
	if (!(*matches = out))
		return oom(e);
	size_t i;
	json_t *row;
	json_array_foreach(hits, i, row) {
		json_t *m = shown(row, 0);
		if (!m || json_object_set(m, "reasons", json_object_get(row, "reasons")) || json_array_append_new(out, m))
			return oom(e);
	}
	return app_duplicates_shown(a, out, e);
}

int app_duplicates_shown(const struct actor *a, json_t *matches, struct err *e)
{
	size_t i;
	json_t *m;
	json_array_foreach(matches, i, m) {
		json_int_t id = json_integer_value(json_object_get(m, "id"));
		int rc = id ? audit_principal(a->store, a->p, "read", "clients", id, id, "likely_duplicate", e) : 0;
		if (rc)
			return rc;
	}
	return 0;
}

int app_duplicates_elsewhere(const struct actor *a, json_t *client, json_t **rows, struct err *e)
{
	return matching(a, client, true, rows, e);
}

int app_client_create(const struct actor *a, json_t *body, bool confirmed, json_t **row, json_t **matches,
                      struct err *e)
{
	*row = *matches = NULL;
	const struct entity_def *d = entity_get(ENT_CLIENTS);
	int rc = policy_entity_access(a, d, ACC_WRITE, e); /* names are shown only to who may create clients */
	if (rc)
		return rc;
	if (!confirmed && json_is_object(body)) {
		if ((rc = app_duplicates_find(a, body, matches, e)))
			return rc;
		if (json_array_size(*matches))
			return err_key(e, ERR_CONFLICT, "", "likely_duplicate",
			               "%zu client record(s) of your organisation look like the same person (same name and "
			               "birth year, e-mail or phone; see error.matches); if this is a different person, send "
			               "\"confirm_new\": true to create the record anyway",
			               json_array_size(*matches));
		*matches = NULL;
	}
	return app_entity_create(a, d, body, row, e);
}

int app_dup_index_load(const struct actor *a, json_t **index, struct err *e)
{
	*index = NULL;
	json_t *rows = NULL;
	int rc = policy_entity_access(a, entity_get(ENT_CLIENTS), ACC_READ, e);
	if (rc || (rc = store_duplicate_candidates(a->store, a->p->org_id, NULL, &rows, e)))
		return rc;
	arena_json(a->arena, rows);
	json_t *ix = arena_json(a->arena, json_object());
	if (!ix)
		return oom(e);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		struct dup_keys k = {0};
		if ((rc = app_dup_keys(a->arena, row, &k, e)))
			return rc;
		json_t *who = shown(row, 0);
		if (!who)
			return oom(e);
		app_dup_index_add(ix, &k, who);
		json_decref(who);
	}
	*index = ix;
	/* every client of the organisation was read: one entry, not a link per client (an import's check is no list
	 * shown to anybody; the rows it flags are shown, and audited, as the import's preview) */
	return audit_principal(a->store, a->p, "list", "clients", 0, 0, "import duplicate check", e);
}

void app_dup_index_add(json_t *index, const struct dup_keys *k, json_t *who)
{
	const char *keys[3] = {k->name, k->email, k->phone};
	for (int i = 0; i < 3; i++) {
		if (!keys[i])
			continue;
		json_t *list = json_object_get(index, keys[i]);
		if (!list) {
			list = json_array();
			json_object_set_new(index, keys[i], list);
		}
		json_array_append(list, who);
	}
}

int app_dup_index_find(const struct actor *a, json_t *index, const struct dup_keys *k, json_t **matches,
                       struct err *e)
{
	json_t *out = arena_json(a->arena, json_array());
	if (!(*matches = out))
		return oom(e);
	const char *keys[3] = {k->name, k->email, k->phone};
	for (int i = 0; i < 3; i++) {
		size_t j;
		json_t *who;
		json_array_foreach(keys[i] ? json_object_get(index, keys[i]) : NULL, j, who) {
			json_t *m = NULL;
			size_t x;
			json_t *had;
			json_array_foreach(out, x, had) /* the same record for a second reason: one entry */
				if (json_integer_value(json_object_get(had, "id")) == json_integer_value(json_object_get(who, "id")) &&
				    json_integer_value(json_object_get(had, "row")) == json_integer_value(json_object_get(who, "row")))
					m = had;
			if (!m) {
				m = json_deep_copy(who);
				if (!m || json_array_append_new(out, m))
					return oom(e);
				json_object_set_new(m, "reasons", json_array());
			}
			json_array_append_new(json_object_get(m, "reasons"), json_string(reason_names[i]));
		}
	}
	return 0;
}
