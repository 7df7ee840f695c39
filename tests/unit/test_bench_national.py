"""The national bench scales the crawler's clocks and its requests under way alike
(bench/national.py): a quarter of the time per request, a quarter as many under way."""

from __future__ import annotations

from bench.national import time_settings


def test_requests_under_way_scale_with_the_clocks():
    options = time_settings(0.25)
    assert "DOWNLOAD_DELAY=0.125" in options  # 0.5 s in crawler/settings.py
    assert "CONCURRENT_REQUESTS=64" in options  # 256 in crawler/settings.py


def test_real_clocks_keep_the_crawlers_settings():
    options = time_settings(1.0)
    assert "DOWNLOAD_DELAY=0.5" in options
    assert "CONCURRENT_REQUESTS=256" in options
