/*
 * baseline.c - rrm lint --write-baseline and --baseline: the findings of a
 * run recorded by fingerprint, and later runs reporting only the new ones.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"
#include "lib/file.h"
#include "lib/map.h"
#include "lib/util.h"
#include "lint/run.h"

#define BASELINE_HEADER                                                                            \
	"# rrm baseline 1: fingerprint, rule, path, message; made by rrm lint --write-baseline\n"

int rrm_lint_baseline_write(const char *path, const struct rrm_sink *s)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, BASELINE_HEADER);
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		rrm_buf_addf(&b, "%s\t%s\t", f->fingerprint, rrm_rules[f->rule].id);
		rrm_buf_add_safe(&b, f->path);
		rrm_buf_addc(&b, '\t');
		rrm_buf_add_safe(&b, f->message);
		rrm_buf_addc(&b, '\n');
	}
	int e = rrm_file_replace(path, b.data, b.len);
	rrm_buf_release(&b);
	return e;
}

struct baseline_ctx {
	struct rrm_map seen; /* fingerprint -> how many times it is in the baseline */
};

static bool not_in_baseline(const struct rrm_finding *f, void *ctx)
{
	struct baseline_ctx *x = ctx;
	struct rrm_map_entry *e = rrm_map_get(&x->seen, f->fingerprint, strlen(f->fingerprint));
	if (e && e->value > 0) {
		e->value--;
		return false;
	}
	return true;
}

int rrm_lint_baseline_apply(const char *path, struct rrm_sink *s)
{
	char *text;
	size_t len;
	int e;
	if (rrm_read_file(path, 256u * 1024 * 1024, &text, &len, &e) != RRM_READ_OK)
		return e ? e : EIO;
	struct baseline_ctx x = {{0}};
	for (char *line = text; line < text + len;) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(text + len - line);
		if (n >= 16 && line[0] != '#' && (n == 16 || line[16] == '\t'))
			rrm_map_put(&x.seen, line, 16)->value++;
		line += n + 1;
	}
	free(text);
	rrm_sink_filter(s, 0, not_in_baseline, &x);
	rrm_map_release(&x.seen);
	return 0;
}
