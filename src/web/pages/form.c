/* form: application/x-www-form-urlencoded parser with ceilings (see form.h). */
#include "web/pages/form.h"

#include <string.h>

#include "core/arena.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; -1 on a bad escape or a NUL byte. */
static int decode(struct arena *a, const char *s, size_t n, char **out)
{
	char *d = arena_alloc(a, n + 1);
	if (!d)
		return ERR_UNAVAILABLE;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return ERR_INVALID;
			int h = hexval(s[i + 1]), l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				return ERR_INVALID;
			c = (char)(h * 16 + l);
			i += 2;
		}
		if (c == 0)
			return ERR_INVALID;
		d[k++] = c;
	}
	d[k] = 0;
	*out = d;
	return 0;
}

int form_parse(struct arena *a, const char *body, size_t len, struct form *out, struct err *e)
{
	out->f = NULL;
	out->n = 0;
	if (!body || !len)
		return 0;
	size_t cap = 0; /* non-empty segments: empty ones ("a=1&", "&&") are no fields and do not count */
	for (size_t i = 0; i < len; i++)
		if (body[i] != '&' && (i == 0 || body[i - 1] == '&'))
			cap++;
	if (!cap)
		return 0;
	if (cap > FORM_MAX_FIELDS)
		return err_set(e, ERR_TOO_BIG, "", "the form has too many fields");
	out->f = arena_alloc(a, cap * sizeof *out->f);
	if (!out->f)
		return err_oom(e);
	size_t i = 0;
	while (i < len) {
		size_t j = i;
		while (j < len && body[j] != '&')
			j++;
		if (j > i) {
			const char *eq = memchr(body + i, '=', j - i);
			size_t kl = eq ? (size_t)(eq - (body + i)) : j - i;
			size_t vl = eq ? (size_t)(body + j - eq - 1) : 0;
			if (kl == 0 || kl > FORM_MAX_KEY * 3)
				return err_set(e, ERR_INVALID, "", "the form has a field without a valid name");
			if (vl > FORM_MAX_VALUE * 3)
				return err_set(e, ERR_TOO_BIG, "", "a form field is too long");
			char *k, *v = NULL;
			int rc = decode(a, body + i, kl, &k);
			if (!rc)
				rc = eq ? decode(a, eq + 1, vl, &v) : decode(a, "", 0, &v);
			if (rc == ERR_UNAVAILABLE)
				return err_set(e, rc, "", "out of memory");
			if (rc)
				return err_set(e, ERR_INVALID, "", "the form data is malformed");
			if (strlen(k) > FORM_MAX_KEY)
				return err_set(e, ERR_INVALID, "", "the form has a field without a valid name");
			if (strlen(v) > FORM_MAX_VALUE)
				return err_set(e, ERR_TOO_BIG, "", "a form field is too long");
			out->f[out->n].key = k;
			out->f[out->n].value = v;
			out->n++;
		}
		i = j + 1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *key)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->f[i].key, key) == 0)
			return f->f[i].value;
	return NULL;
}

size_t form_get_all(const struct form *f, const char *key, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->f[i].key, key) == 0) {
			if (n < max)
				out[n] = f->f[i].value;
			n++;
		}
	return n;
}
