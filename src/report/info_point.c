/* info_point: figures of the international info point (issue 15 item 6; docs/outcomes.md "International info point"):
 * the contacts of the period by channel, topic, language, moving status and where the person was referred. A contact
 * is not a client: no person is counted, only contacts, so the counts are exact and hold no personal data. */
#include <stdio.h>
#include <string.h>

#include "domain/entity.h"
#include "report/internal.h"

static const char SQL_CONTACTS[] =
	"SELECT channel, topics, language, moving_status, referred_to, personal_data_agreed FROM info_contacts "
	"WHERE archived_at IS NULL AND contacted_on >= ?2 AND contacted_on <= ?3 AND (?1 = 0 OR organisation_id = ?1) "
	"AND (?4 = '' OR municipality = ?4)";

enum { MAX_KEYS = 64 };

/* Counts per value of one field: the field's codes in its order (zeros included), then other values by first sight
 * (languages), then "(none)" for a contact that left it empty. */
struct tally {
	const char *name;
	size_t n;
	char value[MAX_KEYS][32];
	int64_t count[MAX_KEYS];
};

static void tally_init(struct tally *t, const char *name)
{
	t->name = name;
	const struct field_def *f = entity_field(entity_get(ENT_INFO_CONTACTS), name);
	for (size_t i = 0; f && f->values && f->values[i] && t->n < MAX_KEYS; i++)
		snprintf(t->value[t->n++], sizeof t->value[0], "%s", f->values[i]);
}

static void tally_add(struct tally *t, const char *v, size_t len)
{
	char key[32];
	if (len)
		snprintf(key, sizeof key, "%.*s", (int)(len < sizeof key ? len : sizeof key - 1), v);
	else
		snprintf(key, sizeof key, "(none)");
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->value[i], key) == 0) {
			t->count[i]++;
			return;
		}
	if (t->n < MAX_KEYS) {
		snprintf(t->value[t->n], sizeof t->value[0], "%s", key);
		t->count[t->n++] = 1;
	}
}

static json_t *tally_json(const struct tally *t)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < t->n; i++)
		json_array_append_new(a, json_pack("{s:s,s:I}", "value", t->value[i], "count", (json_int_t)t->count[i]));
	return a;
}

int report_info_point(struct store *s, const struct report_filter *f, json_t **out, struct err *e)
{
	*out = NULL;
	enum { CHANNEL, TOPIC, LANGUAGE, MOVING, REFERRED, NT };
	static const char *const names[NT] = {"channel", "topics", "language", "moving_status", "referred_to"};
	struct tally t[NT] = {{0}}; /* about 8 KiB */
	for (int i = 0; i < NT; i++)
		tally_init(&t[i], names[i]);
	const struct store_param p[] = {STORE_P_INT(f->org_id), STORE_P_TEXT(f->from), STORE_P_TEXT(f->to),
	                                STORE_P_TEXT(f->municipality)};
	struct store_stmt *st = NULL;
	int64_t total = 0, agreed = 0;
	int rc = store_prepare_bound(s, SQL_CONTACTS, p, STORE_NPARAMS(p), &st, e);
	if (rc)
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		total++;
		agreed += store_col_int(st, 5) != 0;
		for (int i = 0; i < NT; i++) {
			const char *v = store_col_text(st, i);
			if (i != TOPIC || !v || !*v) {
				tally_add(&t[i], v ? v : "", v ? strlen(v) : 0);
				continue;
			}
			while (*v) { /* a contact may be about several topics: each is counted */
				const char *comma = strchr(v, ',');
				size_t len = comma ? (size_t)(comma - v) : strlen(v);
				if (len)
					tally_add(&t[i], v, len);
				v += len + (comma != NULL);
			}
		}
	}
	store_reset(st);
	rc = rc < 0 ? -rc : 0;
	if (!rc) {
		json_t *by = json_object();
		for (int i = 0; by && i < NT; i++)
			json_object_set_new(by, names[i], tally_json(&t[i]));
		*out = json_pack("{s:o,s:I,s:I,s:o}", "filter", report_filter_json(f), "contacts", (json_int_t)total,
		                 "personal_data_agreed", (json_int_t)agreed, "by", by);
		if (!*out)
			rc = err_oom(e);
	}
	return rc;
}
