/*
 * cache.h - what `rrm lint --cache DIR` keeps between runs, in one file,
 * DIR/lint.cache, written atomically at the end of a run:
 *
 *  - per article: what the site index needs (URL, draft state, aliases,
 *    anchors, links, rrm-disable comments) and, when it was linted, its
 *    findings from the front-matter, spelling and duplicate-id rules, with
 *    the file's signature on disk (device, inode, size, modification and
 *    change times to the nanosecond, as git's index keeps them) and a hash of
 *    its contents (to match a staged blob);
 *  - the speller's verdict on every word looked up, and the suggestions
 *    found for unknown words.
 *
 * The whole file belongs to one key: a hash of rrm's version, rrm.yml, the
 * dictionaries (files, house words, reject list), the rules in force and the
 * run's mode. A different key, a damaged file (checked by a hash of the whole
 * file) or a newer format makes an empty cache: a cache can cost a run its
 * speed, never its correctness. Link findings are never cached: they are
 * always computed against the current index.
 */
#ifndef RRM_CACHE_H
#define RRM_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "lib/map.h"
#include "lib/util.h"
#include "lint/lint.h"

/* What linting (or indexing) one file gives, merged in file order by run.c. */
struct rrm_file_result {
	char *file; /* relative to the site root */
	size_t checked;
	bool has_url;
	struct rrm_url_entry url;
	struct rrm_page_meta meta;
	char **anchors;
	size_t n_anchors;
	bool open_ids;
	bool lazy_ids; /* anchors and open_ids not read: the site reads them when asked */
	bool parsed;   /* its body was parsed */
	struct rrm_sink sink;
	bool has_linted;
	struct rrm_linted linted;
	bool cached;           /* taken from the cache */
	struct rrm_buf record; /* this file's entry for the next cache, or empty */
};

/* A file's signature on disk; two equal signatures mean unchanged contents. */
struct rrm_file_sig {
	int64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
};
void rrm_file_sig_of(const struct stat *st, struct rrm_file_sig *sig);
/*
 * True when the file changed too recently (within 2 seconds of `run_start`,
 * a CLOCK_REALTIME second count) for its signature to prove that a later
 * change in the same clock tick would show: such a file is not cached.
 */
bool rrm_file_sig_racy(const struct rrm_file_sig *sig, double run_start);

/* A hash of an article's contents (after its byte order mark, which `bom` says it had). */
uint64_t rrm_cache_content_hash(const char *p, size_t n, bool bom);

struct rrm_cache;

/*
 * Loads DIR/lint.cache when it was written with `key`; otherwise (missing,
 * other key, damaged) the cache is empty. Never fails.
 */
struct rrm_cache *rrm_cache_open(const char *dir, uint64_t key);
void rrm_cache_free(struct rrm_cache *c);
/* Entries, words and suggestions loaded (for --stats). */
size_t rrm_cache_size(const struct rrm_cache *c);

/* What a lookup needs from the cached entry of a file. */
enum { RRM_CACHE_FINDINGS = 1, RRM_CACHE_LINKS = 2 };

/*
 * The cached entry of `file` (relative to the root), when its signature
 * equals `sig` (a file on disk) or, with `sig` NULL, its content hash equals
 * `hash` (a staged blob), and it holds what `need` asks for. Fills `r` (file,
 * URL entry with `display`, meta, anchors, open_ids, findings at `display`,
 * links) and copies the entry into r->record. Safe to call from several
 * threads at once.
 */
bool rrm_cache_get(const struct rrm_cache *c, const char *file, const struct rrm_file_sig *sig,
		   uint64_t hash, unsigned need, const char *display, struct rrm_file_result *r);

/*
 * Encodes `r` as the entry of r->file into r->record. `findings`: its sink
 * holds every finding of the file's own rules (it was linted).
 */
void rrm_cache_record(const struct rrm_file_sig *sig, uint64_t hash, bool findings,
		      struct rrm_file_result *r);

/* The verdicts (word -> 1 known, 2 unknown) and suggestions of the earlier run. */
const struct rrm_map *rrm_cache_verdicts(const struct rrm_cache *c);
const struct rrm_map *rrm_cache_suggestions(const struct rrm_cache *c);

/*
 * Writes DIR/lint.cache (creating DIR): the entries `records` (n of them, in
 * order), the union of the verdicts `verdicts` (n_verdicts maps) and the
 * suggestions `suggestions`; with `keep_words`, also the earlier run's
 * verdicts and suggestions (a run that saw only some articles). Returns 0 or
 * an errno value.
 */
int rrm_cache_save(const struct rrm_cache *c, const char *dir, uint64_t key,
		   const struct rrm_buf *const *records, size_t n,
		   const struct rrm_map *const *verdicts, size_t n_verdicts,
		   const struct rrm_map *suggestions, bool keep_words);

#endif
