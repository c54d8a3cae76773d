/*
 * actions.h - the repairs offered for a finding (the language server's code
 * actions, later rrm lint --fix): a list of actions, each either edits of
 * the document's text (byte ranges in the text exactly as given, a byte
 * order mark included, and the new text) or an operation the caller
 * performs when the writer chooses it (adding a word to the house
 * dictionary, rrm_action_apply). Listing actions reads the document's text
 * and the site's configuration only: it never writes a file.
 *
 * The actions:
 * - spelling/unknown-word: each suggestion of the speller for the word (the
 *   first preferred) as an edit replacing exactly the word's bytes; adding
 *   the word to the house dictionary (an operation); accepting it in this
 *   article (an edit of the front matter's words field, spelling.words_field,
 *   created when absent; offered only when the front matter is YAML that can
 *   be edited safely).
 * - spelling/rejected (with a hint "write 'X'") and spelling/variant: the
 *   hint in place of the word.
 * - link/case: the destination with the letter case of the URL the site has
 *   (its query and #anchor kept), or of the file (with the site index).
 * - link/alias: the destination rewritten to the page's current URL (its
 *   query and #anchor kept).
 * An edit is offered only when the text at the finding's place is what the
 * finding says it is (the word, the destination as written), so that a stale
 * finding or markup inside a word never yields a wrong edit.
 */
#ifndef RRM_LINT_ACTIONS_H
#define RRM_LINT_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/config.h"
#include "lib/diag.h"
#include "lib/site.h"
#include "lib/spell.h"

/* Replace the bytes [start, end) of the document with `text`. */
struct rrm_text_edit {
	size_t start, end;
	char *text;
};

enum rrm_action_op {
	RRM_ACTION_EDIT,    /* apply `edits` to the document */
	RRM_ACTION_ADD_WORD /* add `word` to the house dictionary `dict` (rrm_action_apply) */
};

struct rrm_action {
	char *title;      /* for the writer: "Replace with 'receive'" */
	const char *kind; /* the LSP code action kind: "quickfix" */
	bool preferred;   /* the one fix to apply without asking */
	enum rrm_rule_id rule;
	enum rrm_action_op op;
	struct rrm_text_edit *edits; /* RRM_ACTION_EDIT: sorted, not overlapping */
	size_t n_edits;
	char *word; /* RRM_ACTION_ADD_WORD: the word, and the dictionary file (absolute) */
	char *dict;
};

struct rrm_actions {
	struct rrm_action *v;
	size_t n, cap;
};

void rrm_actions_init(struct rrm_actions *a);
void rrm_actions_release(struct rrm_actions *a);

/* What the actions are for: the site, and the document as the finding was made on it. */
struct rrm_action_input {
	const struct rrm_config *c;
	const char *path; /* the document: absolute, or relative to the site root */
	const char *text; /* its text (may start with a byte order mark) */
	size_t len;
	struct rrm_speller *sp; /* for suggestions; NULL: none (see rrm_lint_session_speller) */
	/* the site index, for link/case of a file (rrm_lint_session_site); may be NULL */
	const struct rrm_site *site;
	size_t max_suggestions; /* 0: RRM_ACTION_SUGGESTIONS */
};
#define RRM_ACTION_SUGGESTIONS 5

/*
 * Appends to `out` the actions for finding `f` (as the lint engine reported
 * it on `in->text`), in the order to show them. Returns how many it added
 * (0 for a rule with no repair, or when no repair is safe). The speller is
 * asked for suggestions (hunspell's own included: tens of milliseconds) for
 * a spelling/unknown-word finding only; not thread-safe with a lint using
 * the same speller.
 */
size_t rrm_actions_for(const struct rrm_action_input *in, const struct rrm_finding *f,
		       struct rrm_actions *out);

/*
 * Performs an operation action (RRM_ACTION_ADD_WORD: the word added to the
 * dictionary file with rrm_dict_add_words, as rrm dict add adds it). `c` is
 * the site the action was listed for. Returns 0, or -1 with `*error` set to
 * a message (a new string) and nothing written. An edit action is no
 * operation: -1.
 */
int rrm_action_apply(const struct rrm_config *c, const struct rrm_action *a, char **error);

/*
 * The text `text` (`len` bytes) with `n` edits applied (sorted by start, not
 * overlapping; else NULL): a new NUL-terminated string, its length in
 * `*out_len` (may be NULL).
 */
char *rrm_edits_apply(const char *text, size_t len, const struct rrm_text_edit *e, size_t n,
		      size_t *out_len);

#endif
