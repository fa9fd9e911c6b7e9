/* taxonomy import: idempotence, file:line errors with nothing imported, ESCO-style folders, label precedence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"
#include "taxonomy/taxonomy.h"

static struct store *open_mem(void)
{
	struct store *s;
	struct err e = {0};
	assert_int_equal(store_open(":memory:", &s, &e), 0);
	assert_int_equal(store_migrate(s, &e), 0);
	return s;
}

static int64_t count(struct store *s, const char *sql)
{
	int64_t v = -1;
	bool found;
	struct err e = {0};
	assert_int_equal(store_query_int(s, sql, NULL, 0, &v, &found, &e), 0);
	return v;
}

static void counts(struct store *s, int64_t out[4])
{
	out[0] = count(s, "SELECT COUNT(*) FROM tax_concepts");
	out[1] = count(s, "SELECT COUNT(*) FROM tax_labels");
	out[2] = count(s, "SELECT COUNT(*) FROM tax_relations");
	out[3] = count(s, "SELECT COUNT(*) FROM tax_broader");
}

static void test_shipped_twice(void **state)
{
	(void)state;
	struct store *s = open_mem();
	struct tax_import_stats st = {0};
	struct err e = {0};
	int64_t a[4], b[4];
	assert_int_equal(tax_import_dir(s, "data/taxonomy", false, &st, &e), 0);
	assert_true(st.shipped_layout);
	counts(s, a);
	assert_true(a[0] > 18000 && a[1] > 150000 && a[2] > 120000 && a[3] > 20000);
	/* 3007 in occupations_en.csv, and the one its relations name that it lacks (therapeutic radiographer) */
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'occupation'"), 3008);
	/* every occupation-skill relation of the source is kept: the counts the packer read from ESCO (MANIFEST) */
	long rel = -1, ess = -1;
	FILE *mf = fopen("data/taxonomy/MANIFEST", "r");
	assert_non_null(mf);
	char line[128];
	while (fgets(line, sizeof line, mf))
		if (sscanf(line, "relations %ld essential %ld", &rel, &ess) == 2)
			break;
	fclose(mf);
	assert_true(rel > 120000 && ess > 60000);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_relations"), rel);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_relations WHERE relation = 'essential'"), ess);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'skill'"), 13896);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'isco'"), 619);
	assert_true(count(s, "SELECT COUNT(*) FROM tax_concepts WHERE kind = 'isced'") >= 220);
	assert_true(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'sv'") > 7000);
	assert_true(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'fi' AND source = 'osaaja'") > 1000);
	assert_true(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'uk'") >= 180);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts c JOIN tax_labels l ON l.concept_id = c.id "
	                          "WHERE c.code = '2512' AND c.kind = 'isco' AND l.lang = 'sv' AND "
	                          "l.label_type = 'preferred'"),
	                 1);
	assert_int_equal(tax_import_dir(s, "data/taxonomy", false, &st, &e), 0);
	counts(s, b);
	for (int i = 0; i < 4; i++)
		assert_int_equal(a[i], b[i]);
	store_close(s);
}

static char tmpdir[64];

static void write_file(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tmpdir, rel);
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdir(path, 0700); /* one level of subfolders is enough here */
	*slash = '/';
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void remove_tree(void)
{
	static const char *const files[] = {"esco/v1.1.1/occupations_en.csv", "esco/v1.1.1/skills_en.csv",
	                                    "esco/v1.1.1/occupationSkillRelations.csv", "esco/v1.1.1/ISCOGroups_en.csv",
	                                    "occupations_fi.csv", "fi/occupations_fi_osaaja.csv"};
	char path[256];
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
		unlink(path);
	}
	static const char *const dirs[] = {"esco/v1.1.1", "esco", "fi", ""};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(path, sizeof path, "%s/%s", tmpdir, dirs[i]);
		rmdir(path);
	}
}

static const char OCC[] =
	"conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,code\r\n"
	"Occupation,http://data.europa.eu/esco/occupation/w,7212,welder,\"metal welder\nwelding operative\",,released,"
	"7212.1\r\n"
	"Occupation,http://data.europa.eu/esco/occupation/d,2512,software developer,programmer,,released,2512.4\r\n";
static const char SKILLS[] = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels\r\n"
                             "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s,skill/competence,"
                             "sector-specific,weld metal,,\r\n";
static const char REL[] = "occupationUri,relationType,skillType,skillUri\r\n"
                          "http://data.europa.eu/esco/occupation/w,essential,skill/competence,"
                          "http://data.europa.eu/esco/skill/s\r\n";
static const char ISCO[] = "conceptType,conceptUri,code,preferredLabel,status,altLabels\r\n"
                           "ISCOGroup,http://data.europa.eu/esco/isco/C7212,7212,Welders and flamecutters,released,\r\n";

static void test_esco_folder_and_precedence(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/taxtest-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char sub[128];
	snprintf(sub, sizeof sub, "%s/esco", tmpdir);
	mkdir(sub, 0700);
	write_file("esco/v1.1.1/occupations_en.csv", OCC);
	write_file("esco/v1.1.1/skills_en.csv", SKILLS);
	write_file("esco/v1.1.1/occupationSkillRelations.csv", REL);
	write_file("esco/v1.1.1/ISCOGroups_en.csv", ISCO);
	write_file("fi/occupations_fi_osaaja.csv", "conceptUri,preferredLabel,altLabels\n"
	                                           "http://data.europa.eu/esco/occupation/w,hitsaaja,\"hitsari\"\n"
	                                           "http://data.europa.eu/esco/occupation/d,ohjelmoija,\n"
	                                           "http://data.europa.eu/esco/occupation/unknown,x,\n");
	struct store *s = open_mem();
	struct tax_import_stats st = {0};
	struct err e = {0};
	assert_int_equal(tax_import_dir(s, tmpdir, false, &st, &e), 0);
	assert_false(st.shipped_layout);
	assert_int_equal(st.skipped, 1);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts"), 4);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts WHERE version = 'v1.1.1' AND kind = 'occupation'"),
	                 2);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_relations WHERE relation = 'essential'"), 1);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'en' AND label_type = 'alt'"), 3);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'fi' AND source = 'osaaja'"), 3);
	/* an official Finnish export now arrives: its labels replace ours for the concepts it covers */
	write_file("occupations_fi.csv", "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels\n"
	                                 "Occupation,http://data.europa.eu/esco/occupation/w,7212,hitsaaja (ESCO),,\n");
	assert_int_equal(tax_import_dir(s, tmpdir, false, &st, &e), 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'fi' AND source = 'esco'"), 1);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels l JOIN tax_concepts c ON c.id = l.concept_id "
	                          "WHERE l.lang = 'fi' AND c.uri LIKE '%/w'"),
	                 1);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels WHERE lang = 'fi' AND source = 'osaaja'"), 1);
	int64_t a[4], b[4];
	counts(s, a);
	assert_int_equal(tax_import_dir(s, tmpdir, false, &st, &e), 0);
	counts(s, b);
	for (int i = 0; i < 4; i++)
		assert_int_equal(a[i], b[i]);
	store_close(s);

	/* a malformed row: error names file and line; nothing at all is imported */
	write_file("esco/v1.1.1/skills_en.csv", "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,"
	                                        "hiddenLabels\r\n"
	                                        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/s,skill,x,"
	                                        "weld metal,,\r\n"
	                                        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/t,skill,x,"
	                                        "\"broken quote\"x,,\r\n");
	s = open_mem();
	assert_int_not_equal(tax_import_dir(s, tmpdir, false, &st, &e), 0);
	assert_non_null(strstr(e.message, "skills_en.csv:3"));
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts"), 0);
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_labels"), 0);
	/* a row with too few fields */
	write_file("esco/v1.1.1/skills_en.csv", SKILLS);
	write_file("esco/v1.1.1/occupationSkillRelations.csv", "occupationUri,relationType,skillType,skillUri\r\n"
	                                                       "http://data.europa.eu/esco/occupation/w,essential\r\n");
	assert_int_not_equal(tax_import_dir(s, tmpdir, false, &st, &e), 0);
	assert_non_null(strstr(e.message, "occupationSkillRelations.csv:2"));
	assert_int_equal(count(s, "SELECT COUNT(*) FROM tax_concepts"), 0);
	/* not a folder, no files */
	assert_int_not_equal(tax_import_dir(s, "/nonexistent-taxonomy", false, &st, &e), 0);
	store_close(s);
	remove_tree();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_twice),
		cmocka_unit_test(test_esco_folder_and_precedence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
