/* Unit tests of route matching (src/web/router.c) over the real route table: cases from route_cases.tsv, then edge
 * cases that do not fit a line of text (very long paths, an empty path, out of memory) on small tables of our own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "web/router.h"
#include "web/web.h"

static int handler(struct web_request *r)
{
	(void)r;
	return 0;
}

/* Splits line at tabs in place; returns the number of fields (at most max). */
static int split(char *line, char **f, int max)
{
	int n = 0;
	line[strcspn(line, "\r\n")] = 0;
	char *s = line;
	while (n < max) {
		f[n++] = s;
		char *t = strchr(s, '\t');
		if (!t)
			break;
		*t = 0;
		s = t + 1;
	}
	return n;
}

static void test_cases_file(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = web_routes(&n);
	assert_true(n > 50);
	FILE *f = fopen("tests/unit/web/route_cases.tsv", "r");
	assert_non_null(f);
	char line[2048];
	int cases = 0, failed = 0, lineno = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		char *c[6];
		if (split(line, c, 6) != 6) {
			print_error("route_cases.tsv:%d: needs 6 tab-separated fields\n", lineno);
			failed++;
			continue;
		}
		cases++;
		struct arena *a = arena_new(0);
		assert_non_null(a);
		struct router_match m = {0};
		enum router_result rc = router_find(routes, n, c[0], c[1], a, &m);
		char got[512] = "", want[512] = "";
		if (rc == ROUTER_FOUND) {
			int len = snprintf(got, sizeof got, "%s |", m.route->pattern);
			for (int i = 0; i < m.nparams && len < (int)sizeof got; i++)
				len +=
				    snprintf(got + len, sizeof got - (size_t)len, "%s%s", i ? "," : " ", m.params[i]);
			if (!m.nparams)
				snprintf(got + len, sizeof got - (size_t)len, " -");
			snprintf(want, sizeof want, "%s | %s", c[2], c[3]);
		} else if (rc == ROUTER_METHOD_NOT_ALLOWED) {
			snprintf(got, sizeof got, "405 | %s", m.allow);
			snprintf(want, sizeof want, "%s | %s", c[2], c[4]);
		} else {
			snprintf(got, sizeof got, rc == ROUTER_NOT_FOUND ? "404" : "no memory");
			snprintf(want, sizeof want, "%s", c[2]);
		}
		if (strcmp(got, want) != 0 || (rc != ROUTER_METHOD_NOT_ALLOWED && m.allow[0]) ||
		    (rc != ROUTER_FOUND && (m.route || m.nparams))) {
			print_error("route_cases.tsv:%d: %s %s (%s): got [%s], want [%s]\n", lineno, c[0], c[1], c[5],
			            got, want);
			failed++;
		}
		arena_free(a);
	}
	fclose(f);
	print_message("route cases: %d passed, %d failed\n", cases - failed, failed);
	assert_true(cases >= 50);
	assert_int_equal(failed, 0);
}

/* Every route of the table is reachable: its own path (parameters filled in) with its own method finds it, and HEAD
 * finds every GET route. A route shadowed by an earlier one would fail here. */
static void test_every_route_reachable(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = web_routes(&n);
	struct arena *a = arena_new(0);
	for (size_t i = 0; i < n; i++) {
		char path[512];
		size_t k = 0;
		int np = 0;
		for (const char *p = routes[i].pattern; *p && k + 8 < sizeof path;) {
			if (*p == '{') {
				k += (size_t)snprintf(path + k, sizeof path - k, "p%d", np++);
				p = strchr(p, '}') + 1;
			} else {
				path[k++] = *p++;
			}
		}
		path[k] = 0;
		struct router_match m = {0};
		assert_int_equal(router_find(routes, n, routes[i].method, path, a, &m), ROUTER_FOUND);
		if (m.route != &routes[i])
			fail_msg("%s %s finds %s %s first", routes[i].method, routes[i].pattern, m.route->method,
			         m.route->pattern);
		assert_int_equal(m.nparams, np);
		for (int j = 0; j < np; j++) {
			char want[16];
			snprintf(want, sizeof want, "p%d", j);
			assert_string_equal(m.params[j], want);
		}
		if (strcmp(routes[i].method, "GET") == 0) {
			assert_int_equal(router_find(routes, n, "HEAD", path, a, &m), ROUTER_FOUND);
			assert_ptr_equal(m.route, &routes[i]);
		}
	}
	arena_free(a);
}

/* Very long paths: a long parameter is copied whole; long paths of slashes or segments find nothing. */
static void test_long_paths(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = web_routes(&n);
	struct arena *a = arena_new(0);
	enum { LONG = 100000 };
	char *path = malloc(LONG + 64);
	assert_non_null(path);
	struct router_match m = {0};

	int k = snprintf(path, 64, "/api/v1/clients/");
	memset(path + k, '7', LONG);
	path[k + LONG] = 0;
	assert_int_equal(router_find(routes, n, "GET", path, a, &m), ROUTER_FOUND);
	assert_string_equal(m.route->pattern, "/api/v1/{entity}/{id}");
	assert_int_equal(m.nparams, 2);
	assert_int_equal(strlen(m.params[1]), LONG);

	memset(path, '/', LONG);
	path[LONG] = 0;
	assert_int_equal(router_find(routes, n, "GET", path, a, &m), ROUTER_NOT_FOUND);

	for (int i = 0; i < LONG; i += 2)
		memcpy(path + i, "/a", 2);
	path[LONG] = 0;
	assert_int_equal(router_find(routes, n, "GET", path, a, &m), ROUTER_NOT_FOUND);

	/* a long method name: 405 with the usual list */
	memset(path, 'X', 4096);
	path[4096] = 0;
	assert_int_equal(router_find(routes, n, path, "/api/v1/clients", a, &m), ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(m.allow, "GET, POST");
	free(path);
	arena_free(a);
}

static void test_empty_path(void **state)
{
	(void)state;
	size_t n;
	const struct route *routes = web_routes(&n);
	struct arena *a = arena_new(0);
	struct router_match m = {0};
	assert_int_equal(router_find(routes, n, "GET", "", a, &m), ROUTER_NOT_FOUND);
	assert_int_equal(router_find(routes, n, "", "/login", a, &m), ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(m.allow, "GET, POST");
	assert_int_equal(router_find(routes, 0, "GET", "/", a, &m), ROUTER_NOT_FOUND);
	arena_free(a);
}

/* Rules of the pattern language that the real table does not exercise. */
static void test_patterns(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	const char *p[ROUTER_MAX_PARAMS] = {0};
	int np = -1;
	assert_true(router_match_pattern("/{a}/{b}/{c}/{d}", "/1/2/3/4", a, p, &np));
	assert_int_equal(np, 4);
	assert_string_equal(p[3], "4");
	/* a fifth parameter never matches */
	assert_false(router_match_pattern("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", a, p, &np));
	/* an unterminated brace never matches */
	assert_false(router_match_pattern("/x/{id", "/x/1", a, p, &np));
	/* a parameter takes its whole segment: a literal after it in the same segment can never match */
	assert_false(router_match_pattern("/f/{name}.csv", "/f/a.csv", a, p, &np));
	assert_true(router_match_pattern("/f/{name}/x", "/f/a.b/x", a, p, &np));
	assert_string_equal(p[0], "a.b");
	/* matching without copies */
	assert_true(router_match_pattern("/{a}", "/z", NULL, NULL, NULL));
	assert_false(router_match_pattern("/{a}", "/", NULL, NULL, NULL));
	arena_free(a);
}

static const struct route small[] = {
    {"GET", "/t/{id}", handler, NULL, 0, 0, "read"},
    {"GETX", "/t/{id}", handler, NULL, 0, 0, "a method whose name contains another"},
    {"GET", "/t/{id}", handler, NULL, 0, 0, "a repeat"},
    {"POST", "/t/{id}", handler, NULL, 0, 0, "write"},
    {"GE", "/t/{id}", handler, NULL, 0, 0, "a method that is a prefix of another"},
};

/* The Allow list names each method once, whole names compared, in table order. */
static void test_allow_list(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	struct router_match m = {0};
	assert_int_equal(router_find(small, 5, "DELETE", "/t/1", a, &m), ROUTER_METHOD_NOT_ALLOWED);
	assert_string_equal(m.allow, "GET, GETX, POST, GE");
	assert_null(m.route);
	assert_int_equal(router_find(small, 5, "GE", "/t/1", a, &m), ROUTER_FOUND);
	assert_ptr_equal(m.route, &small[4]);
	assert_string_equal(m.allow, "");
	arena_free(a);
}

/* Out of memory copying a parameter: the request fails, it does not go on with a NULL parameter. */
static void test_no_memory(void **state)
{
	(void)state;
	struct arena *a = arena_new(64);
	assert_non_null(a);
	struct router_match m = {0};
	char path[256];
	memset(path, 'x', sizeof path);
	memcpy(path, "/t/", 3);
	path[sizeof path - 1] = 0;
	assert_int_equal(router_find(small, 5, "GET", path, a, &m), ROUTER_NO_MEMORY);
	assert_null(m.route);
	assert_int_equal(m.nparams, 0);
	/* a route that does not match allocates nothing */
	size_t used = arena_used(a);
	assert_int_equal(router_find(small, 5, "GET", "/u/1", a, &m), ROUTER_NOT_FOUND);
	assert_int_equal(arena_used(a), used);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases_file), cmocka_unit_test(test_every_route_reachable),
	    cmocka_unit_test(test_long_paths), cmocka_unit_test(test_empty_path),
	    cmocka_unit_test(test_patterns),   cmocka_unit_test(test_allow_list),
	    cmocka_unit_test(test_no_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
