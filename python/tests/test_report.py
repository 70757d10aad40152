"""The HTML report (`make report`): self-contained, and clean in a real browser.

Renders the report from a built warehouse, opens it in a headless Chrome or Chromium (an installed one:
report/browser.py; as root on Debian/Ubuntu `make pytest` installs Debian's chromium and chromium-driver
through `make browser`), and fails on a console error, a network request, a chart that drew no marks, or an
empty published-figure table. Without a browser the browser tests are skipped with a one-line reason saying
how to get one. The full-page screenshot is kept as report-screenshot.png in the test build's directory
(printed with -s; `make report` writes warehouse/report/screenshot.png).
"""

from __future__ import annotations

import re

import pytest

from bi_support import built
from gba_tech_transfer.report import browser as report_browser
from gba_tech_transfer.report import page as report

CHARTS = {"cities", "flows", "flowmap", "ranking", "industries", "quality", "years"}


@pytest.fixture(scope="module")
def browser() -> report_browser.Browser:
    """The installed Chrome or Chromium; the test is skipped, saying how to get one, when there is none."""
    try:
        return report_browser.find_browser()
    except report_browser.BrowserNotFound as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def page():
    build = built()
    return report.render(build.warehouse, build.directory / "report" / "index.html")


def test_report_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", html), (
        "the report loads something from the web"
    )
    assert "vegaEmbed" in html and "Synthetic data." in html
    assert {f'id="chart-{name}"' for name in CHARTS} <= set(re.findall(r'id="chart-\w+"', html))


def test_report_renders_in_headless_chromium(browser, page):
    screenshot = built().directory / "report-screenshot.png"
    check = report_browser.check_in_browser(page, screenshot, browser=browser)
    print(f"\nreport screenshot: {check.screenshot}")
    assert check.problems == []
    assert set(check.chart_marks) == CHARTS
    # the flow map draws the 11 GBA cities (points and names) and the outside provinces; the ranking 20 bars
    assert check.chart_marks["flowmap"] >= 2 * 11 + 10
    assert check.chart_marks["ranking"] >= 20
    assert check.figure_rows == 18
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000


def test_the_browser_check_fails_a_broken_page(tmp_path, browser):
    """The check itself: a console error, an empty chart and a chart that never finishes are all caught."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html><body>"
        '<div class="chart" id="chart-empty" data-rendered="ok"><svg></svg></div>'
        '<div class="chart" id="chart-failed" data-rendered="error"></div>'
        '<table id="published-figures"><tbody></tbody></table>'
        "<script>console.error('boom: chart data missing');</script>"
        "</body></html>",
        encoding="utf-8",
    )
    problems = report_browser.check_in_browser(broken, timeout=5, browser=browser).problems
    assert any("boom: chart data missing" in p for p in problems)
    assert "chart empty is empty (no marks)" in problems
    assert any(p.startswith("chart failed did not render") for p in problems)
    assert "the published-figure table is empty" in problems


def test_without_a_browser_the_reason_says_how_to_get_one(monkeypatch, tmp_path):
    """What a machine without Chrome or Chromium gets (a non-root user, macOS without Chrome): the skip reason."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GBA_CHROME", raising=False)
    monkeypatch.delenv("GBA_CHROMEDRIVER", raising=False)
    monkeypatch.setattr(report_browser, "BROWSERS", tuple(b for b in report_browser.BROWSERS if "/" not in b))
    with pytest.raises(report_browser.BrowserNotFound) as error:
        report_browser.find_browser()
    reason = str(error.value)
    assert "\n" not in reason and "`make browser` as root" in reason and "Debian/Ubuntu" in reason


def test_a_browser_without_chromedriver_is_not_enough(monkeypatch, tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("GBA_CHROME", raising=False)
    monkeypatch.delenv("GBA_CHROMEDRIVER", raising=False)
    with pytest.raises(report_browser.BrowserNotFound, match="no chromedriver"):
        report_browser.find_browser()
    driver = tmp_path / "chromedriver"
    driver.write_text("#!/bin/sh\n")
    driver.chmod(0o755)
    assert report_browser.find_browser() == report_browser.Browser(str(chromium), str(driver))
