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
    "region_code",
    "region_name",
    "body_type",
    "encoding",
    "encoding_declared",
    "encoding_confidence",
    "script",
    "mojibake_score",
    "text",
    "text_normalized",
    "field_sources",
)

REGION_FIELDS: tuple[str, ...] = ("region_code", "region_name", "body_type")

METADATA_FIELDS: tuple[str, ...] = (
    "title",
    "index_number",
    "issuing_body",
    "publish_date",
    "written_date",
    "doc_number",
    "topic",
)

SOURCED_FIELDS: tuple[str, ...] = (*METADATA_FIELDS, "region_code")
"""Fields whose origin `field_sources` records (values: govcorpus.metadata.SOURCES)."""

EXPORT_FIELDS: tuple[str, ...] = (
    "doc_id",
    "portal_code",
    "canonical_url",
    *RECORD_FIELDS,
    "parent_url",
    "content_type",
    "attachment_status",
    "attachment_detail",
    "duplicate_of",
    "duplicate_kind",
    "version",
    "first_seen",
    "last_seen",
    "fetched_at",
    "gone_since",
    "gone_reason",
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
    "region_code": (
        "GB/T 2260 code of the issuing body's region: the most specific division its name (else "
        "the report title) names, else the portal's code; a county department has its county's"
    ),
    "region_name": "official name of region_code in the GB/T 2260 table (平潭综合实验区 → 平潭县)",
    "body_type": (
        "government (a 人民政府 at any level, its 办公室, a zone 管委会 governing a division) or "
        "department (局, 委, 办, 中心 …): departments report by 31 January, governments by 31 March"
    ),
    "encoding": "the codec the page was decoded with (gb2312/gbk decode as gb18030)",
    "encoding_declared": "the charset the page declared (HTTP header first, else meta tag)",
    "encoding_confidence": "confidence in the codec chosen, 0–1",
    "script": "script of the original text: simplified, traditional or mixed",
    "mojibake_score": "share of the text that looks like mis-decoded bytes (0 = clean)",
    "text": "body text; tables kept, one row per line, cells joined by ' | '",
    "text_normalized": (
        "text with bracketed pinyin dropped, converted to simplified script, widths folded"
    ),
    "field_sources": (
        "where each metadata field came from, e.g. {\"publish_date\": \"label\", "
        "\"issuing_body\": \"title\"}: label (the page's visible metadata table or date line), "
        "source_line (its 来源 line), meta (a CMS meta tag, used only when no label gives the "
        "field), heading, near_title, title (the issuer a report's title names before the "
        "year), list, link, parent (an attachment's linking page); region_code: issuing_body, "
        "title or portal. JSON text in CSV, a struct in Parquet"
    ),
    "parent_url": "an attachment: canonical URL of the page or column linking the file, else null",
    "content_type": "file type read from the bytes: html, pdf, docx, xlsx, xls, doc, wps, …",
    "attachment_status": (
        "an attachment: ok, scanned (PDF without text layer), unsupported, corrupt, empty, "
        "too_large; null for HTML pages"
    ),
    "attachment_detail": "why an attachment has no text (reader error, missing tool), else null",
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
    "province": "province code of the region (Parquet partition column)",
}
"""What each exported field means: the README and every export's datasheet use it."""
