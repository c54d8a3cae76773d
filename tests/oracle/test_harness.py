#!/usr/bin/env python3
"""Tests of the oracle's own machinery (tests/oracle/run), without hugo, jekyll
or rrm: how a built tree is served, how a page's links are read, how source
links are found and paired with the HTML's. Standard library only."""

import importlib.machinery
import importlib.util
import os
import shutil
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
_loader = importlib.machinery.SourceFileLoader("oracle_run", os.path.join(HERE, "run"))
_spec = importlib.util.spec_from_loader("oracle_run", _loader)
run = importlib.util.module_from_spec(_spec)
_loader.exec_module(run)


def write(root, rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(text)


PAGE = ('<html><head><meta name="oracle-source" content="%s"></head><body>'
        '<nav><a href="/outside-main/">nav</a></nav><main>%s</main></body></html>')
REDIRECT = ('<html><head><meta http-equiv="refresh" content="0; url=%s"></head></html>')


class Served(unittest.TestCase):
    def setUp(self):
        self.out = tempfile.mkdtemp(prefix="oracle-test-")
        write(self.out, "index.html", PAGE % ("index.md", '<h1 id="top">T</h1>'))
        write(self.out, "a/index.html", PAGE % ("a.md", '<h2 id="x">X</h2><a name="n"></a>'))
        write(self.out, "b.html", PAGE % ("b.md", '<p id="p">b</p>'))
        write(self.out, "old/index.html", REDIRECT % "https://example.org/a/")
        write(self.out, "gone/index.html", REDIRECT % "/nowhere/")
        write(self.out, "f.pdf", "%PDF")
        write(self.out, "d/x.txt", "no index here")

    def tearDown(self):
        shutil.rmtree(self.out)

    def built(self, gen):
        return run.Built(self.out, gen, "example.org")

    def test_files_and_folders(self):
        b = self.built("hugo")
        self.assertEqual(b.serve("/"), "index.html")
        self.assertEqual(b.serve("/a/"), "a/index.html")
        self.assertEqual(b.serve("/a"), "a/index.html")  # the server adds the slash
        self.assertEqual(b.serve("/a/index.html"), "a/index.html")
        self.assertEqual(b.serve("/f.pdf"), "f.pdf")
        self.assertIsNone(b.serve("/f.pdf/"))
        self.assertIsNone(b.serve("/d/"))  # a folder without index.html
        self.assertIsNone(b.serve("/A/"))  # the server is case-sensitive
        self.assertIsNone(b.serve("/../etc/passwd"))
        self.assertIsNone(b.serve("/b.html/"))

    def test_extensionless_only_for_jekyll(self):
        self.assertIsNone(self.built("hugo").serve("/b"))
        self.assertEqual(self.built("jekyll").serve("/b"), "b.html")
        self.assertIsNone(self.built("jekyll").serve("/b/"))

    def test_verdicts(self):
        b = self.built("hugo")
        self.assertEqual(b.verdict("/a/#x", "/"), "alive")
        self.assertEqual(b.verdict("/a/#n", "/"), "alive")  # name= counts
        self.assertEqual(b.verdict("/a/#y", "/"), "anchor")
        self.assertEqual(b.verdict("#top", "/"), "alive")
        self.assertEqual(b.verdict("#x", "/"), "anchor")
        self.assertEqual(b.verdict("../a/", "/b.html"), "alive")
        self.assertEqual(b.verdict("x/", "/a/"), "dead")
        self.assertEqual(b.verdict("https://example.org/a/#x", "/"), "alive")
        self.assertEqual(b.verdict("/%61/", "/"), "alive")  # percent-decoded
        self.assertEqual(b.verdict("/f.pdf#page=2", "/"), "alive")
        self.assertIsNone(b.verdict("https://other.org/", "/"))
        self.assertIsNone(b.verdict("//other.org/x", "/"))
        self.assertIsNone(b.verdict("mailto:a@example.org", "/"))

    def test_redirects(self):
        b = self.built("hugo")
        self.assertEqual(b.verdict("/old/", "/"), "alive")
        self.assertEqual(b.verdict("/old/#x", "/"), "alive")  # checked on the target
        self.assertEqual(b.verdict("/old/#zz", "/"), "anchor")
        self.assertEqual(b.verdict("/gone/", "/"), "alive")

    def test_netlify_redirects(self):
        write(self.out, "_redirects", "# comment\n/from/  /a/  301\n/wild/*  /:splat  302\n")
        site = tempfile.mkdtemp(prefix="oracle-test-")
        try:
            write(site, "netlify.toml", '[[redirects]]\nfrom = "/t/*"\nto = "/a/"\n')
            b = run.Built(self.out, "hugo", "example.org", "/", site)
        finally:
            shutil.rmtree(site)
        self.assertEqual(b.verdict("/from", "/"), "alive")
        self.assertEqual(b.verdict("/from/#x", "/"), "alive")
        self.assertEqual(b.verdict("/from/#zz", "/"), "anchor")  # the fragment travels
        self.assertEqual(b.verdict("/wild/b.html#p", "/"), "alive")
        self.assertEqual(b.verdict("/wild/b.html#q", "/"), "anchor")
        self.assertEqual(b.verdict("/t/anything", "/"), "alive")
        self.assertEqual(b.verdict("/fro/", "/"), "dead")
        self.assertIsNone(self.built("hugo").netlify("/t/x"))  # netlify.toml is the source's

    def test_page_reading(self):
        b = self.built("hugo")
        self.assertEqual(b.pages["a/index.html"].source, "a.md")
        self.assertEqual(b.pages["index.html"].links, [])  # /outside-main/ is not content
        self.assertEqual(b.url_of("a/index.html"), "/a/")
        self.assertEqual(b.url_of("b.html"), "/b.html")

    def test_served_below_a_path(self):
        b = run.Built(self.out, "jekyll", "example.org", "/blog/")
        self.assertEqual(b.url_of("a/index.html"), "/blog/a/")
        self.assertEqual(b.serve("/blog/a/"), "a/index.html")
        self.assertEqual(b.serve("/blog"), "index.html")
        self.assertEqual(b.serve("/blog/b"), "b.html")
        self.assertIsNone(b.serve("/a/"))
        self.assertIsNone(b.serve("/bloga/"))
        self.assertEqual(b.verdict("../b.html#p", "/blog/a/"), "alive")
        self.assertEqual(b.verdict("../../a/", "/blog/a/"), "dead")


class SourceLinks(unittest.TestCase):
    def links(self, text, name="x.md"):
        d = tempfile.mkdtemp(prefix="oracle-test-")
        try:
            write(d, name, text)
            return run.source_links(os.path.join(d, name))
        finally:
            shutil.rmtree(d)

    def test_forms(self):
        t = ("---\ntitle: '[no](/front-matter/)'\n---\n"
             "é [a](/a/ \"t\") ![i](<b c.png>) [r]({{< ref \"x.md\" >}}) [l]({% link y.md %})\n"
             "[d]: /def/\n<a href='/h/'>h</a> <img src=/i.png>\n")
        ls = self.links(t)
        self.assertEqual([(l.written, l.form) for l in ls], [
            ("/a/", "markdown"), ("b c.png", "markdown"), ('{{< ref "x.md" >}}', "generated"),
            ("{% link y.md %}", "generated"), ("/def/", "refdef"), ("/h/", "html"),
            ("/i.png", "html")])
        raw = t.encode()
        a = ls[0]
        # byte offsets, as rrm reports them: the span holds the destination
        self.assertTrue(a.start <= raw.index(b"/a/") < a.end)
        self.assertEqual((a.line, a.col), (4, 7))

    def test_toml_front_matter(self):
        ls = self.links('+++\ntitle = "[no](/front-matter/)"\n+++\n[y](/y/)\n')
        self.assertEqual([l.written for l in ls], ["/y/"])

    def test_autolinks_and_bare_urls(self):
        ls = self.links("<https://a.org/x/> see https://a.org/y/, [t](https://a.org/z/) "
                        "`https://a.org/c/`\n")
        self.assertEqual(sorted(l.written for l in ls),
                         ["https://a.org/c/", "https://a.org/x/", "https://a.org/y/",
                          "https://a.org/z/"])  # once each; the one in code pairs with nothing

    def test_html_files_have_no_markdown(self):
        ls = self.links("---\n---\n<p>[x](/md/) <a href=\"/h/\">h</a></p>\n", "p.html")
        self.assertEqual([l.written for l in ls], ["/h/"])

    def test_nested_parentheses(self):
        ls = self.links("[w](/wiki/A_(b)) [x](/y/)\n")
        self.assertEqual([l.written for l in ls], ["/wiki/A_(b)", "/y/"])


class Pairing(unittest.TestCase):
    def src(self, *items):
        return [run.SrcLink(i, i + 1, w, f, 1, i) for i, (w, f) in enumerate(items)]

    def test_exact_and_generated(self):
        s = self.src(("/a/", "markdown"), ("/code/", "markdown"), ("{% link b.md %}", "generated"),
                     ("/c%20d/", "markdown"))
        h = [("href", "/a/", 1), ("href", "/b/", 1), ("href", "/c d/", 1)]
        pairs, left = run.align(s, h)
        self.assertEqual(left, [])
        self.assertEqual([(l.written, x[1]) for l, x in pairs],
                         [("/a/", "/a/"), ("{% link b.md %}", "/b/"), ("/c%20d/", "/c d/")])

    def test_image_inside_a_link(self):
        s = self.src(("i.png", "markdown"), ("/p/", "markdown"), ("/q/", "markdown"))
        h = [("href", "/p/", 1), ("src", "i.png", 1), ("href", "/q/", 1)]
        pairs, left = run.align(s, h)
        self.assertEqual(left, [])
        self.assertEqual(sorted((l.written, x[1]) for l, x in pairs),
                         [("/p/", "/p/"), ("/q/", "/q/"), ("i.png", "i.png")])

    def test_reference_definitions_and_leftovers(self):
        s = self.src(("/def/", "refdef"), ("/a/", "markdown"))
        h = [("href", "/def/", 1), ("href", "/a/", 1), ("href", "/def/", 1), ("href", "/new/", 1)]
        pairs, left = run.align(s, h)
        self.assertEqual(sorted(l.written for l, _ in pairs), ["/a/", "/def/", "/def/"])
        self.assertEqual(left, [("href", "/new/", 1)])


class Verdicts(unittest.TestCase):
    def test_rrm_rules(self):
        v = lambda *rules: run.rrm_verdict([{"rule": r} for r in rules])
        self.assertEqual(v(), "alive")
        self.assertEqual(v("link/anchor"), "anchor")
        self.assertEqual(v("link/image"), "dead")
        self.assertEqual(v("link/draft", "link/anchor"), "dead")
        self.assertEqual(v("link/new-rule"), "link/new-rule")  # never agrees silently


class Known(unittest.TestCase):
    def test_known_txt_reads(self):
        known = run.read_known()
        self.assertTrue(known)
        for k in known:
            self.assertTrue(k["modes"] <= {"zero", "config"}, k)
            self.assertTrue(os.path.isdir(os.path.join(run.SITES, k["site"])), k)
            self.assertTrue(os.path.isfile(os.path.join(run.SITES, k["site"], k["file"])), k)


if __name__ == "__main__":
    unittest.main()
