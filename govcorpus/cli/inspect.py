"""One page in, one contract record out: decoding, metadata, body text, classification, region."""

from __future__ import annotations

from typing import Any

from govcorpus.contract import METADATA_FIELDS, RECORD_FIELDS
from govcorpus.decoding.decode import decode_html
from govcorpus.decoding.mojibake import mojibake_score
from govcorpus.extraction.body import body_from_tree
from govcorpus.extraction.metadata import parse_html, read_metadata
from govcorpus.extraction.normalize import normalize_text
from govcorpus.reports.classify import classify_report
from govcorpus.reports.regions import resolve_region
from govcorpus.tables import parse_stats

STATS_FIELDS = ("stats", "stats_checks")


def extract_fields(
    html: str, url: str | None = None, portal_code: str | None = None
) -> dict[str, Any]:
    """Metadata, body text (and its normalised form), classification and region of a decoded
    page, from a single parse."""
    root = parse_html(html)
    if root is None:
        fields: dict[str, Any] = dict.fromkeys(METADATA_FIELDS)
        fields.update(text=None, field_sources={})
    else:
        metadata = read_metadata(root)
        fields = {**metadata.values, "field_sources": dict(metadata.sources)}
        fields["text"] = body_from_tree(root, url, fields["title"])
    fields.update(_normalization(fields["text"]))
    fields["is_annual_report"], fields["report_year"] = classify_report(
        fields["title"], fields.get("text_normalized") or fields["text"]
    )
    region = resolve_region(fields["issuing_body"], portal_code, fields["title"])
    fields.update(region_code=region.code, region_name=region.name, body_type=region.body_type)
    if region.source:
        fields["field_sources"]["region_code"] = region.source
    return fields


def _normalization(text: str | None) -> dict[str, Any]:
    """The normalised text, the original's script and its mojibake score."""
    if not text:
        return {}
    normalized = normalize_text(text)
    return {"text_normalized": normalized.text, "script": normalized.script,
            "mojibake_score": mojibake_score(text)}


def extract_record(
    body: bytes,
    url: str | None = None,
    content_type: str | None = None,
    portal_code: str | None = None,
) -> dict[str, Any]:
    """The contract record of a raw page, keys in RECORD_FIELDS order, None where absent.

    An annual report also gets `stats` (section → row → column → value) and `stats_checks`.
    Without `portal_code` the region comes from the issuing body and the title alone.
    """
    decoded = decode_html(body, content_type)
    fields = extract_fields(decoded.text, url, portal_code)
    fields.update(url=url, encoding=decoded.encoding, encoding_declared=decoded.declared,
                  encoding_confidence=decoded.confidence)
    record = {name: fields.get(name) for name in RECORD_FIELDS}
    record.update(_statistics(fields, decoded.text))
    return record


def _statistics(fields: dict[str, Any], html: str) -> dict[str, Any]:
    """The report's statistics tables, nested, and their checks; None for other pages."""
    if not fields["is_annual_report"]:
        return dict.fromkeys(STATS_FIELDS)
    stats = parse_stats(text=fields.get("text_normalized") or fields["text"], html=html)
    if stats is None:
        return dict.fromkeys(STATS_FIELDS)
    return {"stats": stats.as_nested(), "stats_checks": stats.checks_as_dicts()}
