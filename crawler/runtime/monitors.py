"""Monitors run when a crawl closes (spidermon): each failed kind has its own exit status.

They read the crawl's stats, including what crawler/runtime/health.py recorded of each portal, and
the outcome goes back into the stats (`govcorpus/monitors`, `govcorpus/exit_code`) for the
command line and the nightly report.
"""

from __future__ import annotations

import warnings

from scrapy.exceptions import ScrapyDeprecationWarning
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.core.actions import Action

from crawler.runtime.health import ANALYSED_PAGES, FAILED_PAGES
from crawler.runtime.report import EXIT_STATS, MONITOR_STATS
from govcorpus.fault_kinds import STAGE_ERROR
from storage.health import NOT_ERRORS

EXIT_CODES = {
    "stopped_early": 10,
    "database": 11,
    "stage_failures": 12,
    "page_failures": 13,
    "empty_portals": 14,
    "degraded_portals": 15,
    "failing_portals": 16,
}
"""Exit status of `govcorpus crawl` per failed monitor; the lowest wins when several fail."""
__unittest = True  # unittest leaves this module's frames out of a failure: the message says it
# spidermon logs its results through Spider.log(), deprecated since Scrapy 2.13: one warning a
# night that says nothing about the crawl
warnings.filterwarnings("ignore", r"Spider\.log\(\) is deprecated",
                        ScrapyDeprecationWarning)


def exit_code(failed: list[str] | tuple[str, ...]) -> int:
    """The exit status for these failed monitor kinds: 0 when none failed."""
    return min((EXIT_CODES[kind] for kind in failed), default=0)


class CrawlMonitor(Monitor):
    """A monitor of one kind (a key of EXIT_CODES) over the crawl's stats and settings."""

    kind = ""
    longMessage = False  # the message says what failed; unittest's own part adds nothing

    def stat(self, name: str, default: float = 0) -> float:
        return self.data.stats.get(name, default) or default

    def setting(self, name: str) -> float:
        return self.data.crawler.settings.getfloat(name)


@monitors.name("crawl finished")
class CrawlFinished(CrawlMonitor):
    kind = "stopped_early"

    @monitors.name("the crawl ran to its end")
    def test_finished(self):
        reason = self.data.stats.get("finish_reason", "finished")
        self.assertEqual(reason, "finished", f"the crawl stopped early: {reason}")


@monitors.name("database")
class DatabaseReachable(CrawlMonitor):
    kind = "database"

    @monitors.name("everything fetched was stored")
    def test_nothing_spilled(self):
        spilled = self.stat("govcorpus/spilled")
        self.assertFalse(spilled, f"the database did not take {spilled:.0f} records: they "
                                  f"are in {self.data.stats.get('govcorpus/spill_file')}")

    @monitors.name("portal health was recorded")
    def test_health_recorded(self):
        error = self.data.stats.get("govcorpus/health/db_error")
        self.assertIsNone(error, f"portal health not recorded: {error}")


@monitors.name("stage failures")
class StageFailures(CrawlMonitor):
    kind = "stage_failures"

    @monitors.name("share of analysed pages a stage failed on")
    def test_stage_failure_rate(self):
        analysed = self.stat(ANALYSED_PAGES)
        failed = self.stat(FAILED_PAGES)
        limit = self.setting("GOVCORPUS_MONITOR_STAGE_FAILURE_RATE")
        rate = failed / analysed if analysed > 0 else 0.0
        self.assertLessEqual(rate, limit, f"analysis failed on {failed:.0f} of {analysed:.0f} "
                                          f"pages ({rate:.0%}, limit {limit:.0%})")


@monitors.name("page failures")
class PageFailures(CrawlMonitor):
    kind = "page_failures"

    @monitors.name("share of requests that failed")
    def test_page_failure_rate(self):
        # a request not asked because its host answered nothing tonight failed all the same
        requests = (self.stat("downloader/request_count")
                    + self.stat("govcorpus/unreachable/not_asked"))
        failed = sum(value for key, value in self.data.stats.items()
                     if key.startswith("govcorpus/faults/")
                     and key.removeprefix("govcorpus/faults/") not in {*NOT_ERRORS, STAGE_ERROR})
        limit = self.setting("GOVCORPUS_MONITOR_PAGE_FAILURE_RATE")
        rate = min(1.0, failed / requests) if requests > 0 else 0.0
        self.assertLessEqual(rate, limit, f"{failed} of {requests:.0f} requests failed "
                                          f"({rate:.0%}, limit {limit:.0%})")


class PortalStatusMonitor(CrawlMonitor):
    statuses: tuple[str, ...] = ()

    def check_portals(self):
        names = " ".join(str(self.data.stats.get(f"govcorpus/portals/{s}/codes", ""))
                         for s in self.statuses).split()
        self.assertFalse(names, f"portals {'/'.join(self.statuses)}: {', '.join(names)}")


@monitors.name("empty portals")
class EmptyPortals(PortalStatusMonitor):
    kind, statuses = "empty_portals", ("empty",)

    @monitors.name("no portal that used to yield reports yields none")
    def test_no_empty_portal(self):
        self.check_portals()


@monitors.name("degraded portals")
class DegradedPortals(PortalStatusMonitor):
    kind, statuses = "degraded_portals", ("degraded",)

    @monitors.name("no portal yields far fewer reports or documents than usual")
    def test_no_degraded_portal(self):
        self.check_portals()


@monitors.name("failing portals")
class FailingPortals(PortalStatusMonitor):
    kind, statuses = "failing_portals", ("failing", "blocked")

    @monitors.name("no portal blocked or failing night after night")
    def test_no_failing_portal(self):
        self.check_portals()


class RecordOutcome(Action):
    """Put each monitor's outcome and the crawl's exit status into the stats."""

    def run_action(self):
        outcome = {}
        for result in self.result.monitor_results:
            kind = getattr(result.item, "kind", "")
            failed = result.status in ("FAIL", "ERROR")
            previous = outcome.get(kind, {"failed": False, "messages": []})
            message = _assertion(result.error) if failed else None
            outcome[kind] = {"failed": previous["failed"] or failed,
                             "messages": previous["messages"] + ([message] if message else [])}
        stats = self.data.crawler.stats
        stats.set_value(MONITOR_STATS, outcome)
        stats.set_value(EXIT_STATS, exit_code([k for k, v in outcome.items() if v["failed"]]))


def _assertion(error: str | None) -> str:
    """The assertion's own message from a unittest traceback."""
    last = (error or "").strip().splitlines()[-1:] or [""]
    return last[0].removeprefix("AssertionError: ")


class NightlyMonitors(MonitorSuite):
    """Every monitor of a nightly crawl; RecordOutcome runs whatever the outcome."""

    monitors = [CrawlFinished, DatabaseReachable, StageFailures, PageFailures, EmptyPortals,
                DegradedPortals, FailingPortals]
    monitors_finished_actions = [RecordOutcome]
