/*
 * Unit tests: the --cache file. An entry comes back as it went in; a lookup
 * with another signature, hash, key or need misses; and no damaged file or
 * entry (every truncation, every byte flipped) crashes, leaks or returns a
 * wrong hit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/file.h"
#include "lib/util.h"
#include "lint/cache.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/rrm-test-cache-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
	(void)state;
	char *f = rrm_path_join(dir, "lint.cache");
	unlink(f);
	free(f);
	rmdir(dir);
	return 0;
}

static const struct rrm_file_sig SIG = {1, 2, 300, 1700000000, 5, 1700000001, 6};

/* A result with something in every field. */
static void sample(struct rrm_file_result *r)
{
	memset(r, 0, sizeof *r);
	rrm_sink_init(&r->sink);
	r->file = rrm_strdup("content/posts/a.md");
	r->has_url = true;
	r->url = (struct rrm_url_entry){
		rrm_strdup("/posts/a/"), rrm_strdup("shown.md"), 3, 1, 3, 9, 20,
		.from_key = true,        .report = true};
	r->url.n_aliases = 1;
	r->url.aliases = calloc(1, sizeof *r->url.aliases);
	r->url.aliases[0] = (struct rrm_url_alias){rrm_strdup("/older/a.html"), 5, 5, 5, 15, 44};
	r->meta.draft = true;
	r->meta.redirect = true;
	r->meta.n_aliases = 2;
	r->meta.aliases = calloc(3, sizeof(char *));
	r->meta.alias_root = calloc(3, sizeof(bool));
	r->meta.aliases[0] = rrm_strdup("/old/a/");
	r->meta.aliases[1] = rrm_strdup("/older/a");
	r->meta.alias_root[1] = true;
	r->n_anchors = 2;
	r->anchors = calloc(3, sizeof(char *));
	r->anchors[0] = rrm_strdup("background");
	r->anchors[1] = rrm_strdup("talks-in-muscat");
	r->open_ids = true;
	struct rrm_finding *f = rrm_sink_add(&r->sink, RRM_RULE_SPELLING_UNKNOWN, "shown.md", 8, 3,
					     8, 10, 77, "unknown word '%s'", "Araghchy");
	f->subject = rrm_strdup("Araghchy");
	f = rrm_sink_add(&r->sink, RRM_RULE_FM_ALLOWED, "shown.md", 4, 7, 4, 12, 40, "not allowed");
	rrm_finding_suggest(f, "news");
	rrm_finding_suggest(f, "opinion");
	r->has_linted = true;
	r->linted.n_links = 2;
	r->linted.links = calloc(3, sizeof *r->linted.links);
	r->linted.links[0] =
		(struct rrm_link){RRM_LINK_LINK, rrm_strdup("/posts/b/#x"), 9, 4, 90, 11, false};
	r->linted.links[1] =
		(struct rrm_link){RRM_LINK_LINK, rrm_strdup("img.png"), 10, 1, 120, 7, true};
	r->linted.n_directives = 1;
	r->linted.directives = calloc(2, sizeof *r->linted.directives);
	r->linted.directives[0] =
		(struct rrm_directive){RRM_DIRECTIVE_NEXT_LINE, 12, rrm_strdup("spelling")};
	r->linted.display = rrm_strdup("shown.md");
	r->linted.file = rrm_strdup(r->file);
	r->linted.page = -1;
}

static void release(struct rrm_file_result *r)
{
	free(r->file);
	rrm_url_entry_release(&r->url);
	rrm_page_meta_release(&r->meta);
	for (size_t i = 0; i < r->n_anchors; i++)
		free(r->anchors[i]);
	free(r->anchors);
	rrm_sink_release(&r->sink);
	if (r->has_linted)
		rrm_linted_release(&r->linted);
	rrm_buf_release(&r->record);
	memset(r, 0, sizeof *r);
}

/* Saves `record` alone (and one verdict, one suggestion) under `key`. */
static void save(const struct rrm_buf *record, uint64_t key)
{
	struct rrm_map verdicts = {0}, sugg = {0};
	rrm_map_put(&verdicts, "Muscat", 6)->value = 1;
	struct rrm_map_entry *e = rrm_map_put(&sugg, "Araghchy", 8);
	e->value = 1;
	e->text = rrm_strdup("Araghchi");
	const struct rrm_buf *recs[1] = {record};
	const struct rrm_map *v[1] = {&verdicts};
	assert_int_equal(rrm_cache_save(NULL, dir, key, recs, 1, v, 1, &sugg, false), 0);
	rrm_map_release(&verdicts);
	rrm_map_release(&sugg);
}

static struct rrm_file_result empty(void)
{
	struct rrm_file_result r;
	memset(&r, 0, sizeof r);
	rrm_sink_init(&r.sink);
	return r;
}

static void test_round_trip(void **state)
{
	(void)state;
	struct rrm_file_result in;
	sample(&in);
	rrm_cache_record(&SIG, 42, true, &in);
	save(&in.record, 7);

	struct rrm_cache *c = rrm_cache_open(dir, 7);
	assert_int_equal(rrm_cache_size(c), 1);
	assert_int_equal(rrm_map_get(rrm_cache_verdicts(c), "Muscat", 6)->value, 1);
	assert_string_equal(rrm_map_get(rrm_cache_suggestions(c), "Araghchy", 8)->text, "Araghchi");
	struct rrm_file_result out = empty();
	assert_true(rrm_cache_get(c, "content/posts/a.md", &SIG, 0,
				  RRM_CACHE_FINDINGS | RRM_CACHE_LINKS, "here.md", &out));
	assert_true(out.cached);
	assert_string_equal(out.file, "content/posts/a.md");
	assert_true(out.has_url);
	assert_string_equal(out.url.url, "/posts/a/");
	assert_string_equal(out.url.display, "here.md");
	assert_int_equal(out.url.end_column, 9);
	assert_int_equal(out.url.offset, 20);
	assert_true(out.meta.draft);
	assert_true(out.url.from_key);
	assert_int_equal(out.url.n_aliases, 1);
	assert_string_equal(out.url.aliases[0].url, "/older/a.html");
	assert_int_equal(out.url.aliases[0].line, 5);
	assert_int_equal(out.url.aliases[0].end_column, 15);
	assert_int_equal(out.url.aliases[0].offset, 44);
	assert_true(out.meta.redirect);
	assert_int_equal(out.meta.n_aliases, 2);
	assert_string_equal(out.meta.aliases[1], "/older/a");
	assert_false(out.meta.alias_root[0]);
	assert_true(out.meta.alias_root[1]);
	assert_int_equal(out.n_anchors, 2);
	assert_string_equal(out.anchors[1], "talks-in-muscat");
	assert_true(out.open_ids);
	assert_int_equal(out.sink.n, 2);
	assert_int_equal(out.sink.items[0].rule, RRM_RULE_SPELLING_UNKNOWN);
	assert_string_equal(out.sink.items[0].path, "here.md");
	assert_string_equal(out.sink.items[0].message, "unknown word 'Araghchy'");
	assert_string_equal(out.sink.items[0].subject, "Araghchy");
	assert_int_equal(out.sink.items[0].offset, 77);
	assert_int_equal(out.sink.items[1].n_suggestions, 2);
	assert_string_equal(out.sink.items[1].suggestions[1], "opinion");
	assert_null(out.sink.items[1].subject);
	assert_true(out.has_linted);
	assert_int_equal(out.linted.n_links, 2);
	assert_string_equal(out.linted.links[0].dest, "/posts/b/#x");
	assert_int_equal(out.linted.links[0].len, 11);
	assert_true(out.linted.links[1].from_html);
	assert_int_equal(out.linted.n_directives, 1);
	assert_int_equal(out.linted.directives[0].kind, RRM_DIRECTIVE_NEXT_LINE);
	assert_string_equal(out.linted.directives[0].rules, "spelling");
	assert_string_equal(out.linted.display, "here.md");
	/* the entry comes back as it went in, to be saved again */
	assert_int_equal(out.record.len, in.record.len);
	assert_memory_equal(out.record.data, in.record.data, in.record.len);
	release(&out);

	/* another signature, another contents' hash, another file: a miss */
	struct rrm_file_sig other = SIG;
	other.ctime_ns++;
	out = empty();
	assert_false(rrm_cache_get(c, "content/posts/a.md", &other, 0, 0, "x", &out));
	assert_false(rrm_cache_get(c, "content/posts/a.md", NULL, 41, 0, "x", &out));
	assert_false(rrm_cache_get(c, "content/posts/b.md", &SIG, 0, 0, "x", &out));
	assert_null(out.file);
	assert_int_equal(out.sink.n, 0);
	/* without the findings asked for, none are given */
	assert_true(rrm_cache_get(c, "content/posts/a.md", &SIG, 0, 0, "x", &out));
	assert_int_equal(out.sink.n, 0);
	assert_false(out.has_linted);
	release(&out);
	/* a staged blob with the contents the file had: a hit by the hash */
	out = empty();
	assert_true(
		rrm_cache_get(c, "content/posts/a.md", NULL, 42, RRM_CACHE_FINDINGS, "x", &out));
	assert_int_equal(out.sink.n, 2);
	release(&out);
	rrm_cache_free(c);

	/* another key: nothing */
	c = rrm_cache_open(dir, 8);
	assert_int_equal(rrm_cache_size(c), 0);
	assert_null(rrm_map_get(rrm_cache_verdicts(c), "Muscat", 6));
	rrm_cache_free(c);

	/* a staged blob: matched by its contents' hash only; no findings recorded: none to give */
	rrm_cache_record(NULL, 42, false, &in);
	save(&in.record, 7);
	c = rrm_cache_open(dir, 7);
	out = empty();
	assert_false(rrm_cache_get(c, "content/posts/a.md", &SIG, 0, 0, "x", &out));
	assert_false(rrm_cache_get(c, "content/posts/a.md", NULL, 43, 0, "x", &out));
	assert_false(
		rrm_cache_get(c, "content/posts/a.md", NULL, 42, RRM_CACHE_FINDINGS, "x", &out));
	assert_true(rrm_cache_get(c, "content/posts/a.md", NULL, 42, RRM_CACHE_LINKS, "x", &out));
	assert_int_equal(out.linted.n_links, 2);
	release(&out);
	rrm_cache_free(c);
	release(&in);
}

/* Every truncation and every flipped byte of the whole file: an empty cache, never a crash. */
static void test_damaged_file(void **state)
{
	(void)state;
	struct rrm_file_result in;
	sample(&in);
	rrm_cache_record(&SIG, 42, true, &in);
	save(&in.record, 7);
	char *path = rrm_path_join(dir, "lint.cache");
	char *good;
	size_t len;
	int err;
	assert_int_equal(rrm_read_file(path, 1u << 20, &good, &len, &err), RRM_READ_OK);
	for (size_t cut = 0; cut < len; cut++) {
		assert_int_equal(rrm_file_replace(path, good, cut), 0);
		struct rrm_cache *c = rrm_cache_open(dir, 7);
		assert_int_equal(rrm_cache_size(c), 0);
		rrm_cache_free(c);
	}
	for (size_t i = 0; i < len; i++) {
		good[i] ^= 0x01;
		assert_int_equal(rrm_file_replace(path, good, len), 0);
		good[i] ^= 0x01;
		struct rrm_cache *c = rrm_cache_open(dir, 7);
		assert_int_equal(rrm_cache_size(c), 0);
		rrm_cache_free(c);
	}
	free(good);
	free(path);
	release(&in);
}

/*
 * A damaged entry inside a file whose hash is right (as if rrm had written
 * it wrongly): every truncation and flipped byte either misses or gives an
 * entry, without reading out of bounds (the sanitizer build checks).
 */
static void test_damaged_entry(void **state)
{
	(void)state;
	struct rrm_file_result in;
	sample(&in);
	rrm_cache_record(&SIG, 42, true, &in);
	struct rrm_buf bad;
	rrm_buf_init(&bad);
	size_t hits = 0;
	for (size_t step = 0; step < 2 * in.record.len; step++) {
		bad.len = 0;
		size_t i = step % in.record.len;
		if (step < in.record.len) {
			rrm_buf_add(&bad, in.record.data, i); /* cut */
		} else {
			rrm_buf_add(&bad, in.record.data, in.record.len);
			bad.data[i] = (char)(bad.data[i] ^ 0xFF); /* flipped */
		}
		if (!bad.len)
			continue;
		save(&bad, 7);
		struct rrm_cache *c = rrm_cache_open(dir, 7);
		struct rrm_file_result out = empty();
		if (rrm_cache_get(c, "content/posts/a.md", &SIG, 0,
				  RRM_CACHE_FINDINGS | RRM_CACHE_LINKS, "x", &out)) {
			hits++;
			assert_true(out.sink.n <= 2);
		}
		release(&out);
		rrm_cache_free(c);
	}
	/* a flip in a string's bytes still decodes; a cut never does */
	assert_true(hits > 0 && hits < in.record.len);
	rrm_buf_release(&bad);
	release(&in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged_file),
		cmocka_unit_test(test_damaged_entry),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
