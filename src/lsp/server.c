#include "lsp/server.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"

/* The methods: one function each. */
static const struct {
	const char *method;
	void (*fn)(struct lsp_server *srv, const struct rrm_lsp_msg *msg);
	bool request; /* false: a notification, never answered */
} methods[] = {
	{"initialize", lsp_initialize, true},
	{"initialized", lsp_initialized, false},
	{"shutdown", lsp_shutdown, true},
	{"exit", lsp_exit, false},
	{"textDocument/didOpen", lsp_did_open, false},
	{"textDocument/didChange", lsp_did_change, false},
	{"textDocument/didClose", lsp_did_close, false},
	{"textDocument/didSave", lsp_did_save, false},
	{"textDocument/diagnostic", lsp_diagnostic, true},
	{"workspace/didChangeWatchedFiles", lsp_did_change_watched_files, false},
	{"textDocument/codeAction", lsp_code_action, true},
	{"workspace/executeCommand", lsp_execute_command, true},
	{"textDocument/completion", lsp_completion, true},
	{"textDocument/definition", lsp_definition, true},
	{"textDocument/hover", lsp_hover, true},
	{"textDocument/documentSymbol", lsp_document_symbol, true},
	{"textDocument/references", lsp_references, true},
};

void lsp_log(struct lsp_server *srv, int type, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char m[2048];
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	if (srv->log) {
		fprintf(srv->log, "rrm lsp: %s\n", m);
		fflush(srv->log);
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addf(&b, "{\"type\":%d,\"message\":", type);
	rrm_buf_add_json(&b, m);
	rrm_buf_addc(&b, '}');
	rrm_lsp_call(&srv->out, NULL, "window/logMessage", b.data);
	rrm_buf_release(&b);
}

void lsp_add_position(struct rrm_buf *b, const struct rrm_lsp_lines *lines, size_t off,
		      enum rrm_lsp_encoding enc)
{
	size_t line, ch;
	rrm_lsp_lines_position(lines, off, enc, &line, &ch);
	rrm_buf_addf(b, "{\"line\":%zu,\"character\":%zu}", line, ch);
}

size_t lsp_node_offset(const struct rrm_node *pos, const char *text, size_t len,
		       enum rrm_lsp_encoding enc)
{
	long long line = 0, ch = 0;
	if (!rrm_lsp_int(pos, "line", &line) || line < 0)
		line = 0;
	if (!rrm_lsp_int(pos, "character", &ch) || ch < 0)
		ch = 0;
	return rrm_lsp_offset(text, len, (size_t)line, (size_t)ch, enc);
}

void lsp_kick(struct lsp_server *srv)
{
	pthread_cond_broadcast(&srv->cond);
}

static void dispatch(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	if (!msg->method) /* a response to one of ours (client/registerCapability) */
		return;
	size_t n = sizeof methods / sizeof *methods, i;
	for (i = 0; i < n && strcmp(methods[i].method, msg->method); i++)
		;
	bool request = msg->id != NULL;
	if (!srv->initialized && strcmp(msg->method, "initialize") && strcmp(msg->method, "exit")) {
		if (request)
			rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_NOT_INITIALIZED,
					    "the server is not initialized: send initialize first");
		return;
	}
	if (srv->shut_down && strcmp(msg->method, "exit")) {
		if (request)
			rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INVALID_REQUEST,
					    "the server is shut down: only exit is accepted");
		return;
	}
	if (i == n) {
		if (request) {
			char *m = rrm_asprintf("unknown method '%s'", msg->method);
			rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_METHOD_NOT_FOUND, m);
			free(m);
		}
		return; /* unknown notifications ($/cancelRequest, $/setTrace...) are ignored */
	}
	if (request != methods[i].request) {
		if (request)
			rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INVALID_REQUEST,
					    "a notification sent as a request");
		return;
	}
	methods[i].fn(srv, msg);
}

int rrm_lsp_serve(int in_fd, int out_fd, FILE *log)
{
	struct lsp_server *srv = rrm_calloc(1, sizeof *srv);
	rrm_lsp_reader_init(&srv->in, in_fd);
	rrm_lsp_writer_init(&srv->out, out_fd);
	srv->log = log;
	srv->next_id = 1;
	pthread_mutex_init(&srv->mu, NULL);
	pthread_cond_init(&srv->cond, NULL);
	pthread_create(&srv->worker, NULL, lsp_worker, srv);

	while (!srv->exit_now && !srv->out.broken) {
		if (!rrm_lsp_pending(&srv->in)) { /* the burst is drained: the worker may lint */
			pthread_mutex_lock(&srv->mu);
			srv->reading = false;
			lsp_kick(srv);
			pthread_mutex_unlock(&srv->mu);
		}
		char *body, *why;
		size_t len;
		enum rrm_rpc_read r =
			rrm_lsp_read(&srv->in, RRM_LSP_MAX_MESSAGE, &body, &len, &why);
		pthread_mutex_lock(&srv->mu);
		srv->reading = true;
		pthread_mutex_unlock(&srv->mu);
		if (r == RRM_RPC_EOF)
			break;
		if (r == RRM_RPC_BAD_FRAME) {
			lsp_log(srv, 1, "bad message: %s", why);
			rrm_lsp_reply_error(&srv->out, NULL, RRM_RPC_PARSE_ERROR, why);
			free(why);
			continue;
		}
		struct rrm_lsp_msg msg;
		int code = rrm_lsp_msg_parse(body, len, &msg, &why);
		if (code) {
			lsp_log(srv, 1, "bad message: %s", why);
			rrm_lsp_reply_error(&srv->out, msg.id, code, why);
			free(why);
		} else {
			dispatch(srv, &msg);
		}
		rrm_lsp_msg_release(&msg);
		free(body);
	}
	if (!srv->exit_now && srv->log)
		fprintf(srv->log, "rrm lsp: %s\n",
			srv->out.broken ? "the client is gone (output closed)"
					: "the client is gone (input closed)");

	pthread_mutex_lock(&srv->mu);
	srv->stop = true;
	lsp_kick(srv);
	pthread_mutex_unlock(&srv->mu);
	pthread_join(srv->worker, NULL);

	int rc = srv->shut_down ? 0 : 1;
	while (srv->docs) {
		struct lsp_doc *d = srv->docs;
		srv->docs = d->next;
		lsp_doc_free(d);
	}
	while (srv->sites) {
		struct lsp_site *s = srv->sites;
		srv->sites = s->next;
		lsp_site_free(s);
	}
	for (size_t i = 0; i < srv->n_disk; i++)
		free(srv->disk[i]);
	free(srv->disk);
	pthread_cond_destroy(&srv->cond);
	pthread_mutex_destroy(&srv->mu);
	rrm_lsp_writer_release(&srv->out);
	rrm_lsp_reader_release(&srv->in);
	free(srv);
	return rc;
}
