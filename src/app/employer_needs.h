/* employer_needs: what an employer's own user reads of the needs the service recorded for its company (issue 15
 * item 1). Staff write and read the records through the entities (employer-needs, employer-need-arrivals) and the
 * overview; the company sees its own records, newest first, each with the workers it expects per month, so that it can
 * tell the coordinator what has changed. The staff's notes are not shown. No personal data is in a needs record. */
#pragma once
#include <jansson.h>

#include "app/actor.h"
#include "core/err.h"

enum { EMPLOYER_NEEDS_OWN_MAX = 20 };

/* The employer user's company's needs records (at most EMPLOYER_NEEDS_OWN_MAX, newest first), each with "arrivals"
 * (year, month, title, workers, kind), in the actor's arena. ERR_FORBIDDEN for anyone but an employer user who speaks
 * for an employer. */
int app_employer_needs_own(const struct actor *a, json_t **needs, struct err *e);
