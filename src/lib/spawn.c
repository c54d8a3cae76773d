/* posix_spawn_file_actions_addchdir_np (glibc 2.29) */
#define _GNU_SOURCE
#include "lib/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
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

int rrm_spawn_run(const char *const *argv, const struct rrm_spawn *o)
{
	static const struct rrm_spawn quiet = {NULL, -1, false, NULL, 0};
	if (!o)
		o = &quiet;
	int pipefd[2] = {-1, -1};
	int null = -1, rc = -1;
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
	if (o->dir && posix_spawn_file_actions_addchdir_np(&fa, o->dir))
		goto out;
	pid_t pid;
	if (posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ) != 0)
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
	posix_spawn_file_actions_destroy(&fa);
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	if (null >= 0)
		close(null);
	return rc;
}
