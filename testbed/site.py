"""The testbed: portal plans, the manifest, the registry, and routing of a request to a page."""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from urllib.parse import parse_qsl

from govcorpus.registry import Portal, write_registry
from testbed import (
    days,
    style_hanweb,
    style_query,
    style_trs,
    style_trs_search,
    style_xxgk,
)
from testbed.attachments import (
    Attachment,
    PortalFiles,
    file_response,
    file_status,
    parent_files,
    plan_files,
    with_links,
)
from testbed.chrome import Page
from testbed.encodings import UTF8, VARIANTS, encode_page
from testbed.faults import FaultSite
from testbed.plan import Item, PortalPlan, TestbedDoc, build_plan
from testbed.regions import PortalSpec, portal_specs

ROUTERS = {"trs": style_trs.route, "query": style_query.route, "xxgk": style_xxgk.route}
ROBOTS = b"User-agent: *\nDisallow:\n"
MOVED_COLUMN = ("/zwgk/zfxxgk/zfxxgknb/", "/zwgk/zfxxgk/zfxxgknd/")
MOVED_LINK = (b"zfxxgknb/", b"zfxxgknd/")
SERVER_ERROR = b"<html><body><h1>500 Internal Server Error</h1></body></html>"
WAF_CHALLENGE = (b"<html><script>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
                 b"document.cookie='FSSBBIl1UgzbN7N80S=x';</script></html>")  # as 瑞数 sends
NOT_FOUND = (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>404 Not Found</title></head>"
    "<body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p></body></html>\n"
)


class Testbed:
    """Deterministic government portals: same arguments, same bytes for every URL."""

    __test__ = False

    def __init__(self, portals: int = 6, docs_per_portal: int = 30, seed: int = 0,
                 attachments: bool = False, faults: bool = False, day: int = 1,
                 columns_gone: Collection[str] = (), waf: Collection[str] = (),
                 down: Collection[str] = (), sizes: Sequence[int] | None = None,
                 columns_moved: Collection[str] = (),
                 government_reports: Mapping[str, Mapping[int, str]] | None = None) -> None:
        if portals < 1 or docs_per_portal < 1 or (sizes and min(sizes) < 1):
            raise ValueError("a testbed needs at least one portal and one document per portal")
        if sizes is not None and len(sizes) != portals:
            raise ValueError(f"{len(sizes)} sizes given for {portals} portals")
        self.docs_per_portal = docs_per_portal
        self.sizes = tuple(sizes) if sizes is not None else None  # documents of portal i
        self.seed = seed
        self.day = max(1, day)  # night of the crawl: later days edit pages (testbed/days.py)
        self._edits: dict[str, days.DayEdits] = {}
        self.attachments = attachments  # serve report files (PDF, DOCX, XLSX…) linked by pages
        self._specs = portal_specs(portals)
        self._by_code = {spec.region_code: spec for spec in self._specs}
        self._plans: dict[str, tuple[PortalPlan, dict[str, Item]]] = {}
        self._files: dict[str, PortalFiles] = {}
        self._lock = threading.Lock()
        self.faults = FaultSite() if faults else None  # fault mode: testbed/faults.py
        # a night's outages, by region code: report columns moved away (their list pages
        # answer 404, as after a redesign), portals behind a WAF (every page a 412 challenge)
        # and portals down (every page an HTTP 500)
        self.columns_gone = frozenset(columns_gone)
        # report columns moved to a new path by a redesign (TRS portals): the old list pages
        # answer 404, the hub links the new path, where the same list is served
        self.columns_moved = frozenset(columns_moved)
        self.requested: list[str] = []  # every GET and HEAD path, in order: the server's log
        self.waf = frozenset(waf)
        self.down = frozenset(down)
        # scripted years of governments' own reports, by region code: year -> on_time, late,
        # withheld, department_only, reposted (on the repost host) or corrected
        # (testbed/plan.py SCRIPTED); those years' random reports make way for them
        self.government_reports = {code: dict(years)
                                   for code, years in (government_reports or {}).items()}

    def portal_specs(self) -> list[PortalSpec]:
        """The portals: region code, name, level, style."""
        return list(self._specs)

    def plan(self, spec: PortalSpec) -> PortalPlan:
        """A portal's columns and documents, as served tonight."""
        return self._plan(spec)[0]

    def documents_of(self, spec: PortalSpec) -> int:
        """How many documents a portal lists: its own size, else docs_per_portal."""
        return self.sizes[spec.index] if self.sizes is not None else self.docs_per_portal

    def manifest(self) -> list[TestbedDoc]:
        """Every document page listed in a report column, reports and non-reports alike."""
        docs = []
        for spec in self._specs:
            plan, _ = self._plan(spec)
            docs += [manifest_doc(spec, item) for item in plan.items()]
            if self.attachments:
                docs += [attachment_doc(spec, file) for file in self.files(spec).by_path.values()]
        return docs

    def files(self, spec: PortalSpec) -> PortalFiles:
        """The attachments a portal serves (when the testbed has them)."""
        plan, _ = self._plan(spec)
        with self._lock:
            if spec.region_code not in self._files:
                self._files[spec.region_code] = plan_files(plan)
            return self._files[spec.region_code]

    def write_registry(self, path: str | Path, base_url: str) -> None:
        """Write the portal registry CSV for a server at `base_url`."""
        base = base_url.rstrip("/")
        portals = [
            Portal(spec.region_code, spec.name, spec.level,
                   (f"{base}/{spec.region_code}/index.html",), ("127.0.0.1",),
                   {"allow_private": "1"})  # loopback: the testbed is on the allow list
            for spec in self._specs
        ]
        if self.faults is not None:
            portals += self.faults.portals(base)
        write_registry(path, portals)

    def respond(self, path_and_query: str, request_headers: Mapping[str, str] | None = None,
                ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request path such as "/341621/xxgk/list.jsp?page=2".

        Pages carry ETag and Last-Modified and answer 304 to a current conditional request.
        """
        self.requested.append(path_and_query)
        if path_and_query.split("?", 1)[0] == "/robots.txt":
            headers = {"Content-Type": "text/plain", "Content-Length": str(len(ROBOTS))}
            return 200, headers, ROBOTS
        code = path_and_query.split("/", 2)[1] if path_and_query.count("/") > 1 else ""
        if code in self.waf:
            return 412, _html_headers(WAF_CHALLENGE), WAF_CHALLENGE
        if code in self.down:
            return 500, _html_headers(SERVER_ERROR), SERVER_ERROR
        if code in self.columns_gone and self._is_list_page(code, path_and_query):
            return 404, _html_headers(NOT_FOUND.encode()), NOT_FOUND.encode()
        if code in self.columns_moved:
            return self._moved_column(code, path_and_query, request_headers)
        return self._served(code, path_and_query, request_headers)

    def _served(self, code: str, path_and_query: str,
                request_headers: Mapping[str, str] | None) -> tuple[int, dict[str, str], bytes]:
        moved = days.moved_to(self.edits(code), path_and_query, f"/{code}/index.html")
        if moved is not None:
            return 302, {"Location": moved, "Content-Length": "0"}, b""
        status, headers, body = self._respond(path_and_query)
        changed = self._changed_on(code, path_and_query)
        return days.with_validators(status, headers, body, changed, request_headers)

    def _moved_column(self, code: str, path_and_query: str,
                      request_headers: Mapping[str, str] | None
                      ) -> tuple[int, dict[str, str], bytes]:
        """A TRS portal whose 年报 column moved from zfxxgknb/ to zfxxgknd/."""
        old, new = f"/{code}{MOVED_COLUMN[0]}", f"/{code}{MOVED_COLUMN[1]}"
        if path_and_query.startswith(old):
            return 404, _html_headers(NOT_FOUND.encode()), NOT_FOUND.encode()
        if path_and_query.startswith(new):
            return self._served(code, old + path_and_query.removeprefix(new), request_headers)
        status, headers, body = self._served(code, path_and_query, request_headers)
        body = body.replace(MOVED_LINK[0], MOVED_LINK[1])  # hub and breadcrumbs link the new path
        return status, {**headers, "Content-Length": str(len(body))}, body

    def is_list_page(self, path_and_query: str) -> bool:
        """Whether a requested path is a page of a portal's report column."""
        code = path_and_query.split("/", 2)[1] if path_and_query.count("/") > 1 else ""
        return code in self._by_code and self._is_list_page(code, path_and_query)

    def _is_list_page(self, code: str, path_and_query: str) -> bool:
        """Whether a path is a page of one of the portal's report columns (not a document)."""
        path = path_and_query.split("?", 1)[0]
        plan, _ = self._plan(self._by_code[code])
        for column in plan.columns:
            rest = path.removeprefix(column.path)
            if rest != path and "/" not in rest:
                return True
        return False

    def edits(self, code: str) -> days.DayEdits | None:
        """What has changed on a portal since day 1 (None on day 1)."""
        spec = self._by_code.get(code)
        if spec is None or self.day == 1:
            return None
        self._plan(spec)
        return self._edits.get(code)

    def respond_post(self, path_and_query: str, body: bytes, base_url: str,
                     ) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a POST to a list API: a portal's Hanweb dataproxy.jsp,
        or the platform-wide TRS search API at /fjdzapp/search, which tells portals apart by
        their channelid (as Fujian's does). `base_url` is the server as the client named it:
        documents are answered as absolute URLs."""
        path, _, query = path_and_query.partition("?")
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        answer, content_type = None, ""
        if path == style_trs_search.SEARCH:
            spec = next((s for s in self._specs if style_trs_search.is_search_column(s)
                         and form.get("channelid") == str(style_trs_search.search_id(s))), None)
            if spec is not None:
                plan, _ = self._plan(spec)
                answer = style_trs_search.search_answer(plan, form, base_url.rstrip("/"))
                content_type = style_trs_search.JSON_TYPE
        else:
            code, _, below = path.lstrip("/").partition("/")
            spec = self._by_code.get(code)
            if spec is not None and f"/{below}" == style_hanweb.PROXY and spec.style == "xxgk":
                plan, _ = self._plan(spec)
                answer = style_hanweb.dataproxy(plan, query, form)
                content_type = style_hanweb.XML_TYPE
        if answer is None:
            headers, page = encode_page(NOT_FOUND, UTF8)
            return 404, headers, page
        return 200, {"Content-Type": content_type, "Content-Length": str(len(answer))}, answer

    def _changed_on(self, code: str, path_and_query: str) -> int:
        spec = self._by_code.get(code)
        if spec is None:
            return self.day
        _, items = self._plan(spec)
        if path_and_query not in items:
            return self.day  # lists and hubs change with the documents they show
        edits = self._edits.get(code)
        return edits.changed_on(path_and_query) if edits is not None else 1

    def _respond(self, path_and_query: str) -> tuple[int, dict[str, str], bytes]:
        served = self._file(path_and_query)
        if served is not None:
            return 200, *served
        page = self.page(path_and_query) or Page(NOT_FOUND, status=404)
        headers, body = encode_page(page.text, page.variant)
        return page.status, headers, body

    def page(self, path_and_query: str) -> Page | None:
        """The page at a path, before encoding, or None."""
        path, _, query = path_and_query.partition("?")
        _, _, rest = path.partition("/")
        code, slash, below = rest.partition("/")
        spec = self._by_code.get(code)
        if spec is None or not slash:
            return None
        below = "/" + below
        if below.endswith("/"):
            below += "index.html"
        plan, items = self._plan(spec)
        page = ROUTERS[spec.style](plan, below, query, items)
        if page is not None and self.day > 1:
            page = days.edit_page(page, items.get(path_and_query), self._edits.get(code))
        if page is not None and self.attachments:
            files = parent_files(self.files(spec), path_and_query)
            page = with_links(page, files) if files else page
        return page

    def _file(self, path_and_query: str) -> tuple[dict[str, str], bytes] | None:
        """Headers and bytes of an attachment at this path, or None."""
        if not self.attachments:
            return None
        spec = self._by_code.get(path_and_query.split("/", 2)[1])
        file = self.files(spec).by_path.get(path_and_query) if spec else None
        return file_response(spec, file) if file else None

    def _plan(self, spec: PortalSpec) -> tuple[PortalPlan, dict[str, Item]]:
        cached = self._plans.get(spec.region_code)
        if cached is None:
            with self._lock:
                cached = self._plans.get(spec.region_code)
                if cached is None:
                    plan = build_plan(spec, self.documents_of(spec), self.seed,
                                      self.government_reports.get(spec.region_code),
                                      self._reposts_on(spec))
                    plan, self._edits[spec.region_code] = days.apply_days(
                        plan, self.day, self.seed
                    )
                    cached = (plan, {item.url_path: item for item in plan.items()})
                    self._plans[spec.region_code] = cached
        return cached


    def repost_host(self, code: str) -> str:
        """The portal that reposts a government's `reposted` reports (a prefecture's portal in
        real life): the first other portal of the same province, else the first other one."""
        others = [spec.region_code for spec in self._specs if spec.region_code != code]
        return next((other for other in others if other[:2] == code[:2]), others[0])

    def _reposts_on(self, host: PortalSpec) -> list[tuple[PortalSpec, int]]:
        return [(self._by_code[code], year)
                for code, years in sorted(self.government_reports.items())
                for year, what in sorted(years.items())
                if what == "reposted" and self.repost_host(code) == host.region_code]


def _html_headers(body: bytes) -> dict[str, str]:
    return {"Content-Type": "text/html; charset=utf-8", "Content-Length": str(len(body))}


def manifest_doc(spec: PortalSpec, item: Item) -> TestbedDoc:
    """What a reader finds on an item's page."""
    variant = VARIANTS[item.variant]
    table = spec.style == "xxgk"
    written = item.written if table and style_xxgk.shows_written_date(spec) else None
    return TestbedDoc(
        portal_code=spec.region_code,
        url_path=item.url_path,
        title=item.title,
        is_annual_report=item.is_report,
        report_year=item.year if item.is_report else None,
        publish_date=item.published.isoformat(),
        written_date=written.isoformat() if written else None,
        issuing_body=item.source or (item.unit.name if item.is_report else None),
        index_number=item.index_number if table else None,
        doc_number=item.doc_number if table else None,
        phrase=item.phrase,
        encoding=variant.codec,
        declared=variant.declared,
    )


def attachment_doc(spec: PortalSpec, file: Attachment) -> TestbedDoc:
    """What a reader finds in an attachment: its report, metadata taken from the linking page."""
    parent = None if file.on_column else manifest_doc(spec, file.item)
    status = file_status(file.kind)
    return TestbedDoc(
        portal_code=spec.region_code,
        url_path=file.url_path,
        title=file.title,
        is_annual_report=True,
        report_year=file.item.year,
        publish_date=parent.publish_date if parent else None,
        written_date=parent.written_date if parent else None,
        issuing_body=parent.issuing_body if parent else file.item.unit.name,
        index_number=None,
        doc_number=parent.doc_number if parent else None,
        phrase=file.title if status == "ok" else "",
        encoding=None,
        declared=None,
        parent_path=file.parent_path,
        file_type=file.sniffed_type,
        file_status=status,
    )
