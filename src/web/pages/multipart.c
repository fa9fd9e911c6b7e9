/* multipart: multipart/form-data parser with ceilings (see multipart.h). */
#include "web/pages/multipart.h"

#include <string.h>
#include <strings.h>

#include "core/arena.h"

static const char *find(const char *h, size_t hl, const char *n, size_t nl)
{
	if (nl == 0 || hl < nl)
		return NULL;
	return memmem(h, hl, n, nl);
}

/* The value of name="..." in a Content-Disposition header line. */
static int disposition_name(struct arena *a, const char *h, size_t hl, char **out)
{
	const char *p = h;
	while ((p = find(p, hl - (size_t)(p - h), "name=\"", 6))) {
		if (p == h || p[-1] == ' ' || p[-1] == ';') {
			p += 6;
			const char *q = memchr(p, '"', hl - (size_t)(p - h));
			if (!q || q == p || (size_t)(q - p) > FORM_MAX_KEY || memchr(p, 0, (size_t)(q - p)))
				return ERR_INVALID; /* a NUL would cut the name short */
			*out = arena_strndup(a, p, (size_t)(q - p));
			return *out ? 0 : ERR_UNAVAILABLE;
		}
		p += 6;
	}
	return ERR_INVALID;
}

int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len, struct form *out,
                    struct err *e)
{
	out->f = NULL;
	out->n = 0;
	const char *bp = content_type ? strstr(content_type, "boundary=") : NULL;
	if (!bp)
		return err_set(e, ERR_INVALID, "", "the upload has no multipart boundary");
	bp += 9;
	size_t bl = strcspn(bp, "; ");
	if (bl >= 2 && bp[0] == '"' && bp[bl - 1] == '"') {
		bp++;
		bl -= 2;
	}
	if (bl == 0 || bl > 200)
		return err_set(e, ERR_INVALID, "", "the upload's multipart boundary is not valid");
	char delim[208];
	delim[0] = '-';
	delim[1] = '-';
	memcpy(delim + 2, bp, bl);
	size_t dl = bl + 2;
	out->f = arena_alloc(a, FORM_MAX_FIELDS * sizeof *out->f);
	if (!out->f)
		return err_oom(e);
	const char *end = body + len;
	const char *p = find(body, len, delim, dl);
	if (!p)
		return err_set(e, ERR_INVALID, "", "the upload is not multipart/form-data");
	for (;;) {
		p += dl;
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return err_set(e, ERR_INVALID, "", "the upload is malformed");
		p += 2;
		const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return err_set(e, ERR_INVALID, "", "the upload is malformed");
		char *name = NULL;
		const char *line = p;
		while (line < hend) {
			const char *le = find(line, (size_t)(hend - line), "\r\n", 2);
			if (!le)
				le = hend;
			if ((size_t)(le - line) > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				int rc = disposition_name(a, line, (size_t)(le - line), &name);
				if (rc)
					return err_set(e, rc, "", rc == ERR_UNAVAILABLE ? "out of memory" : "an upload part has no name");
			}
			line = le + 2;
		}
		const char *data = hend + 4;
		/* the part ends at CRLF + delimiter */
		const char *next = data;
		for (;;) {
			next = find(next, (size_t)(end - next), delim, dl);
			if (!next)
				return err_set(e, ERR_INVALID, "", "the upload is cut short");
			if (next - data >= 2 && next[-2] == '\r' && next[-1] == '\n')
				break;
			next += 1;
		}
		size_t vl = (size_t)(next - 2 - data);
		if (memchr(data, 0, vl))
			return err_set(e, ERR_INVALID, "", "the upload contains NUL bytes; it is not a text file");
		if (!name)
			return err_set(e, ERR_INVALID, "", "an upload part has no name");
		if (out->n >= FORM_MAX_FIELDS)
			return err_set(e, ERR_TOO_BIG, "", "the form has too many fields");
		char *v = arena_strndup(a, data, vl);
		if (!v)
			return err_oom(e);
		out->f[out->n].key = name;
		out->f[out->n].value = v;
		out->n++;
		p = next;
	}
}
