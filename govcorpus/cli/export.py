"""`govcorpus export` (records, WARC, statistics, each with its datasheet) and `restore`."""

from __future__ import annotations

from pathlib import Path

from rich.progress import Progress

from govcorpus.cli.common import UserError, check_output, console, year_range
from storage.export.records import Selection

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "warc")


def export(db_url: str, fmt: str, out: Path, selection: Selection) -> None:
    """Write the selected documents to a file (a folder for Parquet) and its datasheet."""
    from storage import corpus_engine, export_records
    from storage.export.datasheet import datasheet_path, write_datasheet
    from storage.export.warc import write_warc

    if fmt not in EXPORT_FORMATS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt != "parquet":
        check_output(out)
    elif not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    with corpus_engine(db_url) as engine:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"exporting {fmt}", total=None)
            report = lambda n: progress.update(task, completed=n)  # noqa: E731
            if fmt == "warc":
                count = write_warc(engine, out, selection, report)
            else:
                count = export_records(engine, fmt, out, selection, report)
        sheet = write_datasheet(engine, datasheet_path(out, fmt), fmt, selection, count)
    unit = "captures" if fmt == "warc" else "records"
    console.print(f"{count} {unit} written to {out}; datasheet {sheet}")


def export_stats(db_url: str, fmt: str, out: Path, selection: Selection) -> None:
    """Write the annual reports' statistics, one row per report, and their datasheet."""
    from govcorpus.tables import columns_markdown
    from storage import corpus_engine
    from storage.export.tables import write_stats

    if fmt not in ("csv", "parquet"):
        raise UserError(f"statistics export format {fmt!r}: use csv or parquet")
    check_output(out)
    with corpus_engine(db_url) as engine:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("exporting statistics", total=None)
            count = write_stats(engine, fmt, out, selection,
                                lambda n: progress.update(task, completed=n))
    sheet = out.with_name(out.name + ".datasheet.md")
    sheet.write_text(_stats_datasheet(count, selection) + columns_markdown(), encoding="utf-8")
    console.print(f"{count} reports written to {out}; columns described in {sheet}")


def _stats_datasheet(count: int, selection: Selection) -> str:
    return (
        "# govcorpus statistics export\n\n"
        f"- reports: {count} (annual reports whose standard tables were read)\n"
        f"- report years: {', '.join(map(str, selection.years)) or 'all'}; "
        f"region: {selection.region or 'all'}\n"
        "- per report: doc_id, region, report_year, issuing body, url, the table format "
        "(2021 or 2019), the cross-checks run and failed (names in failed_checks), then one "
        "column per cell below. A failed check is the source's own inconsistency, kept as "
        "published.\n\n"
    )


def restore(file: Path, db_url: str) -> None:
    """Write a spill file's records to the database, into the run they came from."""
    from govcorpus.cli.scrapy_run import project_settings
    from storage import CorpusWriter, corpus_engine, init_db
    from storage.write.spill import restore as restore_spill

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    with corpus_engine(db_url) as engine:
        init_db(engine)
        try:
            batch_size = project_settings().getint("GOVCORPUS_BATCH_SIZE")
            count = restore_spill(CorpusWriter(engine, batch_size), file)
        except (ValueError, KeyError) as exc:
            raise UserError(f"{file}: not a govcorpus spill file ({exc})") from None
    console.print(f"{count} records from {file} stored in {engine.url.render_as_string()}")


def export_panel(db_url: str, fmt: str, out: Path, registry: str, years: str | None,
                 bodies: str, region: str | None) -> None:
    """Write the panel (one row per government, or department, and year) and its datasheet."""
    from storage import corpus_engine
    from storage.export.panel import PANEL_FORMATS, panel_datasheet, panel_records, write_panel
    from storage.read.panel import department_panel, government_panel

    if fmt not in PANEL_FORMATS:
        raise UserError(f"panel format {fmt!r}: use one of {', '.join(PANEL_FORMATS)}")
    if bodies not in ("governments", "departments"):
        raise UserError(f"bodies {bodies!r}: use governments or departments")
    check_output(out)
    span = year_range(years)
    with corpus_engine(db_url) as engine:
        governments = _governments(engine, registry, region)
        read = government_panel if bodies == "governments" else department_panel
        records = panel_records(engine, read(engine, governments, span))
    write_panel(records, fmt, out)
    sheet = out.with_name(out.name + ".datasheet.md")
    source = _registry_label(registry, len(governments), region)
    sheet.write_text(panel_datasheet(records, source, bodies), encoding="utf-8")
    console.print(f"{len(records)} rows ({len(governments)} governments) written to {out}; "
                  f"datasheet {sheet}")


def _registry_label(registry: str, count: int, region: str | None) -> str:
    from govcorpus.registry import NATIONAL, NATIONAL_PORTALS

    if registry == "corpus":
        what = "the portals the corpus was crawled from (its `portals` table)"
    elif registry == NATIONAL:
        what = (f"the national registry shipped with govcorpus ({NATIONAL_PORTALS.name}, "
                "2026 compilation, GB/T 2260 as of 2024-12-31)")
    else:
        what = f"the registry file {registry}"
    return f"{what}; {count} governments" + (f" under code prefix {region}" if region else "")


def _governments(engine, registry: str, region: str | None) -> list:
    """The registry's governments: the corpus's portals, the national registry or a CSV."""
    import sqlalchemy as sa

    from govcorpus.registry import NATIONAL, load_registry, national_rows
    from storage.models import Portal
    from storage.read.panel import Government

    if registry == "corpus":
        with engine.connect() as conn:
            rows = conn.execute(sa.select(Portal.region_code, Portal.name)).all()
    elif registry == NATIONAL:
        rows = [(row.code, row.name) for row in national_rows()]
    else:
        rows = [(p.region_code, p.name) for p in load_registry(registry)]
    prefix = (region or "").rstrip("0")
    return [Government(code, name) for code, name in rows if code.startswith(prefix)]
