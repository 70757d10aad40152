"""The report's check in a real browser: headless Chrome or Chromium, driven by selenium through chromedriver.

find_browser() looks for an installed one: $GBA_CHROME and $GBA_CHROMEDRIVER when set, else the first of
BROWSERS on PATH (Debian's chromium first) or in macOS's Applications, with chromedriver from PATH. Without
one it raises BrowserNotFound, whose one-line message says how to get one; python/tests/test_report.py then
skips its browser tests with that line.

    python -m gba_tech_transfer.report.browser      prints the browser found, or why there is none
"""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

BROWSERS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
DRIVER = "chromedriver"
HOW_TO_GET = (
    "on Debian/Ubuntu `make browser` as root installs chromium and chromium-driver; elsewhere install "
    "Chrome or Chromium and its chromedriver (or set GBA_CHROME and GBA_CHROMEDRIVER)"
)
# Flags for a headless run that makes no network call of its own; the host-resolver rule also makes any
# attempt of the page to reach the network fail (and so show up as a console error).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
    "--window-size=1280,1000",
    "--lang=zh-CN",
]


class BrowserNotFound(RuntimeError):
    """No Chrome or Chromium with a chromedriver here; the message says how to get one."""


@dataclasses.dataclass(frozen=True)
class Browser:
    binary: str
    driver: str


def _installed(name: str) -> str | None:
    """`name` as an executable: a path that exists, or a command on PATH."""
    if os.sep in name:
        return name if os.access(name, os.X_OK) else None
    return shutil.which(name)


def find_browser() -> Browser:
    """The installed Chrome or Chromium and chromedriver the check runs; BrowserNotFound when either is missing."""
    chosen = os.environ.get("GBA_CHROME")
    binary = _installed(chosen) if chosen else next(filter(None, map(_installed, BROWSERS)), None)
    driver = _installed(os.environ.get("GBA_CHROMEDRIVER") or DRIVER)
    if binary is None:
        looked = f"GBA_CHROME={chosen}" if chosen else "none of " + ", ".join(Path(b).name for b in BROWSERS)
        raise BrowserNotFound(f"no Chrome or Chromium ({looked}): {HOW_TO_GET}")
    if driver is None:
        raise BrowserNotFound(f"{binary} found but no chromedriver: {HOW_TO_GET}")
    return Browser(binary, driver)


@dataclasses.dataclass
class BrowserCheck:
    console_errors: list[str]
    external_requests: list[str]
    chart_marks: dict[str, int]
    chart_states: dict[str, str]
    figure_rows: int
    screenshot: Path | None

    @property
    def problems(self) -> list[str]:
        found = [f"console error: {e}" for e in self.console_errors]
        found += [f"network request: {u}" for u in self.external_requests]
        found += [f"chart {n} did not render ({s})" for n, s in self.chart_states.items() if s != "ok"]
        found += [f"chart {n} is empty (no marks)" for n, m in self.chart_marks.items() if m == 0]
        if self.figure_rows == 0:
            found.append("the published-figure table is empty")
        return found


_COUNT_MARKS_JS = """
var out = {};
document.querySelectorAll('.chart').forEach(function (el) {
  var n = 0;
  el.querySelectorAll('svg g.role-mark').forEach(function (g) { n += g.children.length; });
  out[el.id.replace('chart-', '')] = n;
});
return out;
"""


def check_in_browser(
    page: Path, screenshot: Path | None = None, timeout: float = 30.0, browser: Browser | None = None
) -> BrowserCheck:
    """Open `page` in headless Chrome or Chromium (`browser`, else find_browser()); collect console errors,
    network requests and marks per chart."""
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    browser = browser or find_browser()
    profile = Path(tempfile.mkdtemp(prefix="gba-report-chromium-"))
    options = webdriver.ChromeOptions()
    options.binary_location = browser.binary
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=browser.driver))
    try:
        driver.set_page_load_timeout(timeout)
        driver.get(Path(page).resolve().as_uri())
        n_charts = driver.execute_script("return document.querySelectorAll('.chart').length")
        try:
            WebDriverWait(driver, timeout).until(
                lambda d: (
                    d.execute_script("return document.querySelectorAll('.chart[data-rendered]').length") == n_charts
                )
            )
        except TimeoutException:
            pass  # the charts that never finished are reported below, with the console's errors
        time.sleep(0.3)  # let the last SVG paint before counting and capturing
        states = driver.execute_script(
            "var s = {}; document.querySelectorAll('.chart').forEach(function (el) {"
            " s[el.id.replace('chart-', '')] = el.dataset.rendered || 'not finished'; }); return s;"
        )
        marks = driver.execute_script(_COUNT_MARKS_JS)
        figure_rows = driver.execute_script("return document.querySelectorAll('#published-figures tbody tr').length")
        requests = driver.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })"
        )
        external = [u for u in requests if not u.startswith(("file:", "data:", "blob:"))]
        errors = [
            f"{e.get('level')}: {e.get('message')}" for e in driver.get_log("browser") if e.get("level") == "SEVERE"
        ]
        shot = None
        if screenshot is not None:
            shot = Path(screenshot).resolve()
            shot.parent.mkdir(parents=True, exist_ok=True)
            size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            driver.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": int(size["width"]), "height": int(size["height"]), "deviceScaleFactor": 1, "mobile": False},
            )
            png = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
            shot.write_bytes(base64.b64decode(png["data"]))
        return BrowserCheck(errors, external, marks, states, figure_rows, shot)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> int:
    try:
        browser = find_browser()
    except BrowserNotFound as error:
        print(f"The report's browser check: {error}", file=sys.stderr)
        return 1
    print(f"The report's browser check uses {browser.binary} with {browser.driver}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
