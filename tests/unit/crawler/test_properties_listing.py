"""The list readers survive hostile pages and answers, and only ever give web URLs.

Pages are the replayed columns and real pages mutated (tests/mutations.py): snippets with
`javascript:`, `data:`, `file:` and broken-host links, absurd page counts, deep nesting. A list
reader returns only absolute http(s) URLs; the pagers stay on the page's site and within
their page budget; an adapter raises nothing but AdapterError.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from parsel import Selector

from crawler.listing.adapters import ADAPTERS, AdapterError, ApiCall, adapter_named
from crawler.listing.links import (
    attachment_links,
    detail_links,
    page_links,
    pagination_links,
    report_column_links,
    subcolumn_links,
)
from crawler.listing.list_region import announced_items, document_links, is_report_column
from crawler.listing.pagers import MAX_ANNOUNCED, announced_pages
from govcorpus.decoding.decode import decode_html
from tests.mutations import (
    HOSTILE_SNIPPETS,
    hostile_html,
    is_web_url,
    mutated,
    page_urls,
    same_site,
    seed_files,
)
from tests.paths import REPLAY

MAX_PAGER_URLS = 2 * MAX_ANNOUNCED + 1000  # announced pages, createPageHTML and next links
ADAPTER_PAGES = {  # each adapter's column page, and the URL it was served at
    "hanweb": ("hanweb/pages/col1229612345_index_shape.html",
               "https://www.hanweb-shape.gov.cn/col/col1229612345/index.html"),
    "gkmlpt": ("gkmlpt/pages/gkmlpt_index_shape.html",
               "https://www.gkmlpt-shape.gov.cn/gkmlpt/index#2811"),
    "trs_search": ("pingtan/pages/zfxxgknb_index.html",
                   "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"),
}
ADAPTER_ANSWERS = {
    "hanweb": "hanweb/api/*", "gkmlpt": "gkmlpt/api/*", "trs_search": "pingtan/api/*",
}


def selector(body: bytes, url: str) -> Selector:
    return Selector(text=decode_html(body).text, base_url=url)


def list_pages() -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(seed_files("replay/*/pages/*.html", "real/**/list/*.html")),
                     hostile_html())


@given(list_pages(), page_urls())
def test_page_links_are_absolute_web_urls(body, url):
    links = page_links(selector(body, url), url)
    assert all(is_web_url(link.url) and "#" not in link.url for link in links)
    for chosen in (report_column_links(links), detail_links(links), attachment_links(links),
                   subcolumn_links(links, url)):
        assert set(chosen) <= set(links)


@given(list_pages(), page_urls())
def test_a_column_lists_only_in_scope_web_links(body, url):
    page = selector(body, url)
    in_scope = [link for link in page_links(page, url) if same_site(link.url, url)]
    listed = document_links(page, in_scope, url)
    assert {link.url for link in listed} <= {link.url for link in in_scope}
    assert not [link for link in listed if "pwned'" in link.text]  # no script text in a title
    assert is_report_column(page, url) in (None, "column_name", "title", "report_titles")
    count = announced_items(page)
    assert count is None or count >= 0


@given(list_pages(), page_urls())
def test_pagers_stay_on_the_site_within_the_page_budget(body, url):
    page = selector(body, url)
    links = [link for link in page_links(page, url) if same_site(link.url, url)]
    pages = pagination_links(page, links, url)
    assert len(pages) <= MAX_PAGER_URLS
    assert all(is_web_url(page_url) and same_site(page_url, url) for page_url in pages)
    assert len(announced_pages(page, url)) < MAX_ANNOUNCED


@pytest.mark.parametrize("snippet", [s for s in HOSTILE_SNIPPETS if b"href" in s])
def test_no_hostile_link_survives_on_a_real_list_page(snippet):
    name, url = ADAPTER_PAGES["trs_search"]
    body = (REPLAY / name).read_bytes().replace(b"</body>", snippet * 3 + b"</body>")
    links = page_links(selector(body, url), url)
    assert links and all(is_web_url(link.url) for link in links)


def test_a_pager_announcing_a_billion_pages_asks_for_a_bounded_number():
    name, url = ADAPTER_PAGES["trs_search"]
    body = (REPLAY / name).read_bytes().replace(
        b"</body>", b"<script>createPageHTML(999999999, 0, 'index', 'html');</script></body>")
    pages = pagination_links(selector(body, url), [], url)
    assert 0 < len(pages) <= MAX_PAGER_URLS


def _adapter_page(draw, name: str) -> tuple[Selector, str]:
    path, url = ADAPTER_PAGES[name]
    body = draw(mutated(seed_files(f"replay/{path}"), max_mutations=3))
    return selector(body, url), url


@given(st.data(), st.sampled_from(sorted(ADAPTER_PAGES)))
def test_adapters_read_hostile_column_pages_into_web_urls(data, name):
    page, url = _adapter_page(data.draw, name)
    try:
        read = adapter_named(name).read_page(page)
    except AdapterError:
        return
    assert all(is_web_url(listed.url) for listed in read.listed)
    assert all(is_web_url(call.url) for call in read.calls)
    assert read.announced is None or read.announced >= 0


def _first_call(name: str) -> ApiCall:
    path, url = ADAPTER_PAGES[name]
    read = adapter_named(name).read_page(selector((REPLAY / path).read_bytes(), url))
    return read.calls[0]


@given(st.data(), st.sampled_from(sorted(ADAPTER_ANSWERS)))
def test_adapters_read_hostile_answers_or_raise_adapter_error(data, name):
    answers = seed_files(f"replay/{ADAPTER_ANSWERS[name]}")
    body = data.draw(st.one_of(mutated(answers, max_mutations=3), st.binary(max_size=1024)))
    try:
        read = adapter_named(name).read_answer(body, _first_call(name))
    except AdapterError:
        return
    assert all(is_web_url(listed.url) for listed in read.listed)
    assert all(is_web_url(call.url) for call in read.calls)


def test_every_adapter_is_fuzzed():
    assert {adapter.name for adapter in ADAPTERS} == set(ADAPTER_PAGES) == set(ADAPTER_ANSWERS)
