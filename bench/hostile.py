"""Hostile input: the property suite on its long profile, then a crawl of a site of bombs.

    python bench/hostile.py [--skip-fuzz]

1. The property tests of every reader (tests/unit/govcorpus/test_properties.py,
   tests/unit/crawler/test_properties_listing.py, tests/unit/govcorpus/test_hostile_files.py)
   run under HYPOTHESIS_PROFILE=long: 400 examples a test, each input held to HANG_S seconds
   (Hypothesis's deadline). A failing example is a crash, one over the deadline a hang.
2. A loopback site serves a report column whose page links real report pages carrying
   scripts, an HTML page nested 100,000 deep, `javascript:`/`data:`/`file:` links, and the
   bombs of testbed/hostile.py: DOCX and XLSX inflating past 1 GB, a PDF whose content stream
   does too, a billion-laughs DOCX, a PDF whose page tree loops, a zip of 20,000 members.
   `govcorpus crawl` crawls it with its analysis workers; every page and file must be stored,
   each bomb as a `too_large` or `corrupt` attachment with a fault, and nothing but the site's
   own web URLs asked for.

Peak RSS is that of the whole process tree (crawler, workers, the reading children), sampled
every 0.1 s; over_memory counts the phases whose peak passed 1 GB. Ends with one line:
RESULT inputs_tried=… crashes=… hangs=… over_memory=… peak_rss_mb=… records_lost=…
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BENCH = Path(__file__).resolve().parent  # off the path: its scripts' names shadow packages
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import sqlalchemy as sa  # noqa: E402

from bench.common import ROOT, govcorpus_command, run_watched  # noqa: E402
from testbed import hostile  # noqa: E402

PROPERTY_TESTS = ("tests/unit/govcorpus/test_properties.py",
                  "tests/unit/crawler/test_properties_listing.py",
                  "tests/unit/govcorpus/test_hostile_files.py")
MEMORY_BOUND_MB = 1024
EXAMPLES = re.compile(r"(\d+) passing, (\d+) failing")
SECTION = re.compile(r"^_{3,} (\S+) _{3,}$", re.M)
BOMB_STATUSES = ("too_large", "corrupt")


class Logged(SimpleHTTPRequestHandler):
    asked: list[str] = []

    def log_message(self, *args) -> None:
        Logged.asked.append(self.path)


def fuzz(tmp: Path) -> tuple[int, int, int, float]:
    """inputs tried, crashes, hangs and peak RSS of the property suite on its long profile."""
    out = tmp / "pytest.out"
    os.environ["HYPOTHESIS_PROFILE"] = "long"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "--hypothesis-show-statistics", *PROPERTY_TESTS]
    timed = run_watched(command, interval=0.1, stdout=out)
    text = out.read_text(encoding="utf-8", errors="replace")
    tried = sum(int(p) + int(f) for p, f in EXAMPLES.findall(text))
    failures = failure_sections(text)
    hangs = sum("DeadlineExceeded" in section for section in failures.values())
    for test, section in failures.items():
        print(f"  failed: {test}")
        for line in [line for line in section.splitlines() if line.lstrip().startswith("E ")][:12]:
            print(f"    {line[:200]}")
    print(f"property suite: {tried} inputs, {len(failures)} failed tests, "
          f"{timed.seconds:.0f} s, peak {timed.peak_rss_mb:.0f} MB")
    return tried, len(failures) - hangs, hangs, timed.peak_rss_mb


def failure_sections(text: str) -> dict[str, str]:
    """Each failed test's section of pytest's FAILURES report, by test name."""
    report = text.split(" FAILURES ", 1)[1] if " FAILURES " in text else ""
    report = report.split(" short test summary info ", 1)[0]
    parts = SECTION.split(report)
    return {name: body for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def crawl_bombs(tmp: Path) -> tuple[int, float, list[str]]:
    """records lost, peak RSS of the crawl, and anything asked for that is not the site's."""
    site = tmp / "site"
    expected = hostile.write_hostile_site(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Logged, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    registry, db_url = tmp / "registry.csv", f"sqlite:///{tmp / 'hostile.db'}"
    registry.write_text("region_code,name,level,start_urls,allowed_domains,hints\n"
                        f"350128,平潭综合实验区,county,{base}/,127.0.0.1,"
                        f"report_columns={base}/{hostile.SITE_COLUMN};allow_private=yes\n",
                        encoding="utf-8")
    timed = run_watched(govcorpus_command("crawl", "--registry", str(registry), "--db", db_url,
                                          "--testbed", "--workers", "2"), interval=0.1)
    server.shutdown()
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select url, attachment_status from documents")).all()
        faults = conn.execute(sa.text("select url, kind, detail from faults")).all()
        run_status = conn.execute(sa.text(
            "select status from crawl_runs order by id desc limit 1")).scalar()
    engine.dispose()
    status = {url.removeprefix(base + "/"): file_status for url, file_status in rows}
    lost = [path for path in expected if path not in status]
    for name in hostile.SITE_BOMBS:
        path = f"{hostile.SITE_COLUMN.rsplit('/', 1)[0]}/files/{name}"
        faulted = any(url.endswith(path) for url, _, _ in faults)
        print(f"  {name:16} {status.get(path)!s:10} fault: {'yes' if faulted else 'no'}")
        if name not in hostile.NO_TEXT_ONLY and not (status.get(path) in BOMB_STATUSES and faulted):
            lost.append(f"{path} (read, not refused)")
    site_paths = {"/", "/index.html", "/robots.txt", f"/{hostile.SITE_COLUMN}"}
    strange = [p for p in Logged.asked if p not in site_paths and p.lstrip("/") not in expected]
    strange += [url for url, *_ in [*rows, *faults]
                if url.lower().startswith(hostile.NOT_WEB_SCHEMES)]  # asked: stored or failed
    # the exit status says whether the night was healthy (a site of bombs is not); the run's
    # status whether the crawl finished
    print(f"crawl: run {run_status}, exit {timed.returncode}, {timed.seconds:.0f} s, "
          f"{len(rows)} documents, {len(faults)} faults, peak {timed.peak_rss_mb:.0f} MB")
    if run_status != "finished":
        print(timed.stderr[-2000:])
        lost.append("crawl did not finish")
    return len(lost), timed.peak_rss_mb, strange


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-fuzz", action="store_true", help="only the crawl of bombs")
    args = parser.parse_args()
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        tried, crashes, hangs, fuzz_peak = (0, 0, 0, 0.0) if args.skip_fuzz else fuzz(tmp)
        lost, crawl_peak, strange = crawl_bombs(tmp)
    for path in strange:
        print(f"  asked for outside the site: {path}")
    over = sum(peak > MEMORY_BOUND_MB for peak in (fuzz_peak, crawl_peak))
    print(f"RESULT inputs_tried={tried} crashes={crashes} hangs={hangs} over_memory={over} "
          f"peak_rss_mb={max(fuzz_peak, crawl_peak):.0f} records_lost={lost}")
    return 0 if not (crashes or hangs or over or lost or strange) else 1


if __name__ == "__main__":
    sys.exit(main())
