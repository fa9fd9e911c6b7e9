/* outcome: the "matches competence" rule (see outcome.h and docs/outcomes.md for the rule in words). */
#include "domain/outcome.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"

/* ISCED-F 2013 fields -> ISCO-08 sub-major groups where people with that education usually work. Narrow fields
 * (3 digits) first; a broad field (2 digits) is the fallback for codes without a narrow row. Kept small on purpose:
 * it only says which fields are "related"; docs/outcomes.md lists the same table with the group names. */
static const struct {
	const char *field;
	int submajor[7];
} field_map[] = {
	{"011", {23, 13, 53}},              /* education: teachers, education managers, teachers' aides */
	{"021", {26, 34, 73}},              /* arts: creative artists, cultural associates, handicraft and printing */
	{"022", {26, 23}},                  /* humanities */
	{"023", {26, 23}},                  /* languages: translators, language teachers */
	{"031", {26, 24, 34}},              /* social and behavioural sciences */
	{"032", {26, 44}},                  /* journalism and information: writers, journalists, library clerks */
	{"041", {12, 24, 33, 41, 42, 43}},  /* business and administration */
	{"042", {26, 34}},                  /* law: legal professionals and associates */
	{"051", {21, 22, 31}},              /* biological sciences */
	{"052", {21, 31}},                  /* environment */
	{"053", {21, 31}},                  /* physical sciences */
	{"054", {21, 25, 33}},              /* mathematics and statistics */
	{"061", {25, 35, 13}},              /* ICT: professionals, technicians, ICT service managers */
	{"071", {21, 31, 13, 72, 74}},      /* engineering and engineering trades */
	{"072", {21, 31, 75, 81}},          /* manufacturing and processing */
	{"073", {21, 31, 71}},              /* architecture and construction */
	{"081", {13, 21, 31, 61, 92}},      /* agriculture */
	{"082", {21, 31, 61, 62}},          /* forestry */
	{"083", {31, 62}},                  /* fisheries */
	{"084", {22, 32}},                  /* veterinary */
	{"091", {22, 32, 53}},              /* health */
	{"092", {26, 34, 53}},              /* welfare: social work, social associates, care workers */
	{"101", {14, 34, 51}},              /* personal services: hospitality managers, chefs, service workers */
	{"102", {22, 31, 32}},              /* hygiene and occupational health */
	{"103", {31, 54}},                  /* security services */
	{"104", {31, 43, 83}},              /* transport services */
	{"01", {23, 13, 53}},
	{"02", {26, 34, 23}},
	{"03", {26, 24, 34}},
	{"04", {12, 24, 26, 33, 41, 42, 43}},
	{"05", {21, 22, 31}},
	{"06", {25, 35, 13}},
	{"07", {21, 31, 71, 72, 74, 75}},
	{"08", {21, 31, 61, 62, 92}},
	{"09", {22, 26, 32, 34, 53}},
	{"10", {14, 31, 51, 54, 83}},
};

size_t outcome_field_submajors(const char *isced_field, int *out, size_t max)
{
	if (!isced_field || strlen(isced_field) < 2)
		return 0;
	for (int len = 3; len >= 2; len--) {
		if ((int)strlen(isced_field) < len)
			continue;
		for (size_t i = 0; i < sizeof field_map / sizeof *field_map; i++) {
			if ((int)strlen(field_map[i].field) != len || strncmp(field_map[i].field, isced_field, (size_t)len) != 0)
				continue;
			size_t n = 0;
			for (size_t k = 0; k < 7 && field_map[i].submajor[k] && n < max; k++)
				out[n++] = field_map[i].submajor[k];
			return n;
		}
	}
	return 0;
}

/* Number of leading digits (0..4) of an ISCO code; 0 when it is not 1-4 digits. */
static size_t isco_digits(const char *c)
{
	if (!c)
		return 0;
	size_t n = 0;
	while (n < 5 && c[n] >= '0' && c[n] <= '9')
		n++;
	return (c[n] == 0 && n >= 1 && n <= 4) ? n : 0;
}

/* True when some code in list shares the first `digits` digits with job. */
static bool shares_prefix(const char *const *list, size_t n, const char *job, size_t digits)
{
	for (size_t i = 0; i < n; i++)
		if (isco_digits(list[i]) >= digits && strncmp(list[i], job, digits) == 0)
			return true;
	return false;
}

static bool field_has(const char *field, int submajor)
{
	int g[7];
	size_t n = outcome_field_submajors(field, g, 7);
	for (size_t i = 0; i < n; i++)
		if (g[i] == submajor)
			return true;
	return false;
}

/* Whether an education within [lo, hi] has a field usually leading to the sub-major group. */
static bool edu_field_leads_to(const struct outcome_profile *p, int lo, int hi, int submajor)
{
	for (size_t i = 0; i < p->nedu; i++)
		if (p->edu[i].isced_level >= lo && p->edu[i].isced_level <= hi && field_has(p->edu[i].field, submajor))
			return true;
	return false;
}

static size_t skill_overlap(const struct outcome_profile *p, const struct outcome_job *j)
{
	size_t m = 0;
	for (size_t i = 0; i < j->nessential; i++) {
		if (!j->essential[i])
			continue;
		for (size_t k = 0; k < p->nskills; k++) {
			if (p->skills[k] && strcmp(p->skills[k], j->essential[i]) == 0) {
				m++;
				break;
			}
		}
	}
	return m;
}

/* "Enough" overlap: at least half of the job's essential skills, and at least three of them (or all, when the
 * occupation has fewer than three). */
static bool skills_enough(size_t matched, size_t nessential)
{
	if (nessential == 0)
		return false;
	size_t floor3 = nessential < 3 ? nessential : 3;
	return matched * 2 >= nessential && matched >= floor3;
}

static struct outcome_verdict verdict(enum outcome_match m, enum outcome_reason r, size_t skills)
{
	struct outcome_verdict v = {m, r, skills};
	return v;
}

struct outcome_verdict outcome_matches_competence(const struct outcome_profile *p, const struct outcome_job *j)
{
	if (!j->type || strcmp(j->type, "employed") != 0)
		return verdict(OUTCOME_MATCH_UNKNOWN, OUTCOME_R_NOT_EMPLOYMENT, 0);
	size_t nd = isco_digits(j->isco);
	size_t matched = skill_overlap(p, j);
	bool enough = skills_enough(matched, j->nessential);
	if (nd == 0 && j->nessential == 0)
		return verdict(OUTCOME_MATCH_UNKNOWN, OUTCOME_R_NO_OCCUPATION, 0);
	int major = nd ? j->isco[0] - '0' : -1;
	int submajor = nd >= 2 ? (j->isco[0] - '0') * 10 + (j->isco[1] - '0') : -1;

	bool tertiary = false;
	for (size_t i = 0; i < p->nedu; i++)
		tertiary = tertiary || p->edu[i].isced_level >= 6;

	if (tertiary) {
		if (nd && (major < 1 || major > 3))
			return verdict(OUTCOME_MATCH_NO, OUTCOME_R_TERTIARY_BELOW, matched);
		if (nd >= 2 && (shares_prefix(p->previous, p->nprevious, j->isco, 2) ||
		                shares_prefix(p->targets, p->ntargets, j->isco, 2)))
			return verdict(OUTCOME_MATCH_YES, OUTCOME_R_TERTIARY_OCCUPATION, matched);
		if (nd >= 2 && edu_field_leads_to(p, 6, 8, submajor))
			return verdict(OUTCOME_MATCH_YES, OUTCOME_R_TERTIARY_FIELD, matched);
		if (enough)
			return verdict(OUTCOME_MATCH_YES, OUTCOME_R_TERTIARY_SKILLS, matched);
		return verdict(OUTCOME_MATCH_NO, OUTCOME_R_TERTIARY_UNRELATED, matched);
	}
	if (nd >= 3 && (shares_prefix(p->previous, p->nprevious, j->isco, 3) ||
	                shares_prefix(p->targets, p->ntargets, j->isco, 3)))
		return verdict(OUTCOME_MATCH_YES, OUTCOME_R_SAME_MINOR, matched);
	if (nd >= 2 && major >= 3 && major <= 8 && edu_field_leads_to(p, 3, 5, submajor))
		return verdict(OUTCOME_MATCH_YES, OUTCOME_R_VOCATIONAL_FIELD, matched);
	if (enough)
		return verdict(OUTCOME_MATCH_YES, OUTCOME_R_SKILLS, matched);
	return verdict(OUTCOME_MATCH_NO, OUTCOME_R_UNRELATED, matched);
}

const char *outcome_reason_name(enum outcome_reason r)
{
	static const char *const names[OUTCOME_R_COUNT] = {
		"not_employment", "no_occupation", "tertiary_occupation", "tertiary_field", "tertiary_skills",
		"tertiary_below_level", "tertiary_unrelated", "same_minor_group", "vocational_field", "skill_overlap",
		"unrelated",
	};
	return (unsigned)r < OUTCOME_R_COUNT ? names[r] : "unknown";
}

int outcome_final_match(int derived, int override)
{
	return override >= 0 ? override : derived;
}

int outcome_check_override(bool override_set, const char *reason)
{
	if (!override_set)
		return 0;
	if (!reason)
		return -1;
	for (const char *c = reason; *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
			return 0;
	return -1;
}

bool outcome_followup_months(long months)
{
	return months == 3 || months == 6 || months == 12;
}

bool outcome_followup_dates(const char *starts_on, long months, char due[11], char earliest[11])
{
	int y = 0, m = 0, d = 0;
	if (!starts_on || strlen(starts_on) < 10 || sscanf(starts_on, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return false;
	long total = (long)y * 12 + (m - 1) + months;
	int64_t ny = total / 12;
	int nm = (int)(total % 12) + 1;
	int last = (int)(date_days(nm == 12 ? ny + 1 : ny, nm == 12 ? 1 : nm + 1, 1) - date_days(ny, nm, 1));
	int64_t z = date_days(ny, nm, d < last ? d : last);
	int64_t cy;
	int cm, cd;
	char tmp[32];
	if (due) {
		date_civil(z, &cy, &cm, &cd);
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)cy, cm, cd);
		memcpy(due, tmp, 10);
		due[10] = '\0';
	}
	if (earliest) {
		date_civil(z - OUTCOME_FOLLOWUP_EARLY_DAYS, &cy, &cm, &cd);
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", (int)cy, cm, cd);
		memcpy(earliest, tmp, 10);
		earliest[10] = '\0';
	}
	return true;
}
