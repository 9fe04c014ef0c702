"""A headless Chromium per test module, started by the test (skipped, with the reason, when the
system has none: `apt-get install chromium`; CI installs it in .ci/run)."""

from __future__ import annotations

import pytest

from .cdp import Browser, find_chromium


@pytest.fixture(scope="module")
def chromium_path():
    path = find_chromium()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run installs it in CI): "
                    "the report is not opened in a real browser")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    started = Browser(chromium_path)
    try:
        yield started
    finally:
        started.close()
