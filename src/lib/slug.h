/*
 * slug.h - the slug of a title, as `rrm new` makes it: ASCII through
 * Unicode decomposition (Émigrés -> emigres), lower case, apostrophes dropped
 * (Iran’s -> irans), every other run of non-alphanumerics one hyphen, cut at
 * a word boundary.
 */
#ifndef RRM_SLUG_H
#define RRM_SLUG_H

#include <stddef.h>

/*
 * The slug of `title`, at most `max` bytes (cut at a hyphen when it can be),
 * as a new string; "" when the title has no letter or digit rrm can spell in
 * ASCII (an Arabic- or Chinese-only title, say).
 */
char *rrm_slugify(const char *title, size_t max);

#endif
