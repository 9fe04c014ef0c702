"""The README's editor setups, tried for real: Emacs with eglot and Neovim run headless with the
snippet from docs/editors/ (the same text as the README's), open a small file, and must show
introlint's diagnostics at the places `introlint check` reports. Skipped where the editor (or
eglot) is not installed; CI installs neither (Debian: apt-get install emacs-nox elpa-eglot neovim).
Both editors run at once, so the pair costs about one server start."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_invoke import invoke
from warm_start import command

ROOT = Path(__file__).resolve().parent.parent
EDITORS = ROOT / "docs" / "editors"
TIMEOUT = 180

# Each driver waits for the diagnostics, prints one "LINE:COLUMN RULE" per diagnostic, and quits
# (status 3: the editor lacks what the snippet needs).
EMACS_DRIVER = r"""
(unless (require 'eglot nil t) (kill-emacs 3))
(find-file (car command-line-args-left))
(setq command-line-args-left nil)
(run-hooks 'post-command-hook)  ; where eglot-ensure connects: batch mode has no command loop
(let ((deadline (+ (float-time) 150)))
  (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (accept-process-output nil 0.1)))
(dolist (d (flymake-diagnostics))
  (let ((text (flymake-diagnostic-text d)))
    (princ (format "%d:%d %s\n" (line-number-at-pos (flymake-diagnostic-beg d))
                   (save-excursion (goto-char (flymake-diagnostic-beg d)) (1+ (current-column)))
                   (if (string-match "\\[\\([^]]+\\)\\]" text) (match-string 1 text) text)))))
(when (eglot-current-server) (eglot-shutdown (eglot-current-server)))
(kill-emacs 0)
"""
NVIM_DRIVER = """
vim.wait(150000, function() return #vim.diagnostic.get(0) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
  io.stdout:write(string.format("%d:%d %s\\n", d.lnum + 1, d.col + 1, tostring(code)))
end
for _, client in ipairs(vim.lsp.get_active_clients()) do client.stop() end
vim.cmd("qall!")
"""
LATEX = "\\section{Introduction}\nOur engine is truly seamless for every user.\n"
MARKDOWN = "# Introduction\n\nOur engine is truly seamless for every user.\n"


def emacs(folder: Path):
    if not shutil.which("emacs"):
        return None
    (folder / "driver.el").write_text(EMACS_DRIVER, encoding="utf-8")
    return "intro.tex", ["emacs", "--batch", "-l", str(EDITORS / "eglot.el"), "-l", "driver.el", "intro.tex"]


def neovim(folder: Path):
    if not shutil.which("nvim"):
        return None
    (folder / "driver.lua").write_text(NVIM_DRIVER, encoding="utf-8")
    return "intro.md", ["nvim", "--headless", "-u", str(EDITORS / "neovim-0.7.lua"), "-c", "luafile driver.lua", "intro.md"]


def warm_introlint_on_path(folder: Path) -> str:
    """A folder holding an `introlint` that runs the installed one forked from the worker's warm
    starter (tests/warm_start.py): the editor starts `introlint lsp` as the snippet says, and the
    server is a real process, without a cold spaCy import."""
    folder.mkdir()
    script = folder / "introlint"
    script.write_text("#!/bin/sh\nexec " + " ".join(shlex.quote(part) for part in command()) + ' "$@"\n')
    script.chmod(0o755)
    return str(folder)


@pytest.fixture(scope="module")
def sessions(tmp_path_factory, warm_introlint):
    """Every installed editor, started at once, each in its own folder: name -> (file, process)."""
    found = warm_introlint_on_path(tmp_path_factory.mktemp("bin") / "bin")
    env = dict(os.environ, PATH=f"{found}{os.pathsep}{os.environ.get('PATH', '')}")
    started = {}
    for name, setup in (("emacs", emacs), ("neovim", neovim)):
        folder = tmp_path_factory.mktemp(name)
        (folder / ".git").mkdir()  # the config search stops here
        (folder / "intro.tex").write_text(LATEX, encoding="utf-8")
        (folder / "intro.md").write_text(MARKDOWN, encoding="utf-8")
        found = setup(folder)
        if found is not None:
            file, command = found
            started[name] = (folder / file, subprocess.Popen(command, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                                                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    yield started
    for _, process in started.values():
        if process.poll() is None:
            process.kill()
            process.wait()


def test_readme_shows_the_tried_snippets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for snippet in ("eglot.el", "neovim-0.7.lua"):
        assert (EDITORS / snippet).read_text(encoding="utf-8") in readme, snippet


@pytest.mark.slow
@pytest.mark.parametrize("editor", ["emacs", "neovim"])
def test_editor_shows_introlint_diagnostics(sessions, editor):
    if editor not in sessions:
        pytest.skip(f"{editor} is not installed")
    path, process = sessions[editor]
    out, err = process.communicate(timeout=TIMEOUT)
    if process.returncode == 3:
        pytest.skip(f"{editor} lacks what the snippet needs (eglot)")
    assert process.returncode == 0, err[-2000:]
    shown = set(re.findall(r"^(\d+):(\d+) (\S+)$", out, re.M))
    checked = invoke("check", "--no-daemon", "--format", "json", str(path))
    expected = {(str(f["line"]), str(f["column"]), f["rule"]) for f in json.loads(checked.out)}
    assert ("2" if path.suffix == ".tex" else "3", "15", "marketing-language") in shown  # "truly"
    assert shown == expected, (out, checked.out)
