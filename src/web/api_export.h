/* api_export: what the routes that answer a figures' file share (defined in src/web/api_reports.c; the employer
 * needs' CSV uses them too): the reader's language of the file and the CSV attachment. */
#pragma once
#include "report/report.h"
#include "web/pages/pages.h"
#include "web/web.h"

/* ?lang=fi|sv|en: the export for a person reading that language (headers and values named in it; for fi and sv the
 * separator and decimal mark of a Finnish-locale Excel). Without lang: the machine layout. */
struct web_export_lang {
	enum page_lang lang;
	struct report_locale loc;
	const struct report_locale *use; /* &loc, or NULL */
};
/* x from the query's ?lang; a 400 naming lang when it is another value. x must outlive the export. */
int web_export_lang_of(struct web_request *r, struct web_export_lang *x);
/* r->out holds a CSV file: sends it as the attachment osaaja-FROM-TO-name unless it hit the output ceiling. */
int web_csv_attachment(struct web_request *r, const char *name, const struct report_filter *f);
