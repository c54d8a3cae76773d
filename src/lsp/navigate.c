/*
 * navigate.c - what the editor asks of a document and the site: completion
 * of link destinations, go to definition, hover, document symbols and
 * references. query.c answers in bytes and 1-based lines; this file turns
 * LSP positions into byte offsets and back, in the negotiated encoding.
 *
 * Each request copies what it needs of the document under srv->mu (a file
 * of a site that is not open is read from disk), then
 * asks query.c under the site's mu (the session's index is the one the
 * lints use: it holds the buffers of open documents as they were last
 * linted). Nothing here writes a file.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lint/query.h"
#include "lsp/server.h"

/* A request's document, copied. */
struct nav {
	struct lsp_site *site; /* NULL: outside any site (or rrm.yml is broken) */
	char *uri, *path, *text;
	size_t len;
	enum rrm_lsp_encoding enc;
	size_t offset;              /* of params.position */
	struct rrm_lsp_lines lines; /* of text */
};

static void nav_release(struct nav *n)
{
	free(n->uri);
	free(n->path);
	free(n->text);
	rrm_lsp_lines_release(&n->lines);
}

/* The document of params.textDocument (and the offset of params.position); false: not open. */
static bool nav_begin(struct lsp_server *srv, const struct rrm_lsp_msg *msg, struct nav *n)
{
	memset(n, 0, sizeof *n);
	const char *uri = rrm_lsp_str(rrm_lsp_get(msg->params, "textDocument"), "uri");
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = uri ? lsp_doc_find(srv, uri) : NULL;
	n->enc = srv->enc;
	if (d && d->path) {
		n->site = d->site && !d->site->broken && d->site->session ? d->site : NULL;
		n->uri = rrm_strdup(d->uri);
		n->path = rrm_strdup(d->path);
		n->text = rrm_strndup(d->text, d->len);
		n->len = d->len;
		pthread_mutex_unlock(&srv->mu);
	} else {
		/* a file of a site that is not open (a client asks about the file it
		 * jumped to before opening it): its text on disk */
		n->path = d ? NULL : lsp_uri_path(uri);
		struct lsp_site *site = n->path ? lsp_site_for(srv, n->path) : NULL;
		pthread_mutex_unlock(&srv->mu);
		int err;
		if (!site || site->broken || !site->session ||
		    rrm_read_file(n->path, RRM_MAX_FILE_SIZE, &n->text, &n->len, &err) !=
			    RRM_READ_OK) {
			nav_release(n);
			memset(n, 0, sizeof *n);
			return false;
		}
		n->site = site;
		n->uri = rrm_strdup(uri);
	}
	rrm_lsp_lines_init(&n->lines, n->text, n->len);
	n->offset = lsp_node_offset(rrm_lsp_get(msg->params, "position"), n->text, n->len, n->enc);
	return true;
}

/* The site index (built now if no lint has built it yet), with site->mu held; or NULL. */
static const struct rrm_site *site_index(struct lsp_server *srv, struct lsp_site *site)
{
	const struct rrm_site *idx = rrm_lint_session_site(site->session);
	if (idx)
		return idx;
	struct rrm_lint_error err = {0};
	if (rrm_lint_session_index(site->session, &err) != RRM_LINT_OK)
		lsp_log(srv, 1, "%s: the site cannot be indexed: %s", site->root,
			err.message ? err.message : "?");
	rrm_lint_error_release(&err);
	return rrm_lint_session_site(site->session);
}

/* {"start":..,"end":..} of bytes [from, to) of text. */
static void add_range(struct rrm_buf *b, const struct rrm_lsp_lines *lines, size_t from, size_t to,
		      enum rrm_lsp_encoding enc)
{
	rrm_buf_adds(b, "{\"start\":");
	lsp_add_position(b, lines, from, enc);
	rrm_buf_adds(b, ",\"end\":");
	lsp_add_position(b, lines, to, enc);
	rrm_buf_addc(b, '}');
}

/* The range of a line's 1-based byte columns [column, end_column) on 1-based `line`. */
static void add_line_range(struct rrm_buf *b, int line, const char *lt, size_t ll, int column,
			   int end_column, enum rrm_lsp_encoding enc)
{
	size_t l = line > 0 ? (size_t)line - 1 : 0;
	size_t a = column > 0 ? (size_t)column - 1 : 0,
	       z = end_column > 0 ? (size_t)end_column - 1 : a;
	rrm_buf_addf(b,
		     "{\"start\":{\"line\":%zu,\"character\":%zu},"
		     "\"end\":{\"line\":%zu,\"character\":%zu}}",
		     l, rrm_lsp_units(lt, ll, a, enc), l,
		     rrm_lsp_units(lt, ll, z < a ? a : z, enc));
}

/* ---- completion ---- */

/* LSP CompletionItemKind */
enum { KIND_FILE = 17, KIND_REFERENCE = 18 };

void lsp_completion(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	struct nav n;
	struct rrm_query_link ctx;
	if (!nav_begin(srv, msg, &n) || !rrm_query_link_at(n.text, n.len, n.offset, &ctx)) {
		rrm_lsp_reply(&srv->out, msg->id, "{\"isIncomplete\":false,\"items\":[]}");
		nav_release(&n);
		return;
	}
	struct rrm_query_items items = {0};
	if (n.site) {
		pthread_mutex_lock(&n.site->mu);
		const struct rrm_site *idx = site_index(srv, n.site);
		rrm_query_complete(&n.site->config, idx, n.path, n.text, n.len, n.offset, &ctx,
				   &items);
		pthread_mutex_unlock(&n.site->mu);
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addf(&b, "{\"isIncomplete\":%s,\"items\":[", items.incomplete ? "true" : "false");
	for (size_t i = 0; i < items.n; i++) {
		const struct rrm_query_item *it = &items.v[i];
		if (i)
			rrm_buf_addc(&b, ',');
		rrm_buf_adds(&b, "{\"label\":");
		rrm_buf_add_json(&b, it->label);
		rrm_buf_addf(&b, ",\"kind\":%d",
			     it->kind == RRM_QUERY_FILE ? KIND_FILE : KIND_REFERENCE);
		if (it->detail || it->draft) {
			char *detail = rrm_asprintf("%s%s", it->detail ? it->detail : "",
						    it->draft ? " (draft)" : "");
			rrm_buf_adds(&b, ",\"detail\":");
			rrm_buf_add_json(&b, detail);
			free(detail);
		}
		/* query.c's order: prefix matches sorted, then the others */
		rrm_buf_addf(&b, ",\"sortText\":\"%05zu\",\"filterText\":", i);
		rrm_buf_add_json(&b, it->label);
		rrm_buf_adds(&b, ",\"textEdit\":{\"range\":");
		add_range(&b, &n.lines, items.from, items.to, n.enc);
		rrm_buf_adds(&b, ",\"newText\":");
		rrm_buf_add_json(&b, it->label);
		rrm_buf_adds(&b, "}}");
	}
	rrm_buf_adds(&b, "]}");
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	rrm_query_items_release(&items);
	nav_release(&n);
}

/* ---- definition and hover ---- */

/* Where the link at the request's position leads; false: no link there, or it leads nowhere. */
static bool nav_target(struct lsp_server *srv, struct nav *n, struct rrm_query_link *ctx,
		       struct rrm_query_target *t)
{
	memset(t, 0, sizeof *t);
	if (!n->site || !rrm_query_link_around(n->text, n->len, n->offset, ctx))
		return false;
	char *dest = rrm_strndup(n->text + ctx->start, ctx->end - ctx->start);
	pthread_mutex_lock(&n->site->mu);
	const struct rrm_site *idx = site_index(srv, n->site);
	enum rrm_query_target_kind k =
		rrm_query_resolve(&n->site->config, idx, n->path, n->text, n->len, dest,
				  ctx->kind == RRM_QUERY_IMAGE, t);
	pthread_mutex_unlock(&n->site->mu);
	free(dest);
	return k != RRM_QUERY_NONE;
}

/* The target's place as an LSP range of zero length: its heading, or the file's start. */
static void add_target_range(struct rrm_buf *b, const struct nav *n,
			     const struct rrm_query_target *t)
{
	char *text = NULL;
	size_t len = 0;
	const char *src = NULL;
	if (t->line > 0 && !strcmp(t->file, n->path)) { /* this buffer */
		src = n->text;
		len = n->len;
	} else if (t->line > 0) {
		int err;
		if (rrm_read_file(t->file, RRM_MAX_FILE_SIZE, &text, &len, &err) == RRM_READ_OK)
			src = text;
	}
	if (!src) {
		rrm_buf_adds(b, "{\"start\":{\"line\":0,\"character\":0},"
				"\"end\":{\"line\":0,\"character\":0}}");
		return;
	}
	size_t ll;
	size_t s = rrm_lsp_line(src, len, (size_t)t->line - 1, &ll);
	add_line_range(b, t->line, src + s, ll, t->column, t->column, n->enc);
	free(text);
}

void lsp_definition(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	struct nav n;
	struct rrm_query_link ctx;
	struct rrm_query_target t;
	if (!nav_begin(srv, msg, &n) || !nav_target(srv, &n, &ctx, &t)) {
		rrm_lsp_reply(&srv->out, msg->id, "null");
		nav_release(&n);
		return;
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	char *uri = lsp_path_uri(t.file);
	rrm_buf_adds(&b, "{\"uri\":");
	rrm_buf_add_json(&b, uri);
	rrm_buf_adds(&b, ",\"range\":");
	add_target_range(&b, &n, &t);
	rrm_buf_addc(&b, '}');
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	free(uri);
	rrm_query_target_release(&t);
	nav_release(&n);
}

/* `s` in a Markdown code span (backticks inside it made safe by a longer fence). */
static void add_code(struct rrm_buf *b, const char *s)
{
	size_t run = 0, longest = 0, n = strlen(s);
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* a space inside each end only where a backtick would touch the fence */
	const char *pad = n && (s[0] == '`' || s[n - 1] == '`') ? " " : "";
	for (size_t i = 0; i <= longest; i++)
		rrm_buf_addc(b, '`');
	rrm_buf_addf(b, "%s%s%s", pad, s, pad);
	for (size_t i = 0; i <= longest; i++)
		rrm_buf_addc(b, '`');
}

/* Markdown's punctuation escaped, so that a title shows as written. */
static void add_escaped(struct rrm_buf *b, const char *s)
{
	for (const char *p = s; *p; p++) {
		if (strchr("\\`*_{}[]()<>#+-.!|~", *p))
			rrm_buf_addc(b, '\\');
		rrm_buf_addc(b, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
}

void lsp_hover(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	struct nav n;
	struct rrm_query_link ctx;
	struct rrm_query_target t;
	if (!nav_begin(srv, msg, &n) || !nav_target(srv, &n, &ctx, &t)) {
		rrm_lsp_reply(&srv->out, msg->id, "null");
		nav_release(&n);
		return;
	}
	const char *root = n.site->root;
	char *rel = rrm_path_is_under(t.file, root) ? rrm_path_relative(t.file, root)
						    : rrm_strdup(t.file);
	struct rrm_buf md;
	rrm_buf_init(&md);
	if (t.kind == RRM_QUERY_TO_PAGE) {
		rrm_buf_adds(&md, "**");
		add_escaped(&md, t.title ? t.title : "(no title)");
		rrm_buf_adds(&md, "**");
		if (t.draft)
			rrm_buf_adds(&md, " (draft: not published)");
		rrm_buf_adds(&md, "\n\n");
	}
	if (t.url) {
		add_code(&md, t.url);
		rrm_buf_adds(&md, " \xC2\xB7 "); /* U+00B7 MIDDLE DOT */
	}
	add_code(&md, rel);
	if (t.alias && t.url) {
		rrm_buf_adds(&md, "\n\nReached by an old URL (an alias); the page is now at ");
		add_code(&md, t.url);
	}
	if (t.anchor && t.anchor[0]) {
		rrm_buf_adds(&md, "\n\n");
		add_code(&md, t.anchor);
		if (t.line > 0)
			rrm_buf_addf(&md, ": line %d", t.line);
		else
			rrm_buf_adds(&md, ": no heading or element of that page has this id");
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, "{\"contents\":{\"kind\":\"markdown\",\"value\":");
	rrm_buf_add_json(&b, md.data);
	rrm_buf_addc(&b, '}');
	if (n.offset >= ctx.start && n.offset <= ctx.end) { /* not for a reference's definition */
		rrm_buf_adds(&b, ",\"range\":");
		add_range(&b, &n.lines, ctx.start, ctx.end, n.enc);
	}
	rrm_buf_addc(&b, '}');
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	rrm_buf_release(&md);
	free(rel);
	rrm_query_target_release(&t);
	nav_release(&n);
}

/* ---- document symbols ---- */

/* LSP SymbolKind String: what Markdown servers give a heading */
enum { SYMBOL_STRING = 15 };

/* The byte offset of 1-based `line`, 1-based byte `column` of text. */
static size_t line_col_offset(const struct rrm_lsp_lines *lines, int line, int column)
{
	size_t ll;
	size_t s = rrm_lsp_lines_get(lines, line > 0 ? (size_t)line - 1 : 0, &ll);
	size_t c = column > 0 ? (size_t)column - 1 : 0;
	return s + (c < ll ? c : ll);
}

/* Heading i and those below it (a higher level) as its children; returns the next index. */
static size_t add_symbol(struct rrm_buf *b, const struct rrm_query_headings *h, size_t i,
			 const struct rrm_lsp_lines *lines, enum rrm_lsp_encoding enc)
{
	const char *text = lines->text;
	size_t len = lines->len;
	const struct rrm_query_heading *q = &h->v[i];
	size_t from = q->offset;
	size_t head_end = line_col_offset(lines, q->end_line, q->end_column);
	if (head_end < from)
		head_end = from;
	/* the section: up to the next heading of this level or above, blanks left out */
	size_t end = len;
	for (size_t k = i + 1; k < h->n; k++)
		if (h->v[k].level <= q->level) {
			end = h->v[k].offset;
			break;
		}
	while (end > head_end && strchr(" \t\r\n", text[end - 1]))
		end--;
	rrm_buf_adds(b, "{\"name\":");
	rrm_buf_add_json(b, q->text[0] ? q->text : "(empty heading)");
	if (q->id) {
		char *detail = rrm_asprintf("#%s", q->id);
		rrm_buf_adds(b, ",\"detail\":");
		rrm_buf_add_json(b, detail);
		free(detail);
	}
	rrm_buf_addf(b, ",\"kind\":%d,\"range\":", SYMBOL_STRING);
	add_range(b, lines, from, end, enc);
	rrm_buf_adds(b, ",\"selectionRange\":");
	add_range(b, lines, from, head_end, enc);
	rrm_buf_adds(b, ",\"children\":[");
	size_t k = i + 1;
	while (k < h->n && h->v[k].level > q->level) {
		if (k > i + 1)
			rrm_buf_addc(b, ',');
		k = add_symbol(b, h, k, lines, enc);
	}
	rrm_buf_adds(b, "]}");
	return k;
}

void lsp_document_symbol(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	struct nav n;
	if (!nav_begin(srv, msg, &n) || !n.site) {
		rrm_lsp_reply(&srv->out, msg->id, "[]");
		nav_release(&n);
		return;
	}
	struct rrm_query_headings h;
	/* the configuration is read only: no lock needed for the headings of this text */
	rrm_query_headings(&n.site->config, n.text, n.len, &h);
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '[');
	for (size_t i = 0; i < h.n;) {
		if (i)
			rrm_buf_addc(&b, ',');
		i = add_symbol(&b, &h, i, &n.lines, n.enc);
	}
	rrm_buf_addc(&b, ']');
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	rrm_query_headings_release(&h);
	nav_release(&n);
}

/* ---- references ---- */

void lsp_references(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	struct nav n;
	if (!nav_begin(srv, msg, &n) || !n.site) {
		rrm_lsp_reply(&srv->out, msg->id, "[]");
		nav_release(&n);
		return;
	}
	bool declaration = rrm_lsp_bool(rrm_lsp_get(msg->params, "context"), "includeDeclaration");
	/* what is asked about: the heading under the position, else the link there, else this page
	 */
	struct rrm_query_headings h;
	rrm_query_headings(&n.site->config, n.text, n.len, &h);
	const struct rrm_query_heading *on = NULL;
	size_t ll;
	for (size_t i = 0; i < h.n && !on; i++) {
		size_t s = rrm_lsp_lines_get(&n.lines, (size_t)h.v[i].line - 1, &ll);
		size_t e = line_col_offset(&n.lines, h.v[i].end_line, h.v[i].end_column);
		if (h.v[i].id && n.offset >= s && n.offset <= (e > s + ll ? e : s + ll))
			on = &h.v[i];
	}
	char *target = NULL, *anchor = NULL;
	if (on) {
		target = rrm_strdup(n.path);
		anchor = rrm_strdup(on->id);
	} else {
		struct rrm_query_link ctx;
		struct rrm_query_target t;
		if (nav_target(srv, &n, &ctx, &t)) {
			if (t.kind == RRM_QUERY_TO_PAGE) {
				target = t.file;
				t.file = NULL;
				if (t.anchor && t.anchor[0]) {
					anchor = t.anchor;
					t.anchor = NULL;
				}
			}
			rrm_query_target_release(&t);
		} else {
			target = rrm_strdup(n.path);
		}
	}
	/* the buffers of the site's open documents stand for their files */
	struct rrm_query_text *open = NULL;
	size_t n_open = 0;
	pthread_mutex_lock(&srv->mu);
	for (struct lsp_doc *d = srv->docs; d; d = d->next)
		n_open += d->site == n.site && d->path;
	open = rrm_calloc(n_open + 1, sizeof *open);
	n_open = 0;
	for (struct lsp_doc *d = srv->docs; d; d = d->next)
		if (d->site == n.site && d->path)
			open[n_open++] = (struct rrm_query_text){
				rrm_strdup(d->path), rrm_strndup(d->text, d->len), d->len};
	pthread_mutex_unlock(&srv->mu);

	struct rrm_query_refs refs = {0};
	if (target) {
		pthread_mutex_lock(&n.site->mu);
		const struct rrm_site *idx = site_index(srv, n.site);
		rrm_query_references(&n.site->config, idx, target, anchor, open, n_open, &refs);
		pthread_mutex_unlock(&n.site->mu);
	}
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addc(&b, '[');
	size_t shown = 0;
	if (on && declaration) {
		rrm_buf_adds(&b, "{\"uri\":");
		rrm_buf_add_json(&b, n.uri);
		rrm_buf_adds(&b, ",\"range\":");
		add_range(&b, &n.lines, on->offset,
			  line_col_offset(&n.lines, on->end_line, on->end_column), n.enc);
		rrm_buf_addc(&b, '}');
		shown++;
	}
	for (size_t i = 0; i < refs.n; i++) {
		const struct rrm_query_ref *r = &refs.v[i];
		char *uri = lsp_path_uri(r->file);
		if (shown++)
			rrm_buf_addc(&b, ',');
		rrm_buf_adds(&b, "{\"uri\":");
		rrm_buf_add_json(&b, uri);
		rrm_buf_adds(&b, ",\"range\":");
		add_line_range(&b, r->line, r->line_text, strlen(r->line_text), r->column,
			       r->end_column, n.enc);
		rrm_buf_addc(&b, '}');
		free(uri);
	}
	rrm_buf_addc(&b, ']');
	rrm_lsp_reply(&srv->out, msg->id, b.data);
	rrm_buf_release(&b);
	rrm_query_refs_release(&refs);
	for (size_t i = 0; i < n_open; i++) {
		free((char *)open[i].path);
		free((char *)open[i].text);
	}
	free(open);
	free(target);
	free(anchor);
	rrm_query_headings_release(&h);
	nav_release(&n);
}
