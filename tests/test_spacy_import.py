"""spaCy is imported without its CLI (document/spacy_import.py), and a spaCy that needs more of
its CLI while it loads is still imported. Shown on small packages laid out as spaCy 3.x is (the
real spaCy is imported once per process, so the cold-start tests show it: tests/test_network.py)."""

from __future__ import annotations

import sys

import pytest

from sage_introlint.document.spacy_import import import_without_cli

# spaCy's shape: the package's __init__ takes `info` from its CLI, whose __init__ imports the world.
INIT = "from .cli.info import info\nVALUE = 42\n"
CLI_INIT = "import {name}_heavy\nfrom .info import info\n"
CLI_INFO = "def info(*args):\n    return ('the real info', args)\n"


@pytest.fixture
def fake(tmp_path, monkeypatch, request):
    """make(extra=''): a package shaped as spaCy (its __init__ plus `extra`); its name."""
    names = []

    def make(extra: str = "") -> str:
        name = f"fakespacy_{request.node.name.replace('[', '_').replace(']', '')}_{len(names)}"
        names.append(name)
        (tmp_path / name / "cli").mkdir(parents=True)
        (tmp_path / name / "__init__.py").write_text(INIT + extra)
        (tmp_path / name / "cli" / "__init__.py").write_text(CLI_INIT.format(name=name))
        (tmp_path / name / "cli" / "info.py").write_text(CLI_INFO)
        (tmp_path / name / "cli" / "_util.py").write_text("HELPER = 'from the CLI'\n")
        (tmp_path / f"{name}_heavy.py").write_text("")
        return name

    monkeypatch.syspath_prepend(str(tmp_path))
    yield make
    for module in [module for module in sys.modules if any(module.startswith(name) for name in names)]:
        del sys.modules[module]


def test_the_package_is_imported_without_its_cli_and_info_still_works(fake):
    name = fake()
    package = import_without_cli(name)
    assert package.VALUE == 42 and sys.modules[name] is package
    assert f"{name}_heavy" not in sys.modules and f"{name}.cli" not in sys.modules and f"{name}.cli.info" not in sys.modules
    assert not hasattr(package, "cli")
    assert import_without_cli(name) is package  # imported once
    assert package.info(1, 2) == ("the real info", (1, 2))  # the real command, loaded on its first call
    assert f"{name}_heavy" in sys.modules and sys.modules[f"{name}.cli"].info is not package.info


def test_a_later_import_of_the_cli_gets_the_real_one(fake):
    name = fake()
    import_without_cli(name)
    cli = __import__(f"{name}.cli", fromlist=["info"])
    assert cli.info() == ("the real info", ()) and f"{name}_heavy" in sys.modules


def test_a_package_that_needs_more_of_its_cli_is_imported_plainly(fake):
    name = fake("from .cli._util import HELPER\n")
    package = import_without_cli(name)
    assert package.VALUE == 42 and package.HELPER == "from the CLI"
    assert package.info() == ("the real info", ()) and f"{name}_heavy" in sys.modules


def test_a_package_without_a_cli_import_is_imported_as_it_is(fake, tmp_path):
    name = fake()
    (tmp_path / name / "__init__.py").write_text("VALUE = 7\n")
    assert import_without_cli(name).VALUE == 7 and f"{name}.cli" not in sys.modules
