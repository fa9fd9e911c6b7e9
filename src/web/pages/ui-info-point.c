/* ui-info-point: the international info point (issue 15 item 6). People who have moved, or are moving, to the region
 * and are not clients walk in or call; staff log each contact in a few clicks (when, how, the topics, the language,
 * where they were referred) with no personal data unless the person agrees, and see the period's figures
 * (src/report/info_point.c). Every write goes through the entity verbs (src/app/entity.c checks the agreement). */
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "report/report.h"
#include "web/modules.h"
#include "web/pages/ui-lists.h"
#include "web/pages/ui.h"

enum { CONTACT_LIST_MAX = 1000, CONTACT_SHOW_MAX = 200 };

static const char *const contact_form[] = {"contacted_on", "channel", "topics", "language", "moving_status",
                                           "referred_to", "municipality", "personal_data_agreed", "name", "contact",
                                           "note", NULL};

/* One value of a figure as a word of the page's language: codes through the catalogue, languages by name. */
static void value_label(struct page *pg, const char *field, const char *v)
{
	if (strcmp(v, "(none)") == 0) {
		html_txt(pg->b, T(pg, "ip.none"));
	} else if (strcmp(field, "language") == 0) {
		char name[64];
		page_display_name(pg, v, false, name, sizeof name);
		html_txt(pg->b, name);
	} else {
		html_txt(pg->b, TK(pg, "v", v));
	}
}

/* A table of one figure: its values with their counts (values counted 0 are shown for the codes, so a reader sees
 * what was asked). */
static void figure_table(struct page *pg, json_t *by, const char *field, const char *heading_key)
{
	struct buf *b = pg->b;
	char id[64];
	snprintf(id, sizeof id, "ip-%s", field);
	page_count_table_begin(pg, id, T(pg, heading_key), T(pg, "ip.contacts"));
	size_t i;
	json_t *row;
	json_array_foreach(json_object_get(by, field), i, row) {
		html_raw_trusted(b, "<tr><th scope=\"row\">");
		value_label(pg, field, jstr(row, "value"));
		html_printf(b, "</th><td class=\"num\" data-key=\"%s.%s\">", field, jstr(row, "value"));
		page_int(pg, jint(row, "count"));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

static void filter_form(struct page *pg, const struct report_filter *f)
{
	page_filter_begin(pg, "/info-point", "ipf-h");
	page_period_fields(pg, "ip", f->from, f->to);
	page_filter_end(pg, "/info-point");
}

/* The period's contacts, newest first (those who may write them; a manager sees the figures only). */
static int contacts_section(struct page *pg, const struct report_filter *f)
{
	struct buf *b = pg->b;
	const struct entity_def *d = entity_get(ENT_INFO_CONTACTS);
	struct store_list_query lq = {.limit = CONTACT_LIST_MAX};
	json_t *rows = NULL;
	int rc = page_list_in_period(pg, "info-contacts", &lq, "contacted_on", f->from, f->to, CONTACT_SHOW_MAX, &rows);
	if (rc)
		return rc;
	html_printf(b, "<section class=\"card\" aria-labelledby=\"ip-list\"><h2 id=\"ip-list\">%s</h2>", T(pg, "ip.list"));
	if (ui_list_found(pg, (int64_t)json_array_size(rows), rows)) {
		static const char *const cols[] = {"contacted_on", "channel", "topics", "language", "referred_to"};
		page_field_list_head(pg, NULL, d, cols, sizeof cols / sizeof *cols, NULL);
		size_t i;
		json_t *x;
		json_array_foreach(rows, i, x) {
			html_raw_trusted(b, "<tr>");
			for (size_t c = 0; c < sizeof cols / sizeof *cols; c++) {
				html_raw_trusted(b, c ? "<td>" : "<th scope=\"row\">");
				page_value(pg, entity_field(d, cols[c]), json_object_get(x, cols[c]));
				html_raw_trusted(b, c ? "</td>" : "</th>");
			}
			html_raw_trusted(b, "</tr>");
		}
		html_raw_trusted(b, "</tbody></table></div>");
	}
	html_raw_trusted(b, "</section>");
	return 0;
}

int ui_info_point(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	static const char *const only[] = {"from", "to", "municipality", "done", NULL};
	static const char *const skip[] = {"done", NULL};
	struct report_filter f = {0};
	int rc = web_report_filter(r, only, skip, &f, &r->err);
	if (rc)
		return rc;
	json_t *fig = NULL;
	struct err e = {0};
	if ((rc = report_info_point(r->store, &f, &fig, &e)))
		return web_fail(r, rc, &e);
	page_own(pg, fig);
	const struct entity_def *d = entity_get(ENT_INFO_CONTACTS);
	ui_list_begin(pg, d, "ip.title", "caseload", "/info-point/new", "ip.new");
	html_printf(b, "<p class=\"lead\">%s</p>", T(pg, "ip.lead"));
	filter_form(pg, &f);
	html_printf(b, "<section class=\"card\" aria-labelledby=\"ip-fig\"><h2 id=\"ip-fig\">%s</h2><p class=\"sub\">",
	            T(pg, "ip.figures"));
	page_period(pg, f.from, f.to);
	html_raw_trusted(b, "</p><ul class=\"figures\">");
	page_figure(pg, "contacts", jint(fig, "contacts"), T(pg, "ip.contacts"));
	page_figure(pg, NULL, jint(fig, "personal_data_agreed"), T(pg, "ip.agreed"));
	html_raw_trusted(b, "</ul>");
	json_t *by = json_object_get(fig, "by");
	figure_table(pg, by, "topics", "f.topics");
	figure_table(pg, by, "channel", "f.channel");
	figure_table(pg, by, "language", "f.language");
	figure_table(pg, by, "moving_status", "f.moving_status");
	figure_table(pg, by, "referred_to", "f.referred_to");
	html_printf(b, "<p class=\"hint\">%s</p></section>", T(pg, "ip.note"));
	if (page_may(pg, d, ACC_WRITE) && (rc = contacts_section(pg, &f)))
		return rc;
	return page_end(pg);
}

int ui_info_point_new(struct page *pg)
{
	if (pg->failed_form)
		pg->r->status = 400;
	page_begin(pg, T(pg, "ip.new"), "caseload");
	html_printf(pg->b, "<p class=\"crumbs\"><a href=\"/info-point\">%s</a></p><h1>%s</h1><div class=\"card\">"
	                   "<p class=\"hint\">%s</p>",
	            T(pg, "ip.title"), T(pg, "ip.new"), T(pg, "ip.privacy"));
	page_form_begin(pg, "info-new", "/info-point/new");
	json_t *defaults = page_own(pg, json_object());
	char today[11];
	validate_today(today);
	json_object_set_new(defaults, "contacted_on", json_string(today));
	json_object_set_new(defaults, "channel", json_string("walk_in"));
	return ui_new_form_end(pg, "info-new", entity_get(ENT_INFO_CONTACTS), contact_form, defaults);
}

/* A logged contact goes back to the list (a contact has no page of its own: nothing in it is worth a page). */
int ui_info_point_create(struct page *pg)
{
	const struct entity_def *d = entity_get(ENT_INFO_CONTACTS);
	json_t *body = page_form_json(pg, d, contact_form, true);
	json_t *row = NULL;
	int rc = page_create(pg, d, body, "info-new", &row);
	if (page_form_again(pg, rc))
		return ui_info_point_new(pg);
	return rc ? rc : page_redirect(pg, "/info-point?done=created");
}
