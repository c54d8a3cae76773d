/*
 * server.h - `rrm lsp`: a language server (LSP 3.17) on the lint engine.
 *
 * Threads: the main thread reads and answers every message; lints run on
 * one worker thread. A burst of changes is linted once: the worker starts
 * only when no input is waiting (the main thread has drained what was
 * readable), lints the latest text of each changed document, and drops a
 * result whose version is no longer the document's. Whatever uses a site's
 * engine session (lints, index updates, later completion and the like)
 * holds that site's `mu`.
 *
 * Each LSP method is one function (lsp_<method>) in the file of its part:
 * lifecycle.c, documents.c, diagnostics.c, workspace.c, code_action.c,
 * navigate.c; the table in
 * server.c maps methods to them.
 *
 * The server reads and writes only the two descriptors it is given and the
 * log; the one file it writes is the house dictionary, for the command
 * rrm.addWord the client runs (code_action.c).
 */
#ifndef RRM_LSP_SERVER_H
#define RRM_LSP_SERVER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "lib/config.h"
#include "lint/run.h"
#include "lsp/position.h"
#include "lsp/rpc.h"

/* One site (found from a document's folder as `rrm lint` finds it), with its engine. */
struct lsp_site {
	char *root;
	struct rrm_config config;
	struct rrm_lint_options options;
	struct rrm_lint_session *session;
	pthread_mutex_t mu; /* the session's */
	bool broken;        /* rrm.yml could not be read: no diagnostics */
	struct lsp_site *next;
};

/* An open document. */
struct lsp_doc {
	char *uri;
	char *path;            /* absolute, or NULL when the URI is no file */
	struct lsp_site *site; /* NULL: outside any site */
	char *text;
	size_t len;
	long long version;
	bool dirty;        /* to lint (changed since the last lint) */
	bool recheck;      /* to lint again: the index changed under it */
	bool index_stale;  /* the index has not got this text yet */
	bool linted;       /* `diagnostics` is for `version` */
	char *diagnostics; /* the last diagnostics published, a JSON array */
	char **pulls;      /* ids of textDocument/diagnostic requests waiting for a lint */
	size_t n_pulls, cap_pulls;
	struct lsp_doc *next;
};

struct lsp_server {
	struct rrm_lsp_reader in;
	struct rrm_lsp_writer out;
	FILE *log; /* or NULL */
	enum rrm_lsp_encoding enc;
	bool initialized, shut_down, exit_now;
	bool watch_dynamic; /* the client registers file watchers for us */
	long long next_id;  /* of the server's own requests */

	pthread_mutex_t mu; /* guards what follows (documents, sites, queues) */
	pthread_cond_t cond;
	pthread_t worker;
	bool stop;
	bool reading; /* a burst of input is being drained: the worker waits */
	struct lsp_doc *docs;
	struct lsp_site *sites;
	char **disk; /* paths changed on disk, for the worker */
	size_t n_disk, cap_disk;
};

/* Runs the server until `exit` or the end of input; returns the exit status. */
int rrm_lsp_serve(int in_fd, int out_fd, FILE *log);

/* A log line (to the log file, and to the client as window/logMessage, type 3 info, 4 log). */
void lsp_log(struct lsp_server *srv, int type, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Method handlers: `msg->id` is NULL for a notification; each request is answered. */
void lsp_initialize(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_initialized(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_shutdown(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_exit(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_did_open(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_did_change(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_did_close(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_did_save(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_diagnostic(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_did_change_watched_files(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
/* code_action.c: the repairs of lint/actions.c; the command rrm.addWord */
void lsp_code_action(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_execute_command(struct lsp_server *srv, const struct rrm_lsp_msg *msg);

/* navigate.c: what query.c answers: completion, definition, hover, symbols, references */
void lsp_completion(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_definition(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_hover(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_document_symbol(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
void lsp_references(struct lsp_server *srv, const struct rrm_lsp_msg *msg);

/* server.c: an LSP position ({"line":L,"character":C}) of byte `off` of the text of `lines` */
void lsp_add_position(struct rrm_buf *b, const struct rrm_lsp_lines *lines, size_t off,
		      enum rrm_lsp_encoding enc);
/* The byte offset in text[0..len) of an LSP position node (clamped). */
size_t lsp_node_offset(const struct rrm_node *pos, const char *text, size_t len,
		       enum rrm_lsp_encoding enc);

/* documents.c: (srv->mu held) */
struct lsp_doc *lsp_doc_find(struct lsp_server *srv, const char *uri);
struct lsp_doc *lsp_doc_find_path(struct lsp_server *srv, const char *path);
/* The path of a file: URI (percent-decoded), or NULL. */
char *lsp_uri_path(const char *uri);
/* The file: URI of an absolute path (bytes other than RFC 3986's unreserved and '/' encoded). */
char *lsp_path_uri(const char *path);
/* The site of a file (loaded once), or NULL when it is in none. */
struct lsp_site *lsp_site_for(struct lsp_server *srv, const char *path);
void lsp_site_free(struct lsp_site *site);
void lsp_doc_free(struct lsp_doc *d);
/* Wakes the worker (srv->mu held). */
void lsp_kick(struct lsp_server *srv);

/* diagnostics.c: the worker's loop. */
void *lsp_worker(void *arg);
/* The LSP diagnostics of `sink`'s findings in `text`, as a JSON array (a new string). */
char *lsp_diagnostics_json(const struct rrm_sink *sink, const char *text, size_t len,
			   enum rrm_lsp_encoding enc);

#endif
