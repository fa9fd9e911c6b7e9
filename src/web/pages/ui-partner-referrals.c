/* ui-partner-referrals: referrals across organisations (issue 15 item 2). The referring counsellor sends one from the
 * client's page; the partner's staff see it under "Partners" (/partner-referrals), answer, start and end it; both
 * sides follow its timeline. Every read and write goes through src/app/partner_referral.c, which decides what the
 * partner may see (the shared parts, while the referral is open and the consent holds). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/partner_referral.h"
#include "app/policy.h"
#include "core/arena.h"
#include "domain/partner.h"
#include "web/pages/ui-partner-referrals.h"
#include "web/pages/ui.h"

static void state_badge(struct page *pg, const char *state)
{
	html_printf(pg->b, "<span class=\"badge pr-%s\">%s</span>", state ? state : "", TK(pg, "pr.state", state));
}

/* Who the referral is about, as this side may see it. */
static void client_cell(struct page *pg, json_t *r)
{
	const char *w = jstr(r, "withheld");
	if (w)
		html_printf(pg->b, "<span class=\"muted\">%s</span>", TK(pg, "pr.withheld", w));
	else
		html_printf(pg->b, "%s %s", jstr(r, "first_name") ? jstr(r, "first_name") : "",
		            jstr(r, "last_name") ? jstr(r, "last_name") : "");
}

/* A table of referrals; incoming: the partner's view (who referred), else who it went to. client: show the client. */
static void referral_table(struct page *pg, json_t *items, bool incoming, bool client, const char *id)
{
	struct buf *b = pg->b;
	if (!json_array_size(items)) {
		html_printf(b, "<p class=\"empty\">%s</p>", T(pg, "pr.none"));
		return;
	}
	const char *const heads[] = {
	    "pr.client", incoming ? "pr.from" : "pr.to", "pr.purpose", "pr.state", "pr.sent_on", "pr.outcome", NULL};
	page_list_head(pg, id, heads + !client, NULL); /* the client's column first, where it is shown */
	size_t i;
	json_t *r;
	json_array_foreach(items, i, r) {
		/* the link to the referral is the client's name where it is shown, else the other side's */
		html_printf(b, "<tr><th scope=\"row\"><a href=\"/partner-referrals/%lld\">", (long long)jint(r, "id"));
		if (client) {
			client_cell(pg, r);
			html_raw_trusted(b, "</a></th><td>");
		}
		html_txt(b, jstr(r, incoming ? "organisation_name" : "partner_name"));
		html_raw_trusted(b, client ? "</td>" : "</a></th>");
		html_printf(b, "<td>%s</td><td>", TK(pg, "pr.purpose", jstr(r, "purpose")));
		state_badge(pg, jstr(r, "state"));
		html_raw_trusted(b, "</td><td>");
		page_date(pg, jstr(r, "sent_on"));
		html_raw_trusted(b, "</td><td>");
		if (jstr(r, "outcome"))
			html_txt(b, TK(pg, "pr.outcome", jstr(r, "outcome")));
		html_raw_trusted(b, "</td></tr>");
	}
	html_raw_trusted(b, "</tbody></table></div>");
}

/* ---- the client page's section ---- */

static void send_form(struct page *pg, int64_t client_id)
{
	struct buf *b = pg->b;
	struct web_request *r = pg->r;
	json_t *orgs = NULL;
	struct err e = {0};
	if (partner_orgs(web_actor(r), &orgs, &e) || !json_array_size(orgs)) {
		html_printf(b, "<p class=\"hint\">%s</p>", T(pg, "pr.no_partners"));
		return;
	}
	bool failed = pg->failed_form && strcmp(pg->failed_form, "partner-send") == 0;
	char action[64];
	snprintf(action, sizeof action, "/clients/%lld/partner-referrals", (long long)client_id);
	html_printf(b, "<details class=\"add\"%s><summary>%s</summary>", failed ? " open" : "", T(pg, "pr.send"));
	page_form_begin(pg, "partner-send", action);
	const char *cur = failed ? form_get(&pg->form, "partner_organisation_id") : NULL;
	page_select_begin(pg, "pr-partner", "partner_organisation_id", "pr.to", "form.choose", true);
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o) {
		page_id_option(pg, jint(o, "id"), cur);
		html_txt(b, jstr(o, "name"));
		html_printf(b, " (%s)</option>", TK(pg, "v", jstr(o, "kind")));
	}
	html_raw_trusted(b, "</select></div>");
	cur = failed ? form_get(&pg->form, "purpose") : NULL;
	page_select_begin(pg, "pr-purpose", "purpose", "pr.purpose", "form.choose", true);
	for (size_t p = 0; partner_purposes[p]; p++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", partner_purposes[p],
		            cur && strcmp(cur, partner_purposes[p]) == 0 ? " selected" : "",
		            TK(pg, "pr.purpose", partner_purposes[p]));
	html_raw_trusted(b, "</select></div>");
	/* what goes with the referral: name, birth year and mother tongue always; the rest as the counsellor and the
	 * client agree (contact details, languages and education ticked by default) */
	html_printf(b, "<fieldset class=\"field\"><legend>%s</legend><p class=\"hint\">%s</p>", T(pg, "pr.shared"),
	            T(pg, "pr.shared_hint"));
	const char *given[PARTNER_PART_COUNT];
	size_t ngiven = failed ? form_get_all(&pg->form, "shared", given, PARTNER_PART_COUNT) : 0;
	for (int p = PARTNER_PART_CONTACT; p < PARTNER_PART_COUNT; p++) {
		const char *name = partner_parts[p].name;
		bool on = !failed && (p == PARTNER_PART_CONTACT || p == PARTNER_PART_LANGUAGES || p == PARTNER_PART_EDUCATION);
		for (size_t g = 0; g < ngiven; g++)
			on = on || strcmp(given[g], name) == 0;
		html_printf(b, "<label class=\"check\"><input type=\"checkbox\" name=\"shared\" value=\"%s\"%s> %s</label>",
		            name, on ? " checked" : "", TK(pg, "pr.part", name));
	}
	html_printf(b, "</fieldset><div class=\"field\"><label for=\"pr-reason\">%s</label><textarea id=\"pr-reason\" "
	               "name=\"reason\" rows=\"3\" maxlength=\"%d\">",
	            T(pg, "pr.reason"), PARTNER_REASON_MAX);
	if (failed && form_get(&pg->form, "reason"))
		html_txt(b, form_get(&pg->form, "reason"));
	html_raw_trusted(b, "</textarea></div>");
	page_form_end(pg, "pr.send_button");
	html_raw_trusted(b, "</details>");
}

void ui_partner_client_section(struct page *pg, int64_t client_id)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	if (!page_may(pg, entity_get(ENT_CLIENTS), ACC_READ))
		return;
	html_printf(b, "<section id=\"partners\" aria-labelledby=\"h-partners\"><h2 id=\"h-partners\">%s</h2>"
	               "<div class=\"card\">",
	            T(pg, "pr.title_client"));
	json_t *items = NULL;
	struct err e = {0};
	if (partner_referral_list(web_actor(r), false, client_id, NULL, &items, &e) == 0)
		referral_table(pg, items, false, false, "pr-client");
	if (page_may(pg, entity_get(ENT_CLIENTS), ACC_WRITE)) {
		if (policy_consent_given(web_actor(r), client_id, "share_partner"))
			send_form(pg, client_id);
		else
			html_printf(b, "<p class=\"hint\" id=\"pr-no-consent\">%s</p>", T(pg, "pr.no_consent"));
	}
	html_raw_trusted(b, "</div></section>");
}

/* After a referral's verb (its failure already recorded by page_failed, rc): a failure on the form's own input shows
 * the page again (show) with the message above the form, as the form's fields show none of their own; success goes
 * to base/ID then tail ("?done=..."). */
static int referral_verb_done(struct page *pg, int rc, const struct err *e, page_id_fn show, int64_t id,
                              const char *base, const char *tail)
{
	if (rc && page_is_form_error(pg)) {
		pg->error_summary = page_error_text(pg, e);
		return page_reshow(pg, show, id);
	}
	return rc ? rc : page_redirectf(pg, "%s/%lld%s", base, (long long)id, tail);
}

static int referral_send(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	json_t *body = page_own(pg, json_object());
	char *end = NULL;
	const char *po = form_get(&pg->form, "partner_organisation_id");
	long long partner = po ? strtoll(po, &end, 10) : 0;
	json_object_set_new(body, "partner_organisation_id", json_integer(po && end && !*end ? partner : 0));
	const char *purpose = form_get(&pg->form, "purpose");
	json_object_set_new(body, "purpose", purpose && *purpose ? json_string(purpose) : json_null());
	const char *parts[PARTNER_PART_COUNT];
	size_t n = form_get_all(&pg->form, "shared", parts, PARTNER_PART_COUNT);
	json_t *shared = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(shared, json_string(parts[i]));
	json_object_set_new(body, "shared", shared);
	const char *reason = form_get(&pg->form, "reason");
	if (reason && *reason)
		json_object_set_new(body, "reason", json_string(reason));
	json_t *out = NULL;
	struct err e = {0};
	int rc = page_failed(pg, partner_referral_send(web_actor(r), id, body, &out, &e), &e, NULL, "partner-send");
	return referral_verb_done(pg, rc, &e, ui_client_show, id, "/clients", "?done=referred#partners");
}

int ui_partner_referral_send(struct page *pg)
{
	return page_by_id(pg, referral_send, "client");
}

/* ---- the list: incoming and outgoing ---- */

int ui_partner_referrals(struct page *pg)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *in = NULL, *out = NULL;
	struct err e = {0};
	int rc = partner_referral_list(web_actor(r), true, 0, NULL, &in, &e);
	if (!rc)
		rc = partner_referral_list(web_actor(r), false, 0, NULL, &out, &e);
	if (rc)
		return web_fail(r, rc, &e);
	page_begin(pg, T(pg, "pr.title"), "partners");
	html_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", T(pg, "pr.title"), T(pg, "pr.lead"));
	page_notice(pg);
	html_printf(b, "<section class=\"card\" aria-labelledby=\"pr-in-h\"><h2 id=\"pr-in-h\">%s</h2>", T(pg, "pr.incoming"));
	referral_table(pg, in, true, true, "pr-incoming");
	html_printf(b, "</section><section class=\"card\" aria-labelledby=\"pr-out-h\"><h2 id=\"pr-out-h\">%s</h2>",
	            T(pg, "pr.outgoing"));
	referral_table(pg, out, false, true, "pr-outgoing");
	html_raw_trusted(b, "</section>");
	return page_end(pg);
}

/* ---- one referral ---- */

static void fact(struct page *pg, const char *key, const char *text)
{
	html_printf(pg->b, "<dt>%s</dt><dd>", T(pg, key));
	html_txt(pg->b, text ? text : "–");
	html_raw_trusted(pg->b, "</dd>");
}

/* The shared parts of the client, as the partner may see them. */
static void shared_client(struct page *pg, json_t *c)
{
	struct buf *b = pg->b;
	const struct entity_def *cd = entity_get(ENT_CLIENTS);
	html_printf(b, "<section class=\"card\" id=\"pr-shared\"><h2>%s</h2>", T(pg, "pr.shared_data"));
	const char *facts[24];
	size_t n = 0;
	for (int p = 0; p < PARTNER_PART_COUNT; p++)
		if (partner_parts[p].entity == ENT_CLIENTS)
			for (size_t f = 0; partner_parts[p].fields[f] && n < 23; f++)
				if (json_object_get(c, partner_parts[p].fields[f]))
					facts[n++] = partner_parts[p].fields[f];
	facts[n] = NULL;
	page_facts(pg, cd, facts, c);
	for (int p = 0; p < PARTNER_PART_COUNT; p++) {
		const struct partner_part_def *pd = &partner_parts[p];
		for (int k = 0; k < 2; k++) {
			enum entity_id ent = k ? pd->also : pd->entity;
			const char *const *fields = k ? pd->also_fields : pd->fields;
			const char *name = k ? "target_occupations" : pd->name;
			json_t *rows = json_object_get(c, name);
			if (ent == ENT_CLIENTS || ent == ENT_COUNT || !rows)
				continue;
			const struct entity_def *d = entity_get(ent);
			html_printf(b, "<h3>%s</h3>", TK(pg, "e", d->name));
			page_table(pg, d, fields, rows, NULL);
		}
	}
	html_raw_trusted(b, "</section>");
}

static void move_forms(struct page *pg, json_t *ref)
{
	struct buf *b = pg->b;
	enum partner_side side = jstr(ref, "side") && strcmp(jstr(ref, "side"), "partner") == 0 ? PARTNER_RECEIVER
	                                                                                      : PARTNER_SENDER;
	enum partner_state from = partner_state_parse(jstr(ref, "state"));
	long long id = (long long)jint(ref, "id");
	char action[64];
	snprintf(action, sizeof action, "/partner-referrals/%lld/state", id);
	bool any = false;
	for (int to = 0; to < PARTNER_STATE_COUNT; to++) {
		bool outcome = false;
		if (!partner_move_allowed(side, from, (enum partner_state)to, &outcome))
			continue;
		if (!any)
			html_printf(b, "<section class=\"card\" id=\"pr-actions\"><h2>%s</h2>", T(pg, "pr.actions"));
		any = true;
		char fid[32];
		snprintf(fid, sizeof fid, "pr-%s", partner_states[to]);
		bool wide = outcome || to == PARTNER_DECLINED;
		if (wide)
			html_printf(b, "<details class=\"add\"%s><summary>%s</summary>",
			            pg->failed_form && strcmp(pg->failed_form, fid) == 0 ? " open" : "",
			            TK(pg, "pr.do", partner_states[to]));
		page_form_begin(pg, fid, action);
		html_printf(b, "<input type=\"hidden\" name=\"state\" value=\"%s\"><input type=\"hidden\" name=\"version\" "
		               "value=\"%lld\">",
		            partner_states[to], (long long)jint(ref, "version"));
		if (outcome) {
			char sid[40];
			snprintf(sid, sizeof sid, "%s-outcome", fid);
			page_select_begin(pg, sid, "outcome", "pr.outcome", "form.choose", true);
			for (size_t o = 0; partner_outcomes[o]; o++)
				html_printf(b, "<option value=\"%s\">%s</option>", partner_outcomes[o],
				            TK(pg, "pr.outcome", partner_outcomes[o]));
			html_raw_trusted(b, "</select></div>");
		}
		if (wide)
			html_printf(b, "<div class=\"field\"><label for=\"%s-note\">%s</label><textarea id=\"%s-note\" "
			               "name=\"note\" rows=\"3\" maxlength=\"%d\"></textarea></div>",
			            fid, T(pg, "pr.note"), fid, PARTNER_REASON_MAX);
		char label[64];
		snprintf(label, sizeof label, "pr.do.%s", partner_states[to]);
		page_form_end(pg, label);
		if (wide)
			html_raw_trusted(b, "</details>");
	}
	if (any)
		html_raw_trusted(b, "</section>");
}

static void events_list(struct page *pg, json_t *events)
{
	struct buf *b = pg->b;
	html_printf(b, "<section class=\"card\" id=\"pr-timeline\"><h2>%s</h2><ol class=\"timeline\">", T(pg, "pr.timeline"));
	size_t i;
	json_t *ev;
	json_array_foreach(events, i, ev) {
		html_raw_trusted(b, "<li><div class=\"when\">");
		page_datetime(pg, jstr(ev, "at"));
		html_raw_trusted(b, "</div><div>");
		state_badge(pg, jstr(ev, "state"));
		if (jstr(ev, "outcome") && strcmp(jstr(ev, "state"), "ended") == 0)
			html_printf(b, " <strong>%s</strong>", TK(pg, "pr.outcome", jstr(ev, "outcome")));
		html_raw_trusted(b, "<br><span class=\"muted\">");
		html_txt(b, jstr(ev, "organisation_name"));
		if (jstr(ev, "user_name")) {
			html_raw_trusted(b, ", ");
			html_txt(b, jstr(ev, "user_name"));
		}
		html_raw_trusted(b, "</span></div></li>");
	}
	html_raw_trusted(b, "</ol></section>");
}

static int referral_page(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	struct buf *b = pg->b;
	json_t *ref = NULL;
	struct err e = {0};
	int rc = partner_referral_get(web_actor(r), id, &ref, &e);
	if (rc)
		return web_fail(r, rc, &e);
	bool partner = jstr(ref, "side") && strcmp(jstr(ref, "side"), "partner") == 0;
	page_begin(pg, T(pg, "pr.one"), "partners");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/partner-referrals\">%s</a></p><h1>%s ", T(pg, "pr.title"),
	            T(pg, "pr.one"));
	state_badge(pg, jstr(ref, "state"));
	html_raw_trusted(b, "</h1>");
	page_notice(pg);
	if (pg->error_summary)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>", pg->error_summary);
	html_printf(b, "<section class=\"card\" id=\"pr-facts\"><dl class=\"facts\">");
	if (!partner) {
		html_printf(b, "<dt>%s</dt><dd><a href=\"/clients/%lld#partners\">", T(pg, "pr.client"),
		            (long long)jint(ref, "client_id"));
		client_cell(pg, ref);
		html_raw_trusted(b, "</a></dd>");
	} else if (jstr(ref, "withheld")) {
		html_printf(b, "<dt>%s</dt><dd class=\"muted\">%s</dd>", T(pg, "pr.client"),
		            TK(pg, "pr.withheld", jstr(ref, "withheld")));
	}
	fact(pg, "pr.from", jstr(ref, "organisation_name"));
	fact(pg, "pr.to", jstr(ref, "partner_name"));
	fact(pg, "pr.purpose", TK(pg, "pr.purpose", jstr(ref, "purpose")));
	html_printf(b, "<dt>%s</dt><dd>", T(pg, "pr.shared"));
	const char *shared = jstr(ref, "shared");
	for (int p = 0; p < PARTNER_PART_COUNT; p++) {
		const char *nm = partner_parts[p].name;
		const char *at = shared ? strstr(shared, nm) : NULL;
		if (at && (at == shared || at[-1] == ',') && (at[strlen(nm)] == ',' || !at[strlen(nm)]))
			html_printf(b, "%s%s", p ? ", " : "", TK(pg, "pr.part", nm));
	}
	html_raw_trusted(b, "</dd>");
	if (json_object_get(ref, "reason"))
		fact(pg, "pr.reason", jstr(ref, "reason"));
	fact(pg, "pr.sent_by", jstr(ref, "sent_by_name"));
	html_printf(b, "<dt>%s</dt><dd>", T(pg, "pr.sent_on"));
	page_date(pg, jstr(ref, "sent_on"));
	html_raw_trusted(b, "</dd>");
	if (jstr(ref, "outcome"))
		fact(pg, "pr.outcome", TK(pg, "pr.outcome", jstr(ref, "outcome")));
	if (jstr(ref, "outcome_note"))
		fact(pg, "pr.note", jstr(ref, "outcome_note"));
	html_raw_trusted(b, "</dl></section>");
	if (partner && json_is_object(json_object_get(ref, "client")))
		shared_client(pg, json_object_get(ref, "client"));
	if (page_may(pg, entity_get(ENT_CLIENTS), ACC_WRITE))
		move_forms(pg, ref);
	events_list(pg, json_object_get(ref, "events"));
	return page_end(pg);
}

static int referral_move(struct page *pg, int64_t id)
{
	struct web_request *r = pg->r;
	const char *to = form_get(&pg->form, "state");
	const char *v = form_get(&pg->form, "version");
	json_t *out = NULL;
	struct err e = {0};
	int rc = partner_referral_move(web_actor(r), id, to, form_get(&pg->form, "outcome"), form_get(&pg->form, "note"),
	                               v ? strtoll(v, NULL, 10) : 0, &out, &e);
	/* nothing typed is worth keeping but a note: the referral shows again as it is now, the message above it */
	rc = page_failed(pg, rc, &e, NULL, NULL);
	return referral_verb_done(pg, rc, &e, referral_page, id, "/partner-referrals", "?done=saved");
}

int ui_partner_referral(struct page *pg)
{
	return page_by_id(pg, referral_page, "referral");
}

int ui_partner_referral_move(struct page *pg)
{
	return page_by_id(pg, referral_move, "referral");
}
