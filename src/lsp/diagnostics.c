/*
 * diagnostics.c - the worker thread: lints changed documents with their
 * site's engine session, publishes textDocument/publishDiagnostics (push)
 * and answers textDocument/diagnostic (pull); updates the index for files
 * changed in the buffer or on disk and re-checks the other open documents.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/diag.h"
#include "lib/rules.h"
#include "lib/util.h"
#include "lsp/server.h"

/* An rrm position (1-based line, code point column) as an LSP one. */
static void position(struct rrm_buf *b, const struct rrm_lsp_lines *lines, int line, int column,
		     enum rrm_lsp_encoding enc)
{
	if (line < 1) {
		rrm_buf_adds(b, "{\"line\":0,\"character\":0}");
		return;
	}
	size_t ll;
	size_t start = rrm_lsp_lines_get(lines, (size_t)line - 1, &ll);
	const char *t = lines->text + start;
	rrm_buf_addf(b, "{\"line\":%d,\"character\":%zu}", line - 1,
		     rrm_lsp_units(t, ll, rrm_lsp_column_byte(t, ll, column), enc));
}

char *lsp_diagnostics_json(const struct rrm_sink *sink, const char *text, size_t len,
			   enum rrm_lsp_encoding enc)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '[');
	struct rrm_lsp_lines lines;
	rrm_lsp_lines_init(&lines, text, len);
	for (size_t i = 0; i < sink->n; i++) {
		const struct rrm_finding *f = &sink->items[i];
		if (i)
			rrm_buf_addc(&b, ',');
		rrm_buf_adds(&b, "{\"range\":{\"start\":");
		position(&b, &lines, f->line, f->column, enc);
		rrm_buf_adds(&b, ",\"end\":");
		if (f->end_line > 0)
			position(&b, &lines, f->end_line, f->end_column, enc);
		else
			position(&b, &lines, f->line, f->column, enc);
		int sev = f->severity == RRM_SEV_ERROR ? 1 : f->severity == RRM_SEV_WARNING ? 2 : 3;
		rrm_buf_addf(&b, "},\"severity\":%d,\"source\":\"rrm\",", sev);
		bool rule = f->rule < RRM_RULE_COUNT;
		if (rule) {
			const char *id = rrm_rules[f->rule].id;
			rrm_buf_adds(&b, "\"code\":");
			rrm_buf_add_json(&b, id);
			/* the helpUri of SARIF (lib/diag.c): the rule's man page section */
			char *uri =
				rrm_asprintf("https://redrevolution.media/rrm/man/rrm-%s.1.html#%s",
					     rrm_rule_command(f->rule), id);
			rrm_buf_adds(&b, ",\"codeDescription\":{\"href\":");
			rrm_buf_add_json(&b, uri);
			rrm_buf_adds(&b, "},");
			free(uri);
		}
		rrm_buf_adds(&b, "\"message\":");
		rrm_buf_add_json(&b, f->message ? f->message : "");
		/* what a code action needs */
		rrm_buf_adds(&b, ",\"data\":{\"rule\":");
		if (rule)
			rrm_buf_add_json(&b, rrm_rules[f->rule].id);
		else
			rrm_buf_adds(&b, "null");
		rrm_buf_adds(&b, ",\"subject\":");
		if (f->subject)
			rrm_buf_add_json(&b, f->subject);
		else
			rrm_buf_adds(&b, "null");
		rrm_buf_addf(&b, ",\"offset\":%zu}}", f->offset);
	}
	rrm_lsp_lines_release(&lines);
	rrm_buf_addc(&b, ']');
	return rrm_buf_detach(&b);
}

static void publish(struct lsp_server *srv, const struct lsp_doc *d)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, "{\"uri\":");
	rrm_buf_add_json(&b, d->uri);
	rrm_buf_addf(&b, ",\"version\":%lld,\"diagnostics\":%s}", d->version, d->diagnostics);
	rrm_lsp_call(&srv->out, NULL, "textDocument/publishDiagnostics", b.data);
	rrm_buf_release(&b);
}

static void answer_pulls(struct lsp_server *srv, struct lsp_doc *d)
{
	for (size_t i = 0; i < d->n_pulls; i++) {
		char *r = rrm_asprintf("{\"kind\":\"full\",\"items\":%s}", d->diagnostics);
		rrm_lsp_reply(&srv->out, d->pulls[i], r);
		free(r);
		free(d->pulls[i]);
	}
	d->n_pulls = 0;
}

void lsp_diagnostic(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const char *uri = rrm_lsp_str(rrm_lsp_get(msg->params, "textDocument"), "uri");
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = lsp_doc_find(srv, uri);
	if (!d) {
		rrm_lsp_reply(&srv->out, msg->id, "{\"kind\":\"full\",\"items\":[]}");
	} else {
		d->pulls = rrm_grow(d->pulls, &d->cap_pulls, d->n_pulls + 1, sizeof *d->pulls);
		d->pulls[d->n_pulls++] = rrm_strdup(msg->id);
		if (d->linted && !d->dirty)
			answer_pulls(srv, d);
		else
			lsp_kick(srv);
	}
	pthread_mutex_unlock(&srv->mu);
}

/* Lints `d` (srv->mu held; released while the lint runs). */
static void lint(struct lsp_server *srv, struct lsp_doc *d)
{
	bool edit = d->dirty;
	d->dirty = d->recheck = false;
	char *uri = rrm_strdup(d->uri);
	char *path = d->path ? rrm_strdup(d->path) : NULL;
	char *text = rrm_strndup(d->text, d->len);
	size_t len = d->len;
	long long version = d->version;
	struct lsp_site *site = d->site;
	pthread_mutex_unlock(&srv->mu);

	char *json = NULL;
	if (site && !site->broken && path) {
		struct rrm_sink sink;
		rrm_sink_init(&sink);
		struct rrm_lint_error err = {0};
		pthread_mutex_lock(&site->mu);
		int rc = rrm_lint_session_lint(site->session, path, text, len, &sink, &err);
		pthread_mutex_unlock(&site->mu);
		if (rc == RRM_LINT_ERROR)
			lsp_log(srv, 1, "%s%s%s", err.file ? err.file : "", err.file ? ": " : "",
				err.message ? err.message : "the lint failed");
		else
			json = lsp_diagnostics_json(&sink, text, len, srv->enc);
		rrm_lint_error_release(&err);
		rrm_sink_release(&sink);
	}
	if (!json)
		json = rrm_strdup("[]");

	pthread_mutex_lock(&srv->mu);
	d = lsp_doc_find(srv, uri);
	if (d && d->version == version && !d->dirty) {
		bool same = d->diagnostics && !strcmp(d->diagnostics, json);
		free(d->diagnostics);
		d->diagnostics = json;
		json = NULL;
		d->linted = true;
		if (edit || !same)
			publish(srv, d);
		answer_pulls(srv, d);
		if (edit && site && !site->broken)
			d->index_stale = true;
	} /* else: outdated, or closed: dropped */
	free(json);
	free(uri);
	free(path);
	free(text);
}

static void recheck_site(struct lsp_server *srv, const struct lsp_site *site,
			 const struct lsp_doc *except)
{
	for (struct lsp_doc *o = srv->docs; o; o = o->next)
		if (o->site == site && o != except)
			o->recheck = true;
}

/* Gives the index the buffer's text of `d` (srv->mu held; released meanwhile). */
static void index_buffer(struct lsp_server *srv, struct lsp_doc *d)
{
	d->index_stale = false;
	char *uri = rrm_strdup(d->uri);
	char *path = rrm_strdup(d->path);
	char *text = rrm_strndup(d->text, d->len);
	size_t len = d->len;
	struct lsp_site *site = d->site;
	pthread_mutex_unlock(&srv->mu);
	struct rrm_lint_error err = {0};
	pthread_mutex_lock(&site->mu);
	int rc = rrm_lint_session_update(site->session, path, text, len, &err);
	pthread_mutex_unlock(&site->mu);
	if (rc == RRM_LINT_ERROR)
		lsp_log(srv, 1, "%s", err.message ? err.message : "the index update failed");
	rrm_lint_error_release(&err);
	pthread_mutex_lock(&srv->mu);
	recheck_site(srv, site, lsp_doc_find(srv, uri));
	free(uri);
	free(path);
	free(text);
}

/* Whether the index holds files named so: articles and pages. */
static bool indexed_name(const char *path)
{
	const char *dot = strrchr(rrm_path_base(path), '.');
	return dot && (!strcmp(dot, ".md") || !strcmp(dot, ".markdown") || !strcmp(dot, ".html") ||
		       !strcmp(dot, ".htm"));
}

/* A file changed on disk (srv->mu held; released meanwhile). */
static void disk_update(struct lsp_server *srv, char *path)
{
	if (!indexed_name(path)) {
		free(path);
		return;
	}
	struct lsp_doc *open = lsp_doc_find_path(srv, path);
	struct lsp_site *site = lsp_site_for(srv, path);
	if (!site) { /* a deleted file's folder may be gone too: the site around it */
		for (struct lsp_site *s = srv->sites; s && !site; s = s->next)
			if (rrm_path_is_under(path, s->root))
				site = s;
	}
	if (!site || site->broken) {
		free(path);
		return;
	}
	if (open) { /* the buffer's text wins */
		open->index_stale = true;
		free(path);
		return;
	}
	pthread_mutex_unlock(&srv->mu);
	char *text = NULL;
	size_t len = 0;
	int e;
	bool exists = rrm_read_file(path, RRM_MAX_FILE_SIZE, &text, &len, &e) == RRM_READ_OK;
	struct rrm_lint_error err = {0};
	pthread_mutex_lock(&site->mu);
	int rc = rrm_lint_session_update(site->session, path, exists ? text : NULL, len, &err);
	pthread_mutex_unlock(&site->mu);
	if (rc == RRM_LINT_ERROR)
		lsp_log(srv, 1, "%s", err.message ? err.message : "the index update failed");
	else
		lsp_log(srv, 4, "index: %s %s", path, exists ? "changed" : "deleted");
	rrm_lint_error_release(&err);
	free(text);
	free(path);
	pthread_mutex_lock(&srv->mu);
	recheck_site(srv, site, NULL);
}

void *lsp_worker(void *arg)
{
	struct lsp_server *srv = arg;
	pthread_mutex_lock(&srv->mu);
	for (;;) {
		struct lsp_doc *d = NULL, *stale = NULL, *again = NULL;
		if (!srv->reading)
			for (d = srv->docs; d && !d->dirty; d = d->next) {
				if (!stale && d->index_stale)
					stale = d;
				if (!again && d->recheck)
					again = d;
			}
		if (srv->stop)
			break;
		if (srv->reading || (!d && !stale && !again && !srv->n_disk)) {
			pthread_cond_wait(&srv->cond, &srv->mu);
			continue;
		}
		/* the document typed in first, then the index, then the others */
		if (d) {
			lint(srv, d);
		} else if (stale) {
			index_buffer(srv, stale);
		} else if (srv->n_disk) {
			char *path = srv->disk[--srv->n_disk];
			disk_update(srv, path);
		} else {
			lint(srv, again);
		}
	}
	pthread_mutex_unlock(&srv->mu);
	return NULL;
}
