/* api_skill_suggest: ESCO skills suggested for a pasted CV paragraph or job ad (issue 17 item 2).
 *   POST /api/v1/skills/suggest {"text", "lang"?, "label_lang"?, "limit"?} -> {"lang", "suggestions": [...]}
 * Stores nothing; accepting a suggestion is an ordinary POST of client-skills or vacancy-skills. The pages' box
 * ("suggest skills from text") lives in pages/ui-skill-suggest.c. */
#include <string.h>

#include "app/skill_suggest.h"
#include "taxonomy/taxonomy.h"
#include "web/modules.h"
#include "web/pages/ui-skill-suggest.h"

static int suggest(struct web_request *r)
{
	json_t *body;
	int rc = web_json_body(r, &body);
	if (rc)
		return rc;
	json_t *t = json_object_get(body, "text"), *l = json_object_get(body, "lang"),
	       *ll = json_object_get(body, "label_lang"), *lim = json_object_get(body, "limit");
	if (t && !json_is_string(t))
		return web_error(r, ERR_INVALID, "text", "text must be a string: the CV paragraph or job ad");
	if (l && !json_is_null(l) && !json_is_string(l))
		return web_error(r, ERR_INVALID, "lang", "lang must be fi, sv or en (or left out to guess)");
	if (ll && !json_is_null(ll) && !json_is_string(ll))
		return web_error(r, ERR_INVALID, "label_lang", "label_lang must be fi, sv or en");
	json_int_t limit = 0;
	if (lim && !json_is_null(lim)) {
		limit = json_is_integer(lim) ? json_integer_value(lim) : -1;
		if (limit < 1 || limit > TAX_SUGGEST_MAX_LIMIT)
			return web_error(r, ERR_INVALID, "limit", "limit must be 1 to %d", TAX_SUGGEST_MAX_LIMIT);
	}
	const char *label_lang = json_string_value(ll);
	if (!label_lang)
		label_lang = r->p.lang[0] ? r->p.lang : "en";
	json_t *out;
	struct err e = {0};
	if ((rc = skill_suggest(web_actor(r), t ? json_string_value(t) : "", json_string_value(l), label_lang,
	                        (size_t)limit, &out, &e))) {
		r->err = e;
		return rc;
	}
	return web_json(r, 200, out);
}


enum {
	H = RF_HTML,
	/* who may ask: the roles that write client-skills or vacancy-skills (the verb asks the entity table again) */
	STAFF = ROLE_BIT(ROLE_COUNSELLOR) | ROLE_BIT(ROLE_COORDINATOR),
	COUNSELLOR = WEB_CLIENT_WRITERS, /* client-skills: as the client page's other profile forms */
};

const struct route api_skill_suggest_routes[] = {
	{"POST", "/api/v1/skills/suggest", suggest, NULL, 0, STAFF,
	 "ESCO skills suggested for a pasted CV paragraph or job ad ({text, lang?, label_lang?, limit?}; at most 20000 "
	 "characters): each with the sentence that supports it (start/end in characters); stores nothing"},
	{"POST", "/clients/{id}/suggest-skills", NULL, ui_skill_suggest_client, H, COUNSELLOR,
	 "skills suggested from pasted text for a client's profile (form; stores nothing)"},
	{"POST", "/clients/{id}/accept-skills", NULL, ui_skill_accept_client, H, COUNSELLOR,
	 "add the checked suggestions to a client's skills (form)"},
	{"POST", "/vacancies/{id}/suggest-skills", NULL, ui_skill_suggest_vacancy, H, STAFF,
	 "skills suggested from a pasted job ad for a vacancy (form; stores nothing)"},
	{"POST", "/vacancies/{id}/accept-skills", NULL, ui_skill_accept_vacancy, H, STAFF,
	 "add the checked suggestions to a vacancy's skills (form)"},
};
const size_t api_skill_suggest_routes_count = sizeof api_skill_suggest_routes / sizeof *api_skill_suggest_routes;
