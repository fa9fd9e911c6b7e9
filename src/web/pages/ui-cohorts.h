/* ui-cohorts: the recruitment cohorts' pages (ui-cohorts.c), routed from src/web/api_cohorts.c. */
#pragma once
#include "web/pages/pages.h"

int ui_cohorts(struct page *pg);
int ui_cohort_board(struct page *pg);
int ui_cohort_move(struct page *pg);
int ui_cohort_create(struct page *pg);
int ui_cohort_member_add(struct page *pg);
