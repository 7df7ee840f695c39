"""Zip containers (DOCX, XLSX) checked before any of their XML is read.

A few megabytes of zip can inflate to gigabytes. Python's zipfile never inflates a member past
the size its header declares, so checking the declared sizes bounds what any reader can get;
the ratio check catches bombs small enough to pass the size check. XML parts must not carry a
document type declaration: OOXML never needs one, and entity definitions are how an XML part
expands (billion laughs) or reaches outside the file (external entities).
"""

from __future__ import annotations

import io
import zipfile

from govcorpus.attachments.model import Limits

RATIO_FLOOR_BYTES = 1024 * 1024  # smaller members may compress as well as they like
XML_SUFFIXES = (".xml", ".rels", ".vml")
DOCTYPE = b"<!DOCTYPE"
CHUNK = 1024 * 1024


class TooLarge(ValueError):
    """The container inflates past the limits."""


class Refused(ValueError):
    """The container holds something no reader should parse."""


def check_zip(data: bytes, limits: Limits) -> None:
    """Raise TooLarge or Refused (or zipfile.BadZipFile) unless the container is safe to read."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        _check_sizes(members, limits)
        for member in members:
            if member.filename.lower().endswith(XML_SUFFIXES):
                _check_no_doctype(archive, member)


def _check_sizes(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.max_zip_members:
        raise TooLarge(f"{len(members)} zip members > {limits.max_zip_members}")
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise TooLarge(f"inflates to {total} bytes > {limits.max_unzipped_bytes}")
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
            raise TooLarge(f"{member.filename} inflates {ratio:.0f}x > {limits.max_zip_ratio:g}x")


def _check_no_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Stream the part and refuse a DOCTYPE anywhere in it (one may follow a long comment)."""
    tail = b""
    with archive.open(member) as part:
        while chunk := part.read(CHUNK):
            if DOCTYPE in tail + chunk:
                raise Refused(f"{member.filename} declares a DOCTYPE (entities are refused)")
            tail = chunk[-len(DOCTYPE):]
