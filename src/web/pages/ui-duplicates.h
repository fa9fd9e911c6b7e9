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

/* The client page's section "The same person in other organisations" (app/client_links.h): "also a client of
 * <organisation>" for each link that holds, and the candidates with a "link" button; nothing when there is neither. */
void ui_client_links_section(struct page *pg, int64_t client_id);
/* POST /clients/{id}/links (client_id): links the records, back to the client page. */
int ui_client_link(struct page *pg);
/* POST /clients/{id}/links/{link}/remove: removes the link, back to the client page. */
int ui_client_unlink(struct page *pg);
