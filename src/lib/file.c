#include "lib/file.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/util.h"

/* RRM_FAULT=kill: the process is killed (SIGKILL) halfway through writing. */
#define FAULT_KILL (-1)

static int fault(void)
{
	const char *f = getenv("RRM_FAULT");
	if (!f)
		return 0;
	static long written; /* files written whole so far (RRM_FAULT_AFTER) */
	const char *after = getenv("RRM_FAULT_AFTER");
	if (after && written++ < atol(after))
		return 0;
	if (!strcmp(f, "write"))
		return EIO;
	if (!strcmp(f, "enospc"))
		return ENOSPC;
	if (!strcmp(f, "kill"))
		return FAULT_KILL;
	return 0;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return rrm_strdup(".");
	if (slash == path)
		return rrm_strdup("/");
	return rrm_strndup(path, (size_t)(slash - path));
}

static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Writes a temporary file in `dir`; returns its name or NULL with *err set. */
static char *temp_in(const char *dir, const char *data, size_t len, mode_t mode, int *err)
{
	char *tmp = rrm_asprintf("%s/.rrm-tmp-XXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*err = errno;
		free(tmp);
		return NULL;
	}
	int e = 0;
	size_t done = 0, limit = len;
	int f = fault();
	if (f)
		limit = len / 2; /* the simulated failure strikes halfway */
	while (done < limit) {
		ssize_t w = write(fd, data + done, limit - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		done += (size_t)w;
	}
	if (!e && f == FAULT_KILL)
		raise(SIGKILL); /* as a power cut or `kill -9` would: no clean-up runs */
	if (!e && f)
		e = f;
	if (!e && fchmod(fd, mode) != 0)
		e = errno;
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		unlink(tmp);
		free(tmp);
		*err = e;
		return NULL;
	}
	return tmp;
}

/* Writes a temporary file beside `path`; returns its name or NULL with *err set. */
static char *write_temp(const char *path, const char *data, size_t len, mode_t mode, int *err)
{
	char *dir = dir_of(path);
	char *tmp = temp_in(dir, data, len, mode, err);
	free(dir);
	return tmp;
}

char *rrm_file_temp(const char *dir, const char *data, size_t len, mode_t mode, int *err)
{
	return temp_in(dir, data, len, mode, err);
}

int rrm_file_install(const char *tmp, const char *path)
{
	if (rename(tmp, path) != 0)
		return errno;
	sync_dir(path);
	return 0;
}

int rrm_file_create(const char *path, const char *data, size_t len)
{
	int err = 0;
	mode_t um = umask(0);
	umask(um);
	char *tmp = write_temp(path, data, len, 0666 & ~um, &err);
	if (!tmp)
		return err;
	/* link() never replaces: an existing file stays as it is */
	int rc = link(tmp, path) == 0 ? 0 : errno;
	unlink(tmp);
	free(tmp);
	if (rc == 0)
		sync_dir(path);
	return rc;
}

int rrm_file_replace(const char *path, const char *data, size_t len)
{
	struct stat st;
	mode_t um = umask(0);
	umask(um);
	mode_t mode = stat(path, &st) == 0 ? (st.st_mode & 07777) : (0666 & ~um);
	int err = 0;
	char *tmp = write_temp(path, data, len, mode, &err);
	if (!tmp)
		return err;
	int rc = rename(tmp, path) == 0 ? 0 : errno;
	if (rc)
		unlink(tmp);
	free(tmp);
	if (rc == 0)
		sync_dir(path);
	return rc;
}

int rrm_make_dirs(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
	char *parent = dir_of(dir);
	int rc = strcmp(parent, dir) ? rrm_make_dirs(parent) : 0;
	free(parent);
	if (rc)
		return rc;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return errno;
	return 0;
}
