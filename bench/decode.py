"""Time decode_html over every real page, seed and synthetic variant; count right ones.

Usage: .venv/bin/python bench/decode.py [--repeat N]   (the real pages the tests read)
The last line reads: RESULT pages=<tested> right=<right> ms_per_page=<mean>.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _cases_module() -> ModuleType:
    """The expectation loader and variant builder of tests/unit/govcorpus/test_decoding.py."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module("tests.unit.govcorpus.test_decoding")


def _time(func: Callable[..., Any], *args: Any, repeat: int) -> tuple[float, Any]:
    """Per-call milliseconds (mean of `repeat` calls) and the last result."""
    result = None
    start = time.perf_counter()
    for _ in range(repeat):
        result = func(*args)
    return (time.perf_counter() - start) * 1000 / repeat, result


def run(repeat: int) -> int:
    """Decode every case `repeat` times, print a line per wrong case and the summary."""
    from govcorpus.decoding.decode import _detected_charset, decode_html

    cases = _cases_module()
    decode_html("<html><p>政府信息公开</p></html>".encode())
    timings, detector_ms, right, detector_runs = [], [], 0, 0
    for case in cases.load_cases():
        body = cases.case_bytes(case)
        ms, decoded = _time(decode_html, body, case.content_type, repeat=repeat)
        timings.append(ms)
        detector_ms.append(_time(_detected_charset, body, repeat=repeat)[0])
        detector_runs += decoded.evidence["detector"].startswith("ran")
        if decoded.encoding == case.codec and case.phrase in decoded.text:
            right += 1
        else:
            print(f"WRONG {case.id}: got {decoded.encoding}, want {case.codec} ({case.note})")
    mean = statistics.fmean(timings)
    p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) > 1 else mean
    print(f"pages tested: {len(timings)} (each decoded {repeat} times)")
    print(f"pages right:  {right}")
    print(f"detector ran: {detector_runs} of {len(timings)} pages (skipped on the rest)")
    print(f"detector alone, had it run on every page: mean {statistics.fmean(detector_ms):.2f} ms")
    print(f"ms per page:  mean {mean:.2f}, p95 {p95:.2f}, max {max(timings):.2f}")
    print(f"RESULT pages={len(timings)} right={right} ms_per_page={mean:.2f}")
    return 0 if right == len(timings) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    return run(args.repeat)


if __name__ == "__main__":
    sys.exit(main())
