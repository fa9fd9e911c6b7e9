/* skill_suggest: the verb behind "suggest skills from text" (see skill_suggest.h). */
#include <string.h>

#include "app/policy.h"
#include "app/skill_suggest.h"
#include "domain/entity.h"
#include "taxonomy/taxonomy.h"

/* Characters (code points) in the first n bytes of s. */
static size_t cps(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static bool known_lang(const char *l)
{
	return strcmp(l, "fi") == 0 || strcmp(l, "sv") == 0 || strcmp(l, "en") == 0;
}

int skill_suggest(const struct actor *a, const char *text, const char *lang, const char *label_lang, size_t limit,
                  json_t **out, struct err *e)
{
	*out = NULL;
	struct err e1 = {0}, e2 = {0};
	if (policy_entity_access(a, entity_get(ENT_CLIENT_SKILLS), ACC_WRITE, &e1) &&
	    policy_entity_access(a, entity_get(ENT_VACANCY_SKILLS), ACC_WRITE, &e2))
		return err_key(e, ERR_FORBIDDEN, "", "role",
		               "only staff who edit clients' or vacancies' skills may ask for skill suggestions");
	if (lang && *lang && !known_lang(lang))
		return err_key(e, ERR_INVALID, "lang", "lang", "lang must be fi, sv or en (or left out to guess)");
	if (!label_lang || !known_lang(label_lang))
		label_lang = "en";
	if (limit == 0)
		limit = SKILL_SUGGEST_DEFAULT_LIMIT;
	if (limit > TAX_SUGGEST_MAX_LIMIT)
		return err_key(e, ERR_INVALID, "limit", "limit", "limit must be 1 to %d", TAX_SUGGEST_MAX_LIMIT);
	const struct tax_index *ix = tax_shared_index();
	if (!ix)
		return err_set(e, ERR_UNAVAILABLE, NULL, "the taxonomy is not loaded: import it (osaaja import-taxonomy)");
	if (!lang || !*lang)
		lang = tax_guess_lang(text ? text : "", text ? strlen(text) : 0, label_lang);
	struct tax_skill_suggestion sg[TAX_SUGGEST_MAX_LIMIT];
	size_t n = 0;
	int rc = tax_suggest_skills(ix, text, lang, label_lang, limit, sg, &n, e);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; items && i < n; i++) {
		size_t a0 = sg[i].sentence.start, z = sg[i].sentence.end;
		json_t *s = json_stringn(text + a0, z - a0);
		size_t start = cps(text, a0);
		if (json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:o,s:I,s:I,s:f}", "uri", sg[i].uri, "label",
		                                           sg[i].label, "matched", sg[i].matched, "sentence", s, "start",
		                                           (json_int_t)start, "end",
		                                           (json_int_t)(start + cps(text + a0, z - a0)), "score",
		                                           (double)(long)(sg[i].score * 1000 + 0.5) / 1000.0))) {
			json_decref(items);
			return err_oom(e);
		}
	}
	*out = items ? json_pack("{s:s,s:o}", "lang", lang, "suggestions", items) : NULL;
	return *out ? 0 : err_oom(e);
}
