/*
 * scan.h - the source scan of an article's body: what cmark does not report
 * or cannot see. Template code (Hugo shortcodes, Liquid tags, kramdown
 * extensions) that is hidden from cmark; reference definitions, template
 * links ({{< ref >}}, {% link %}) and links whose destination is template
 * code; links and ids in raw HTML; kramdown's attribute lists; inline
 * control comments. Every scan is linear in the size of the body.
 */
#ifndef RRM_SCAN_H
#define RRM_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/article.h"

/*
 * A set of byte ranges [begin, end): added in any order, then sealed (sorted,
 * overlaps merged), then asked through a cursor, which makes a walk of
 * increasing offsets linear (a step back costs a binary search).
 */
struct rrm_range {
	size_t begin, end;
};
struct rrm_ranges {
	struct rrm_range *v;
	size_t n, cap;
};
void rrm_ranges_add(struct rrm_ranges *r, size_t begin, size_t end);
void rrm_ranges_seal(struct rrm_ranges *r);
/* Whether `off` is in a range of the sealed set; zero-initialise the cursor. */
bool rrm_ranges_has(const struct rrm_ranges *r, size_t *cursor, size_t off);
void rrm_ranges_release(struct rrm_ranges *r);

/*
 * Template code. Hugo runs its shortcodes and Jekyll its Liquid tags before
 * the Markdown is rendered, in code blocks too. What they leave is read here:
 * Liquid {% comment %} and {% highlight %} blocks, kramdown's {::comment}
 * and the paired Hugo shortcodes that hold code ({{< highlight >}}, the site's
 * code_shortcodes) are code or nothing: no prose, no links, no headings
 * ("hidden"). {% raw %} ... {% endraw %} is Markdown that Jekyll renders, but
 * with no Liquid in it ("raw").
 */
struct rrm_shortcode {
	size_t begin, end; /* the tag: "{{<" ... ">}}" */
	size_t nb, ne;     /* its name */
	bool percent, closing, self_closing;
	long pair; /* the index of its closing (or opening) tag, or -1 */
};

struct rrm_regions {
	struct rrm_ranges hidden, raw; /* sealed */
	struct rrm_shortcode *sc;      /* in source order */
	size_t n_sc, cap_sc;
};
void rrm_scan_regions(const struct rrm_article *a, const struct rrm_render *opt,
		      struct rrm_regions *r);
void rrm_regions_release(struct rrm_regions *r);

/* The text cmark reads: the source with the front matter and hidden template code blanked. */
char *rrm_scan_cmark_text(const struct rrm_article *a, const struct rrm_regions *r);

/* Whether [b, e) holds a shortcode that Hugo runs. */
bool rrm_scan_has_shortcode(const struct rrm_article *a, size_t b, size_t e);

/*
 * Sets a->shortcode_content and a->includes from the shortcodes outside
 * code and headings (sealed sets).
 */
void rrm_scan_classify_shortcodes(struct rrm_article *a, const struct rrm_regions *r,
				  const struct rrm_ranges *code, const struct rrm_ranges *heads);

/* kramdown's inline attribute lists: "{: #id .class}" alone on a line, "*x*{:#id}" after a span. */
struct rrm_ial {
	size_t begin, end;
	int line;
	bool block;
	char *id; /* or NULL */
};
struct rrm_ials {
	struct rrm_ial *v;
	size_t n, cap;
};
/* The IALs of the body, outside `code` (sealed) and hidden template code. */
void rrm_scan_ials(const struct rrm_article *a, const struct rrm_ranges *code,
		   const struct rrm_regions *rg, struct rrm_ials *out);
/* Hides them from cmark in `copy` (see rrm_scan_cmark_text). */
void rrm_ials_blank(const struct rrm_ials *v, char *copy);
/* Gives their ids to the headings read (an IAL's id is taken) or adds them as ids. */
void rrm_ials_apply(struct rrm_article *a, struct rrm_ials *v);
void rrm_ials_release(struct rrm_ials *v);

/*
 * Links (<a href>, <img src>) and ids (id=, <a name>) of the raw HTML
 * literal `lit`, whose first line is at source offset `base`. `text` is what
 * cmark read (see rrm_scan_cmark_text), or a->source.
 */
void rrm_scan_html(struct rrm_article *a, const char *text, const char *lit, size_t base);
/* The control comments (<!-- rrm-disable ... -->) of an HTML literal starting on `line`. */
void rrm_scan_directives(struct rrm_article *a, const char *lit, int line);
/* Reference definitions and template links, outside `code` and `raw` (sealed). */
void rrm_scan_source_links(struct rrm_article *a, const struct rrm_ranges *code,
			   const struct rrm_ranges *raw);

#endif
