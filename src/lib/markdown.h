/*
 * markdown.h - the Markdown reader of an article's body: the only owner of
 * cmark. It reads the body as the site's generator renders it (template code
 * and kramdown attribute lists hidden from cmark, see scan.h) and fills the
 * article's headings, links, ids, prose runs and control comments.
 */
#ifndef RRM_MARKDOWN_H
#define RRM_MARKDOWN_H

#include <stdbool.h>

#include "lib/article.h"

/* Reads a->source from a->body_begin on; with `prose`, also the prose runs. */
void rrm_markdown_read(struct rrm_article *a, bool prose, const struct rrm_render *r);

#endif
