/* workspace.c - workspace/didChangeWatchedFiles. */
#include <stdlib.h>

#include "lib/util.h"
#include "lsp/server.h"

void lsp_did_change_watched_files(struct lsp_server *srv, const struct rrm_lsp_msg *msg)
{
	const struct rrm_node *changes = rrm_lsp_get(msg->params, "changes");
	if (!changes || changes->kind != RRM_NODE_SEQ)
		return;
	pthread_mutex_lock(&srv->mu);
	for (size_t i = 0; i < changes->n_items; i++) {
		char *path = lsp_uri_path(rrm_lsp_str(changes->items[i], "uri"));
		if (!path)
			continue;
		srv->disk = rrm_grow(srv->disk, &srv->cap_disk, srv->n_disk + 1, sizeof *srv->disk);
		srv->disk[srv->n_disk++] = path;
	}
	lsp_kick(srv);
	pthread_mutex_unlock(&srv->mu);
}
