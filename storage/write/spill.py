"""Records the database would not take, kept in a JSONL file instead of lost, and loaded back.

The first line names the crawl run ({"run_id": N}); each further line is
{"buffer": "pages"|"faults"|…, "record": {...}}; bytes travel as {"$bytes": base64} and
datetimes as {"$datetime": ISO 8601}.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BUFFERS = ("pages", "faults", "unchanged", "gone", "listed", "columns", "column_events",
           "list_pages", "list_pages_asked")
"""The writer's buffers, in the order they are written back."""


def spill_path(folder: str | Path, run_id: int | None) -> Path:
    """A new file name for the unsaved records of a run."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    return Path(folder) / f"govcorpus-unsaved-run{run_id or 0}-{stamp}.jsonl"


def buffered_count(writer: Any) -> int:
    """Records waiting in a writer's buffers."""
    return sum(len(getattr(writer, name, ())) for name in BUFFERS)


def spill(writer: Any, path: str | Path) -> int:
    """Write every buffered record of the writer to `path`; return how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"run_id": getattr(writer, "run_id", None)}) + "\n")
        for name in BUFFERS:
            for record in getattr(writer, name, ()):
                line = {"buffer": name, "record": _encode(record)}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                count += 1
    return count


def load_spill(path: str | Path) -> tuple[int | None, dict[str, list[dict[str, Any]]]]:
    """The run id and the records of a spill file, by buffer."""
    loaded: dict[str, list[dict[str, Any]]] = {name: [] for name in BUFFERS}
    run_id = None
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line) if line.strip() else {}
            if "run_id" in entry:
                run_id = entry["run_id"]
            elif entry:
                loaded.setdefault(entry["buffer"], []).append(_decode(entry["record"]))
    return run_id, loaded


def restore(writer: Any, path: str | Path) -> int:
    """Write a spill file's records through the writer, into their own run; return how many."""
    run_id, buffers = load_spill(path)
    writer.run_id = run_id
    count = 0
    for name, records in buffers.items():
        getattr(writer, name).extend(records)
        count += len(records)
    writer.flush()
    return count


def _encode(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        if set(value) == {"$datetime"}:
            return datetime.fromisoformat(value["$datetime"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value
