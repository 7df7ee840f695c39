"""What the research panel of a crawled testbed should say, read off the testbed's plan: the
demo's yardstick for `govcorpus export panel`."""

from __future__ import annotations

from collections import Counter
from datetime import date

GOVERNMENT_SLUGS = ("zf", "zfb")  # 人民政府 and 人民政府办公室 (testbed/regions.py UNITS)
ON_TIME = dict.fromkeys(range(2019, 2025), "on_time")
DEMO_REPORTS: dict[str, dict[int, str]] = {
    "530323": {**ON_TIME, 2019: "corrected", 2020: "late", 2024: "withheld"},  # 师宗县
    "341621": {**ON_TIME, 2021: "department_only", 2023: "withheld"},  # 涡阳县
    "520204": {**ON_TIME, 2019: "withheld"},  # 水城区 (水城县, 520221, until 2020)
    "430621": ON_TIME,  # 岳阳县: published, but its portal is down (DEMO_DOWN)
    "360982": ON_TIME,  # 樟树市: reposts 万载县's reports
    "350128": {**ON_TIME, 2021: "late", 2022: "corrected"},  # 平潭县
    "360922": {**ON_TIME, 2020: "reposted", 2021: "reposted", 2023: "withheld"},  # 万载县
    "330521": ON_TIME,  # 德清县
}
"""The demo testbed's scripted governments' reports of 2019–2024 (testbed/plan.py SCRIPTED)."""
DEMO_DOWN = ("430621",)
"""The demo testbed's dead portal: every page an HTTP 500."""


def expected_statuses(testbed, years: list[int]) -> dict[tuple[str, int], str]:
    """(region code, year) -> status for every testbed portal and year, from the plan alone.

    A government's own reports are those of its 人民政府 or 人民政府办公室; reposts of it sit
    on its repost host; its portal down means a crawl hole where nothing else was found.
    """
    own: dict[tuple[str, int], list[date]] = {}
    reposted: set[tuple[str, int]] = set()
    others: set[tuple[str, int]] = set()
    for spec in testbed.portal_specs():
        for item in testbed.plan(spec).items():
            if not item.is_report or spec.region_code in testbed.down:
                continue
            key = (spec.region_code, item.year)
            if item.unit.slug in GOVERNMENT_SLUGS:
                own.setdefault(key, []).append(item.published)
            elif item.unit.slug.startswith("zf"):  # a repost: zf + the government's code
                reposted.add((item.unit.slug[2:], item.year))
            else:
                others.add(key)
    statuses = {}
    for spec in testbed.portal_specs():
        for year in years:
            key = (spec.region_code, year)
            statuses[key] = _status(key, own, reposted, others, spec.region_code in testbed.down)
    return statuses


def _status(key, own, reposted, others, down: bool) -> str:
    if key in own:
        return "late" if min(own[key]) > date(key[1] + 1, 3, 31) else "found"
    if key in reposted:
        return "elsewhere"
    if key in others:
        return "department_only"
    return "portal_failing" if down else "missing"


def compare(expected: dict[tuple[str, int], str], panel: dict[tuple[str, int], str]
            ) -> tuple[int, list[tuple[str, int, str, str]]]:
    """(cells that agree, [(code, year, expected, panel) where they differ])."""
    differ = [(code, year, status, panel.get((code, year), "absent"))
              for (code, year), status in sorted(expected.items())
              if panel.get((code, year)) != status]
    return len(expected) - len(differ), differ


def status_counts(statuses: dict[tuple[str, int], str]) -> Counter:
    return Counter(statuses.values())
