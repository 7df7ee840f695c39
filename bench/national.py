"""A national night on one machine: N portals, each its own host, over three nights.

    python bench/national.py --portals 1000
    python bench/national.py --portals 3179 --night full
    python bench/national.py --scaling 100,300,1000,3179

Each portal of the testbed is served on a loopback address of its own (127.1.x.y) by one
asyncio process, answering after a latency drawn per portal: most 0.1–0.8 s, 5 % slow
(2–4 s), 1 % never answering. Column sizes are heavy-tailed: 90 % of portals list 20–100
documents, 8 % 100–1,000 (log-uniform), 2 % 1,000–3,200 (log-uniform). That draw is the
bench's own model, not a fit to measured data: it was set by hand to the spread seen on the
seed portals (most county columns list tens of documents, a few prefecture and provincial
platforms thousands); no census of column sizes across the registry exists yet.

Three nights run one after the other on one corpus, with the crawler's settings as a
researcher gets them (robots.txt, AutoThrottle, 2 requests per host, the download delay):
- discovery: `govcorpus discover` on an empty corpus: home → hub → 年报 columns, nothing
  remembered, no document fetched; its pages are the requests it made;
- full: `govcorpus crawl`, starting from the remembered columns, every document fetched; its
  pages are the documents stored;
- second: `govcorpus crawl` again on the unchanged testbed: each column's first page is asked
  for again and answers 304 (its stored reading replayed, crawler/listing/reading.py), its
  further pages are replayed without asking (crawler/incremental/trusted.py), documents are
  not due (GOVCORPUS_REVISIT_DAYS) or answer 304; its pages are its requests.

To fit in minutes the nights are scaled: documents per portal × --size-scale (default 0.05),
and every clock × --time-scale (default 0.25) — the portals' latencies and the crawler's time
settings alike (DOWNLOAD_DELAY, AUTOTHROTTLE_START_DELAY, AUTOTHROTTLE_MAX_DELAY,
DOWNLOAD_TIMEOUT, GOVCORPUS_LOOP_THROTTLE_NEED_S), so each host sees the same politeness in
proportion, four times faster.
--time-scale 1 runs the real clocks.

Measured in the same run, per night:
- wall_s: the night's command;
- ideal_s: the larger of the slowest portal's same night alone (its own corpus, same three
  nights, same settings; the slowest answering portal by expectation, and a dead one) and the
  night's pages at the single-host rate of the full pipeline (bench/throughput.py's crawl,
  politeness off, measured at the end of the run);
- peak_rss_mb of the command's process tree;
- starved_portals: answering portals that got nothing in the first half of the night (first
  column found for discovery, first document stored for full); for the second night, which
  stores little, answering portals none of whose columns was read at all.
--stock adds the full night with Scrapy's stock scheduler and concurrency on a copy of the
discovered corpus (stopped at --stock-cap × wall_s). --scaling runs every size in turn and
writes docs/national_scaling.md and docs/national_scaling.png (wall against ideal).
--floor asks the second night's list pages again with Scrapy alone (bench/scrapy_floor.py: the
same URLs and validators, the same politeness, nothing of the crawler's own) and adds its whole
process's wall time to the second night's RESULT line as floor_s: what Scrapy itself costs.
With --challenged N, N of the answering portals (drawn with the seed) sit behind the testbed's
JavaScript cookie challenge (testbed/scripted_built_to_shape.py) and are first crawled in one
`govcorpus crawl` from an empty corpus (discovery and documents together), the browser in use;
the full night's RESULT line then adds, for that crawl, challenged=N, challenged_complete
(challenged portals with every listed document stored; beside it plain_complete, the same for
the other answering portals), challenged_pages, challenged_wall_s, challenged_efficiency (the
full night's ideal_s over its wall time), challenged_pages_per_s, challenged_peak_rss_mb
(Chromium's processes included, each process's resident pages summed) and
challenged_peak_pss_mb (the same tree's proportional set size: pages shared among Chromium's
processes counted once, what the tree costs the machine).
Ends with one line per night (or only --night's):
RESULT night=… portals=… pages=… wall_s=… ideal_s=… efficiency=… pages_per_s=… peak_rss_mb=…
starved_portals=…
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import sqlalchemy as sa  # noqa: E402

from bench.common import (  # noqa: E402
    Timed,
    count_rows,
    govcorpus_command,
    run_watched,
)
from bench.throughput import crawl_testbed  # noqa: E402
from crawler.runtime.monitors import EXIT_CODES  # noqa: E402
from govcorpus.cli.crawl import project_settings  # noqa: E402
from testbed.hosts import Host, ManyHostProcess, host_address  # noqa: E402

TIME_SETTINGS = ("DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "AUTOTHROTTLE_MAX_DELAY",
                 "DOWNLOAD_TIMEOUT", "GOVCORPUS_LOOP_THROTTLE_NEED_S")
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


def slowest_alone(draws: list[PortalDraw], sizes: list[int], time_scale: float) -> set[int]:
    """The answering portal that should take longest alone (requests × the larger of delay and
    latency) and the first portal that never answers (its retries run to their timeout, the
    same for every dead portal): the candidates for each night's slowest portal."""
    delay = project_settings().getfloat("DOWNLOAD_DELAY") * time_scale

    def expected(i: int) -> float:
        latency = draws[i].latency_s or 0.0
        return (sizes[i] + REQUESTS_BESIDES_DOCUMENTS) * max(delay, latency * time_scale)

    answering = [i for i, d in enumerate(draws) if d.latency_s is not None]
    dead = [i for i, d in enumerate(draws) if d.latency_s is None]
    return {max(answering, key=expected), *dead[:1]}


# The monitors' exit codes for portals that broke: the bench's dead portals are empty, then
# failing, by design; any other non-zero exit is a failed crawl.
PORTAL_ALERTS = {0, *(EXIT_CODES[name] for name in
                      ("empty_portals", "degraded_portals", "failing_portals"))}
NIGHTS = ("discovery", "full", "second")


PROCESSES: dict[str, int] = {"crawl": 1}  # --processes: `govcorpus crawl --processes N`


def night_command(night: str, registry: Path, db_url: str, options: list[str]) -> Timed:
    """One night: `govcorpus discover` for discovery, `govcorpus crawl` for the others."""
    command = "discover" if night == "discovery" else "crawl"
    return crawl(registry, db_url, options, command=command)


def latest_run(db_file: Path) -> int:
    """The id of the corpus's latest run; 0 before its first."""
    import sqlite3

    if not db_file.exists():
        return 0
    with sqlite3.connect(db_file) as conn:
        try:
            return conn.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0]
        except sqlite3.OperationalError:  # no schema yet
            return 0


def night_runs(db_url: str, before: int) -> list[int]:
    """The runs a night opened: one per crawling process."""
    from storage import make_engine
    from storage.models import CrawlRun

    engine = make_engine(db_url)
    with engine.connect() as conn:
        runs = list(conn.execute(sa.select(CrawlRun.id).where(CrawlRun.id > before)
                                 .order_by(CrawlRun.id)).scalars())
    engine.dispose()
    return runs


PROFILE: dict[str, Path] = {}  # --profile: the folder py-spy writes each crawl's samples to


def crawl(registry: Path, db_url: str, options: list[str], stopped_early_ok: bool = False,
          command: str = "crawl", proportional: bool = False) -> Timed:
    sets = [part for option in options for part in ("--set", option)]
    processes = ["--processes", str(PROCESSES["crawl"])] if command == "crawl" else []
    line = govcorpus_command(command, "--registry", str(registry), "--db", db_url, *sets,
                             *processes, "--set", "LOG_LEVEL=WARNING")
    if "folder" in PROFILE:  # the crawling process only: analysis workers are not sampled
        samples = PROFILE["folder"] / f"{registry.stem}-{Path(db_url).stem}-{command}.txt"
        for n in itertools.count(2):
            if not samples.exists():
                break
            samples = samples.with_stem(f"{registry.stem}-{Path(db_url).stem}-{command}-{n}")
        line = ["py-spy", "record", "--format", "raw", "--threads", "-o", str(samples), "--",
                *line]
    timed = run_watched(line, proportional=proportional)
    allowed = PORTAL_ALERTS | ({EXIT_CODES["stopped_early"]} if stopped_early_ok else set())
    if timed.returncode not in allowed:
        sys.exit(f"{command} failed:\n{timed.stderr[-3000:]}")
    return timed


def night_pages(night: str, db_url: str, runs: list[int]) -> int:
    """Discovery and second nights: the requests made; the full night: documents stored."""
    if night == "full":
        return count_rows(db_url, "documents")
    from storage import make_engine
    from storage.models import CrawlRun

    engine = make_engine(db_url)
    with engine.connect() as conn:
        stats = conn.execute(sa.select(CrawlRun.stats).where(CrawlRun.id.in_(runs))).scalars()
        requests = sum(int((one or {}).get("requests", 0)) for one in stats)
    engine.dispose()
    return requests


def starved_portals(night: str, db_url: str, with_work: set[str], runs: list[int]) -> int:
    """Answering portals that got nothing in the first half of the night (see the docstring)."""
    from storage import make_engine
    from storage.models import Capture, CrawlRun, Document, ListColumn, PortalColumn

    engine = make_engine(db_url)
    with engine.connect() as conn:
        started, finished = conn.execute(
            sa.select(sa.func.min(CrawlRun.started_at), sa.func.max(CrawlRun.finished_at))
            .where(CrawlRun.id.in_(runs))
        ).one()
        half = _aware(started) + (_aware(finished) - _aware(started)) / 2
        if night == "second":
            read = set(conn.execute(sa.select(ListColumn.portal_code).distinct()
                                    .where(ListColumn.run_id.in_(runs))).scalars())
            engine.dispose()
            return len(with_work - read)
        if night == "discovery":
            first = dict(conn.execute(
                sa.select(PortalColumn.portal_code, sa.func.min(PortalColumn.found_at))
                .group_by(PortalColumn.portal_code)).all())
        else:
            first = dict(conn.execute(
                sa.select(Document.portal_code, sa.func.min(Capture.fetched_at))
                .join(Capture, Capture.document_id == Document.id)
                .group_by(Document.portal_code)).all())
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
    with ManyHostProcess(gated, portals=len(hosts), sizes=sizes, seed=0) as served:
        served.write_registry(work / "challenged.csv")
        db_url = f"sqlite:///{work / 'challenged.db'}"
        run = crawl(work / "challenged.csv", db_url, clocks, proportional=True)
        listed = Counter(doc.portal_code for doc in served.testbed.manifest())
        codes = [spec.region_code for spec in served.testbed.portal_specs()]
    stored = stored_by_portal(db_url)
    describe(f"national crawl, {args.challenged} portals challenged", run,
             sum(stored.values()), "documents")
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


def challenged_fields(challenged: tuple[Timed, int, int, int, int], count: int,
                      ideal: float) -> str:
    run, stored, complete, plain_complete, answering = challenged
    return (f" challenged={count} challenged_complete={complete}/{count} "
            f"plain_complete={plain_complete}/{answering} challenged_pages={stored} "
            f"challenged_wall_s={run.seconds:.1f} challenged_efficiency={ideal / run.seconds:.2f} "
            f"challenged_pages_per_s={stored / run.seconds:.1f} "
            f"challenged_peak_rss_mb={run.peak_rss_mb:.0f} "
            f"challenged_peak_pss_mb={run.peak_pss_mb:.0f}")


@dataclass
class NightResult:
    night: str
    portals: int
    pages: int
    timed: Timed
    starved: int
    alone_s: float = 0.0
    ideal_s: float = 0.0
    extra: str = ""  # more fields for the RESULT line (--challenged)

    def result_line(self) -> str:
        wall = self.timed.seconds
        return (f"RESULT night={self.night} portals={self.portals} pages={self.pages} "
                f"wall_s={wall:.1f} ideal_s={self.ideal_s:.1f} "
                f"efficiency={self.ideal_s / wall:.2f} pages_per_s={self.pages / wall:.1f} "
                f"peak_rss_mb={self.timed.peak_rss_mb:.0f} starved_portals={self.starved}"
                f"{self.extra}")


@dataclass
class SizeRun:
    """The three nights of one size, with what they are measured against."""

    portals: int
    nights: dict[str, NightResult] = field(default_factory=dict)
    rate: float = 0.0  # single-host pages/s
    load: tuple[str, str] = ("", "")  # load average at start and at end


def describe(label: str, timed: Timed, pages: int, unit: str) -> None:
    quarters = ", ".join(f"{rss:.0f}" for rss in timed.rss_at_quarters())
    print(f"{label}: {pages} {unit} in {timed.seconds:.1f} s "
          f"= {pages / timed.seconds:.1f}/s; peak RSS {timed.peak_rss_mb:.0f} MB "
          f"(by 25/50/75/100 %: {quarters})", flush=True)


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


UNITS = {"discovery": "requests", "full": "documents", "second": "requests"}


def run_size(portals: int, args: argparse.Namespace, last_night: str) -> SizeRun:
    """Serve `portals` portals and run the nights up to `last_night` on them, then alone."""
    run = SizeRun(portals)
    run.load = (load_average(), "")
    print(f"load average at start: {run.load[0]}", flush=True)
    nights = NIGHTS[: NIGHTS.index(last_night) + 1]
    draws = draw_portals(portals, args.seed)
    sizes = [max(1, round(d.documents * args.size_scale)) for d in draws]
    hosts = scaled_hosts(draws, args.time_scale)
    clocks = time_settings(args.time_scale) + args.set
    print(f"scale: documents × {args.size_scale:g}, clocks × {args.time_scale:g} "
          f"(portal latencies and {', '.join(clocks)})")
    print(f"portals: {portals}, documents {sum(sizes)} (largest {max(sizes)}), "
          f"{sum(h.latency_s is None for h in hosts)} never answer, "
          f"{sum(1 for d in draws if d.latency_s and d.latency_s >= 2)} slow", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) if args.keep is None else args.keep / str(portals)
        work.mkdir(parents=True, exist_ok=True)
        challenged = None
        if args.challenged:
            challenged = crawl_challenged(hosts, sizes, args, clocks, work)
        with ManyHostProcess(hosts, portals=portals, sizes=sizes, seed=0) as served:
            codes = [spec.region_code for spec in served.testbed.portal_specs()]
            with_work = {code for code, host in zip(codes, hosts, strict=True)
                         if host.latency_s is not None}
            served.write_registry(work / "national.csv")
            db_url = f"sqlite:///{work / 'national.db'}"
            for night in nights:
                if night == "full" and args.stock:  # the stock night starts from the same columns
                    shutil.copy(work / "national.db", work / "stock.db")
                before = latest_run(work / "national.db")
                timed = night_command(night, work / "national.csv", db_url, clocks)
                runs = night_runs(db_url, before)
                pages = night_pages(night, db_url, runs)
                describe(f"{night} night", timed, pages, UNITS[night])
                run.nights[night] = NightResult(night, portals, pages, timed,
                                                starved_portals(night, db_url, with_work, runs))
            if args.floor and "second" in run.nights:
                run.nights["second"].extra += scrapy_floor(work / "national.db", runs[0], clocks)
            if "full" in run.nights and args.stock:
                stock_full(work, clocks, args.stock_cap, run.nights["full"])
            alone_nights(served, work, draws, sizes, hosts, codes, clocks, args, run)
        report_server(served)
        single = crawl_testbed(args.throughput_pages, 1000, work, 2)
        run.rate = single["stored"] / single["timed"].seconds
        print(f"single host, politeness off: {single['stored']} documents in "
              f"{single['timed'].seconds:.1f} s = {run.rate:.1f} pages/s")
    for result in run.nights.values():
        result.ideal_s = max(result.alone_s, result.pages / run.rate)
    if challenged is not None and "full" in run.nights:
        full = run.nights["full"]
        full.extra = challenged_fields(challenged, args.challenged, full.ideal_s)
    run.load = (run.load[0], load_average())
    print(f"load average at end: {run.load[1]}", flush=True)
    return run


def scrapy_floor(db_file: Path, run_id: int, clocks: list[str]) -> str:
    """The second night's list pages (asked since its first run began) asked again by Scrapy
    alone in one process (bench/scrapy_floor.py), the whole process timed like a night:
    ` floor_s=…` for the RESULT line."""
    script = str(BENCH / "scrapy_floor.py")
    timed = run_watched([sys.executable, script, str(db_file), str(run_id), *clocks])
    if timed.returncode != 0:
        sys.exit(f"the Scrapy floor failed:\n{timed.stderr[-3000:]}")
    print(f"scrapy alone, the second night's list pages: {timed.seconds:.1f} s", flush=True)
    return f" floor_s={timed.seconds:.1f}"


def alone_nights(served: ManyHostProcess, work: Path, draws: list[PortalDraw],
                 sizes: list[int], hosts: list[Host], codes: list[str], clocks: list[str],
                 args: argparse.Namespace, run: SizeRun) -> None:
    """The same nights for the slowest portals alone, each on its own corpus."""
    for index in sorted(slowest_alone(draws, sizes, args.time_scale)):
        served.write_registry(work / f"alone{index}.csv", [index])
        db_url = f"sqlite:///{work / f'alone{index}.db'}"
        latency = hosts[index].latency_s
        said = []
        for night, result in run.nights.items():
            timed = night_command(night, work / f"alone{index}.csv", db_url, clocks)
            result.alone_s = max(result.alone_s, timed.seconds)
            said.append(f"{night} {timed.seconds:.1f} s")
        print(f"alone: {codes[index]} ({sizes[index]} documents, latency "
              f"{'never' if latency is None else f'{latency:.2f} s'}): {', '.join(said)}",
              flush=True)


def stock_full(work: Path, clocks: list[str], cap: float, ours: NightResult) -> None:
    """Scrapy's stock scheduler and concurrency on the full night, from the same columns."""
    stock_db = f"sqlite:///{work / 'stock.db'}"
    options = clocks + [f"{k}={v}" for k, v in STOCK.items()]
    options.append(f"CLOSESPIDER_TIMEOUT={cap * ours.timed.seconds:.0f}")
    stock = crawl(work / "national.csv", stock_db, options, stopped_early_ok=True)
    stock_pages = count_rows(stock_db, "documents")
    describe("stock scheduling, full night", stock, stock_pages, "documents")
    bound = " (a lower bound: stopped early)" if stock_pages < ours.pages else ""
    print(f"ratio_vs_stock={stock.seconds / ours.timed.seconds:.2f}{bound}", flush=True)


def report_server(served: ManyHostProcess) -> None:
    load = served.load
    if load is not None:
        print(f"server: {load.requests} requests, {load.cpu_s:.1f} s CPU over "
              f"{load.wall_s:.0f} s ({load.cpu_share:.0%} of one core), answers late by "
              f"{load.late_p99_ms:.0f} ms at p99")


def write_scaling(runs: list[SizeRun], docs: Path) -> None:
    """docs/national_scaling.md (a table) and docs/national_scaling.png (wall vs ideal)."""
    rows = ["| portals | night | pages | wall_s | ideal_s | efficiency | peak_rss_mb | "
            "starved | load avg start / end |", "|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for run in runs:
        for r in run.nights.values():
            rows.append(f"| {run.portals} | {r.night} | {r.pages} | {r.timed.seconds:.1f} | "
                        f"{r.ideal_s:.1f} | {r.ideal_s / r.timed.seconds:.2f} | "
                        f"{r.timed.peak_rss_mb:.0f} | {r.starved} | "
                        f"{run.load[0]} / {run.load[1]} |")
    command = "python bench/national.py --scaling " + ",".join(str(r.portals) for r in runs)
    (docs / "national_scaling.md").write_text(
        "# How a national night's cost grows\n\n"
        f"Written by `{command}` (see [Benchmarks](benchmarks.md#how-the-cost-grows)); "
        "the load average beside each size says how busy the machine was.\n\n"
        + "\n".join(rows) + "\n\n![wall against ideal](national_scaling.png)\n",
        encoding="utf-8")
    plot_scaling(runs, docs / "national_scaling.png")


def plot_scaling(runs: list[SizeRun], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, len(NIGHTS), figsize=(12, 4), sharex=True)
    for axis, night in zip(axes, NIGHTS, strict=True):
        done = [run for run in runs if night in run.nights]
        portals = [run.portals for run in done]
        axis.plot(portals, [run.nights[night].timed.seconds for run in done], "o-",
                  label="wall")
        axis.plot(portals, [run.nights[night].ideal_s for run in done], "s--", label="ideal")
        axis.set_title(f"{night} night")
        axis.set_xscale("log")
        axis.set_ylim(bottom=0)
        axis.set_xlabel("portals")
        axis.set_ylabel("seconds (scaled clocks)")
        axis.legend()
    loads = ", ".join(f"{run.portals}: {run.load[0].split()[0]}–{run.load[1].split()[0]}"
                      for run in runs)
    figure.suptitle(f"load average (1 min) at start–end, by portals: {loads}", fontsize=9)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--portals", type=int, default=1000)
    parser.add_argument("--night", choices=NIGHTS,
                        help="print only this night's RESULT (the nights before it still run)")
    parser.add_argument("--scaling", help="sizes to run in turn, e.g. 100,300,1000,3179")
    parser.add_argument("--size-scale", type=float, default=0.05)
    parser.add_argument("--time-scale", type=float, default=0.25)
    parser.add_argument("--throughput-pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--processes", type=int, default=1,
                        help="crawling processes of the full and second nights (--processes)")
    parser.add_argument("--stock", action="store_true",
                        help="also run the full night with Scrapy's stock scheduler")
    parser.add_argument("--stock-cap", type=float, default=2.5,
                        help="stop the stock crawl after this many times wall_s")
    parser.add_argument("--profile", type=Path,
                        help="sample each crawling process with py-spy into this folder")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a crawler setting for every crawl of the run (repeatable)")
    parser.add_argument("--keep", type=Path,
                        help="keep each size's corpora and registries in this folder")
    parser.add_argument("--floor", action="store_true",
                        help="after the second night, its list pages asked by Scrapy alone")
    parser.add_argument("--challenged", type=int, default=0,
                        help="portals behind a JavaScript challenge (crawled first)")
    args = parser.parse_args()
    PROCESSES["crawl"] = args.processes
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
        PROFILE["folder"] = args.profile
    last_night = args.night or NIGHTS[-1]
    sizes = [int(n) for n in args.scaling.split(",")] if args.scaling else [args.portals]
    runs = []
    for portals in sizes:
        runs.append(run_size(portals, args, last_night))
        if args.scaling:  # after each size, so a long run leaves what it has measured
            write_scaling(runs, BENCH.parent / "docs")
    for run in runs:
        for result in run.nights.values():
            if args.night in (None, result.night):
                print(result.result_line())


if __name__ == "__main__":
    main()
