"""Headless Chromium for tests (Debian's chromium and chromium-driver), or a skip/fail."""

from __future__ import annotations

import os
import shutil
import time
import urllib.request

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic",
)


def require(paths: tuple[str, ...], message: str) -> None:
    """Skip (fail under CI=true) unless every path exists."""
    if all(os.path.exists(path) for path in paths):
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_chromium() -> None:
    """The crawler's browser: Debian's chromium at the path crawler/settings.py launches."""
    from crawler.settings import PLAYWRIGHT_LAUNCH_OPTIONS

    path = PLAYWRIGHT_LAUNCH_OPTIONS["executable_path"]
    require((path,), f"{path} is not installed (make setup installs Debian's chromium)")


def chrome(tmp_path):
    """A Selenium driver on headless Chromium; skips (fails under CI) when it is missing."""
    require((CHROMIUM, CHROMEDRIVER),
            "chromium and chromium-driver are not installed (apt-get install them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)



def wait_for_http(url: str, seconds: float = 60) -> None:
    """Poll a URL until it answers 200, or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {seconds} s")
