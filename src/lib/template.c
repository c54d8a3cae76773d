#include "lib/template.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lib/yaml.h"

static const char *lookup(const struct rrm_template_vars *v, const char *name, size_t n,
			  bool *quote)
{
	*quote = true;
	if (n == 5 && !strncmp(name, "title", 5))
		return v->title;
	if (n == 6 && !strncmp(name, "author", 6))
		return v->author;
	*quote = false; /* dates and slugs are plain scalars */
	if (n == 4 && !strncmp(name, "date", 4))
		return v->date;
	if (n == 4 && !strncmp(name, "slug", 4))
		return v->slug;
	return NULL;
}

/* The end of the front matter: the offset after its closing line, or 0. */
static size_t front_matter_end(const char *t)
{
	if (strncmp(t, "---", 3) || (t[3] != '\n' && t[3] != '\r'))
		return 0;
	for (const char *p = strchr(t, '\n'); p; p = strchr(p + 1, '\n'))
		if (!strncmp(p + 1, "---", 3) || !strncmp(p + 1, "...", 3))
			return (size_t)(p + 1 - t) + 3;
	return 0;
}

char *rrm_template_expand(const char *text, const struct rrm_template_vars *v)
{
	size_t fm_end = front_matter_end(text);
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (size_t i = 0; text[i];) {
		bool in_fm = i < fm_end;
		/* "{{name}}" or '{{name}}' in front matter: the quotes are replaced too */
		size_t q = (in_fm && (text[i] == '"' || text[i] == '\'') && text[i + 1] == '{' &&
			    text[i + 2] == '{')
				   ? 1
				   : 0;
		if (text[i + q] == '{' && text[i + q + 1] == '{') {
			const char *name = text + i + q + 2;
			while (*name == ' ')
				name++;
			size_t n = 0;
			while (name[n] >= 'a' && name[n] <= 'z')
				n++;
			const char *e = name + n;
			while (*e == ' ')
				e++;
			bool quote;
			const char *val =
				e[0] == '}' && e[1] == '}' ? lookup(v, name, n, &quote) : NULL;
			size_t after = (size_t)(e + 2 - text);
			if (val && q && text[after] != text[i])
				val = NULL; /* an opening quote without its closing one */
			if (val) {
				if (in_fm && quote) {
					char *y = rrm_yaml_quote(val);
					rrm_buf_adds(&b, y);
					free(y);
				} else {
					rrm_buf_adds(&b, val);
				}
				i = after + q;
				continue;
			}
		}
		rrm_buf_addc(&b, text[i++]);
	}
	return rrm_buf_detach(&b);
}
