"""`introlint lsp` end to end: a real LSP client (pytest-lsp) drives the server over stdio.

Open, edit, diagnostics (UTF-16 ranges after non-ASCII text and an emoji), hover, each code
action applied and checked again, an \\input file, a config change, shutdown and exit.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from sage_introlint.engine import check_text
from warm_start import command

if TYPE_CHECKING:
    from pytest_lsp import LanguageClient


def lsp_plugin(config: pytest.Config):
    """pytest-lsp, imported and registered only in the process that runs these tests: with
    lsprotocol it costs ~1 CPU-s to import, and pyproject's addopts (`-p no:pytest-lsp`) keep it
    from loading in every pytest process (the controller, each worker, the harness's runs)."""
    import pytest_lsp

    if not config.pluginmanager.is_registered(pytest_lsp):
        config.pluginmanager.register(pytest_lsp, "pytest-lsp-here")  # its report and call hooks
    return pytest_lsp


class _LazyTypes:
    """lsprotocol's `types` module, imported on first use of one of its types (see `lsp_plugin`);
    what else is asked for (pytest's collection looks for markers and fixtures on every name in
    this module) is no attribute, without the import."""

    def __getattr__(self, name: str):
        if not name[:1].isupper():
            raise AttributeError(name)
        from lsprotocol import types as loaded

        return getattr(loaded, name)


types = _LazyTypes()

# `introlint lsp` forked from this worker's warm starter (tests/warm_start.py): a real server
# process and its streams, without a cold spaCy import per server.
SERVER = [*command(), "lsp"]
pytestmark = pytest.mark.usefixtures("warm_introlint")

# Line 3 (0-based 2): "Caf\u00e9 \U0001F680 is very fast ..." - the emoji is two UTF-16 units.
MARKDOWN = (
    "# Introduction\n"
    "\n"
    "Caf\u00e9 \U0001F680 is very fast for serving models. It scales to many nodes! The design is simple.\n"
    "It keeps one control plane for every engine.\n"
)


# One server for the tests below that only open, edit and ask (each in a workspace of its own,
# so their documents never meet); a server start is a cold spaCy load. The tests of the start
# (the position encoding agreed at initialize) and of shutdown and exit start their own.
# (What `pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))` builds, written out so
# that collecting this file imports neither pytest-lsp nor lsprotocol.)
@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(request):
    lsp_client = lsp_plugin(request.config).make_test_lsp_client()
    await lsp_client.start_io(*SERVER)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounceMs": 20}))
    yield lsp_client
    await lsp_client.shutdown_session()
    await lsp_client.stop()


def utf16_offset(text: str, position: types.Position) -> int:
    """An LSP position -> offset into `text` (written apart from the server's own code)."""
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: position.line])
    encoded = lines[position.line].encode("utf-16-le")[: 2 * position.character]
    return before + len(encoded.decode("utf-16-le"))


def apply(text: str, edits: list[types.TextEdit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: utf16_offset(text, edit.range.start)] + edit.new_text + text[utf16_offset(text, edit.range.end):]
    return text


async def diagnostics(client: LanguageClient, uri: str, until=lambda found: True, timeout: float = 30):
    """The diagnostics last published for `uri`, once `until` holds for them."""
    for _ in range(int(timeout / 0.05)):
        found = client.diagnostics.get(uri)
        if found is not None and until(found):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics for {uri} as expected: {client.diagnostics.get(uri)}")


def keys(found) -> set:
    return {(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in found}


def workspace(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the config search stops here
    return tmp_path


def latex_project(tmp_path: Path):
    """(root, main.tex, its text, sections/intro.tex): main.tex \\inputs the section, which has
    "truly" and "seamless" on its second line."""
    root = workspace(tmp_path)
    (root / "sections").mkdir()
    section = root / "sections" / "intro.tex"
    section.write_text("\\section{Introduction}\nOur engine is truly seamless for every user.\n", encoding="utf-8")
    text = "\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n"
    (root / "main.tex").write_text(text, encoding="utf-8")
    return root, root / "main.tex", text, section


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "markdown") -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_match_check_in_utf16_units(client: LanguageClient, tmp_path):
    path = workspace(tmp_path) / "intro.md"
    uri = open_doc(client, path, MARKDOWN)
    found = await diagnostics(client, uri)
    very = [d for d in found if d.range.start.line == 2 and d.code == "marketing-language"
            and d.severity == types.DiagnosticSeverity.Warning]
    # "Café 🚀 is " is 10 characters but 11 UTF-16 units: the emoji counts twice
    assert [(d.range.start.character, d.range.end.character) for d in very] == [(11, 15)]
    assert all(d.source == "introlint" for d in found)
    bang = [d for d in found if d.message.startswith('"!"')]
    assert bang and bang[0].severity == types.DiagnosticSeverity.Error
    expected = check_text(MARKDOWN, path=str(path))
    assert len(found) == len(expected)
    assert {(f.rule, f.line - 1) for f in expected} == {(d.code, d.range.start.line) for d in found}


@pytest.mark.asyncio(loop_scope="module")
async def test_edit_hover_and_each_code_action(client: LanguageClient, tmp_path):
    path = workspace(tmp_path) / "intro.md"
    uri = open_doc(client, path, MARKDOWN)
    await diagnostics(client, uri)
    edited = MARKDOWN.replace("is very fast", "is extremely fast")
    change(client, uri, edited, 2)
    found = await diagnostics(client, uri, lambda ds: any('"extremely"' in d.message for d in ds))
    target = next(d for d in found if '"extremely"' in d.message)
    # the edited paragraph alone was re-read (document/reread.py): still UTF-16 units after the emoji
    assert (target.range.start.line, target.range.start.character, target.range.end.character) == (2, 11, 20)

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=target.range.start))
    assert "marketing-language" in hover.contents.value and "Why:" in hover.contents.value

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    actions = [action for action in actions if "marketing-language" in action.title]
    titles = [action.title for action in actions]
    assert titles == ["Fix: drop (marketing-language)", "Disable marketing-language on this line",
                      "Disable marketing-language in this file"]
    before = keys(found)
    results = {}
    for version, action in enumerate(actions, 3):
        fixed = apply(edited, action.edit.changes[uri])
        change(client, uri, fixed, version)
        results[action.title] = (fixed, await diagnostics(client, uri, lambda ds, k=keys(found): keys(ds) != k))
        change(client, uri, edited, version + 10)
        await diagnostics(client, uri, lambda ds: keys(ds) == before)

    fixed, after = results[titles[0]]
    assert "is fast for serving" in fixed
    assert not any('"extremely"' in d.message for d in after)
    fixed, after = results[titles[1]]
    assert fixed.splitlines()[2] == "<!-- introlint-disable-next-line marketing-language -->"
    assert not any(d.code == "marketing-language" and d.range.start.line == 3 for d in after)
    assert {d.code for d in after} == {d.code for d in found} - {"marketing-language"}  # the others still report
    fixed, after = results[titles[2]]
    assert fixed.startswith("<!-- introlint-disable marketing-language -->\n# Introduction")
    assert not any(d.code == "marketing-language" for d in after)


@pytest.mark.asyncio(loop_scope="module")
async def test_bang_quick_fix_writes_a_period(client: LanguageClient, tmp_path):
    uri = open_doc(client, workspace(tmp_path) / "intro.md", MARKDOWN)
    found = await diagnostics(client, uri)
    bang = next(d for d in found if d.message.startswith('"!"'))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=bang.range,
        context=types.CodeActionContext(diagnostics=[bang])))
    assert actions[0].is_preferred
    assert "many nodes. The design" in apply(MARKDOWN, actions[0].edit.changes[uri])


@pytest.mark.asyncio(loop_scope="module")
async def test_input_file_findings_and_config_change(client: LanguageClient, tmp_path):
    root, main, text, section = latex_project(tmp_path)
    uri = open_doc(client, main, text, "latex")
    included = section.as_uri()
    found = await diagnostics(client, included, lambda ds: any(d.code == "marketing-language" for d in ds))
    words = sorted((d.range.start.line, d.range.start.character) for d in found if d.code == "marketing-language")
    assert words == [(1, 14), (1, 20)]  # "truly", "seamless" on the file's second line
    assert not any(d.code == "marketing-language" for d in client.diagnostics.get(uri, []))

    (root / ".introlint.yaml").write_text("rules:\n  marketing-language: off\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(root / ".introlint.yaml").as_uri(), type=types.FileChangeType.Created)]))
    found = await diagnostics(client, included, lambda ds: not any(d.code == "marketing-language" for d in ds))

    (root / ".introlint.yaml").write_text("rules: [not a mapping\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(root / ".introlint.yaml").as_uri(), type=types.FileChangeType.Changed)]))
    broken = await diagnostics(client, uri, lambda ds: any(d.code == "config-error" for d in ds))
    assert ".introlint.yaml" in broken[0].message


@pytest.mark.asyncio(loop_scope="module")
async def test_open_input_file_is_checked_from_its_unsaved_buffer(client: LanguageClient, tmp_path):
    """main.tex reads sections/intro.tex from the editor's buffer while it is open, from disk after."""
    _, main, text, section = latex_project(tmp_path)
    open_doc(client, main, text, "latex")
    included = section.as_uri()

    def marketing(expected):
        return lambda ds: sorted((d.range.start.line, d.range.start.character)
                                 for d in ds if d.code == "marketing-language") == expected

    await diagnostics(client, included, marketing([(1, 14), (1, 20)]))  # from disk
    # Opened with edits not on disk: main.tex's check of it must read the buffer, so the
    # findings it made from the saved file go away (the buffer's own check has none either).
    clean = "\\section{Introduction}\nOur engine works for every user.\n"
    open_doc(client, section, clean, "latex")
    await diagnostics(client, included, marketing([]))
    change(client, included, "\\section{Introduction}\nWe built a seamless engine.\n", 2)
    await diagnostics(client, included, marketing([(1, 11)]))
    assert section.read_text(encoding="utf-8").count("seamless") == 1  # nothing was written
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=included)))
    await diagnostics(client, included, marketing([(1, 14), (1, 20)]))  # closed: the saved file again


@pytest.mark.parametrize("editor, column", [("neovim@v0.10.0", 11), ("visual-studio-code", 11), ("emacs@v29.1", 10)])
def test_position_encoding_each_editor_asks_for_and_exit(editor, column, tmp_path, request):
    """Neovim and VS Code count UTF-16 units (the emoji is two); Emacs' eglot asks for UTF-32
    (code points: the emoji is one), and the server answers in what was agreed. Then shutdown
    and exit: the process ends with status 0 and leaves nothing running."""

    pytest_lsp = lsp_plugin(request.config)

    async def session():
        client = pytest_lsp.make_test_lsp_client()
        await client.start_io(*SERVER)
        result = await client.initialize_session(types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities(editor), initialization_options={"debounceMs": 20}))
        uri = open_doc(client, workspace(tmp_path) / "intro.md", MARKDOWN)
        found = await diagnostics(client, uri)
        very = next(d for d in found if '"very"' in d.message)
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=very.range,
            context=types.CodeActionContext(diagnostics=[very])))
        process = client._server
        await client.shutdown_session()
        await asyncio.wait_for(process.wait(), 20)
        await client.stop()
        return (result.capabilities.position_encoding, very.range, actions[0].edit.changes[uri][0].range,
                process.pid, process.returncode)

    encoding, found, edit, pid, status = asyncio.run(session())
    assert status == 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert encoding == ("utf-32" if editor.startswith("emacs") else "utf-16")
    assert (found.start.line, found.start.character, found.end.character) == (2, column, column + 4)
    assert (edit.start.character, edit.end.character) == (column, column + 5)  # "very " dropped
