"""What each list column gave in a run: read by what, announced, listed, fetched.

The spider notes every list page, API answer and document of a column here (a column is keyed
by its first page's URL; its further pages and API calls carry that URL). Once the crawl falls
idle, `report` turns the tallies into one ColumnReportItem (a ColumnItem per column), and a
`list_incomplete` fault for each column that gave fewer documents or pages than it announced. A
column that announced neither (no recordCount, 共N条, page count or pager) is reported as not
counted: its completeness cannot be checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from crawler.faults import fault_item
from crawler.items import ColumnItem, ColumnReportItem, FaultItem
from govcorpus.fault_kinds import LIST_INCOMPLETE

STATIC = "static"


@dataclass
class ColumnTally:
    read_by: list[str] = field(default_factory=list)
    announced: int | None = None
    listed: set[str] = field(default_factory=set)
    fetched: set[str] = field(default_factory=set)
    pages_announced: set[str] = field(default_factory=set)
    page_count: int | None = None  # "共 5 页", `countPage = 5`
    pages_read: set[str] = field(default_factory=set)

    @property
    def counted(self) -> bool:
        """Whether the column announced how much it holds, so a shortfall can be seen."""
        return (self.announced is not None or self.page_count is not None
                or bool(self.pages_announced))

    def item(self, code: str, url: str) -> ColumnItem:
        return ColumnItem(
            portal_code=code, url=url, read_by="+".join(self.read_by) or STATIC,
            announced=self.announced, listed=len(self.listed),
            fetched=len(self.fetched & self.listed),
            pages_announced=len(self.pages_announced) or None,
            pages_read=len(self.pages_read), counted=self.counted,
        )


class ColumnTallies:
    """Per (portal, column URL) tallies of one run."""

    def __init__(self) -> None:
        self.columns: dict[tuple[str, str], ColumnTally] = {}
        self.reported = False

    def __len__(self) -> int:
        return len(self.columns)

    def page_read(self, code: str, column: str, page_url: str, read_by: str = STATIC,
                  announced: int | None = None, pages: Iterable[str] = (),
                  page_count: int | None = None) -> None:
        """A list page or API answer of the column was read: what it announced (documents,
        further page URLs, a page count)."""
        tally = self.columns.setdefault((code, column), ColumnTally())
        if read_by not in tally.read_by:
            tally.read_by.append(read_by)
        if announced is not None:
            tally.announced = max(announced, tally.announced or 0)
        if page_count is not None:
            tally.page_count = max(page_count, tally.page_count or 0)
        tally.pages_read.add(page_url)
        tally.pages_announced.update(pages)

    def listed(self, code: str, column: str, urls: Iterable[str]) -> None:
        self.columns.setdefault((code, column), ColumnTally()).listed.update(urls)

    def fetched(self, code: str, column: str, url: str) -> None:
        tally = self.columns.get((code, column))
        if tally is not None:
            tally.fetched.add(url)

    def report(self) -> Iterator[ColumnReportItem | FaultItem]:
        """One item for all the columns, then a `list_incomplete` fault for each one read
        short."""
        self.reported = True
        columns = {key: tally.item(*key) for key, tally in self.columns.items()}
        yield ColumnReportItem(list(columns.values()))
        for (code, url), column in columns.items():
            if problem := shortfall(column, self.columns[code, url]):
                yield fault_item(code, url, LIST_INCOMPLETE, problem, None)


def shortfall(column: ColumnItem, tally: ColumnTally) -> str | None:
    """Why a column was read short of what it announced, or None."""
    if column.announced is not None and column.listed < column.announced:
        return (f"{column.read_by}: announced {column.announced} documents, listed "
                f"{column.listed}, fetched {column.fetched}")
    missing = tally.pages_announced - tally.pages_read
    if missing:
        return (f"{column.read_by}: announced {column.pages_announced} list pages, "
                f"{len(missing)} not read (e.g. {min(missing)})")
    if tally.page_count is not None and len(tally.pages_read) < tally.page_count:
        return (f"{column.read_by}: announced {tally.page_count} list pages, read "
                f"{len(tally.pages_read)}")
    return None
