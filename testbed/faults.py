"""Fault mode of the testbed: three portals that meet every fault a nightly crawl meets.

- 650102 天山区 has a 年报 column listing good reports and one link per fault: HTTP
  500/502/503 (with and without Retry-After), 404, connection reset, silence, a slow drip, a
  short body, truncated gzip, a gzip bomb, 50 MB pages, binary bytes as text/html, redirect
  loops and chains, redirects off the portal and to private/loopback/link-local addresses,
  malformed HTML and charsets that lie; plus endless pagination and an endless calendar.
- 650103 沙依巴克区 answers every page with an HTTP 412 WAF challenge.
- 650104 新市区 lists its documents, then answers each with an HTTP 521 WAF challenge.

The portals have the usual names so registry checks accept them; `Testbed(faults=True)` adds
them to the registry it writes. Every fault is bounded in time (`HOLD_SECONDS`).
"""

from __future__ import annotations

import gzip
import html
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from govcorpus.registry import Portal
from testbed import fault_wire as wire

FAULTY, WAF412, WAF521 = "650102", "650103", "650104"
NAMES = {FAULTY: "天山区", WAF412: "沙依巴克区", WAF521: "新市区"}
HOLD_SECONDS = 5.0
GOOD_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)
WAF_DOCS = 8
BIG = 50 * 1024 * 1024
BOMB = 64 * 1024 * 1024
FAULT_CRAWL_SETTINGS = {
    "DOWNLOAD_TIMEOUT": 3,
    "DOWNLOAD_MAXSIZE": 8 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
    "GOVCORPUS_MAX_LIST_PAGES": 12,
    "GOVCORPUS_BROWSER": False,
}
"""Crawl settings for the fault mode: short timeouts so the crawl ends in seconds, and no
browser: its WAF portals test how the plain crawler backs off (their scripts' cookies are never
accepted; the browser's passes are tested on testbed/scripted_built_to_shape.py)."""

# fault name -> fault kinds the crawler may record for it ("" = kept as a page, no fault)
EXPECTED_KINDS: dict[str, tuple[str, ...]] = {
    "http500": ("http_500",), "http502": ("http_502",), "http503": ("http_503",),
    "http503_retry_after": ("http_503",), "http404": ("http_404",),
    "reset": ("connection_lost",), "silence": ("timeout",), "drip": ("timeout",),
    "short_body": ("data_loss", "connection_lost"), "gzip_bomb": ("too_large",),
    "huge": ("too_large", "cancelled"), "huge_stream": ("too_large", "cancelled"),
    "truncated_gzip": ("truncated_gzip",), "binary": ("binary_body",),
    "redirect_loop": ("redirect_loop",), "redirect_chain": ("redirect_limit",),
    "redirect_offsite": ("redirect_offsite",), "redirect_10": ("redirect_private",),
    "redirect_192": ("redirect_private",), "redirect_169": ("redirect_private",),
    "redirect_loopback_host": ("redirect_private",),
    "redirect_loopback_port": ("redirect_private",),
    "link_loopback_port": ("private_address",),
    "malformed": ("",), "charset_header_lie": ("",), "charset_meta_lie": ("",),
    "retry_once": ("",),
}
KEPT = ("truncated_gzip", "malformed", "charset_header_lie", "charset_meta_lie", "retry_once")
"""Fault pages whose document must still be stored."""
UNREADABLE_LIST = f"/{FAULTY}/zfxxgknb/sjxz/"  # no ".html" that would make it text
"""A sub-column answering with bytes the spider cannot read as a page (parse_error)."""
TRAP_KINDS = ("list_page_limit",)
WAF_KINDS = ("blocked",)


@dataclass(frozen=True)
class _Context:
    path: str
    query: str
    port: int


class FaultSite:
    """Routes requests of the fault portals to answers; counts what it served."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def portals(self, base_url: str) -> list[Portal]:
        """Registry rows of the fault portals, allowed at their own loopback origin."""
        base = base_url.rstrip("/")
        return [Portal(code, name, "county", (f"{base}/{code}/index.html",), ("127.0.0.1",),
                       {"allow_private": "1"}) for code, name in NAMES.items()]

    def good_paths(self) -> list[str]:
        """Document paths that must be stored despite the faults."""
        docs = [f"/{FAULTY}/content/good_{year}.html" for year in GOOD_YEARS]
        docs += [f"/{FAULTY}/content/{name}.html" for name in KEPT]
        return docs

    def fault_paths(self) -> dict[str, str]:
        """Fault name -> the path that serves it."""
        return {name: _fault_path(name) for name in EXPECTED_KINDS}

    def served(self) -> Counter[str]:
        """How often each fault was served (retries included)."""
        by_path = {path: name for name, path in self.fault_paths().items()}
        with self._lock:
            counts = Counter({by_path[p]: n for p, n in self.hits.items() if p in by_path})
            counts["waf412"] = sum(n for p, n in self.hits.items() if p.startswith(f"/{WAF412}/"))
            counts["waf521"] = sum(n for p, n in self.hits.items()
                                   if p.startswith(f"/{WAF521}/content/"))
            counts["list_trap"] = sum(n for p, n in self.hits.items() if "/index_" in p)
            counts["calendar_trap"] = sum(n for p, n in self.hits.items() if "/rl/" in p)
        return +counts

    def action(self, path_and_query: str, port: int) -> wire.Action | None:
        """The answer to a request of a fault portal, or None for any other path."""
        path, _, query = path_and_query.partition("?")
        code = path.split("/")[1] if path.count("/") >= 2 else ""
        if code not in NAMES:
            return None
        with self._lock:
            self.hits[path] += 1
            first = self.hits[path] == 1
        context = _Context(path, query, port)
        if code == WAF412:
            return _challenge(412)
        if code == WAF521:
            return _waf521_portal(context)
        return _faulty_portal(context, first)


def _fault_path(name: str) -> str:
    return f"/{FAULTY}/content/{name}.html"


def _html(status: int, text: str, headers: dict[str, str] | None = None) -> wire.Action:
    body = text.encode("utf-8")
    return wire.plain(status, {"Content-Type": "text/html; charset=utf-8", **(headers or {})}, body)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>{html.escape(title)}'
            f"</title></head>\n<body>\n{body}\n</body></html>\n")


def _home(code: str) -> str:
    link = f'<a href="/{code}/zfxxgknb/index.html">政府信息公开年报</a>'
    return _page(f"{NAMES[code]}人民政府", f'<div class="nav">{link}</div>')


def _list(code: str, links: list[tuple[str, str]], extra: str = "") -> str:
    rows = "\n".join(f'<li><a href="{html.escape(href)}">{html.escape(text)}</a>'
                     f"<span>2025-01-20</span></li>" for href, text in links)
    return _page(f"政府信息公开年报_{NAMES[code]}", f'<ul class="list">\n{rows}\n</ul>\n{extra}')


def report_text(year: int, note: str = "") -> str:
    """The body of a good report page: six sections and a table, distinct per year and note."""
    name = NAMES[FAULTY]
    return (
        f'<div class="TRS_Editor"><h1>{name}{year}年政府信息公开工作年度报告{note}</h1>\n'
        f"<p>发布机构：{name}人民政府办公室 发布日期：{year + 1}-01-20</p>\n"
        f"<p>一、总体情况</p><p>{year}年，{name}深入贯彻《中华人民共和国政府信息公开条例》{note}。</p>\n"
        "<p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p>\n"
        f"<table><tr><td>一、本年新收政府信息公开申请数量</td><td>{year % 50 + 3}</td></tr>"
        "</table>\n"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p>\n"
        "<p>六、其他需要报告的事项</p></div>"
    )


def _report(year: int, note: str = "") -> str:
    return _page(f"{NAMES[FAULTY]}{year}年政府信息公开工作年度报告{note}", report_text(year, note))


def _faulty_portal(context: _Context, first: bool) -> wire.Action:
    path = context.path
    if path in (f"/{FAULTY}/", f"/{FAULTY}/index.html"):
        return _html(200, _home(FAULTY))
    if path == f"/{FAULTY}/zfxxgknb/index.html":
        return _html(200, _column(context.port))
    if path.startswith(f"/{FAULTY}/zfxxgknb/index_"):
        return _html(200, _trap_page(path))
    if path == f"/{FAULTY}/zfxxgknb/rl/index.html":
        return _html(200, _calendar_page(context.query))
    if path == UNREADABLE_LIST:
        return wire.plain(200, {"Content-Type": "application/octet-stream"}, bytes(range(256)))
    name = path.rsplit("/", 1)[-1].removesuffix(".html")
    if name.startswith("good_") and name[5:].isdigit():
        return _html(200, _report(int(name[5:])))
    builder = FAULT_BUILDERS.get(name)
    if builder is None:
        return _html(404, _page("404 Not Found", "<h1>404 Not Found</h1>"))
    return builder(context, first)


def _column(port: int) -> str:
    links = [(f"/{FAULTY}/content/good_{y}.html", f"{NAMES[FAULTY]}{y}年政府信息公开工作年度报告")
             for y in GOOD_YEARS]
    for name in EXPECTED_KINDS:
        href = _fault_path(name)
        if name == "link_loopback_port":
            href = f"http://127.0.0.1:{_other_port(port)}{href}"
        links.append((href, f"{NAMES[FAULTY]}故障测试：{name}"))
    pager = (f'<div class="page"><a href="index_1.html">下一页</a> <a href="index_1.html">2</a>'
             f'</div><div class="sub"><a href="/{FAULTY}/zfxxgknb/rl/index.html?p=1">按日期浏览</a>'
             f' <a href="{UNREADABLE_LIST}">数据下载</a></div>')
    return _list(FAULTY, links, pager)


def _trap_page(path: str) -> str:
    """Page N of an endless list: nothing new, always a next page."""
    number = int("".join(ch for ch in path.rsplit("_", 1)[-1] if ch.isdigit()) or 1)
    pager = " ".join(f'<a href="index_{n}.html">{n + 1}</a>' for n in range(number + 1, number + 4))
    return _list(FAULTY, [], f'<div class="page"><a href="index_{number + 1}.html">下一页</a> '
                             f"{pager}</div>")


def _calendar_page(query: str) -> str:
    """An endless calendar: every day links the next days, no document anywhere."""
    day = int("".join(ch for ch in query.partition("p=")[2] if ch.isdigit()) or 1)
    cells = " ".join(f'<a href="index.html?p={d}">{d}</a>' for d in range(day + 1, day + 6))
    return _list(FAULTY, [], f'<div class="calendar">{cells} '
                             f'<a href="index.html?p={day + 1}">下一页</a></div>')


def _other_port(port: int) -> int:
    return 9 if port != 9 else 7


def _challenge(status: int) -> wire.Action:
    """A WAF cookie challenge page, as 加速乐 (521) and 瑞数 (412) send them."""
    if status == 521:
        script = ("<script>var _0x3f=['__jsl_clearance=1700000000.123|0|abc'];"
                  "document.cookie=_0x3f[0]+';max-age=3600;path=/';location.href=location.pathname"
                  "+location.search</script>")
    else:
        script = ('<meta content="Xb2kfd8" r="m"><script type="text/javascript" r="m">'
                  "$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=48213;$_ts.cd='qrcd';"
                  "document.cookie='FSSBBIl1UgzbN7N80S=x';</script>")
    return wire.plain(status, {"Content-Type": "text/html"}, f"<html>{script}</html>".encode())


def _waf521_portal(context: _Context) -> wire.Action:
    if context.path in (f"/{WAF521}/", f"/{WAF521}/index.html"):
        return _html(200, _home(WAF521))
    if context.path == f"/{WAF521}/zfxxgknb/index.html":
        links = [(f"/{WAF521}/content/doc_{n}.html", f"{NAMES[WAF521]}文件{n}")
                 for n in range(1, WAF_DOCS + 1)]
        return _html(200, _list(WAF521, links))
    return _challenge(521)


def _status(status: int, retry_after: str | None = None) -> wire.Action:
    headers = {"Retry-After": retry_after} if retry_after else {}
    return _html(status, _page(f"{status} Error", f"<h1>{status}</h1>"), headers)


def _redirect(location: str) -> wire.Action:
    return wire.plain(302, {"Location": location, "Content-Type": "text/html"}, b"")


@lru_cache(maxsize=1)
def _bomb() -> bytes:
    return gzip.compress(b"\0" * BOMB, compresslevel=9)


def _gzip(body: bytes, keep: float = 1.0) -> wire.Action:
    data = gzip.compress(body)
    data = data[: int(len(data) * keep)]
    return wire.plain(200, {"Content-Type": "text/html; charset=utf-8",
                            "Content-Encoding": "gzip"}, data)


def _malformed() -> wire.Action:
    text = report_text(2018, "（格式错误页）").replace("</p>", "").replace("</td>", "")
    body = (f"<html><head><title>{NAMES[FAULTY]}2018年政府信息公开工作年度报告（格式错误页）"
            f"<body><div><b><i>{text} &amp &#xZZZ; &#99999999; &nbsp &lt;p&gt; <table><tr><td>"
            "未闭合").encode() + b"\x00\x00 \x00 <p>\x00 <!-- unclosed comment"
    return wire.plain(200, {"Content-Type": "text/html; charset=utf-8"}, body)


def _charset_lie(header: bool) -> wire.Action:
    note = "（编码声明错误页一）" if header else "（编码声明错误页二）"
    year = 2017 if header else 2016
    if header:  # the header says UTF-8, the bytes are GBK, no meta
        text = _report(year, note).replace('<meta charset="utf-8" />', "")
        return wire.plain(200, {"Content-Type": "text/html; charset=utf-8"}, text.encode("gbk"))
    text = _report(year, note).replace('<meta charset="utf-8" />', '<meta charset="gb2312" />')
    return wire.plain(200, {"Content-Type": "text/html"}, text.encode("utf-8"))


def _retry_once(first: bool) -> wire.Action:
    if first:
        return _status(503, "1")
    return _html(200, _report(2015, "（重试后成功页）"))


def _binary() -> wire.Action:
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 64 + b"\0" * 4096
    return wire.plain(200, {"Content-Type": "text/html; charset=utf-8"}, body)


def _base(context: _Context) -> str:
    return f"http://127.0.0.1:{context.port}"


FAULT_BUILDERS = {
    "http500": lambda c, f: _status(500),
    "http502": lambda c, f: _status(502),
    "http503": lambda c, f: _status(503),
    "http503_retry_after": lambda c, f: _status(503, "120"),
    "http404": lambda c, f: _status(404),
    "reset": lambda c, f: wire.reset(),
    "silence": lambda c, f: wire.silence(HOLD_SECONDS),
    "drip": lambda c, f: wire.drip(HOLD_SECONDS, _report(2014).encode()),
    "short_body": lambda c, f: wire.short_body(_report(2013).encode()[:300], 50_000),
    "truncated_gzip": lambda c, f: _gzip((_report(2012, "（压缩截断页）") * 20).encode(), 0.5),
    "gzip_bomb": lambda c, f: wire.plain(200, {"Content-Type": "text/html",
                                               "Content-Encoding": "gzip"}, _bomb()),
    "huge": lambda c, f: wire.endless(BIG, True, HOLD_SECONDS),
    "huge_stream": lambda c, f: wire.endless(BIG, False, HOLD_SECONDS),
    "binary": lambda c, f: _binary(),
    "redirect_loop": lambda c, f: _redirect(f"/{FAULTY}/content/redirect_loop_b.html"),
    "redirect_loop_b": lambda c, f: _redirect(f"/{FAULTY}/content/redirect_loop.html"),
    "redirect_chain": lambda c, f: _redirect(
        f"/{FAULTY}/content/redirect_chain.html?n={int(c.query.partition('=')[2] or 0) + 1}"),
    "redirect_offsite": lambda c, f: _redirect("http://www.example.com/zfxxgknb/1.html"),
    "redirect_10": lambda c, f: _redirect("http://10.0.0.1/admin/"),
    "redirect_192": lambda c, f: _redirect("http://192.168.1.1/"),
    "redirect_169": lambda c, f: _redirect("http://169.254.169.254/latest/meta-data/"),
    "redirect_loopback_host": lambda c, f: _redirect(f"http://127.0.0.2:{c.port}/"),
    "redirect_loopback_port": lambda c, f: _redirect(
        f"http://127.0.0.1:{_other_port(c.port)}/{FAULTY}/index.html"),
    "link_loopback_port": lambda c, f: _html(200, _report(2011)),  # never reached
    "malformed": lambda c, f: _malformed(),
    "charset_header_lie": lambda c, f: _charset_lie(True),
    "charset_meta_lie": lambda c, f: _charset_lie(False),
    "retry_once": lambda c, f: _retry_once(f),
}
