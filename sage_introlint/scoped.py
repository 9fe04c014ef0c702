"""A value in force for one block of code, per thread and task: the editor's memo and LaTeX
parses reach the checks this way without every check taking an extra argument."""

from __future__ import annotations

import contextlib
import contextvars
from typing import Generic, Iterator, TypeVar

T = TypeVar("T")


class Scoped(Generic[T]):
    """`with scope.active(value):` makes `scope.current()` return `value` until the block ends."""

    def __init__(self, name: str):
        self._var: contextvars.ContextVar[T | None] = contextvars.ContextVar(name, default=None)

    @contextlib.contextmanager
    def active(self, value: T) -> Iterator[T]:
        token = self._var.set(value)
        try:
            yield value
        finally:
            self._var.reset(token)

    def current(self) -> T | None:
        return self._var.get()
