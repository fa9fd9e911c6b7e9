/* permit: who needs a residence permit to work in Finland (the rule is in permit.h). */
#include <string.h>
#include <strings.h>

#include "domain/permit.h"

/* EU member states, the other EEA states (Iceland, Liechtenstein, Norway) and Switzerland. */
static const char free_movement[][3] = {
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
	"MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "CH",
};

bool permit_free_movement(const char *country)
{
	if (!country || strlen(country) != 2)
		return false;
	for (size_t i = 0; i < sizeof free_movement / sizeof *free_movement; i++)
		if (strcasecmp(country, free_movement[i]) == 0)
			return true;
	return false;
}

bool permit_may_work(const char *nationality, const char *permit_type, const char *expires_on, const char *today)
{
	if (permit_free_movement(nationality) || (permit_type && strcmp(permit_type, "eu_citizen") == 0))
		return true;
	return permit_type && *permit_type && (!expires_on || !*expires_on || strcmp(expires_on, today) >= 0);
}
