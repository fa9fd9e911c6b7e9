/* match redact: what a match item may tell each viewer about a client's work capacity (the rule is in match.h). */
#include <string.h>

#include "match/match.h"

void match_item_redact(struct match_item *it, enum privacy_viewer viewer)
{
	if (viewer == PRIVACY_VIEWER_ASSIGNED)
		return;
	bool checked = it->hard_checked & MATCH_HARD_CAPACITY, failed = it->hard_failed & MATCH_HARD_CAPACITY;
	it->hard_checked &= ~(MATCH_HARD_CAPACITY | MATCH_HARD_AVAILABILITY);
	it->hard_failed &= ~(MATCH_HARD_CAPACITY | MATCH_HARD_AVAILABILITY);
	if (viewer == PRIVACY_VIEWER_EMPLOYER) {
		it->hard_checked &= ~(unsigned)MATCH_HARD_PERMIT;
		it->hard_failed &= ~(unsigned)MATCH_HARD_PERMIT;
		return;
	}
	if (checked)
		it->hard_checked |= MATCH_HARD_AVAILABILITY;
	if (failed)
		it->hard_failed |= MATCH_HARD_AVAILABILITY;
}

bool match_hard_visible(const char *name, enum privacy_viewer viewer)
{
	for (unsigned bit = 1; bit <= MATCH_HARD_LAST; bit <<= 1) {
		if (!name || strcmp(name, match_hard_name(bit)) != 0)
			continue;
		struct match_item probe = {.hard_checked = bit, .hard_failed = bit};
		match_item_redact(&probe, viewer);
		return probe.hard_failed & bit;
	}
	return false;
}
