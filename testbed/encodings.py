"""How a page's bytes are encoded and declared: the real-world variants the testbed serves."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Variant:
    """A codec for the bytes, and what the <meta> tag and the Content-Type header claim."""

    key: str
    codec: str
    meta: str | None
    header: str | None
    street: str

    @property
    def declared(self) -> str | None:
        parts = [f"header={self.header}"] if self.header else []
        parts += [f"meta={self.meta}"] if self.meta else []
        return "; ".join(parts) or None

    def content_type(self) -> str:
        return f"text/html; charset={self.header}" if self.header else "text/html"


VARIANTS = {
    v.key: v
    for v in (
        Variant("utf8", "utf-8", "utf-8", "utf-8", "人民路"),
        Variant("gbk_as_gb2312", "gbk", "gb2312", None, "埇桥路"),
        Variant("gb18030_as_gb2312", "gb18030", "gb2312", "gb2312", "㮾梨路"),
        Variant("header_conflict", "gbk", "gbk", "utf-8", "人民路"),
        Variant("undeclared", "gbk", None, None, "人民路"),
    )
}
UTF8 = VARIANTS["utf8"]
CYCLE = (
    "utf8", "gbk_as_gb2312", "utf8", "gb18030_as_gb2312", "header_conflict", "utf8",
    "undeclared", "gbk_as_gb2312",
)


def variant_for(portal_index: int, serial: int, gbk_safe: bool) -> str:
    """The variant of a document page; GBK-family ones only for text GBK can carry."""
    key = CYCLE[(serial * 3 + portal_index) % len(CYCLE)]
    return key if gbk_safe or key == "utf8" else "utf8"


def encode_page(text: str, variant: Variant) -> tuple[dict[str, str], bytes]:
    """Headers and bytes of a page in one variant (strict: a character that cannot go fails)."""
    body = text.encode(variant.codec)
    headers = {"Content-Type": variant.content_type(), "Content-Length": str(len(body))}
    return headers, body


def meta_tag(variant: Variant) -> str:
    """The charset <meta> tag of the older templates ("" when the page declares nothing)."""
    if not variant.meta:
        return ""
    return f'<meta http-equiv="Content-Type" content="text/html; charset={variant.meta}" />'
