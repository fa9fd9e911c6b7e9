/* api_match: the match routes:
 *   GET /api/v1/clients/{id}/matches?limit=N&hard=gaps|filter&lang=fi|sv|en     best open vacancies for a client
 *   GET /api/v1/vacancies/{id}/matches?limit=N&hard=gaps|filter&all=true   best consenting clients for a vacancy
 *   (those employed, in education or closed only with all=true)
 * The live index, its listener and the refresh after every committed write live in src/match/live.c, the query's
 * pipeline (access, redaction, audit) in src/app/matches.c; this module starts the index, subscribes it to the
 * server's after-commit change notes and reads the routes' parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/matches.h"
#include "match/live.h"
#include "match/match.h"
#include "web/api.h"
#include "web/modules.h"

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
	int rc = app_matches(web_actor(r), subject, id, (size_t)limit, flags, lang ? lang : "en", &res, &r->err);
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
	{"GET", "/api/v1/clients/{id}/matches", client_matches, NULL, 0, 0,
	 "best open vacancies for a client, with explanations (?limit, ?hard=gaps|filter, ?lang=fi|sv|en for the labels)"},
	{"GET", "/api/v1/vacancies/{id}/matches", vacancy_matches, NULL, 0, 0,
	 "best consenting clients seeking work for a vacancy, with explanations (?limit, ?hard=gaps|filter, ?all=true "
	 "also those employed, in education or closed, ?lang=fi|sv|en for the labels)"},
};
const size_t api_match_routes_count = sizeof api_match_routes / sizeof *api_match_routes;
