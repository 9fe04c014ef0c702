"""The browser harness itself can fail: it sees a console error, a script error and a request."""

from __future__ import annotations


def test_the_harness_sees_console_errors_and_requests(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head><title>t</title></head><body>'
                    '<img src="http://example.invalid/pixel.png" alt="">'
                    '<script>console.error("broken"); undefinedFunction();</script></body></html>', encoding="utf-8")
    browser.open(page.as_uri())
    problems = browser.problems()
    assert any("broken" in p for p in problems)
    assert any(p.startswith("exception") for p in problems)
    assert "http://example.invalid/pixel.png" in browser.requests()


def test_a_content_security_policy_violation_is_a_problem(browser, tmp_path):
    page = tmp_path / "csp.html"
    page.write_text('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" '
                    "content=\"default-src 'none'\"><title>t</title></head><body>"
                    '<img src="http://example.invalid/pixel.png" alt=""></body></html>', encoding="utf-8")
    browser.open(page.as_uri())
    assert any("Content Security Policy" in p for p in browser.problems())
