/* Unit tests for log: a value cannot forge a log line (CR, LF and control bytes escaped) nor end a quoted field
 * (issue 19 item 10). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/log.h"

static void test_quote(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(log_quote(out, sizeof out, "/s/a\nb\r\"c\\d\x01"), "/s/a\\nb\\r\\\"c\\\\d\\x01");
	assert_string_equal(log_quote(out, sizeof out, NULL), "");
	char small[6];
	assert_string_equal(log_quote(small, sizeof small, "ab\ncd"), "ab\\nc"); /* cut, never half an escape */
	assert_string_equal(log_quote(small, sizeof small, "abcd\ne"), "abcd");
}

static void test_one_line(void **state)
{
	(void)state;
	char path[] = "/tmp/osaaja-test-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	int saved = dup(STDERR_FILENO);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	log_info("event=test path=%s", "/nope\nevent=forged\r\x1b[31m");
	dup2(saved, STDERR_FILENO);
	close(saved);
	char buf[512] = {0};
	assert_true(lseek(fd, 0, SEEK_SET) == 0);
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	unlink(path);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "path=/nope\\nevent=forged\\r\\x1b[31m\n"));
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1); /* one line */
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_quote), cmocka_unit_test(test_one_line)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
