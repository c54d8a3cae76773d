/*
 * file.h - writing files without ever leaving a partial or lost file: a
 * temporary file in the same folder, written in full and fsynced, then
 * linked (a new file, never over an existing one) or renamed (a rewrite the
 * user asked for) into place, and the folder fsynced.
 *
 * RRM_FAULT=write (fail halfway through writing), RRM_FAULT=enospc (disk
 * full) and RRM_FAULT=kill (killed halfway through writing, leaving only the
 * hidden temporary file) in the environment simulate failures, for the tests;
 * with RRM_FAULT_AFTER=N the first N files are written whole and the failure
 * strikes the next one (a command that writes several files fails midway).
 */
#ifndef RRM_FILE_H
#define RRM_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* Creates `path`; returns 0, or an errno value (EEXIST when it exists). */
int rrm_file_create(const char *path, const char *data, size_t len);
/* Replaces `path` (or creates it), keeping its permissions; 0 or errno. */
int rrm_file_replace(const char *path, const char *data, size_t len);
/*
 * Two steps for a command that changes several files at once (rrm mv):
 * rrm_file_temp writes `data` to a new hidden temporary file (.rrm-tmp-*)
 * in folder `dir` with permissions `mode`, in full and fsynced, and returns
 * its path (a new string), or NULL with *err set; nothing else is touched.
 * rrm_file_install renames it to `path` (replacing it) and fsyncs the folder;
 * 0 or errno.
 */
char *rrm_file_temp(const char *dir, const char *data, size_t len, mode_t mode, int *err);
int rrm_file_install(const char *tmp, const char *path);
/* Creates folder `dir` and its missing parents (mode 0777 & ~umask); 0 or errno. */
int rrm_make_dirs(const char *dir);

#endif
