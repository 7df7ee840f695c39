"""A list page's reading survives the JSON it is stored as (list_pages.reading)."""

from __future__ import annotations

import json

from crawler.listing.adapters import ApiCall, ColumnRead, Listed
from crawler.listing.links import Link
from crawler.listing.reading import ListReading, is_current

READING = ListReading(
    documents=[Link("https://a.gov.cn/nb/t20240101_1.html", "2023年度报告")],
    pages=["https://a.gov.cn/nb/index_1.html"],
    subcolumns=[Link("https://a.gov.cn/nb/bm/", "部门")],
    files=[Link("https://a.gov.cn/nb/P1.pdf", "附件")],
    announced=23,
    pages_announced=["https://a.gov.cn/nb/index.html", "https://a.gov.cn/nb/index_1.html"],
    page_count=2,
    size=23,
    adapter_reads=[ColumnRead(
        adapter="trs_search", announced=20, pages=2,
        listed=[Listed("https://a.gov.cn/nb/t1.htm", "标题", "2024-03-08")],
        calls=[ApiCall("https://a.gov.cn/search", "POST", (("page", "2"), ("size", "10")),
                       fallback=ApiCall("https://a.gov.cn/data?page=2"))],
    )],
    adapter_faults=["hanweb: no datastore"],
)


def test_a_reading_read_back_from_its_stored_json_is_the_same() -> None:
    stored = json.loads(json.dumps(READING.to_json()))  # as a JSON column gives it back
    assert ListReading.from_json(stored) == READING


def test_a_page_with_only_sub_columns_lists_nothing_but_them() -> None:
    only_columns = ListReading([], [], [Link("https://a.gov.cn/nb/bm/", "部门")], [], None, [],
                               None, 0)
    assert only_columns.lists and not only_columns.lists_besides_columns
    assert not ListReading([], [], [], [], None, [], None, 0).lists


def test_a_reading_of_other_listing_code_is_not_current() -> None:
    stored = READING.to_json()
    assert is_current(stored)
    assert not is_current({**stored, "reader": "0123456789abcdef"})
    assert not is_current({key: value for key, value in stored.items() if key != "reader"})


def test_the_reader_digest_covers_every_module_a_reading_is_made_with() -> None:
    """Every module of crawler/listing and govcorpus/decoding that reading.py imports, however
    deep, is digested; the modules that only use readings are not, so a change to them leaves
    the stored readings current."""
    import modulefinder
    from pathlib import Path

    import crawler.listing.reading as reading

    root = Path(reading.__file__).parents[2]
    finder = modulefinder.ModuleFinder(path=[str(root)])  # our modules only
    finder.import_hook("crawler.listing.reading")
    used = {Path(module.__file__).resolve() for name, module in finder.modules.items()
            if module.__file__ and name.startswith(("crawler.listing", "govcorpus.decoding"))}
    digested = {path.resolve() for path in reading.reader_sources()}
    assert root / "crawler/listing/list_region.py" in used  # the finder saw the imports
    assert used <= digested
    listing = root / "crawler" / "listing"
    assert {listing / "tallies.py", listing / "discovery.py"}.isdisjoint(digested)
