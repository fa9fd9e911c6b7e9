/* survey_form internals: what the form's request handling (survey_form.c: the link, drafts and their resume codes,
 * reading a step's fields, the handlers) and its rendering (survey_form_render.c: the page frame, one question,
 * a step, the check page and the answer copy) share. Private to those two files.
 *
 * Ownership: a struct sform lives on the handler's stack for one request; every JSON value in it is owned by the
 * request's arena (own()). */
#pragma once
#include <jansson.h>
#include <stdbool.h>

#include "web/pages/form.h"
#include "web/pages/survey_internal.h"

enum { RESUME_LEN = 16, MAX_ROWS = 20, SUGGEST = 6 };

struct sform {
	struct web_request *r;
	struct buf *b;
	const char *token;
	json_t *inv;
	const struct survey_def *def;
	const char *lang, *beside;
	json_t *draft;      /* NULL before consent */
	const char *resume; /* the draft's resume code */
	json_t *raw;        /* answers as typed */
	json_t *typed;
	long step;          /* 1..n_groups: a group; n_groups + 1: the check page */
	json_t *errors;     /* path -> message */
	const char *suggest_base;
	json_t *suggest_hits; /* [{uri, labels{}}] */
	const char *suggest_text;
	const char *notice;
	struct survey_fill fill; /* the link's organisation and region, for the texts' placeholders */
	struct form form;
};

/* Hands j to the request's arena (released with it); returns j. */
static inline json_t *own(struct sform *sf, json_t *j)
{
	return survey_web_own(sf->r, j);
}

static inline const char *U(struct sform *sf, const char *key)
{
	return survey_ui(sf->lang, key);
}

static inline const char *TX(struct sform *sf, const struct survey_text *t, const char *lang)
{
	return survey_web_filled(sf->r, sf->def, t, lang, &sf->fill);
}

/* ---- rendering (survey_form_render.c) ---- */
/* The page frame: head opens the document in the respondent's language and direction; finish closes it and sets
 * the status (503 when the page grew past its ceiling). */
void sform_head(struct sform *sf, const char *title);
int sform_finish(struct sform *sf, int status);
/* A 303 to url (the body a plain link). */
void sform_redirect(struct sform *sf, const char *url);
/* The same message in every language of the survey (expired, used, not found...). */
int sform_message_page(struct sform *sf, const char *key, int status);
/* The next or previous shown step from `from` (n_groups + 1: the check page; 1 at the start). */
long sform_next_step(struct sform *sf, long from);
long sform_prev_step(struct sform *sf, long from);
/* The answers of the shown groups and questions (check page and copy); edit adds a button per group. */
void sform_answers_list(struct sform *sf, json_t *typed, bool edit);
/* The consent page (error: a message above it), the "saved, here is your code" page, and the current step. */
int sform_render_start(struct sform *sf, const char *error, int status);
int sform_render_saved(struct sform *sf);
int sform_render_current(struct sform *sf, int status);

/* ---- request handling (survey_form.c) ---- */
/* A resume code grouped for reading aloud ("ABCD-EFGH-..."). */
const char *sform_pretty_code(struct sform *sf, const char *c);
/* The CSRF token of the consent page (before a draft exists), bound to the link. */
const char *sform_start_csrf(struct sform *sf);
