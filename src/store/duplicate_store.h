/* duplicate_store: the clients of one organisation that might be the same person as a new one (issue 15 item 5).
 * The store only narrows the rows down; src/app/duplicates.c decides (the rule lives there, once). An erased client
 * (its tombstone: an 'erase' audit entry names it) is never a candidate. Runs in the caller's transaction.
 * JSON handed out belongs to the caller (json_decref). */
#pragma once
#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

enum { DUPLICATE_CANDIDATES_MAX = 200000 }; /* rows read at most (an import's whole organisation) */

/* What a new client is looked up by; a NULL or 0 member asks nothing of that kind. */
struct duplicate_probe {
	const char *last_word;  /* the first folded word of the last name (a search_terms term) */
	int64_t birth_year;     /* with last_word: the name is compared only where the year is the same */
	const char *email;      /* lower case */
	const char *phone_like; /* a LIKE pattern of the phone's last digits ("%4%5%6%7") */
};

/* A probe as the parameters its statements bind: ?1 org_id, ?2 the last name's word (only with a birth year), ?3 the
 * birth year, ?4 the e-mail, ?5 the phone pattern; a missing part binds NULL, which matches nothing. One place, so the
 * duplicate check and the partner-link search ask the same question. */
enum { DUPLICATE_PROBE_PARAMS = 5 };
void store_duplicate_probe_params(int64_t org_id, const struct duplicate_probe *probe,
                                  struct store_param p[DUPLICATE_PROBE_PARAMS]);

/* Clients of org_id, archived ones included, as [{id, first_name, last_name, birth_year, email, phone, archived_at}]:
 * those the probe may be (probe NULL: every client of the organisation, for an import's check). */
int store_duplicate_candidates(struct store *s, int64_t org_id, const struct duplicate_probe *probe, json_t **out,
                               struct err *e);
