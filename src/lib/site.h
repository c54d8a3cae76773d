/*
 * site.h - where articles are published: the URL of an article computed
 * from rrm.yml's permalink rules and its front matter, as Hugo and Jekyll do.
 * (The whole-site index of URLs, ids and files grows here with link checks.)
 */
#ifndef RRM_SITE_H
#define RRM_SITE_H

#include "lib/config.h"
#include "lib/yaml.h"

/*
 * The URL path of an article. `rel` is the file's path relative to
 * content_dir, `fm` its front-matter root (a MAP, or NULL). Returns a new
 * string starting with '/'.
 */
char *rrm_site_url(const struct rrm_config *c, const char *rel, const struct rrm_node *fm);

/* The permalink pattern that applies to a file in `section` ("" for none). */
const char *rrm_site_pattern(const struct rrm_config *c, const char *section);

#endif
