/* skill_suggest: ESCO skills suggested for a pasted CV paragraph or job advertisement (issue 17 item 2).
 *
 * The verb reads the shared taxonomy index (tax_shared_index) and stores nothing: a suggestion becomes a skill only
 * when a person accepts it, through the ordinary write of client-skills or vacancy-skills (validation, audit). The
 * text belongs to no client, so nothing of it reaches the audit trail. Who may ask: the roles that write either
 * client-skills or vacancy-skills in the entity table (src/domain/entities.c).
 *
 * Ownership: the JSON it returns is the caller's (one reference); its strings are copies. */
#pragma once
#include <jansson.h>
#include <stddef.h>

#include "app/actor.h"
#include "core/err.h"

enum { SKILL_SUGGEST_DEFAULT_LIMIT = 10 };

/* Suggestions for text in lang ("fi", "sv", "en"; NULL = guessed from the text), labelled in label_lang (the page's
 * language; English where the taxonomy has no label in it). limit 1..TAX_SUGGEST_MAX_LIMIT (0 = the default).
 * *out = {"lang": the text's language, "suggestions": [{"uri", "label", "matched", "sentence", "start", "end",
 * "score"}]} with start/end the sentence's place in text in characters (code points, end exclusive).
 * Errors: ERR_FORBIDDEN (role), ERR_INVALID with key suggest_empty, suggest_too_long, chars, lang or limit,
 * ERR_UNAVAILABLE when no taxonomy is loaded. */
int skill_suggest(const struct actor *a, const char *text, const char *lang, const char *label_lang, size_t limit,
                  json_t **out, struct err *e);
