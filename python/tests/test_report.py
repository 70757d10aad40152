"""The HTML report (`make report`): self-contained, and clean in a real browser.

Renders the report from a built warehouse, opens it in headless Chromium (Debian's chromium and
chromium-driver, which `make pytest` installs through `make browser`), and fails on a console error, a network
request, a chart that drew no marks, or an empty published-figure table. The full-page screenshot is kept as
report-screenshot.png in the test build's directory (printed with -s; `make report` writes
warehouse/report/screenshot.png).
"""

from __future__ import annotations

import re

import pytest

from bi_support import built
from gba_tech_transfer.report import page as report

CHARTS = {"cities", "flows", "industries", "quality", "years"}


@pytest.fixture(scope="module")
def page():
    build = built()
    return report.render(build.warehouse, build.directory / "report" / "index.html")


def test_report_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?//""", html), \
        "the report loads something from the web"
    assert "vegaEmbed" in html and "Synthetic data." in html
    assert {f'id="chart-{name}"' for name in CHARTS} <= set(re.findall(r'id="chart-\w+"', html))


def test_report_renders_in_headless_chromium(page):
    screenshot = built().directory / "report-screenshot.png"
    check = report.check_in_browser(page, screenshot)
    print(f"\nreport screenshot: {check.screenshot}")
    assert check.problems == []
    assert set(check.chart_marks) == CHARTS
    assert check.figure_rows == 18
    png = screenshot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50_000


def test_the_browser_check_fails_a_broken_page(tmp_path):
    """The check itself: a console error, an empty chart and a chart that never finishes are all caught."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!DOCTYPE html><html><body>"
        '<div class="chart" id="chart-empty" data-rendered="ok"><svg></svg></div>'
        '<div class="chart" id="chart-failed" data-rendered="error"></div>'
        "<table id=\"published-figures\"><tbody></tbody></table>"
        "<script>console.error('boom: chart data missing');</script>"
        "</body></html>", encoding="utf-8")
    problems = report.check_in_browser(broken, timeout=5).problems
    assert any("boom: chart data missing" in p for p in problems)
    assert "chart empty is empty (no marks)" in problems
    assert any(p.startswith("chart failed did not render") for p in problems)
    assert "the published-figure table is empty" in problems
