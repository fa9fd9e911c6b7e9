/* ui-groups: the group event pages (ui-groups.c), routed from src/web/api_groups.c. */
#pragma once
#include "web/pages/pages.h"

int ui_groups(struct page *pg);
int ui_group_new(struct page *pg);
int ui_group_create(struct page *pg);
int ui_group(struct page *pg);
int ui_group_attend(struct page *pg);
int ui_group_mark(struct page *pg);
int ui_group_remove(struct page *pg);
