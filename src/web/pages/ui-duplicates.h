/* ui-duplicates: how a page shows likely duplicate clients (app/duplicates.h): the warning above the new-client form
 * with links to the records, the "a different person, create anyway" checkbox, and the reasons as words. */
#pragma once
#include <jansson.h>

#include "web/pages/pages.h"

/* The warning for pg->r->err_matches (the records the form's person may be), at the top of the form in place of the
 * form's error box; nothing when there are none. */
void ui_dup_warning(struct page *pg);
/* Inside the form, after the warning: the checkbox "confirm_new" that creates the record anyway. */
void ui_dup_confirm(struct page *pg);
/* One match as text: "Name (born 1980): same name and birth year, same phone" (arena). */
const char *ui_dup_text(struct page *pg, json_t *match);
