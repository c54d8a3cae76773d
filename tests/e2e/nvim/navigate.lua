-- Navigation in a real editor (tests/e2e/editor.bats): Neovim 0.7's own LSP
-- client, headless, on the file given on the command line. Neovim makes the
-- request positions from its cursor (byte columns turned into UTF-16 with
-- the buffer's text) and turns the answers back: it jumps to the definition,
-- applies a completion's edit, lists references as quickfix items. Each
-- result goes to $RRM_NVIM_OUT, one a line; byte columns are 1-based.
local out = assert(io.open(os.getenv("RRM_NVIM_OUT"), "w"))
local function finish(code)
	out:close()
	vim.cmd(code == 0 and "qa!" or "cq!")
end
local function fail(msg)
	out:write("error: " .. msg .. "\n")
	finish(1)
end

local timeout = tonumber(os.getenv("RRM_NVIM_TIMEOUT") or "20000")
local id = vim.lsp.start_client({
	name = "rrm",
	cmd = { os.getenv("RRM"), "lsp" },
	root_dir = vim.fn.getcwd(),
})
if not id then
	return fail("the client did not start")
end
local doc = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(doc, id)
local client = vim.lsp.get_client_by_id(id)
if not vim.wait(timeout, function()
	return client.initialized and #vim.diagnostic.get(doc) > 0
end, 20) then
	return fail("the server did not start in " .. timeout .. " ms")
end

-- the cursor on the first `text` of line `row`, then a request there
local function at(row, text)
	local line = vim.api.nvim_buf_get_lines(0, row - 1, row, true)[1]
	local col = assert(line:find(text, 1, true), text)
	vim.api.nvim_win_set_cursor(0, { row, col - 1 })
end
local function ask(method, extra)
	local params = vim.lsp.util.make_position_params()
	for k, v in pairs(extra or {}) do
		params[k] = v
	end
	local res = vim.lsp.buf_request_sync(0, method, params, timeout)
	return res and res[id] and res[id].result
end
local function here()
	local pos = vim.api.nvim_win_get_cursor(0)
	return string.format("%s:%d:%d", vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ":."),
		pos[1], pos[2] + 1)
end

-- definition: on the link's text, after a flag and an emoji
at(8, "the PMF")
local loc = ask("textDocument/definition")
if not loc then
	return fail("no definition")
end
vim.lsp.util.jump_to_location(loc.uri and loc or loc[1], "utf-16")
out:write("definition " .. here() .. " " .. vim.api.nvim_get_current_line() .. "\n")
local target = vim.api.nvim_get_current_buf()
-- as a FileType autocommand would: the client attached to the file jumped to
vim.lsp.buf_attach_client(target, id)

-- references of that heading (the cursor is on it): the links to its id
local refs = ask("textDocument/references", { context = { includeDeclaration = false } }) or {}
local items = vim.lsp.util.locations_to_items(refs, "utf-16")
table.sort(items, function(a, b)
	return a.filename < b.filename
end)
for _, it in ipairs(items) do
	out:write(string.format("reference %s:%d:%d\n", vim.fn.fnamemodify(it.filename, ":."),
		it.lnum, it.col))
end

-- the target's headings as symbols
local syms = ask("textDocument/documentSymbol") or {}
local function walk(list, depth)
	for _, s in ipairs(list) do
		out:write(string.format("symbol %s%s line %d\n", string.rep("  ", depth), s.name,
			s.selectionRange.start.line + 1))
		walk(s.children or {}, depth + 1)
	end
end
walk(syms, 0)

-- back in the document: hover on the link, then complete "[](/2026/0" after an emoji
vim.api.nvim_set_current_buf(doc)
at(8, "the PMF")
local hover = ask("textDocument/hover")
out:write("hover " .. (hover and hover.contents.value:gsub("\n.*", "") or "none") .. "\n")
at(10, ")")
local list = ask("textDocument/completion") or {}
local chosen
for _, it in ipairs(list.items or list) do
	if it.label == "/2026/01/iraq-militias-after-2020/" then
		chosen = it
	end
end
if not chosen then
	return fail("no completion of the page")
end
out:write("completion " .. chosen.label .. " [" .. (chosen.detail or "") .. "]\n")
vim.lsp.util.apply_text_edits({ chosen.textEdit }, doc, "utf-16")
out:write("completed " .. vim.api.nvim_buf_get_lines(doc, 9, 10, true)[1] .. "\n")
if target == doc then
	return fail("the definition did not leave the document")
end
finish(0)
