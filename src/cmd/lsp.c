/*
 * cmd/lsp.c - rrm lsp: the language server (src/lsp) on standard input and
 * output; its log on standard error (editors keep it in their LSP log).
 */
#include <stdio.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lsp/server.h"

const struct rrm_opt lsp_opts[] = {
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_lsp = {
	"lsp",
	cmd_lsp,
	lsp_opts,
	"",
	"run the language server for editors (LSP)",
	"Speaks the Language Server Protocol on standard input and output: the\n"
	"diagnostics of rrm lint for each open document as it is typed, against the\n"
	"whole site; quick fixes; completion of link URLs and #anchors; go to\n"
	"definition, hover, document symbols and references on links and headings.\n"
	"An editor starts it; see rrm-lsp(1). Exit status: 0 after the client's\n"
	"shutdown and exit, 1 when the client left without shutdown."};

static int on_opt(int id, const char *value, void *data)
{
	(void)id;
	(void)value;
	(void)data;
	return 0;
}

int cmd_lsp(int argc, char **argv, struct rrm_common *common)
{
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_lsp, argc, argv, common, on_opt, NULL, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops) {
		rrm_error("lsp: unexpected argument '%s'", argv[0]);
		return RRM_EXIT_USAGE;
	}
	if ((rc = rrm_apply_dir(common)))
		return rc;
	return rrm_lsp_serve(STDIN_FILENO, STDOUT_FILENO, stderr);
}
