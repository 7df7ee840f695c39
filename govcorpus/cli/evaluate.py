"""`govcorpus eval`: the crawl's stages scored against the hand-checked gold pages, next to
generic baselines."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console

from govcorpus.bundled import GOLD_DIR
from govcorpus.cli.common import UserError, console
from govcorpus.contract import METADATA_FIELDS, REGION_FIELDS
from govcorpus.decoding.decode import decode_html
from govcorpus.extraction.dates import normalize_date
from govcorpus.reports.classify import classify_report

if TYPE_CHECKING:
    from rich.table import Table

System = Callable[[dict[str, Any]], dict[str, Any]]
"""A system reads one gold page (`raw` bytes, decoded `html`, `url`) into contract fields."""
IGNORED_CHARS = frozenset("|")
SCORED_FIELDS = (*METADATA_FIELDS, *REGION_FIELDS)
"""Exact-match fields, scored on the pages whose gold carries them (region: the reports)."""


def load_gold(gold_dir: Path, files_dir: Path | None = None) -> list[dict[str, Any]]:
    """Gold records with their page's decoded HTML (`html`) and gold body text (`body`)."""
    files_dir = files_dir or gold_dir.parent / "files"
    pages = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["raw"] = (files_dir / gold["file"]).read_bytes()
        gold["html"] = decode_html(gold["raw"]).text
        body_file = gold.get("body_file")
        gold["body"] = (gold_dir / body_file).read_text(encoding="utf-8") if body_file else None
        pages.append(gold)
    return pages


def char_f1(predicted: str | None, gold: str) -> float:
    """F1 over the multisets of non-blank characters (pipes, being cell separators, ignored)."""
    pred = _chars(predicted or "")
    ref = _chars(gold)
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(pred.values())
    recall = overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def _chars(text: str) -> Counter[str]:
    """Character counts of a text without whitespace and ignored characters."""
    return Counter(char for char in text if not char.isspace() and char not in IGNORED_CHARS)


def leakage(predicted: str | None, phrases: list[str]) -> float:
    """Share of the output's characters that belong to phrases the body must not contain."""
    text = "".join((predicted or "").split())
    if not text:
        return 0.0
    leaked = sum(text.count("".join(p.split())) * len("".join(p.split())) for p in phrases)
    return min(1.0, leaked / len(text))


def govcorpus_system(page: dict[str, Any]) -> dict[str, Any]:
    """This project's fields of the page's bytes, from the crawl's own analysis stages."""
    from govcorpus.cli.inspect import document_fields

    return document_fields(page["raw"], page.get("url"))


def trafilatura_system(page: dict[str, Any]) -> dict[str, Any]:
    """trafilatura with its default settings; author stands in for the issuing body."""
    import trafilatura

    document = trafilatura.bare_extraction(page["html"], url=page.get("url"), with_metadata=True)
    if document is None:
        return _baseline_fields(None, None, None, None)
    return _baseline_fields(document.title, document.author, document.date, document.text)


def gne_system(page: dict[str, Any]) -> dict[str, Any]:
    """GeneralNewsExtractor; author stands in for the issuing body."""
    from gne import GeneralNewsExtractor

    try:
        result = GeneralNewsExtractor().extract(page["html"])
    except Exception:  # gne raises on pages it cannot parse; that page scores zero
        return _baseline_fields(None, None, None, None)
    return _baseline_fields(
        result.get("title"), result.get("author"), result.get("publish_time"), result.get("content")
    )


def _baseline_fields(
    title: str | None, author: str | None, date: str | None, text: str | None
) -> dict[str, Any]:
    """A baseline's output in contract terms, classified by the same classifier."""
    fields: dict[str, Any] = dict.fromkeys(METADATA_FIELDS)
    fields.update(
        title=title or None, issuing_body=author or None, publish_date=normalize_date(date),
        text=text or None,
    )
    fields["is_annual_report"], fields["report_year"] = classify_report(title, text)
    return fields


def available_systems() -> dict[str, System]:
    """The systems to compare: govcorpus, trafilatura, and gne when it is installed."""
    systems: dict[str, System] = {
        "govcorpus": govcorpus_system,
        "trafilatura": trafilatura_system,
    }
    try:
        import gne  # noqa: F401
    except ImportError:
        return systems
    systems["gne"] = gne_system
    return systems


def score_system(name: str, system: System, pages: list[dict[str, Any]]) -> dict[str, Any]:
    """One row: per-field exact-match accuracy, classification, body F1 and leakage."""
    hits: Counter[str] = Counter()
    support: Counter[str] = Counter()
    f1s: list[float] = []
    leaks: list[float] = []
    failures: list[str] = []
    started = time.perf_counter()
    for page in pages:
        output = system(page)
        for field in SCORED_FIELDS:
            if page.get(field) is not None:
                support[field] += 1
                if output.get(field) == page[field]:
                    hits[field] += 1
                else:
                    failures.append(f"{page['file']}:{field}={output.get(field)!r}")
        support["classification"] += 1
        verdict = (output.get("is_annual_report"), output.get("report_year"))
        hits["classification"] += verdict == (page["is_annual_report"], page["report_year"])
        if page.get("body") is not None:
            f1s.append(char_f1(output.get("text"), page["body"]))
        leaks.append(leakage(output.get("text"), page.get("excluded_phrases", [])))
    row: dict[str, Any] = {"system": name, "pages": len(pages)}
    for field in (*SCORED_FIELDS, "classification"):
        row[field] = hits[field] / support[field] if support[field] else None
    row.update(
        body_f1=sum(f1s) / len(f1s) if f1s else None,
        body_f1_min=min(f1s) if f1s else None,
        leakage=sum(leaks) / len(leaks) if leaks else None,
        seconds=round(time.perf_counter() - started, 3),
        support=dict(support),
        failures=failures,
    )
    return row


def load_cases(gold_dir: Path, files_dir: Path | None = None) -> list[dict[str, Any]]:
    """Classification cases: real titles, and seed texts (read into `text`) with no title."""
    path = gold_dir / "classification" / "cases.json"
    if not path.exists():
        return []
    files_dir = files_dir or gold_dir.parent / "files"
    cases = json.loads(path.read_text(encoding="utf-8"))
    for case in cases["texts"]:
        case["text"] = (files_dir / case["file"]).read_text(encoding="utf-8")
    return [*cases["titles"], *cases["texts"]]


def classifier_accuracy(cases: list[dict[str, Any]]) -> float | None:
    """Share of cases whose (is_annual_report, report_year) the classifier gets right."""
    if not cases:
        return None
    right = sum(
        classify_report(case.get("title"), case.get("text"))
        == (case["is_annual_report"], case["report_year"])
        for case in cases
    )
    return right / len(cases)


def load_region_cases(gold_dir: Path) -> list[dict[str, Any]]:
    """Issuing bodies (with portal code and title) and the region and body type they resolve to."""
    path = gold_dir / "regions" / "cases.json"
    return json.loads(path.read_text(encoding="utf-8"))["cases"] if path.exists() else []


def region_accuracy(cases: list[dict[str, Any]]) -> float | None:
    """Share of cases whose (region_code, region_name, body_type) the resolver gets right."""
    from govcorpus.reports.regions import resolve_region

    if not cases:
        return None
    right = 0
    for case in cases:
        region = resolve_region(case["issuing_body"], case["portal_code"], case["title"])
        right += (region.code, region.name, region.body_type) == (
            case["region_code"], case["region_name"], case["body_type"]
        )
    return right / len(cases)


def evaluate(gold_dir: Path, files_dir: Path | None = None) -> list[dict[str, Any]]:
    """Rows per system (govcorpus, trafilatura, gne if importable) over the gold pages.

    `classifier_cases` scores the shared classifier on the title/text cases and `region_cases`
    the region resolver on the issuing-body cases: neither depends on the extractor, so every
    row carries the same value.
    """
    pages = load_gold(gold_dir, files_dir)
    cases = load_cases(gold_dir, files_dir)
    accuracy = classifier_accuracy(cases)
    regions = load_region_cases(gold_dir)
    resolved = region_accuracy(regions)
    rows = [score_system(name, system, pages) for name, system in available_systems().items()]
    for row in rows:
        row.update(classifier_cases=accuracy, cases=len(cases), region_cases=resolved,
                   regions=len(regions))
    return rows


def render_eval_table(rows: list[dict[str, Any]]) -> Table:
    """A rich table of the rows: accuracy per field (n = pages carrying it), F1, leakage."""
    from rich.table import Table

    support = rows[0]["support"] if rows else {}
    table = Table(title="Extraction vs gold")
    if rows and rows[0].get("cases"):
        table.caption = (
            f"{rows[0]['pages']} gold pages; classifier on {rows[0]['cases']} title/text cases: "
            f"{_percent(rows[0]['classifier_cases'])}"
        )
    if rows and rows[0].get("regions"):
        table.caption = (
            f"{table.caption or ''}; region resolver on {rows[0]['regions']} issuing bodies: "
            f"{_percent(rows[0]['region_cases'])}"
        )
    table.add_column("system")
    columns = [*SCORED_FIELDS, "classification"]
    for field in columns:
        table.add_column(f"{field}\n(n={support.get(field, 0)})", justify="right")
    for label in ("body F1", "min F1", "leakage", "seconds"):
        table.add_column(label, justify="right")
    for row in rows:
        cells = [_percent(row[field]) for field in columns]
        extra = [
            _number(row["body_f1"]), _number(row["body_f1_min"]), _percent(row["leakage"], 2),
            f"{row['seconds']:.2f}",
        ]
        table.add_row(row["system"], *cells, *extra)
    return table


def _percent(value: float | None, digits: int = 1) -> str:
    """A share as a percentage, or a dash when there was nothing to score."""
    return "—" if value is None else f"{100 * value:.{digits}f}%"


def _number(value: float | None) -> str:
    """A score with three decimals, or a dash."""
    return "—" if value is None else f"{value:.3f}"




EVAL_WIDTH = 220  # the table's width: wider than a pipe's default 80 columns


def _gold_dir(gold: Path | None) -> Path:
    """The gold set: the one given, else the one shipped with the package."""
    path = gold or GOLD_DIR
    if path.is_dir() and any(path.glob("*.json")):
        return path
    raise UserError(
        f"no gold set at {path}: give --gold DIR (a folder of <page>.json, its pages in ../files)"
    )


def print_eval(gold: Path | None) -> None:
    """Print per-field accuracy, body F1 and leakage of govcorpus and the baselines."""
    rows = evaluate(_gold_dir(gold))
    Console(width=max(console.width, EVAL_WIDTH)).print(render_eval_table(rows))
    if not any(row["system"] == "gne" for row in rows):
        console.print("gne is not installed: pip install 'govcorpus[test]' adds its column",
                      markup=False)
