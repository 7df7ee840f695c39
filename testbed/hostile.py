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
from pathlib import Path

from govcorpus.bundled import REAL_REPORTS
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


SITE_COLUMN = "zwgk/nb/index.html"
SCRIPT = b"<script>window.__pwned=1</script><img src=x onerror=alert(1)>"
BAD_LINKS = ('<a href="javascript:alert(1)">2024年度报告</a>'
             '<a href="java\tscript:alert(1)">1</a><a href="data:text/html,x">2</a>'
             '<a href="file:///etc/passwd">3</a><a href="http://[::1">4</a>'
             '<a href="ftp://127.0.0.1/a.pdf">5.pdf</a>').encode()
NOT_WEB_SCHEMES = ("javascript:", "java\t", "data:", "file:", "ftp:")
SITE_BOMBS = {  # file name → what builds it
    "docx_bomb.docx": docx_bomb, "xlsx_bomb.xlsx": xlsx_bomb, "pdf_bomb.pdf": pdf_flate_bomb,
    "laughs.docx": billion_laughs_docx, "loop.pdf": pdf_page_tree_loop,
    "members.docx": many_members_docx,
}
NO_TEXT_ONLY: set[str] = set()  # every bomb ends as a fault (a looping page tree: corrupt)


def write_hostile_site(root: Path) -> list[str]:
    """A report column under root: the real 平潭 reports with a script in their head, a page
    nested 100,000 deep, the bombs of SITE_BOMBS and links no crawler may follow. Returns the
    paths a crawl must store (the column's own page aside)."""
    folder = root / SITE_COLUMN.rsplit("/", 1)[0]
    (folder / "files").mkdir(parents=True)
    pages = {"t20250101_1.html": _scripted(REAL_REPORTS / "pingtan_2023/page.html"),
             "t20250102_2.html": _scripted(REAL_REPORTS / "pingtan_2025/page.html"),
             "t20250109_9.html": deeply_nested_html()}
    items = []
    for n, (name, body) in enumerate(pages.items()):
        (folder / name).write_bytes(body)
        items.append(f'<li><a href="{name}">某县{2022 + n}年度政府信息公开工作年度报告</a></li>')
    for name, build in SITE_BOMBS.items():
        (folder / "files" / name).write_bytes(build())
        items.append(f'<li><a href="files/{name}">附件：某县2024年度报告 {name}</a></li>')
    column = ("<html><head><meta charset='utf-8'><title>政府信息公开工作年度报告</title></head>"
              f"<body><ul>{''.join(items)}</ul>").encode() + BAD_LINKS + b"</body></html>"
    (root / SITE_COLUMN).write_bytes(column)
    (root / "index.html").write_bytes(b"<html><body>home</body></html>")
    base = SITE_COLUMN.rsplit("/", 1)[0]
    return [f"{base}/{name}" for name in pages] + [f"{base}/files/{n}" for n in SITE_BOMBS]


def _scripted(path: Path) -> bytes:
    return path.read_bytes().replace(b"</title>", b"</title>" + SCRIPT, 1)


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
