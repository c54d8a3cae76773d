#include "lib/diag.h"

#include "lib/config.h"
#include "lib/map.h"
#include "lib/util.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rrm_sink_init(struct rrm_sink *s)
{
	memset(s, 0, sizeof *s);
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		s->severity[i] = rrm_rules[i].severity;
}

void rrm_config_apply_rules(const struct rrm_config *c, struct rrm_sink *s)
{
	s->severity[RRM_RULE_FM_UNKNOWN_KEY] = c->fm.unknown_keys;
	s->severity[RRM_RULE_STYLE_REPEATED_WORD] = c->style.repeated_words;
	s->severity[RRM_RULE_STYLE_NAME_VARIANT] = c->style.names;
	/* a map of house forms turns style/prefer on (rules: may set its severity) */
	s->severity[RRM_RULE_STYLE_PREFER] = c->style.prefer_from.n ? RRM_SEV_WARNING : RRM_SEV_OFF;
	/* so does a choice of quotes */
	s->severity[RRM_RULE_STYLE_QUOTES] =
		c->style.quotes != RRM_QUOTES_OFF ? RRM_SEV_WARNING : RRM_SEV_OFF;
	for (int i = 0; i < RRM_RULE_COUNT; i++)
		if (c->rules[i] >= 0)
			s->severity[i] = (enum rrm_severity)c->rules[i];
}

static void finding_release(struct rrm_finding *f);

void rrm_sink_release(struct rrm_sink *s)
{
	for (size_t i = 0; i < s->n; i++)
		finding_release(&s->items[i]);
	free(s->items);
	s->items = NULL;
	s->n = s->cap = 0;
}

/* The rule's id, or "" for a problem that is no rule's. */
static const char *rule_id(enum rrm_rule_id rule)
{
	return rule == RRM_RULE_NONE ? "" : rrm_rules[rule].id;
}

/* The paths of findings, one copy each (rrm_finding_set_path). */
static struct rrm_map paths;
static pthread_mutex_t paths_lock = PTHREAD_MUTEX_INITIALIZER;

void rrm_finding_set_path(struct rrm_finding *f, const char *path)
{
	pthread_mutex_lock(&paths_lock);
	f->path = rrm_map_put(&paths, path, strlen(path))->key;
	pthread_mutex_unlock(&paths_lock);
}

static struct rrm_finding *add_v(struct rrm_sink *s, enum rrm_rule_id rule, enum rrm_severity sev,
				 const char *path, int line, int column, const char *fmt,
				 va_list ap)
{
	s->items = rrm_grow(s->items, &s->cap, s->n + 1, sizeof *s->items);
	struct rrm_finding *f = &s->items[s->n++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->severity = sev;
	if (!path)
		path = "";
	if (s->last_path && !strcmp(s->last_path, path)) {
		f->path = s->last_path;
	} else {
		rrm_finding_set_path(f, path);
		s->last_path = f->path;
	}
	f->line = line;
	f->column = column;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	f->message = rrm_malloc((size_t)(n < 0 ? 0 : n) + 1);
	vsnprintf(f->message, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
	return f;
}

struct rrm_finding *rrm_sink_add_problem(struct rrm_sink *s, enum rrm_severity sev,
					 const char *path, int line, int column, const char *fmt,
					 ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct rrm_finding *f = add_v(s, RRM_RULE_NONE, sev, path, line, column, fmt, ap);
	va_end(ap);
	return f;
}

struct rrm_finding *rrm_sink_add(struct rrm_sink *s, enum rrm_rule_id rule, const char *path,
				 int line, int column, int end_line, int end_column, size_t offset,
				 const char *fmt, ...)
{
	if (s->severity[rule] == RRM_SEV_OFF)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	struct rrm_finding *f = add_v(s, rule, s->severity[rule], path, line, column, fmt, ap);
	va_end(ap);
	f->end_line = end_line;
	f->end_column = end_column;
	f->offset = offset;
	return f;
}

/* The suggestions and their text are one block: the pointers, then the strings. */
void rrm_finding_suggest(struct rrm_finding *f, const char *suggestion)
{
	size_t n = f->n_suggestions, text = strlen(suggestion) + 1;
	for (size_t k = 0; k < n; k++)
		text += strlen(f->suggestions[k]) + 1;
	char **v = rrm_malloc((n + 1) * sizeof *v + text);
	char *p = (char *)(v + n + 1);
	for (size_t k = 0; k <= n; k++) {
		const char *from = k < n ? f->suggestions[k] : suggestion;
		size_t len = strlen(from) + 1;
		memcpy(p, from, len);
		v[k] = p;
		p += len;
	}
	free(f->suggestions);
	f->suggestions = v;
	f->n_suggestions = n + 1;
}

void rrm_finding_fix(struct rrm_finding *f, size_t offset, size_t len, const char *text)
{
	free(f->fix);
	f->fix = rrm_strdup(text);
	f->fix_offset = offset;
	f->fix_len = len;
}

static void finding_release(struct rrm_finding *f)
{
	free(f->fix);
	free(f->message);
	free(f->suggestions);
	free(f->subject);
}

void rrm_sink_filter(struct rrm_sink *s, size_t from,
		     bool (*keep)(const struct rrm_finding *f, void *ctx), void *ctx)
{
	size_t w = from;
	for (size_t r = from; r < s->n; r++) {
		if (keep(&s->items[r], ctx))
			s->items[w++] = s->items[r];
		else
			finding_release(&s->items[r]);
	}
	s->n = w;
}

void rrm_sink_take(struct rrm_sink *to, struct rrm_sink *from)
{
	if (!from->n) { /* every finding filtered out: the array may still be there */
		free(from->items);
		from->items = NULL;
		from->cap = 0;
		return;
	}
	to->items = rrm_grow(to->items, &to->cap, to->n + from->n, sizeof *to->items);
	memcpy(to->items + to->n, from->items, from->n * sizeof *from->items);
	to->n += from->n;
	free(from->items);
	from->items = NULL;
	from->n = from->cap = 0;
}

static int finding_cmp(const void *a, const void *b)
{
	const struct rrm_finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	c = strcmp(rule_id(x->rule), rule_id(y->rule));
	if (c)
		return c;
	return strcmp(x->message, y->message);
}

void rrm_sink_sort(struct rrm_sink *s)
{
	if (s->n > 1)
		qsort(s->items, s->n, sizeof *s->items, finding_cmp);
}

size_t rrm_sink_count(const struct rrm_sink *s, enum rrm_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		n += s->items[i].severity == sev;
	return n;
}

/* A report with a stream: what `out` holds so far goes to it, once there is enough. */
static void drain(const struct rrm_report_options *o, struct rrm_buf *out)
{
	if (!o->stream || out->len < 65536)
		return;
	fwrite(out->data, 1, out->len, o->stream);
	out->len = 0;
	out->data[0] = '\0';
}

void rrm_report_text(const struct rrm_sink *s, const struct rrm_report_options *o,
		     struct rrm_buf *out)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		drain(o, out);
		if (o->errors_only && f->severity != RRM_SEV_ERROR)
			continue;
		const char *sev = rrm_severity_name(f->severity);
		const char *bold = o->color ? "\033[1m" : "", *reset = o->color ? "\033[0m" : "";
		const char *tone = !o->color                      ? ""
				   : f->severity == RRM_SEV_ERROR ? "\033[1;31m"
								  : "\033[1;33m";
		if (f->rule == RRM_RULE_NONE && !f->path[0]) { /* rrm: message */
			rrm_buf_adds(out, "rrm: ");
			rrm_buf_add_safe(out, f->message);
			rrm_buf_addc(out, '\n');
			continue;
		}
		rrm_buf_adds(out, bold);
		rrm_buf_add_safe(out, f->path);
		if (f->rule != RRM_RULE_NONE || f->line > 0)
			rrm_buf_addf(out, ":%d:%d", f->line, f->column);
		rrm_buf_addf(out, ":%s %s%s:%s ", reset, tone, sev, reset);
		rrm_buf_add_safe(out, f->message);
		if (f->rule == RRM_RULE_NONE)
			rrm_buf_addc(out, '\n');
		else
			rrm_buf_addf(out, " %s[%s]%s\n", o->color ? "\033[2m" : "",
				     rule_id(f->rule), reset);
	}
}

void rrm_report_json(const struct rrm_sink *s, const struct rrm_report_options *o,
		     struct rrm_buf *out)
{
	rrm_buf_adds(out, "{\"version\":1,\"tool\":{\"name\":\"rrm\",\"version\":");
	rrm_buf_add_json(out, o->version ? o->version : "");
	rrm_buf_adds(out, "},\"findings\":[");
	size_t shown = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		drain(o, out);
		if (o->errors_only && f->severity != RRM_SEV_ERROR)
			continue;
		rrm_buf_adds(out, shown++ ? ",\n" : "\n");
		rrm_buf_adds(out, "{\"rule\":");
		if (f->rule == RRM_RULE_NONE)
			rrm_buf_adds(out, "null");
		else
			rrm_buf_add_json(out, rule_id(f->rule));
		rrm_buf_adds(out, ",\"severity\":");
		rrm_buf_add_json(out, rrm_severity_name(f->severity));
		rrm_buf_adds(out, ",\"path\":");
		if (f->path[0])
			rrm_buf_add_json(out, f->path);
		else
			rrm_buf_adds(out, "null");
		rrm_buf_addf(
			out,
			",\"line\":%d,\"column\":%d,\"end_line\":%d,\"end_column\":%d,\"offset\":%zu",
			f->line, f->column, f->end_line, f->end_column, f->offset);
		rrm_buf_adds(out, ",\"message\":");
		rrm_buf_add_json(out, f->message);
		rrm_buf_adds(out, ",\"suggestions\":[");
		for (size_t k = 0; k < f->n_suggestions; k++) {
			if (k)
				rrm_buf_addc(out, ',');
			rrm_buf_add_json(out, f->suggestions[k]);
		}
		rrm_buf_addc(out, ']');
		if (f->fix) {
			rrm_buf_addf(out, ",\"fix\":{\"offset\":%zu,\"length\":%zu,\"text\":",
				     f->fix_offset, f->fix_len);
			rrm_buf_add_json(out, f->fix);
			rrm_buf_addc(out, '}');
		}
		rrm_buf_addc(out, '}');
	}
	rrm_buf_addf(out, "%s],\"summary\":{\"files\":%zu,\"errors\":%zu,\"warnings\":%zu}%s}\n",
		     shown ? "\n" : "", o->files, rrm_sink_count(s, RRM_SEV_ERROR),
		     rrm_sink_count(s, RRM_SEV_WARNING), o->json_extra ? o->json_extra : "");
}

static int cmp_word(const void *a, const void *b)
{
	return strcmp(((const struct rrm_word_count *)a)->word,
		      ((const struct rrm_word_count *)b)->word);
}

static int cmp_count(const void *a, const void *b)
{
	const struct rrm_word_count *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->word, y->word);
}

size_t rrm_sink_unknown_words(const struct rrm_sink *s, struct rrm_word_count **words)
{
	struct rrm_word_count *v = rrm_malloc((s->n + 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i].rule == RRM_RULE_SPELLING_UNKNOWN && s->items[i].subject)
			v[n++] = (struct rrm_word_count){s->items[i].subject, 1};
	qsort(v, n, sizeof *v, cmp_word);
	size_t d = 0;
	for (size_t i = 0; i < n; i++) {
		if (d && !strcmp(v[d - 1].word, v[i].word))
			v[d - 1].count++;
		else
			v[d++] = v[i];
	}
	qsort(v, d, sizeof *v, cmp_count);
	*words = v;
	return d;
}

void rrm_report_words(const struct rrm_sink *s, struct rrm_buf *out)
{
	struct rrm_word_count *v;
	size_t d = rrm_sink_unknown_words(s, &v);
	for (size_t i = 0; i < d; i++) {
		rrm_buf_addf(out, "%zu\t", v[i].count);
		rrm_buf_add_safe(out, v[i].word);
		rrm_buf_addc(out, '\n');
	}
	free(v);
}

/* Fingerprints. */

static const char *fingerprint_key(const struct rrm_finding *f)
{
	return f->subject ? f->subject : f->message;
}

void rrm_sink_fingerprint(struct rrm_sink *s)
{
	/* (rule, key) -> how many earlier findings of the current file have it */
	struct rrm_map seen = {0};
	struct rrm_buf key;
	rrm_buf_init(&key);
	for (size_t i = 0; i < s->n; i++) {
		struct rrm_finding *f = &s->items[i];
		if (i > 0 && strcmp(s->items[i - 1].path, f->path))
			rrm_map_release(&seen); /* sorted by path: a new file starts */
		/* the rank among the earlier findings of the file with the same rule and key */
		key.len = 0;
		rrm_buf_addf(&key, "%d:", (int)f->rule); /* digits, then the key */
		rrm_buf_adds(&key, fingerprint_key(f));
		struct rrm_map_entry *e = rrm_map_put(&seen, key.data, key.len);
		unsigned rank = (unsigned)e->value++;
		uint64_t h = RRM_FNV64_INIT;
		const char *id = rule_id(f->rule);
		h = rrm_fnv64(h, id, strlen(id) + 1);
		h = rrm_fnv64(h, f->path, strlen(f->path) + 1);
		h = rrm_fnv64(h, fingerprint_key(f), strlen(fingerprint_key(f)) + 1);
		h = rrm_fnv64(h, &rank, sizeof rank);
		snprintf(f->fingerprint, sizeof f->fingerprint, "%016llx", (unsigned long long)h);
	}
	rrm_map_release(&seen);
	rrm_buf_release(&key);
}

/* A path for GitHub and SARIF: relative to the repository root when known. */
static char *repo_path(const struct rrm_report_options *o, const char *path)
{
	if (!o->repo_root || !o->start)
		return rrm_strdup(path);
	char *abs = rrm_path_absolute(path, o->start);
	char *rel = rrm_path_relative(abs, o->repo_root);
	free(abs);
	return rel;
}

/* Workflow-command escaping: data escapes % CR LF; properties also : and ,. */
static void add_gh(struct rrm_buf *b, const char *s, bool property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': rrm_buf_adds(b, "%25"); break;
		case '\r': rrm_buf_adds(b, "%0D"); break;
		case '\n': rrm_buf_adds(b, "%0A"); break;
		case ':':
			if (property)
				rrm_buf_adds(b, "%3A");
			else
				rrm_buf_addc(b, ':');
			break;
		case ',':
			if (property)
				rrm_buf_adds(b, "%2C");
			else
				rrm_buf_addc(b, ',');
			break;
		default: rrm_buf_addc(b, *s);
		}
	}
}

void rrm_report_github(const struct rrm_sink *s, const struct rrm_report_options *o, size_t cap,
		       struct rrm_buf *out, struct rrm_buf *summary)
{
	const char *command = o->command ? o->command : "lint";
	size_t shown[3] = {0, 0, 0}, left[3] = {0, 0, 0};
	for (int pass = RRM_SEV_ERROR; pass >= RRM_SEV_WARNING; pass--)
		for (size_t i = 0; i < s->n; i++) {
			const struct rrm_finding *f = &s->items[i];
			if ((int)f->severity != pass || (o->errors_only && pass != RRM_SEV_ERROR))
				continue;
			if (shown[pass] >= cap) {
				left[pass]++;
				continue;
			}
			shown[pass]++;
			char *p = repo_path(o, f->path);
			rrm_buf_addf(out,
				     "::%s file=", pass == RRM_SEV_ERROR ? "error" : "warning");
			add_gh(out, p, true);
			rrm_buf_addf(out, ",line=%d,col=%d", f->line, f->column);
			if (f->end_line > 0)
				rrm_buf_addf(out, ",endLine=%d,endColumn=%d", f->end_line,
					     f->end_column);
			rrm_buf_adds(out, ",title=");
			add_gh(out, f->rule == RRM_RULE_NONE ? "rrm" : rule_id(f->rule), true);
			rrm_buf_adds(out, "::");
			add_gh(out, f->message, false);
			rrm_buf_addc(out, '\n');
			free(p);
		}
	if (left[RRM_SEV_ERROR] || left[RRM_SEV_WARNING]) {
		rrm_buf_addf(
			out,
			"::notice title=rrm::%zu more error%s and %zu more warning%s not shown here "
			"(GitHub shows %zu of each kind): see the job summary, or run rrm %s\n",
			left[RRM_SEV_ERROR], left[RRM_SEV_ERROR] == 1 ? "" : "s",
			left[RRM_SEV_WARNING], left[RRM_SEV_WARNING] == 1 ? "" : "s", cap, command);
	}
	if (summary) {
		rrm_buf_addf(summary, "### rrm %s: %zu error%s, %zu warning%s\n\n", command,
			     rrm_sink_count(s, RRM_SEV_ERROR),
			     rrm_sink_count(s, RRM_SEV_ERROR) == 1 ? "" : "s",
			     rrm_sink_count(s, RRM_SEV_WARNING),
			     rrm_sink_count(s, RRM_SEV_WARNING) == 1 ? "" : "s");
		if (s->n) {
			struct rrm_report_options plain = *o;
			plain.color = false;
			plain.stream = NULL; /* the summary is not standard output */
			rrm_buf_adds(summary, "```text\n");
			rrm_report_text(s, &plain, summary);
			rrm_buf_adds(summary, "```\n");
		}
	}
}

static const char *sarif_level(enum rrm_severity s)
{
	return s == RRM_SEV_ERROR ? "error" : s == RRM_SEV_WARNING ? "warning" : "none";
}

void rrm_report_sarif(const struct rrm_sink *s, const struct rrm_report_options *o,
		      struct rrm_buf *out)
{
	rrm_buf_adds(out,
		     "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		     "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
		     "      \"name\": \"rrm\",\n      \"version\": ");
	rrm_buf_add_json(out, o->version ? o->version : "");
	rrm_buf_adds(out, ",\n      \"informationUri\": \"https://redrevolution.media/rrm/\",\n"
			  "      \"rules\": [");
	/* the rules of the command, numbered in their order in the table */
	const char *command = o->command ? o->command : "lint";
	int index[RRM_RULE_COUNT], listed = 0;
	for (int i = 0; i < RRM_RULE_COUNT; i++) {
		index[i] = -1;
		if (strcmp(rrm_rule_command((enum rrm_rule_id)i), command))
			continue;
		index[i] = listed;
		rrm_buf_adds(out, listed++ ? ",\n        {" : "\n        {");
		rrm_buf_adds(out, "\"id\": ");
		rrm_buf_add_json(out, rrm_rules[i].id);
		rrm_buf_adds(out, ", \"shortDescription\": {\"text\": ");
		rrm_buf_add_json(out, rrm_rules[i].summary);
		rrm_buf_adds(out, "}, \"helpUri\": ");
		char *uri = rrm_asprintf("https://redrevolution.media/rrm/man/rrm-%s.1.html#%s",
					 command, rrm_rules[i].id);
		rrm_buf_add_json(out, uri);
		free(uri);
		rrm_buf_addf(out, ", \"defaultConfiguration\": {\"level\": \"%s\"}}",
			     sarif_level(rrm_rules[i].severity));
	}
	rrm_buf_adds(out, "\n      ]\n    }},\n");
	if (o->repo_root) {
		char *root =
			rrm_asprintf("file://%s/", strcmp(o->repo_root, "/") ? o->repo_root : "");
		rrm_buf_adds(out, "    \"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": ");
		rrm_buf_add_json(out, root);
		rrm_buf_adds(out, "}},\n");
		free(root);
	}
	rrm_buf_adds(out, "    \"results\": [");
	size_t shown = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct rrm_finding *f = &s->items[i];
		drain(o, out);
		if (o->errors_only && f->severity != RRM_SEV_ERROR)
			continue;
		if (f->rule == RRM_RULE_NONE)
			continue; /* a SARIF result belongs to a rule of the driver */
		rrm_buf_adds(out, shown++ ? ",\n      {" : "\n      {");
		rrm_buf_adds(out, "\"ruleId\": ");
		rrm_buf_add_json(out, rule_id(f->rule));
		rrm_buf_addf(out,
			     ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
			     index[f->rule], sarif_level(f->severity));
		rrm_buf_add_json(out, f->message);
		rrm_buf_adds(
			out,
			"},\n        \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
		char *p = repo_path(o, f->path);
		rrm_buf_add_json(out, p);
		free(p);
		if (o->repo_root)
			rrm_buf_adds(out, ", \"uriBaseId\": \"SRCROOT\"");
		rrm_buf_addf(out, "}, \"region\": {\"startLine\": %d, \"startColumn\": %d",
			     f->line > 0 ? f->line : 1, f->column > 0 ? f->column : 1);
		if (f->end_line >= f->line && f->end_column > 0 &&
		    (f->end_line > f->line || f->end_column > f->column))
			rrm_buf_addf(out, ", \"endLine\": %d, \"endColumn\": %d", f->end_line,
				     f->end_column);
		rrm_buf_adds(out, "}}}],\n        \"partialFingerprints\": {\"rrm/v1\": ");
		rrm_buf_add_json(out, f->fingerprint);
		rrm_buf_adds(out, "}");
		if (f->n_suggestions) {
			rrm_buf_adds(out, ", \"properties\": {\"suggestions\": [");
			for (size_t k = 0; k < f->n_suggestions; k++) {
				if (k)
					rrm_buf_addc(out, ',');
				rrm_buf_add_json(out, f->suggestions[k]);
			}
			rrm_buf_adds(out, "]}");
		}
		if (f->fix) { /* a SARIF fix: the bytes replaced, and the text put there */
			rrm_buf_adds(out, ",\n        \"fixes\": [{\"description\": {\"text\": ");
			rrm_buf_add_json(out, f->fix[0] ? f->fix : "delete");
			rrm_buf_adds(out,
				     "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
			char *fp = repo_path(o, f->path);
			rrm_buf_add_json(out, fp);
			free(fp);
			if (o->repo_root)
				rrm_buf_adds(out, ", \"uriBaseId\": \"SRCROOT\"");
			rrm_buf_addf(
				out,
				"}, \"replacements\": [{\"deletedRegion\": {\"byteOffset\": %zu, "
				"\"byteLength\": %zu}, \"insertedContent\": {\"text\": ",
				f->fix_offset, f->fix_len);
			rrm_buf_add_json(out, f->fix);
			rrm_buf_adds(out, "}}]}]}]");
		}
		rrm_buf_adds(out, "}");
	}
	rrm_buf_adds(out, shown ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
}
