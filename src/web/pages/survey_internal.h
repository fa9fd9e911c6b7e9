/* survey pages: internals shared by src/web/api_surveys*.c (routes, JSON API, start) and the survey pages
 * (src/web/pages/survey_*.c): the respondent's UI texts in the survey languages, loading a stored definition,
 * raw form answers -> typed answers (the review queue's verbs are in src/app/survey_review.h).
 *
 * Ownership: definitions handed out by survey_web_def are released with the request's arena; JSON values returned
 * are owned by the caller unless said otherwise. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/survey_def.h"
#include "app/survey_intake.h"
#include "survey/survey.h"
#include "web/pages/pages.h"
#include "web/web.h"

/* ---- shared by the survey files (api_surveys.c) ---- */
/* Hands j to the request's arena (released with it); returns j. */
json_t *survey_web_own(struct web_request *r, json_t *j);
/* Copies e into the request's error and returns rc. */
int survey_web_fail(struct web_request *r, int rc, const struct err *e);

/* ---- JSON routes (the route table in api_surveys.c): definitions (api_surveys.c), invitations
 * (api_surveys_invite.c), the review queue (api_surveys_review.c), the public link (api_surveys_public.c) ---- */
int survey_api_surveys_list(struct web_request *r);
int survey_api_surveys_get(struct web_request *r);
int survey_api_surveys_export(struct web_request *r);
int survey_api_surveys_import(struct web_request *r);
int survey_api_invitations_list(struct web_request *r);
int survey_api_invitations_create(struct web_request *r);
int survey_api_responses_list(struct web_request *r);
int survey_api_responses_get(struct web_request *r);
int survey_api_responses_accept(struct web_request *r);
int survey_api_responses_dismiss(struct web_request *r);
int survey_api_public_get(struct web_request *r);
int survey_api_public_submit(struct web_request *r);

/* ---- respondent UI texts (survey_ui.c): fi sv en ru th ar uk so vi tl, English for anything else ---- */
const char *survey_ui(const char *lang, const char *key);
bool survey_ui_rtl(const char *lang);
/* The language's own name ("ไทย", "العربية"). */
const char *survey_ui_lang_name(const char *lang);
/* The language shown beside the respondent's: Finnish, or English for a Finnish respondent. */
const char *survey_ui_beside(const char *lang);
/* Display names of ISO codes in lang through ICU (language names when country is false); into out[n]. */
void survey_ui_code_name(const char *code, bool country, const char *lang, char *out, size_t n);
/* Common languages offered for a language / CEFR question without options (NULL-terminated). */
extern const char *const survey_ui_langs[];

/* ---- definitions ---- */
/* Parses the stored definition of survey id (visible to org_id; 0 any). Freed with r's arena. */
int survey_web_def(struct web_request *r, int64_t org_id, int64_t id, const struct survey_def **out);

/* ---- answers as typed in the form ("raw": strings, arrays of strings, rows) -> typed answers ---- */
json_t *survey_web_typed(const struct survey_def *def, json_t *raw);
/* Whether a group or question is shown: survey_group_visible / survey_question_visible (survey.h), the rule that
 * validation and pruning use too. */

/* ---- review: the verbs of src/app/survey_review.h (the JSON routes and the /reviews pages are adapters) ---- */

/* ---- pages (survey_form.c, survey_admin.c, survey_review.c) ---- */
int survey_form_get(struct web_request *r);
int survey_form_post(struct web_request *r);
int survey_form_done(struct web_request *r);
int survey_form_copy(struct web_request *r);
int ui_survey_admin(struct page *pg);
int ui_survey_admin_upload(struct page *pg);
int ui_survey_admin_download(struct page *pg);
int ui_survey_invitations(struct page *pg);
int ui_survey_invitations_create(struct page *pg);
int ui_survey_reviews(struct page *pg);
int ui_survey_review(struct page *pg);
int ui_survey_review_accept(struct page *pg);
int ui_survey_review_dismiss(struct page *pg);

/* Creates invitations as POST /api/v1/survey-invitations does; *out: {items: [{id, token, url, expires_at}]}. */
int survey_web_invite(struct web_request *r, json_t *body, json_t **out);
/* The absolute link of a token: scheme and host of the request. */
const char *survey_web_link(struct web_request *r, const char *token);
/* A QR code of text as inline SVG through the escaping writer. */
int survey_web_qr_svg(struct buf *b, const char *text, const char *label);

/* ---- texts of a survey (the link, its state and a submission: app/survey_intake.h) ---- */
/* A text of def in lang, falling back to the survey's first language ("" when absent). */
const char *survey_web_text(const struct survey_def *def, const struct survey_text *t, const char *lang);
/* The values of the texts' placeholders on invitation_id's form: its organisation and its programme's region
 * (strings of r's arena; NULL where unknown, so the neutral wordings are shown). */
void survey_web_fill(struct web_request *r, int64_t invitation_id, struct survey_fill *out);
/* survey_web_text with its placeholders filled (survey_fill_text); a new string of r's arena. */
const char *survey_web_filled(struct web_request *r, const struct survey_def *def, const struct survey_text *t,
                              const char *lang, const struct survey_fill *fill);
