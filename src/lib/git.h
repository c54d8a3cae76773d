/*
 * git.h - the only place rrm runs git: the repository's top level, the files
 * a change touches (`git diff --name-status -z`), the contents of blobs
 * (`git cat-file --batch`), a configuration value (`git config`) and the
 * index entry of a moved file (`git update-index`). git is run directly, never
 * through a shell, so no path is ever interpreted.
 */
#ifndef RRM_GIT_H
#define RRM_GIT_H

#include <stdbool.h>
#include <stddef.h>

struct rrm_git_change {
	char status;    /* 'A', 'M', 'D', 'R', 'C', 'T' */
	char *path;     /* relative to the folder git was run in */
	char *old_path; /* for 'R' and 'C', else NULL */
};

/* The top level of the repository around `dir` (a new string), or NULL. */
char *rrm_git_toplevel(const char *dir);
/*
 * The nearest folder at or above `dir` (absolute) holding a .git folder or
 * file (a worktree's), as a new string, or NULL: found without running git,
 * so it ignores GIT_DIR and GIT_WORK_TREE.
 */
char *rrm_git_work_tree(const char *dir);
/* True when `dir` is in a git repository (found without running git when it can be). */
bool rrm_git_inside(const char *dir);

/*
 * The changes below `repo` (any folder of a repository; paths relative to
 * it) of the index against HEAD (`staged`), or of the working tree against
 * `ref`. Returns 0, or -1 with a message in *err (new string).
 */
int rrm_git_changes(const char *repo, bool staged, const char *ref, struct rrm_git_change **out,
		    size_t *n, char **err);
void rrm_git_changes_free(struct rrm_git_change *v, size_t n);

/*
 * The default REF of --changed: the merge base with the upstream branch,
 * else with origin/HEAD, else HEAD. A new string.
 */
char *rrm_git_default_ref(const char *repo);

/*
 * The contents of `n` objects named as git names them ("HEAD:./path",
 * ":./path" for the index; "./" for a path relative to `repo`). data[i] is NULL when the object
 * does not exist. Returns 0, or -1 when git cannot run.
 */
int rrm_git_cat(const char *repo, char *const *specs, size_t n, char **data, size_t *len);

/*
 * The value of git configuration `key` ("user.name") as git reads it in
 * `dir` (NULL: the current folder), trailing white space removed; a new
 * string, or NULL when it is unset, empty or git cannot run.
 */
char *rrm_git_config(const char *dir, const char *key);

/* True when `path` (relative to `dir`, a file or folder) is tracked by git in `dir`'s repository.
 */
bool rrm_git_tracked(const char *dir, const char *path);
/*
 * `git mv -- from to` in `dir` (paths relative to it): the file or folder is
 * renamed and the index records the rename. Returns 0, or git's non-zero
 * status (-1 when git cannot run).
 */
int rrm_git_mv(const char *dir, const char *from, const char *to);
/*
 * Moves the index entry of `from` to `to` (paths relative to `dir`) as
 * `git mv` does to the index: the same blob and mode under the new name, the
 * old name gone; the files themselves are not touched. Returns 1 when `from`
 * was tracked and is moved, 0 when it is not tracked (nothing done), -1 when
 * git fails (nothing done).
 */
int rrm_git_index_move(const char *dir, const char *from, const char *to);

#endif
