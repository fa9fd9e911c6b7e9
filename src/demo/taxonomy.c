/* demo taxonomy: finds the ESCO occupations the demo uses in the imported taxonomy, with their essential and optional
 * skills and labels, and the certificate and language skills; fails with a hint when the taxonomy is missing. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/validate.h"
#include "demo/internal.h"

static const char ESCO_OCC[] = "http://data.europa.eu/esco/occupation/";
static const char ESCO_SKILL[] = "http://data.europa.eu/esco/skill/";

static const char *label_of(struct demo_gen *g, int64_t concept)
{
	static const char sql[] = "SELECT label FROM tax_labels WHERE concept_id = ?1 AND lang = ?2 AND label_type IN "
	                          "('preferred', 'pref', 'preferredLabel') ORDER BY label LIMIT 1";
	static const char *const langs[] = {"fi", "en"};
	for (size_t i = 0; i < 2; i++) {
		struct store_stmt *st;
		if (store_prepare(g->s, sql, &st, g->e))
			return NULL;
		store_bind_int(st, 1, concept);
		store_bind_text(st, 2, langs[i], -1);
		int rc = store_step(st, g->e);
		if (rc == STORE_ROW) {
			const char *t = store_col_text(st, 0);
			char *out = t && strlen(t) <= 200 && !strchr(t, '\n') ? arena_strdup(g->keep, t) : NULL;
			store_reset(st);
			if (out)
				return out;
		}
	}
	return NULL;
}

static int load_skills(struct demo_gen *g, struct demo_occ_rt *o, int64_t concept)
{
	static const char sql[] = "SELECT c.id, c.uri, r.relation FROM tax_relations r JOIN tax_concepts c ON c.id = "
	                          "r.skill_id WHERE r.occupation_id = ?1 ORDER BY r.relation, c.uri";
	enum { MAX_ESS = 30, MAX_OPT = 15 };
	int64_t ids[MAX_ESS + MAX_OPT];
	o->ess = arena_alloc(g->keep, MAX_ESS * sizeof *o->ess);
	o->opt = arena_alloc(g->keep, MAX_OPT * sizeof *o->opt);
	o->ess_label = arena_alloc(g->keep, MAX_ESS * sizeof *o->ess_label);
	o->opt_label = arena_alloc(g->keep, MAX_OPT * sizeof *o->opt_label);
	if (!o->ess || !o->opt || !o->ess_label || !o->opt_label)
		return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
	struct store_stmt *st;
	if (store_prepare(g->s, sql, &st, g->e))
		return g->failed = true, -1;
	store_bind_int(st, 1, concept);
	int rc;
	while ((rc = store_step(st, g->e)) == STORE_ROW) {
		const char *uri = store_col_text(st, 1), *rel = store_col_text(st, 2);
		if (!uri || !rel || !validate_esco_uri(uri, "skill"))
			continue;
		bool ess = strcmp(rel, "essential") == 0;
		if (ess && o->ness < MAX_ESS) {
			ids[o->ness] = store_col_int(st, 0);
			o->ess[o->ness++] = arena_strdup(g->keep, uri);
		} else if (!ess && o->nopt < MAX_OPT) {
			ids[MAX_ESS + o->nopt] = store_col_int(st, 0);
			o->opt[o->nopt++] = arena_strdup(g->keep, uri);
		}
	}
	if (rc < 0)
		return g->failed = true, -1;
	for (size_t i = 0; i < o->ness; i++)
		o->ess_label[i] = label_of(g, ids[i]);
	for (size_t i = 0; i < o->nopt; i++)
		o->opt_label[i] = label_of(g, ids[MAX_ESS + i]);
	return 0;
}

static const char *skill_if_present(struct demo_gen *g, const char *uuid)
{
	char uri[96];
	snprintf(uri, sizeof uri, "%s%s", ESCO_SKILL, uuid);
	const char *p[1] = {uri};
	int64_t id = 0;
	bool found = false;
	if (store_query_int(g->s, "SELECT id FROM tax_concepts WHERE uri = ?1", p, 1, &id, &found, g->e)) {
		g->failed = true;
		return NULL;
	}
	return found ? arena_strdup(g->keep, uri) : NULL;
}

int demo_load_taxonomy(struct demo_gen *g)
{
	int64_t nocc = 0, nrel = 0;
	if (demo_count(g, "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'occupation'", &nocc) ||
	    demo_count(g, "SELECT COUNT(*) FROM tax_relations", &nrel))
		return -1;
	if (nocc == 0 || nrel == 0)
		return demo_fail(g, ERR_INVALID, "the ESCO taxonomy is not in this database (no occupations or no "
		                            "occupation-skill relations): run osaaja import-taxonomy data/taxonomy first");
	g->occ = arena_alloc(g->keep, demo_nocc * sizeof *g->occ);
	if (!g->occ)
		return demo_fail(g, ERR_UNAVAILABLE, "out of memory");
	g->nocc = demo_nocc;
	unsigned covered = 0;
	const char *missing = NULL;
	for (size_t i = 0; i < demo_nocc; i++) {
		struct demo_occ_rt *o = &g->occ[i];
		o->d = &demo_occs[i];
		snprintf(o->uri, sizeof o->uri, "%s%s", ESCO_OCC, o->d->uuid);
		struct store_stmt *st;
		if (store_prepare(g->s, "SELECT id, code FROM tax_concepts WHERE uri = ?1 AND kind = 'occupation'", &st, g->e))
			return g->failed = true, -1;
		store_bind_text(st, 1, o->uri, -1);
		int rc = store_step(st, g->e);
		if (rc < 0)
			return g->failed = true, -1;
		if (rc == STORE_DONE) {
			missing = o->d->label_en;
			continue;
		}
		int64_t concept = store_col_int(st, 0);
		const char *code = store_col_text(st, 1);
		/* ESCO codes read "2512.4"; the ISCO unit group is the part before the dot. */
		bool ok = code && strlen(code) >= 4;
		for (int k = 0; ok && k < 4; k++)
			ok = isdigit((unsigned char)code[k]);
		snprintf(o->isco, sizeof o->isco, "%.4s", ok ? code : o->d->isco);
		store_reset(st);
		o->minor = (o->isco[0] - '0') * 100 + (o->isco[1] - '0') * 10 + (o->isco[2] - '0');
		o->present = true;
		covered |= o->d->sectors;
		if (load_skills(g, o, concept))
			return -1;
	}
	for (size_t i = 0; i < DEMO_NSECTORS; i++) {
		if (!(covered & demo_sectors[i].bit)) {
			char msg[256];
			snprintf(msg, sizeof msg,
			         "the imported taxonomy lacks the ESCO occupations the demo uses (e.g. \"%s\"): import ESCO "
			         "v1.1.1 or later with osaaja import-taxonomy data/taxonomy",
			         missing ? missing : demo_sectors[i].name);
			return demo_fail(g, ERR_INVALID, msg);
		}
	}
	static const char *const cert_uuids[5] = {
		"0ff99f51-40d9-42f1-a1ec-377b2bb5e15f", /* comply with food safety and hygiene */
		"198b614d-a9af-46f5-b3fd-2672b401dd8e", /* health and safety in the workplace */
		"28cb374e-6261-4133-8371-f9a5470145da", /* operate forklift */
		"2a82241a-216e-44d8-bb50-6b9a0ef82084", /* drive vehicles */
		"1d21f6ad-340f-45da-a0a3-4e83867f47a6", /* provide first aid */
	};
	static const char *const lang_uuids[5] = {
		"7bd84008-afc2-4f72-8b49-a1dc4723d479", /* understand spoken Finnish */
		"3048bf6d-27c7-4dc6-ae4b-e55094cec090", /* interact verbally in Finnish */
		"3a0814b1-5851-43f9-b886-1e496fefcf9c", /* understand written Finnish */
		"049de1f6-34ec-46f9-a0b1-8fc6f0199413", /* write Finnish */
		"6d3edede-8951-4621-a835-e04323300fa0", /* English */
	};
	for (size_t i = 0; i < 5; i++) {
		g->cert_skill[i] = skill_if_present(g, cert_uuids[i]);
		g->lang_skill[i] = skill_if_present(g, lang_uuids[i]);
	}
	return g->failed ? -1 : 0;
}
