"""The end of a night on a grown corpus: what it costs as documents and nights accumulate.

    python bench/night_end.py --documents 100000 --nights 365

Builds a SQLite corpus with the migrations' schema: 3,179 portals, --documents documents
spread over them, each with a text of --text-chars characters (a county's annual report runs
to several thousand), all listed by the last of --nights nights, each of which recorded every
portal's health. Then runs what a crawl runs once its pages are stored, timed one by one:
- close_listing: documents the lists no longer show counted missing (storage/write/history.py);
- portal_health: each portal's night measured and judged against its earlier nights
  (storage/health.py);
- summary: the table `govcorpus crawl` prints (storage/read/summary.py).
Ends with one line:
RESULT documents=… nights=… close_listing_s=… portal_health_s=… summary_s=… total_s=…
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import sqlalchemy as sa  # noqa: E402

from storage import corpus_summary, init_db, make_engine  # noqa: E402
from storage.health import record_portal_health  # noqa: E402
from storage.models import CrawlRun, Document, Portal, PortalHealth  # noqa: E402
from storage.write.history import close_listing  # noqa: E402

PORTALS = 3179
T0 = datetime(2026, 1, 1, 2, 0, tzinfo=timezone.utc)
BATCH = 5000


def build(engine: sa.Engine, documents: int, nights: int, text_chars: int) -> list[str]:
    """The corpus after `nights` nights; returns the portal codes."""
    codes = [f"{110000 + i:06d}" for i in range(PORTALS)]
    text = ("本行政机关2025年政府信息公开工作年度报告。" * (text_chars // 20 + 1))[:text_chars]
    last = T0 + timedelta(days=nights)
    with engine.begin() as conn:
        conn.execute(sa.insert(Portal), [{"region_code": c, "name": c} for c in codes])
        conn.execute(sa.insert(CrawlRun), [
            {"id": n, "started_at": T0 + timedelta(days=n - 1), "status": "finished",
             "stats": {}} for n in range(1, nights + 1)])
        for n in range(1, nights):  # tonight's health is what the bench measures
            conn.execute(sa.insert(PortalHealth), [
                {"run_id": n, "portal_code": c, "listed": 30, "reports": 2, "status": "ok",
                 "faults": {}, "recorded_at": T0} for c in codes])
        for start in range(0, documents, BATCH):
            conn.execute(sa.insert(Document), [
                {"doc_id": f"{i:016x}", "url": f"http://p{i % PORTALS}.gov.cn/{i}.htm",
                 "canonical_url": f"http://p{i % PORTALS}.gov.cn/{i}.htm",
                 "portal_code": codes[i % PORTALS], "first_seen": T0, "last_seen": last,
                 "last_run_id": 1, "last_listed_run_id": nights, "text": text,
                 "text_normalized": text, "is_annual_report": i % 10 == 0}
                for i in range(start, min(start + BATCH, documents))])
    return codes


def timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--nights", type=int, default=365)
    parser.add_argument("--text-chars", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'corpus.db'}")
        init_db(engine)
        started = time.perf_counter()
        codes = build(engine, args.documents, args.nights, args.text_chars)
        print(f"built {args.documents} documents, {args.nights} nights of {PORTALS} portals "
              f"in {time.perf_counter() - started:.1f} s", flush=True)
        run_id, now = args.nights, T0 + timedelta(days=args.nights)

        def close() -> None:
            with engine.begin() as conn:
                close_listing(conn, run_id, 3, now)

        seconds = {
            "close_listing": timed(close),
            "portal_health": timed(lambda: record_portal_health(engine, run_id, codes)),
            "summary": timed(lambda: corpus_summary(engine, run_id=run_id)),
        }
        engine.dispose()
    for name, value in seconds.items():
        print(f"{name}: {value:.2f} s")
    fields = " ".join(f"{name}_s={value:.2f}" for name, value in seconds.items())
    print(f"RESULT documents={args.documents} nights={args.nights} {fields} "
          f"total_s={sum(seconds.values()):.2f}")


if __name__ == "__main__":
    main()
