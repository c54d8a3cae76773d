/* documents.c - open documents (didOpen, didChange, didClose, didSave), their sites. */
#include <stdlib.h>
#include <string.h>

#include "lib/util.h"
#include "lsp/server.h"

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *lsp_uri_path(const char *uri)
{
	if (!uri || strncmp(uri, "file://", 7))
		return NULL;
	const char *p = uri + 7;
	if (!strncmp(p, "localhost/", 10))
		p += 9;
	if (*p != '/')
		return NULL; /* a file on another host */
	struct rrm_buf b;
	rrm_buf_init(&b);
	for (; *p && *p != '?' && *p != '#'; p++) {
		int h, l;
		if (*p == '%' && (h = hex(p[1])) >= 0 && (l = hex(p[2])) >= 0 && (h || l)) {
			rrm_buf_addc(&b, (char)(h * 16 + l));
			p += 2;
		} else {
			rrm_buf_addc(&b, *p);
		}
	}
	char *path = rrm_path_normalize(b.data);
	rrm_buf_release(&b);
	return path;
}

char *lsp_path_uri(const char *path)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		/* unreserved characters and '/' as they are; every other byte encoded */
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
			rrm_buf_addc(&b, (char)*p);
		else
			rrm_buf_addf(&b, "%%%02X", *p);
	}
	return rrm_buf_detach(&b);
}

void lsp_site_free(struct lsp_site *site)
{
	if (site->session)
		rrm_lint_session_free(site->session);
	rrm_config_release(&site->config);
	pthread_mutex_destroy(&site->mu);
	free(site->root);
	free(site);
}

struct lsp_site *lsp_site_for(struct lsp_server *srv, const char *path)
{
	if (!path)
		return NULL;
	char *dir = rrm_strdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	char *root = rrm_config_find_root(dir);
	free(dir);
	if (!root)
		return NULL;
	for (struct lsp_site *s = srv->sites; s; s = s->next)
		if (!strcmp(s->root, root)) {
			free(root);
			return s;
		}
	struct lsp_site *s = rrm_calloc(1, sizeof *s);
	s->root = root;
	pthread_mutex_init(&s->mu, NULL);
	struct rrm_config_error err;
	if (rrm_config_load(&s->config, root, true, &err)) {
		s->broken = true;
		if (err.file)
			lsp_log(srv, 1, "%s:%d:%d: %s (no diagnostics for this site)", err.file,
				err.line, err.column, err.message);
		else
			lsp_log(srv, 1, "%s: %s (no diagnostics for this site)", root,
				err.message ? err.message : "cannot read the configuration");
	} else {
		/* fast: no spelling suggestions (quick fixes look them up) */
		s->options = (struct rrm_lint_options){.suggest = false, .start = s->root};
		s->session = rrm_lint_session_new(&s->config, &s->options);
		lsp_log(srv, 3, "site %s", root);
	}
	rrm_config_error_release(&err);
	s->next = srv->sites;
	srv->sites = s;
	return s;
}

struct lsp_doc *lsp_doc_find(struct lsp_server *srv, const char *uri)
{
	for (struct lsp_doc *d = srv->docs; d && uri; d = d->next)
		if (!strcmp(d->uri, uri))
			return d;
	return NULL;
}

struct lsp_doc *lsp_doc_find_path(struct lsp_server *srv, const char *path)
{
	for (struct lsp_doc *d = srv->docs; d && path; d = d->next)
		if (d->path && !strcmp(d->path, path))
			return d;
	return NULL;
}

void lsp_doc_free(struct lsp_doc *d)
{
	for (size_t i = 0; i < d->n_pulls; i++)
		free(d->pulls[i]);
	free(d->pulls);
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->diagnostics);
	free(d);
}

static const char *doc_uri(const struct rrm_lsp_msg *msg)
{
	return rrm_lsp_str(rrm_lsp_get(msg->params, "textDocument"), "uri");
}

static void changed(struct lsp_server *srv, struct lsp_doc *d)
{
	d->dirty = true;
	d->linted = false;
	lsp_kick(srv);
}

void lsp_did_open(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const struct rrm_node *td = rrm_lsp_get(msg->params, "textDocument");
	const char *uri = rrm_lsp_str(td, "uri");
	const struct rrm_node *text = rrm_lsp_get(td, "text");
	if (!uri || !text || !text->value) {
		lsp_log(srv, 1, "didOpen without a uri or a text: ignored");
		return;
	}
	long long version = 0;
	rrm_lsp_int(td, "version", &version);
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = lsp_doc_find(srv, uri);
	if (!d) {
		d = rrm_calloc(1, sizeof *d);
		d->uri = rrm_strdup(uri);
		d->path = lsp_uri_path(uri);
		d->site = lsp_site_for(srv, d->path);
		if (!d->site)
			lsp_log(srv, 3,
				"%s is in no site (no rrm.yml nor a generator's "
				"configuration above it): no diagnostics",
				uri);
		d->next = srv->docs;
		srv->docs = d;
	}
	free(d->text);
	d->text = rrm_strndup(text->value, text->value_len);
	d->len = text->value_len;
	d->version = version;
	changed(srv, d);
	pthread_mutex_unlock(&srv->mu);
}

/* Applies one change of didChange's contentChanges to `d`. */
static void apply(struct lsp_server *srv, struct lsp_doc *d, const struct rrm_node *c)
{
	const struct rrm_node *text = rrm_lsp_get(c, "text");
	if (!text || !text->value)
		return;
	const struct rrm_node *range = rrm_lsp_get(c, "range");
	if (!range) { /* the whole text */
		free(d->text);
		d->text = rrm_strndup(text->value, text->value_len);
		d->len = text->value_len;
		return;
	}
	size_t at[2];
	const char *ends[2] = {"start", "end"};
	for (int i = 0; i < 2; i++) {
		const struct rrm_node *p = rrm_lsp_get(range, ends[i]);
		long long line = 0, ch = 0;
		rrm_lsp_int(p, "line", &line);
		rrm_lsp_int(p, "character", &ch);
		at[i] = rrm_lsp_offset(d->text, d->len, line < 0 ? 0 : (size_t)line,
				       ch < 0 ? 0 : (size_t)ch, srv->enc);
	}
	if (at[1] < at[0])
		at[1] = at[0];
	size_t n = d->len - (at[1] - at[0]) + text->value_len;
	char *t = rrm_malloc(n + 1);
	memcpy(t, d->text, at[0]);
	memcpy(t + at[0], text->value, text->value_len);
	memcpy(t + at[0] + text->value_len, d->text + at[1], d->len - at[1]);
	t[n] = '\0';
	free(d->text);
	d->text = t;
	d->len = n;
}

void lsp_did_change(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const char *uri = doc_uri(msg);
	const struct rrm_node *changes = rrm_lsp_get(msg->params, "contentChanges");
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = lsp_doc_find(srv, uri);
	if (!d) {
		pthread_mutex_unlock(&srv->mu);
		lsp_log(srv, 1, "didChange of %s, which is not open: ignored", uri ? uri : "?");
		return;
	}
	for (size_t i = 0; changes && changes->kind == RRM_NODE_SEQ && i < changes->n_items; i++)
		apply(srv, d, changes->items[i]);
	long long version;
	if (rrm_lsp_int(rrm_lsp_get(msg->params, "textDocument"), "version", &version))
		d->version = version;
	else
		d->version++;
	changed(srv, d);
	pthread_mutex_unlock(&srv->mu);
}

void lsp_did_close(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const char *uri = doc_uri(msg);
	pthread_mutex_lock(&srv->mu);
	for (struct lsp_doc **p = &srv->docs; *p; p = &(*p)->next) {
		if (strcmp((*p)->uri, uri ? uri : ""))
			continue;
		struct lsp_doc *d = *p;
		*p = d->next;
		/* the index goes back to the file on disk */
		if (d->site && d->path) {
			srv->disk = rrm_grow(srv->disk, &srv->cap_disk, srv->n_disk + 1,
					     sizeof *srv->disk);
			srv->disk[srv->n_disk++] = rrm_strdup(d->path);
			lsp_kick(srv);
		}
		for (size_t i = 0; i < d->n_pulls; i++)
			rrm_lsp_reply(&srv->out, d->pulls[i], "{\"kind\":\"full\",\"items\":[]}");
		lsp_doc_free(d);
		break;
	}
	pthread_mutex_unlock(&srv->mu);
	if (uri) { /* clear what was shown */
		struct rrm_buf b;
		rrm_buf_init(&b);
		rrm_buf_adds(&b, "{\"uri\":");
		rrm_buf_add_json(&b, uri);
		rrm_buf_adds(&b, ",\"diagnostics\":[]}");
		rrm_lsp_call(&srv->out, NULL, "textDocument/publishDiagnostics", b.data);
		rrm_buf_release(&b);
	}
}

void lsp_did_save(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	/* The open buffer's text is what the index holds; a document saved while
	 * not open (or outside the buffer) is read from disk. */
	char *path = lsp_uri_path(doc_uri(msg));
	if (!path)
		return;
	pthread_mutex_lock(&srv->mu);
	struct lsp_doc *d = lsp_doc_find_path(srv, path);
	if (d) {
		d->index_stale = true;
		lsp_kick(srv);
		free(path);
	} else {
		srv->disk = rrm_grow(srv->disk, &srv->cap_disk, srv->n_disk + 1, sizeof *srv->disk);
		srv->disk[srv->n_disk++] = path;
		lsp_kick(srv);
	}
	pthread_mutex_unlock(&srv->mu);
}
