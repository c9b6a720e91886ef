-- Drives Neovim (0.7 and later) through one quick fix with the pulumi-lint server:
-- open the file, attach the server, wait for its diagnostic, run vim.lsp.buf.code_action() with
-- vim.ui.select answering by title, wait for the edit, write the file.
-- With PL_SETUP, that Lua file (a configuration from docs/editors.md) starts the client when the
-- buffer gets its filetype, as in a user's editor; otherwise this script starts it with PL_CMD.
-- Inputs come from environment variables; the outcome goes to PL_RESULT as JSON.
local file = os.getenv('PL_FILE')
local setup = os.getenv('PL_SETUP')
local root = os.getenv('PL_ROOT')
local cmd = vim.fn.json_decode(os.getenv('PL_CMD'))
local want_code = os.getenv('PL_CODE')
local want_title = os.getenv('PL_TITLE')
local fixed_text = os.getenv('PL_FIXED')
local flawed_text = os.getenv('PL_FLAWED')
local result_path = os.getenv('PL_RESULT')
local timeout = tonumber(os.getenv('PL_TIMEOUT_MS'))

local result = { version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor),
                 diagnostics = {}, offered = {}, steps = {} }

local function step(name)
  table.insert(result.steps, name)
end

local function finish(err)
  result.error = err
  local out = io.open(result_path, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  if err then
    vim.cmd('cquit! 1')
  else
    vim.cmd('qall!')
  end
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function lsp_code(d)
  if d.code ~= nil then
    return d.code
  end
  -- 0.7 keeps the protocol fields under user_data.
  return d.user_data and d.user_data.lsp and d.user_data.lsp.code
end

local function attached_clients(bufnr)
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  local list = {}
  for _, client in pairs(clients) do
    table.insert(list, client)
  end
  return list
end

local function run()
  -- Kept in the test's temporary directory; the test shows its tail when something fails.
  vim.lsp.set_log_level('debug')
  local client_id
  if setup ~= nil and setup ~= '' then
    dofile(setup)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    -- Setting the filetype fires the FileType autocommands that filetype detection would.
    vim.bo.filetype = 'typescript'
    local client
    vim.wait(timeout, function()
      client = attached_clients(0)[1]
      return client ~= nil
    end, 50)
    if not client then
      return 'the configuration attached no client to the buffer'
    end
    client_id = client.id
    result.client_name = client.name
  else
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    vim.bo.filetype = 'typescript'
    local config = {
      name = 'pulumi-lint',
      cmd = cmd,
      root_dir = root,
      on_exit = function(code, signal)
        result.server_exit = { code = code, signal = signal }
      end,
    }
    if vim.lsp.start then
      client_id = vim.lsp.start(config, { bufnr = 0 })
    else
      client_id = vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(0, client_id)
    end
    if not client_id then
      return 'the server did not start'
    end
  end
  local bufnr = vim.api.nvim_get_current_buf()
  step('started')

  local ours
  vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if lsp_code(d) == want_code then
        ours = d
        return true
      end
    end
    return false
  end, 50)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = lsp_code(d), message = d.message, lnum = d.lnum, col = d.col })
  end
  if not ours then
    return 'no ' .. want_code .. ' diagnostic within the timeout'
  end
  step('diagnostic')
  result.client_count = #attached_clients(bufnr)

  vim.api.nvim_win_set_cursor(0, { ours.lnum + 1, ours.col })
  local chosen = false
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(result.offered, title)
      if not chosen and string.find(title, want_title, 1, true) then
        chosen = true
        on_choice(item, i)
      end
    end
    if not chosen then
      on_choice(nil, nil)
    end
  end
  vim.lsp.buf.code_action()

  local applied = vim.wait(timeout, function()
    local text = buffer_text(bufnr)
    return chosen and string.find(text, fixed_text, 1, true) ~= nil
      and string.find(text, flawed_text, 1, true) == nil
  end, 50)
  if not chosen then
    return 'the quick fix "' .. want_title .. '" was not offered'
  end
  if not applied then
    return 'the quick fix did not change the buffer'
  end
  step('applied')

  vim.cmd('write')
  step('written')
  vim.lsp.stop_client(client_id)
  return nil
end

local ok, err = xpcall(run, debug.traceback)
finish(err)
