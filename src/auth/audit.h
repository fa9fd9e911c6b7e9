/* audit: an append-only, hash-chained log of who read or changed which personal data, when, and in what role.
 * Each entry's hash = BLAKE2b-256 over the previous entry's hash and this entry's fields, so a changed or deleted
 * row breaks the chain at that point; audit_verify finds the first broken link. Entries are written in the
 * request's own transaction: no change lands without its audit entry. */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "auth/auth.h"
#include "store/store.h"

struct audit_entry {
	int64_t user_id, org_id;
	const char *role;
	const char *action;  /* read, list, create, update, archive, export, erase, login, ... */
	const char *entity;
	int64_t entity_id;   /* 0 = none */
	int64_t client_id;   /* the person whose data it is; 0 = none */
	const char *detail;  /* never personal data: ids, field names, counts */
};

int audit_write(struct store *s, const struct audit_entry *a, struct err *e);
/* Convenience for a request's principal. */
int audit_principal(struct store *s, const struct principal *p, const char *action, const char *entity,
                    int64_t entity_id, int64_t client_id, const char *detail, struct err *e);
/* Verifies the whole chain: 0 with *checked rows when intact; ERR_CONFLICT with *broken_id = first bad entry. */
int audit_verify(struct store *s, int64_t *checked, int64_t *broken_id, struct err *e);
/* The newest entries (at most 500) about client_id of organisation org_id, newest first: {id, at, user_id,
 * user_name, role, action, entity, entity_id, detail}. *items is the caller's. */
int audit_of_client(struct store *s, int64_t org_id, int64_t client_id, json_t **items, struct err *e);
