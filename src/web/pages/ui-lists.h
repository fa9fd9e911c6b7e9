/* ui-lists: what the staff pages of employers, vacancies and shortlists share (ui-employers.c, ui-vacancies.c,
 * ui-shortlist.c): the list page's search text, heading, count and rows, the rows that point to a record, proposing a
 * client for a vacancy, the new-record form's end, and the parts of a record (contacts, services, skills...) shown and
 * added on its page; and a sent shortlist's progress, shown to the employer too (ui-employer-portal.c). */
#pragma once
#include <stdbool.h>
#include <stddef.h>

#include "web/pages/pages.h"

/* Begins a list page: the title (title_key) under the menu item nav, the heading with a button to new_href
 * (new_key) for those who may write d, and the notice. */
void ui_list_begin(struct page *pg, const struct entity_def *d, const char *title_key, const char *nav,
                   const char *new_href, const char *new_key);
/* The list page's search text (?q=); NULL when there is none or it is over 200 bytes (the list pages' limit). */
const char *ui_list_search_text(struct page *pg);
/* Says how many were found (total); false when items is empty (the empty note is shown: the caller ends the page). */
bool ui_list_found(struct page *pg, int64_t total, json_t *items);
/* The list's table: a column of each row's name_field (headed name_key) linking to base/id, then cols (by d's
 * fields). */
void ui_list_table(struct page *pg, const struct entity_def *d, json_t *items, const char *base, const char *name_field,
                   const char *name_key, const char *const *cols, size_t ncols);

/* The rows of entity whose field holds id (at most limit), read as page_list reads. */
int ui_list_by(struct page *pg, const char *entity, const char *field, int64_t id, long limit, json_t **items);

/* A sent shortlist's progress as two table cells: its candidates and those still waiting for an answer (the staff's
 * shortlist page and the employer's portal). */
void ui_shortlist_progress(struct page *pg, json_t *shortlist);

/* Ends a new-record page: the form's fields (with defaults, may be NULL), its create button, the card and the page. */
int ui_new_form_end(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                    json_t *defaults);

/* Proposes a client for a vacancy from the page of either (POST .../{id}/propose): the path's record is the vacancy
 * (from_vacancy) or the client, the form names the other (client_id or vacancy_id). A form error reshows show(id);
 * done, the record's page at its proposals. */
int ui_propose(struct page *pg, bool from_vacancy, page_id_fn show);

/* A part of a record: its child entity, the columns listed and the fields of its add form. */
struct ui_part {
	const char *entity;
	const char *const *cols, *const *form;
};

/* The sections of a record's parts on its page (base/id), headed by heading ("h2", "h3"). */
int ui_part_sections(struct page *pg, const char *base, int64_t id, const char *heading, const struct ui_part *parts,
                     size_t n);
/* Adds a row to the part the path names (params[1]) of record params[0]; show reshows the record's page on a form
 * error; esco: the part's ESCO fields must be coded. not_found: the error when the path names no part. */
int ui_part_add(struct page *pg, const char *base, const struct ui_part *parts, size_t n, page_id_fn show, bool esco,
                const char *not_found);
