#include "lsp/rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lib/json.h"

#define MAX_HEADER 8192

void rrm_lsp_reader_init(struct rrm_lsp_reader *r, int fd)
{
	memset(r, 0, sizeof *r);
	r->fd = fd;
}

void rrm_lsp_reader_release(struct rrm_lsp_reader *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* Reads what is there (blocking for at least a byte); false at the end of input. */
static bool fill(struct rrm_lsp_reader *r)
{
	if (r->eof)
		return false;
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->start = 0;
	}
	r->buf = rrm_grow(r->buf, &r->cap, r->len + 65536, 1);
	for (;;) {
		ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n > 0) {
			r->len += (size_t)n;
			return true;
		}
		if (n < 0 && errno == EINTR)
			continue;
		r->eof = true;
		return false;
	}
}

bool rrm_lsp_pending(struct rrm_lsp_reader *r)
{
	if (r->len > r->start)
		return true;
	if (r->eof)
		return false;
	struct pollfd p = {r->fd, POLLIN, 0};
	return poll(&p, 1, 0) > 0;
}

/* The end of the header block in the buffer (past its blank line), or 0. */
static size_t header_end(const struct rrm_lsp_reader *r)
{
	for (size_t i = r->start; i < r->len; i++) {
		if (r->buf[i] != '\n')
			continue;
		if (i + 1 < r->len && r->buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < r->len && r->buf[i + 1] == '\r' && r->buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* Content-Length of the header block h[0..n), or -1. */
static long long content_length(const char *h, size_t n)
{
	long long found = -1;
	const char *p = h, *end = h + n;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		static const char key[] = "content-length:";
		size_t k = sizeof key - 1;
		if ((size_t)(eol - p) > k && !strncasecmp(p, key, k)) {
			const char *v = p + k;
			while (v < eol && (*v == ' ' || *v == '\t'))
				v++;
			long long x = 0;
			const char *d = v;
			while (d < eol && *d >= '0' && *d <= '9' && x < (1LL << 40))
				x = x * 10 + (*d++ - '0');
			while (d < eol && (*d == ' ' || *d == '\t' || *d == '\r'))
				d++;
			if (d == v || d != eol)
				return -1;
			found = x;
		}
		p = eol + 1;
	}
	return found;
}

enum rrm_rpc_read rrm_lsp_read(struct rrm_lsp_reader *r, size_t max, char **body, size_t *len,
			       char **why)
{
	*body = *why = NULL;
	*len = 0;
	size_t he;
	while (!(he = header_end(r))) {
		if (r->len - r->start > MAX_HEADER) {
			r->start = r->len;
			*why = rrm_strdup("a header of more than 8192 bytes");
			return RRM_RPC_BAD_FRAME;
		}
		if (!fill(r))
			return RRM_RPC_EOF;
	}
	long long n = content_length(r->buf + r->start, he - r->start);
	r->start = he;
	if (n < 0) {
		*why = rrm_strdup("no valid Content-Length header");
		return RRM_RPC_BAD_FRAME;
	}
	if ((unsigned long long)n > max) {
		unsigned long long left = (unsigned long long)n;
		while (left > 0) {
			size_t have = r->len - r->start;
			size_t take = have < left ? have : (size_t)left;
			r->start += take;
			left -= take;
			if (left > 0 && !fill(r))
				return RRM_RPC_EOF;
		}
		*why = rrm_asprintf("a message of %lld bytes, more than the limit of %zu", n, max);
		return RRM_RPC_BAD_FRAME;
	}
	while (r->len - r->start < (size_t)n)
		if (!fill(r))
			return RRM_RPC_EOF;
	*body = rrm_strndup(r->buf + r->start, (size_t)n);
	*len = (size_t)n;
	r->start += (size_t)n;
	return RRM_RPC_MESSAGE;
}

void rrm_lsp_writer_init(struct rrm_lsp_writer *w, int fd)
{
	w->fd = fd;
	w->broken = false;
	pthread_mutex_init(&w->mu, NULL);
}

void rrm_lsp_writer_release(struct rrm_lsp_writer *w)
{
	pthread_mutex_destroy(&w->mu);
}

static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return false;
		p += k;
		n -= (size_t)k;
	}
	return true;
}

bool rrm_lsp_send(struct rrm_lsp_writer *w, const char *json, size_t len)
{
	char head[64];
	int hn = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
	pthread_mutex_lock(&w->mu);
	bool ok = !w->broken && write_all(w->fd, head, (size_t)hn) && write_all(w->fd, json, len);
	if (!ok)
		w->broken = true;
	pthread_mutex_unlock(&w->mu);
	return ok;
}

bool rrm_lsp_reply(struct rrm_lsp_writer *w, const char *id, const char *result)
{
	char *m = rrm_asprintf("{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}", id ? id : "null",
			       result);
	bool ok = rrm_lsp_send(w, m, strlen(m));
	free(m);
	return ok;
}

bool rrm_lsp_reply_error(struct rrm_lsp_writer *w, const char *id, int code, const char *message)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_addf(&b, "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":%d,\"message\":",
		     id ? id : "null", code);
	rrm_buf_add_json(&b, message);
	rrm_buf_adds(&b, "}}");
	bool ok = rrm_lsp_send(w, b.data, b.len);
	rrm_buf_release(&b);
	return ok;
}

bool rrm_lsp_call(struct rrm_lsp_writer *w, const char *id, const char *method, const char *params)
{
	struct rrm_buf b;
	rrm_buf_init(&b);
	rrm_buf_adds(&b, "{\"jsonrpc\":\"2.0\",");
	if (id)
		rrm_buf_addf(&b, "\"id\":%s,", id);
	rrm_buf_adds(&b, "\"method\":");
	rrm_buf_add_json(&b, method);
	rrm_buf_addf(&b, ",\"params\":%s}", params);
	bool ok = rrm_lsp_send(w, b.data, b.len);
	rrm_buf_release(&b);
	return ok;
}

const struct rrm_node *rrm_lsp_get(const struct rrm_node *obj, const char *key)
{
	if (!obj || obj->kind != RRM_NODE_MAP)
		return NULL;
	return rrm_node_get(obj, key);
}

static bool typed(const struct rrm_node *n, const char *type)
{
	return n && n->kind == RRM_NODE_SCALAR && n->tag && !strcmp(n->tag + 18, type);
}

const char *rrm_lsp_str(const struct rrm_node *obj, const char *key)
{
	const struct rrm_node *n = rrm_lsp_get(obj, key);
	return typed(n, "str") ? n->value : NULL;
}

bool rrm_lsp_int(const struct rrm_node *obj, const char *key, long long *v)
{
	const struct rrm_node *n = rrm_lsp_get(obj, key);
	if (!typed(n, "int"))
		return false;
	*v = strtoll(n->value, NULL, 10);
	return true;
}

bool rrm_lsp_bool(const struct rrm_node *obj, const char *key)
{
	const struct rrm_node *n = rrm_lsp_get(obj, key);
	return typed(n, "bool") && !strcmp(n->value, "true");
}

const struct rrm_node *rrm_lsp_path(const struct rrm_node *obj, ...)
{
	va_list ap;
	va_start(ap, obj);
	const char *k;
	while (obj && (k = va_arg(ap, const char *)))
		obj = rrm_lsp_get(obj, k);
	va_end(ap);
	return obj;
}

int rrm_lsp_msg_parse(const char *body, size_t len, struct rrm_lsp_msg *msg, char **why)
{
	memset(msg, 0, sizeof *msg);
	*why = NULL;
	struct rrm_yaml_error err;
	if (rrm_json_parse(body, len, &msg->doc, &err)) {
		*why = rrm_asprintf("invalid JSON at %d:%d: %s", err.line, err.column, err.message);
		rrm_yaml_error_release(&err);
		return RRM_RPC_PARSE_ERROR;
	}
	const struct rrm_node *root = msg->doc.root;
	if (!root || root->kind != RRM_NODE_MAP) {
		*why = rrm_strdup(root && root->kind == RRM_NODE_SEQ
					  ? "batches are not supported: send one message at a time"
					  : "a message is a JSON object");
		return RRM_RPC_INVALID_REQUEST;
	}
	const struct rrm_node *id = rrm_lsp_get(root, "id");
	if (typed(id, "int")) {
		msg->id = rrm_strdup(id->value);
	} else if (typed(id, "str")) {
		struct rrm_buf b;
		rrm_buf_init(&b);
		rrm_buf_add_json(&b, id->value);
		msg->id = rrm_buf_detach(&b);
	} else if (id && !typed(id, "null")) {
		*why = rrm_strdup("the id is neither a number nor a string");
		return RRM_RPC_INVALID_REQUEST;
	}
	const struct rrm_node *m = rrm_lsp_get(root, "method");
	const char *version = rrm_lsp_str(root, "jsonrpc");
	if (!version || strcmp(version, "2.0")) {
		*why = rrm_strdup("not JSON-RPC 2.0 (\"jsonrpc\": \"2.0\" missing)");
		return RRM_RPC_INVALID_REQUEST;
	}
	if (m) {
		if (!typed(m, "str")) {
			*why = rrm_strdup("the method is not a string");
			return RRM_RPC_INVALID_REQUEST;
		}
		msg->method = m->value;
	} else if (!rrm_lsp_get(root, "result") && !rrm_lsp_get(root, "error")) {
		*why = rrm_strdup("neither a request, a notification nor a response");
		return RRM_RPC_INVALID_REQUEST;
	}
	msg->params = rrm_lsp_get(root, "params");
	return 0;
}

void rrm_lsp_msg_release(struct rrm_lsp_msg *msg)
{
	rrm_ydoc_release(&msg->doc);
	free(msg->id);
	msg->id = NULL;
}
