/* ui-skill-suggest: "suggest skills from text" for a client's profile and a vacancy (ui-skill-suggest.c), routed
 * from src/web/api_skill_suggest.c. */
#pragma once
#include <stdint.h>

#include "web/pages/pages.h"

/* The box (a folded form with a text area) that posts to base/{id}/suggest-skills ("/clients", "/vacancies"). */
void ui_skill_suggest_box(struct page *pg, const char *base, int64_t id);
int ui_skill_suggest_client(struct page *pg);
int ui_skill_suggest_vacancy(struct page *pg);
int ui_skill_accept_client(struct page *pg);
int ui_skill_accept_vacancy(struct page *pg);
