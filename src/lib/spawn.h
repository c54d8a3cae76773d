/*
 * spawn.h - the only place rrm starts another program (git, the editor of
 * `rrm new --edit`): posix_spawn(3) with an argument vector, so no shell
 * reads a path unless the caller runs one by name. Standard input comes from
 * /dev/null or a descriptor the caller gives, standard output is captured
 * (bounded) or thrown away, standard error is thrown away; a program run on
 * the terminal (an editor) keeps rrm's own three instead.
 */
#ifndef RRM_SPAWN_H
#define RRM_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/util.h"

struct rrm_spawn {
	const char *dir;     /* the folder it runs in, or NULL: rrm's */
	int in;              /* standard input: a descriptor, or -1 for /dev/null */
	bool terminal;       /* standard input, output and error are rrm's (in, out ignored) */
	struct rrm_buf *out; /* standard output appended here, or NULL: /dev/null */
	size_t max_out;      /* the most appended to `out`; 0: no limit */
};

/*
 * Runs argv[0] (looked up in PATH when it has no '/') with `argv` (NULL
 * terminated) and waits for it. Returns its exit status (0 to 255), or -1
 * when it cannot be started (not found: what the shell reports as 127),
 * is killed by a signal, or writes more than `max_out` bytes (it is then
 * killed and `out` holds what came first). `o` NULL: everything /dev/null.
 */
int rrm_spawn_run(const char *const *argv, const struct rrm_spawn *o);

#endif
