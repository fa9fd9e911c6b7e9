/* survey_review_items: the review items one response offers (see survey_review_items in survey_review.h): each
 * answer mapped to the profile row (client field, work history, education, skill, language, certificate, target
 * occupation) its question's maps_to names. */
#include "app/survey_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/policy.h"
#include "app/survey_def.h"
#include "app/survey_review_internal.h"
#include "core/arena.h"
#include "core/jget.h"
#include "domain/entity.h"
#include "store/entity_store.h"

static const struct {
	const char *table, *entity;
} tables[] = {
	{"client", "clients"},
	{"work_history", "work-history"},
	{"educations", "educations"},
	{"client_skills", "client-skills"},
	{"client_languages", "client-languages"},
	{"certificates", "certificates"},
	{"target_occupations", "target-occupations"},
};

static const char *entity_of_table(const char *table, size_t n)
{
	for (size_t i = 0; i < sizeof tables / sizeof *tables; i++)
		if (strlen(tables[i].table) == n && strncmp(tables[i].table, table, n) == 0)
			return tables[i].entity;
	return NULL;
}


bool survey_review_is_uri(json_t *v)
{
	return json_is_string(v) && strncmp(json_string_value(v), "http", 4) == 0;
}

/* The value for an entity column: integers for whole-number columns, as given otherwise; NULL to leave it out. */
static json_t *column_value(const char *entity, const char *col, json_t *v)
{
	const struct entity_def *d = entity_find(entity);
	const struct field_def *f = d ? entity_field(d, col) : NULL;
	if (!f || !v)
		return NULL;
	if (f->type == FT_INT) {
		if (json_is_integer(v))
			return json_incref(v);
		if (json_is_real(v))
			return json_integer((json_int_t)json_real_value(v));
		double x = 0;
		if (json_is_string(v) && survey_parse_number(json_string_value(v), &x) && x == (double)(long long)x)
			return json_integer((json_int_t)x); /* "2019", "٢٠١٩", "๒๐๑๙": the form's own reading */
		return NULL;
	}
	if (f->type == FT_REAL) {
		double x = 0;
		if (json_is_string(v) && survey_parse_number(json_string_value(v), &x))
			return json_real(x);
		return json_is_number(v) ? json_real(json_number_value(v)) : NULL;
	}
	if (strcmp(entity, "educations") == 0 && strcmp(col, "recognition") == 0 && json_is_string(v)) {
		/* the survey asks what the respondent knows; the record keeps where the recognition stands */
		static const char *const map[][2] = {{"recognised", "recognised"}, {"applied", "in_progress"},
		                                     {"not_applied", "not_started"}, {"not_needed", "not_needed"},
		                                     {"in_progress", "in_progress"}, {"not_started", "not_started"}};
		for (size_t i = 0; i < sizeof map / sizeof *map; i++)
			if (strcmp(json_string_value(v), map[i][0]) == 0)
				return json_string(map[i][1]);
		return NULL; /* "dont_know" and anything else: left for the counsellor */
	}
	if ((f->type == FT_ESCO_OCCUPATION || f->type == FT_ESCO_SKILL) && !survey_review_is_uri(v))
		return NULL;
	return json_incref(v);
}

static json_t *item_new(json_t *items, const char *key, const char *entity, bool spouse)
{
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) if (strcmp(json_string_value(json_object_get(it, "key")), key) == 0) return it;
	it = json_pack("{s:s,s:s,s:{},s:[],s:s}", "key", key, "entity", entity, "fields", "questions", "person",
	               spouse ? "spouse" : "respondent");
	json_array_append_new(items, it);
	return it;
}

static void item_add(json_t *it, const char *qid, const char *col, json_t *val)
{
	json_t *qs = json_object_get(it, "questions");
	size_t i;
	json_t *x;
	bool have = false;
	json_array_foreach(qs, i, x) have |= strcmp(json_string_value(x), qid) == 0;
	if (!have)
		json_array_append_new(qs, json_string(qid));
	if (val && !json_object_get(json_object_get(it, "fields"), col))
		json_object_set_new(json_object_get(it, "fields"), col, val);
	else
		json_decref(val);
}

static const char *cert_kind(const char *value)
{
	if (strncmp(value, "driving", 7) == 0)
		return "driving_licence";
	if (strstr(value, "card") || strstr(value, "passport"))
		return "card";
	if (strstr(value, "licen") || strstr(value, "forklift"))
		return "licence";
	return "certificate";
}

/* One question's answer v into items; scope names the row ("about_you", "work_history[1]"). */
static void map_answer(const struct survey_def *def, json_t *items, const struct survey_question *q, json_t *v,
                       const char *scope)
{
	const char *m = q->maps_to;
	if (!m || !v)
		return;
	/* the spouse's answers: items of their own ("spouse:" before the key, "person": "spouse"), written to the
	 * spouse's own client record (survey_review_accept) */
	bool spouse = strncmp(m, "spouse.", 7) == 0;
	if (spouse)
		m += 7;
	const char *pre = spouse ? "spouse:" : "";
	const char *dot = strchr(m, '.');
	size_t tlen = dot ? (size_t)(dot - m) : strlen(m);
	const char *entity = entity_of_table(m, tlen);
	if (!entity)
		return;
	char key[160];
	if (strncmp(m, "client.", 7) == 0) {
		json_t *cv = column_value(entity, dot + 1, v);
		if (!cv)
			return;
		snprintf(key, sizeof key, "%s%s", pre, m);
		item_add(item_new(items, key, entity, spouse), q->id, dot + 1, cv);
		return;
	}
	if (dot) { /* a column of a row built from the whole group (or repeat) */
		snprintf(key, sizeof key, "%s%.*s:%s", pre, (int)tlen, m, scope);
		json_t *it = item_new(items, key, entity, spouse);
		const char *col = dot + 1;
		json_t *cv = column_value(entity, col, v);
		if (!cv && (strcmp(col, "esco_occupation") == 0 || strcmp(col, "esco_skill") == 0) && json_is_string(v)) {
			/* typed when nothing in the list fitted: the text goes where a person reads it */
			item_add(it, q->id, strcmp(entity, "client-skills") == 0 ? "label" : "title", json_incref(v));
			return;
		}
		if (!cv && strcmp(col, "isced_level") == 0)
			return;
		item_add(it, q->id, col, cv);
		return;
	}
	/* a whole-row answer: one row per pick */
	size_t k = 0;
	if (strcmp(m, "client_languages") == 0) {
		const char *lang;
		json_t *lv;
		json_object_foreach(v, lang, lv) { /* one item per language, however often it is named */
			snprintf(key, sizeof key, "%sclient_languages:%.8s", pre, lang);
			json_t *it = item_new(items, key, entity, spouse);
			item_add(it, q->id, "language", json_string(lang));
			item_add(it, q->id, "level", json_incref(lv));
		}
		return;
	}
	json_t *list = json_is_array(v) ? json_incref(v) : json_pack("[O]", v);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (!json_is_string(x))
			continue;
		snprintf(key, sizeof key, "%s%.*s:%s[%zu]", pre, (int)tlen, m, q->id, k++);
		json_t *it = item_new(items, key, entity, spouse);
		const char *s = json_string_value(x);
		if (strcmp(m, "client_skills") == 0) {
			item_add(it, q->id, survey_review_is_uri(x) ? "esco_skill" : "label", json_incref(x));
			item_add(it, q->id, "evidence", json_string("self_declared"));
		} else if (strcmp(m, "target_occupations") == 0) {
			item_add(it, q->id, survey_review_is_uri(x) ? "esco_occupation" : "title", json_incref(x));
		} else if (strcmp(m, "certificates") == 0) {
			const struct survey_option *o = survey_find_option(q, s);
			item_add(it, q->id, "kind", json_string(cert_kind(s)));
			const char *name = o ? survey_text(def, &o->text, def->langs[0]) : NULL;
			item_add(it, q->id, "name", json_string(name ? name : s));
		}
	}
	json_decref(list);
}

json_t *survey_review_items(const struct survey_def *def, json_t *answers)
{
	json_t *items = json_array();
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		if (g->repeatable) {
			size_t i;
			json_t *entry;
			json_array_foreach(json_object_get(answers, g->id), i, entry) {
				char scope[96];
				snprintf(scope, sizeof scope, "%s[%zu]", g->id, i);
				for (size_t k = 0; k < g->n_questions; k++)
					map_answer(def, items, &g->questions[k], json_object_get(entry, g->questions[k].id), scope);
			}
			continue;
		}
		for (size_t k = 0; k < g->n_questions; k++)
			map_answer(def, items, &g->questions[k], json_object_get(answers, g->questions[k].id), g->id);
	}
	/* certificates.name from a text question gets a kind so the row can be written */
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		json_t *f = json_object_get(it, "fields");
		if (strcmp(json_string_value(json_object_get(it, "entity")), "certificates") == 0 && !json_object_get(f, "kind"))
			json_object_set_new(f, "kind", json_string("other"));
	}
	return items;
}

/* ---------------------------------------------------------------- the field rule on answers */

/* Whether question q fills a field ("table.column", "spouse." before it or not) that the actor may not read on a
 * record it reads as assigned or not: the entity table's field rule (policy_hidden_fields), so that an answer
 * cannot show what the record hides. A whole row (a language, a skill, a certificate, an occupation) fills no
 * field the rule hides. */
static bool fills_hidden(const struct actor *a, const struct survey_question *q, bool assigned)
{
	const char *m = q->maps_to;
	if (!m)
		return false;
	if (strncmp(m, "spouse.", 7) == 0)
		m += 7;
	const char *dot = strchr(m, '.');
	const char *entity = dot ? entity_of_table(m, (size_t)(dot - m)) : NULL;
	const struct entity_def *d = entity ? entity_find(entity) : NULL;
	const struct field_def *f = d ? entity_field(d, dot + 1) : NULL;
	if (!f)
		return false;
	bool *hidden = arena_alloc(a->arena, d->nfields * sizeof *hidden + 1);
	if (!hidden) /* out of memory: hidden, not shown */
		return true;
	policy_hidden_fields(a, d, assigned, hidden);
	return hidden[f - d->fields];
}

/* Takes question qid, and the field col it fills, out of every item it fills; an item left with no field goes. */
static void items_drop(json_t *items, const char *qid, const char *col)
{
	for (size_t i = json_array_size(items); i-- > 0;) {
		json_t *it = json_array_get(items, i), *qs = json_object_get(it, "questions");
		bool fills = false;
		for (size_t k = json_array_size(qs); k-- > 0;)
			if (strcmp(json_string_value(json_array_get(qs, k)), qid) == 0) {
				json_array_remove(qs, k);
				fills = true;
			}
		if (!fills)
			continue;
		json_object_del(json_object_get(it, "fields"), col);
		if (!json_object_size(json_object_get(it, "fields")))
			json_array_remove(items, i);
	}
}

/* Whether the actor reads client_id's answers as its assigned counsellor. No client yet: the reviewer who makes one
 * from the answers is its assigned counsellor. */
static bool reads_assigned(const struct actor *a, int64_t client_id)
{
	return client_id ? policy_is_assigned(a, client_id) : a->p->role == ROLE_COUNSELLOR;
}

/* The client the answers' spouse part is about: the family's other adult (the spouse of a worker; the worker of a
 * spouse who answers her own survey, as survey_review_accept.c writes it), or 0 when the family has none yet. The
 * rows are read for the rule only, not shown: no audit entry. */
static int64_t partner_of(const struct actor *a, int64_t client_id)
{
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	json_t *me = NULL, *found = NULL;
	struct err e = {0};
	if (!client_id || store_entity_get(a->store, cd, policy_scope(a, cd), client_id, &me, &e))
		return 0;
	int64_t fam = jget_int(me, "family_id");
	const char *own = json_string_value(json_object_get(me, "family_role"));
	const char *role = own && strcmp(own, "spouse") == 0 ? "worker" : "spouse";
	char ftxt[24];
	snprintf(ftxt, sizeof ftxt, "%lld", (long long)fam);
	struct store_filter f[2] = {{entity_field(cd, "family_id"), ftxt}, {entity_field(cd, "family_role"), role}};
	struct store_list_query lq = {.filters = f, .nfilters = 2, .limit = 1};
	int64_t total = 0, partner = 0;
	if (fam && !store_entity_list(a->store, cd, policy_scope(a, cd), &lq, &found, &total, &e) &&
	    json_array_size(found))
		partner = jget_int(json_array_get(found, 0), "id");
	json_decref(found);
	json_decref(me);
	return partner == client_id ? 0 : partner;
}

static bool has_spouse_part(const struct survey_def *def)
{
	for (size_t gi = 0; gi < def->n_groups; gi++)
		for (size_t k = 0; k < def->groups[gi].n_questions; k++) {
			const char *m = def->groups[gi].questions[k].maps_to;
			if (m && strncmp(m, "spouse.", 7) == 0)
				return true;
		}
	return false;
}

void survey_review_redact(const struct actor *a, const struct survey_def *def, int64_t client_id, json_t *answers,
                          json_t *items)
{
	bool assigned = reads_assigned(a, client_id);
	/* the spouse part is read as the spouse's record is: by the spouse's own counsellor once the family has one */
	int64_t partner = has_spouse_part(def) ? partner_of(a, client_id) : 0;
	bool assigned_partner = partner ? reads_assigned(a, partner) : assigned;
	for (size_t gi = 0; gi < def->n_groups; gi++) {
		const struct survey_group *g = &def->groups[gi];
		for (size_t k = 0; k < g->n_questions; k++) {
			const struct survey_question *q = &g->questions[k];
			bool spouse = q->maps_to && strncmp(q->maps_to, "spouse.", 7) == 0;
			if (!fills_hidden(a, q, spouse ? assigned_partner : assigned))
				continue;
			if (g->repeatable) {
				size_t i;
				json_t *entry;
				json_array_foreach(json_object_get(answers, g->id), i, entry)
					json_object_del(entry, q->id);
			} else {
				json_object_del(answers, q->id);
			}
			items_drop(items, q->id, strrchr(q->maps_to, '.') + 1);
		}
	}
}

int survey_review_redact_export(const struct actor *a, int64_t client_id, json_t *rows, struct err *e)
{
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		int64_t sid = (int64_t)json_integer_value(json_object_get(row, "survey_id"));
		json_t *answers = json_object_get(row, "answers");
		const struct survey_def *def = NULL;
		struct err se = {0};
		if (sid > 0 && app_survey_def(a->store, 0, sid, a->arena, &def, &se) && se.code != ERR_NOT_FOUND &&
		    se.code != ERR_INTERNAL) {
			*e = se;
			return se.code;
		}
		if (def && json_is_object(answers))
			survey_review_redact(a, def, client_id, answers, NULL);
		else if (!def && !reads_assigned(a, client_id)) /* which field an answer fills is unknown: none shown */
			json_object_set_new(row, "answers", json_object());
		json_object_del(row, "survey_id"); /* read for the rule, not a part of the export */
	}
	return 0;
}
