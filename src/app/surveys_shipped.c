/* surveys_shipped: the shipped surveys registered as defaults (see surveys_shipped.h). */
#include "app/surveys_shipped.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/paths.h"
#include "store/survey_store.h"
#include "survey/survey.h"

static int load_file(const char *path, char **text, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char *b = malloc(SURVEY_MAX_TEXT_BYTES + 1);
	size_t n = b ? fread(b, 1, SURVEY_MAX_TEXT_BYTES + 1, f) : 0;
	fclose(f);
	if (!b || n > SURVEY_MAX_TEXT_BYTES) {
		free(b);
		return -1;
	}
	*text = b;
	*len = n;
	return 0;
}

static int register_dir(struct store *s, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int rc = 0, added = 0;
	if ((rc = store_begin(s, e))) {
		closedir(d);
		return rc;
	}
	struct dirent *de;
	while (!rc && (de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		if (nl < 6 || de->d_name[0] == '.' || strcmp(de->d_name + nl - 5, ".json") != 0)
			continue;
		char path[PATH_MAX + 256];
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		char *text;
		size_t len;
		struct survey_def *def;
		if (load_file(path, &text, &len)) {
			rc = err_set(e, ERR_INTERNAL, "", "cannot read %.200s", path);
			break;
		}
		if (survey_definition_parse(text, len, &def, e)) {
			char why[sizeof e->message];
			snprintf(why, sizeof why, "%s", e->message);
			err_set(e, ERR_INVALID, "", "%.120s: %.120s", de->d_name, why);
			free(text);
			rc = ERR_INVALID;
			break;
		}
		free(text);
		bool found = false;
		if ((rc = survey_store_exists(s, 0, def->slug, def->version, &found, e)) == 0 && !found) {
			json_t *canon = survey_definition_to_json(def);
			char *ctext = canon ? json_dumps(canon, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
			json_decref(canon);
			int64_t id = 0;
			rc = ctext ? survey_store_insert(s, 0, def->slug, def->version, ctext, &id, e)
			           : err_oom(e);
			free(ctext);
			added += rc == 0;
		}
		survey_definition_free(def);
	}
	closedir(d);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	if ((rc = store_commit(s, e)))
		return rc;
	if (added)
		log_info("event=surveys_registered count=%d", added);
	return 0;
}

int app_surveys_register_shipped(struct store *s, struct err *e)
{
	char dir[PATH_MAX];
	if (!paths_find_shipped("data/surveys", dir, sizeof dir)) {
		log_warn("event=surveys_start message=\"data/surveys not found; no default surveys registered\"");
		return 0;
	}
	return register_dir(s, dir, e);
}
