"""`python -m sage_introlint.lsp`: the language server, as `introlint lsp` starts it."""

from .server import serve

if __name__ == "__main__":
    serve()
