/* ui-info-point: the international info point's pages (ui-info-point.c), routed from src/web/api_info_point.c. */
#pragma once
#include "web/pages/pages.h"

int ui_info_point(struct page *pg);
int ui_info_point_new(struct page *pg);
int ui_info_point_create(struct page *pg);
