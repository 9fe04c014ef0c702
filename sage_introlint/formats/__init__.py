"""Output formats: each module has `render(findings, ...) -> str` and nothing else.

`FORMATS` names them for the CLI; `render` picks one by name and passes only what it takes.
"""

from __future__ import annotations

import importlib
import inspect

FORMATS = ("text", "full", "json", "sarif", "github")


def render(name: str, findings, **context) -> str:
    """Render with format `name`, giving it the keyword arguments its `render` accepts."""
    module = importlib.import_module(f"{__name__}.{name}")
    accepted = inspect.signature(module.render).parameters
    return module.render(findings, **{key: value for key, value in context.items() if key in accepted})
