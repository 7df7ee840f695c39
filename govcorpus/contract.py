"""The record contract: every field of a document, declared once.

The pipelines' item (`crawler/items.py`), the `documents` columns (`storage/models.py`), the
writer's upserts, `govcorpus extract`'s record, every export and its datasheet are derived
from `DOCUMENT_FIELDS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KIND_TYPES: dict[str, Any] = {
    "portal": str, "url": str, "text": str | None, "string": str | None, "code": str | None,
    "short": str | None, "tiny": str | None, "int": int | None, "float": float | None,
    "flag": bool, "json": list[dict[str, Any]] | None, "sources": dict[str, str] | None,
}
"""The Python type of each kind of field; storage maps the kinds to column types."""


@dataclass(frozen=True)
class Field:
    """One field of a document: filled while crawling or analysing, stored, maybe exported."""

    name: str
    kind: str  # a key of KIND_TYPES
    group: str  # crawl, metadata, report, region, decoding, text, file, dedupe, stats, store
    export: str | None = None  # "record" (the contract record) or "file"; None: stored only
    doc: str = ""
    index: bool = False

    @property
    def type(self) -> Any:
        return KIND_TYPES[self.kind]

    @property
    def required(self) -> bool:
        """Set by the crawler on every page: no default."""
        return self.kind in ("portal", "url")

    @property
    def default(self) -> Any:
        return False if self.kind == "flag" else None


DOCUMENT_FIELDS: tuple[Field, ...] = (
    Field("url", "url", "crawl", "record", "the page's URL as fetched"),
    Field("title", "text", "metadata", "record", "document title, without site suffixes"),
    Field("index_number", "text", "metadata", "record", "索引号 (index number)"),
    Field("issuing_body", "text", "metadata", "record",
          "发布机构, else 发文机关, 责任部门, 来源, 信息来源"),
    Field("publish_date", "string", "metadata", "record",
          "YYYY-MM-DD: 发布日期/发布时间, else 发文日期/生成日期 if it is the only date"),
    Field("written_date", "string", "metadata", "record", "成文日期, YYYY-MM-DD"),
    Field("doc_number", "text", "metadata", "record", "文号 / 发文字号"),
    Field("topic", "text", "metadata"),
    Field("is_annual_report", "flag", "report", "record",
          "true for a 政府信息公开工作年度报告"),
    Field("report_year", "int", "report", "record",
          "the year reported on (2024年度 → 2024), not the publication year"),
    Field("region_code", "code", "region", "record", (
        "GB/T 2260 code of the issuing body's region in force in the year the document speaks "
        "of (report_year, else the publish date's year): the most specific division its name "
        "(else the report title) names, else the portal's code; a county department has its "
        "county's. 水城县's report of 2015: 520221 (govcorpus/codes.py)"
    ), index=True),
    Field("region_code_current", "code", "region", "record", (
        "the same division's code now (水城县 520221 → 水城区 520204), from the shipped code "
        "history: the key that keeps a re-coded county on one line through time"
    ), index=True),
    Field("region_name", "text", "region", "record",
          "official name of region_code in its year (平潭综合实验区 → 平潭县)"),
    Field("body_type", "short", "region", "record", (
        "government (a 人民政府 at any level, its 办公室, a zone 管委会 governing a division) or "
        "department (局, 委, 办, 中心 …): departments report by 31 January, governments by 31 March"
    )),
    Field("encoding", "string", "decoding", "record",
          "the codec the page was decoded with (gb2312/gbk decode as gb18030)"),
    Field("encoding_declared", "string", "decoding", "record",
          "the charset the page declared (HTTP header first, else meta tag)"),
    Field("encoding_confidence", "float", "decoding", "record",
          "confidence in the codec chosen, 0–1"),
    Field("script", "short", "text", "record",
          "script of the original text: simplified, traditional or mixed"),
    Field("mojibake_score", "float", "text", "record",
          "share of the text that looks like mis-decoded bytes (0 = clean)"),
    Field("text", "text", "text", "record",
          "body text; tables kept, one row per line, cells joined by ' | '"),
    Field("text_normalized", "text", "text", "record",
          "text with bracketed pinyin dropped, converted to simplified script, widths folded"),
    Field("field_sources", "sources", "provenance", "record", (
        "where each metadata field came from, e.g. {\"publish_date\": \"label\", "
        "\"issuing_body\": \"title\"}: label (the page's visible metadata table or date line), "
        "source_line (its 来源 line), meta (a CMS meta tag, used only when no label gives the "
        "field), heading, near_title, title (the issuer a report's title names before the "
        "year), list, link, parent (an attachment's linking page); region_code: issuing_body, "
        "title or portal. JSON text in CSV, a struct in Parquet"
    )),
    Field("parent_url", "text", "crawl", "file",
          "an attachment: canonical URL of the page or column linking the file, else null",
          index=True),
    Field("content_type", "short", "file", "file",
          "file type read from the bytes: html, pdf, docx, xlsx, xls, doc, wps, …"),
    Field("attachment_status", "short", "file", "file", (
        "an attachment: ok, scanned (PDF without text layer), unsupported, corrupt, empty, "
        "too_large; null for HTML pages"
    )),
    Field("attachment_detail", "text", "file", "file",
          "why an attachment has no text (reader error, missing tool), else null"),
    Field("portal_code", "portal", "crawl", index=True),
    Field("list_title", "text", "crawl"),
    Field("content_hash", "string", "dedupe", index=True),
    Field("stats_format", "tiny", "stats"),
    Field("stats_checks", "json", "stats"),
    Field("stats_failed", "int", "store"),
)
"""Every field of a stored document that a fetch sets, in export order."""

ITEM_FIELDS: tuple[Field, ...] = tuple(f for f in DOCUMENT_FIELDS if f.group != "store")
"""The fields the pipelines' item carries (the store derives the rest)."""

RECORD_FIELDS: tuple[str, ...] = tuple(f.name for f in DOCUMENT_FIELDS if f.export == "record")
"""The record `govcorpus extract` prints and every export begins with."""

REGION_FIELDS: tuple[str, ...] = tuple(f.name for f in DOCUMENT_FIELDS if f.group == "region")

METADATA_FIELDS: tuple[str, ...] = tuple(
    f.name for f in DOCUMENT_FIELDS if f.group == "metadata"
)

SOURCED_FIELDS: tuple[str, ...] = (*METADATA_FIELDS, "region_code")
"""Fields whose origin `field_sources` records (values: govcorpus.extraction.metadata.SOURCES)."""

HISTORY_DOCS: dict[str, str] = {
    "duplicate_of": "doc_id of the earliest document with the same (or nearly the same) "
                    "normalised text, else null",
    "duplicate_kind": "exact (same normalised text) or near (MinHash similarity ≥ 0.6, same "
                      "report year); null for an original",
    "version": "how many distinct normalised texts the document has had (1 = never changed)",
    "first_seen": "when a crawl first stored the document (UTC, ISO 8601)",
    "last_seen": "when a crawl last fetched it (UTC, ISO 8601)",
    "fetched_at": "time of the capture the record's fields come from (UTC, ISO 8601)",
    "gone_since": "when the document was found taken down (UTC, ISO 8601); null while present",
    "gone_reason": (
        "http_404, http_410, redirect_home, redirect_parent (a removal stub sending readers to "
        "the folder above) or unlisted; null while present"
    ),
}
"""Exported fields storage keeps of a document's history, after the record's."""

KEY_DOCS: dict[str, str] = {
    "doc_id": "stable id of the document: derived from its canonical URL",
    "portal_code": "GB/T 2260 code of the registry portal the page was found on",
    "canonical_url": "the URL the document is keyed on (w3lib canonical form)",
}
"""Exported fields that say which document a record is, before the record's."""

EXPORT_FIELDS: tuple[str, ...] = (
    *KEY_DOCS,
    *RECORD_FIELDS,
    *(f.name for f in DOCUMENT_FIELDS if f.export == "file"),
    *HISTORY_DOCS,
)
"""Exported records: the contract plus stable ids, provenance and timestamps."""

FIELD_DOCS: dict[str, str] = {
    **KEY_DOCS,
    **{f.name: f.doc for f in DOCUMENT_FIELDS if f.export},
    **HISTORY_DOCS,
    "province": "province code of the region (Parquet partition column)",
}
"""What each exported field means: the README and every export's datasheet use it."""
