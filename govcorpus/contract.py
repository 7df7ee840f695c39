"""The record contract shared by `govcorpus extract` and every export."""

RECORD_FIELDS: tuple[str, ...] = (
    "url",
    "title",
    "index_number",
    "issuing_body",
    "publish_date",
    "written_date",
    "doc_number",
    "is_annual_report",
    "report_year",
    "encoding",
    "text",
)

METADATA_FIELDS: tuple[str, ...] = (
    "title",
    "index_number",
    "issuing_body",
    "publish_date",
    "written_date",
    "doc_number",
    "topic",
)

EXPORT_FIELDS: tuple[str, ...] = (
    "doc_id",
    "portal_code",
    "canonical_url",
    *RECORD_FIELDS,
    "encoding_declared",
    "duplicate_of",
    "first_seen",
    "last_seen",
    "fetched_at",
)
"""Exported records: the contract plus stable ids, provenance and timestamps."""

FIELD_DOCS: dict[str, str] = {
    "doc_id": "stable id of the document: derived from its canonical URL",
    "portal_code": "GB/T 2260 code of the registry portal the page was found on",
    "canonical_url": "the URL the document is keyed on (w3lib canonical form)",
    "url": "the page's URL as fetched",
    "title": "document title, without site suffixes",
    "index_number": "索引号 (index number)",
    "issuing_body": "发布机构, else 发文机关, 责任部门, 来源, 信息来源",
    "publish_date": "YYYY-MM-DD: 发布日期/发布时间, else 发文日期/生成日期 if it is the only date",
    "written_date": "成文日期, YYYY-MM-DD",
    "doc_number": "文号 / 发文字号",
    "is_annual_report": "true for a 政府信息公开工作年度报告",
    "report_year": "the year reported on (2024年度 → 2024), not the publication year",
    "encoding": "the codec the page was decoded with (gb2312/gbk decode as gb18030)",
    "encoding_declared": "the charset the page declared (HTTP header first, else meta tag)",
    "text": "body text; tables kept, one row per line, cells joined by ' | '",
    "duplicate_of": "doc_id of the earliest document with the same normalised text, else null",
    "first_seen": "when a crawl first stored the document (UTC, ISO 8601)",
    "last_seen": "when a crawl last fetched it (UTC, ISO 8601)",
    "fetched_at": "time of the capture the record's fields come from (UTC, ISO 8601)",
    "province": "province code of the region (Parquet partition column)",
}
"""What each exported field means: the README and every export's datasheet use it."""
