#!/usr/bin/env python3
"""A scripted LSP client for the tests of `rrm lsp` (tests/e2e/lsp.bats).

    lsp_client.py RRM SCENARIO SITE [ARG]

starts RRM lsp in SITE, plays SCENARIO (a function below) and prints what
the server said, one fact a line, for the test to compare exactly; exits 1
when the server did not answer in time or broke the protocol. Python's
standard library only. LSP_TIMEOUT (seconds, default 30) bounds each wait.
"""
import json
import os
import queue
import subprocess
import sys
import threading
import time

TIMEOUT = float(os.environ.get("LSP_TIMEOUT", "30"))


class Failure(Exception):
    pass


class Client:
    def __init__(self, rrm, cwd):
        self.proc = subprocess.Popen([rrm, "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.next_id = 1
        self.stderr = b""
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()
        self.err_thread = threading.Thread(target=self._read_err, daemon=True)
        self.err_thread.start()

    def _read_err(self):
        self.stderr = self.proc.stderr.read()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                self.messages.put({"broken": "no Content-Length"})
                return
            body = out.read(length)
            self.messages.put(json.loads(body))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def recv(self, timeout=TIMEOUT):
        try:
            m = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise Failure("no message from the server in %g s" % timeout)
        if m is None:
            raise Failure("the server closed its output")
        if "broken" in m:
            raise Failure(m["broken"])
        return m

    def wait(self, pred, what, timeout=TIMEOUT):
        """The first message (kept or new) for which pred is true; the others are kept in self.seen."""
        for i, m in enumerate(self.seen):
            if pred(m):
                return self.seen.pop(i)
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                raise Failure("waited in vain for " + what)
            m = self.recv(left)
            if pred(m):
                return m
            self.seen.append(m)

    def response(self, rid):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         "the response to %s" % rid)

    def diagnostics(self, uri, version=None):
        def pred(m):
            return (m.get("method") == "textDocument/publishDiagnostics"
                    and m["params"]["uri"] == uri
                    and (version is None or m["params"].get("version") == version))
        return self.wait(pred, "diagnostics of %s (version %s)" % (uri, version))["params"]

    def initialize(self, encodings=None, watch=False):
        caps = {"textDocument": {"publishDiagnostics": {}}}
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        if watch:
            caps["workspace"] = {"didChangeWatchedFiles": {"dynamicRegistration": True}}
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": None,
                                          "capabilities": caps})
        r = self.response(rid)
        self.notify("initialized", {})
        return r["result"]

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": version, "text": text}})

    def finish(self):
        rid = self.request("shutdown", None)
        self.response(rid)
        self.notify("exit", None)
        return self.exit_code()

    def exit_code(self):
        try:
            code = self.proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise Failure("the server did not exit")
        self.err_thread.join(TIMEOUT)  # all of the log read before it is shown
        return code


def uri_of(path):
    return "file://" + os.path.abspath(path)


def show(diags):
    """One line a diagnostic: start-end severity code message."""
    for d in diags:
        r = d["range"]
        print("%d:%d-%d:%d %d %s %s" % (r["start"]["line"], r["start"]["character"],
                                        r["end"]["line"], r["end"]["character"],
                                        d["severity"], d.get("code"), d["message"]))


ARTICLE = "---\ntitle: A\n---\n\U0001F980 Crab \U0001F980 teh word.\n"


def positions(c, site, enc):
    """ARG: the encodings offered, comma-separated, or "none"."""
    offered = None if enc == "none" else enc.split(",")
    res = c.initialize(offered)
    print("encoding", res["capabilities"]["positionEncoding"])
    print("sync", res["capabilities"]["textDocumentSync"]["change"])
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    p = c.diagnostics(uri, 1)
    print("version", p["version"])
    show(p["diagnostics"])
    d = p["diagnostics"][0]
    print("source", d["source"], "href", d["codeDescription"]["href"])
    print("data", json.dumps(d["data"], sort_keys=True, ensure_ascii=False))
    return c.finish()


def edit(c, site, enc):
    """Incremental changes in the encoding ARG; each version's diagnostics."""
    c.initialize([enc])
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    show(c.diagnostics(uri, 1)["diagnostics"])
    # "teh" -> "the": at line 3, after "🦀 Crab 🦀 "
    start = {"utf-16": 11, "utf-8": 15, "utf-32": 9}[enc]
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [
            {"range": {"start": {"line": 3, "character": start},
                       "end": {"line": 3, "character": start + 3}}, "text": "the"},
            {"range": {"start": {"line": 4, "character": 0},
                       "end": {"line": 4, "character": 0}}, "text": "\U0001F1EB\U0001F1F7 wrold\n"}]})
    p = c.diagnostics(uri, 2)
    print("version", p["version"])
    show(p["diagnostics"])
    # a full change
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                        "contentChanges": [{"text": "---\ntitle: A\n---\nfine\n"}]})
    p = c.diagnostics(uri, 3)
    print("version", p["version"], "diagnostics", len(p["diagnostics"]))
    # pull
    rid = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    r = c.response(rid)["result"]
    print("pull", r["kind"], len(r["items"]))
    return c.finish()


def burst(c, site, n):
    """ARG changes sent at once: linted fewer times, the last version published."""
    n = int(n)
    c.initialize()
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    c.diagnostics(uri, 1)
    data = b""
    for v in range(2, n + 2):
        text = ARTICLE + "wrold%s\n" % "".join(chr(97 + int(d)) for d in str(v))
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}}).encode()
        data += b"Content-Length: %d\r\n\r\n" % len(body) + body
    c.send_raw(data)
    p = c.diagnostics(uri, n + 1)
    published = 1 + sum(1 for m in c.seen if m.get("method") == "textDocument/publishDiagnostics")
    print("last version", p["version"])
    show(p["diagnostics"])
    print("coalesced" if published < n else "linted %d times for %d changes" % (published, n))
    return c.finish()


def watched(c, site, how):
    """a.md links to b.md; b.md is deleted on disk; ARG: watched (notification) or save."""
    res = c.initialize(watch=True)
    uri = uri_of(os.path.join(site, "content/a.md"))
    text = open(os.path.join(site, "content/a.md")).read()
    c.open(uri, text)
    show(c.diagnostics(uri, 1)["diagnostics"])
    reg = c.wait(lambda m: m.get("method") == "client/registerCapability", "the watchers")
    print("watchers", " ".join(w["globPattern"] for w in
                               reg["params"]["registrations"][0]["registerOptions"]["watchers"]))
    c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
    os.remove(os.path.join(site, "content/b.md"))
    buri = uri_of(os.path.join(site, "content/b.md"))
    c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": buri, "type": 3}]})
    p = c.diagnostics(uri)
    print("republished", p["version"])
    show(p["diagnostics"])
    # b.md back, as a save of a file not open
    with open(os.path.join(site, "content/b.md"), "w") as f:
        f.write("---\ntitle: B\n---\n# Bee\n")
    if how == "save":
        c.notify("textDocument/didSave", {"textDocument": {"uri": buri}})
    else:
        c.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": buri, "type": 1}]})
    p = c.diagnostics(uri)
    print("republished", p["version"])
    show(p["diagnostics"])
    return c.finish()


def buffers(c, site, _):
    """Two open documents: a heading added in b's buffer (not saved) mends a's link."""
    c.initialize()
    a = uri_of(os.path.join(site, "content/a.md"))
    b = uri_of(os.path.join(site, "content/b.md"))
    c.open(a, "---\ntitle: A\n---\nSee [b](/b/#later).\n")
    show(c.diagnostics(a, 1)["diagnostics"])
    c.open(b, "---\ntitle: B\n---\n# Bee\n")
    c.diagnostics(b, 1)
    c.notify("textDocument/didChange", {"textDocument": {"uri": b, "version": 2},
                                        "contentChanges": [{"text": "---\ntitle: B\n---\n# Bee\n\n## Later\n"}]})
    p = c.diagnostics(a)
    print("republished", p["version"], "diagnostics", len(p["diagnostics"]))
    return c.finish()


def errors(c, site, _):
    """Bad messages get JSON-RPC errors, and the server goes on."""
    def err():
        m = c.wait(lambda m: "error" in m, "an error response")
        print("error", m["id"], m["error"]["code"])
    rid = c.request("textDocument/hover", {})
    err()                                      # before initialize: -32002
    c.notify("textDocument/didOpen", {})       # a notification: no answer
    c.send_raw(b"Content-Length: 9\r\n\r\n{\"a\": 1,}")
    err()                                      # bad JSON: -32700
    c.send_raw(b"Content-Type: x\r\n\r\n")
    err()                                      # no Content-Length: -32700
    c.send_raw(b"Content-Length: 2\r\n\r\n[]")
    err()                                      # no object: -32600
    c.send({"jsonrpc": "2.0", "id": 7, "method": 3})
    err()                                      # method no string: -32600
    c.initialize()
    rid = c.request("rrm/nothing", {})
    err()                                      # unknown method: -32601
    c.notify("$/cancelRequest", {"id": rid})   # unknown notification: no answer
    rid = c.request("initialize", {"capabilities": {}})
    err()                                      # twice: -32600
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    print("still serving", len(c.diagnostics(uri, 1)["diagnostics"]))
    rid = c.request("shutdown", None)
    c.response(rid)
    rid = c.request("textDocument/diagnostic", {"textDocument": {"uri": uri}})
    err()                                      # after shutdown: -32600
    c.notify("exit", None)
    answered = [m for m in c.seen if "id" in m and "method" not in m and "error" not in m]
    print("other answers", [m["id"] for m in answered])
    return c.exit_code()


def outside(c, site, _):
    """A document in no site: no diagnostics and a log message."""
    c.initialize()
    uri = uri_of(os.path.join(site, "note.md"))
    c.open(uri, ARTICLE)
    p = c.diagnostics(uri, 1)
    print("diagnostics", len(p["diagnostics"]))
    log = [m for m in c.seen if m.get("method") == "window/logMessage"]
    print("logged", any("in no site" in m["params"]["message"] for m in log))
    c.open("untitled:Untitled-1", ARTICLE)
    print("untitled", len(c.diagnostics("untitled:Untitled-1", 1)["diagnostics"]))
    return c.finish()


def lifecycle(c, site, how):
    """How the session ends: shutdown+exit, exit alone, or the client vanishing."""
    c.initialize()
    if how == "shutdown":
        return c.finish()
    if how == "exit":
        c.notify("exit", None)
        return c.exit_code()
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    c.proc.stdin.close()   # vanished
    return c.exit_code()


def actions(c, site, _):
    """Quick fixes for 'teh' (after an emoji, UTF-16), then the command that adds it to the
    house dictionary, and the diagnostics published again without it."""
    c.initialize()
    uri = uri_of(os.path.join(site, "content/emoji.md"))
    c.open(uri, ARTICLE)
    c.diagnostics(uri, 1)
    rid = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 12}},
        "context": {"diagnostics": []}})
    acts = c.response(rid)["result"]
    add = None
    for a in acts:
        if "edit" in a:
            for e in a["edit"]["changes"][uri]:
                r = e["range"]
                print("edit %s%s %d:%d-%d:%d %s" % (a["title"], " (preferred)" if a.get("isPreferred") else "",
                                                    r["start"]["line"], r["start"]["character"],
                                                    r["end"]["line"], r["end"]["character"], json.dumps(e["newText"])))
        else:
            print("command %s %s %s" % (a["title"], a["command"]["command"],
                                        json.dumps(a["command"]["arguments"][0])))
            if a["command"]["command"] == "rrm.addWord":
                add = a["command"]
    # elsewhere on the line: nothing
    rid = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri},
        "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 1}},
        "context": {"diagnostics": []}})
    print("elsewhere", len(c.response(rid)["result"]))
    rid = c.request("workspace/executeCommand", {"command": "rrm.addWord",
                                                 "arguments": [add["arguments"][0], "/etc/passwd"]})
    print("bad uri", "error" in c.response(rid))
    rid = c.request("workspace/executeCommand", add)
    print("added", c.response(rid).get("result", "error"))
    p = c.diagnostics(uri)
    print("after", len(p["diagnostics"]))
    return c.finish()


NAV_FILES = {
    "content/b.md": "---\ntitle: The Bee\n---\n# Bee\n\nIntro.\n\n## Later on\n\nText.\n\n### Deep\n\n\U0001F980 <span id=\"crab\">Crab</span>\n",
    "content/c.md": "---\ntitle: Sea\ndraft: true\n---\n"
                    "See [later](/b/#later-on), [again](b.md#later-on) and [bee](/b/).\n",
    "content/d.md": "---\ntitle: Dee\n---\nNo link to b here but [deep](/b/#deep).\n",
}
NAV_A = ("---\ntitle: A\n---\n\U0001F980 See [b](/b/#later-on) and [b2](b.md).\n"
         "Use [the sea][ref] and [](/\n\n[ref]: /c/\n\n[crab](/b/#crab)\n")


def rng(r):
    return "%d:%d-%d:%d" % (r["start"]["line"], r["start"]["character"],
                            r["end"]["line"], r["end"]["character"])


def where(site, loc):
    path = loc["uri"][len("file://"):]
    return "%s %s" % (os.path.relpath(path, site), rng(loc["range"]))


def navigate(c, site, _):
    """Completion, definition, hover, document symbols and references, in UTF-16 after an
    emoji (the crab is two units): what the server answers, one line each."""
    for name, text in NAV_FILES.items():
        with open(os.path.join(site, name), "w") as f:
            f.write(text)
    res = c.initialize()
    caps = res["capabilities"]
    print("capabilities", caps["completionProvider"]["triggerCharacters"],
          caps["definitionProvider"], caps["hoverProvider"], caps["documentSymbolProvider"],
          caps["referencesProvider"])
    a = uri_of(os.path.join(site, "content/a.md"))
    b = uri_of(os.path.join(site, "content/b.md"))
    c.open(a, NAV_A)
    c.diagnostics(a, 1)

    def ask(method, uri, line, ch, **extra):
        params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}
        params.update(extra)
        return c.response(c.request(method, params))["result"]

    # completion of "[](/" at the end of line 4
    r = ask("textDocument/completion", a, 4, 27)
    print("complete / incomplete", r["isIncomplete"])
    for it in r["items"]:
        print("  %s [%s] kind %d edit %s %s" % (it["label"], it.get("detail"), it["kind"],
                                               rng(it["textEdit"]["range"]), it["textEdit"]["newText"]))
    # after '#': the anchors of /b/ ("[b](/b/#later-on)": the cursor after '#', UTF-16)
    r = ask("textDocument/completion", a, 3, 15)
    print("complete #")
    for it in r["items"]:
        print("  %s [%s] edit %s" % (it["label"], it.get("detail"), rng(it["textEdit"]["range"])))
    # not in a link: nothing
    print("complete prose", len(ask("textDocument/completion", a, 3, 5)["items"]))
    # definition: on the destination with an anchor, on a link's text, on a reference link
    print("definition anchor", where(site, ask("textDocument/definition", a, 3, 18)))
    print("definition text", where(site, ask("textDocument/definition", a, 3, 32)))
    print("definition ref", where(site, ask("textDocument/definition", a, 4, 8)))
    print("definition prose", ask("textDocument/definition", a, 3, 4))
    # an element's id after an emoji in the target: its column in UTF-16 there
    print("definition id", where(site, ask("textDocument/definition", a, 8, 3)))
    h = ask("textDocument/hover", a, 4, 8)
    print("hover ref", h.get("range"), json.dumps(h["contents"]["value"], ensure_ascii=False))
    h = ask("textDocument/hover", a, 3, 18)
    print("hover anchor", rng(h["range"]), json.dumps(h["contents"]["value"], ensure_ascii=False))
    # symbols of b, nested by level
    c.open(b, NAV_FILES["content/b.md"])
    c.diagnostics(b, 1)

    def symbols(items, depth):
        for s in items:
            print("  " * depth + "%s %s %s sel %s" % (s["name"], s.get("detail"), rng(s["range"]),
                                                     rng(s["selectionRange"])))
            symbols(s.get("children", []), depth + 1)
    print("symbols")
    symbols(ask("textDocument/documentSymbol", b, 0, 0), 1)
    # a file of the site that is not open: read from disk
    d = uri_of(os.path.join(site, "content/d.md"))
    print("definition unopened", where(site, ask("textDocument/definition", d, 3, 31)))
    print("outside", ask("textDocument/definition", "file:///etc/passwd", 0, 0))
    # references of the heading "## Later on" (line 7), with its declaration
    print("references heading")
    for loc in ask("textDocument/references", b, 7, 4, context={"includeDeclaration": True}):
        print("  " + where(site, loc))
    # of the page, from a line that is no heading and no link
    print("references page")
    for loc in ask("textDocument/references", b, 5, 1, context={"includeDeclaration": False}):
        print("  " + where(site, loc))
    return c.finish()


def huge(c, site, _):
    """A buffer of ARG MiB (8: a 160,000-line article) is linted and navigated; a message
    over the 64 MiB limit is skipped with an error, and the server goes on."""
    mib = int(_ or 8)
    c.initialize()
    uri = uri_of(os.path.join(site, "content/huge.md"))
    para = "A line of prose with teh word, and [a link](/b/).\n"
    text = "---\ntitle: Huge\n---\n# Top\n\n" + para * (mib * 1024 * 1024 // len(para))
    t = time.time()
    c.open(uri, text)
    p = c.diagnostics(uri, 1)
    codes = {}
    for d in p["diagnostics"]:
        codes[d["code"]] = codes.get(d["code"], 0) + 1
    print("huge diagnostics", sorted(codes.items()))
    last = text.count("\n") - 1
    r = c.response(c.request("textDocument/definition", {
        "textDocument": {"uri": uri}, "position": {"line": last, "character": 37}}))["result"]
    print("huge definition", os.path.relpath(r["uri"][7:], site))
    sys.stderr.write("huge: %.1f s\n" % (time.time() - t))
    body = b'{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"x":"' + \
        b"y" * (65 * 1024 * 1024) + b'"}}'
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    m = c.wait(lambda m: "error" in m, "an error response")
    print("oversized", m["error"]["code"])
    print("still serving", c.response(c.request("textDocument/documentSymbol", {
        "textDocument": {"uri": uri}}))["result"][0]["name"])
    return c.finish()


SCENARIOS = {f.__name__: f for f in (positions, edit, burst, watched, buffers, errors, outside,
                                      lifecycle, actions, navigate, huge)}


def main():
    rrm, scenario, site = sys.argv[1:4]
    arg = sys.argv[4] if len(sys.argv) > 4 else None
    c = Client(rrm, site)
    try:
        code = SCENARIOS[scenario](c, site, arg)
    except Failure as e:
        c.proc.kill()
        c.proc.wait()
        c.err_thread.join(TIMEOUT)
        print("FAILED:", e)
        sys.stderr.write(c.stderr.decode(errors="replace"))
        return 1
    print("exit", code)
    sys.stdout.flush()
    sys.stderr.write(c.stderr.decode(errors="replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
