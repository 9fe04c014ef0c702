"""What pyproject.toml cannot say: find every sage_introlint package automatically, and add the
top-level rules/ folder as the package sage_introlint.rules (package-dir in pyproject.toml maps
it). Everything else about the project is in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=find_packages(include=["sage_introlint", "sage_introlint.*"]) + ["sage_introlint.rules"])
