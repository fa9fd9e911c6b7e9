/* client_links: one person in two organisations' programmes (issue 15 item 5, docs/duplicates.md). Staff are told of
 * the clients of other organisations that the duplicate rule (app/duplicates.h) matches, and may link the two records,
 * only while BOTH clients' newest 'share_partner' consent row gives consent; a link shows each side "also a client of
 * <organisation>" and nothing else of the other record, and only while both consents still hold (asked on every
 * read). Staff who may read clients read candidates and links; staff who may write clients link. Every candidate
 * shown and every link is audited in both organisations' logs.
 *
 * Ownership: JSON handed out belongs to the actor's arena. */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

/* {"consent": bool (this client's share_partner now), "items": [{client_id, organisation_id, organisation,
 * reasons}]}: the other organisations' clients this one may be, not linked yet (none without this client's consent). */
int app_link_candidates(const struct actor *a, int64_t client_id, json_t **out, struct err *e);
/* Links client_id with other_id, one of its candidates now (else ERR_NOT_FOUND key "no_link_candidate": the other
 * record is not told to exist); ERR_CONFLICT key "already_linked" when it is. *link: {id, organisation, linked_at}. */
int app_link_create(const struct actor *a, int64_t client_id, int64_t other_id, json_t **link, struct err *e);
/* The client's links that hold now: [{id, organisation_id, organisation, linked_at}]. */
int app_links_of(const struct actor *a, int64_t client_id, json_t **items, struct err *e);
/* Removes one of the client's links (either organisation may; staff who may write clients), audited in both logs.
 * ERR_NOT_FOUND when link_id is not a link of this client. */
int app_link_remove(const struct actor *a, int64_t client_id, int64_t link_id, struct err *e);
