#include "lib/map.h"

#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* The table's hash: the low half of the fast one. */
static uint32_t hash_bytes(const char *s, size_t n)
{
	return (uint32_t)rrm_hash64(0, s, n);
}

static struct rrm_map_entry *find(const struct rrm_map *m, const char *key, size_t len, uint32_t h)
{
	if (!m->cap)
		return NULL;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct rrm_map_entry *e = &m->v[i];
		if (!e->key)
			return NULL;
		if (e->hash == h && e->len == len && !memcmp(e->key, key, len))
			return e;
	}
}

struct rrm_map_entry *rrm_map_get(const struct rrm_map *m, const char *key, size_t len)
{
	return find(m, key, len, hash_bytes(key, len));
}

struct rrm_map_entry *rrm_map_put(struct rrm_map *m, const char *key, size_t len)
{
	uint32_t h = hash_bytes(key, len);
	struct rrm_map_entry *e = find(m, key, len, h);
	if (e)
		return e;
	if ((m->n + 1) * 4 > m->cap * 3) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		struct rrm_map_entry *v = rrm_calloc(cap, sizeof *v);
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->v[i].key)
				continue;
			size_t k = m->v[i].hash & (cap - 1);
			while (v[k].key)
				k = (k + 1) & (cap - 1);
			v[k] = m->v[i];
		}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	size_t i = h & (m->cap - 1);
	while (m->v[i].key)
		i = (i + 1) & (m->cap - 1);
	e = &m->v[i];
	e->key = rrm_strndup(key, len);
	e->len = len;
	e->hash = h;
	e->value = 0;
	e->text = NULL;
	m->n++;
	return e;
}

void rrm_map_release(struct rrm_map *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->v[i].key);
		free(m->v[i].text);
	}
	free(m->v);
	memset(m, 0, sizeof *m);
}
