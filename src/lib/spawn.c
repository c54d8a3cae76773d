/* posix_spawn_file_actions_addchdir_np (glibc 2.29) */
#define _GNU_SOURCE
#include "lib/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Reads `fd` to its end into `out`, at most `max` bytes (0: any); false when there was more. */
static bool drain(int fd, struct rrm_buf *out, size_t max)
{
	char buf[65536];
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r == 0)
			return true;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return true;
		}
		if (max && out->len + (size_t)r > max) {
			rrm_buf_add(out, buf, max - out->len);
			return false;
		}
		rrm_buf_add(out, buf, (size_t)r);
	}
}

/* Whether `path` (relative: to `dir`, the folder the program runs in, when set) can be run. */
static bool runnable(const char *dir, const char *path)
{
	struct rrm_buf full;
	rrm_buf_init(&full);
	if (dir && path[0] != '/') {
		rrm_buf_adds(&full, dir);
		rrm_buf_adds(&full, "/");
	}
	rrm_buf_adds(&full, path);
	struct stat st;
	bool ok = stat(full.data, &st) == 0 && S_ISREG(st.st_mode) && access(full.data, X_OK) == 0;
	rrm_buf_release(&full);
	return ok;
}

/*
 * The program `name` names, as execvp(3) finds it: itself when it has a '/',
 * else the first runnable file of that name in PATH (an empty entry is the
 * current folder; no PATH: /usr/local/bin:/usr/bin:/bin). False when there is
 * none (a relative one is looked for in `dir`, where the child runs it when
 * set). rrm looks before it starts anything because how a failed exec in the
 * child is reported differs between systems (some sandboxes see only the
 * child's exit status 127), and "cannot be started" must be -1 everywhere.
 */
static bool find_program(const char *name, const char *dir, struct rrm_buf *path)
{
	if (!*name)
		return false;
	if (strchr(name, '/')) {
		rrm_buf_adds(path, name);
		return runnable(dir, name);
	}
	const char *p = getenv("PATH");
	if (!p)
		p = "/usr/local/bin:/usr/bin:/bin";
	for (;;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		path->len = 0;
		if (n)
			rrm_buf_add(path, p, n);
		else
			rrm_buf_adds(path, ".");
		rrm_buf_adds(path, "/");
		rrm_buf_adds(path, name);
		if (runnable(dir, path->data))
			return true;
		if (!end)
			return false;
		p = end + 1;
	}
}

int rrm_spawn_run(const char *const *argv, const struct rrm_spawn *o)
{
	static const struct rrm_spawn quiet = {NULL, -1, false, NULL, 0};
	if (!o)
		o = &quiet;
	int pipefd[2] = {-1, -1};
	int null = -1, rc = -1;
	struct rrm_buf program;
	rrm_buf_init(&program);
	posix_spawn_file_actions_t fa;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	if (!o->terminal) {
		null = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (null < 0)
			goto out;
		if (o->out && pipe2(pipefd, O_CLOEXEC) != 0)
			goto out;
		/* dup2 clears close-on-exec on the copies the program gets */
		if (posix_spawn_file_actions_adddup2(&fa, o->in >= 0 ? o->in : null,
						     STDIN_FILENO) ||
		    posix_spawn_file_actions_adddup2(&fa, o->out ? pipefd[1] : null,
						     STDOUT_FILENO) ||
		    posix_spawn_file_actions_adddup2(&fa, null, STDERR_FILENO))
			goto out;
	}
	struct stat st;
	if (o->dir && (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
		       posix_spawn_file_actions_addchdir_np(&fa, o->dir)))
		goto out;
	if (!find_program(argv[0], o->dir, &program))
		goto out;
	pid_t pid;
	if (posix_spawn(&pid, program.data, &fa, NULL, (char *const *)argv, environ) != 0)
		goto out;
	bool all = true;
	if (pipefd[1] >= 0) {
		close(pipefd[1]);
		pipefd[1] = -1;
		all = drain(pipefd[0], o->out, o->max_out);
		if (!all)
			kill(pid, SIGTERM);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			goto out;
	if (all && WIFEXITED(status))
		rc = WEXITSTATUS(status);
out:
	rrm_buf_release(&program);
	posix_spawn_file_actions_destroy(&fa);
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (null >= 0)
		close(null);
	return rc;
}
