/* router: route matching over the static route table, 404 and 405 with an Allow list (see router.h). */
#include "web/router.h"

#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "web/web.h"

/* Matches without copying: the parameters as (start, length) pairs into path. */
static bool match_spans(const char *pattern, const char *path, const char **start, size_t *len, int *np)
{
	const char *p = pattern, *u = path;
	int n = 0;
	while (*p && *u) {
		if (*p == '{') {
			const char *pe = strchr(p, '}');
			const char *ue = strchr(u, '/');
			if (!pe)
				return false;
			size_t l = ue ? (size_t)(ue - u) : strlen(u);
			if (l == 0 || n >= ROUTER_MAX_PARAMS)
				return false;
			start[n] = u;
			len[n] = l;
			n++;
			p = pe + 1;
			u += l;
			continue;
		}
		if (*p != *u)
			return false;
		p++;
		u++;
	}
	if (*p || *u)
		return false;
	*np = n;
	return true;
}

bool router_match_pattern(const char *pattern, const char *path, struct arena *a, const char **params, int *nparams)
{
	const char *start[ROUTER_MAX_PARAMS];
	size_t len[ROUTER_MAX_PARAMS];
	int n = 0;
	if (!match_spans(pattern, path, start, len, &n))
		return false;
	if (!params)
		return true;
	for (int i = 0; i < n; i++) {
		params[i] = arena_strndup(a, start[i], len[i]);
		if (!params[i])
			return false;
	}
	*nparams = n;
	return true;
}

static bool method_serves(const char *route_method, const char *method)
{
	return strcmp(route_method, method) == 0 || (strcmp(method, "HEAD") == 0 && strcmp(route_method, "GET") == 0);
}

/* Adds method to the comma-separated list unless it is there already (as a whole name). */
static void allow_add(char *allow, const char *method)
{
	size_t ml = strlen(method);
	for (const char *s = allow; *s;) {
		size_t l = strcspn(s, ",");
		if (l == ml && strncmp(s, method, ml) == 0)
			return;
		s += l;
		while (*s == ',' || *s == ' ')
			s++;
	}
	size_t len = strlen(allow);
	snprintf(allow + len, ROUTER_ALLOW_MAX - len, "%s%s", len ? ", " : "", method);
}

enum router_result router_find(const struct route *routes, size_t n, const char *method, const char *path,
                               struct arena *a, struct router_match *m)
{
	*m = (struct router_match){0};
	bool mismatch = false;
	for (size_t i = 0; i < n; i++) {
		if (!router_match_pattern(routes[i].pattern, path, NULL, NULL, NULL))
			continue;
		if (method_serves(routes[i].method, method)) {
			if (!router_match_pattern(routes[i].pattern, path, a, m->params, &m->nparams)) {
				*m = (struct router_match){0};
				return ROUTER_NO_MEMORY;
			}
			m->route = &routes[i];
			m->allow[0] = 0;
			return ROUTER_FOUND;
		}
		mismatch = true;
		allow_add(m->allow, routes[i].method);
	}
	return mismatch ? ROUTER_METHOD_NOT_ALLOWED : ROUTER_NOT_FOUND;
}
