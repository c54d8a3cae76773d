/*
 * hugo.h - Hugo's own configuration (hugo.toml|yaml|json, config.*,
 * config/_default/ with its per-key files) read into rrm's settings, and
 * Hugo's URL model.
 */
#ifndef RRM_HUGO_H
#define RRM_HUGO_H

#include "lib/config.h"

/*
 * Reads the Hugo configuration in c->root into `c` (before rrm.yml), recording
 * each value's origin. Returns 0, or -1 with `err` filled (file, line, column).
 */
int rrm_hugo_load(struct rrm_config *c, struct rrm_config_error *err);

#endif
