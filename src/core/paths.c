/* paths: the shipped folders (see paths.h). */
#include "core/paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool paths_find_shipped(const char *rel, char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[len > 0 ? len : 0] = 0;
	char *slash = strrchr(exe, '/');
	if (slash)
		*slash = 0;
	const char *cands[] = {".", exe, exe, exe};
	const char *ups[] = {"", "/..", "/../..", "/../share/osaaja"};
	for (size_t i = 0; i < 4; i++) {
		if (i > 0 && !exe[0])
			break;
		snprintf(out, n, "%s%s/%s", cands[i], ups[i], rel);
		if (access(out, R_OK | X_OK) == 0)
			return true;
	}
	return false;
}
