/*
 * map.h - a hash table from byte strings to an int and an optional string,
 * with open addressing. Used by the speller's word cache and the site index.
 */
#ifndef RRM_MAP_H
#define RRM_MAP_H

#include <stddef.h>
#include <stdint.h>

struct rrm_map_entry {
	char *key; /* NUL-terminated copy; NULL for an empty slot */
	size_t len;
	uint32_t hash;
	int value;
	char *text; /* owned, may be NULL */
};

struct rrm_map {
	struct rrm_map_entry *v;
	size_t cap, n;
};

/* The entry for key, or NULL. */
struct rrm_map_entry *rrm_map_get(const struct rrm_map *m, const char *key, size_t len);
/* The entry for key, added (value 0, text NULL) when missing. */
struct rrm_map_entry *rrm_map_put(struct rrm_map *m, const char *key, size_t len);
void rrm_map_release(struct rrm_map *m);

#endif
