"""Links to document files on a page, with link texts read through the corpus decoder."""

from __future__ import annotations

from parsel import Selector
from scrapy.http import Response

from crawler.links import Link, attachment_links, page_links
from govcorpus.decoding import decode_html


def file_links(response: Response, links: list[Link]) -> list[Link]:
    """Links to PDF, DOC, DOCX, WPS, XLS and XLSX files among a page's links.

    Their texts become the files' titles, so the page is decoded again the way the corpus
    decodes pages: Scrapy trusts a charset header that a GBK page may contradict.
    """
    found = attachment_links(links)
    if not found:
        return []
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
    decoded = decode_html(response.body, content_type)
    texts = {link.url: link.text for link in page_links(Selector(text=decoded.text), response.url)}
    return [Link(link.url, texts.get(link.url, link.text)) for link in found]
