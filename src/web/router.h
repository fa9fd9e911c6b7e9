/* router: finds the route of a request in a static route table (struct route, web/web.h). It promises:
 * - a pattern matches a path exactly, byte by byte, except that "{name}" matches one non-empty path segment (no '/');
 *   nothing is decoded, so the path is matched as given (the HTTP server has already percent-decoded it);
 * - at most ROUTER_MAX_PARAMS parameters; a pattern with more never matches;
 * - the first route in table order that matches both path and method wins (the table lists specific routes before
 *   generic ones); HEAD is answered by a GET route;
 * - when routes match the path but none the method, the answer is ROUTER_METHOD_NOT_ALLOWED with their methods,
 *   in table order and without repeats, in allow ("GET, POST"); when no route matches the path, ROUTER_NOT_FOUND.
 *
 * Ownership: the route pointer points into the table; parameter copies are allocated in the arena given and live as
 * long as it. Nothing is allocated for a route that does not match. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct arena;
struct route;

enum { ROUTER_MAX_PARAMS = 4, ROUTER_ALLOW_MAX = 64 };

enum router_result {
	ROUTER_FOUND = 0,
	ROUTER_NOT_FOUND,          /* 404 */
	ROUTER_METHOD_NOT_ALLOWED, /* 405, with allow */
	ROUTER_NO_MEMORY,          /* a parameter could not be copied (the request fails) */
};

struct router_match {
	const struct route *route;             /* NULL unless ROUTER_FOUND */
	const char *params[ROUTER_MAX_PARAMS]; /* path parameters in pattern order (arena copies) */
	int nparams;
	char allow[ROUTER_ALLOW_MAX]; /* ROUTER_METHOD_NOT_ALLOWED: "GET, PATCH"; else "" */
};

/* Whether path matches pattern; when it does and params is not NULL, copies the parameters into a and sets
 * *nparams (params must hold ROUTER_MAX_PARAMS). Returns false also when a copy fails (out of memory). */
bool router_match_pattern(const char *pattern, const char *path, struct arena *a, const char **params, int *nparams);

/* Finds the route for method and path in routes[0..n) and fills m (always: zeroed first). */
enum router_result router_find(const struct route *routes, size_t n, const char *method, const char *path,
                               struct arena *a, struct router_match *m);
