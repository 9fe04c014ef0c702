"""Import spaCy without its command-line interface, which introlint never uses.

spaCy 3.x's `__init__` runs `from .cli.info import info`, and `spacy.cli` imports every spaCy
command and with them typer, weasel, requests, httpx, rich and jinja2: ~360 modules and ~0.4 CPU-s
of every cold start (a pre-commit run, a cold `introlint check`), a quarter of spaCy's import.
While spaCy's package is imported, `spacy.cli` and `spacy.cli.info` are stand-ins whose `info`
imports the real command when it is called; they are removed right after, so a later
`import spacy.cli` loads the real package. A spaCy that imports anything else from `spacy.cli`
while it loads finds nothing in the stand-in, and is then imported plainly: never a failure, at
worst the old cost.
"""

from __future__ import annotations

import importlib
import sys
import types


def import_without_cli(package: str = "spacy") -> types.ModuleType:
    """`import spacy`, its CLI left out as above (`package` names another package, for the tests)."""
    if package in sys.modules:
        return sys.modules[package]
    cli, info = f"{package}.cli", f"{package}.cli.info"
    stand_in = types.ModuleType(cli, "introlint's stand-in while spaCy is imported")
    stand_in.__path__ = []  # a package with no submodules: any other `spacy.cli.X` is not found
    stand_in_info = types.ModuleType(info)
    stand_in_info.info = _real_info(info)
    sys.modules[cli], sys.modules[info] = stand_in, stand_in_info
    try:
        return importlib.import_module(package)
    except ImportError:
        pass  # this version needs more of its CLI: the plain import below
    finally:
        for name in (cli, info):
            if sys.modules.get(name) in (stand_in, stand_in_info):
                del sys.modules[name]
    return importlib.import_module(package)


def _real_info(module: str):
    def info(*args, **kwargs):
        """spaCy's `info` command, imported on its first call."""
        return importlib.import_module(module).info(*args, **kwargs)

    return info
