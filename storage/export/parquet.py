"""Parquet exports: a dataset partitioned by report year and province (hive layout)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from govcorpus.contract import DOCUMENT_FIELDS, EXPORT_FIELDS, SOURCED_FIELDS
from govcorpus.reports.provinces import province_code

BATCH_ROWS = 2000
KIND_TYPES = {
    "int": pa.int32(), "flag": pa.bool_(), "float": pa.float64(),
    "sources": pa.struct([(name, pa.string()) for name in SOURCED_FIELDS]),
}
FIELD_TYPES = {"version": pa.int32(), **{
    f.name: KIND_TYPES[f.kind] for f in DOCUMENT_FIELDS if f.kind in KIND_TYPES
}}
PARTITION = pa.schema([("report_year", pa.int32()), ("province", pa.string())])
# A named folder for a missing year or province: Arrow reads its default null folder back as a
# dictionary holding a null, which pandas cannot turn into a column ("unify dictionaries").
UNKNOWN = "unknown"
EXPORT_SUFFIXES = {".parquet", ".md"}


def parquet_schema() -> pa.Schema:
    """Column types of the export: strings unless the field is a number or a flag."""
    columns = []
    for name in EXPORT_FIELDS:
        columns.append(pa.field(name, FIELD_TYPES.get(name, pa.string())))
    return pa.schema([*columns, pa.field("province", pa.string())])


def province_of(record: dict[str, Any]) -> str | None:
    """The province code (first two digits + 0000) of the record's region or portal."""
    code = record.get("region_code") or record.get("portal_code")
    return province_code(code) if code and len(code) >= 2 else None


def _batches(records: Iterator[dict[str, Any]], schema: pa.Schema,
             progress: Callable[[int], None]) -> Iterator[pa.RecordBatch]:
    done = 0
    while chunk := list(islice(records, BATCH_ROWS)):
        for record in chunk:
            record["province"] = province_of(record)
        done += len(chunk)
        progress(done)
        yield pa.RecordBatch.from_pylist(chunk, schema=schema)


def _clear(out: Path) -> None:
    """Remove an earlier export in `out`; refuse to touch a folder holding anything else."""
    if not out.exists():
        return
    if not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a folder")
    others = [p for p in out.rglob("*") if p.is_file() and p.suffix not in EXPORT_SUFFIXES]
    if others:
        raise FileExistsError(f"{out} holds files that are not an export, e.g. {others[0]}")
    shutil.rmtree(out)


def write_parquet(
    records: Iterator[dict[str, Any]], out: Path, progress: Callable[[int], None]
) -> int:
    """Write records under the folder `out` as report_year=…/province=…/part-N.parquet."""
    _clear(out)
    schema = parquet_schema()
    counted = {"rows": 0}

    def count(done: int) -> None:
        counted["rows"] = done
        progress(done)

    ds.write_dataset(
        _batches(records, schema, count),
        out,
        schema=schema,
        format="parquet",
        partitioning=hive_partitioning(),
        basename_template="part-{i}.parquet",
        existing_data_behavior="overwrite_or_ignore",
    )
    out.mkdir(parents=True, exist_ok=True)
    return counted["rows"]


def hive_partitioning() -> ds.HivePartitioning:
    """report_year=…/province=… folders, `unknown` where the record has none."""
    return ds.HivePartitioning(PARTITION, null_fallback=UNKNOWN)


def read_parquet(out: Path) -> pa.Table:
    """Read an export folder back, partition columns typed and `unknown` read as null."""
    return ds.dataset(out, format="parquet", partitioning=hive_partitioning()).to_table()
