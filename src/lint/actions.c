#include "lint/actions.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/article.h"
#include "lib/dict.h"
#include "lib/jekyll.h"
#include "lib/util.h"
#include "lib/yaml.h"
#include "lint/engine.h"

void rrm_actions_init(struct rrm_actions *a)
{
	memset(a, 0, sizeof *a);
}

void rrm_actions_release(struct rrm_actions *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct rrm_action *x = &a->v[i];
		free(x->title);
		for (size_t k = 0; k < x->n_edits; k++)
			free(x->edits[k].text);
		free(x->edits);
		free(x->word);
		free(x->dict);
	}
	free(a->v);
	memset(a, 0, sizeof *a);
}

static struct rrm_action *add_action(struct rrm_actions *out, enum rrm_rule_id rule, char *title)
{
	out->v = rrm_grow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	struct rrm_action *x = &out->v[out->n++];
	memset(x, 0, sizeof *x);
	x->title = title;
	x->kind = "quickfix";
	x->rule = rule;
	return x;
}

/* An action of one edit: [start, end) of the document replaced with `text` (copied). */
static void add_edit_action(struct rrm_actions *out, enum rrm_rule_id rule, char *title,
			    bool preferred, size_t start, size_t end, const char *text)
{
	struct rrm_action *x = add_action(out, rule, title);
	x->preferred = preferred;
	x->op = RRM_ACTION_EDIT;
	x->edits = rrm_malloc(sizeof *x->edits);
	x->edits[0] = (struct rrm_text_edit){start, end, rrm_strdup(text)};
	x->n_edits = 1;
}

char *rrm_edits_apply(const char *text, size_t len, const struct rrm_text_edit *e, size_t n,
		      size_t *out_len)
{
	for (size_t i = 0; i < n; i++)
		if (e[i].start > e[i].end || e[i].end > len || (i && e[i].start < e[i - 1].end))
			return NULL;
	struct rrm_buf b;
	rrm_buf_init(&b);
	size_t at = 0;
	for (size_t i = 0; i < n; i++) {
		rrm_buf_add(&b, text + at, e[i].start - at);
		rrm_buf_adds(&b, e[i].text);
		at = e[i].end;
	}
	rrm_buf_add(&b, text + at, len - at);
	if (out_len)
		*out_len = b.len;
	return rrm_buf_detach(&b);
}

/* The document, read as the engine reads it (`flags`); false when it cannot be. */
static bool load_doc(const struct rrm_action_input *in, unsigned flags, struct rrm_article *a)
{
	struct rrm_render render = rrm_lint_render(in->c);
	rrm_article_init(a);
	return rrm_article_load_mem_with(a, in->path, in->text, in->len, flags, &render) ==
	       RRM_LOAD_OK;
}

/*
 * The byte range of the document (BOM included) of a finding's place, from
 * its lines and code-point columns; false when it has none on one line.
 */
static bool finding_range(const struct rrm_article *a, const struct rrm_finding *f, size_t *b,
			  size_t *e)
{
	if (f->line < 1 || f->column < 1 || f->end_line != f->line || f->end_column <= f->column)
		return false;
	*b = rrm_article_offset(a, f->line, f->column);
	*e = rrm_article_offset(a, f->end_line, f->end_column);
	return *b < *e;
}

/*
 * Whether the bytes [b, e) of the article's source are the word `word` as
 * written (Unicode NFC compared), with no markup inside that an edit of
 * the whole range would drop.
 */
static bool word_written(const struct rrm_article *a, size_t b, size_t e, const char *word)
{
	if (!word || strcspn(a->source + b, "*_\\&`<>[]\r\n") < e - b)
		return false;
	char *w = rrm_word_nfc(a->source + b, e - b);
	bool same = !strcmp(w, word);
	free(w);
	return same;
}

/* The word of a spelling/rejected or spelling/variant message: "'WORD' is not house style...". */
static char *message_word(const char *m)
{
	static const char *const after[] = {"' is not house style", "': the house spelling is '"};
	if (!m || m[0] != '\'')
		return NULL;
	for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
		const char *at = strstr(m + 1, after[k]);
		if (at)
			return rrm_strndup(m + 1, (size_t)(at - m - 1));
	}
	return NULL;
}

/* spelling/rejected with a hint, spelling/variant: the house form in place of the word. */
static void house_form(const struct rrm_article *a, const struct rrm_finding *f,
		       struct rrm_actions *out)
{
	size_t b, e;
	if (!f->n_suggestions || !finding_range(a, f, &b, &e))
		return;
	char *word = message_word(f->message);
	if (word_written(a, b, e, word))
		add_edit_action(out, f->rule, rrm_asprintf("Write '%s'", f->suggestions[0]), true,
				b + a->bom, e + a->bom, f->suggestions[0]);
	free(word);
}

/* Front matter: the word accepted in this article. */

/* True when `w` reads back as itself as a plain YAML scalar, in a flow list or a string. */
static bool yaml_plain(const char *w)
{
	const unsigned char *u = (const unsigned char *)w;
	if (!*u)
		return false;
	for (size_t i = 0; u[i]; i++) {
		unsigned char c = u[i];
		bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			     (c >= 'A' && c <= 'Z') || c >= 0x80;
		if (!alnum && (i == 0 || !strchr("'-_.", c)))
			return false;
	}
	/* no line break of YAML 1.1 (NEL, LS, PS) and no BOM */
	return !strstr(w, "\xC2\x85") && !strstr(w, "\xE2\x80\xA8") && !strstr(w, "\xE2\x80\xA9") &&
	       !strstr(w, "\xEF\xBB\xBF");
}

/* The word as a YAML list item: plain when it can be, else double-quoted. */
static char *yaml_item(const char *w)
{
	return yaml_plain(w) ? rrm_strdup(w) : rrm_yaml_quote(w);
}

/* The line break the document uses at the end of the line before byte `at`. */
static const char *line_break_before(const struct rrm_article *a, size_t at)
{
	if (at >= 2 && a->source[at - 1] == '\n' && a->source[at - 2] == '\r')
		return "\r\n";
	if (at >= 1 && a->source[at - 1] == '\r')
		return "\r";
	return "\n";
}

static size_t node_begin(const struct rrm_article *a, const struct rrm_node *n)
{
	return rrm_article_offset(a, n->line, n->column);
}

static size_t node_end(const struct rrm_article *a, const struct rrm_node *n)
{
	return rrm_article_offset(a, n->end_line, n->end_column);
}

/* Whether the words field of the front matter of `a` holds `word` (read as spelling.c reads it). */
static bool field_holds(const struct rrm_article *a, const char *field, const char *word)
{
	if (a->fm_state != RRM_FM_YAML || !a->fm_parsed || !a->fm_doc.root)
		return false;
	const struct rrm_node *v = rrm_node_get(a->fm_doc.root, field);
	if (!v)
		return false;
	size_t count = v->kind == RRM_NODE_SEQ ? v->n_items : 1, wl = strlen(word);
	for (size_t i = 0; i < count; i++) {
		const struct rrm_node *n = v->kind == RRM_NODE_SEQ ? v->items[i] : v;
		if (n->kind != RRM_NODE_SCALAR)
			continue;
		for (const char *s = n->value; *s;) {
			s += strspn(s, " \t\n,");
			size_t l = strcspn(s, " \t\n,");
			if (l == wl && !memcmp(s, word, l))
				return true;
			s += l;
		}
	}
	return false;
}

static size_t root_keys(const struct rrm_article *a)
{
	const struct rrm_node *r = a->fm_doc.root;
	return r && r->kind == RRM_NODE_MAP ? r->n_items / 2 : 0;
}

/*
 * The edit adding `word` to the words field `field` of the front matter of
 * `a` (offsets in its source); false when there is no safe one.
 */
static bool words_field_edit(const struct rrm_article *a, const char *field, const char *word,
			     size_t *at, size_t *end, char **text)
{
	if (a->fm_state != RRM_FM_YAML || !a->fm_parsed)
		return false;
	const struct rrm_node *root = a->fm_doc.root;
	const struct rrm_node *key = NULL, *v = NULL;
	if (root && root->kind != RRM_NODE_MAP)
		return false;
	for (size_t i = 0; root && i + 1 < root->n_items; i += 2) {
		const struct rrm_node *k = root->items[i];
		if (k->kind != RRM_NODE_SCALAR || strcmp(k->value, field))
			continue;
		if (key)
			return false; /* the key twice: which one a generator reads is not sure */
		key = k;
		v = root->items[i + 1];
	}
	/* a block map of keys at the line starts: not "{title: x}", not indented */
	if (root && (a->source[node_begin(a, root)] == '{' || root->column != 1))
		return false;
	char *item = yaml_item(word);
	bool ok = false;
	*text = NULL;
	if (!key) {
		/* a new key, the last of the front matter */
		/* plain: letters, digits, "_-." and inner ':' ("cSpell:ignore") */
		size_t fl = strlen(field);
		bool plain_key = strchr("-_.:", field[0]) == NULL && field[fl - 1] != ':' &&
				 strspn(field, "abcdefghijklmnopqrstuvwxyz"
					       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:") == fl;
		if (plain_key) {
			*at = *end = a->fm_end;
			*text = rrm_asprintf("%s: [%s]%s", field, item,
					     line_break_before(a, a->fm_end));
			ok = true;
		}
	} else if (v->tag) {
		ok = false;
	} else if (v->kind == RRM_NODE_SEQ) {
		for (size_t i = 0; i < v->n_items; i++)
			if (v->items[i]->kind != RRM_NODE_SCALAR || v->items[i]->tag ||
			    v->items[i]->style == RRM_STYLE_BLOCK)
				goto out;
		size_t b = node_begin(a, v);
		const struct rrm_node *last = v->n_items ? v->items[v->n_items - 1] : NULL;
		if (a->source[b] == '[') {
			/* a flow list: after its last item ("[a,]" gives "[a, c,]") */
			*at = *end = last ? node_end(a, last) : b + 1;
			*text = rrm_asprintf("%s%s", last ? ", " : "", item);
			ok = true;
		} else if (a->source[b] == '-' && last) {
			/* a block list: a line after the last item, its dash below theirs */
			size_t ls = rrm_article_offset(a, v->line, 1);
			bool spaces = b - ls == (size_t)(v->column - 1) &&
				      strspn(a->source + ls, " ") >= b - ls;
			if (spaces && (size_t)last->end_line < a->n_lines) {
				*at = *end = a->line_starts[last->end_line];
				*text = rrm_asprintf("%*s- %s%s", v->column - 1, "", item,
						     line_break_before(a, *at));
				ok = true;
			}
		}
	} else if (v->kind == RRM_NODE_SCALAR && v->style != RRM_STYLE_BLOCK) {
		size_t b = node_begin(a, v), e = node_end(a, v);
		enum rrm_scalar_type t = rrm_scalar_type(v);
		if (t == RRM_SCALAR_NULL && v->style == RRM_STYLE_PLAIN) {
			/* "words:" or "words: ~": a list of the word */
			size_t k = node_end(a, key);
			k += strspn(a->source + k, " \t");
			if (a->source[k] == ':' && v->value_len == 0) {
				size_t r = k + 1 + strspn(a->source + k + 1, " \t");
				if (a->source[r] && strchr("#\r\n", a->source[r])) {
					*at = *end = k + 1;
					*text = rrm_asprintf(" [%s]", item);
					ok = true;
				}
			} else if (v->value_len && b < e) {
				*at = b;
				*end = e;
				*text = rrm_asprintf("[%s]", item);
				ok = true;
			}
		} else if (yaml_plain(word) && b < e) {
			/* a string of words: the word after the last */
			char q = a->source[b];
			if (v->style == RRM_STYLE_PLAIN) {
				*at = *end = e;
				*text = rrm_asprintf(" %s", word);
				ok = true;
			} else if ((q == '"' || q == '\'') && a->source[e - 1] == q && e - b >= 2) {
				*at = *end = e - 1;
				struct rrm_buf w;
				rrm_buf_init(&w);
				rrm_buf_addc(&w, ' ');
				for (const char *p = word; *p; p++) {
					if (*p == '\'' && q == '\'')
						rrm_buf_addc(&w, '\'');
					rrm_buf_addc(&w, *p);
				}
				*text = rrm_buf_detach(&w);
				ok = true;
			}
		}
	}
out:
	free(item);
	if (!ok) {
		free(*text);
		*text = NULL;
	}
	return ok;
}

/* spelling/unknown-word: accept the word in this article, when its front matter takes it. */
static void accept_here(const struct rrm_action_input *in, const struct rrm_article *a,
			const struct rrm_finding *f, struct rrm_actions *out)
{
	const char *field = in->c->spelling.words_field;
	size_t at, end;
	char *text;
	if (!field || !*field || !words_field_edit(a, field, f->subject, &at, &end, &text))
		return;
	/* the front matter edited must read back as before with the word added */
	struct rrm_text_edit e = {at + a->bom, end + a->bom, text};
	size_t nl;
	char *next = rrm_edits_apply(in->text, in->len, &e, 1, &nl);
	struct rrm_article b;
	struct rrm_render render = rrm_lint_render(in->c);
	rrm_article_init(&b);
	bool ok = next &&
		  rrm_article_load_mem_with(&b, in->path, next, nl, RRM_ARTICLE_FRONT_MATTER,
					    &render) == RRM_LOAD_OK &&
		  field_holds(&b, field, f->subject) &&
		  root_keys(&b) == root_keys(a) + (rrm_node_get(a->fm_doc.root, field) == NULL) &&
		  b.body_begin - a->body_begin == strlen(text) - (end - at);
	rrm_article_release(&b);
	free(next);
	if (ok)
		add_edit_action(out, f->rule,
				rrm_asprintf("Accept '%s' in this article (front matter %s)",
					     f->subject, field),
				false, e.start, e.end, text);
	free(text);
}

/* spelling/unknown-word: the suggestions, the house dictionary, this article. */
static void unknown_word(const struct rrm_action_input *in, const struct rrm_article *a,
			 const struct rrm_finding *f, struct rrm_actions *out)
{
	size_t b, e;
	if (!f->subject)
		return;
	/* the suggestions: only where the word is written as it reads */
	if (in->sp && finding_range(a, f, &b, &e) && word_written(a, b, e, f->subject)) {
		size_t max = in->max_suggestions ? in->max_suggestions : RRM_ACTION_SUGGESTIONS;
		char **s = rrm_calloc(max, sizeof *s);
		size_t n = rrm_speller_suggest(in->sp, f->subject, s, max, true, NULL);
		for (size_t i = 0; i < n; i++) {
			add_edit_action(out, f->rule, rrm_asprintf("Replace with '%s'", s[i]),
					i == 0, b + a->bom, e + a->bom, s[i]);
			free(s[i]);
		}
		free(s);
	}
	if (rrm_dict_plain_word(f->subject)) {
		char *dict = rrm_dict_house_path(in->c);
		char *shown = rrm_path_relative(dict, in->c->root);
		struct rrm_action *x = add_action(
			out, f->rule,
			rrm_asprintf("Add '%s' to the house dictionary (%s)", f->subject, shown));
		x->op = RRM_ACTION_ADD_WORD;
		x->word = rrm_strdup(f->subject);
		x->dict = dict;
		free(shown);
	}
	accept_here(in, a, f, out);
}

/* Links. */

/* The link of the finding: at its place, its destination written there as it reads. */
static const struct rrm_link *finding_link(const struct rrm_article *a, const struct rrm_finding *f)
{
	if (!f->subject)
		return NULL;
	for (size_t i = 0; i < a->n_links; i++) {
		const struct rrm_link *l = &a->links[i];
		if (l->line != f->line || l->column != f->column || strcmp(l->dest, f->subject))
			continue;
		size_t n = strlen(l->dest);
		if (l->len == n && l->offset + n <= a->len &&
		    !memcmp(a->source + l->offset, l->dest, n))
			return l;
		return NULL;
	}
	return NULL;
}

/* Whether a new destination can be written in place of the old one as it is. */
static bool dest_safe(const char *d)
{
	return *d && !strpbrk(d, " \t\r\n()<>\"'\\[]`");
}

/*
 * link/case: the destination with the letter case of `found`, the URL the
 * site has: the longest tail of the path that matches it but for case takes
 * its case (a relative "../Other/" against "/2020/other/" gives "../other/").
 */
static char *case_fixed(const char *dest, const char *found)
{
	size_t pl = strcspn(dest, "?#"), fl = strlen(found);
	/* a trailing slash one has and the other not */
	size_t pe = pl, fe = fl;
	if (pe && dest[pe - 1] == '/' && (!fe || found[fe - 1] != '/'))
		pe--;
	else if (fe && found[fe - 1] == '/' && (!pe || dest[pe - 1] != '/'))
		fe--;
	char *r = rrm_strdup(dest);
	while (pe && fe) {
		char a = dest[pe - 1], b = found[fe - 1];
		char la = a >= 'A' && a <= 'Z' ? (char)(a + 32) : a;
		char lb = b >= 'A' && b <= 'Z' ? (char)(b + 32) : b;
		if (la != lb)
			break;
		r[--pe] = b;
		fe--;
	}
	return r;
}

/* The URL the message of link/case names: "X exists only as URL: the link breaks...". */
static char *message_found(const char *m)
{
	static const char as[] = " exists only as ",
			  tail[] = ": the link breaks on a case-sensitive";
	const char *a = m ? strstr(m, as) : NULL;
	if (!a)
		return NULL;
	for (const char *n; (n = strstr(a + 1, as));)
		a = n;
	a += strlen(as);
	const char *e = strstr(a, tail);
	return e && e > a ? rrm_strndup(a, (size_t)(e - a)) : NULL;
}

/*
 * link/case of a file ("X exists only with other letter case"): the file or
 * URL the site index has, equal to the link's but for case (a new string), or NULL.
 */
static char *site_case(const struct rrm_action_input *in, const char *dest)
{
	const struct rrm_site *site = in->site;
	size_t pl = strcspn(dest, "?#");
	if (!site || !pl || memchr(dest, '%', pl) || strstr(dest, "://"))
		return NULL;
	char *p = rrm_strndup(dest, pl);
	char *want = NULL;
	int kind = 2; /* a served URL */
	if (p[0] != '/') {
		/* a file, relative to the document's folder */
		char *abs = rrm_path_absolute(in->path, in->c->root);
		char *rel = rrm_path_relative(abs, in->c->root);
		const char *slash = strrchr(rel, '/');
		char *j =
			slash ? rrm_asprintf("%.*s/%s", (int)(slash - rel), rel, p) : rrm_strdup(p);
		want = rrm_path_normalize(j);
		free(j);
		free(rel);
		free(abs);
		kind = 1;
	} else {
		want = rrm_strdup(p);
	}
	free(p);
	size_t page;
	char *found = NULL;
	enum rrm_target t = strncmp(want, "../", 3) && strcmp(want, "..")
				    ? rrm_site_find_file_nocase(site, want, &page)
				    : RRM_TARGET_NONE;
	if (kind == 1 && t == RRM_TARGET_PAGE)
		found = rrm_strdup(site->pages[page].file);
	for (size_t i = 0; !found && i < site->files.cap; i++) {
		const struct rrm_map_entry *e = &site->files.v[i];
		if (e->key && e->value == kind && !strcasecmp(e->key, want))
			found = rrm_strdup(e->key);
	}
	free(want);
	return found;
}

static void link_case(const struct rrm_action_input *in, const struct rrm_article *a,
		      const struct rrm_finding *f, struct rrm_actions *out)
{
	const struct rrm_link *l = finding_link(a, f);
	if (!l)
		return;
	char *found = message_found(f->message);
	if (!found)
		found = site_case(in, l->dest);
	if (!found)
		return;
	char *fix = case_fixed(l->dest, found);
	if (strcmp(fix, l->dest))
		add_edit_action(out, f->rule, rrm_asprintf("Link to '%s' (its letter case)", fix),
				true, l->offset + a->bom, l->offset + strlen(l->dest) + a->bom,
				fix);
	free(fix);
	free(found);
}

/* The length of a Liquid {{ site.baseurl }} at the start of `d`, or 0. */
static size_t liquid_baseurl(const char *d)
{
	if (strncmp(d, "{{", 2))
		return 0;
	size_t i = 2 + strspn(d + 2, " \t");
	if (strncmp(d + i, "site.baseurl", 12))
		return 0;
	i += 12 + strspn(d + i + 12, " \t");
	return !strncmp(d + i, "}}", 2) ? i + 2 : 0;
}

/* link/dead to a .md file that moved (the suggestion the finding carries): the path as it is now.
 */
static void link_moved(const struct rrm_article *a, const struct rrm_finding *f,
		       struct rrm_actions *out)
{
	const struct rrm_link *l = finding_link(a, f);
	if (!l || !f->n_suggestions || !dest_safe(f->suggestions[0]) ||
	    !strstr(f->message, " is gone;") || strstr(l->dest, "{{") || strstr(l->dest, "{%") ||
	    !strcmp(l->dest, f->suggestions[0]))
		return;
	add_edit_action(
		out, f->rule,
		rrm_asprintf("Link to the article where it is now: '%s'", f->suggestions[0]), true,
		l->offset + a->bom, l->offset + strlen(l->dest) + a->bom, f->suggestions[0]);
}

static void link_alias(const struct rrm_action_input *in, const struct rrm_article *a,
		       const struct rrm_finding *f, struct rrm_actions *out)
{
	const struct rrm_link *l = finding_link(a, f);
	if (!l || !f->n_suggestions || !dest_safe(f->suggestions[0]))
		return;
	char *fix;
	size_t lb = liquid_baseurl(l->dest);
	const char *base = in->c->jekyll ? in->c->jekyll->baseurl : NULL;
	size_t bl = base ? strlen(base) : 0;
	if (lb && l->dest[lb] == '/' && f->suggestions[0][0] == '/') {
		/* "{{ site.baseurl }}/old/": the tag kept */
		fix = rrm_asprintf("%.*s%s", (int)lb, l->dest, f->suggestions[0]);
	} else if (strstr(l->dest, "{{") || strstr(l->dest, "{%")) {
		return; /* other template code: not rewritten */
	} else if (bl > 1 && !strncmp(l->dest, base, bl) && l->dest[bl] == '/' &&
		   f->suggestions[0][0] == '/') {
		/* a Jekyll site under a baseurl: the link written with it keeps it */
		fix = rrm_asprintf("%s%s", base, f->suggestions[0]);
	} else {
		fix = rrm_strdup(f->suggestions[0]);
	}
	if (strcmp(fix, l->dest))
		add_edit_action(out, f->rule, rrm_asprintf("Link to the current URL '%s'", fix),
				true, l->offset + a->bom, l->offset + strlen(l->dest) + a->bom,
				fix);
	free(fix);
}

size_t rrm_actions_for(const struct rrm_action_input *in, const struct rrm_finding *f,
		       struct rrm_actions *out)
{
	size_t before = out->n;
	/* a finding that carries its fix (the style/ rules): that edit, checked against the text */
	if (f->fix && f->fix_offset + f->fix_len <= in->len) {
		char *title = f->fix[0] ? rrm_asprintf("Replace with '%s'", f->fix)
					: rrm_asprintf("Delete the repeated '%s'",
						       f->subject ? f->subject : "word");
		add_edit_action(out, f->rule, title, true, f->fix_offset,
				f->fix_offset + f->fix_len, f->fix);
		return out->n - before;
	}
	unsigned flags = RRM_ARTICLE_FRONT_MATTER;
	switch (f->rule) {
	case RRM_RULE_SPELLING_UNKNOWN:
	case RRM_RULE_SPELLING_REJECTED:
	case RRM_RULE_SPELLING_VARIANT: break;
	case RRM_RULE_LINK_CASE:
	case RRM_RULE_LINK_ALIAS:
	case RRM_RULE_LINK_DEAD: flags |= RRM_ARTICLE_BODY; break;
	default: return 0;
	}
	struct rrm_article a;
	if (load_doc(in, flags, &a)) {
		switch (f->rule) {
		case RRM_RULE_SPELLING_UNKNOWN: unknown_word(in, &a, f, out); break;
		case RRM_RULE_SPELLING_REJECTED:
		case RRM_RULE_SPELLING_VARIANT: house_form(&a, f, out); break;
		case RRM_RULE_LINK_CASE: link_case(in, &a, f, out); break;
		case RRM_RULE_LINK_ALIAS: link_alias(in, &a, f, out); break;
		case RRM_RULE_LINK_DEAD: link_moved(&a, f, out); break;
		default: break;
		}
	}
	rrm_article_release(&a);
	return out->n - before;
}

int rrm_action_apply(const struct rrm_config *c, const struct rrm_action *a, char **error)
{
	*error = NULL;
	if (a->op != RRM_ACTION_ADD_WORD || !a->word || !a->dict) {
		*error = rrm_strdup("this action is an edit of the document, not an operation");
		return -1;
	}
	char *shown = rrm_path_relative(a->dict, c->root);
	if (rrm_path_leads_out(a->dict, c->root)) {
		*error = rrm_asprintf("%s leads outside the site; nothing written", shown);
		free(shown);
		return -1;
	}
	char *words[1] = {a->word};
	struct rrm_dict_add_result r;
	switch (rrm_dict_add_words(a->dict, words, 1, NULL, NULL, &r)) {
	case RRM_DICT_ADDED: break;
	case RRM_DICT_ADD_BAD_WORD:
		*error = rrm_asprintf("'%s' is not a dictionary word (no spaces, control "
				      "characters, '#' or '/'; at most %d bytes)",
				      a->word, RRM_DICT_MAX_WORD);
		break;
	case RRM_DICT_ADD_UNREADABLE:
		*error = rrm_asprintf("%s: %s", shown, strerror(r.error));
		break;
	case RRM_DICT_ADD_DECLINED: *error = rrm_strdup("nothing added"); break;
	case RRM_DICT_ADD_UNWRITABLE:
		*error = rrm_asprintf("cannot write %s: %s; the old file is unchanged", shown,
				      strerror(r.error));
		break;
	}
	free(shown);
	return *error ? -1 : 0;
}
