// toml.cc - the only owner of toml++ (see toml.h). toml++ is header-only
// C++17; parse errors come as toml::parse_error with the position where the
// parser stopped. The tree is converted into lib/yaml.h's nodes, allocated
// with rrm's allocators (released by rrm_ydoc_release). When memory runs
// out, std::bad_alloc is not caught here: src/oom.cc turns it into rrm's
// clean "out of memory" exit, as for hunspell.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <toml++/toml.h>

extern "C" {
#include "lib/toml.h"
#include "lib/util.h"
}

namespace
{

struct limit_error {
	int line, column;
	std::string message;
};

struct converter {
	rrm_ydoc *doc;

	rrm_node *make(rrm_node_kind kind, const toml::source_region &r, const rrm_node *near)
	{
		auto *n = static_cast<rrm_node *>(rrm_calloc(1, sizeof(rrm_node)));
		n->kind = kind;
		n->style = RRM_STYLE_PLAIN;
		if (r.begin.line > 0) {
			n->line = static_cast<int>(r.begin.line);
			n->column = static_cast<int>(r.begin.column);
			n->end_line = static_cast<int>(r.end.line);
			n->end_column = static_cast<int>(r.end.column);
		} else if (near) { /* a table made implicitly by a dotted key: its key's place */
			n->line = n->end_line = near->line;
			n->column = n->end_column = near->column;
		} else {
			n->line = n->end_line = n->column = n->end_column = 1;
		}
		doc->all = static_cast<rrm_node **>(
			rrm_grow(doc->all, &doc->cap_all, doc->n_all + 1, sizeof *doc->all));
		doc->all[doc->n_all++] = n;
		if (doc->n_all > RRM_YAML_MAX_NODES)
			throw limit_error{n->line, n->column,
					  "more than " + std::to_string(RRM_YAML_MAX_NODES) +
						  " TOML nodes"};
		return n;
	}

	static void set_value(rrm_node *n, const std::string &v, const char *type)
	{
		n->value = rrm_strndup(v.data(), v.size());
		n->value_len = v.size();
		n->tag = rrm_asprintf("tag:yaml.org,2002:%s", type);
	}

	static void append(rrm_node *parent, size_t &cap, rrm_node *child)
	{
		parent->items = static_cast<rrm_node **>(
			rrm_grow(parent->items, &cap, parent->n_items + 1, sizeof *parent->items));
		parent->items[parent->n_items++] = child;
	}

	static std::string two(unsigned v)
	{
		char b[8];
		std::snprintf(b, sizeof b, "%02u", v % 100u);
		return b;
	}

	static std::string date_text(const toml::date &d)
	{
		char b[16];
		std::snprintf(b, sizeof b, "%04u-%02u-%02u", static_cast<unsigned>(d.year) % 10000u,
			      static_cast<unsigned>(d.month) % 100u,
			      static_cast<unsigned>(d.day) % 100u);
		return b;
	}

	static std::string time_text(const toml::time &t)
	{
		std::string s = two(t.hour) + ":" + two(t.minute) + ":" + two(t.second);
		if (t.nanosecond) {
			char b[16];
			std::snprintf(b, sizeof b, ".%09u",
				      static_cast<unsigned>(t.nanosecond) % 1000000000u);
			std::string frac = b;
			while (frac.size() > 2 && frac.back() == '0')
				frac.pop_back();
			s += frac;
		}
		return s;
	}

	static std::string float_text(double v)
	{
		if (std::isnan(v))
			return ".nan";
		if (std::isinf(v))
			return v < 0 ? "-.inf" : ".inf";
		char b[40];
		std::snprintf(b, sizeof b, "%.15g", v);
		if (std::strtod(b, nullptr) != v)
			std::snprintf(b, sizeof b, "%.17g", v);
		return b;
	}

	rrm_node *scalar(const toml::node &v, const rrm_node *near)
	{
		rrm_node *n = make(RRM_NODE_SCALAR, v.source(), near);
		switch (v.type()) {
		case toml::node_type::string:
			n->style = RRM_STYLE_QUOTED;
			set_value(n, *v.value<std::string>(), "str");
			break;
		case toml::node_type::integer:
			set_value(n, std::to_string(*v.value<int64_t>()), "int");
			break;
		case toml::node_type::floating_point:
			set_value(n, float_text(*v.value<double>()), "float");
			break;
		case toml::node_type::boolean:
			set_value(n, *v.value<bool>() ? "true" : "false", "bool");
			break;
		case toml::node_type::date:
			set_value(n, date_text(*v.value<toml::date>()), "timestamp");
			break;
		case toml::node_type::time:
			set_value(n, time_text(*v.value<toml::time>()), "str");
			break;
		case toml::node_type::date_time: {
			const toml::date_time dt = *v.value<toml::date_time>();
			std::string s = date_text(dt.date) + "T" + time_text(dt.time);
			if (dt.offset) {
				int m = dt.offset->minutes;
				if (m == 0) {
					s += "Z";
				} else {
					s += m < 0 ? "-" : "+";
					m = m < 0 ? -m : m;
					s += two(static_cast<unsigned>(m / 60)) + ":" +
					     two(static_cast<unsigned>(m % 60));
				}
			}
			set_value(n, s, "timestamp");
			break;
		}
		default: set_value(n, "", "null"); break;
		}
		return n;
	}

	rrm_node *convert(const toml::node &v, int depth, const rrm_node *near)
	{
		if (const toml::table *t = v.as_table()) {
			rrm_node *n = make(RRM_NODE_MAP, v.source(), near);
			if (depth >= RRM_YAML_MAX_DEPTH)
				throw limit_error{n->line, n->column,
						  "nesting deeper than " +
							  std::to_string(RRM_YAML_MAX_DEPTH) +
							  " levels"};
			/* toml++ keeps keys sorted; rrm wants them as written */
			std::vector<std::pair<const toml::key *, const toml::node *>> kv;
			for (auto &&[k, val] : *t)
				kv.emplace_back(&k, &val);
			std::stable_sort(kv.begin(), kv.end(), [](const auto &a, const auto &b) {
				const auto &x = a.first->source().begin,
					   &y = b.first->source().begin;
				return x.line != y.line ? x.line < y.line : x.column < y.column;
			});
			size_t cap = 0;
			for (auto &[k, val] : kv) {
				rrm_node *kn = make(RRM_NODE_SCALAR, k->source(), n);
				set_value(kn, std::string(k->str()), "str");
				append(n, cap, kn);
				append(n, cap, convert(*val, depth + 1, kn));
			}
			return n;
		}
		if (const toml::array *a = v.as_array()) {
			rrm_node *n = make(RRM_NODE_SEQ, v.source(), near);
			if (depth >= RRM_YAML_MAX_DEPTH)
				throw limit_error{n->line, n->column,
						  "nesting deeper than " +
							  std::to_string(RRM_YAML_MAX_DEPTH) +
							  " levels"};
			size_t cap = 0;
			for (const toml::node &item : *a)
				append(n, cap, convert(item, depth + 1, n));
			return n;
		}
		return scalar(v, near);
	}
};

void set_error(rrm_yaml_error *err, int line, int column, const std::string &message)
{
	err->line = line > 0 ? line : 1;
	err->column = column > 0 ? column : 1;
	err->message = rrm_strndup(message.data(), message.size());
}

} // namespace

extern "C" int rrm_toml_parse(const char *text, size_t len, rrm_ydoc *doc, rrm_yaml_error *err)
{
	std::memset(doc, 0, sizeof *doc);
	err->message = nullptr;
	err->line = err->column = 1;
	try {
		toml::table t = toml::parse(std::string_view(text, len));
		converter c{doc};
		doc->root = c.convert(t, 0, nullptr);
		doc->root->line = doc->root->column = 1;
		return 0;
	} catch (const toml::parse_error &e) {
		std::string d(e.description());
		set_error(err, static_cast<int>(e.source().begin.line),
			  static_cast<int>(e.source().begin.column), d);
	} catch (const limit_error &e) {
		set_error(err, e.line, e.column, e.message);
	}
	rrm_ydoc_release(doc);
	return -1;
}

extern "C" const char *rrm_toml_version(void)
{
#define RRM_STR2(x) #x
#define RRM_STR(x) RRM_STR2(x)
	return RRM_STR(TOML_LIB_MAJOR) "." RRM_STR(TOML_LIB_MINOR) "." RRM_STR(TOML_LIB_PATCH);
}
