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

/* Figures that are a JSON document: the query's filter into f and the figures into *j (the caller's); for_funders
 * hides small counts where the figures do. Fails with r->err set. */
typedef int (*web_figures_of)(struct web_request *r, struct report_filter *f, json_t **j, bool for_funders);
/* Writes such figures as CSV, in loc's language (NULL: the machine layout). */
typedef void (*web_figures_csv_writer)(json_t *j, const struct report_locale *loc, struct buf *b);
/* The JSON route of figures: of(..., false) answered as 200. */
int web_figures_json(struct web_request *r, web_figures_of of);
/* The CSV route of figures: ?lang first, then of(..., true), written by csv and sent as the attachment
 * osaaja-FROM-TO-name. */
int web_figures_csv(struct web_request *r, web_figures_of of, web_figures_csv_writer csv, const char *name);
