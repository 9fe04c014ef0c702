"""`introlint lsp`: run the language server on standard input and output (see lsp/server.py)."""

from __future__ import annotations

import click

from .common import CONTEXT


@click.command("lsp", context_settings=CONTEXT)
def lsp_command():
    """Run the language server (LSP over standard input/output) for editors.

    \b
    Diagnostics on open, change (after a pause) and save, from the unsaved
    buffer; hover shows `introlint explain RULE`; code actions disable a rule
    on a line or in a file, or apply a safe fix. Markdown and LaTeX buffers.
    Initialization options `debounceMs` (default 200) and `timeoutMs` (the time
    budget of one check, default 20000). Editor setup: README.
    """
    from ..lsp.server import serve

    serve()
