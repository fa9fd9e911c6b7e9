/* Helpers shared by the survey unit tests. */
#pragma once
#include <stddef.h>

#include "survey/survey.h"

/* Reads a whole file (tests run from the repository root); NULL when it cannot. Caller frees. */
char *tu_read_file(const char *path, size_t *len);
/* Parses a shipped survey or fails the test. */
struct survey_def *tu_load_survey(const char *path);
