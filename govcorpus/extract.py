"""One page in, one contract record out: decoding, metadata, body text and classification."""

from __future__ import annotations

from typing import Any

from govcorpus.body import body_from_tree
from govcorpus.classify import classify_report
from govcorpus.contract import METADATA_FIELDS, RECORD_FIELDS
from govcorpus.decoding import decode_html
from govcorpus.metadata import metadata_from_tree, parse_html


def extract_fields(html: str, url: str | None = None) -> dict[str, Any]:
    """Metadata, body text and classification of a decoded page, from a single parse."""
    root = parse_html(html)
    if root is None:
        fields: dict[str, Any] = dict.fromkeys(METADATA_FIELDS)
        fields["text"] = None
    else:
        fields = dict(metadata_from_tree(root))
        fields["text"] = body_from_tree(root, url, fields["title"])
    fields["is_annual_report"], fields["report_year"] = classify_report(
        fields["title"], fields["text"]
    )
    return fields


def extract_record(
    body: bytes, url: str | None = None, content_type: str | None = None
) -> dict[str, Any]:
    """The contract record of a raw page, keys in RECORD_FIELDS order, None where absent."""
    decoded = decode_html(body, content_type)
    fields = extract_fields(decoded.text, url)
    fields.update(url=url, encoding=decoded.encoding)
    return {name: fields.get(name) for name in RECORD_FIELDS}
