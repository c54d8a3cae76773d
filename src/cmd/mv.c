#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "lib/config.h"
#include "lib/util.h"
#include "lint/move.h"

const struct rrm_opt mv_opts[] = {
	{OPT_DRY_RUN, "dry-run", 'n', NULL, "print the plan; write nothing"},
	{OPT_END, NULL, 0, NULL, NULL},
};

const struct rrm_command rrm_cmd_mv = {
	"mv",
	cmd_mv,
	mv_opts,
	"[OPTIONS] OLD NEW",
	"move or rename an article and rewrite the links to it",
	"Moves the article OLD (a file, or a page bundle's folder) to NEW, keeps its\n"
	"old URL alive (Hugo aliases, Jekyll redirect_from), updates a slug or url\n"
	"that pins the old one, and rewrites every link to it in the site in its own\n"
	"form. All files are written, or none; git mv in a git repository. Refuses\n"
	"(exit 1) when NEW exists, is outside the content folder or has a URL the site\n"
	"already has."};

static int on_opt(int id, const char *value, void *data)
{
	(void)value;
	if (id == OPT_DRY_RUN)
		*(bool *)data = true;
	return 0;
}

/* A path of the site as the user sees it: relative to the folder rrm was started in. */
static char *shown(const struct rrm_config *c, const char *rel, const char *start)
{
	char *abs = rrm_path_join(c->root, rel);
	char *s = rrm_path_relative(abs, start);
	free(abs);
	return s;
}

static void print_plan(const struct rrm_config *c, const struct rrm_move_plan *p, const char *start,
		       FILE *out)
{
	char *a = shown(c, p->from, start), *b = shown(c, p->to, start);
	fprintf(out, "move %s -> %s%s\n", a, b, p->git ? " (git mv)" : "");
	free(a);
	free(b);
	if (strcmp(p->old_url, p->new_url))
		fprintf(out, "url %s -> %s\n", p->old_url, p->new_url);
	if (p->alias)
		fprintf(out, "alias %s (%s)\n", p->alias, p->alias_key);
	if (p->article.front_matter || p->article.links) {
		char *f = shown(c, p->article.file, start);
		fprintf(out, "edit %s:%s %zu link%s\n", f,
			p->article.front_matter ? " front matter," : "", p->article.links,
			p->article.links == 1 ? "" : "s");
		free(f);
	}
	for (size_t i = 0; i < p->n_edits; i++) {
		char *f = shown(c, p->edits[i].file, start);
		fprintf(out, "edit %s: %zu link%s\n", f, p->edits[i].links,
			p->edits[i].links == 1 ? "" : "s");
		free(f);
	}
}

int cmd_mv(int argc, char **argv, struct rrm_common *common)
{
	bool dry_run = false;
	int nops = 0;
	int rc = rrm_parse_options(&rrm_cmd_mv, argc, argv, common, on_opt, &dry_run, &nops);
	if (rc)
		return rc == 1 ? RRM_EXIT_OK : rc;
	if (nops != 2) {
		rrm_error("mv: give the article and its new place: rrm mv OLD NEW");
		return RRM_EXIT_USAGE;
	}
	char cwd[PATH_MAX];
	struct rrm_config c;
	if ((rc = rrm_enter_site(common, &c, cwd, sizeof cwd))) {
		rrm_config_release(&c);
		return rc;
	}
	char *err = NULL;
	struct rrm_move_plan p;
	int r = rrm_move_plan(&c, cwd, argv[0], argv[1], &p, &err);
	if (r == RRM_MOVE_OK) {
		for (size_t i = 0; i < p.n_warnings; i++) {
			char *f = shown(&c, p.warnings[i].file, common->start);
			fprintf(stderr, "%s:%d: warning: %s\n", f, p.warnings[i].line,
				p.warnings[i].message);
			free(f);
		}
		if (dry_run) {
			print_plan(&c, &p, common->start, stdout);
		} else if ((r = rrm_move_apply(&c, &p, &err)) == RRM_MOVE_OK) {
			size_t links = p.article.links, files = 0;
			for (size_t i = 0; i < p.n_edits; i++)
				links += p.edits[i].links, files++;
			char *a = shown(&c, p.from, common->start);
			char *b = shown(&c, p.to, common->start);
			fprintf(stderr,
				"rrm: moved %s to %s%s; %zu link%s rewritten in %zu other file%s",
				a, b, p.git ? " (git mv)" : "", links, links == 1 ? "" : "s", files,
				files == 1 ? "" : "s");
			if (p.alias)
				fprintf(stderr, "; %s %s added", p.alias_key, p.alias);
			fputc('\n', stderr);
			printf("%s\n", b);
			free(a);
			free(b);
		}
	}
	if (err)
		rrm_error("mv: %s", err);
	rc = r == RRM_MOVE_OK        ? RRM_EXIT_OK
	     : r == RRM_MOVE_REFUSED ? RRM_EXIT_FINDINGS
				     : RRM_EXIT_USAGE;
	free(err);
	rrm_move_plan_release(&p);
	rrm_config_release(&c);
	return rc;
}
