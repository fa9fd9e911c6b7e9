/* client_link_store: clients of two organisations linked as one person (issue 15 item 5, migration 0020,
 * docs/duplicates.md). The store narrows down and writes; src/app/client_links.c decides (the duplicate rule, both
 * consents now). Runs in the caller's transaction. JSON handed out belongs to the caller (json_decref). */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/duplicate_store.h"

/* Clients of organisations other than org_id, with a share_partner consent row, that the probe may be (as
 * store_duplicate_candidates, erased ones never):
 * [{id, organisation_id, organisation, first_name, last_name, birth_year, email, phone, archived_at}]. */
int store_link_candidates(struct store *s, int64_t org_id, const struct duplicate_probe *probe, json_t **out,
                          struct err *e);
/* Whether the pair is linked already (either order). */
int store_link_exists(struct store *s, int64_t client_a, int64_t client_b, bool *exists, struct err *e);
/* Links the pair (any order; stored with the lower id first). ERR_CONFLICT "exists" when it is linked already. */
int store_link_insert(struct store *s, int64_t client_1, int64_t org_1, int64_t client_2, int64_t org_2,
                      int64_t user_id, const char *now, int64_t *id, struct err *e);
/* The links of a client: [{id, other_client_id, organisation_id, organisation, linked_at}], oldest first. */
int store_links_of(struct store *s, int64_t client_id, json_t **out, struct err *e);
/* Removes link_id when it is one of client_id's links; *removed says whether it was. */
int store_link_delete(struct store *s, int64_t link_id, int64_t client_id, bool *removed, struct err *e);
