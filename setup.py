"""What pyproject.toml cannot say: find every sage_introlint package automatically (a folder
without __init__.py included), and add the top-level rules/ folder as the package
sage_introlint.rules (package-dir in pyproject.toml maps it). Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

FOUND = find_namespace_packages(include=["sage_introlint", "sage_introlint.*"], exclude=["*__pycache__"])
setup(packages=FOUND + ["sage_introlint.rules"])
