"""The wheel a user installs: built from a copy of the checkout, installed into a fresh virtual
environment outside it, and run on a file and on a folder.

The wheel must hold every file of the package (modules, templates, py.typed), every pack and
term file, and the LICENSE (check-wheel-contents looks for the usual packaging mistakes besides). The fresh
environment gets the wheel alone (`--no-deps`); its dependencies are read from this test's
environment through a .pth line, which does not bring the editable checkout along, so the
`introlint` that runs is the one in the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "fixtures" / "docs" / "planted-intro.md"


def run(*command, cwd=None, timeout=600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env=dict(env, NO_COLOR="1"))
    return done


def tracked_files() -> list[str]:
    done = run("git", "ls-files", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return [name for name in done.stdout.splitlines() if (ROOT / name).is_file()]


pytestmark = pytest.mark.slow  # builds a wheel and a virtual environment (about a minute)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by uv (in build isolation, as pip would; pre-commit-uv in the test extras
    brings uv) from a copy of the checkout: nothing is written into the checkout."""
    copy = tmp_path_factory.mktemp("source")
    for name in tracked_files():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    out = tmp_path_factory.mktemp("wheel")
    done = run(sys.executable, "-m", "uv", "build", "--wheel", "--quiet", "--out-dir", out, copy)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("sage_introlint-*.whl")
    return found


def test_wheel_holds_every_module_pack_and_the_license(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    files = tracked_files()
    modules = {name for name in files if name.startswith("sage_introlint/")}  # templates, py.typed too
    packs = {"sage_introlint/" + name for name in files if name.startswith("rules/") and name.endswith(".yaml")}
    assert "sage_introlint/py.typed" in modules and packs
    assert modules | packs <= names, sorted((modules | packs) - names)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    checker = shutil.which("check-wheel-contents", path=str(Path(sys.executable).parent))
    done = run(checker, wheel)
    assert done.returncode == 0, done.stdout + done.stderr


def test_installed_wheel_checks_a_file_and_a_folder(wheel, tmp_path):
    env = tmp_path / "env"
    venv.EnvBuilder(with_pip=False).create(env)  # uv installs into it from outside (`--python`): no ensurepip
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    done = run(sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", python, "--no-deps", "--offline", wheel)
    assert done.returncode == 0, done.stdout + done.stderr
    site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    Path(site, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    introlint = python.parent / "introlint"
    where = run(python, "-c", "import sage_introlint; print(sage_introlint.__file__)", cwd=tmp_path)
    assert where.stdout.startswith(str(env)), where.stdout + where.stderr
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(PLANTED, drafts / "intro.md")
    one = run(introlint, "check", "drafts/intro.md", cwd=tmp_path)
    assert one.returncode == 1 and "drafts/intro.md:" in one.stdout and "[marketing-language]" in one.stdout, \
        one.stdout + one.stderr
    folder = run(introlint, "check", "drafts", cwd=tmp_path)
    assert folder.returncode == 1 and folder.stdout == one.stdout, folder.stdout + folder.stderr
    listed = run(introlint, "rules", cwd=tmp_path)
    assert listed.returncode == 0 and "marketing-language" in listed.stdout
    version = run(python, "-c", "import importlib.metadata as m, sage_introlint as s; "
                                "print(m.version('sage-introlint'), s.__version__)", cwd=tmp_path)
    distribution, package = version.stdout.split()
    assert distribution == package  # one version, written once
