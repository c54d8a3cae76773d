/*
 * rpc.h - JSON-RPC 2.0 with the LSP's framing over two file descriptors:
 * each message is "Content-Length: N\r\n" (other headers ignored), a blank
 * line and N bytes of JSON.
 *
 * JSON in: rrm_json_parse (lib/json.c stays the one owner of jansson, and
 * the node tree is the one the configuration reader already walks). JSON
 * out: rrm_buf and rrm_buf_add_json (lib/util.h), no second JSON library.
 */
#ifndef RRM_LSP_RPC_H
#define RRM_LSP_RPC_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/util.h"
#include "lib/yaml.h"

/* The largest message read (a whole buffer of 16 MiB, escaped, fits). */
#define RRM_LSP_MAX_MESSAGE (64u * 1024u * 1024u)

/* JSON-RPC and LSP error codes. */
enum {
	RRM_RPC_PARSE_ERROR = -32700,
	RRM_RPC_INVALID_REQUEST = -32600,
	RRM_RPC_METHOD_NOT_FOUND = -32601,
	RRM_RPC_INVALID_PARAMS = -32602,
	RRM_RPC_INTERNAL_ERROR = -32603,
	RRM_RPC_NOT_INITIALIZED = -32002,
};

struct rrm_lsp_reader {
	int fd;
	char *buf;
	size_t start, len, cap; /* unread bytes: buf[start..len) */
	bool eof;
};

enum rrm_rpc_read {
	RRM_RPC_EOF = 0,      /* the input is closed */
	RRM_RPC_MESSAGE = 1,  /* *body holds a message (free it) */
	RRM_RPC_BAD_FRAME = 2 /* *why says what was wrong (free it); the reader goes on */
};

void rrm_lsp_reader_init(struct rrm_lsp_reader *r, int fd);
void rrm_lsp_reader_release(struct rrm_lsp_reader *r);
/* Reads the next message; larger than `max` bytes, its body is skipped (BAD_FRAME). */
enum rrm_rpc_read rrm_lsp_read(struct rrm_lsp_reader *r, size_t max, char **body, size_t *len,
			       char **why);
/* Whether input is waiting: buffered, or readable now (the reader does not block). */
bool rrm_lsp_pending(struct rrm_lsp_reader *r);

/* The output: one message at a time from any thread. */
struct rrm_lsp_writer {
	int fd;
	pthread_mutex_t mu;
	bool broken; /* a write failed: the client is gone */
};
void rrm_lsp_writer_init(struct rrm_lsp_writer *w, int fd);
void rrm_lsp_writer_release(struct rrm_lsp_writer *w);
/* Frames and writes one JSON message. False when it could not be written. */
bool rrm_lsp_send(struct rrm_lsp_writer *w, const char *json, size_t len);
/* A response: `id` is the request's id as JSON text ("null" when unknown). */
bool rrm_lsp_reply(struct rrm_lsp_writer *w, const char *id, const char *result);
bool rrm_lsp_reply_error(struct rrm_lsp_writer *w, const char *id, int code, const char *message);
/* A notification or a request of the server (`id` NULL: a notification). */
bool rrm_lsp_call(struct rrm_lsp_writer *w, const char *id, const char *method, const char *params);

/* One message read. */
struct rrm_lsp_msg {
	struct rrm_ydoc doc;
	const char *method;            /* NULL for a response */
	char *id;                      /* the id as JSON text, or NULL for a notification */
	const struct rrm_node *params; /* or NULL */
};
/*
 * Parses a message body. Returns 0, or a JSON-RPC error code with *why set
 * (free it) and msg->id set when the id could be read. Release msg always.
 */
int rrm_lsp_msg_parse(const char *body, size_t len, struct rrm_lsp_msg *msg, char **why);
void rrm_lsp_msg_release(struct rrm_lsp_msg *msg);

/* The node tree of a message, read leniently: NULL / false when missing or of another type. */
const struct rrm_node *rrm_lsp_get(const struct rrm_node *obj, const char *key);
const char *rrm_lsp_str(const struct rrm_node *obj, const char *key);
bool rrm_lsp_int(const struct rrm_node *obj, const char *key, long long *v);
bool rrm_lsp_bool(const struct rrm_node *obj, const char *key);
/* A path of keys: rrm_lsp_path(n, "a", "b", NULL). */
const struct rrm_node *rrm_lsp_path(const struct rrm_node *obj, ...);

#endif
