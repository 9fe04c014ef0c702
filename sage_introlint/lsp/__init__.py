"""`introlint lsp`: a Language Server Protocol server (pygls) for Markdown and LaTeX buffers.

server.py wires the protocol; workspace.py checks buffers and keeps their findings per file;
convert.py turns findings into LSP diagnostics (UTF-16 positions); disable.py writes the
suppression comments the code actions insert.
"""
