#include "lib/git.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/spawn.h"
#include "lib/util.h"

/* The most rrm reads from one git command: its memory stays bounded whatever the repository. */
#define MAX_GIT_OUTPUT (1024u * 1024 * 1024)

/*
 * Runs git with `args` in `dir`; standard input from `in` (a file descriptor,
 * or -1 for /dev/null); standard output into `out`. Returns git's exit status,
 * or -1 when it cannot run or writes more than MAX_GIT_OUTPUT bytes.
 */
static int run_git(const char *dir, const char *const *args, int in, struct rrm_buf *out)
{
	size_t n = 0;
	while (args[n])
		n++;
	const char **argv = rrm_calloc(n + 2, sizeof *argv);
	argv[0] = "git";
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = args[i];
	struct rrm_spawn o = {.dir = dir, .in = in, .out = out, .max_out = MAX_GIT_OUTPUT};
	int rc = rrm_spawn_run(argv, &o);
	free(argv);
	return rc == 127 ? -1 : rc;
}

char *rrm_git_work_tree(const char *dir)
{
	char *d = rrm_strdup(dir);
	for (;;) {
		char *g = rrm_path_join(d, ".git");
		struct stat st;
		bool found = stat(g, &st) == 0;
		free(g);
		if (found)
			return d;
		char *slash = strrchr(d, '/');
		if (!slash || slash == d) {
			free(d);
			return NULL;
		}
		*slash = '\0';
	}
}

bool rrm_git_inside(const char *dir)
{
	const char *env = getenv("GIT_DIR");
	if (env && *env)
		return true;
	char *top = rrm_git_work_tree(dir); /* no process to start */
	if (!top)
		top = rrm_git_toplevel(dir); /* GIT_WORK_TREE and the like: ask git */
	free(top);
	return top != NULL;
}

char *rrm_git_toplevel(const char *dir)
{
	struct rrm_buf out;
	rrm_buf_init(&out);
	const char *args[] = {"rev-parse", "--show-toplevel", NULL};
	if (run_git(dir, args, -1, &out) != 0 || out.len == 0) {
		rrm_buf_release(&out);
		return NULL;
	}
	while (out.len && (out.data[out.len - 1] == '\n' || out.data[out.len - 1] == '\r'))
		out.data[--out.len] = '\0';
	return rrm_buf_detach(&out);
}

void rrm_git_changes_free(struct rrm_git_change *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].old_path);
	}
	free(v);
}

int rrm_git_changes(const char *repo, bool staged, const char *ref, struct rrm_git_change **out,
		    size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	*err = NULL;
	struct rrm_buf b;
	rrm_buf_init(&b);
	const char *args_staged[] = {"diff",       "--cached", "--name-status", "-z", "-M",
				     "--relative", NULL};
	const char *args_ref[] = {"diff", "--name-status", "-z", "-M", "--relative", ref, "--",
				  NULL};
	int rc = run_git(repo, staged ? args_staged : args_ref, -1, &b);
	if (rc != 0) {
		*err = rc < 0   ? rrm_strdup("cannot run git (is it installed?)")
		       : staged ? rrm_strdup("git diff --cached failed (is there a commit yet?)")
				: rrm_asprintf("git diff %s failed (is %s a commit?)", ref, ref);
		rrm_buf_release(&b);
		return -1;
	}
	size_t cap = 0;
	for (size_t i = 0; i < b.len;) {
		const char *status = b.data + i;
		i += strlen(status) + 1;
		if (i > b.len)
			break;
		const char *p1 = b.data + i;
		i += strlen(p1) + 1;
		const char *p2 = NULL;
		if ((status[0] == 'R' || status[0] == 'C') && i < b.len) {
			p2 = b.data + i;
			i += strlen(p2) + 1;
		}
		*out = rrm_grow(*out, &cap, *n + 1, sizeof **out);
		struct rrm_git_change *c = &(*out)[(*n)++];
		c->status = status[0];
		c->path = rrm_strdup(p2 ? p2 : p1);
		c->old_path = p2 ? rrm_strdup(p1) : NULL;
	}
	rrm_buf_release(&b);
	return 0;
}

static char *git_line(const char *repo, const char *const *args)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	if (run_git(repo, args, -1, &b) != 0 || !b.len) {
		rrm_buf_release(&b);
		return NULL;
	}
	while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	return rrm_buf_detach(&b);
}

char *rrm_git_config(const char *dir, const char *key)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	const char *argv[] = {"git", "config", key, NULL};
	struct rrm_spawn o = {.dir = dir, .in = -1, .out = &b, .max_out = 64 * 1024};
	if (rrm_spawn_run(argv, &o) != 0) {
		rrm_buf_release(&b);
		return NULL;
	}
	while (b.len &&
	       (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (!b.len) {
		rrm_buf_release(&b);
		return NULL;
	}
	return rrm_buf_detach(&b);
}

char *rrm_git_default_ref(const char *repo)
{
	const char *upstream[] = {"merge-base", "HEAD", "@{upstream}", NULL};
	char *r = git_line(repo, upstream);
	if (!r) {
		const char *origin[] = {"merge-base", "HEAD", "origin/HEAD", NULL};
		r = git_line(repo, origin);
	}
	return r ? r : rrm_strdup("HEAD");
}

int rrm_git_cat(const char *repo, char *const *specs, size_t n, char **data, size_t *len)
{
	for (size_t i = 0; i < n; i++) {
		data[i] = NULL;
		len[i] = 0;
	}
	if (!n)
		return 0;
	/* the requests go through a temporary file, so that git never waits on a full pipe */
	FILE *in = tmpfile();
	if (!in)
		return -1;
	for (size_t i = 0; i < n; i++)
		fprintf(in, "%s\n", specs[i]);
	fflush(in);
	rewind(in);
	struct rrm_buf b;
	rrm_buf_init(&b);
	const char *args[] = {"cat-file", "--batch", NULL};
	int rc = run_git(repo, args, fileno(in), &b);
	fclose(in);
	if (rc != 0) {
		rrm_buf_release(&b);
		return -1;
	}
	/* "<oid> <type> <size>\n<content>\n" or "<spec> missing\n", in order */
	size_t pos = 0;
	for (size_t i = 0; i < n && pos < b.len; i++) {
		char *nl = memchr(b.data + pos, '\n', b.len - pos);
		if (!nl)
			break;
		*nl = '\0';
		const char *head = b.data + pos;
		pos = (size_t)(nl - b.data) + 1;
		size_t hl = strlen(head);
		if (hl >= 8 && !strcmp(head + hl - 8, " missing"))
			continue;
		if (hl >= 10 && !strcmp(head + hl - 10, " ambiguous"))
			continue;
		const char *sp = strrchr(head, ' ');
		size_t size = sp ? (size_t)strtoull(sp + 1, NULL, 10) : 0;
		if (pos + size > b.len)
			break;
		data[i] = rrm_strndup(b.data + pos, size);
		len[i] = size;
		pos += size + 1;
	}
	rrm_buf_release(&b);
	return 0;
}

bool rrm_git_tracked(const char *dir, const char *path)
{
	const char *args[] = {"ls-files", "--error-unmatch", "--", path, NULL};
	struct rrm_buf out;
	rrm_buf_init(&out);
	int rc = run_git(dir, args, -1, &out);
	rrm_buf_release(&out);
	return rc == 0;
}

int rrm_git_mv(const char *dir, const char *from, const char *to)
{
	const char *args[] = {"mv", "--", from, to, NULL};
	return run_git(dir, args, -1, NULL);
}

int rrm_git_index_move(const char *dir, const char *from, const char *to)
{
	char *spec = rrm_asprintf(":(literal)%s", from);
	const char *ls[] = {"ls-files", "--stage", "-z", "--", spec, NULL};
	struct rrm_buf b;
	rrm_buf_init(&b);
	int rc = run_git(dir, ls, -1, &b);
	free(spec);
	if (rc != 0 || !b.len) {
		rrm_buf_release(&b);
		return rc != 0 ? -1 : 0;
	}
	/* "MODE SHA STAGE\tPATH\0": one entry, merged (stage 0) */
	char mode[16], sha[80];
	int stage = -1, used = 0;
	if (sscanf(b.data, "%15s %79s %d\t%n", mode, sha, &stage, &used) != 3 || stage != 0 ||
	    strlen(b.data) + 1 != b.len) {
		rrm_buf_release(&b);
		return -1;
	}
	rrm_buf_release(&b);
	/* --cacheinfo's path is from the top level; the others' from `dir` */
	const char *pre[] = {"rev-parse", "--show-prefix", NULL};
	char *prefix = git_line(dir, pre);
	char *top_to = rrm_asprintf("%s%s", prefix ? prefix : "", to);
	free(prefix);
	const char *up[] = {"update-index", "--add",          "--cacheinfo", mode, sha,
			    top_to,         "--force-remove", "--",          from, NULL};
	rc = run_git(dir, up, -1, NULL);
	free(top_to);
	return rc == 0 ? 1 : -1;
}
