/* ui-skill-suggest: "suggest skills from text" in a client's profile (skills) and on a vacancy (its required skills).
 * A form posts the pasted text to BASE/{id}/suggest-skills, which shows the suggestions (the verb skill_suggest),
 * each with its supporting sentence highlighted and a checkbox; the checked ones post to BASE/{id}/accept-skills,
 * which adds each through the ordinary write of client-skills or vacancy-skills (page_create: validation, audit).
 * Nothing is stored before that. Plain HTML forms: no script needed. */
#include <stdio.h>
#include <string.h>

#include "app/skill_suggest.h"
#include "core/arena.h"
#include "taxonomy/taxonomy.h"
#include "web/pages/ui-skill-suggest.h"
#include "web/pages/ui.h"

enum { BOX_ROWS = 6, ACCEPT_MAX = TAX_SUGGEST_MAX_LIMIT };

/* Where the suggestions go: a client's skills or a vacancy's. */
struct target {
	const char *base;   /* "/clients", "/vacancies" */
	const char *entity; /* "client-skills", "vacancy-skills" */
	const char *parent; /* the parent field: "client_id", "vacancy_id" */
	const char *back_key; /* the crumb back to the parent's page */
	const char *nav;
};

static const struct target CLIENT = {"/clients", "client-skills", "client_id", "skillsuggest.back_client", "caseload"};
static const struct target VACANCY = {"/vacancies", "vacancy-skills", "vacancy_id", "skillsuggest.back_vacancy", "vacancies"};

static void textarea(struct page *pg, const char *text)
{
	html_printf(pg->b,
	            "<div class=\"field\"><label for=\"skill-suggest-text\">%s</label><p class=\"hint\" "
	            "id=\"skill-suggest-hint\">%s</p><textarea id=\"skill-suggest-text\" name=\"text\" rows=\"%d\" "
	            "maxlength=\"%d\" aria-describedby=\"skill-suggest-hint\">%s</textarea></div>",
	            T(pg, "skillsuggest.text"), T(pg, "skillsuggest.hint"), BOX_ROWS, TAX_SUGGEST_MAX_TEXT,
	            text ? text : "");
}

void ui_skill_suggest_box(struct page *pg, const char *base, int64_t id)
{
	char action[96];
	snprintf(action, sizeof action, "%s/%lld/suggest-skills", base, (long long)id);
	html_printf(pg->b, "<details class=\"add skill-suggest\"><summary>%s</summary>", T(pg, "skillsuggest.title"));
	page_form_begin(pg, "skill-suggest", action);
	textarea(pg, NULL);
	page_form_end(pg, "skillsuggest.suggest");
	html_raw_trusted(pg->b, "</details>");
}

/* The suggestions page: the text again, then the suggestions as checkboxes with their sentences. */
static int suggest_page(struct page *pg, const struct target *t)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	/* the parent row is not read here: the page shows only the pasted text, so it writes no read of a client to the
	 * audit trail; accepting goes through the ordinary create, which checks the row */
	const char *text = form_get(&pg->form, "text");
	json_t *res = NULL;
	struct err e = {0};
	int src = skill_suggest(web_actor(r), text ? text : "", NULL, pg->lang_code, 0, &res, &e);
	if (src && src != ERR_INVALID)
		return page_failed(pg, src, &e, NULL, NULL);
	page_own(pg, res);
	page_begin(pg, T(pg, "skillsuggest.title"), t->nav);
	html_printf(b, "<div class=\"head\"><div><p class=\"crumbs\"><a href=\"%s/%lld\">%s</a></p><h1>%s</h1></div></div>",
	            t->base, (long long)id, T(pg, t->back_key), T(pg, "skillsuggest.title"));
	char action[96];
	snprintf(action, sizeof action, "%s/%lld/suggest-skills", t->base, (long long)id);
	html_printf(b, "<section class=\"card\" id=\"skill-suggest-input\">");
	page_form_begin(pg, "skill-suggest", action);
	if (src) {
		r->status = 400;
		html_printf(b, "<div class=\"form-error\" role=\"alert\" tabindex=\"-1\" data-focus>%s</div>",
		            page_error_text(pg, &e));
	}
	textarea(pg, text);
	page_form_end(pg, "skillsuggest.suggest");
	html_raw_trusted(b, "</section>");
	if (src)
		return page_end(pg);
	json_t *items = json_object_get(res, "suggestions");
	html_printf(b, "<section class=\"card\" id=\"skill-suggestions\" aria-labelledby=\"h-suggestions\">"
	               "<h2 id=\"h-suggestions\">%s</h2>",
	            T(pg, "skillsuggest.results"));
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p></section>", T(pg, "skillsuggest.none"));
		return page_end(pg);
	}
	snprintf(action, sizeof action, "%s/%lld/accept-skills", t->base, (long long)id);
	page_form_begin(pg, "skill-accept", action);
	html_printf(b, "<p class=\"hint\">%s</p><fieldset><legend class=\"vh\">%s</legend>"
	               "<ul class=\"suggestions\">",
	            T(pg, "skillsuggest.pick"), T(pg, "skillsuggest.results"));
	size_t i;
	json_t *sg;
	json_array_foreach(items, i, sg) {
		html_printf(b, "<li><input type=\"checkbox\" id=\"sg-%zu\" name=\"pick\" value=\"%s\"> "
		               "<label for=\"sg-%zu\"><strong>",
		            i, jstr(sg, "uri"), i);
		/* in the page's language where ESCO has it, else English marked as such */
		page_esco_label(pg, jstr(sg, "uri"), jstr(sg, "label"));
		html_printf(b, "</strong></label><blockquote class=\"sentence\" aria-label=\"%s\"><mark>%s</mark></blockquote>"
		               "</li>",
		            T(pg, "skillsuggest.sentence"), jstr(sg, "sentence"));
	}
	html_raw_trusted(b, "</ul></fieldset>");
	page_form_end(pg, "skillsuggest.accept");
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

/* Adds each checked concept through the ordinary create of the skill entity; back to the parent's skills. */
static int accept(struct page *pg, const struct target *t)
{
	struct web_request *r = pg->r;
	int64_t id = web_param_id(r, 0);
	if (!id)
		return web_error(r, ERR_NOT_FOUND, "", "no such row");
	const char *picks[ACCEPT_MAX + 1];
	size_t n = form_get_all(&pg->form, "pick", picks, ACCEPT_MAX + 1);
	if (n > ACCEPT_MAX)
		return web_error(r, ERR_INVALID, "pick", "at most %d skills at a time", ACCEPT_MAX);
	const struct entity_def *d = entity_find(t->entity);
	const struct tax_index *ix = tax_shared_index();
	json_t *have = NULL; /* a skill the row already has is not added twice */
	int hrc = page_children(pg, t->entity, id, &have);
	if (hrc)
		return hrc;
	size_t added = 0;
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		size_t k;
		json_t *h;
		json_array_foreach(have, k, h) known |= jstr(h, "esco_skill") && strcmp(jstr(h, "esco_skill"), picks[i]) == 0;
		if (known)
			continue;
		json_t *body = json_pack("{s:I,s:s}", t->parent, (json_int_t)id, "esco_skill", picks[i]);
		if (!body || !page_own(pg, body))
			return err_oom(&r->err);
		const char *label = tax_label_of(ix, picks[i], pg->lang_code); /* as the picker writes it */
		if (label)
			json_object_set_new(body, "label", json_string(label));
		if (strcmp(t->entity, "client-skills") == 0) /* a CV is the client's own word */
			json_object_set_new(body, "evidence", json_string("self_declared"));
		json_t *row = NULL;
		int rc = page_create(pg, d, body, "skill-accept", &row);
		if (rc)
			return rc;
		added++;
	}
	return page_redirectf(pg, "%s/%lld%s#sec-%s", t->base, (long long)id, added ? "?done=added" : "", t->entity);
}

int ui_skill_suggest_client(struct page *pg)
{
	return suggest_page(pg, &CLIENT);
}

int ui_skill_suggest_vacancy(struct page *pg)
{
	return suggest_page(pg, &VACANCY);
}

int ui_skill_accept_client(struct page *pg)
{
	return accept(pg, &CLIENT);
}

int ui_skill_accept_vacancy(struct page *pg)
{
	return accept(pg, &VACANCY);
}
