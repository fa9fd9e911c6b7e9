/* survey_admin: staff pages for survey definitions (admin: list, upload a definition as JSON, download one) and
 * survey links (counsellor: create single-use or group links with an expiry, then print them with QR codes; the
 * tokens appear only on the page that created them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/survey_def.h"
#include "store/survey_store.h"
#include "web/pages/survey_internal.h"

static json_t *own(struct page *pg, json_t *j)
{
	return survey_web_own(pg->r, j);
}

/* The title of a stored definition in the page's language (fallback: its first language, then the slug). */
static const char *stored_title(struct page *pg, json_t *row)
{
	json_error_t je;
	const char *text = jstr(row, "definition");
	json_t *d = own(pg, text ? json_loads(text, 0, &je) : NULL);
	json_t *t = json_object_get(d, "title");
	const char *s = jstr(t, pg->lang_code);
	if (!s && json_array_size(json_object_get(d, "languages")))
		s = jstr(t, json_string_value(json_array_get(json_object_get(d, "languages"), 0)));
	return s ? s : jstr(row, "slug");
}

static int list_surveys(struct page *pg, json_t **items)
{
	struct err e = {0};
	int rc = survey_store_list(pg->r->store, pg->r->p.org_id, items, &e);
	if (rc)
		return web_fail(pg->r, rc, &e);
	own(pg, *items);
	return 0;
}

static int admin_page(struct page *pg, const char *typed)
{
	json_t *items;
	int rc = list_surveys(pg, &items);
	if (rc)
		return rc;
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "survey.admin_title"), "surveys");
	html_printf(b, "<h1>%s</h1>", T(pg, "survey.admin_title"));
	page_notice(pg);
	page_list_head(pg, NULL, (const char *const[]){"survey.title", "survey.slug", "survey.version", "survey.owner", NULL},
	               "list.actions");
	size_t i;
	json_t *row;
	json_array_foreach(items, i, row) {
		html_printf(b, "<tr><th scope=\"row\">%s</th><td><code>%s</code></td><td>%lld</td><td>%s</td>"
		               "<td><a href=\"/admin/surveys/%lld/definition\" download>%s</a></td></tr>",
		            stored_title(pg, row), jstr(row, "slug"), (long long)jint(row, "version"),
		            json_is_null(json_object_get(row, "organisation_id")) ? T(pg, "survey.default")
		                                                                  : T(pg, "survey.own"),
		            (long long)jint(row, "id"), T(pg, "survey.download"));
	}
	html_raw_trusted(b, "</tbody></table></div>");
	html_printf(b, "<h2>%s</h2><p class=\"hint\">%s</p>", T(pg, "survey.upload"), T(pg, "survey.upload_hint"));
	html_raw_trusted(b, "<form method=\"post\" action=\"/admin/surveys\" id=\"survey-upload\" class=\"entity-form\" "
	                    "novalidate>");
	page_csrf_field(pg);
	const char *msg = pg->failed_form && pg->errors ? jstr(pg->errors, "definition") : NULL;
	if (pg->failed_form)
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</div>",
		            T(pg, "form.has_errors"));
	html_printf(b, "<div class=\"field wide%s\"><label for=\"survey-file\">%s</label>"
	               "<input type=\"file\" id=\"survey-file\" accept=\"application/json,.json\" data-fill=\"survey-def\">"
	               "<label for=\"survey-def\">%s</label>",
	            msg ? " has-error" : "", T(pg, "survey.file"), T(pg, "survey.definition"));
	if (msg)
		html_printf(b, "<p class=\"err\" id=\"survey-def-err\">%s</p>", msg);
	html_raw_trusted(b, "<textarea id=\"survey-def\" name=\"definition\" rows=\"14\" spellcheck=\"false\"");
	html_attr_if(b, msg != NULL, "aria-invalid", "true");
	html_attr_if(b, msg != NULL, "aria-describedby", "survey-def-err");
	html_printf(b, ">%s</textarea></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
	            typed ? typed : "", T(pg, "survey.upload_button"));
	return page_end(pg);
}

int ui_survey_admin(struct page *pg)
{
	return admin_page(pg, NULL);
}

int ui_survey_admin_upload(struct page *pg)
{
	const char *text = form_get(&pg->form, "definition");
	json_t *out;
	if (!text || !*text) {
		page_form_error(pg, "survey-upload", "definition", T(pg, "err.required"));
		return admin_page(pg, text);
	}
	if (app_survey_import(web_actor(pg->r), text, strlen(text), &out, &pg->r->err)) {
		if (!page_is_form_error(pg))
			return pg->r->err.code;
		/* the parser's message names the JSON path, line and column: show it as it is */
		page_form_error(pg, "survey-upload", "definition", pg->r->err.message);
		err_clear(&pg->r->err);
		return admin_page(pg, text);
	}
	json_decref(out);
	return page_redirect(pg, "/admin/surveys?done=survey_uploaded");
}

int ui_survey_admin_download(struct page *pg)
{
	int64_t id = web_param_id(pg->r, 0);
	const struct survey_def *def;
	int rc = id ? survey_web_def(pg->r, pg->r->p.org_id, id, &def) : web_error(pg->r, ERR_NOT_FOUND, "", "no such survey");
	if (rc)
		return rc;
	json_t *j = survey_definition_to_json(def);
	char *text = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	if (!text)
		return web_error(pg->r, ERR_UNAVAILABLE, "", "out of memory");
	char cd[160];
	snprintf(cd, sizeof cd, "attachment; filename=\"%s-v%ld.json\"", def->slug, def->version);
	web_add_header(pg->r, "Content-Disposition", cd);
	pg->r->out.len = 0;
	buf_puts(&pg->r->out, text);
	buf_puts(&pg->r->out, "\n");
	free(text);
	pg->r->content_type = "application/json; charset=utf-8";
	pg->r->status = 200;
	return 0;
}

/* ---------------------------------------------------------------- survey links */

static void invite_form(struct page *pg, json_t *surveys)
{
	struct buf *b = pg->b;
	const char *fid = "invite";
	bool failed = pg->failed_form && strcmp(pg->failed_form, fid) == 0;
	page_form_begin(pg, fid, "/surveys/invitations");
	const char *cur = failed ? form_get(&pg->form, "survey_id") : NULL;
	const char *m = failed && pg->errors ? jstr(pg->errors, "survey_id") : NULL;
	html_printf(b, "<div class=\"field%s\"><label for=\"invite-survey\">%s</label>", m ? " has-error" : "",
	            T(pg, "survey.survey"));
	if (m)
		html_printf(b, "<p class=\"err\">%s</p>", m);
	html_raw_trusted(b, "<select id=\"invite-survey\" name=\"survey_id\">");
	size_t i;
	json_t *row;
	json_array_foreach(surveys, i, row) {
		page_id_option(pg, jint(row, "id"), cur);
		html_printf(b, "%s (v%lld)</option>", stored_title(pg, row), (long long)jint(row, "version"));
	}
	html_raw_trusted(b, "</select></div>");
	const char *kind = failed ? form_get(&pg->form, "kind") : NULL;
	bool group = kind && strcmp(kind, "group") == 0;
	html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>"
	               "<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"single\"%s> %s</label>"
	               "<label class=\"check\"><input type=\"radio\" name=\"kind\" value=\"group\"%s> %s</label></fieldset>",
	            T(pg, "survey.kind"), group ? "" : " checked", T(pg, "survey.kind_single"), group ? " checked" : "",
	            T(pg, "survey.kind_group"));
	static const struct {
		const char *name, *key, *def, *attrs;
	} nums[] = {
		{"count", "survey.count", "1", " min=\"1\" max=\"100\""},
		{"max_uses", "survey.max_uses", "", " min=\"1\" max=\"100000\""},
		{"expires_in_days", "survey.expires_in_days", "14", " min=\"1\" max=\"365\""},
	};
	for (size_t k = 0; k < sizeof nums / sizeof *nums; k++) {
		const char *v = failed ? form_get(&pg->form, nums[k].name) : NULL;
		const char *msg = failed && pg->errors ? jstr(pg->errors, nums[k].name) : NULL;
		html_printf(b, "<div class=\"field%s\"><label for=\"invite-%s\">%s</label>", msg ? " has-error" : "",
		            nums[k].name, T(pg, nums[k].key));
		if (msg)
			html_printf(b, "<p class=\"err\">%s</p>", msg);
		html_printf(b, "<input type=\"number\" inputmode=\"numeric\" id=\"invite-%s\" name=\"%s\" value=\"%s\"",
		            nums[k].name, nums[k].name, v ? v : nums[k].def);
		html_raw_trusted(b, nums[k].attrs);
		html_raw_trusted(b, "></div>");
	}
	const char *label = failed ? form_get(&pg->form, "label") : NULL;
	html_printf(b, "<div class=\"field\"><label for=\"invite-label\">%s</label><input type=\"text\" id=\"invite-label\" "
	               "name=\"label\" maxlength=\"100\" value=\"%s\"></div>",
	            T(pg, "survey.label"), label ? label : "");
	/* optionally for one of my clients */
	struct store_list_query lq = {.limit = 500};
	json_t *clients = NULL;
	if (page_list(pg, "clients", &lq, &clients, NULL) == 0) {
		page_select_begin(pg, "invite-client", "client_id", "survey.client", "survey.no_client", false);
		json_array_foreach(clients, i, row) html_printf(b, "<option value=\"%lld\">%s</option>", (long long)jint(row, "id"),
		                                                page_row_name(pg, NULL, row));
		html_raw_trusted(b, "</select></div>");
	}
	err_clear(&pg->r->err);
	/* optionally for a programme: set on the client when the answers are accepted */
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", T(pg, "survey.sets_on_client"));
	json_t *progs = NULL;
	const char *pcur = failed ? form_get(&pg->form, "programme_id") : NULL;
	if (page_list(pg, "programmes", &lq, &progs, NULL) == 0) {
		html_printf(b, "<div class=\"field\"><label for=\"invite-programme\">%s</label><select id=\"invite-programme\" "
		               "name=\"programme_id\"><option value=\"\">–</option>",
		            page_field_label(pg, cd, "programme_id"));
		json_array_foreach(progs, i, row) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)jint(row, "id"));
			html_printf(b, "<option value=\"%s\"%s>%s</option>", id, pcur && strcmp(pcur, id) == 0 ? " selected" : "",
			            jstr(row, "name") ? jstr(row, "name") : id);
		}
		html_raw_trusted(b, "</select></div>");
	}
	err_clear(&pg->r->err);
	const struct field_def *tgf = entity_field(cd, "target_groups");
	const char *tcur[16];
	size_t ntcur = failed ? form_get_all(&pg->form, "target_groups", tcur, 16) : 0;
	html_printf(b, "<fieldset class=\"field\"><legend>%s</legend>", page_field_label(pg, cd, "target_groups"));
	for (size_t k = 0; tgf && tgf->values[k]; k++) {
		bool on = false;
		for (size_t n = 0; n < ntcur && n < 16; n++)
			on |= strcmp(tcur[n], tgf->values[k]) == 0;
		html_printf(b, "<label class=\"check\"><input type=\"checkbox\" name=\"target_groups\" value=\"%s\"%s> %s</label>",
		            tgf->values[k], on ? " checked" : "", TK(pg, "v", tgf->values[k]));
	}
	const char *icur = failed ? form_get(&pg->form, "intake_on") : NULL;
	const char *imsg = failed && pg->errors ? jstr(pg->errors, "intake_on") : NULL;
	html_printf(b, "</fieldset><div class=\"field%s\"><label for=\"invite-intake\">%s</label>", imsg ? " has-error" : "",
	            page_field_label(pg, cd, "intake_on"));
	if (imsg)
		html_printf(b, "<p class=\"err\">%s</p>", imsg);
	html_printf(b, "<input type=\"date\" id=\"invite-intake\" name=\"intake_on\" value=\"%s\"></div></fieldset>",
	            icur ? icur : "");
	page_form_end(pg, "survey.create_links");
}

static int invitations_page(struct page *pg)
{
	json_t *surveys, *links;
	int rc = list_surveys(pg, &surveys);
	struct err e = {0};
	if (rc)
		return rc;
	if ((rc = survey_store_invitation_list(pg->r->store, pg->r->p.org_id, &links, &e)))
		return web_fail(pg->r, rc, &e);
	own(pg, links);
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "survey.links_title"), "invitations");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "survey.links_title"), T(pg, "survey.links_lead"));
	html_printf(b, "<p><a href=\"/reviews\">%s</a></p>", T(pg, "survey.reviews_title"));
	invite_form(pg, surveys);
	html_printf(b, "<h2>%s</h2>", T(pg, "survey.links_existing"));
	if (!page_has_rows(pg, links))
		return page_end(pg);
	page_list_head(pg, NULL,
	               (const char *const[]){"survey.label", "survey.kind", "survey.expires", "survey.used", "survey.state",
	                                     NULL},
	               NULL);
	size_t i;
	json_t *row;
	json_array_foreach(links, i, row) {
		html_printf(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>", jstr(row, "label") ? jstr(row, "label") : "–",
		            jint(row, "single_use") ? T(pg, "survey.kind_single") : T(pg, "survey.kind_group"));
		page_date(pg, jstr(row, "expires_at"));
		html_printf(b, "</td><td>%lld</td><td>%s</td></tr>", (long long)jint(row, "used_count"),
		            TK(pg, "survey.state", app_survey_link_state(row)));
	}
	html_raw_trusted(b, "</tbody></table></div>");
	return page_end(pg);
}

int ui_survey_invitations(struct page *pg)
{
	return invitations_page(pg);
}

static int form_long(struct page *pg, json_t *body, const char *name)
{
	const char *v = form_get(&pg->form, name);
	if (!v || !*v)
		return 0;
	char *end;
	long long x = strtoll(v, &end, 10);
	if (*end || strlen(v) > 15) {
		page_form_error(pg, "invite", name, T(pg, "err.int"));
		return ERR_INVALID;
	}
	json_object_set_new(body, name, json_integer(x));
	return 0;
}

int ui_survey_invitations_create(struct page *pg)
{
	json_t *body = own(pg, json_object());
	const char *kind = form_get(&pg->form, "kind");
	bool group = kind && strcmp(kind, "group") == 0;
	json_object_set_new(body, "single_use", json_boolean(!group));
	static const char *const nums[] = {"survey_id", "count", "max_uses", "expires_in_days", "client_id",
	                                   "programme_id"};
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
		if (form_long(pg, body, nums[i]))
			return invitations_page(pg);
	const char *label = form_get(&pg->form, "label");
	if (label && *label)
		json_object_set_new(body, "label", json_string(label));
	const char *tg[16];
	size_t ntg = form_get_all(&pg->form, "target_groups", tg, 16);
	if (ntg) {
		json_t *arr = json_array();
		for (size_t i = 0; i < ntg && i < 16; i++)
			json_array_append_new(arr, json_string(tg[i]));
		json_object_set_new(body, "target_groups", arr);
	}
	const char *intake = form_get(&pg->form, "intake_on");
	if (intake && *intake)
		json_object_set_new(body, "intake_on", json_string(intake));
	json_t *out;
	if (survey_web_invite(pg->r, body, &out)) {
		if (!page_is_form_error(pg))
			return pg->r->err.code;
		page_form_error(pg, "invite", pg->r->err.field, pg->r->err.message);
		err_clear(&pg->r->err);
		pg->r->status = 0;
		return invitations_page(pg);
	}
	own(pg, out);
	/* Each card names its survey and who it is for: the client it was made for, else the group's label. */
	const char *title = NULL, *for_whom = label && *label ? label : NULL;
	json_t *surveys = NULL, *srow = NULL;
	if (list_surveys(pg, &surveys) == 0) {
		size_t k;
		json_array_foreach(surveys, k, srow) {
			if (jint(srow, "id") == jint(body, "survey_id"))
				title = stored_title(pg, srow);
		}
	}
	err_clear(&pg->r->err);
	json_t *client = NULL;
	if (jint(body, "client_id") && page_get(pg, "clients", jint(body, "client_id"), &client) == 0 && client)
		for_whom = page_row_name(pg, entity_get(ENT_CLIENTS), client);
	err_clear(&pg->r->err);
	/* The printable sheet: the only place the links are ever shown. */
	struct buf *b = pg->b;
	page_begin(pg, T(pg, "survey.print_title"), "invitations");
	html_printf(b, "<div class=\"no-print\"><h1>%s</h1><p class=\"notice\" role=\"status\">%s</p>"
	               "<p><button type=\"button\" data-print>%s</button> <a href=\"/surveys/invitations\">%s</a></p></div>"
	               "<link rel=\"stylesheet\" href=\"/static/survey.css\"><script src=\"/static/survey.js\" defer></script>"
	               "<ul class=\"qr-sheet\">",
	            T(pg, "survey.print_title"), T(pg, "survey.shown_once"), T(pg, "survey.print"), T(pg, "survey.back"));
	size_t i;
	json_t *it;
	json_array_foreach(json_object_get(out, "items"), i, it) {
		html_raw_trusted(b, "<li class=\"qr-card\">");
		if (title)
			html_printf(b, "<p class=\"qr-label\">%s</p>", title);
		if (for_whom)
			html_printf(b, "<p class=\"qr-for\">%s: %s</p>", T(pg, "survey.card_for"), for_whom);
		if (survey_web_qr_svg(b, jstr(it, "url"), T(pg, "survey.qr_label")))
			html_printf(b, "<p class=\"err\">%s</p>", T(pg, "survey.qr_failed"));
		html_printf(b, "<p class=\"qr-link\"><a href=\"%s\" class=\"survey-link\">%s</a></p><p class=\"hint\">%s ",
		            jstr(it, "url"), jstr(it, "url"), T(pg, "survey.expires"));
		page_date(pg, jstr(it, "expires_at"));
		html_raw_trusted(b, "</p></li>");
	}
	html_raw_trusted(b, "</ul>");
	pg->r->status = 201;
	return page_end(pg);
}
