"""The pygls server behind `introlint lsp`: diagnostics, hover, code actions, config reloads.

Buffers are checked on open and save at once, and after typing stops for `debounce` seconds
(initialization option `debounceMs`, default 200). Each check publishes the findings of every
file it read, so findings inside an `\\input` file appear on that file; an `\\input` file open
in the editor is read from its unsaved buffer, and an edit to it re-checks the buffers that read it.
A buffer still being checked after the time budget (`timeoutMs`, default 20000, as `check
--timeout`) gets one input-error saying so, and the server goes on answering.
"""

from __future__ import annotations

import asyncio
import os

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__, heap
from ..budget import DEFAULT_BUDGET, OverBudget, over_budget, time_budget
from ..document.model import Source
from ..incremental import IncrementalChecker
from ..cli.explanation import explanation
from ..document.buffers import open_buffers
from ..fixes import fix_edit
from . import convert, disable
from ..findings import INPUT_ERROR
from .workspace import CONFIG_ERROR, Findings, check_buffer, is_config, not_checked, syntax, wanted

DEBOUNCE = 0.2


class IntrolintServer(LanguageServer):
    """A language server that keeps the last findings of every open buffer."""

    def __init__(self) -> None:
        super().__init__("introlint", __version__)
        self.checker = IncrementalChecker()  # re-checks only the paragraphs an edit changed
        self.findings = Findings()
        self.pending: dict[str, asyncio.Task] = {}
        self.debounce = DEBOUNCE
        self.budget = DEFAULT_BUDGET  # seconds per check of a buffer
        self.uris: dict[str, str] = {}  # path -> the URI the client uses for it

    def configure(self, options) -> None:
        """The client's initializationOptions: `debounceMs` and `timeoutMs` (a check's budget)."""
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            self.debounce = max(0.0, options["debounceMs"] / 1000)
        if isinstance(options, dict) and isinstance(options.get("timeoutMs"), (int, float)):
            self.budget = max(0.1, options["timeoutMs"] / 1000)

    def close(self, uri: str) -> None:
        """A buffer closed: its findings go, and the buffers that read its file read the disk again."""
        path = self.path_of(uri)
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.publish(self.findings.drop(path))
        self.recheck_readers(path)

    # --- checking ------------------------------------------------------------------------------

    def path_of(self, uri: str, language_id: str | None = None) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # an unsaved, unnamed buffer: read it as its language says
            path = os.path.join(os.getcwd(), "untitled" + {"latex": ".tex", "tex": ".tex"}.get(language_id or "", ".md"))
        return os.path.abspath(path)

    def uri_of(self, path: str) -> str:
        return self.uris.get(path) or from_fs_path(path) or path

    def check(self, uri: str) -> None:
        """Check one open buffer now and publish what changed."""
        document = self.workspace.get_text_document(uri)
        path = self.path_of(uri, document.language_id)
        if not wanted(path, document.language_id):
            return
        self.uris[path] = uri
        try:
            try:
                with open_buffers(self.open_texts()), time_budget(self.budget, path), heap.deferred():
                    checked = check_buffer(self.checker, path, document.source, os.path.dirname(path))
            except OverBudget:
                checked = not_checked(path, Source(path, ""), INPUT_ERROR, over_budget(self.budget, "timeoutMs"))
            self.publish(self.findings.update(path, checked))
        finally:
            heap.settle()  # warm now: later full collections skip what the first check loaded
            heap.tidy()  # the collector's turn, while the author types the next key

    def open_texts(self) -> dict[str, str]:
        """path -> unsaved text of every open buffer of a file (what an `\\input` of it reads)."""
        return {to_fs_path(uri): document.source for uri, document in self.workspace.text_documents.items()
                if uri.startswith("file:") and to_fs_path(uri)}

    def publish(self, paths) -> None:
        for path in paths:
            diagnostics = [self.lines(checked, path).diagnostic(finding)
                           for finding, checked in self.findings.in_file(path)]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=self.uri_of(path), diagnostics=diagnostics))

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds unless it changes again before then."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            self.pending.pop(uri, None)
            self.check(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    def recheck_all(self) -> None:
        for path in list(self.findings.checked):
            self.check(self.uri_of(path))

    def recheck_readers(self, path: str, delay: float | None = None) -> None:
        """Check again every open buffer that read `path` (an `\\input` file): now, or after
        `delay` seconds without another change."""
        for owner in self.findings.owners_reading(path):
            if owner != path:
                if delay is None:
                    self.check(self.uri_of(owner))
                else:
                    self.schedule(self.uri_of(owner), delay)

    # --- what the editor asks ------------------------------------------------------------------

    def at(self, uri: str, start: types.Position, end: types.Position):
        """(finding, its check) for the findings whose range meets [start, end] in `uri`."""
        path = self.path_of(uri)
        for finding, checked in self.findings.in_file(path):
            if convert.touches(self.lines(checked, path).finding_range(finding), start, end):
                yield finding, checked

    def hover(self, params: types.HoverParams) -> types.Hover | None:
        texts = []
        for finding, checked in self.at(params.text_document.uri, params.position, params.position):
            rule = checked.rules.get(finding.rule)
            texts.append(f"**{finding.rule}**: {finding.message}\n\n"
                         + (f"```\n{explanation(rule)}\n```" if rule is not None else ""))
        if not texts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)))

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        path = self.path_of(uri)
        current = self.workspace.get_text_document(uri).lines
        buffer = [line.rstrip("\r\n") for line in current]
        editing = convert.Lines(buffer, self.workspace.position_codec.client_num_units)
        style = syntax(path, "\n".join(buffer))
        fixes, actions, offered = [], [], set()
        for finding, checked in self.at(uri, params.range.start, params.range.end):
            if finding.rule in (INPUT_ERROR, CONFIG_ERROR):
                continue
            known = self.lines(checked, path)
            if finding.fix is not None and _same_line(known.lines, buffer, finding.line):
                edit = fix_edit(finding, buffer[finding.line - 1])
                if edit is not None:
                    title = f"Fix: {'drop' if not edit.text else 'write ' + repr(edit.text)} ({finding.rule})"
                    fixes.append(self.action(title, uri, editing, edit, finding, known, preferred=True))
            if (finding.rule, finding.line) not in offered:
                offered.add((finding.rule, finding.line))
                actions.append(self.action(f"Disable {finding.rule} on this line", uri, editing,
                                           disable.disable_line(buffer, finding.line, finding.rule, style), finding, known))
            if finding.rule not in offered:
                offered.add(finding.rule)
                actions.append(self.action(f"Disable {finding.rule} in this file", uri, editing,
                                           disable.disable_file(buffer, finding.rule, style), finding, known))
        return fixes + actions

    def action(self, title, uri, editing, edit, finding, known, preferred=False) -> types.CodeAction:
        return types.CodeAction(
            title=title, kind=types.CodeActionKind.QuickFix, is_preferred=preferred or None,
            diagnostics=[known.diagnostic(finding)],
            edit=types.WorkspaceEdit(changes={uri: [editing.text_edit(edit)]}))

    def lines(self, checked, path: str) -> convert.Lines:
        """The lines of `path` as `checked` read them, counted in the client's position encoding."""
        source = checked.sources.get(path)
        return convert.Lines(source.text.split("\n") if source is not None else [],
                             self.workspace.position_codec.client_num_units)


def _same_line(known: list[str], buffer: list[str], line: int) -> bool:
    """Is the line as the check saw it still the line in the buffer (no edit since)?"""
    return 0 < line <= min(len(known), len(buffer)) and known[line - 1] == buffer[line - 1]


def build() -> IntrolintServer:
    server = IntrolintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: IntrolintServer, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: IntrolintServer, params: types.InitializedParams) -> None:
        from ..document.sentences import language

        language()  # spaCy loads once, here, not in the middle of the first keystroke

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: IntrolintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.check(params.text_document.uri)
        ls.recheck_readers(ls.path_of(params.text_document.uri), ls.debounce)  # its buffer may differ from disk

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: IntrolintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)
        ls.recheck_readers(ls.path_of(params.text_document.uri), ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: IntrolintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = ls.path_of(params.text_document.uri)
        if is_config(path):
            ls.recheck_all()
            return
        if path in ls.findings.checked:
            ls.check(params.text_document.uri)
        ls.recheck_readers(path)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: IntrolintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.close(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: IntrolintServer, params: types.DidChangeWatchedFilesParams) -> None:
        paths = [ls.path_of(change.uri) for change in params.changes]
        if any(is_config(path) for path in paths):
            ls.recheck_all()
        for path in paths:
            ls.recheck_readers(path)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: IntrolintServer, params: types.HoverParams):
        return ls.hover(params)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: IntrolintServer, params: types.CodeActionParams):
        return ls.code_actions(params)

    return server


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    build().start_io()
