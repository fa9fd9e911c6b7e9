/* pages: internals shared by the staff web application's pages (one file per page, ui-*.c, as in cgit).
 * A page handler gets a struct page: the request, the user's language and message catalogue, the parsed form of a
 * POST (its CSRF token already checked), and the field errors of a form that failed validation, so the page can show
 * each message next to its field with the user's input kept. Every byte of HTML goes through web/html.h.
 *
 * Data access goes through the verbs of src/app (entity.h, shortlist.h, survey_review.h...) and policy.c, as the JSON
 * API's does, so the pages apply exactly the API's rules for role, organisation, field visibility and audit; no page
 * writes SQL.
 * Ownership: everything a page allocates comes from the request's arena; JSON values handed out are owned by the
 * arena too (released when the request ends). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/entity.h"
#include "store/entity_store.h"
#include "web/html.h"
#include "web/pages/form.h"
#include "web/web.h"

enum page_lang { LANG_FI, LANG_SV, LANG_EN, LANG_COUNT };

struct page {
	struct web_request *r;
	struct buf *b;            /* = &r->out */
	enum page_lang lang;
	const char *lang_code;    /* "fi", "sv", "en" */
	bool is_post;
	struct form form;         /* POST body (empty for GET) */
	const char *failed_form;  /* id of the form whose input failed validation, or NULL */
	json_t *errors;           /* field -> message of failed_form (arena-owned) */
	const char *error_summary;/* a message for the whole form (not tied to a field) */
	void *icu_date, *icu_num, *icu_coll; /* lazily opened ICU formatters, closed with the arena */
	json_t *ref_cache;        /* "entity:id" -> display name */
	json_t *esco_choices;     /* ESCO concepts suggested for the failed form's typed text (no-script picker) */
	json_t *conflict;         /* failed_form met a version conflict: the record as saved now (arena-owned) */
};

typedef int (*page_fn)(struct page *pg);

/* The arena takes j (json_decref when the request ends); NULL when out of memory (j released). */
json_t *page_own(struct page *pg, json_t *j);

/* Start/stop: loads the message catalogues and finds the static folder. */
int pages_load(void);
void pages_unload(void);
const char *pages_static_dir(void);

/* Runs the request's route page (r->route->page; the web_page_hook): decides the language, parses a POST form and
 * checks its CSRF token (the session's; RF_CSRF_LOGIN: the pre-login token; RF_CSRF_IF_AUTHED: only when logged in),
 * then calls the page. Non-zero returns go to the error page hook. */
int page_run(struct web_request *r);
/* The web_html_error_hook: 401 redirects to /login, others render an error page in the user's language. */
void pages_error_hook(struct web_request *r);
/* 0 when the form's "csrf" field equals the session's token; else ERR_FORBIDDEN. */
int web_check_form_csrf(struct web_request *r, const struct form *f);

/* Messages. T returns the text of key in the page's language (falling back to English, then the key itself). */
const char *T(const struct page *pg, const char *key);
/* T of "prefix.name" (e.g. "f.first_name", "v.active"). */
const char *TK(const struct page *pg, const char *prefix, const char *name);
const char *pages_text(enum page_lang lang, const char *key);
/* An error as the page's language says it: the catalogue's "err.<key>" for e->key (with the bounds of "range"),
 * else e->message. */
const char *page_error_text(struct page *pg, const struct err *e);

/* Layout. */
void page_begin(struct page *pg, const char *title, const char *nav);
/* page_begin for a page under the figures (nav "reports"): the way back to /reports, the title (title_key's text) as
 * the heading and the lead paragraph (lead_key's text). */
void page_report_begin(struct page *pg, const char *title_key, const char *lead_key);
int page_end(struct page *pg);
int page_redirect(struct page *pg, const char *url);
/* page_redirect to the URL fmt writes: the pages' way back after a form is done, as "/clients/%lld?done=saved". */
int page_redirectf(struct page *pg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void page_notice(struct page *pg);   /* shows ?done=KEY as a confirmation, if any */
void page_csrf_field(struct page *pg);

/* Values as people read them, in the page's language. */
void page_date(struct page *pg, const char *iso);     /* YYYY-MM-DD or a timestamp */
/* A figure's period as "Period 1.1.2026–31.12.2026" (rep.period's text, then the first and the last day). */
void page_period(struct page *pg, const char *from, const char *to);
/* The y axis of an SVG chart: grid lines at 0, half and top of the plot (its base line at y base, plot_h high, from x
 * left to right), each labelled on the left by label(pg, value, arg). */
void page_chart_grid(struct page *pg, int left, int right, double base, double plot_h, double top,
                     void (*label)(struct page *pg, double v, const void *arg), const void *arg);
void page_datetime(struct page *pg, const char *iso); /* a UTC timestamp as a date and time in Finnish time */
void page_int(struct page *pg, long long v);
/* One item of a figures list (<ul class="figures">): the count n, big, then its label; key (may be NULL) names the
 * figure for tests and scripts (data-key). */
void page_figure(struct page *pg, const char *key, long long n, const char *label);
void page_real(struct page *pg, double v, int decimals);
void page_lang_name(struct page *pg, const char *code);
/* A concept's (a skill's) label: one in another language than the page's (the taxonomy's English fallback) carries
 * its lang attribute and the note "in English" (matches.in_english). label NULL: the uri. */
void page_concept_label(struct page *pg, const char *label, const char *uri, const char *label_lang);
/* The ESCO concept uri by its label in the page's language (the match index's look-up, page_concept_label), or the
 * stored label as it was written when the taxonomy does not know the concept (or uri is NULL). */
void page_esco_label(struct page *pg, const char *uri, const char *stored);
/* A match score as people read it: calibrated (match_score_calibrated, docs/matching.md), whole. raw: the raw score
 * the match API ranks by, as proposals and shortlist snapshots keep it. */
void page_match_score(struct page *pg, double raw);
void page_country_name(struct page *pg, const char *code);
/* A person's name in another script: its Latin spelling beside it, in brackets, for staff who cannot read the script
 * (nothing for a name already in Latin letters or NULL). */
void page_latin_spelling(struct page *pg, const char *name);
/* A client's status (active, paused...) as its coloured badge. */
void page_status_badge(struct page *pg, const char *status);
/* A language (or with country, a country) code's name in the page's language into out; the code when unknown. */
void page_display_name(struct page *pg, const char *code, bool country, char *out, size_t n);
/* ICU's name of the language (or with country, the country) of locale loc in locale in, into out; code when ICU
 * has none. */
void page_icu_name(const char *loc, bool country, const char *in, const char *code, char *out, size_t n);
/* Compares two UTF-8 names by the page language's collation. */
int page_collate(struct page *pg, const char *a, const char *b);
/* A field's value from a row, formatted by its type (enum labels, dates, references by name...). */
void page_value(struct page *pg, const struct field_def *f, json_t *v);

/* A coded field's input (ISCED level or field) as a drop-down of names in the page's language; false for other fields
 * (nothing written). attrs: the input's extra attributes. */
bool page_label_select(struct page *pg, const struct field_def *f, const char *id, const char *attrs, const char *cur);

/* Forms from the entity table. fields: NULL-terminated names. row: current values (or NULL). form_id names the form
 * so a failed one shows the user's input and the messages. A row with a "version" puts it in a hidden field (the
 * version the user saw, for page_update); after a version conflict the form shows, above the fields, the values saved
 * meanwhile beside the user's own (which stay in the fields). */
void page_form_begin(struct page *pg, const char *form_id, const char *action);
void page_form_fields(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                      json_t *row);
void page_form_end(struct page *pg, const char *button_key);
/* Begins a field with a choice list: the label (label_key's text) for the select id named name, and a first empty
 * option (first_key's text); required marks it required. The caller writes the options and "</select></div>". */
void page_select_begin(struct page *pg, const char *id, const char *name, const char *label_key, const char *first_key,
                       bool required);
/* The option of a coded value (an enum field's, a status) named in the page's language (the catalogue's v.<code>),
 * selected when it is cur (may be NULL). */
void page_code_option(struct page *pg, const char *code, const char *cur);
/* A figure filter's form (GET action) with its hidden heading (id heading_id, the text rep.filters); the caller writes
 * the fields, page_period_fields among them, then page_filter_end: the show button and, with clear (a path), the link
 * that clears the filter. */
void page_filter_begin(struct page *pg, const char *action, const char *heading_id);
void page_period_fields(struct page *pg, const char *prefix, const char *from, const char *to);
void page_filter_end(struct page *pg, const char *clear);
/* Opens the option of a record in a choice list: its id as the value, selected when that is cur (the text submitted
 * or asked for; may be NULL). The caller writes the record's name and "</option>". */
void page_id_option(struct page *pg, int64_t id, const char *cur);
/* The POST form as a JSON body for d: only the names in fields; empty values are left out on create and become null
 * on update. */
json_t *page_form_json(struct page *pg, const struct entity_def *d, const char *const *fields, bool create);

/* A verb's failure as the page shows it: for a failed form (form_id) the message goes beside its field in the page's
 * language (or above the form), and a version conflict keeps `current` to show beside the user's input. Returns rc. */
int page_failed(struct page *pg, int rc, const struct err *e, json_t *current, const char *form_id);
/* The entity verbs of src/app/entity.h for a page's form: update with the version the form showed (its hidden
 * "version"; none: no check), create, archive. Failures are recorded with page_failed. */
int page_update(struct page *pg, const struct entity_def *d, int64_t id, json_t *body, const char *form_id);
int page_create(struct page *pg, const struct entity_def *d, json_t *body, const char *form_id, json_t **row);
int page_archive(struct page *pg, const struct entity_def *d, int64_t id);
/* page_create, then a redirect to base/ID?done=created; a form error shows the page again (show). */
int page_create_then_show(struct page *pg, const struct entity_def *d, json_t *body, const char *form_id,
                          const char *base, page_fn show);
/* A card listing the rows of entity that belong to parent row id, with an "add" form (posting to
 * base/id/add/entity) when the user may write them; heading is the heading element ("h2", "h3"). */
/* The page of one row (a client, an employer, a vacancy), shown by its id. */
typedef int (*page_id_fn)(struct page *pg, int64_t id);
/* show(pg, id) for the route's first parameter; 404 ("no such <what>") without a valid id. */
int page_by_id(struct page *pg, page_id_fn show, const char *what);
/* After a failed form: the same page again, status 400, with the form's messages and the user's input. */
int page_reshow(struct page *pg, page_id_fn show, int64_t id);
/* POST base/{id}/add/{entity}: a row of d hanging on parent row id, from the form's fields (the parent link and the
 * acting staff member filled in; an ESCO field resolved from typed text, or with esco_required refused until a
 * concept is chosen). Success redirects to the parent's section; a failed form shows the parent page again. */
int page_add_child(struct page *pg, const char *base, int64_t id, const struct entity_def *d,
                   const char *const *form, page_id_fn show, bool esco_required);
int page_child_section(struct page *pg, const char *base, int64_t id, const char *heading, const char *entity,
                       const char *const *cols, const char *const *form);
/* Reads: policy, scope, redaction and audit as the API does. items/row are arena-owned. */
int page_get(struct page *pg, const char *entity, int64_t id, json_t **row);
int page_list(struct page *pg, const char *entity, const struct store_list_query *lq, json_t **items,
              int64_t *total);
/* page_list's rows whose date field `on` lies in the period from..to (ISO days, both included), at most max of them
 * (0: no limit); the list is arena-owned. */
int page_list_in_period(struct page *pg, const char *entity, const struct store_list_query *lq, const char *on,
                        const char *from, const char *to, size_t max, json_t **items);
/* Lists the children of entity parent row id (e.g. client-skills of a client). */
int page_children(struct page *pg, const char *entity, int64_t parent_id, json_t **items);
/* True when the failure in r->err is one a form shows next to its fields (the page then re-renders with 400). */
bool page_is_form_error(struct page *pg);
/* After a verb's result rc: true when it failed on the form's own input (page_is_form_error); the request's error is
 * then cleared, so the caller shows the form again with the messages beside its fields. */
bool page_form_again(struct page *pg, int rc);
/* Whether the page's user may `need` (ACC_READ, ACC_WRITE) on d: policy_may for the request's actor. */
bool page_may(struct page *pg, const struct entity_def *d, enum access need);
/* A display name for a row of d (name, title, or first and last name). */
/* A row as a drop-down option: its name, and for clients the birth year and client number (names repeat). */
const char *page_option_label(struct page *pg, const struct entity_def *d, json_t *row);
const char *page_row_name(struct page *pg, const struct entity_def *d, json_t *row);

/* A safe local redirect target from ?next= or a form field: a path on this site, else "/". */
const char *page_next(struct page *pg, const char *next);
/* The static-file route handler (GET /static/{file}). */
int pages_static(struct web_request *r);

/* Small JSON helpers. */
/* The name of another organisation (a partner, a co-implementer), or NULL when there is none of that id. */
const char *page_partner_org_name(struct page *pg, int64_t id);
const char *jstr(json_t *o, const char *k);
int64_t jint(json_t *o, const char *k);

/* Whether items holds rows; when it does not, shows the empty-list note, so a list ends with
 * `if (!page_has_rows(pg, items)) return;`. */
bool page_has_rows(struct page *pg, json_t *items);
/* Begins a list table (id: its element id, or NULL) and its body: a header of the texts of keys (as page_key_heads),
 * then with actions_key a column for row actions headed by that text for screen readers only. */
void page_list_head(struct page *pg, const char *id, const char *const *keys, const char *actions_key);
/* A table's column headings: the texts of keys (NULL-terminated); a key written "#key" heads a column of numbers
 * (class num, aligned as the figures are). */
void page_key_heads(struct page *pg, const char *const *keys);
/* A table's head after its caption: a row of the texts of keys (as page_key_heads), then the body's start. The caller
 * writes the rows and "</tbody></table>". */
void page_table_head(struct page *pg, const char *const *keys);
/* page_list_head with the labels of d's fields cols as the headings (n of them, or up to a NULL with n SIZE_MAX). */
void page_field_list_head(struct page *pg, const char *id, const struct entity_def *d, const char *const *cols,
                          size_t n, const char *actions_key);
/* Opens a wide table (id may be NULL) in a region named by the element labelled_by, focusable because on a phone the
 * table scrolls sideways and keyboard users must reach it. The caller writes the caption, head and rows and
 * "</tbody></table></div>". */
void page_wide_table_begin(struct page *pg, const char *labelled_by, const char *id);
/* Begins a table of counts per value (id: its element id): caption, which also heads the value column, and a count
 * column headed count_label. The caller writes the rows and "</tbody></table></div>". */
void page_count_table_begin(struct page *pg, const char *id, const char *caption, const char *count_label);
/* A table of rows of d with the given columns; with remove_base ("/clients/5/remove/client-skills") each row gets a
 * remove button (a form posting to remove_base/ID). */
void page_table(struct page *pg, const struct entity_def *d, const char *const *cols, json_t *items,
                const char *remove_base);
/* Facts of one row as a description list. */
void page_facts(struct page *pg, const struct entity_def *d, const char *const *fields, json_t *row);
/* The label of a field of d. */
const char *page_field_label(struct page *pg, const struct entity_def *d, const char *field);
/* A table's column headings: the labels of d's fields cols, n of them or up to a NULL (n SIZE_MAX). */
void page_field_heads(struct page *pg, const struct entity_def *d, const char *const *cols, size_t n);
/* The ESCO picker without script: the form's "Find in ESCO" button (or a required concept left uncoded) turns the
 * typed text into a choice list from the taxonomy search (tax_search); the chosen concept (form field esco_pick)
 * then goes into body. Returns true when the page must be shown again with the choices (failed-form state set),
 * false to go on saving (with the picked concept, or the text as written when required is false). */
bool page_esco_step(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                    json_t *body, bool required);
/* Fills the failed-form state for an error that is not from the API (e.g. a missing choice). */
void page_form_error(struct page *pg, const char *form_id, const char *field, const char *message);
