/*
 * jekyll.h - Jekyll's own configuration (_config.yml) read into rrm's
 * settings, and Jekyll's URL model.
 */
#ifndef RRM_JEKYLL_H
#define RRM_JEKYLL_H

#include "lib/config.h"

/*
 * Reads the Jekyll configuration in c->root into `c` (before rrm.yml),
 * recording each value's origin. Returns 0, or -1 with `err` filled.
 */
int rrm_jekyll_load(struct rrm_config *c, struct rrm_config_error *err);

#endif
