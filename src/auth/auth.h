/* auth: passwords (Argon2id via libsodium), sessions and API tokens stored in the database, login throttling, and
 * the acting user ("principal") that every request carries. Tokens are random 32-byte values shown once; the
 * database keeps only their BLAKE2b hash, so a leaked database does not leak live sessions. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "domain/entity.h"
#include "store/store.h"

enum { AUTH_TOKEN_HEX = 64, AUTH_HASH_MAX = 128 };

struct principal {
	int64_t user_id;
	int64_t org_id;
	enum role role;
	int64_t employer_id; /* employer users: the employer they speak for, else 0 */
	char email[256];
	char name[201];
	char lang[3];
	char csrf[AUTH_TOKEN_HEX + 1];
	bool via_api_token;  /* Bearer token: no CSRF check (not sent by browsers automatically) */
	int64_t session_id;
	bool console; /* the operator at the console (the CLI): the only one who may create a system administrator */
};

/* libsodium must be initialised once before threads start; returns 0 or -1. */
int auth_init(void);

/* Password policy: 10..200 bytes, not in the common-password list, not the e-mail's local part.
 * Returns 0 or ERR_INVALID with a message saying what to change. */
int auth_password_check(const char *password, const char *email, struct err *e);
/* Argon2id hash string (crypto_pwhash_str) into out[AUTH_HASH_MAX]. */
int auth_password_hash(const char *password, char out[AUTH_HASH_MAX], struct err *e);
bool auth_password_verify(const char *hash, const char *password);

/* Sessions: kind "browser" (12 h absolute, 2 h idle) or "api" (365 days). Writes the new token (hex) into token. */
int auth_session_create(struct store *s, int64_t user_id, const char *kind, const char *label,
                        char token[AUTH_TOKEN_HEX + 1], char csrf[AUTH_TOKEN_HEX + 1], struct err *e);
/* Looks up a live session by token, fills p; refreshes last_seen. ERR_UNAUTH when unknown or expired. */
int auth_session_lookup(struct store *s, const char *token, struct principal *p, struct err *e);
int auth_session_delete(struct store *s, const char *token, struct err *e);
/* Ends every session of a user (logout everywhere, password change). */
int auth_session_delete_user(struct store *s, int64_t user_id, struct err *e);
/* Ends every session of a user but keep_session_id (a password change keeps the one that made it). */
int auth_session_delete_others(struct store *s, int64_t user_id, int64_t keep_session_id, struct err *e);
/* Stores an Argon2id hash (auth_password_hash) as the user's password. */
int auth_password_set(struct store *s, int64_t user_id, const char *hash, struct err *e);

/* Login: checks throttling (5 failures per account or 30 per address in 15 minutes -> ERR_THROTTLED), verifies the
 * password, records the attempt. The message never says whether the e-mail exists. */
int auth_login(struct store *s, const char *email, const char *password, const char *address, int64_t *user_id,
               struct err *e);

/* Constant-time comparison of two NUL-terminated tokens. */
bool auth_token_equal(const char *a, const char *b);
/* Random hex token of AUTH_TOKEN_HEX characters. */
void auth_random_token(char out[AUTH_TOKEN_HEX + 1]);
/* BLAKE2b-256 of data as hex into out[65]. */
void auth_hash_hex(const void *data, size_t len, char out[65]);
