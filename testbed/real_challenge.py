"""A portal behind a real 加速乐 challenge, replayed on loopback from captured pages.

加速乐 (Knownsec's Jiasule) answers a first request with HTTP 521 and a one-line script that
sets `__jsl_clearance_s` (an expression of literals) and reloads; that cookie earns a second
521 whose obfuscated script finds the real cookie by hashing (`go({"bts": …, "ct": …})`) and
reloads again; that cookie earns the page. The two pages are served as captured from CNVD
(see tests/files/real_challenges/PROVENANCE.md), given to `ChallengeReplay` with the cookie
each one's script sets, read off the capture; only the portal behind them (its home page, a
column of annual reports and the reports) is built here.

Every request is logged (`requests`): its path, the status answered, the layer of the
challenge its cookies reached, its user agent and whether a browser sent it.
"""

from __future__ import annotations

import html
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from govcorpus.registry import Portal

CODE, NAME = "510108", "成华区"
CHALLENGE_STATUS = 521
COOKIE = "__jsl_clearance_s"
YEARS = tuple(range(2013, 2025))
"""One annual report per year in the column: 12 documents."""
FIRST, SECOND, CLEARED = "first", "second", "cleared"


@dataclass(frozen=True)
class Logged:
    """One request the portal answered."""

    path: str
    status: int
    layer: str  # FIRST (no cookie of the challenge), SECOND (the first page's), CLEARED
    cookie: str  # the Cookie header it carried
    user_agent: str
    browser: bool  # sent by a browser (its Sec-Fetch-* headers), not a plain HTTP client


@dataclass(frozen=True)
class ChallengeReplay:
    """The two captured challenge pages and the cookie value each one's script sets."""

    first_page: bytes
    first_cookie: str
    second_page: bytes
    second_cookie: str

    def layer(self, cookie_header: str) -> str:
        values = {value for name, _, value in (part.strip().partition("=")
                                               for part in cookie_header.split(";"))
                  if name == COOKIE}
        if self.second_cookie in values:
            return CLEARED
        return SECOND if self.first_cookie in values else FIRST


class RealChallengeSite:
    """The portal's answers and the log of what it served."""

    def __init__(self, replay: ChallengeReplay) -> None:
        self.replay = replay
        self.requests: list[Logged] = []
        self._lock = threading.Lock()

    def portals(self, base_url: str) -> list[Portal]:
        """The portal's registry row, allowed at its loopback origin."""
        url = f"{base_url.rstrip('/')}/{CODE}/index.html"
        return [Portal(CODE, NAME, "county", (url,), ("127.0.0.1",), {"allow_private": "1"})]

    def answer(self, path: str, headers) -> tuple[int, str, bytes]:
        """(status, content type, body) for one GET; logged."""
        cookie = headers.get("Cookie", "")
        layer = self.replay.layer(cookie)
        if layer == FIRST:
            status, kind, body = CHALLENGE_STATUS, "text/html", self.replay.first_page
        elif layer == SECOND:
            status, kind, body = CHALLENGE_STATUS, "text/html", self.replay.second_page
        else:
            page = _page(path.partition("?")[0])
            status, kind = (200, "text/html; charset=utf-8") if page else (404, "text/html")
            body = page or b"not found"
        with self._lock:
            self.requests.append(Logged(path, status, layer, cookie, headers.get("User-Agent", ""),
                                        "Sec-Fetch-Mode" in headers))
        return status, kind, body


def _page(path: str) -> bytes | None:
    if path in (f"/{CODE}/", f"/{CODE}/index.html"):
        link = f'<a href="/{CODE}/zfxxgknb/index.html">政府信息公开年报</a>'
        return _html(f"{NAME}人民政府", f'<div class="nav">{link}</div>')
    if path == f"/{CODE}/zfxxgknb/index.html":
        rows = "\n".join(f'<li><a href="/{CODE}/content/report_{year}.html">{_title(year)}</a>'
                         f"<span>{year + 1}-01-20</span></li>" for year in YEARS)
        return _html(f"政府信息公开年报_{NAME}",
                     f'<ul class="list">\n{rows}\n</ul><div class="page">共{len(YEARS)}条</div>')
    year = path.removeprefix(f"/{CODE}/content/report_").removesuffix(".html")
    if path.startswith(f"/{CODE}/content/report_") and year.isdigit() and int(year) in YEARS:
        return _report(int(year))
    return None


def _title(year: int) -> str:
    return f"{NAME}{year}年政府信息公开工作年度报告"


def _html(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>{html.escape(title)}'
            f"</title></head>\n<body>\n{body}\n</body></html>\n").encode()


def _report(year: int) -> bytes:
    text = (f'<div class="TRS_Editor"><h1>{_title(year)}</h1>\n'
            f"<p>发布机构：{NAME}人民政府办公室 发布日期：{year + 1}-01-20</p>\n"
            f"<p>一、总体情况</p><p>{year}年，{NAME}深入贯彻《中华人民共和国政府信息公开条例》，"
            f"编号{CODE}-{year}。</p>\n<p>二、主动公开政府信息情况</p>"
            "<p>三、收到和处理政府信息公开申请情况</p>\n"
            f"<table><tr><td>一、本年新收政府信息公开申请数量</td><td>{year % 50 + 3}</td></tr>"
            "</table>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>"
            "<p>五、存在的主要问题及改进情况</p>\n<p>六、其他需要报告的事项</p></div>")
    return _html(_title(year), text)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    site: RealChallengeSite

    def do_GET(self) -> None:
        status, kind, body = self.site.answer(self.path, self.headers)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class RealChallengeServer:
    """`with RealChallengeServer(site) as server:` serves the portal at `server.base_url`."""

    __test__ = False

    def __init__(self, site: RealChallengeSite, port: int = 0) -> None:
        handler = type("RealChallengeHandler", (_Handler,), {"site": site})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> RealChallengeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
