#include "lib/hugo.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/util.h"

int rrm_hugo_load(struct rrm_config *c, struct rrm_config_error *err)
{
	(void)err;
	static const char *const names[] = {"hugo.toml",   "hugo.yaml",  "hugo.yml",
					    "hugo.json",   "config.toml", "config.yaml",
					    "config.yml",  "config.json"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *f = rrm_path_join(c->root, names[i]);
		struct stat st;
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode))
			rrm_strlist_add(&c->generator_files, names[i]);
		free(f);
	}
	c->anchors = RRM_ANCHORS_HUGO;
	rrm_config_set_origin(c, "anchors", NULL, 0, 0);
	return 0;
}
