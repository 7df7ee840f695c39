"""A national night on one machine: N portals, each its own host, crawled with the polite defaults.

    python bench/national.py --portals 1000

Each portal of the testbed is served on a loopback address of its own (127.1.x.y) by one
asyncio process, answering after a latency drawn per portal: most 0.1–0.8 s, 5 % slow
(2–4 s), 1 % never answering; column sizes are heavy-tailed (most 20–100 documents, 2 % over
1,000). `govcorpus crawl` crawls them with the crawler's settings as a researcher gets them:
robots.txt, AutoThrottle, 2 requests per host, the download delay.

To fit a thousand portals in minutes, the night is scaled: documents per portal × --size-scale
(default 0.05), and every clock × --time-scale (default 0.25) — the portals' latencies and the
crawler's time settings alike (DOWNLOAD_DELAY, AUTOTHROTTLE_START_DELAY, AUTOTHROTTLE_MAX_DELAY,
DOWNLOAD_TIMEOUT), so each host sees the same politeness in proportion, four times faster.
--time-scale 1 runs the real clocks.

Measured in the same run:
- wall_s: the national crawl;
- ideal_s: the larger of the slowest portal crawled alone (same settings) and all documents at
  the single-host rate of the full pipeline (bench/throughput.py's crawl, politeness off);
- ratio_vs_stock: the same crawl with Scrapy's stock scheduler and concurrency, over wall_s
  (stopped at --stock-cap × wall_s, when the ratio printed is a lower bound);
- peak_rss_mb of the crawl's process tree; starved_portals: portals with documents that had
  none fetched in the first half of the crawl.
Ends with one line:
RESULT portals=… pages=… wall_s=… ideal_s=… efficiency=… ratio_vs_stock=… pages_per_s=…
peak_rss_mb=… starved_portals=…

With --challenged N, N of the answering portals (drawn with the seed) sit behind the testbed's
JavaScript cookie challenge (testbed/scripted_built_to_shape.py) and the same night is crawled
first with them, the browser in use; the RESULT line then adds, for that crawl, challenged=N,
challenged_complete (challenged portals with every listed document stored; beside it
plain_complete, the same for the other answering portals), challenged_pages, challenged_wall_s,
challenged_efficiency (ideal_s over its wall time), challenged_pages_per_s and
challenged_peak_rss_mb (Chromium's processes included).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import sqlalchemy as sa  # noqa: E402

from bench.common import Timed, count_rows, govcorpus_command, run_watched  # noqa: E402
from bench.throughput import crawl_testbed  # noqa: E402
from crawler.runtime.monitors import EXIT_CODES  # noqa: E402
from govcorpus.cli.crawl import project_settings  # noqa: E402
from testbed.hosts import Host, ManyHostProcess, host_address  # noqa: E402

TIME_SETTINGS = ("DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                 "DOWNLOAD_TIMEOUT")
# Scrapy's own defaults for scheduling and concurrency; politeness (2 per host) kept.
STOCK = {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
         "CONCURRENT_REQUESTS": "16", "REACTOR_THREADPOOL_MAXSIZE": "10"}
REQUESTS_BESIDES_DOCUMENTS = 6  # robots.txt, home, hub, column, a list page or two


@dataclass(frozen=True)
class PortalDraw:
    documents: int  # real size, before scaling
    latency_s: float | None  # real latency; None never answers


def draw_portals(count: int, seed: int) -> list[PortalDraw]:
    """Sizes and latencies of a national registry, portal by portal (same seed, same night)."""
    rng = random.Random(seed)
    draws = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.90:
            documents = rng.randint(20, 100)
        elif roll < 0.98:
            documents = round(10 ** rng.uniform(2, 3))
        else:
            documents = round(10 ** rng.uniform(3, 3.5))
        roll = rng.random()
        latency = (None if roll < 0.01 else rng.uniform(2, 4) if roll < 0.06
                   else rng.uniform(0.1, 0.8))
        draws.append(PortalDraw(documents, latency))
    return draws


def scaled_hosts(draws: list[PortalDraw], time_scale: float) -> list[Host]:
    return [Host(host_address(i), None if d.latency_s is None else d.latency_s * time_scale)
            for i, d in enumerate(draws)]


def time_settings(time_scale: float) -> list[str]:
    """--set options scaling the crawler's clocks with the portals'."""
    settings = project_settings()
    return [f"{name}={settings.getfloat(name) * time_scale:g}" for name in TIME_SETTINGS]


def slowest_alone(draws: list[PortalDraw], sizes: list[int], time_scale: float) -> int:
    """The portal that takes longest alone: requests × the larger of delay and latency, or,
    for a host that never answers, two requests' retries run to their timeout."""
    settings = project_settings()
    delay = settings.getfloat("DOWNLOAD_DELAY") * time_scale
    timeout = settings.getfloat("DOWNLOAD_TIMEOUT") * time_scale
    dead = 2 * (settings.getint("RETRY_TIMES") + 1) * timeout

    def expected(i: int) -> float:
        latency = draws[i].latency_s
        if latency is None:
            return dead
        return (sizes[i] + REQUESTS_BESIDES_DOCUMENTS) * max(delay, latency * time_scale)

    return max(range(len(draws)), key=expected)


# The monitors' exit codes for portals that broke: the bench's dead portals are empty, then
# failing, by design; any other non-zero exit is a failed crawl.
PORTAL_ALERTS = {0, *(EXIT_CODES[name] for name in
                      ("empty_portals", "degraded_portals", "failing_portals"))}


def crawl(registry: Path, db_url: str, options: list[str], stopped_early_ok: bool = False
          ) -> Timed:
    sets = [part for option in options for part in ("--set", option)]
    timed = run_watched(govcorpus_command("crawl", "--registry", str(registry), "--db", db_url,
                                          *sets, "--set", "LOG_LEVEL=WARNING"))
    allowed = PORTAL_ALERTS | ({EXIT_CODES["stopped_early"]} if stopped_early_ok else set())
    if timed.returncode not in allowed:
        sys.exit(f"crawl failed:\n{timed.stderr[-3000:]}")
    return timed


def starved_portals(db_url: str, with_work: set[str]) -> int:
    """Portals with work none of whose documents was fetched in the first half of the run."""
    from storage import make_engine
    from storage.models import Capture, CrawlRun, Document

    engine = make_engine(db_url)
    with engine.connect() as conn:
        started, finished = conn.execute(
            sa.select(CrawlRun.started_at, CrawlRun.finished_at).order_by(CrawlRun.id.desc())
        ).first()
        half = started + (finished - started) / 2
        first = dict(conn.execute(
            sa.select(Document.portal_code, sa.func.min(Capture.fetched_at))
            .join(Capture, Capture.document_id == Document.id).group_by(Document.portal_code)
        ).all())
    engine.dispose()
    return sum(1 for code in with_work if code not in first or _aware(first[code]) > half)


def _aware(moment):
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def crawl_challenged(hosts: list[Host], sizes: list[int], args, clocks: list[str], work: Path
                     ) -> tuple[Timed, int, int, int, int]:
    """The night with --challenged portals behind the challenge: (the crawl, documents stored,
    challenged portals complete, other answering portals complete, other answering portals)."""
    answering = [i for i, host in enumerate(hosts) if host.latency_s is not None]
    chosen = set(random.Random(args.seed).sample(answering, args.challenged))
    gated = [Host(h.address, h.latency_s, i in chosen) for i, h in enumerate(hosts)]
    with ManyHostProcess(gated, portals=args.portals, sizes=sizes, seed=0) as served:
        served.write_registry(work / "challenged.csv")
        db_url = f"sqlite:///{work / 'challenged.db'}"
        run = crawl(work / "challenged.csv", db_url, clocks)
        listed = Counter(doc.portal_code for doc in served.testbed.manifest())
        codes = [spec.region_code for spec in served.testbed.portal_specs()]
    stored = stored_by_portal(db_url)
    describe(f"national crawl, {args.challenged} portals challenged", run, sum(stored.values()))
    complete = {i for i in answering if stored.get(codes[i], 0) >= listed[codes[i]]}
    return (run, sum(stored.values()), len(complete & chosen), len(complete - chosen),
            len(answering) - len(chosen))


def stored_by_portal(db_url: str) -> Counter[str]:
    from storage import make_engine
    from storage.models import Document

    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(Document.portal_code, sa.func.count())
                            .group_by(Document.portal_code)).all()
    engine.dispose()
    return Counter(dict(rows))


def describe(label: str, timed: Timed, documents: int) -> None:
    quarters = ", ".join(f"{rss:.0f}" for rss in timed.rss_at_quarters())
    print(f"{label}: {documents} documents in {timed.seconds:.1f} s "
          f"= {documents / timed.seconds:.1f} pages/s; peak RSS {timed.peak_rss_mb:.0f} MB "
          f"(by 25/50/75/100 %: {quarters})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--portals", type=int, default=1000)
    parser.add_argument("--size-scale", type=float, default=0.05)
    parser.add_argument("--time-scale", type=float, default=0.25)
    parser.add_argument("--throughput-pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--no-stock", action="store_true", help="skip the stock-settings crawl")
    parser.add_argument("--stock-cap", type=float, default=2.5,
                        help="stop the stock crawl after this many times wall_s")
    parser.add_argument("--challenged", type=int, default=0,
                        help="portals behind a JavaScript challenge (crawled first)")
    args = parser.parse_args()

    draws = draw_portals(args.portals, args.seed)
    sizes = [max(1, round(d.documents * args.size_scale)) for d in draws]
    hosts = scaled_hosts(draws, args.time_scale)
    clocks = time_settings(args.time_scale)
    print(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"scale: documents × {args.size_scale:g}, clocks × {args.time_scale:g} "
          f"(portal latencies and {', '.join(clocks)})")
    print(f"portals: {args.portals}, documents {sum(sizes)} (largest {max(sizes)}), "
          f"{sum(h.latency_s is None for h in hosts)} never answer, "
          f"{sum(1 for d in draws if d.latency_s and d.latency_s >= 2)} slow")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        challenged = None
        if args.challenged:
            challenged = crawl_challenged(hosts, sizes, args, clocks, work)
        with ManyHostProcess(hosts, portals=args.portals, sizes=sizes, seed=0) as served:
            codes = [spec.region_code for spec in served.testbed.portal_specs()]
            with_work = {code for code, host in zip(codes, hosts, strict=True)
                         if host.latency_s is not None}
            served.write_registry(work / "national.csv")
            ours_db = f"sqlite:///{work / 'national.db'}"
            ours = crawl(work / "national.csv", ours_db, clocks)
            pages = count_rows(ours_db, "documents")
            describe("national crawl", ours, pages)
            starved = starved_portals(ours_db, with_work)
            stock, stock_cut = None, False
            if not args.no_stock:
                stock_db = f"sqlite:///{work / 'stock.db'}"
                cap = f"CLOSESPIDER_TIMEOUT={args.stock_cap * ours.seconds:.0f}"
                stock = crawl(work / "national.csv", stock_db,
                              clocks + [f"{k}={v}" for k, v in STOCK.items()] + [cap],
                              stopped_early_ok=True)  # the cap closes it early
                stock_pages = count_rows(stock_db, "documents")
                describe("stock scheduling", stock, stock_pages)
                stock_cut = stock_pages < pages
                if stock_cut:
                    print(f"  stopped at {args.stock_cap:g} × wall_s with {stock_pages} of "
                          f"{pages} documents: ratio_vs_stock below is a lower bound")
            slowest = slowest_alone(draws, sizes, args.time_scale)
            served.write_registry(work / "alone.csv", [slowest])
            alone_db = f"sqlite:///{work / 'alone.db'}"
            alone = crawl(work / "alone.csv", alone_db, clocks)
            latency = hosts[slowest].latency_s
            print(f"slowest portal alone: {codes[slowest]} ({sizes[slowest]} documents, "
                  f"latency {'never' if latency is None else f'{latency:.2f} s'}): "
                  f"{alone.seconds:.1f} s, {count_rows(alone_db, 'documents')} documents")
        load = served.load
        if load is not None:
            print(f"server: {load.requests} requests, {load.cpu_s:.1f} s CPU over "
                  f"{load.wall_s:.0f} s ({load.cpu_share:.0%} of one core), answers late by "
                  f"{load.late_p99_ms:.0f} ms at p99")
        single = crawl_testbed(args.throughput_pages, 1000, work, 2)
        rate = single["stored"] / single["timed"].seconds
        print(f"single host, politeness off: {single['stored']} documents in "
              f"{single['timed'].seconds:.1f} s = {rate:.1f} pages/s")
    print(f"load average at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    ideal = max(alone.seconds, pages / rate)
    ratio = stock.seconds / ours.seconds if stock else float("nan")
    extra = ""
    if challenged is not None:
        run, stored, complete, plain_complete, answering = challenged
        extra = (f" challenged={args.challenged} challenged_complete={complete}/"
                 f"{args.challenged} plain_complete={plain_complete}/{answering} "
                 f"challenged_pages={stored} challenged_wall_s={run.seconds:.1f} "
                 f"challenged_efficiency={ideal / run.seconds:.2f} "
                 f"challenged_pages_per_s={stored / run.seconds:.1f} "
                 f"challenged_peak_rss_mb={run.peak_rss_mb:.0f}")
    print(f"RESULT portals={args.portals} pages={pages} wall_s={ours.seconds:.1f} "
          f"ideal_s={ideal:.1f} efficiency={ideal / ours.seconds:.2f} "
          f"ratio_vs_stock={ratio:.2f} pages_per_s={pages / ours.seconds:.1f} "
          f"peak_rss_mb={ours.peak_rss_mb:.0f} starved_portals={starved}{extra}")


if __name__ == "__main__":
    main()
