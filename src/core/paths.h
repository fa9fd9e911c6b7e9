/* paths: where the folders osaaja ships (i18n/, web/static/, data/) are at run time: beside the working directory,
 * beside the binary's build folder, or in ../share/osaaja of an installed binary. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* Writes the first readable folder rel ("i18n", "data/surveys") of those places into out; false when none is. */
bool paths_find_shipped(const char *rel, char *out, size_t n);
