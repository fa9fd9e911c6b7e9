/* demo info point: a year of the international info point's contacts per organisation (issue 15 item 6), drawn from
 * a random stream of its own so the rest of the demo stays as it was. Most contacts hold no personal data; about one
 * in six agreed to a name and a contact being kept (a follow-up call). */
#include <stdio.h>

#include "demo/internal.h"

static const char *const channels[] = {"walk_in", "phone", "email", "chat", "event"};
static const double channel_w[] = {45, 25, 15, 10, 5};
static const char *const topics[] = {"work", "job_search", "studies", "language_courses", "degree_recognition",
                                     "residence_permit", "registration", "housing", "family_services", "health_care",
                                     "social_security", "taxation", "entrepreneurship", "other"};
static const double topic_w[] = {20, 14, 8, 14, 7, 8, 9, 9, 7, 4, 5, 4, 3, 2};
static const char *const langs[] = {"en", "ru", "uk", "ar", "th", "vi", "tl", "so", "fa", "zh", "fi", "sv"};
static const double lang_w[] = {30, 12, 12, 8, 8, 6, 5, 5, 4, 4, 4, 2};
static const char *const moving[] = {"moved", "moving", "considering", "commuting"};
static const double moving_w[] = {60, 15, 15, 10};
static const char *const referred[] = {"none", "competence_centre", "employment_services", "education_provider",
                                       "municipality_services", "migri", "kela", "tax_office", "third_sector",
                                       "employer", "other"};
static const double referred_w[] = {25, 12, 15, 10, 12, 6, 6, 4, 5, 3, 2};
static const char *const names[] = {"Nguyen Thi Lan", "Maria Santos", "Olena Kovalenko", "Ahmed Hassan",
                                    "Siriporn Chaiyo", "Ivan Petrov"};

int demo_info_point(struct demo_gen *g, uint64_t seed)
{
	struct demo_rng r = {{0}};
	demo_rng_seed(&r, seed ^ 0x1f0b0a7ULL);
	for (int o = 0; o < 3 && !g->failed; o++) {
		if (!g->org[o].id)
			continue;
		int n = 90 + (int)demo_rng_below(&r, 60);
		for (int k = 0; k < n && !g->failed; k++) {
			char on[11];
			demo_date(g, (int)demo_rng_below(&r, DEMO_DAYS), on);
			size_t t1 = demo_rng_weighted(&r, topic_w, DEMO_N(topic_w));
			size_t t2 = demo_rng_weighted(&r, topic_w, DEMO_N(topic_w));
			bool two = t2 != t1 && !demo_rng_chance(&r, 0.6); /* most ask about one thing */
			json_t *b = json_pack("{s:s, s:s, s:[], s:s, s:s, s:s, s:s}", "contacted_on", on, "channel",
			                      channels[demo_rng_weighted(&r, channel_w, DEMO_N(channel_w))], "topics",
			                      "language", langs[demo_rng_weighted(&r, lang_w, DEMO_N(lang_w))], "moving_status",
			                      moving[demo_rng_weighted(&r, moving_w, DEMO_N(moving_w))], "referred_to",
			                      referred[demo_rng_weighted(&r, referred_w, DEMO_N(referred_w))], "municipality",
			                      g->org[o].def->municipality);
			if (!b)
				return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
			json_t *list = json_object_get(b, "topics");
			json_array_append_new(list, json_string(topics[t1]));
			if (two)
				json_array_append_new(list, json_string(topics[t2]));
			if (demo_rng_chance(&r, 0.17)) {
				char phone[24];
				snprintf(phone, sizeof phone, "+358 40 %03u %04u", demo_rng_below(&r, 1000), demo_rng_below(&r, 10000));
				json_object_set_new(b, "personal_data_agreed", json_true());
				json_object_set_new(b, "name", json_string(names[demo_rng_below(&r, DEMO_N(names))]));
				json_object_set_new(b, "contact", json_string(phone));
			}
			if (demo_put(g, "info-contacts", g->org[o].id, b, NULL, &g->sum->info_contacts))
				return -1;
		}
	}
	return g->failed ? -1 : 0;
}
