"""Per-column tallies: what a column announced against what it gave."""

from crawler.items import ColumnItem, ColumnReportItem, FaultItem
from crawler.listing.tallies import ColumnTallies

COLUMN = "http://x.gov.cn/xxgk/nb/index.html"


def test_a_column_read_whole_gives_its_figures_and_no_fault():
    tallies = ColumnTallies()
    tallies.page_read("1", COLUMN, COLUMN, announced=2)
    tallies.listed("1", COLUMN, ["http://x.gov.cn/a.html", "http://x.gov.cn/b.html"])
    tallies.fetched("1", COLUMN, "http://x.gov.cn/a.html")
    [report] = list(tallies.report())
    assert report == ColumnReportItem(
        [ColumnItem("1", COLUMN, "static", 2, 2, 1, None, 1, counted=True)])


def test_a_column_that_announces_nothing_is_reported_not_counted():
    tallies = ColumnTallies()
    tallies.page_read("1", COLUMN, COLUMN)
    tallies.listed("1", COLUMN, ["http://x.gov.cn/a.html"])
    [report] = list(tallies.report())  # nothing to check against: no fault, but marked
    [column] = report.columns
    assert column.announced is None and column.counted is False


def test_a_page_count_above_the_pages_read_is_a_fault():
    tallies = ColumnTallies()
    tallies.page_read("1", COLUMN, COLUMN, page_count=3)
    tallies.page_read("1", COLUMN, "http://x.gov.cn/xxgk/nb/list.jsp?p=2", page_count=3)
    report, fault = list(tallies.report())
    [column] = report.columns
    assert column.counted is True
    assert fault.detail == "static: announced 3 list pages, read 2"


def test_announced_list_pages_not_read_make_the_column_incomplete():
    tallies = ColumnTallies()
    pages = [COLUMN, "http://x.gov.cn/xxgk/nb/index_1.html", "http://x.gov.cn/xxgk/nb/index_2.html"]
    tallies.page_read("1", COLUMN, COLUMN, pages=pages)
    tallies.page_read("1", COLUMN, pages[1], pages=pages)
    report, fault = list(tallies.report())
    [column] = report.columns
    assert (column.pages_announced, column.pages_read) == (3, 2)
    assert isinstance(fault, FaultItem) and fault.kind == "list_incomplete"
    assert fault.url == COLUMN and "index_2.html" in fault.detail


def test_an_adapter_count_above_what_was_listed_is_a_fault():
    tallies = ColumnTallies()
    tallies.page_read("1", COLUMN, COLUMN)
    tallies.page_read("1", COLUMN, "api?page=2", "trs_search", announced=20)
    tallies.listed("1", COLUMN, [f"http://x.gov.cn/{n}.html" for n in range(12)])
    _, fault = list(tallies.report())
    assert fault.detail == "static+trs_search: announced 20 documents, listed 12, fetched 0"
