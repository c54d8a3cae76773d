/*
 * template.h - an article template: {{title}}, {{date}}, {{slug}} and
 * {{author}} filled in. In the front matter a value becomes a YAML scalar
 * (quoted by rrm_yaml_quote, so a title with ':' or '"' stays valid YAML);
 * in the body it is written as it is.
 */
#ifndef RRM_TEMPLATE_H
#define RRM_TEMPLATE_H

struct rrm_template_vars {
	const char *title, *date, *slug, *author;
};

/* The template filled in (a new string). */
char *rrm_template_expand(const char *text, const struct rrm_template_vars *v);

#endif
