/* Unit tests of the HTML writer's escaping and the urlencoded form parser (src/web/html.c, src/web/pages/form.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "web/html.h"
#include "web/pages/form.h"

static void expect_out(struct buf *b, const char *want)
{
	assert_false(b->failed);
	assert_string_equal(b->data ? b->data : "", want);
	b->len = 0;
	if (b->data)
		b->data[0] = 0;
}

static void test_txt(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 0);
	html_txt(&b, "<script>alert('x') & \"y\"</script>");
	expect_out(&b, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
	html_txt(&b, "Äiti ja lapsi – ok\n");
	expect_out(&b, "Äiti ja lapsi – ok\n");
	html_txt(&b, NULL);
	html_txt(&b, "a\x01" "b\x7f" "c");
	expect_out(&b, "abc");
	buf_free(&b);
}

static void test_attr(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 0);
	html_attr(&b, "\" onmouseover=`x`");
	expect_out(&b, "&quot; onmouseover&#61;&#96;x&#96;");
	html_url(&b, "a b&c=d/é");
	expect_out(&b, "a%20b%26c%3Dd%2F%C3%A9");
	buf_free(&b);
}

static void test_printf(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 0);
	html_printf(&b, "<a href=\"/c/%lld\" title=\"%s\">%s</a> %d%% %zu %.2f %5d|%-3s|", 42LL, "\"><img>", "<b>", 7,
	            (size_t)3, 1.5, 12, "x");
	expect_out(&b, "<a href=\"/c/42\" title=\"&quot;&gt;&lt;img&gt;\">&lt;b&gt;</a> 7% 3 1.50    12|x|");
	const char *volatile none = NULL; /* a NULL %s writes nothing */
	html_printf(&b, "%.3s|%.*s|%s", "abcdef", 2, "<<<<", none);
	expect_out(&b, "abc|&lt;&lt;|");
	html_printf(&b, "%c%ld%u%x", '<', -5L, 9u, 255u);
	expect_out(&b, "&lt;-59ff");
	html_raw_trusted(&b, "<p>");
	expect_out(&b, "<p>");
	buf_free(&b);
}

static void test_ceiling(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 16);
	html_txt(&b, "&&&&&&&&&&&&&&&&&&&&");
	assert_true(b.failed);
	buf_free(&b);
}

static void test_form(void **state)
{
	(void)state;
	struct arena *a = arena_new(0);
	struct form f = {0};
	struct err e = {0};
	const char *body = "csrf=ab12&first_name=Amina+Hassan&note=%3Cb%3E%20%C3%A4&empty=&flag&tg=a&tg=b&&";
	assert_int_equal(form_parse(a, body, strlen(body), &f, &e), 0);
	assert_string_equal(form_get(&f, "first_name"), "Amina Hassan");
	assert_string_equal(form_get(&f, "note"), "<b> ä");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_null(form_get(&f, "missing"));
	const char *v[4];
	assert_int_equal(form_get_all(&f, "tg", v, 4), 2);
	assert_string_equal(v[1], "b");
	assert_int_equal(form_parse(a, "", 0, &f, &e), 0);
	assert_int_equal(f.n, 0);
	/* malformed: bad escapes, NUL bytes, a field without a name */
	static const char *const bad[] = {"a=%", "a=%4", "a=%zz", "a=%00", "=x", "%00=1", "a%=1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(form_parse(a, bad[i], strlen(bad[i]), &f, &e), ERR_INVALID);
	/* ceilings: too many fields, a too long value */
	struct buf many = {0};
	buf_init(&many, 0);
	for (int i = 0; i < FORM_MAX_FIELDS + 1; i++)
		buf_puts(&many, "a=1&");
	assert_int_equal(form_parse(a, many.data, many.len, &f, &e), ERR_TOO_BIG);
	many.len = 0;
	buf_puts(&many, "a=");
	for (int i = 0; i < FORM_MAX_VALUE + 1; i++)
		buf_puts(&many, "x");
	assert_int_equal(form_parse(a, many.data, many.len, &f, &e), ERR_TOO_BIG);
	buf_free(&many);
	/* not NUL-terminated input: the length is honoured */
	char raw[] = {'k', '=', 'v', 'X'};
	assert_int_equal(form_parse(a, raw, 3, &f, &e), 0);
	assert_string_equal(form_get(&f, "k"), "v");
	arena_free(a);
}

static void test_attr_if(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_init(&b, 0);
	html_attr_if(&b, true, "aria-invalid", "true");
	html_attr_if(&b, false, "aria-current", "true");
	html_attr_if(&b, true, "checked", NULL);
	html_attr_if(&b, true, "title", "a \"b\" <c>");
	expect_out(&b, " aria-invalid=\"true\" checked title=\"a &quot;b&quot; &lt;c&gt;\"");
	html_attr_if(&b, true, "bad name", "x");
	assert_true(b.failed);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_txt),     cmocka_unit_test(test_attr), cmocka_unit_test(test_printf),
		cmocka_unit_test(test_ceiling), cmocka_unit_test(test_form),   cmocka_unit_test(test_attr_if),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
