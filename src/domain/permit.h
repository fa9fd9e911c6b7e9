/* permit: who needs a residence permit to work in Finland. Citizens of the EU, the EEA and Switzerland do not
 * (free movement of workers); everyone else needs a permit that allows work and has not expired. No SQL, no HTTP. */
#pragma once
#include <stdbool.h>

/* Whether a citizen of this ISO 3166-1 alpha-2 country (any case) may work in Finland without a permit. */
bool permit_free_movement(const char *country);

/* Whether a person may work now: a free-movement citizen, permit_type "eu_citizen", or any other permit type whose
 * expiry (YYYY-MM-DD, NULL = open-ended) is today or later. nationality and permit_type may be NULL. */
bool permit_may_work(const char *nationality, const char *permit_type, const char *expires_on, const char *today);
