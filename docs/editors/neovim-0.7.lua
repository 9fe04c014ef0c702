-- introlint in Neovim 0.7 (vim.lsp.start_client: one server for every Markdown and LaTeX buffer)
local introlint
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "tex", "plaintex" },
  callback = function(args)
    introlint = introlint or vim.lsp.start_client({
      name = "introlint", cmd = { "introlint", "lsp" }, root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, introlint)
  end,
})
