/* static: GET /static/{file}: the style sheet, script and icons from web/static, with a strict name check (one path
 * segment of [A-Za-z0-9._-], no leading dot), a content type by extension, an ETag and caching headers. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "web/pages/pages.h"

enum { STATIC_MAX = 2 << 20 };

static const struct {
	const char *ext, *type;
} types[] = {
	{".css", "text/css; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".svg", "image/svg+xml"},
	{".png", "image/png"},               {".ico", "image/x-icon"},                  {".woff2", "font/woff2"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

static bool safe_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 100 || s[0] == '.')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return false;
	return true;
}

int pages_static(struct web_request *r)
{
	const char *name = r->params[0];
	const char *type = safe_name(name) ? content_type(name) : NULL;
	if (!type || !pages_static_dir()[0])
		return web_error(r, ERR_NOT_FOUND, "", "no such file");
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", pages_static_dir(), name);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return web_error(r, ERR_NOT_FOUND, "", "no such file");
	struct stat st = {0};
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > STATIC_MAX) {
		close(fd);
		return web_error(r, ERR_NOT_FOUND, "", "no such file");
	}
	char etag[64];
	snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_mtime, (unsigned long long)st.st_size);
	web_add_header(r, "ETag", etag);
	/* Revalidate after an hour; the ETag makes that a cheap 304. */
	web_add_header(r, "Cache-Control", "public, max-age=3600");
	r->content_type = type;
	const char *inm = web_header(r, "If-None-Match");
	if (inm && strcmp(inm, etag) == 0) {
		close(fd);
		r->status = 304;
		return 0;
	}
	char chunk[16384];
	ssize_t got;
	while ((got = read(fd, chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR))
		if (got > 0)
			buf_append(&r->out, chunk, (size_t)got);
	close(fd);
	if (got < 0 || r->out.failed)
		return web_error(r, ERR_INTERNAL, "", "cannot read a static file");
	r->status = 200;
	return 0;
}
