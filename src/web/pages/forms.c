/* forms: forms built from the entity table: fields with their labels, options and errors, the no-script ESCO picker,
 * the version a form showed and the conflict view, and the form's input as a JSON body. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <unicode/ucal.h>
#include <unicode/ucol.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "app/partner_referral.h"
#include "auth/audit.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/validate.h"
#include "taxonomy/taxonomy.h"
#include "web/accept_lang.h"
#include "web/modules.h"
#include "web/pages/multipart.h"
#include "web/pages/pages.h"
#include "app/entity.h"
#include "app/policy.h"

/* --- forms from the entity table --- */

static const char *const common_langs[] = {
	"fi", "sv", "en", "ar", "so", "ru", "uk", "et", "fa", "ps", "ku", "ti", "am", "th", "vi", "zh", "tl", "es", "fr",
	"de", "pt", "it", "pl", "ro", "bg", "lv", "lt", "tr", "hi", "ur", "bn", "ne", "my", "ta", "sq", "bs", "hr", "sr",
	"sw", "yo", "ha", "ig", "om", "id", "ja", "ko", "el", "hu", "nl", "da", "no", "se", NULL};
static const char *const cefr_levels[] = {"A1", "A2", "B1", "B2", "C1", "C2", "native", NULL};

struct option {
	const char *value;
	char label[200];
};

static int option_cmp(const void *a, const void *b, void *ctx)
{
	return page_collate(ctx, ((const struct option *)a)->label, ((const struct option *)b)->label);
}

static bool selected(const char *value, const char *const *cur, size_t ncur)
{
	for (size_t i = 0; i < ncur; i++)
		if (cur[i] && strcmp(cur[i], value) == 0)
			return true;
	return false;
}

static void code_options(struct page *pg, bool country, const char *cur)
{
	const char *const *codes = country ? uloc_getISOCountries() : common_langs;
	size_t n = 0;
	while (codes[n])
		n++;
	struct option *opt = arena_alloc(pg->r->arena, (n + 1) * sizeof *opt);
	if (!opt)
		return;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		opt[k].value = codes[i];
		page_display_name(pg, codes[i], country, opt[k].label, sizeof opt[k].label);
		k++;
	}
	bool found = !cur || !*cur;
	qsort_r(opt, k, sizeof *opt, option_cmp, pg);
	for (size_t i = 0; i < k; i++) {
		bool sel = cur && strcmp(cur, opt[i].value) == 0;
		found |= sel;
		html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", opt[i].value, sel ? " selected" : "", opt[i].label);
	}
	if (!found)
		html_printf(pg->b, "<option value=\"%s\" selected>%s</option>", cur, cur);
}

static void ref_options(struct page *pg, const struct field_def *f, const char *cur)
{
	const struct entity_def *d = entity_find(f->ref);
	if (!d || !page_may(pg, d, ACC_READ))
		return;
	struct store_list_query lq = {.limit = 500};
	struct store_filter flt = {0};
	if (entity_find(f->ref) == entity_get(ENT_USERS) && strcmp(f->name, "counsellor_id") == 0) {
		flt.f = entity_field(d, "role");
		flt.value = "counsellor";
		lq.filters = &flt;
		lq.nfilters = 1;
	}
	json_t *items = NULL;
	struct err e = {0};
	int64_t ntotal = 0;
	bool found = !cur || !*cur;
	/* another organisation: every other live one (the organisations entity shows a user only its own) */
	int rc = (f->flags & FF_OTHER_ORG) ? partner_org_directory(web_actor(pg->r), &items, &e)
	                                   : app_entity_list(web_actor(pg->r), d, &lq, &items, &ntotal, &e);
	if (rc == 0 && items) {
		size_t i;
		json_t *row;
		json_array_foreach(items, i, row) {
			char id[24];
			snprintf(id, sizeof id, "%lld", (long long)jint(row, "id"));
			bool sel = cur && strcmp(cur, id) == 0;
			found |= sel;
			html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", id, sel ? " selected" : "",
			            page_option_label(pg, d, row));
		}
	}
	/* The row refers to one archived since (a method no longer offered): it stays the choice, by its name, and saving
	 * keeps it (an unchanged reference is not checked again); it is not offered to other rows. */
	char *end = NULL;
	long long cid = !found ? strtoll(cur, &end, 10) : 0;
	if (cid > 0 && end && !*end) {
		json_t *v = json_integer(cid);
		html_printf(pg->b, "<option value=\"%lld\" selected>", cid);
		page_value(pg, f, v);
		html_raw_trusted(pg->b, "</option>");
		json_decref(v);
	}
}

/* The value of a field as text: from the failed form's input, or from the row. */
static size_t field_values(struct page *pg, const char *form_id, const struct field_def *f, json_t *row,
                           const char **out, size_t max)
{
	if (pg->failed_form && strcmp(pg->failed_form, form_id) == 0) {
		size_t n = form_get_all(&pg->form, f->name, out, max);
		return n < max ? n : max;
	}
	json_t *v = json_object_get(row, f->name);
	if (!v || json_is_null(v))
		return 0;
	if (json_is_array(v)) {
		size_t i, n = 0;
		json_t *x;
		json_array_foreach(v, i, x) if (n < max && json_is_string(x)) out[n++] = json_string_value(x);
		return n;
	}
	if (json_is_string(v))
		out[0] = json_string_value(v);
	else if (json_is_integer(v))
		out[0] = arena_printf(pg->r->arena, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		out[0] = arena_printf(pg->r->arena, "%g", json_real_value(v));
	else if (json_is_boolean(v))
		out[0] = json_is_true(v) ? "1" : "";
	else
		return 0;
	return 1;
}

static bool in_list(const char *const *fields, const char *name)
{
	for (size_t i = 0; fields[i]; i++)
		if (strcmp(fields[i], name) == 0)
			return true;
	return false;
}

/* The free-text partner of an ESCO field (label or title), which carries the picker. */
static const char *esco_partner(const struct entity_def *d, const char *const *fields, const char *esco_name)
{
	(void)esco_name;
	if (in_list(fields, "label") && entity_field(d, "label"))
		return "label";
	if (in_list(fields, "title") && entity_field(d, "title"))
		return "title";
	return NULL;
}

static const char *esco_of(const struct entity_def *d, const char *const *fields)
{
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (f && (f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION))
			return fields[i];
	}
	return NULL;
}

/* The no-script picker's choice list: one radio per suggested concept, and "keep as written". */
static void esco_choices(struct page *pg, const char *form_id, const struct field_def *ef)
{
	struct buf *b = pg->b;
	size_t n = json_array_size(pg->esco_choices);
	html_printf(b, "<fieldset class=\"esco-choices\" id=\"%s-choices\"><legend>%s</legend>", form_id,
	            T(pg, n ? "form.esco_choose" : "form.esco_none"));
	size_t i;
	json_t *c;
	json_array_foreach(pg->esco_choices, i, c) {
		html_printf(b, "<label class=\"check\"><input type=\"radio\" name=\"esco_pick\" value=\"%s\"%s> %s",
		            jstr(c, "uri"), i == 0 ? " checked" : "", jstr(c, "label"));
		if (jstr(c, "isco") && *jstr(c, "isco"))
			html_printf(b, " <span class=\"meta\">ISCO %s</span>", jstr(c, "isco"));
		html_raw_trusted(b, "</label>");
	}
	if (!(ef->flags & FF_REQUIRED))
		html_printf(b, "<label class=\"check\"><input type=\"radio\" name=\"esco_pick\" value=\"\"%s> %s</label>",
		            n ? "" : " checked", T(pg, "form.esco_keep"));
	html_raw_trusted(b, "</fieldset>");
}

bool page_esco_step(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                    json_t *body, bool required)
{
	const char *esco = esco_of(d, fields), *text_field = esco ? esco_partner(d, fields, esco) : NULL;
	if (!esco || !text_field)
		return false;
	const struct field_def *ef = entity_field(d, esco);
	const char *kind = ef->type == FT_ESCO_SKILL ? "skill" : "occupation";
	const char *pick = form_get(&pg->form, "esco_pick");
	if (pick && *pick && validate_esco_uri(pick, kind)) {
		json_object_set_new(body, esco, json_string(pick));
		return false;
	}
	if (json_object_get(body, esco))
		return false;
	const char *text = jstr(body, text_field);
	bool find = form_get(&pg->form, "esco_find") != NULL;
	if (!find && (pick || !required || !text))
		return false; /* "keep as written", or nothing typed: the API says what is missing */
	const struct tax_index *ix = api_taxonomy_index();
	struct tax_hit hits[8];
	size_t n = 0;
	struct err e = {0};
	if (text && ix)
		tax_search(ix, text, pg->lang_code, ef->type == FT_ESCO_SKILL ? TAX_SKILL : TAX_OCCUPATION, 8, hits, &n, &e);
	pg->esco_choices = page_own(pg, json_array());
	for (size_t i = 0; i < n; i++)
		json_array_append_new(pg->esco_choices,
		                      json_pack("{s:s,s:s,s:s}", "uri", hits[i].uri, "label",
		                                hits[i].label ? hits[i].label : hits[i].uri, "isco", hits[i].isco));
	page_form_error(pg, form_id, NULL, T(pg, n ? "form.esco_pick_hint" : "form.esco_none"));
	return true;
}

void page_form_begin(struct page *pg, const char *form_id, const char *action)
{
	html_printf(pg->b, "<form method=\"post\" action=\"%s\" id=\"%s\" class=\"entity-form\" novalidate>", action,
	            form_id);
	page_csrf_field(pg);
	/* (a likely duplicate client has its own warning instead: ui_dup_warning) */
	if (pg->failed_form && strcmp(pg->failed_form, form_id) == 0 && !pg->conflict && !json_array_size(pg->r->err_matches))
		html_printf(pg->b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s%s%s</div>",
		            T(pg, "form.has_errors"), pg->error_summary ? " " : "",
		            pg->error_summary ? pg->error_summary : "");
}

void page_select_begin(struct page *pg, const char *id, const char *name, const char *label_key, const char *first_key,
                       bool required)
{
	html_printf(pg->b, "<div class=\"field\"><label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"", id,
	            T(pg, label_key), id, name);
	if (required)
		html_raw_trusted(pg->b, " required aria-required=\"true\"");
	html_printf(pg->b, "><option value=\"\">%s</option>", T(pg, first_key));
}

void page_code_option(struct page *pg, const char *code, const char *cur)
{
	html_printf(pg->b, "<option value=\"%s\"%s>%s</option>", code, cur && strcmp(cur, code) == 0 ? " selected" : "",
	            TK(pg, "v", code));
}

void page_filter_begin(struct page *pg, const char *action, const char *heading_id)
{
	html_printf(pg->b, "<form method=\"get\" action=\"%s\" class=\"search card filters\" aria-labelledby=\"%s\">"
	                   "<h2 id=\"%s\" class=\"vh\">%s</h2>",
	            action, heading_id, heading_id, T(pg, "rep.filters"));
}

void page_filter_end(struct page *pg, const char *clear)
{
	html_printf(pg->b, "<div class=\"actions\"><button type=\"submit\">%s</button>", T(pg, "rep.show"));
	if (clear)
		html_printf(pg->b, " <a href=\"%s\">%s</a>", clear, T(pg, "rep.clear"));
	html_raw_trusted(pg->b, "</div></form>");
}

void page_period_fields(struct page *pg, const char *prefix, const char *from, const char *to)
{
	html_printf(pg->b, "<div class=\"field\"><label for=\"%s-from\">%s</label><input type=\"date\" id=\"%s-from\" "
	                   "name=\"from\" value=\"%s\" required></div>",
	            prefix, T(pg, "rep.from"), prefix, from ? from : "");
	html_printf(pg->b, "<div class=\"field\"><label for=\"%s-to\">%s</label><input type=\"date\" id=\"%s-to\" "
	                   "name=\"to\" value=\"%s\" required></div>",
	            prefix, T(pg, "rep.to"), prefix, to ? to : "");
}

void page_id_option(struct page *pg, int64_t id, const char *cur)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)id);
	html_printf(pg->b, "<option value=\"%s\"%s>", v, cur && strcmp(cur, v) == 0 ? " selected" : "");
}

void page_form_end(struct page *pg, const char *button_key)
{
	html_printf(pg->b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", T(pg, button_key));
}

/* The user's own value of a field in the conflict view: as page_value shows it when it has the field's type, else the
 * text as typed (it may not have passed validation). */
static void typed_value(struct page *pg, const struct field_def *f, json_t *v)
{
	bool text = json_is_string(v);
	if (text && (f->type == FT_INT || f->type == FT_REF || f->type == FT_REAL ||
	             (f->type == FT_DATE && !validate_date(json_string_value(v)))))
		html_txt(pg->b, json_string_value(v));
	else
		page_value(pg, f, v);
}

/* After a version conflict: who changed what. The fields of this form whose saved value differs from what the user
 * typed, the saved value beside the typed one; the typed values stay in the form below for saving again. */
static void conflict_view(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                          bool assigned)
{
	struct buf *b = pg->b;
	json_t *mine = page_form_json(pg, d, fields, false);
	html_printf(b,
	            "<div class=\"form-error conflict\" role=\"alert\" tabindex=\"-1\" data-focus id=\"%s-conflict\">"
	            "<p><strong>%s</strong></p><p>%s</p>",
	            form_id, T(pg, "conflict.title"), T(pg, "conflict.explain"));
	bool any = false;
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f || !entity_field_visible(f, pg->r->p.role, assigned) || !json_object_get(mine, f->name))
			continue;
		json_t *theirs = json_object_get(pg->conflict, f->name), *yours = json_object_get(mine, f->name);
		bool t_none = !theirs || json_is_null(theirs), y_none = !yours || json_is_null(yours);
		if ((t_none && y_none) || (!t_none && !y_none && json_equal(theirs, yours)))
			continue;
		if (f->type == FT_REAL && json_is_number(theirs) && json_is_number(yours) &&
		    json_number_value(theirs) == json_number_value(yours))
			continue;
		if (!any)
			html_printf(b, "<table class=\"conflict-table\"><thead><tr><th scope=\"col\">%s"
			               "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			            T(pg, "conflict.field"), T(pg, "conflict.theirs"), T(pg, "conflict.yours"));
		any = true;
		html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"theirs\">", page_field_label(pg, d, f->name));
		page_value(pg, f, theirs);
		html_raw_trusted(b, "</td><td class=\"yours\">");
		typed_value(pg, f, yours);
		html_raw_trusted(b, "</td></tr>");
	}
	if (any)
		html_raw_trusted(b, "</tbody></table>");
	else
		html_printf(b, "<p>%s</p>", T(pg, "conflict.same"));
	html_raw_trusted(b, "</div>");
}

void page_form_fields(struct page *pg, const char *form_id, const struct entity_def *d, const char *const *fields,
                      json_t *row)
{
	struct buf *b = pg->b;
	bool assigned = false;
	if (entity_is_client(d) && row)
		assigned = pg->r->p.role == ROLE_COUNSELLOR && jint(row, "counsellor_id") == pg->r->p.user_id;
	bool failed = pg->failed_form && strcmp(pg->failed_form, form_id) == 0;
	if (failed && pg->conflict)
		conflict_view(pg, form_id, d, fields, assigned);
	/* the version shown: always the row's (after a conflict, the one saved now), never the typed form's */
	if (row && json_is_integer(json_object_get(row, "version")))
		html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		            (long long)jint(row, "version"));
	const char *esco = esco_of(d, fields);
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f || !entity_field_visible(f, pg->r->p.role, assigned))
			continue;
		const char *vals[64];
		size_t nv = field_values(pg, form_id, f, row, vals, 64);
		const char *cur = nv ? vals[0] : NULL;
		char id[128];
		snprintf(id, sizeof id, "%s-%s", form_id, f->name);
		const char *msg = failed && pg->errors ? jstr(pg->errors, f->name) : NULL;
		bool req = (f->flags & FF_REQUIRED) != 0;
		if ((f->type == FT_ESCO_SKILL || f->type == FT_ESCO_OCCUPATION) && esco_partner(d, fields, f->name)) {
			html_printf(b, "<input type=\"hidden\" name=\"%s\" id=\"%s\" value=\"%s\">", f->name, id, cur ? cur : "");
			continue;
		}
		char label_key[96];
		snprintf(label_key, sizeof label_key, "f.%s.%s", d->name, f->name);
		const char *label = T(pg, label_key);
		if (label == label_key || strcmp(label, label_key) == 0)
			label = TK(pg, "f", f->name);
		html_printf(b, "<div class=\"field%s%s\">", msg ? " has-error" : "",
		            f->type == FT_LONGTEXT ? " wide" : "");
		char attrs[256];
		snprintf(attrs, sizeof attrs, "%s%s", req ? " required aria-required=\"true\"" : "",
		         msg ? " aria-invalid=\"true\"" : "");
		if (f->type == FT_ENUM_LIST) {
			html_printf(b, "<fieldset><legend>%s</legend><input type=\"hidden\" name=\"_lists\" value=\"%s\">", label,
			            f->name);
			for (size_t k = 0; f->values[k]; k++)
				html_printf(b,
				            "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label>",
				            f->name, f->values[k], selected(f->values[k], vals, nv) ? " checked" : "",
				            TK(pg, "v", f->values[k]));
			html_raw_trusted(b, "</fieldset>");
		} else if (f->type == FT_BOOL) {
			html_printf(b,
			            "<input type=\"hidden\" name=\"_bools\" value=\"%s\"><label class=\"check\" for=\"%s\">"
			            "<input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s> %s</label>",
			            f->name, id, id, f->name, cur && *cur ? " checked" : "", label);
		} else {
			/* the asterisk is markup from this format, never a %s argument (that would print it as text); screen
			 * readers hear "required" from the input's required / aria-required instead */
			html_printf(b, "<label for=\"%s\">%s", id, label);
			if (req)
				html_raw_trusted(b, " <span class=\"req\" aria-hidden=\"true\">*</span>");
			html_raw_trusted(b, "</label>");
			if (msg)
				html_printf(b, "<p class=\"err\" id=\"%s-err\">%s</p>", id, msg);
			const char *desc = msg ? arena_printf(pg->r->arena, " aria-describedby=\"%s-err\"", id) : "";
			if (page_label_select(pg, f, id, arena_printf(pg->r->arena, "%s%s", attrs, desc), cur))
				; /* a coded field (ISCED) chosen by name */
			else switch (f->type) {
			case FT_LONGTEXT:
				html_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"3\"", id, f->name);
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_printf(b, ">%s</textarea>", cur ? cur : "");
				break;
			case FT_ENUM:
			case FT_CEFR:
			case FT_LANG:
			case FT_COUNTRY:
			case FT_REF:
				html_printf(b, "<select id=\"%s\" name=\"%s\"", id, f->name);
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_printf(b, "><option value=\"\">%s</option>", T(pg, "form.choose"));
				if (f->type == FT_ENUM) {
					for (size_t k = 0; f->values[k]; k++)
						if (policy_may_give_value(web_actor(pg->r), d, f, f->values[k]) ||
						    (cur && strcmp(cur, f->values[k]) == 0))
							page_code_option(pg, f->values[k], cur);
				} else if (f->type == FT_CEFR) {
					for (size_t k = 0; cefr_levels[k]; k++)
						html_printf(b, "<option value=\"%s\"%s>%s</option>", cefr_levels[k],
						            cur && strcmp(cur, cefr_levels[k]) == 0 ? " selected" : "",
						            k == 6 ? T(pg, "v.native") : cefr_levels[k]);
				} else if (f->type == FT_REF) {
					ref_options(pg, f, cur);
				} else {
					code_options(pg, f->type == FT_COUNTRY, cur);
				}
				html_raw_trusted(b, "</select>");
				break;
			default: {
				const char *type = f->type == FT_EMAIL   ? "email"
				                   : f->type == FT_PHONE ? "tel"
				                   : f->type == FT_DATE  ? "date"
				                   : (f->type == FT_INT || f->type == FT_REAL) ? "number"
				                                                               : "text";
				html_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"%s\"", type, id, f->name,
				            cur ? cur : "");
				if (f->type == FT_INT && f->max > f->min)
					html_printf(b, " min=\"%ld\" max=\"%ld\" step=\"1\" inputmode=\"numeric\"", f->min, f->max);
				if (f->type == FT_REAL)
					html_raw_trusted(b, " step=\"any\" inputmode=\"decimal\"");
				if (f->type == FT_EMAIL)
					html_raw_trusted(b, " autocomplete=\"off\"");
				if (esco && esco_partner(d, fields, esco) && strcmp(esco_partner(d, fields, esco), f->name) == 0) {
					const struct field_def *ef = entity_field(d, esco);
					html_printf(b,
					            " autocomplete=\"off\" data-picker=\"%s\" data-uri=\"%s-%s\" data-lang=\"%s\" "
					            "role=\"combobox\" aria-autocomplete=\"list\" aria-expanded=\"false\" "
					            "aria-controls=\"%s-list\"",
					            ef->type == FT_ESCO_SKILL ? "skill" : "occupation", form_id, esco, pg->lang_code, id);
				}
				html_raw_trusted(b, attrs);
				html_raw_trusted(b, desc);
				html_raw_trusted(b, ">");
				if (esco && esco_partner(d, fields, esco) && strcmp(esco_partner(d, fields, esco), f->name) == 0) {
					html_printf(b, "<ul class=\"picker\" id=\"%s-list\" role=\"listbox\" hidden></ul>"
					               "<p class=\"hint\">%s</p><input type=\"submit\" name=\"esco_find\" "
					               "class=\"esco-find small secondary\" value=\"%s\" formnovalidate>",
					            id, T(pg, "form.picker_hint"), T(pg, "form.esco_find"));
					if (failed && pg->esco_choices)
						esco_choices(pg, form_id, entity_field(d, esco));
				}
			}
			}
		}
		if (msg && (f->type == FT_ENUM_LIST || f->type == FT_BOOL))
			html_printf(b, "<p class=\"err\">%s</p>", msg);
		html_raw_trusted(b, "</div>");
	}
}

json_t *page_form_json(struct page *pg, const struct entity_def *d, const char *const *fields, bool create)
{
	json_t *o = page_own(pg, json_object());
	const char *lists[32], *bools[32];
	size_t nl = form_get_all(&pg->form, "_lists", lists, 32), nb = form_get_all(&pg->form, "_bools", bools, 32);
	for (size_t i = 0; fields[i]; i++) {
		const struct field_def *f = entity_field(d, fields[i]);
		if (!f)
			continue;
		if (f->type == FT_ENUM_LIST) {
			if (!selected(f->name, lists, nl < 32 ? nl : 32))
				continue;
			const char *vals[64];
			size_t n = form_get_all(&pg->form, f->name, vals, 64);
			json_t *a = json_array();
			for (size_t k = 0; k < n && k < 64; k++)
				json_array_append_new(a, json_string(vals[k]));
			json_object_set_new(o, f->name, a);
			continue;
		}
		if (f->type == FT_BOOL) {
			if (form_get(&pg->form, f->name))
				json_object_set_new(o, f->name, json_true());
			else if (selected(f->name, bools, nb < 32 ? nb : 32))
				json_object_set_new(o, f->name, json_false());
			continue;
		}
		const char *v = form_get(&pg->form, f->name);
		if (!v)
			continue;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t len = strlen(v);
		while (len && (v[len - 1] == ' ' || v[len - 1] == '\t' || v[len - 1] == '\r' || v[len - 1] == '\n'))
			len--;
		if (!len) {
			if (!create)
				json_object_set_new(o, f->name, json_null());
			continue;
		}
		char *s = arena_strndup(pg->r->arena, v, len);
		if (!s)
			continue;
		json_t *jv = NULL;
		if (f->type == FT_INT || f->type == FT_REF) {
			char *end;
			long long x = strtoll(s, &end, 10);
			if (*end == 0 && len < 16)
				jv = json_integer(x);
		} else if (f->type == FT_REAL) {
			for (char *p = s; *p; p++)
				if (*p == ',')
					*p = '.';
			char *end;
			double x = strtod(s, &end);
			if (*end == 0)
				jv = json_real(x);
		}
		if (!jv)
			jv = json_string(s);
		if (jv)
			json_object_set_new(o, f->name, jv);
	}
	return o;
}

const char *page_next(struct page *pg, const char *next)
{
	(void)pg;
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 500)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x21 || *p == '\\' || *p == '"' || *p == '<' || *p == '>')
			return "/";
	return next;
}

const char *page_field_label(struct page *pg, const struct entity_def *d, const char *field)
{
	char key[128];
	snprintf(key, sizeof key, "f.%s.%s", d->name, field);
	const char *t = T(pg, key);
	if (t != key && strcmp(t, key) != 0)
		return t;
	return TK(pg, "f", field);
}

void page_form_error(struct page *pg, const char *form_id, const char *field, const char *message)
{
	pg->failed_form = form_id;
	if (!pg->errors)
		pg->errors = page_own(pg, json_object());
	if (field && *field)
		json_object_set_new(pg->errors, field, json_string(message));
	else
		pg->error_summary = message;
}
