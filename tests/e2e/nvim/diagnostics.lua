-- A real editor as rrm lsp's client (tests/e2e/editor.bats): Neovim 0.7's own
-- LSP client, headless. It opens the file given on the command line, starts
-- `$RRM lsp` in the current folder (the site), waits for the diagnostics and
-- writes them to $RRM_NVIM_OUT, one a line, as Neovim holds them: 1-based line,
-- 1-based byte column (Neovim converts the server's UTF-16 positions with the
-- buffer's text), severity, code, message. Then it quits.
local out = assert(io.open(os.getenv("RRM_NVIM_OUT"), "w"))
local function finish(code)
	out:close()
	vim.cmd(code == 0 and "qa!" or "cq!")
end

local id = vim.lsp.start_client({
	name = "rrm",
	cmd = { os.getenv("RRM"), "lsp" },
	root_dir = vim.fn.getcwd(),
})
if not id then
	out:write("error: the client did not start\n")
	finish(1)
	return
end
vim.lsp.buf_attach_client(0, id)

local timeout = tonumber(os.getenv("RRM_NVIM_TIMEOUT") or "20000")
local got = vim.wait(timeout, function()
	return #vim.diagnostic.get(0) > 0
end, 20)
if not got then
	out:write("error: no diagnostics in " .. timeout .. " ms\n")
	finish(1)
	return
end

local names = { "error", "warning", "info", "hint" }
local all = vim.diagnostic.get(0)
table.sort(all, function(a, b)
	if a.lnum ~= b.lnum then
		return a.lnum < b.lnum
	end
	return a.col < b.col
end)
for _, d in ipairs(all) do
	local lsp = d.user_data and d.user_data.lsp or {}
	out:write(string.format("%d:%d-%d:%d %s %s %s: %s\n", d.lnum + 1, d.col + 1,
		d.end_lnum + 1, d.end_col + 1, names[d.severity] or "?", tostring(lsp.code or d.code),
		tostring(lsp.source or d.source), d.message))
end
finish(0)
