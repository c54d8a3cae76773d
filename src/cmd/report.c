/* report.c - the report formats of --format, and writing a command's findings in one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/diag.h"
#include "lib/git.h"
#include "lib/util.h"

static const char *const format_names[] = {"text", "json", "github", "sarif", "words"};

int rrm_parse_format(const char *cmd, const char *value, unsigned allowed, enum rrm_format *format)
{
	size_t n = sizeof format_names / sizeof *format_names;
	for (size_t k = 0; k < n; k++)
		if ((allowed & RRM_FORMAT_BIT(k)) && !strcmp(value, format_names[k])) {
			*format = (enum rrm_format)k;
			return 0;
		}
	struct rrm_buf list;
	rrm_buf_init(&list);
	for (size_t k = 0; k < n; k++)
		if (allowed & RRM_FORMAT_BIT(k)) {
			if (list.len)
				rrm_buf_adds(&list, ", ");
			rrm_buf_adds(&list, format_names[k]);
		}
	rrm_error("%s: --format: '%s' is not one of %s", cmd, value, list.data);
	rrm_buf_release(&list);
	return RRM_EXIT_USAGE;
}

/* GitHub's job summary: the github report's table appended to $GITHUB_STEP_SUMMARY. */
static void write_step_summary(const char *path, const struct rrm_buf *summary)
{
	FILE *f = fopen(path, "a");
	bool ok = f && fwrite(summary->data, 1, summary->len, f) == summary->len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		rrm_error("cannot write $GITHUB_STEP_SUMMARY (%s): %s", path, strerror(errno));
}

bool rrm_write_report(const struct rrm_sink *s, enum rrm_format format, const struct rrm_config *c,
		      const struct rrm_common *common, struct rrm_report_options *ro)
{
	char *repo_root = rrm_git_work_tree(c->root);
	ro->color = format == RRM_FORMAT_TEXT && rrm_use_color(common, STDOUT_FILENO);
	ro->version = RRM_VERSION;
	ro->start = common->start;
	ro->repo_root = repo_root;
	ro->stream = stdout;
	struct rrm_buf out;
	rrm_buf_init(&out);
	switch (format) {
	case RRM_FORMAT_JSON: rrm_report_json(s, ro, &out); break;
	case RRM_FORMAT_WORDS: rrm_report_words(s, &out); break;
	case RRM_FORMAT_SARIF: rrm_report_sarif(s, ro, &out); break;
	case RRM_FORMAT_GITHUB: {
		const char *path = getenv("GITHUB_STEP_SUMMARY");
		struct rrm_buf summary;
		rrm_buf_init(&summary);
		rrm_report_github(s, ro, 10, &out, path && *path ? &summary : NULL);
		if (path && *path)
			write_step_summary(path, &summary);
		rrm_buf_release(&summary);
		break;
	}
	case RRM_FORMAT_TEXT: rrm_report_text(s, ro, &out); break;
	}
	ro->repo_root = NULL;
	ro->stream = NULL;
	free(repo_root);
	fwrite(out.data, 1, out.len, stdout);
	rrm_buf_release(&out);
	return fflush(stdout) == 0 && !ferror(stdout);
}
