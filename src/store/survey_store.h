/* survey_store: the survey tables (0003_surveys.sql) through store.h: definitions, invitations, saved drafts,
 * responses and their review, and the ESCO labels a pick-list shows beside the respondent's language.
 *
 * Rows come back as jansson objects the caller owns (json_decref), with integer columns as JSON integers and text as
 * strings (SQL NULL as null). org_id scopes every staff query; the public form looks invitations up by token hash
 * only. Timestamps are ISO 8601 UTC text (store_now). Nothing here checks roles: the web layer does. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Definitions. org_id 0 stores a default survey (organisation_id NULL). ERR_CONFLICT when slug+version exists. */
int survey_store_insert(struct store *s, int64_t org_id, const char *slug, long version, const char *definition,
                        int64_t *id, struct err *e);
/* Whether a survey slug+version exists for org_id (0: among the defaults). */
int survey_store_exists(struct store *s, int64_t org_id, const char *slug, long version, bool *found, struct err *e);
/* The surveys org_id may use (its own and the defaults), newest first: {id, organisation_id, slug, version,
 * definition, created_at}. */
int survey_store_list(struct store *s, int64_t org_id, json_t **items, struct err *e);
/* One survey org_id may use (its own or a default; org_id 0: any). ERR_NOT_FOUND otherwise. */
int survey_store_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e);
/* survey_store_get without the definition's text: {id, slug, version, created_at}, what tells a stored definition
 * apart (its row is never changed), so that a parse of it can be kept. */
int survey_store_stamp(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e);

/* Invitations. */
struct survey_invitation_new {
	int64_t org_id, survey_id, client_id, created_by; /* client_id, created_by: 0 = none */
	const char *token_hash, *label, *lang, *expires_at;
	bool single_use;
	long max_uses;                                     /* 0 = no limit (group links) */
	int64_t programme_id;                              /* 0 = none; with target_groups (a JSON array as text) and
	                                                    * intake_on (YYYY-MM-DD), NULL = none: set on the client
	                                                    * when its answers are accepted */
	const char *target_groups, *intake_on;
	int64_t employer_id;                               /* 0 = none; the employer whose needs the answers tell */
};
int survey_store_invitation_insert(struct store *s, const struct survey_invitation_new *in, int64_t *id,
                                   struct err *e);
/* By token hash, any organisation: {id, organisation_id, survey_id, single_use, max_uses, label, lang, client_id,
 * expires_at, used_count, archived_at, created_at, programme_id, target_groups, intake_on, employer_id} and its
 * survey's stamp {survey_slug, survey_version, survey_created_at}. ERR_NOT_FOUND when unknown. */
int survey_store_invitation_by_hash(struct store *s, const char *token_hash, json_t **row, struct err *e);
int survey_store_invitation_list(struct store *s, int64_t org_id, json_t **items, struct err *e);
/* What fills the placeholders of the survey's texts on invitation id's form (survey_fill_text): {organisation: the
 * name of the organisation that made the link, region: its programme's region or null}. ERR_NOT_FOUND when unknown. */
int survey_store_invitation_fill(struct store *s, int64_t id, json_t **row, struct err *e);
/* Claims one more submission on the invitation, atomically: ERR_CONFLICT (field "token") when the link is closed,
 * expired or used up, whatever another server read a moment ago. */
int survey_store_invitation_use(struct store *s, int64_t id, struct err *e);

/* Drafts ("save and continue later"). */
int survey_store_draft_insert(struct store *s, int64_t org_id, int64_t invitation_id, const char *resume_hash,
                              const char *csrf, const char *submission_key, const char *lang, const char *answers,
                              int64_t *id, struct err *e);
/* The draft of invitation_id with resume_hash: {id, csrf_token, submission_key, lang, step, answers, ...}. */
int survey_store_draft_get(struct store *s, int64_t invitation_id, const char *resume_hash, json_t **row,
                           struct err *e);
int survey_store_draft_save(struct store *s, int64_t id, const char *lang, long step, const char *answers,
                            struct err *e);
int survey_store_draft_delete(struct store *s, int64_t id, struct err *e);

/* Responses. Inserting a submission_key that exists inserts nothing and sets *inserted false (*id: the existing). */
struct survey_response_new {
	int64_t org_id, invitation_id, survey_id, client_id;
	const char *submission_key, *lang, *answers;
};
/* Removes a response inserted in this transaction whose invitation could not be claimed. */
int survey_store_response_delete(struct store *s, int64_t id, struct err *e);
int survey_store_response_insert(struct store *s, const struct survey_response_new *in, int64_t *id, bool *inserted,
                                 struct err *e);
/* By submission key within one invitation. ERR_NOT_FOUND when none. */
int survey_store_response_by_key(struct store *s, int64_t invitation_id, const char *key, json_t **row,
                                 struct err *e);
/* The review queue of org_id (status NULL: every status), oldest first, without the answers text; each row with its
 * survey_slug and its link's invitation_client_id and invitation_employer_id. */
int survey_store_response_list(struct store *s, int64_t org_id, const char *status, long limit, json_t **items,
                               struct err *e);
/* One response of org_id with its answers, its survey_id and survey_slug, and its invitation's client_id and
 * employer_id (invitation_client_id, invitation_employer_id). */
int survey_store_response_get(struct store *s, int64_t org_id, int64_t id, json_t **row, struct err *e);
/* Records the review of a response still 'submitted': status, the client the answers went to (0 none), who, and the
 * decisions (JSON text). ERR_CONFLICT (field "status", key "reviewed") when it was reviewed already. */
int survey_store_response_review(struct store *s, int64_t org_id, int64_t id, const char *status, int64_t client_id,
                                 int64_t reviewed_by, const char *decisions, struct err *e);

/* Preferred labels of the ESCO concept uri in the given languages: {"fi": "...", "en": "..."} (missing ones left
 * out; an unknown uri gives {}). */
int survey_store_esco_labels(struct store *s, const char *uri, const char *const *langs, size_t nlangs, json_t **out,
                             struct err *e);
