/* lifecycle.c - initialize, initialized, shutdown, exit. */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lsp/server.h"

/* The first encoding of the client's list that rrm knows (the client's order); UTF-16 else. */
static enum rrm_lsp_encoding negotiate(const struct rrm_node *offered)
{
	if (!offered || offered->kind != RRM_NODE_SEQ)
		return RRM_LSP_UTF16;
	for (size_t i = 0; i < offered->n_items; i++) {
		const struct rrm_node *n = offered->items[i];
		if (n->kind != RRM_NODE_SCALAR || !n->value)
			continue;
		if (!strcmp(n->value, "utf-8"))
			return RRM_LSP_UTF8;
		if (!strcmp(n->value, "utf-32"))
			return RRM_LSP_UTF32;
		if (!strcmp(n->value, "utf-16"))
			return RRM_LSP_UTF16;
	}
	return RRM_LSP_UTF16;
}

void lsp_initialize(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	if (srv->initialized) {
		rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INVALID_REQUEST,
				    "initialize was already sent");
		return;
	}
	const struct rrm_node *caps = rrm_lsp_get(msg->params, "capabilities");
	srv->enc = negotiate(rrm_lsp_path(caps, "general", "positionEncodings", NULL));
	srv->watch_dynamic =
		rrm_lsp_bool(rrm_lsp_path(caps, "workspace", "didChangeWatchedFiles", NULL),
			     "dynamicRegistration");
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addf(&b,
		     "{\"capabilities\":{\"positionEncoding\":\"%s\","
		     "\"textDocumentSync\":{\"openClose\":true,\"change\":2,"
		     "\"save\":{\"includeText\":false}},"
		     "\"diagnosticProvider\":{\"identifier\":\"rrm\","
		     "\"interFileDependencies\":true,\"workspaceDiagnostics\":false},"
		     "\"codeActionProvider\":{\"codeActionKinds\":[\"quickfix\"]},"
		     "\"executeCommandProvider\":{\"commands\":[\"rrm.addWord\"]},"
		     "\"completionProvider\":{\"triggerCharacters\":[\"(\",\"#\",\"/\",\"\\\"\"]},"
		     "\"definitionProvider\":true,\"hoverProvider\":true,"
		     "\"documentSymbolProvider\":true,\"referencesProvider\":true},"
		     "\"serverInfo\":{\"name\":\"rrm\",\"version\":\"%s\"}}",
		     rrm_lsp_encoding_name(srv->enc), RRM_VERSION);
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	srv->initialized = true;
}

void lsp_initialized(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	(void)msg;
	if (!srv->watch_dynamic)
		return; /* workspace/didChangeWatchedFiles is accepted all the same */
	char id[32];
	snprintf(id, sizeof id, "\"rrm-%lld\"", srv->next_id++);
	rrm_lsp_call(&srv->out, id, "client/registerCapability",
		     "{\"registrations\":[{\"id\":\"rrm-watch\","
		     "\"method\":\"workspace/didChangeWatchedFiles\","
		     "\"registerOptions\":{\"watchers\":["
		     "{\"globPattern\":\"**/*.md\"},{\"globPattern\":\"**/*.markdown\"},"
		     "{\"globPattern\":\"**/*.html\"}]}}]}");
}

void lsp_shutdown(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	srv->shut_down = true;
	rrm_lsp_reply(&srv->out, msg->id, "null");
}

void lsp_exit(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	(void)msg;
	srv->exit_now = true;
}
