"""A minimal Word 97 binary document (.doc, and the .wps that WPS Office writes in that format).

One OLE compound file with a WordDocument stream (file information block + UTF-16 text) and a
1Table stream (the piece table): enough for antiword and catdoc to read the text back. There
are no formatting records: table rows are written as paragraphs with tab-separated cells.
"""

from __future__ import annotations

import struct

from testbed.files import Block

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SECTOR = 512
MIN_STREAM = 4096  # smaller streams would go to the mini stream; padding avoids it
FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
TEXT_START = 0x800  # where the text begins in the WordDocument stream
FIB_FLAGS = 0x1200  # fExtChar (Unicode text) | fWhichTblStm (the table stream is 1Table)


def word97_file(title: str, blocks: list[Block]) -> bytes:
    """A .doc holding the title, the paragraphs and the tables."""
    text = _document_text(title, blocks)
    data = text.encode("utf-16-le")
    clx, stylesheet = _clx(len(text)), _stylesheet()
    table = clx + stylesheet
    word = _fib(len(data), len(text), len(clx), len(stylesheet)) + data
    return compound_file([("WordDocument", _pad(word)), ("1Table", _pad(table))])


def _document_text(title: str, blocks: list[Block]) -> str:
    parts = [title + "\r"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(block + "\r")
        else:
            parts += ["\t".join(row) + "\r" for row in block]
    return "".join(parts)


def _fib(text_bytes: int, chars: int, clx_size: int, stylesheet_size: int) -> bytes:
    fib = bytearray(TEXT_START)
    struct.pack_into("<HHHHHHH", fib, 0, 0xA5EC, 0x00C1, 0x6A62, 0x0804, 0, FIB_FLAGS, 0x00BF)
    struct.pack_into("<II", fib, 0x18, TEXT_START, TEXT_START + text_bytes)  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<I", fib, 0x40, TEXT_START + text_bytes)  # cbMac
    struct.pack_into("<I", fib, 0x4C, chars)  # ccpText
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb: the Word 97 set
    struct.pack_into("<II", fib, 0xA2, clx_size, stylesheet_size)  # fcStshf, lcbStshf
    struct.pack_into("<II", fib, 0x1A2, 0, clx_size)  # fcClx, lcbClx
    return bytes(fib)


def _clx(chars: int) -> bytes:
    """One piece: every character, UTF-16, at TEXT_START of the WordDocument stream."""
    plc = struct.pack("<II", 0, chars) + struct.pack("<HIH", 0, TEXT_START, 0)
    return b"\x02" + struct.pack("<I", len(plc)) + plc


def _stylesheet() -> bytes:
    """A stylesheet with no styles: its header only (readers index into it)."""
    return struct.pack("<H", 18) + struct.pack("<HH", 0, 10) + b"\0" * 14


def _pad(stream: bytes) -> bytes:
    return stream + b"\0" * max(0, MIN_STREAM - len(stream))


def compound_file(streams: list[tuple[str, bytes]]) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) with these streams under its root."""
    sizes = [-(-len(data) // SECTOR) for _, data in streams]
    fat_sectors = 1
    while fat_sectors * (SECTOR // 4) < fat_sectors + 1 + sum(sizes):
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors + [ENDOFCHAIN]  # then the directory's one sector
    starts = []
    for size in sizes:
        starts.append(len(fat))
        fat += [len(fat) + n + 1 for n in range(size - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (fat_sectors * SECTOR // 4 - len(fat))
    body = struct.pack(f"<{len(fat)}I", *fat) + _directory(streams, starts)
    body += b"".join(data.ljust(size * SECTOR, b"\0")
                     for (_, data), size in zip(streams, sizes, strict=True))
    return _header(fat_sectors) + body


def _header(fat_sectors: int) -> bytes:
    header = bytearray(SECTOR)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, fat_sectors, fat_sectors, 0, MIN_STREAM,
                     ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    difat = list(range(fat_sectors)) + [FREESECT] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 0x4C, *difat)
    return bytes(header)


def _directory(streams: list[tuple[str, bytes]], starts: list[int]) -> bytes:
    """Root, then the streams as a chain of left siblings (sorted: shorter names first)."""
    order = sorted(range(len(streams)), key=lambda i: (len(streams[i][0]),
                                                        streams[i][0].upper()), reverse=True)
    entries = [_entry("Root Entry", 5, 1, NOSTREAM, 1 + order[0], ENDOFCHAIN, 0)]
    for position, i in enumerate(order):
        left = 1 + order[position + 1] if position + 1 < len(order) else NOSTREAM
        entries.append((i, _entry(streams[i][0], 2, 1 if position == 0 else 0, left, NOSTREAM,
                                  starts[i], len(streams[i][1]))))
    ordered = [entries[0]] + [entry for _, entry in sorted(entries[1:])]
    empty = _entry("", 0, 0, NOSTREAM, NOSTREAM, 0, 0)
    ordered += [empty] * (-len(ordered) % (SECTOR // 128))
    return b"".join(ordered)


def _entry(name: str, kind: int, color: int, left: int, child: int, start: int,
           size: int) -> bytes:
    encoded = name.encode("utf-16-le")
    name_field = encoded.ljust(64, b"\0")
    name_size = len(encoded) + 2 if name else 0
    return (name_field + struct.pack("<HBBIII", name_size, kind, color, left, NOSTREAM, child)
            + b"\0" * 36 + struct.pack("<IQ", start, size))
