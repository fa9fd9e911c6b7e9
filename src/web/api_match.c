/* api_match: the match routes:
 *   GET /api/v1/clients/{id}/matches?limit=N&hard=gaps|filter&lang=fi|sv|en     best open vacancies for a client
 *   GET /api/v1/vacancies/{id}/matches?limit=N&hard=gaps|filter&all=true   best consenting clients for a vacancy
 *   (those employed, in education or closed only with all=true)
 * The live index, its listener and the refresh after every committed write live in src/match/live.c; this module
 * starts it and subscribes it to the server's after-commit change notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/audit.h"
#include "match/live.h"
#include "match/match.h"
#include "web/api.h"
#include "web/modules.h"
#include "app/policy.h"

int api_match_start(struct store *s, const char *url)
{
	struct err e = {0};
	if (match_live_start(s, url, &e)) /* logged there */
		return -1;
	web_on_change(match_live_note);
	return 0;
}

void api_match_stop(void)
{
	match_live_stop();
}

int api_match_run(struct web_request *r, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                  struct match_result **out)
{
	return api_match_run_lang(r, subject, id, limit, flags, NULL, out);
}

int api_match_run_lang(struct web_request *r, enum match_subject subject, int64_t id, size_t limit, unsigned flags,
                       const char *lang, struct match_result **out)
{
	const struct entity_def *d = entity_get(subject == MATCH_FOR_CLIENT ? ENT_CLIENTS : ENT_VACANCIES);
	int rc = policy_entity_access(web_actor(r), entity_get(ENT_CLIENTS), ACC_READ, &r->err);
	if (rc || (rc = policy_entity_access(web_actor(r), d, ACC_READ, &r->err)))
		return rc;
	int64_t orgs[1] = {r->p.org_id};
	struct match_query q = {.orgs = orgs, .norgs = 1, .limit = limit, .flags = flags, .lang = lang};
	struct err e = {0};
	rc = match_live_query(r->store, subject, id, &q, r->arena, out, &e);
	if (rc) {
		if (rc == ERR_NOT_FOUND)
			snprintf(e.message, sizeof e.message, "no %s with id %lld in your organisation's match index",
			         subject == MATCH_FOR_CLIENT ? "client" : "open vacancy", (long long)id);
		r->err = e;
		return rc;
	}
	/* Work-capacity checks reach only the client's assigned counsellor (match_item_redact). */
	for (size_t i = 0; i < (*out)->nitems; i++) {
		struct match_item *it = &(*out)->items[i];
		match_item_redact(it, policy_viewer(web_actor(r), subject == MATCH_FOR_CLIENT ? id : it->id));
	}
	/* Matches are derived from personal data: a client's are audited as a read of that client; a vacancy's name the
	 * clients shown in one entry, which reaches each one's access log (audit_principal_subjects). */
	if (subject == MATCH_FOR_CLIENT) {
		char detail[64];
		snprintf(detail, sizeof detail, "matches=%zu", (*out)->nitems);
		rc = audit_principal(r->store, &r->p, "match", "clients", id, id, detail, &e);
	} else if ((*out)->nitems) {
		int64_t *ids = arena_alloc(r->arena, (*out)->nitems * sizeof *ids);
		for (size_t i = 0; ids && i < (*out)->nitems; i++)
			ids[i] = (*out)->items[i].id;
		rc = ids ? audit_principal_subjects(r->store, &r->p, "match", "vacancies", id, "", ids, (*out)->nitems, &e)
		         : err_oom(&e);
	}
	if (rc)
		r->err = e;
	return rc;
}

static int matches(struct web_request *r, enum match_subject subject)
{
	int64_t id;
	if (web_path_id(r, 0, &id))
		return r->err.code;
	const char *lim = web_query(r, "limit"), *hard = web_query(r, "hard"), *all = web_query(r, "all");
	const char *lang = web_query(r, "lang");
	long limit = 20;
	if (lim) {
		char *end;
		limit = strtol(lim, &end, 10);
		if (!*lim || *end || limit < 1 || limit > 200)
			return web_error(r, ERR_INVALID, "limit", "limit must be a whole number from 1 to 200");
	}
	if (hard && strcmp(hard, "gaps") != 0 && strcmp(hard, "filter") != 0)
		return web_error(r, ERR_INVALID, "hard", "hard must be gaps (show unmet requirements) or filter (drop them)");
	if (all && strcmp(all, "true") != 0 && strcmp(all, "false") != 0)
		return web_error(r, ERR_INVALID, "all", "all must be true (also clients who are employed, in education or "
		                                        "closed) or false");
	if (lang && strcmp(lang, "fi") != 0 && strcmp(lang, "sv") != 0 && strcmp(lang, "en") != 0)
		return web_error(r, ERR_INVALID, "lang", "lang must be fi, sv or en (the language of the skill labels)");
	unsigned flags = (hard && strcmp(hard, "filter") == 0 ? MATCH_Q_FILTER_HARD : 0) |
	                 (all && strcmp(all, "true") == 0 ? MATCH_Q_ALL_CLIENTS : 0);
	struct match_result *res = NULL;
	int rc = api_match_run_lang(r, subject, id, (size_t)limit, flags, lang ? lang : "en", &res);
	if (rc)
		return rc;
	match_result_write_json(res, lang ? lang : "en", web_json_begin(r, 200));
	return web_json_end(r);
}

static int client_matches(struct web_request *r)
{
	return matches(r, MATCH_FOR_CLIENT);
}

static int vacancy_matches(struct web_request *r)
{
	return matches(r, MATCH_FOR_VACANCY);
}

const struct route api_match_routes[] = {
	{"GET", "/api/v1/clients/{id}/matches", client_matches, 0, 0,
	 "best open vacancies for a client, with explanations (?limit, ?hard=gaps|filter, ?lang=fi|sv|en for the labels)"},
	{"GET", "/api/v1/vacancies/{id}/matches", vacancy_matches, 0, 0,
	 "best consenting clients seeking work for a vacancy, with explanations (?limit, ?hard=gaps|filter, ?all=true "
	 "also those employed, in education or closed, ?lang=fi|sv|en for the labels)"},
};
const size_t api_match_routes_count = sizeof api_match_routes / sizeof *api_match_routes;
