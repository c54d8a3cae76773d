/*
 * code_action.c - textDocument/codeAction and workspace/executeCommand: the
 * repairs of lint/actions.c for the findings under the asked range.
 *
 * The findings are made again from the buffer as it is now (a lint of one
 * document against the index takes a few milliseconds): a diagnostic the
 * client sends back may be stale, and the engine's finding carries what an
 * action needs (the subject, the page's current URL). An edit action becomes
 * a WorkspaceEdit; adding a word to the house dictionary is the command
 * "rrm.addWord" with the word and the document's URI as arguments: the
 * server finds the dictionary itself (rrm_dict_house_path), so a client
 * cannot name a file to write.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/dict.h"
#include "lib/util.h"
#include "lint/actions.h"
#include "lsp/server.h"

/* The byte range of a finding in `text`: from its line and column to its end (or its start). */
static void finding_bytes(const struct rrm_finding *f, const struct rrm_lsp_lines *lines,
			  size_t *from, size_t *to)
{
	size_t ll, s;
	const char *text = lines->text;
	s = rrm_lsp_lines_get(lines, f->line > 0 ? (size_t)f->line - 1 : 0, &ll);
	*from = s + rrm_lsp_column_byte(text + s, ll, f->column > 0 ? f->column : 1);
	*to = *from;
	if (f->end_line > 0) {
		s = rrm_lsp_lines_get(lines, (size_t)f->end_line - 1, &ll);
		*to = s + rrm_lsp_column_byte(text + s, ll, f->end_column > 0 ? f->end_column : 1);
	}
}

static void add_action(struct rrm_buf *b, const struct rrm_action *a, const char *uri,
		       const struct rrm_lsp_lines *lines, enum rrm_lsp_encoding enc)
{
	rrm_buf_adds(b, "{\"title\":");
	rrm_buf_add_json(b, a->title);
	rrm_buf_adds(b, ",\"kind\":");
	rrm_buf_add_json(b, a->kind ? a->kind : "quickfix");
	if (a->preferred)
		rrm_buf_adds(b, ",\"isPreferred\":true");
	if (a->op == RRM_ACTION_ADD_WORD) {
		rrm_buf_adds(b, ",\"command\":{\"title\":");
		rrm_buf_add_json(b, a->title);
		rrm_buf_adds(b, ",\"command\":\"rrm.addWord\",\"arguments\":[");
		rrm_buf_add_json(b, a->word);
		rrm_buf_addc(b, ',');
		rrm_buf_add_json(b, uri);
		rrm_buf_adds(b, "]}}");
		return;
	}
	rrm_buf_adds(b, ",\"edit\":{\"changes\":{");
	rrm_buf_add_json(b, uri);
	rrm_buf_adds(b, ":[");
	for (size_t i = 0; i < a->n_edits; i++) {
		const struct rrm_text_edit *e = &a->edits[i];
		if (i)
			rrm_buf_addc(b, ',');
		rrm_buf_adds(b, "{\"range\":{\"start\":");
		lsp_add_position(b, lines, e->start, enc);
		rrm_buf_adds(b, ",\"end\":");
		lsp_add_position(b, lines, e->end, enc);
		rrm_buf_adds(b, "},\"newText\":");
		rrm_buf_add_json(b, e->text ? e->text : "");
		rrm_buf_addc(b, '}');
	}
	rrm_buf_adds(b, "]}}}");
}

void lsp_code_action(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const char *uri = rrm_lsp_str(rrm_lsp_get(msg->params, "textDocument"), "uri");
	const struct rrm_node *range = rrm_lsp_get(msg->params, "range");
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = uri ? lsp_doc_find(srv, uri) : NULL;
	if (!d || !d->site || d->site->broken || !d->path || !d->site->session) {
		pthread_mutex_unlock(&srv->mu);
		rrm_lsp_reply(&srv->out, msg->id, "[]");
		return;
	}
	struct lsp_site *site = d->site;
	char *path = rrm_strdup(d->path);
	char *text = rrm_strndup(d->text, d->len);
	size_t len = d->len;
	enum rrm_lsp_encoding enc = srv->enc;
	pthread_mutex_unlock(&srv->mu);

	size_t from = 0, to = len;
	if (range) {
		from = lsp_node_offset(rrm_lsp_get(range, "start"), text, len, enc);
		to = lsp_node_offset(rrm_lsp_get(range, "end"), text, len, enc);
		if (to < from)
			to = from;
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '[');
	size_t shown = 0;
	struct rrm_lsp_lines lines;
	rrm_lsp_lines_init(&lines, text, len);
	pthread_mutex_lock(&site->mu);
	struct rrm_sink sink;
	rrm_sink_init(&sink);
	struct rrm_lint_error err = {0};
	if (rrm_lint_session_lint(site->session, path, text, len, &sink, &err) == RRM_LINT_OK) {
		struct rrm_action_input in = {
			.c = &site->config,
			.path = path,
			.text = text,
			.len = len,
			.sp = rrm_lint_session_speller(site->session, &err),
			.site = rrm_lint_session_site(site->session),
		};
		for (size_t i = 0; i < sink.n; i++) {
			size_t a, z;
			finding_bytes(&sink.items[i], &lines, &a, &z);
			if (z < from || a > to) /* the ranges do not touch */
				continue;
			struct rrm_actions acts;
			rrm_actions_init(&acts);
			rrm_actions_for(&in, &sink.items[i], &acts);
			for (size_t k = 0; k < acts.n; k++) {
				if (shown++)
					rrm_buf_addc(&b, ',');
				add_action(&b, &acts.v[k], uri, &lines, enc);
			}
			rrm_actions_release(&acts);
		}
	}
	rrm_lint_error_release(&err);
	rrm_sink_release(&sink);
	pthread_mutex_unlock(&site->mu);
	rrm_lsp_lines_release(&lines);
	rrm_buf_addc(&b, ']');
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	free(path);
	free(text);
}

void lsp_execute_command(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const char *cmd = rrm_lsp_str(msg->params, "command");
	const struct rrm_node *args = rrm_lsp_get(msg->params, "arguments");
	if (!cmd || strcmp(cmd, "rrm.addWord") || !args || args->kind != RRM_NODE_SEQ ||
	    args->n_items != 2 || args->items[0]->kind != RRM_NODE_SCALAR ||
	    args->items[1]->kind != RRM_NODE_SCALAR) {
		rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INVALID_PARAMS,
				    "rrm knows one command: rrm.addWord WORD DOCUMENT-URI");
		return;
	}
	const char *word = args->items[0]->value, *uri = args->items[1]->value;
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = lsp_doc_find(srv, uri);
	struct lsp_site *site = d && d->site && !d->site->broken ? d->site : NULL;
	pthread_mutex_unlock(&srv->mu);
	if (!site) {
		rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INVALID_PARAMS,
				    "rrm.addWord: the document is not open in a site");
		return;
	}
	struct rrm_action a = {.op = RRM_ACTION_ADD_WORD,
			       .word = (char *)word,
			       .dict = rrm_dict_house_path(&site->config)};
	char *error = NULL;
	pthread_mutex_lock(&site->mu);
	int rc = rrm_action_apply(&site->config, &a, &error);
	if (rc == 0)
		rrm_lint_session_reload_speller(site->session);
	pthread_mutex_unlock(&site->mu);
	if (rc != 0) {
		rrm_lsp_reply_error(&srv->out, msg->id, RRM_RPC_INTERNAL_ERROR,
				    error ? error : "rrm.addWord failed");
	} else {
		rrm_lsp_reply(&srv->out, msg->id, "null");
		lsp_log(srv, 3, "added '%s' to %s", word, a.dict);
		/* every open document of the site is checked again with the new word */
		pthread_mutex_lock(&srv->mu);
		for (struct lsp_doc *o = srv->docs; o; o = o->next)
			if (o->site == site)
				o->recheck = true;
		lsp_kick(srv);
		pthread_mutex_unlock(&srv->mu);
	}
	free(error);
	free(a.dict);
}
