-- Headless Neovim as an LSP client of `lspgen lsp` (works on 0.7 with start_client and on 0.8+).
-- Usage: LSPGEN_LSP_CMD='["dotnet","/path/lspgen.dll","lsp","--stdio"]' PROBE_OUT=result.json \
--          nvim --headless -n -i NONE -u tests/nvim/init.lua /path/to/todo.spec.yaml
-- Attaches the server to the spec, waits for diagnostics, asks for completion at PROBE_LINE:PROBE_CHARACTER
-- (0-based) and writes what the editor got to PROBE_OUT as JSON, then quits. The assertions live in
-- tests/lsp-client/nvim.test.mjs.
local out = os.getenv('PROBE_OUT') or error('PROBE_OUT is not set')
local cmd = vim.fn.json_decode(os.getenv('LSPGEN_LSP_CMD') or error('LSPGEN_LSP_CMD is not set'))
local line = tonumber(os.getenv('PROBE_LINE') or '0')
local character = tonumber(os.getenv('PROBE_CHARACTER') or '0')
local log = {}

local function finish(result)
  result.log = log
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('FileType', { pattern = 'yaml', callback = function(ev)
  local config = {
    name = 'lspgen', cmd = cmd,
    root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(ev.buf), ':p:h'),
    on_exit = function(code) table.insert(log, 'server exited ' .. code) end,
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = ev.buf })
  else -- nvim 0.7
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(ev.buf, id)
  end
end })

vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local ok_all, err = pcall(function()
    local buf = vim.api.nvim_get_current_buf()
    local arrived = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
    local diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local original = d.user_data and d.user_data.lsp or {}
      table.insert(diagnostics, { line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
        code = d.code or original.code, source = d.source or original.source, message = d.message })
    end
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
    local responses = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 15000) or {}
    local labels = {}
    for _, response in pairs(responses) do
      if response.err then table.insert(log, 'completion error: ' .. vim.inspect(response.err)) end
      local items = response.result and (response.result.items or response.result) or {}
      for _, item in ipairs(items) do table.insert(labels, item.label) end
    end
    local clients = {}
    for _, c in pairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do table.insert(clients, c.name) end
    local v = vim.version()
    finish({ nvim = v.major .. '.' .. v.minor .. '.' .. v.patch, diagnostics_arrived = arrived,
      diagnostics = diagnostics, completion = labels, clients = clients })
  end)
  if not ok_all then finish({ error = tostring(err) }) end
end })
