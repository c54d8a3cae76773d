#include "lib/jekyll.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/util.h"

int rrm_jekyll_load(struct rrm_config *c, struct rrm_config_error *err)
{
	(void)err;
	static const char *const names[] = {"_config.yml", "_config.yaml"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *f = rrm_path_join(c->root, names[i]);
		struct stat st;
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode))
			rrm_strlist_add(&c->generator_files, names[i]);
		free(f);
	}
	/* Jekyll renders pages from the whole site, with kramdown's heading ids. */
	free(c->content_dir);
	c->content_dir = rrm_strdup(".");
	c->anchors = RRM_ANCHORS_KRAMDOWN;
	c->lowercase_urls = 0;
	return 0;
}
