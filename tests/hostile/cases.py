"""The attacks of issue 13 (and their variants) as generated inputs: a repository under attack,
a folder outside it holding secrets, and the command line an attacker's pull request gets run with.

`scale` 1.0 gives the sizes the issue measured (0.5-1 MB documents); the test suite runs a
smaller scale so it finishes within a minute, and bench/hostile.py the full one.
"""

from __future__ import annotations

import json
import os
import re
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .harness import MARKERS, Run

SECRET_OUT, SECRET_GIT, SECRET_ENV, SECRET_DOTENV = MARKERS
FORMATS = ("text", "full", "json", "sarif", "github")
PROSE = ("We present a revolutionary system for serving models. It keeps latency low under load. "
         "Operators deploy it in minutes.\n")
FORGE = "::error file=README.md,line=1::FORGED"


@dataclass
class Case:
    name: str
    setup: Callable[[Path, Path, float], None]  # (repository, outside folder, scale)
    args: list[str]
    budget: float = 8.0  # seconds the command may take (start-up included)
    statuses: tuple = (0, 1, 2)
    stdin: object = None  # bytes, a path, "closed", or None for /dev/null
    stdout: str | None = None
    signal_after: tuple | None = None
    kill_worker: bool = False
    expect: Callable | None = None  # extra check on the Outcome -> list of problems
    github: bool = False
    cold: bool = False  # the point is the process itself: start the executable cold, never forked warm

    def run_spec(self, repo: Path) -> Run:
        stdin = None if self.stdin == "closed" else (self.stdin if self.stdin is not None else "/dev/null")
        if isinstance(stdin, LspStdin):
            stdin = lsp_session(repo, stdin.buffers, stdin.timeout_ms)
        return Run(list(self.args), repo, stdin=stdin, stdout=self.stdout, limit=self.budget + 10,
                   signal_after=self.signal_after, kill_worker=self.kill_worker, warm=not self.cold)


def repository(repo: Path, outside: Path) -> None:
    """A paper repository as a CI checkout leaves it, beside a folder of secrets."""
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "config").write_text(
        f'[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic {SECRET_GIT}\n')
    (repo / ".env").write_text(f"TOKEN={SECRET_DOTENV}\n")
    outside.mkdir(parents=True, exist_ok=True)
    for name in ("secret.tex", "secret", "secret.md"):
        (outside / name).write_text(f"{SECRET_OUT}: revolutionary {SECRET_OUT}\n\n{SECRET_OUT} words.\n")
    # a working pack: loaded, it would print the secret on every run
    (outside / "secret.yaml").write_text(_pattern_pack("we", SECRET_OUT).replace("name: mine", f"name: {SECRET_OUT}"))


def _tex(body: str) -> str:
    return f"\\section{{Introduction}}\n{PROSE}\n{body}\n"


INCLUDE_TARGETS = [
    "{outside}/secret.tex", "{outside}/secret", "../outside/secret", "./../outside/secret.tex",
    "sub/../../outside/secret", ".git/config", "./.git/config", "sub/../.git/config", ".git/config.tex",
    "link-out", "linkdir/secret", "/etc/passwd", "/proc/self/environ", "/dev/zero", "/dev/stdin",
    "fifo", ".env", "x" * 5000, "a\x00b",
]


def paths_setup(repo: Path, outside: Path, scale: float) -> None:
    (repo / "sub").mkdir()
    (repo / "link-out.tex").symlink_to(outside / "secret.tex")
    (repo / "linkdir").symlink_to(outside, target_is_directory=True)
    os.mkfifo(repo / "fifo.tex")
    (repo / ".git" / "config.tex").write_text(f"{SECRET_GIT}\n")
    for index, target in enumerate(INCLUDE_TARGETS):
        name = target.replace("{outside}", str(outside))
        for macro in ("input", "include"):
            (repo / f"intro-{macro}-{index:02d}.tex").write_text(_tex(f"\\{macro}{{{name}}}\n"))
    (repo / "intro-subfile.tex").write_text(_tex(f"\\subfile{{{outside}/secret}}\n"))
    # files named on the command line or found in a folder that lead outside or never end
    (repo / "intro-link.md").symlink_to(outside / "secret.md")
    (repo / "intro-zero.md").symlink_to("/dev/zero")
    os.mkfifo(repo / "intro-fifo.md")


def config_setup(config: str, pack: str | None = None) -> Callable:
    def setup(repo: Path, outside: Path, scale: float) -> None:
        (repo / ".introlint.yaml").write_text(config.replace("{outside}", str(outside)))
        if pack is not None:
            (repo / "mine.yaml").write_text(pack)
        (repo / "intro.md").write_text("# Introduction\n\n" + PROSE)
        (repo / "link.yaml").symlink_to(outside / "secret.yaml")
        os.mkfifo(repo / "fifo.yaml")
    return setup


def folders_setup(configs: dict[str, Callable]) -> Callable:
    """One repository per hostile config (each its own root), plus a good one that must be checked."""
    def setup(repo: Path, outside: Path, scale: float) -> None:
        for name, make in {**configs, "good": config_setup("kind: auto\n")}.items():
            (repo / name / ".git").mkdir(parents=True)
            make(repo / name, outside, scale)
    return setup


def _folders_args(configs: dict) -> list[str]:
    return ["check", "--format", "full", *(f"{name}/intro.md" for name in [*configs, "good"])]


def _all_reported(configs: dict) -> Callable:
    def expect(outcome) -> list[str]:
        missing = [name for name in configs if f"{name}/" not in outcome.err + outcome.out]
        good = "good/intro.md:" in outcome.out
        return ([f"no word about {', '.join(missing)}"] if missing else []) + ([] if good else ["good file not checked"])
    return expect


NAMES = [
    f"a\n{FORGE}.md", f"{FORGE}.md", f"%0A{FORGE}.md", f"  {FORGE}.md", "\x1b[2J\x1b[31mred\x1b[0m.md",
    "a\rb.md", "##[error]FORGED.md", "tab\there.md", "a\u2028b\u202e.md", "nel\x85.md",
]


def names_setup(repo: Path, outside: Path, scale: float) -> None:
    for index, name in enumerate(NAMES):
        (repo / name).write_text("# Introduction\n\n" + PROSE)
        (repo / f"bin{index}-{name}").write_bytes(b"\x00binary")
    os.makedirs(repo / "d", exist_ok=True)
    with open(os.fsencode(repo / "d") + b"/\xff\xfe.md", "wb") as handle:  # a name that is not UTF-8
        handle.write(b"# Introduction\n\n" + PROSE.encode())
    (repo / "content.md").write_text(
        "# Introduction\n\n" + f"{FORGE} revolutionary \x1b[2J and ##[error]x and \x07 bell.\n"
        f"  {FORGE}: revolutionary again.\n\n\x1b]0;title\x07 revolutionary.\n")
    (repo / "content.tex").write_text(_tex(f"{FORGE} revolutionary ##[warning]x.\n"))


def _names_args(fmt: str) -> list[str]:
    return ["check", "--format", fmt, "--verbose", "."]


def big(scale: float, size: int) -> int:
    return max(1024, int(size * scale))


def markdown_shapes(n: int) -> dict[str, str]:
    """Markdown that makes a parser backtrack, each shape `n` characters or so."""
    return {
        "brackets": "[" * n, "nested-emphasis": "*a **b " * (n // 7), "nested-links": "[a](" * (n // 4),
        "angles": "<" * n, "images": "![" * (n // 2), "backticks": "`" * n, "links-open": "[x]" * (n // 3),
        "emphasis-runs": "_a" * (n // 2), "entities": "&#" * (n // 2), "quotes": ">" * n,
        "lists": "".join("  " * (i % 200) + "- x\n" for i in range(n // 400)),
        "html-comment": "<!--" * (n // 4), "autolinks": "<a:" * (n // 3),
    }


# Quadratic in markdown-it-py itself: past any budget at every scale the suite runs (4-7 CPU-s at
# 0.1), so they get a case of their own with a one-second budget, and the other shapes are read
# to the end under a budget they keep well within.
PAST_BUDGET = ("brackets", "images", "html-comment")


def markdown_setup(past_budget: bool) -> Callable:
    def setup(repo: Path, outside: Path, scale: float) -> None:
        for name, body in markdown_shapes(big(scale, 512 * 1024)).items():
            if (name in PAST_BUDGET) == past_budget:
                (repo / f"intro-{name}.md").write_text("# Introduction\n\n" + body + "\n")
    return setup


def tokenizer_setup(repo: Path, outside: Path, scale: float) -> None:
    n = big(scale, 16 * 1024)
    for name, char in {"percent": "%", "paren": ")", "quote": "'", "angle": "<", "dots": ".", "dash": "-"}.items():
        (repo / f"intro-{name}.md").write_text(f"# Introduction\n\nWe show x {char * n} and more.\n")
    (repo / "intro-mixed.md").write_text("# Introduction\n\n" + "a.)'%" * n + "\n")


def long_paragraph_setup(repo: Path, outside: Path, scale: float) -> None:
    words = "word " * (1_040_000 // 5) if scale >= 1 else "word " * big(scale, 200_000)
    (repo / "intro.md").write_text("# Introduction\n\n" + words + "\n")


def long_line_findings_setup(repo: Path, outside: Path, scale: float) -> None:
    (repo / "intro.md").write_text("# Introduction\n\n" + "revolutionary " * big(scale, 40_000) + "\n")


def tex_line_setup(repo: Path, outside: Path, scale: float) -> None:
    n = big(scale, 1_000_000)
    (repo / "intro-words.tex").write_text(_tex(("word \\emph{x} {y} $z$ " * (n // 22))[:n]))
    (repo / "intro-braces.tex").write_text(_tex("{" * (n // 4)))
    (repo / "intro-envs.tex").write_text(_tex("\\begin{itemize}\\item " * (n // 64)))
    (repo / "intro-macros.tex").write_text(_tex("\\x" * (n // 4)))


def fanout_setup(repo: Path, outside: Path, scale: float) -> None:
    files = 40
    for index in range(files):
        children = "".join(f"\\input{{part{j}}}\n" for j in range(index + 1, min(files, index + 11)))
        text = f"{PROSE}\n{children}" if index else _tex(children)
        (repo / (f"part{index}.tex" if index else "intro.tex")).write_text(text)
    # ~68 KB (a comment: it counts towards the size, not the prose), 40 times: 2.7 MB after expansion
    (repo / "chunk.tex").write_text("% " + "x" * 68_000 + "\nSome words.\n")
    (repo / "intro-repeat.tex").write_text(_tex("\\input{chunk}\n" * 40))


LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def yaml_setup(kind: str) -> Callable:
    documents = {
        "laughs-config": (f"{LAUGHS}pack: sage-intro\n", None),
        "laughs-pack": ("pack: mine.yaml\n", f"{LAUGHS}name: x\nrules: []\n"),
        "recursive-config": ("rules: &r {x: *r}\n", None),
        "recursive-pack": ("pack: mine.yaml\n", "name: x\nrules: &r [*r]\n"),
        "deep-config": ("rules: " + "[" * 20000 + "]" * 20000 + "\n", None),
        "deep-pack": ("pack: mine.yaml\n", "name: x\nrules: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"),
        "python-tag": ("pack: !!python/object/apply:os.system ['echo pwned > pwned']\n", None),
        "python-tag-pack": ("pack: mine.yaml\n", "name: !!python/object/apply:os.system ['echo pwned > pwned']\nrules: []\n"),
        "huge-config": ("exclude: [" + "'x', " * 400_000 + "]\n", None),
    }
    config, pack = documents[kind]
    return config_setup(config, pack)


def _pattern_pack(pattern: str, message: str = "found {sentence}", mode: str = "forbidden") -> str:
    return ("name: mine\nrules:\n  - id: mine\n    check: pattern\n    severity: error\n    summary: s\n"
            f"    options: {{mode: {mode}, patterns: [{json.dumps(pattern)}], message: {json.dumps(message)}}}\n")


REDOS = ["(aa+)+b", "(.*,)*X", "(a|ab)*c", "(?i)(A|a)+$", "(.*a){20}", "(\\w+\\s?)*$", "^(a|a?)+$"]


def regex_setup(pattern: str) -> Callable:
    def setup(repo: Path, outside: Path, scale: float) -> None:
        config_setup("pack: mine.yaml\n", _pattern_pack(pattern))(repo, outside, scale)
        text = "a" * 68 + "!" if "a" in pattern.lower() else "b" * big(scale, 50_000)
        (repo / "intro.md").write_text("# Introduction\n\nWe saw " + text + "\n")
    return setup


def many_files_setup(count: int) -> Callable:
    def setup(repo: Path, outside: Path, scale: float) -> None:
        for index in range(count):
            (repo / f"intro{index:03d}.md").write_text(f"# Introduction\n\n{PROSE * 3}")
    return setup


def attack_setup(repo: Path, outside: Path, scale: float) -> None:
    paths_setup(repo, outside, scale)
    names_setup(repo, outside, scale)


SLOW = "# Introduction\n\nWe present " + "[" * 60_000 + " here.\n"  # markdown-it-py: ~25 s, quadratic


def slow_setup(repo: Path, outside: Path, scale: float) -> None:
    """A paper that takes far past a one-second budget in every command that reads it."""
    (repo / "intro.md").write_text(SLOW)


def _over_budget(where: str) -> Callable:
    def expect(outcome) -> list[str]:
        said = getattr(outcome, where)
        return [] if "longer than the time budget of 1 s" in said else [f"no word of the time budget on std{where}"]
    return expect


def lsp_session(repo: Path, buffers: dict[str, str], timeout_ms: int) -> bytes:
    """What an editor sends: initialize (with the budget), open each buffer, shut down, exit."""
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": repo.as_uri(), "capabilities": {},
                                                     "initializationOptions": {"timeoutMs": timeout_ms}}},
        {"method": "initialized", "params": {}},
        *({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": (repo / name).as_uri(), "languageId": "markdown", "version": 1, "text": text}}}
          for name, text in buffers.items()),
        {"id": 2, "method": "shutdown"}, {"method": "exit"},
    ]
    framed = b""
    for message in messages:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        framed += b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
    return framed


class LspStdin:
    """The session's bytes, made when the repository's path is known (the URIs name it)."""

    def __init__(self, buffers: dict[str, str], timeout_ms: int):
        self.buffers, self.timeout_ms = buffers, timeout_ms


LSP_BUFFERS = {"slow.md": SLOW, "huge.md": "# Introduction\n\n" + "We present a system. " * 250_000}


def _lsp_told(outcome) -> list[str]:
    wanted = {"slow.md": "longer than the time budget of 1 s (timeoutMs)", "huge.md": "is too large"}
    return [f"no diagnostic saying {said!r} on {name}" for name, said in wanted.items()
            if not re.search(re.escape(name) + r'"[^}]*"diagnostics": \[\{[^]]*' + re.escape(said), outcome.out)]


HTML = '</script><script>alert(1)</script> "><img src=x onerror=alert(2)> <!-- &amp; revolutionary'


HTML_NAME = "intro<img src=x onerror=alert(2)>.tex"


def html_setup(repo: Path, outside: Path, scale: float) -> None:
    """Markup in the text, in an \\input name and in the file name, as the report page must escape it."""
    (repo / HTML_NAME).write_text(_tex(f"\\input{{{HTML[:8]}x}}\n{HTML}\n\nOur contribution: {HTML} [X]\\% faster.\n"))


def _escaped(outcome) -> list[str]:
    raw = [piece for piece in ("<script>alert", "<img", "onerror=alert(2)>", "<!-- &amp;") if piece in outcome.out]
    scripts = outcome.out.count("<script")
    return ([f"unescaped {raw}"] if raw else []) + ([f"{scripts} script elements"] if scripts != 1 else [])


def crowded_setup(repo: Path, outside: Path, scale: float) -> None:
    """Thousands of findings in one paragraph and thousands of claims: once quadratic in report."""
    claims = "".join(f"It cuts latency by {i}% over Foo and reaches [X]x throughput. " for i in range(1000))
    (repo / "intro.md").write_text("# Introduction\n\n" + "revolutionary " * big(scale, 20_000) + "\n\n" + claims + "\n")


def init_setup(repo: Path, outside: Path, scale: float) -> None:
    (outside / "victim").write_text("untouched\n")
    (repo / ".introlint.yaml").symlink_to(outside / "victim")


def _victim_untouched(outcome) -> list[str]:
    return [] if "symbolic link" in outcome.err else ["init did not refuse the symlinked config"]


HOSTILE_CONFIGS = {
    "pack-outside": config_setup("pack: {outside}/secret.yaml\n"),
    "pack-dotdot": config_setup("pack: ../../outside/secret.yaml\n"),
    "pack-git": config_setup("pack: .git/config\n"),
    "pack-passwd": config_setup("packs: [/etc/passwd]\n"),
    "pack-symlink": config_setup("pack: link.yaml\n"),
    "pack-fifo": config_setup("pack: fifo.yaml\n"),
    "pack-dev-zero": config_setup("pack: /dev/zero\n"),
    "template-attr": config_setup("pack: mine.yaml\n", _pattern_pack("we", "{sentence.__class__.__mro__}")),
    "template-brace": config_setup("pack: mine.yaml\n", _pattern_pack("we", "{")),
    "template-index": config_setup("pack: mine.yaml\n", _pattern_pack("we", "{sentence[0]}")),
    "mode": config_setup("pack: mine.yaml\n", _pattern_pack("we", mode="sometimes")),
    "lookahead": config_setup("pack: mine.yaml\n", _pattern_pack("we(?=s)")),
    "backreference": config_setup("pack: mine.yaml\n", _pattern_pack("(w)\\1")),
    **{f"yaml-{kind}": yaml_setup(kind) for kind in (
        "laughs-config", "laughs-pack", "recursive-config", "recursive-pack", "deep-config", "deep-pack",
        "python-tag", "python-tag-pack", "huge-config")},
    "pyproject-tool-5": lambda r, o, s: ((r / "pyproject.toml").write_text("tool = 5\n# [tool.introlint]\n"),
                                         (r / "intro.md").write_text("# Introduction\n\n" + PROSE)),
}
REGEX_CONFIGS = {f"regex-{index}": regex_setup(pattern) for index, pattern in enumerate(REDOS)}


def cases(scale: float = 0.1) -> list[Case]:
    """Every case; `scale` sizes the generated documents (1.0: the sizes of the issue)."""
    found: list[Case] = []
    add = found.append
    for fmt in FORMATS:
        add(Case(f"attack-{fmt}", attack_setup, ["check", "--format", fmt, "--verbose", "-j", "2", "."], budget=12,
                 github=fmt == "github"))
    add(Case("attack-named", paths_setup, ["check", "intro-link.md", "intro-zero.md", "intro-fifo.md",
                                           "intro-input-00.tex", "/dev/zero"], budget=6, statuses=(2,)))
    add(Case("attack-stats", names_setup, ["stats", "content.md"], budget=6))
    add(Case("configs", folders_setup(HOSTILE_CONFIGS), _folders_args(HOSTILE_CONFIGS), budget=10, statuses=(2,),
             expect=_all_reported(HOSTILE_CONFIGS)))
    add(Case("regexes", folders_setup(REGEX_CONFIGS), _folders_args(REGEX_CONFIGS), budget=8))
    add(Case("markdown", markdown_setup(False), ["check", "-j", "2", "--timeout", "3", "."], budget=20))
    add(Case("markdown-past-budget", markdown_setup(True), ["check", "-j", "2", "--timeout", "1", "."], budget=10))
    add(Case("tokenizer", tokenizer_setup, ["check", "-j", "2", "."], budget=8))
    add(Case("long-paragraph", long_paragraph_setup, ["check", "intro.md"], budget=8))
    add(Case("full-long-line", long_line_findings_setup, ["check", "--format", "full", "intro.md"], budget=8))
    add(Case("tex-long-line", tex_line_setup, ["check", "-j", "2", "--timeout", "5", "."], budget=14))
    add(Case("tex-fanout", fanout_setup, ["check", "intro.tex", "intro-repeat.tex"], budget=8, statuses=(2,)))
    add(Case("stdin-zero", lambda r, o, s: None, ["check", "-"], stdin="/dev/zero", budget=6, statuses=(2,)))
    add(Case("stdin-closed", lambda r, o, s: None, ["check", "-"], stdin="closed", budget=6, statuses=(2,),
             cold=True))
    add(Case("stdout-closed", many_files_setup(2), ["check", "."], stdout="closed", budget=8, statuses=(2,),
             cold=True))
    add(Case("stdout-full", many_files_setup(2), ["check", "."], stdout="/dev/full", budget=8, statuses=(2,)))
    # (the pool's worker count and a killed worker's report: what the command does once started, which a
    # process forked from the warm starter does exactly as the executable, its workers its own children)
    add(Case("jobs-10000", many_files_setup(40), ["check", "-j", "10000", "."], budget=10,
             expect=lambda o: [] if o.processes <= 2 + (os.cpu_count() or 1) else [f"{o.processes} processes"]))
    add(Case("worker-killed", many_files_setup(300), ["check", "-j", "2", "."], budget=15, kill_worker=True,
             statuses=(2,), expect=lambda o: [] if "was killed (signal 9" in o.out else ["no word of the killed worker"]))
    add(Case("sigint", many_files_setup(300), ["check", "-j", "2", "."], budget=12, statuses=(130,), cold=True,
             signal_after=(0.5, signal.SIGINT)))
    add(Case("sigterm", many_files_setup(300), ["check", "-j", "2", "."], budget=12, statuses=(143,), cold=True,
             signal_after=(0.5, signal.SIGTERM)))
    for command in ("stats", "ledger", "report"):
        extra = ["-o", "report.html"] if command == "report" else []
        add(Case(f"budget-{command}", slow_setup, [command, "intro.md", "--timeout", "1", *extra], budget=6,
                 statuses=(2,), expect=_over_budget("err")))
    # (the buffers' budget and size limit inside a server forked from the warm starter, which has
    # pygls loaded: `introlint lsp` runs its main() there exactly as the executable does)
    add(Case("lsp", lambda r, o, s: None, ["lsp"], stdin=LspStdin(LSP_BUFFERS, 1000), budget=12, statuses=(0,),
             expect=_lsp_told))
    add(Case("report-html", html_setup, ["report", HTML_NAME, "-o", "-"], budget=6, statuses=(0, 2),
             expect=_escaped))
    add(Case("report-crowded", crowded_setup, ["report", "intro.md", "-o", "-", "--timeout", "60"], budget=12))
    add(Case("init-symlink", init_setup, ["init", "--force"], budget=6, statuses=(2,), expect=_victim_untouched))
    return found
