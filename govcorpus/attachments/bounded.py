"""Read one file in a child process the operating system bounds in memory and CPU time.

A reader's own checks stop the bombs they know; the limits stop the rest (a PDF whose page
tree loops, an XML part no check foresaw). The child sets its own address-space and CPU
limits before it reads a byte, so a file can take down nothing but that child, which ends as
a `too_large` attachment.

Protocol: the parent writes one JSON line (kind and limits) and then the file's bytes to the
child's stdin; the child writes the `Extraction` as one JSON object to its stdout.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
from dataclasses import asdict

from govcorpus.attachments.model import (
    STATUS_CORRUPT,
    STATUS_TOO_LARGE,
    Extraction,
    Limits,
)

MB = 1024 * 1024
CPU_HARD_GRACE_S = 5  # SIGXCPU at the soft limit, SIGKILL this much later
LIMIT_SIGNALS = {signal.SIGXCPU: "its CPU limit", signal.SIGKILL: "its CPU limit"}


def wall_timeout(limits: Limits) -> float:
    """Seconds the parent waits: CPU time is shared with other processes, and a converter
    (antiword, tesseract) runs as a grandchild on its own timeout."""
    return 2.0 * limits.max_cpu_s + limits.tool_timeout


def read_bounded(kind: str, data: bytes, limits: Limits) -> Extraction:
    """The reader of `kind` run on `data` in a bounded child process; never raises."""
    header = json.dumps({"kind": kind, "limits": asdict(limits)}).encode() + b"\n"
    timeout = wall_timeout(limits)
    try:
        done = subprocess.run([sys.executable, "-m", __name__], input=header + data,
                              capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Extraction(kind, STATUS_TOO_LARGE, None, f"reader stopped after {timeout:g} s")
    if done.returncode == 0:
        try:
            return Extraction(**json.loads(done.stdout))
        except (ValueError, TypeError) as exc:
            return Extraction(kind, STATUS_CORRUPT, None, f"reader answered badly: {exc}"[:300])
    return _died(kind, done.returncode, done.stderr, limits)


def _died(kind: str, returncode: int, stderr: bytes, limits: Limits) -> Extraction:
    if returncode < 0 and -returncode in LIMIT_SIGNALS:
        why = LIMIT_SIGNALS[-returncode]
        return Extraction(kind, STATUS_TOO_LARGE, None,
                          f"reader stopped at {why} ({limits.max_cpu_s} s)")
    last = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    if "MemoryError" in last[0] or "bad_alloc" in last[0]:
        return Extraction(kind, STATUS_TOO_LARGE, None,
                          f"reader over its memory limit ({limits.max_memory_mb} MB)")
    return Extraction(kind, STATUS_CORRUPT, None,
                      f"reader died (exit {returncode}): {last[0]}"[:300])


def limit_this_process(limits: Limits) -> None:
    """Bound this process's address space and CPU time (children inherit both)."""
    memory = limits.max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.max_cpu_s,
                                             limits.max_cpu_s + CPU_HARD_GRACE_S))


def _child() -> None:
    header = json.loads(sys.stdin.buffer.readline())
    limits = Limits(**header["limits"])
    limit_this_process(limits)
    data = sys.stdin.buffer.read()
    from govcorpus.attachments.readers import read_kind

    try:
        result = read_kind(header["kind"], data, limits)
    except MemoryError:
        result = Extraction(header["kind"], STATUS_TOO_LARGE, None,
                            f"reader over its memory limit ({limits.max_memory_mb} MB)")
    sys.stdout.write(json.dumps(asdict(result)))


if __name__ == "__main__":
    _child()
