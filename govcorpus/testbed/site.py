"""The testbed: portal plans, the manifest, the registry, and routing of a request to a page."""

from __future__ import annotations

import threading
from pathlib import Path

from crawler.registry import Portal, write_registry
from govcorpus.testbed import style_query, style_trs, style_xxgk
from govcorpus.testbed.chrome import Page
from govcorpus.testbed.encodings import VARIANTS, encode_page
from govcorpus.testbed.plan import Item, PortalPlan, TestbedDoc, build_plan
from govcorpus.testbed.regions import PortalSpec, portal_specs

ROUTERS = {"trs": style_trs.route, "query": style_query.route, "xxgk": style_xxgk.route}
ROBOTS = b"User-agent: *\nDisallow:\n"
NOT_FOUND = (
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>404 Not Found</title></head>"
    "<body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p></body></html>\n"
)


class Testbed:
    """Deterministic government portals: same arguments, same bytes for every URL."""

    __test__ = False

    def __init__(self, portals: int = 6, docs_per_portal: int = 30, seed: int = 0) -> None:
        if portals < 1 or docs_per_portal < 1:
            raise ValueError("a testbed needs at least one portal and one document per portal")
        self.docs_per_portal = docs_per_portal
        self.seed = seed
        self._specs = portal_specs(portals)
        self._by_code = {spec.region_code: spec for spec in self._specs}
        self._plans: dict[str, tuple[PortalPlan, dict[str, Item]]] = {}
        self._lock = threading.Lock()

    def portal_specs(self) -> list[PortalSpec]:
        """The portals: region code, name, level, style."""
        return list(self._specs)

    def manifest(self) -> list[TestbedDoc]:
        """Every document page listed in a report column, reports and non-reports alike."""
        docs = []
        for spec in self._specs:
            plan, _ = self._plan(spec)
            docs += [manifest_doc(spec, item) for item in plan.items()]
        return docs

    def write_registry(self, path: str | Path, base_url: str) -> None:
        """Write the portal registry CSV for a server at `base_url`."""
        base = base_url.rstrip("/")
        portals = [
            Portal(spec.region_code, spec.name, spec.level,
                   (f"{base}/{spec.region_code}/index.html",), ("127.0.0.1",))
            for spec in self._specs
        ]
        write_registry(path, portals)

    def respond(self, path_and_query: str) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request path such as "/341621/xxgk/list.jsp?page=2"."""
        if path_and_query.split("?", 1)[0] == "/robots.txt":
            headers = {"Content-Type": "text/plain", "Content-Length": str(len(ROBOTS))}
            return 200, headers, ROBOTS
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
        return ROUTERS[spec.style](plan, below, query, items)

    def _plan(self, spec: PortalSpec) -> tuple[PortalPlan, dict[str, Item]]:
        cached = self._plans.get(spec.region_code)
        if cached is None:
            with self._lock:
                cached = self._plans.get(spec.region_code)
                if cached is None:
                    plan = build_plan(spec, self.docs_per_portal, self.seed)
                    cached = (plan, {item.url_path: item for item in plan.items()})
                    self._plans[spec.region_code] = cached
        return cached


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
        issuing_body=item.source,
        index_number=item.index_number if table else None,
        doc_number=item.doc_number if table else None,
        phrase=item.phrase,
        encoding=variant.codec,
        declared=variant.declared,
    )
