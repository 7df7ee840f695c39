"""DOC and WPS (OLE word-processor files) through antiword or catdoc, with a timeout."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from govcorpus.attachments.model import (
    STATUS_CORRUPT,
    STATUS_UNSUPPORTED,
    Extraction,
    Limits,
    finish,
    join_cells,
)

ANTIWORD = ("antiword", "-m", "UTF-8.txt", "-w", "0")  # follows the piece table: UTF-16 safe
CATDOC = ("catdoc", "-d", "utf-8", "-w")  # guesses 8-bit vs UTF-16 per 256 bytes: a fallback
TOOLS: dict[str, tuple[tuple[str, ...], ...]] = {"doc": (ANTIWORD, CATDOC),
                                                 "wps": (ANTIWORD, CATDOC)}


def legacy_reader(kind: str) -> str | None:
    """The command that would read a DOC or WPS file here, or None when none is installed."""
    return next((c[0] for c in TOOLS.get(kind, ()) if shutil.which(c[0])), None)


def legacy_text(data: bytes, kind: str, limits: Limits) -> Extraction:
    """Text of a DOC/WPS file by the first command-line converter installed here."""
    commands = [c for c in TOOLS.get(kind, ()) if shutil.which(c[0])]
    if not commands:
        wanted = " or ".join(c[0] for c in TOOLS.get(kind, ())) or "a converter"
        return Extraction(kind, STATUS_UNSUPPORTED, None, f"{kind}: {wanted} is not installed")
    with tempfile.NamedTemporaryFile(suffix=f".{kind}", delete=False) as handle:
        handle.write(data)
    try:
        failures = []
        for command in commands:
            text, error = _run([*command, handle.name], limits.tool_timeout)
            if text is not None and text.strip():
                lines = [_table_row(line) for line in text.splitlines()]
                return finish(kind, lines, limits, f"read by {command[0]}")
            failures.append(f"{command[0]}: {error or 'no text'}")
    finally:
        os.unlink(handle.name)
    return Extraction(kind, STATUS_CORRUPT, None, "; ".join(failures)[:300])


def _table_row(line: str) -> str:
    """Tab-separated table cells (both tools) joined by " | " as everywhere else."""
    return join_cells(line.split("\t")) if "\t" in line.strip() else line


def _run(command: list[str], timeout: float) -> tuple[str | None, str | None]:
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f} s"
    if result.returncode != 0:
        return None, result.stderr.decode("utf-8", "replace").strip()[:200] or "failed"
    return result.stdout.decode("utf-8", "replace"), None
