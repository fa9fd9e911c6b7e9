/* demo surveys: the Kainuu pilot's seasonal workers answered the seasonal-worker survey when they came (issue 14
 * item 9), so the survey summary and the review queue are not empty. One single-use link per worker, made by their
 * counsellor for the programme; the answers follow what the demo knows of the worker (name, nationality, mother
 * tongue, spouse in the family) and a random stream of its own for the rest (long-term interest, sectors, the
 * family's plans), so the rest of the demo stays as it was. Most answers were reviewed; some wait for review. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "demo/internal.h"
#include "store/survey_store.h"
#include "survey/survey.h"

static const char SQL_WORKERS[] =
	"SELECT c.id, c.organisation_id, c.first_name, c.last_name, c.nationality, c.mother_tongue, c.programme_id, "
	"c.intake_on, c.counsellor_id, (SELECT s.first_name FROM clients s WHERE s.family_id = c.family_id "
	"AND s.family_role = 'spouse' AND s.id <> c.id AND s.archived_at IS NULL ORDER BY s.id LIMIT 1) "
	"FROM clients c WHERE c.target_groups LIKE '%seasonal_worker%' AND c.archived_at IS NULL "
	"AND c.intake_on IS NOT NULL ORDER BY c.id";

static const char *const sectors[] = {"agriculture", "forestry", "metal", "tourism"};
static const char *const jobs[] = {"Marjanpoimija", "Metsuri", "Hitsaaja", "Hotellisiivooja"};
static const char *const long_sectors[] = {"forestry", "metal", "construction", "transport", "care", "food"};

static bool survey_lang(const struct survey_def *def, const char *l)
{
	return l && survey_has_lang(def, l);
}

static void random_hex(char *out, size_t bytes)
{
	unsigned char b[32];
	randombytes_buf(b, bytes > sizeof b ? sizeof b : bytes);
	for (size_t i = 0; i < bytes && i < sizeof b; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* One worker's answers (the caller's reference). */
static json_t *answers_of(struct demo_rng *r, struct store_stmt *st, const struct survey_def *def)
{
	const char *mt = store_col_text(st, 5), *spouse = store_col_text(st, 9);
	size_t sec = demo_rng_below(r, DEMO_N(sectors));
	json_t *a = json_pack("{s:b,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "_consent", 1, "first_name",
	                      store_col_text(st, 2), "last_name", store_col_text(st, 3), "nationality",
	                      store_col_text(st, 4) ? store_col_text(st, 4) : "TH", "mother_tongue", mt ? mt : "th",
	                      "in_finland", "yes", "sector", sectors[sec], "current_job", jobs[sec], "employment_type",
	                      demo_rng_chance(r, 0.7) ? "agency" : "direct", "isced_level",
	                      demo_rng_chance(r, 0.6) ? "3" : demo_rng_chance(r, 0.5) ? "2" : "6");
	if (!a)
		return NULL;
	json_object_set_new(a, "language_levels", json_pack("{s:s,s:s}", mt ? mt : "th", "native", "en",
	                                                    demo_rng_chance(r, 0.5) ? "A2" : "B1"));
	bool stay = demo_rng_chance(r, 0.55);
	json_object_set_new(a, "long_term_interest", json_string(stay ? "yes" : "no"));
	json_object_set_new(a, "long_term_region", json_string(stay && demo_rng_chance(r, 0.8) ? "yes" : "no"));
	if (stay) {
		json_t *ls = json_array();
		size_t k1 = demo_rng_below(r, DEMO_N(long_sectors)), k2 = demo_rng_below(r, DEMO_N(long_sectors));
		json_array_append_new(ls, json_string(long_sectors[k1]));
		if (k2 != k1)
			json_array_append_new(ls, json_string(long_sectors[k2]));
		json_object_set_new(a, "long_term_sectors", ls);
		static const char *const move[] = {"yes", "maybe", "no", "already"};
		json_object_set_new(a, "family_move", json_string(move[spouse ? 3 : demo_rng_below(r, 3)]));
	}
	json_object_set_new(a, "children", json_string(demo_rng_chance(r, 0.35) ? "yes" : "no"));
	json_object_set_new(a, "has_spouse", json_string(spouse ? "yes" : "no"));
	if (spouse) {
		static const char *const interest[] = {"yes_now", "yes_later", "not_now", "dont_know"};
		json_object_set_new(a, "spouse_location", json_string("in_finland"));
		json_object_set_new(a, "spouse_first_name", json_string(spouse));
		json_object_set_new(a, "spouse_isced_level", json_string(demo_rng_chance(r, 0.5) ? "3" : "5"));
		json_object_set_new(a, "spouse_work_interest", json_string(interest[demo_rng_below(r, 4)]));
	}
	(void)def;
	return a;
}

int demo_surveys(struct demo_gen *g, uint64_t seed)
{
	if (g->failed)
		return -1;
	struct store_stmt *st = NULL;
	bool found = false;
	if (store_query_first(g->s, "SELECT id, definition FROM surveys WHERE slug = 'seasonal-worker' AND "
	                            "organisation_id IS NULL ORDER BY version DESC LIMIT 1",
	                      NULL, 0, &st, &found, g->e))
		return demo_fail(g, g->e->code ? (int)g->e->code : ERR_INTERNAL, g->e->message);
	if (!found)
		return 0; /* no shipped surveys registered: nothing to answer */
	int64_t survey_id = store_col_int(st, 0);
	const char *dtext = store_col_text(st, 1);
	struct survey_def *def = NULL;
	struct err pe = {0};
	int prc = dtext ? survey_definition_parse(dtext, strlen(dtext), &def, &pe) : ERR_INVALID;
	store_reset(st);
	if (prc)
		return demo_fail(g, ERR_INTERNAL, "the shipped seasonal-worker survey does not parse");
	struct demo_rng r = {{0}};
	demo_rng_seed(&r, seed ^ 0x5e450a1ULL);
	/* rows first, writes after: one statement open at a time */
	json_t *rows = json_array();
	if (store_prepare(g->s, SQL_WORKERS, &st, g->e)) {
		survey_definition_free(def);
		json_decref(rows);
		return demo_fail(g, ERR_INTERNAL, g->e->message);
	}
	int rc;
	while ((rc = store_step(st, g->e)) == STORE_ROW) {
		if (!demo_rng_chance(&r, 0.7)) /* not everyone answered */
			continue;
		json_t *a = answers_of(&r, st, def);
		const char *mt = store_col_text(st, 5);
		const char *intake = store_col_text(st, 7);
		json_array_append_new(rows, json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:o,s:b}", "client", store_col_int(st, 0), "org",
		                                      store_col_int(st, 1), "prog", store_col_int(st, 6), "counsellor",
		                                      store_col_int(st, 8), "intake", intake ? intake : "",
		                                      "lang", survey_lang(def, mt) ? mt : "en", "answers", a,
		                                      "reviewed", demo_rng_chance(&r, 0.8)));
	}
	store_reset(st);
	size_t i;
	json_t *x;
	json_array_foreach(rows, i, x) {
		if (rc < 0 || g->failed)
			break;
		struct survey_answer_errors errs = {0};
		const char *lang = json_string_value(json_object_get(x, "lang"));
		json_t *answers = json_object_get(x, "answers");
		if (survey_answers_validate(def, answers, lang, &errs)) {
			survey_answer_errors_free(&errs);
			demo_fail(g, ERR_INTERNAL, "demo survey answers do not validate");
			break;
		}
		survey_answer_errors_free(&errs);
		char hash[65] = "", key[33] = "", expires[21] = "";
		random_hex(hash, 32);
		random_hex(key, 16);
		snprintf(expires, sizeof expires, "%.10sT23:59:59Z", json_string_value(json_object_get(x, "intake")));
		int64_t counsellor = json_integer_value(json_object_get(x, "counsellor"));
		struct survey_invitation_new in = {
			.org_id = json_integer_value(json_object_get(x, "org")),
			.survey_id = survey_id,
			.client_id = json_integer_value(json_object_get(x, "client")),
			.created_by = counsellor,
			.token_hash = hash,
			.label = NULL,
			.lang = lang,
			.expires_at = expires,
			.single_use = true,
			.max_uses = 1,
			.programme_id = json_integer_value(json_object_get(x, "prog")),
			.target_groups = NULL,
			.intake_on = NULL,
		};
		int64_t inv = 0, rid = 0;
		bool inserted = false;
		char *text = json_dumps(answers, JSON_COMPACT);
		/* the link was used once, the day the worker came (it has expired since: claimed here, not through the
		 * claim that refuses an expired link) */
		if (!text || survey_store_invitation_insert(g->s, &in, &inv, g->e) ||
		    demo_exec_update(g, "UPDATE survey_invitations SET used_count = ?2 WHERE id = ?1", inv, NULL, 1)) {
			free(text);
			g->failed = true;
			break;
		}
		struct survey_response_new rn = {in.org_id, inv, survey_id, in.client_id, key, lang, text};
		if (survey_store_response_insert(g->s, &rn, &rid, &inserted, g->e)) {
			free(text);
			g->failed = true;
			break;
		}
		free(text);
		char at[21];
		snprintf(at, sizeof at, "%.10sT10:00:00Z", json_string_value(json_object_get(x, "intake")));
		demo_exec_update(g, "UPDATE survey_responses SET submitted_at = ?2, created_at = ?2 WHERE id = ?1", rid, at, 0);
		if (json_is_true(json_object_get(x, "reviewed")) && counsellor &&
		    survey_store_response_review(g->s, in.org_id, rid, "accepted", in.client_id, counsellor,
		                                 "{\"demo\":true}", g->e)) {
			g->failed = true;
			break;
		}
		g->sum->survey_responses++;
	}
	json_decref(rows);
	survey_definition_free(def);
	if (rc < 0)
		g->failed = true;
	return g->failed ? -1 : 0;
}
