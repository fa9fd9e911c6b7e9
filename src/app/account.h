/* account: the verbs of staff accounts: log in, create an account with its password (admins), change one's own
 * password, log out, and read who handled a client's data (the audit trail, admins). Each runs access, validation, store and
 * audit once; the JSON API and the pages are adapters over them.
 * Ownership: JSON handed out belongs to the actor's arena. */
#pragma once
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/actor.h"
#include "core/err.h"

/* Logs in with email and password from address (throttled per address and account): a new browser session whose
 * token and CSRF token go to token and csrf (AUTH_TOKEN_HEX + 1 each) and whose principal goes to *p; audited as
 * 'login'. ERR_INVALID for a missing field, ERR_UNAUTH for a wrong pair: then *keep_attempt says the caller must
 * commit anyway, so that the failed attempt counts. */
int account_login(struct store *s, const char *email, const char *password, const char *address, char *token,
                  char *csrf, struct principal *p, bool *keep_attempt, struct err *e);
/* Creates a staff account from body {email, name, role, password, organisation_id?, lang?, employer_id?}: the
 * password policy, the users entity's validation and references, the Argon2id hash. Audited. */
int account_create(const struct actor *a, json_t *body, json_t **row, struct err *e);
/* Changes the actor's own password after checking the current one (throttled per address like a login); every
 * other session of the user ends. Errors name current_password or new_password. */
int account_password_change(const struct actor *a, const char *address, const char *current, const char *next,
                            struct err *e);
/* Ends the session with this token, or (everywhere) every session of the actor. */
int account_logout(const struct actor *a, const char *session_token, bool everywhere, struct err *e);
/* The audit entries about a client of the actor's organisation (admins), newest first. */
int account_audit_of_client(const struct actor *a, int64_t client_id, json_t **items, struct err *e);
/* Clients of the actor's organisation whose name matches q (admins, to pick whose audit trail to read): {id,
 * first_name, last_name, birth_year}, at most 20. The search itself is audited. */
int account_audit_find_clients(const struct actor *a, const char *q, json_t **items, struct err *e);
