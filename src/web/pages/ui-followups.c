/* ui-followups: the follow-up due list (app/followup.h) with a short form per check: still in work, still in the
 * region, a note. Recording goes through the entity create verb, so the "not before its time" rule and the audit are
 * the same as in the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/entity.h"
#include "app/followup.h"
#include "core/validate.h"
#include "web/pages/ui.h"

static void yes_no(struct page *pg, const char *id, const char *name, const char *label_key, bool optional)
{
	html_printf(pg->b, "<div class=\"field\"><label for=\"%s-%s\">%s</label><select id=\"%s-%s\" name=\"%s\"%s>", id,
	            name, T(pg, label_key), id, name, name, optional ? "" : " required");
	html_printf(pg->b, "<option value=\"\">%s</option><option value=\"yes\">%s</option><option value=\"no\">%s</option>"
	                   "</select></div>",
	            optional ? T(pg, "fu.unknown") : T(pg, "form.choose"), T(pg, "v.yes"), T(pg, "v.no"));
}

static void record_form(struct page *pg, json_t *it, const char *today)
{
	char id[64], action[32];
	snprintf(id, sizeof id, "fu-%lld-%lld", (long long)jint(it, "outcome_id"), (long long)jint(it, "months"));
	snprintf(action, sizeof action, "/followups");
	struct buf *b = pg->b;
	bool failed = pg->failed_form && strcmp(pg->failed_form, id) == 0;
	html_printf(b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "", T(pg, "fu.record"));
	page_form_begin(pg, id, action);
	html_printf(b, "<input type=\"hidden\" name=\"outcome_id\" value=\"%lld\"><input type=\"hidden\" name=\"months\" "
	               "value=\"%lld\">",
	            (long long)jint(it, "outcome_id"), (long long)jint(it, "months"));
	const char *msg = failed && pg->errors ? jstr(pg->errors, "checked_on") : NULL;
	html_printf(b, "<div class=\"field%s\"><label for=\"%s-checked_on\">%s</label>", msg ? " has-error" : "", id,
	            T(pg, "f.checked_on"));
	if (msg)
		html_printf(b, "<p class=\"err\" id=\"%s-checked_on-err\">%s</p>", id, msg);
	html_printf(b, "<input type=\"date\" id=\"%s-checked_on\" name=\"checked_on\" value=\"%s\" required", id,
	            failed && form_get(&pg->form, "checked_on") ? form_get(&pg->form, "checked_on") : today);
	if (msg)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"%s-checked_on-err\"", id);
	html_raw_trusted(b, "></div>");
	yes_no(pg, id, "still_employed", "f.still_employed", false);
	yes_no(pg, id, "still_in_region", "f.still_in_region", true);
	html_printf(b, "<div class=\"field\"><label for=\"%s-notes\">%s</label><input type=\"text\" id=\"%s-notes\" "
	               "name=\"notes\" maxlength=\"500\"></div>",
	            id, T(pg, "f.notes"), id);
	page_form_end(pg, "fu.save");
	html_raw_trusted(b, "</details>");
}

static int list_page(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	char today[11];
	validate_today(today);
	json_t *items = NULL;
	struct err e = {0};
	int rc = app_followups_due(web_actor(r), today, &items, &e);
	if (rc)
		return web_fail(r, rc, &e);
	page_begin(pg, T(pg, "fu.title"), "followups");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "fu.title"), T(pg, "fu.lead"));
	page_notice(pg);
	bool shown = false; /* is the failed form one of the list's (its message then stands beside its field)? */
	size_t n;
	json_t *x;
	json_array_foreach(items, n, x) {
		char fid[64];
		snprintf(fid, sizeof fid, "fu-%lld-%lld", (long long)jint(x, "outcome_id"), (long long)jint(x, "months"));
		if (pg->failed_form && strcmp(pg->failed_form, fid) == 0 && json_is_true(json_object_get(x, "open")))
			shown = true;
	}
	if (pg->failed_form && !shown) { /* a check not on the list (not due yet): its message at the top */
		const char *msg = NULL, *k;
		json_t *v;
		json_object_foreach(pg->errors, k, v) {
			if (!msg)
				msg = json_string_value(v);
		}
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</div>",
		            msg ? msg : page_error_text(pg, &r->err));
	}
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "fu.empty"));
		return page_end(pg);
	}
	html_printf(b, "<ul class=\"followups plain\">");
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it) {
		bool overdue = json_is_true(json_object_get(it, "overdue")), open = json_is_true(json_object_get(it, "open"));
		html_printf(b, "<li class=\"card followup%s\"><h2 class=\"h3\"><a href=\"/clients/%lld\">%s</a></h2>",
		            overdue ? " overdue" : "", (long long)jint(it, "client_id"), jstr(it, "client_name"));
		char check[32];
		snprintf(check, sizeof check, "fu.check.%lld", (long long)jint(it, "months"));
		html_printf(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>", T(pg, "fu.check"), T(pg, check),
		            T(pg, "f.employer_name"));
		html_txt(b, jstr(it, "employer_name") ? jstr(it, "employer_name") : "–");
		html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "fu.started"));
		page_date(pg, jstr(it, "starts_on"));
		html_printf(b, "</dd><dt>%s</dt><dd>", T(pg, "fu.due"));
		page_date(pg, jstr(it, "due_on"));
		if (overdue)
			html_printf(b, " <span class=\"badge warn\">%s</span>", T(pg, "fu.overdue"));
		html_raw_trusted(b, "</dd></dl>");
		if (open && page_may(pg, entity_get(ENT_OUTCOME_FOLLOWUPS), ACC_WRITE)) {
			record_form(pg, it, today);
		} else if (!open) {
			html_printf(b, "<p class=\"hint\">%s ", T(pg, "fu.from"));
			page_date(pg, jstr(it, "earliest_on"));
			html_raw_trusted(b, "</p>");
		}
		html_raw_trusted(b, "</li>");
	}
	html_raw_trusted(b, "</ul>");
	return page_end(pg);
}

int ui_followups(struct page *pg)
{
	return list_page(pg);
}

/* yes/no from a select: true, false, or absent (left out of the body). */
static void set_bool(json_t *body, struct page *pg, const char *name)
{
	const char *v = form_get(&pg->form, name);
	if (v && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
		json_object_set_new(body, name, json_boolean(strcmp(v, "yes") == 0));
}

int ui_followup_record(struct page *pg)
{
	const char *oid = form_get(&pg->form, "outcome_id"), *mo = form_get(&pg->form, "months");
	json_t *body = json_object();
	arena_defer(pg->r->arena, (void (*)(void *))json_decref, body);
	json_object_set_new(body, "outcome_id", json_integer(oid ? strtoll(oid, NULL, 10) : 0));
	json_object_set_new(body, "months", json_integer(mo ? strtoll(mo, NULL, 10) : 0));
	const char *checked = form_get(&pg->form, "checked_on"), *notes = form_get(&pg->form, "notes");
	if (checked && *checked)
		json_object_set_new(body, "checked_on", json_string(checked));
	if (notes && *notes)
		json_object_set_new(body, "notes", json_string(notes));
	set_bool(body, pg, "still_employed");
	set_bool(body, pg, "still_in_region");
	char form_id[64];
	snprintf(form_id, sizeof form_id, "fu-%s-%s", oid ? oid : "0", mo ? mo : "0");
	json_t *row = NULL;
	int rc = page_create(pg, entity_get(ENT_OUTCOME_FOLLOWUPS), body, arena_strdup(pg->r->arena, form_id), &row);
	if (page_form_again(pg, rc)) {
		pg->r->status = 400;
		return list_page(pg);
	}
	if (rc)
		return rc;
	return page_redirect(pg, "/followups?done=followup_saved");
}
