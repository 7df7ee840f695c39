"""The offline testbed, served for real on loopback: determinism, reachability, encodings."""

from __future__ import annotations

import http.client
import json
import re
from collections import Counter, defaultdict, deque
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest

from govcorpus.registry import load_registry
from testbed import Testbed, TestbedDoc, TestbedServer

ANCHOR = re.compile(r"<a\b[^>]*?\shref=\"([^\"#]+)\"", re.I)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.I | re.S)
CREATE_PAGE = re.compile(r"createPageHTML\((\d+),\s*(\d+),\s*\"(\w+)\",\s*\"(\w+)\"\)")
META_CHARSET = re.compile(r"<meta[^>]*charset=\"?([\w-]+)", re.I)
BODY = re.compile(r"(?:<div class=TRS_Editor>|<div[^>]*id=\"zoom\"[^>]*>)(.*?)</div>", re.S)
ART_COLUMN = re.compile(r"/art_(\d+)_\d+\.html$")
CDATA_ANCHOR = re.compile(r"<!\[CDATA\[.*?<a\b[^>]*?\shref=\"([^\"#]+)\"", re.S)
NEXTGROUP = re.compile(r"<nextgroup><!\[CDATA\[<a href=\"([^\"]+)\"")
TOTAL_RECORD = re.compile(r"totalRecord: (\d+)")
SEARCH_ID = re.compile(r"searchId: (\d+)")
CLASSSQL = re.compile(r'classsql: "" \|\| "([^"]+)"')
RECORD_COUNT = re.compile(r"recordCount: '(\d+)'")


@pytest.fixture(scope="module")
def testbed() -> Testbed:
    return Testbed(portals=6, docs_per_portal=12, seed=0)


@pytest.fixture(scope="module")
def manifest(testbed) -> list[TestbedDoc]:
    return testbed.manifest()


@pytest.fixture(scope="module")
def server(testbed):
    with TestbedServer(testbed, port=0) as running:
        yield running


@pytest.fixture(scope="module")
def pages(server, manifest) -> dict[str, tuple[int, dict[str, str], bytes]]:
    """Every manifest page, fetched over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    fetched = {doc.url_path: fetch(connection, doc.url_path) for doc in manifest}
    connection.close()
    return fetched


def fetch(connection: http.client.HTTPConnection, path: str) -> tuple[int, dict, bytes]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, dict(response.getheaders()), response.read()


def post(connection: http.client.HTTPConnection, path: str, form: dict[str, str]) -> bytes:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    connection.request("POST", path, urlencode(form), headers)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, (path, form, body[:200])
    return body


def api_links(connection, code: str, text: str) -> list[str]:
    """Documents a column lists through its API, as its page's scripts announce them: Hanweb's
    dataproxy.jsp (asked for every record at once) and the TRS search API (one big page)."""
    links = []
    nextgroup, total = NEXTGROUP.search(text), TOTAL_RECORD.search(text)
    if nextgroup and total:
        proxy, _, query = nextgroup.group(1).partition("?")
        form = {"col": "1", "sourceContentType": "1", **dict(parse_qsl(query))}
        form.pop("page")
        answer = post(connection, f"{proxy}?startrecord=1&endrecord={total.group(1)}&perpage=5",
                      form).decode("utf-8")
        links += CDATA_ANCHOR.findall(answer)
    search_id, count = SEARCH_ID.search(text), RECORD_COUNT.search(text)
    if search_id and count:
        form = {"channelid": search_id.group(1), "classsql": CLASSSQL.search(text).group(1),
                "sortfield": "-docreltime", "page": "1", "prepage": count.group(1)}
        answer = json.loads(post(connection, "/fjdzapp/search", form))
        links += [urlsplit(record["docpuburl"]).path for record in answer["data"]]
    return links


def crawl_portal(connection, code: str) -> set[str]:
    """Paths reached from a portal's home page by <a href> and createPageHTML pagination."""
    start = f"/{code}/index.html"
    seen, queue = {start}, deque([start])
    while queue:
        path = queue.popleft()
        status, _, body = fetch(connection, path)
        if status != 200:
            continue
        text = body.decode("utf-8", errors="replace")
        for link in page_links(path, text) + api_links(connection, code, text):
            if link.startswith(f"/{code}/") and link not in seen:
                seen.add(link)
                queue.append(link)
    return seen


def page_links(path: str, text: str) -> list[str]:
    base = "http://127.0.0.1" + path
    hrefs = ANCHOR.findall(SCRIPT.sub("", text)) + CDATA_ANCHOR.findall(text)
    for script in SCRIPT.findall(text):
        for total, _, prefix, ext in CREATE_PAGE.findall(script):
            hrefs += [f"{prefix}.{ext}" if n == 0 else f"{prefix}_{n}.{ext}"
                      for n in range(int(total))]
    links = []
    for href in hrefs:
        parts = urlsplit(urljoin(base, href.replace("&amp;", "&")))
        if parts.netloc == "127.0.0.1" and parts.scheme == "http":
            links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def column_of(doc: TestbedDoc) -> tuple[str, str]:
    match = ART_COLUMN.search(doc.url_path)
    return doc.portal_code, match.group(1) if match else ""


def test_same_arguments_give_the_same_bytes(testbed, manifest):
    other = Testbed(portals=6, docs_per_portal=12, seed=0)
    assert other.manifest() == manifest
    paths = [doc.url_path for doc in manifest]
    paths += [f"/{spec.region_code}/index.html" for spec in testbed.portal_specs()]
    assert all(other.respond(path) == testbed.respond(path) for path in paths)


def test_another_seed_gives_other_documents(manifest):
    assert Testbed(portals=6, docs_per_portal=12, seed=1).manifest() != manifest


def test_portals_cycle_over_the_styles(testbed):
    specs = testbed.portal_specs()
    assert [spec.style for spec in specs] == ["trs", "query", "xxgk"] * 2
    assert all(re.fullmatch(r"\d{6}", spec.region_code) for spec in specs)
    assert {spec.level for spec in specs} <= {"county", "prefecture"}


def test_every_manifest_url_is_served(manifest, pages):
    assert len(manifest) == 72
    assert len({doc.url_path for doc in manifest}) == len(manifest)
    assert all(pages[doc.url_path][0] == 200 for doc in manifest)


def test_every_manifest_url_is_reachable_from_the_home_page(testbed, server, manifest):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    reached = set()
    for spec in testbed.portal_specs():
        reached |= crawl_portal(connection, spec.region_code)
    connection.close()
    assert [doc.url_path for doc in manifest if doc.url_path not in reached] == []


def test_pages_decode_strictly_with_their_true_codec(manifest, pages):
    for doc in manifest:
        pages[doc.url_path][2].decode(doc.encoding)


def test_every_encoding_variant_is_served(manifest):
    declared = Counter((doc.encoding, doc.declared) for doc in manifest)
    assert ("utf-8", "header=utf-8; meta=utf-8") in declared
    assert ("gbk", "meta=gb2312") in declared
    assert ("gb18030", "header=gb2312; meta=gb2312") in declared
    assert ("gbk", "header=utf-8; meta=gbk") in declared
    assert ("gbk", None) in declared


def test_gbk_pages_declared_gb2312_need_gbk(manifest, pages):
    docs = [d for d in manifest if d.encoding == "gbk" and d.declared == "meta=gb2312"]
    for doc in docs:
        with pytest.raises(UnicodeDecodeError):
            pages[doc.url_path][2].decode("gb2312")


def test_gb18030_pages_do_not_decode_as_gbk(manifest, pages):
    docs = [doc for doc in manifest if doc.encoding == "gb18030"]
    assert docs
    for doc in docs:
        with pytest.raises(UnicodeDecodeError):
            pages[doc.url_path][2].decode("gbk")


def test_conflicting_and_missing_declarations(manifest, pages):
    for doc in manifest:
        _, headers, body = pages[doc.url_path]
        meta = META_CHARSET.findall(body.decode(doc.encoding)[:3000])
        if doc.declared is None:
            assert headers["Content-Type"] == "text/html" and meta == []
        if doc.declared == "header=utf-8; meta=gbk":
            assert "charset=utf-8" in headers["Content-Type"] and meta == ["gbk"]
            with pytest.raises(UnicodeDecodeError):
                body.decode("utf-8")


def test_every_report_column_mixes_reports_and_other_items(manifest):
    columns = defaultdict(set)
    for doc in manifest:
        columns[column_of(doc)].add(doc.is_annual_report)
    assert len(columns) >= 6
    assert all(kinds == {True, False} for kinds in columns.values())


def test_report_years_and_titles(manifest):
    for doc in manifest:
        if doc.is_annual_report:
            assert str(doc.report_year) in doc.title and "报告" in doc.title
            assert doc.publish_date > f"{doc.report_year}-12-31"
        else:
            assert doc.report_year is None


def test_manifest_fields_are_on_the_page(manifest, pages):
    for doc in manifest:
        text = pages[doc.url_path][2].decode(doc.encoding)
        assert doc.title in text
        for value in (doc.issuing_body, doc.index_number, doc.doc_number):
            assert value is None or value in text


def test_phrase_sits_in_the_article_body(manifest, pages):
    for doc in manifest:
        body = BODY.search(pages[doc.url_path][2].decode(doc.encoding))
        assert body is not None and len(doc.phrase) >= 15
        assert doc.phrase in body.group(1), doc.url_path


def test_every_body_is_distinct(manifest, pages):
    bodies = {BODY.search(pages[d.url_path][2].decode(d.encoding)).group(1) for d in manifest}
    assert len(bodies) == len(manifest)


def test_unknown_paths_are_404(server, testbed, manifest):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    trs, query = testbed.portal_specs()[:2]
    for path in ("/", "/nope.html", "/999999/index.html", f"/{trs.region_code}/nope.html",
                 f"/{trs.region_code}/zwgk/zfxxgk/zfxxgknb/index_99.html",
                 f"/{query.region_code}/xxgk/nb/list.jsp?page=99",
                 f"/{query.region_code}/xxgk/content.jsp?id=1"):
        assert fetch(connection, path)[0] == 404, path
    connection.close()


def test_robots_allows_everything(server):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    status, _, body = fetch(connection, "/robots.txt")
    connection.close()
    assert status == 200 and b"Disallow:\n" in body and b"Disallow: /" not in body


def test_registry_lists_every_portal(testbed, tmp_path):
    path = tmp_path / "registry.csv"
    testbed.write_registry(path, "http://127.0.0.1:8123")
    portals = load_registry(path)
    assert [p.region_code for p in portals] == [s.region_code for s in testbed.portal_specs()]
    assert portals[0].start_urls == (f"http://127.0.0.1:8123/{portals[0].region_code}/index.html",)
    assert all(p.allowed_domains == ("127.0.0.1",) for p in portals)


def test_benchmark_manifest_builds():
    docs = Testbed(portals=100, docs_per_portal=1000, seed=0).manifest()
    assert len(docs) == 100_000
    assert len({doc.url_path for doc in docs}) == 100_000


def _column_page(testbed, style: str, column: int) -> tuple[str, str]:
    spec = next(s for s in testbed.portal_specs() if s.style == style)
    path = testbed._plan(spec)[0].columns[column].path + "index.html"
    return spec.region_code, testbed.respond(path)[2].decode("utf-8")


def test_a_hanweb_column_lists_its_first_page_only_inside_its_datastore(testbed):
    _, text = _column_page(testbed, "xxgk", 1)
    _, static = _column_page(testbed, "xxgk", 0)
    assert [href for href in ANCHOR.findall(SCRIPT.sub("", text)) if "/art/" in href] == []
    assert [href for href in ANCHOR.findall(SCRIPT.sub("", static)) if "/art/" in href] != []
    assert len([href for href in CDATA_ANCHOR.findall(text) if "/art/" in href]) == 5
    assert TOTAL_RECORD.search(text).group(1) == "6"


def test_dataproxy_answers_a_datastore_and_refuses_another_columns_form(testbed, server):
    code, text = _column_page(testbed, "xxgk", 1)
    proxy, _, query = NEXTGROUP.search(text).group(1).partition("?")
    form = {"col": "1", "sourceContentType": "1", **dict(parse_qsl(query))}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    answer = post(connection, f"{proxy}?startrecord=6&endrecord=20&perpage=5", form).decode()
    assert answer.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<datastore>')
    assert "<totalrecord>6</totalrecord>" in answer and "<totalpage>2</totalpage>" in answer
    assert len(CDATA_ANCHOR.findall(answer)) == 1
    connection.request("POST", f"{proxy}?startrecord=1&endrecord=5&perpage=5",
                       urlencode({**form, "columnid": "999"}))
    refused = connection.getresponse()
    refused.read()
    assert refused.status == 404


def test_a_search_column_pages_through_its_api(testbed, server):
    code = [s.region_code for s in testbed.portal_specs() if s.style == "trs"][1]
    text = testbed.respond(f"/{code}/zwgk/zfxxgk/zfxxgknb/index.html")[2].decode("utf-8")
    assert "createPageHTML(" not in text and 'quickMode: "动静结合"' in text
    assert testbed.respond(f"/{code}/zwgk/zfxxgk/zfxxgknb/index_1.html")[0] == 404
    form = {"channelid": SEARCH_ID.search(text).group(1), "sortfield": "-docreltime",
            "classsql": CLASSSQL.search(text).group(1), "page": "2", "prepage": "10"}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    answer = json.loads(post(connection, "/fjdzapp/search", form))
    assert answer["pageCount"] == 2 and RECORD_COUNT.search(text).group(1) == "12"
    assert len(answer["data"]) == 2
    record = answer["data"][0]
    assert set(record) >= {"doctitle", "docpuburl", "chnldocurl", "docreltime", "pubdate",
                           "fileno", "docsourcename", "puborg", "idxid", "chnlid", "doctype"}
    assert record["docpuburl"].startswith(f"http://127.0.0.1:{server.port}/{code}/zwgk/")
