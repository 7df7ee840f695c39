"""Portals only a browser gets through, built to shape.

No licensed capture of either was found; 加速乐's real challenge pages, captured from CNVD in
a repository that states no licence, are replayed as they are by testbed/real_challenge.py.

- 510104 锦江区 sits behind a JavaScript cookie challenge built to the documented shape of
  加速乐's first layer (an error status whose page is one script: `document.cookie=…;
  location.href=location.pathname+location.search`), answered with 412 as 瑞数 does. The
  cookie is `__jsl_clearance=<seed>|<hash>`, the hash computed by the script from the seed and
  salt in the page and the browser's `navigator.userAgent`; the server checks it against the
  User-Agent header of each request, so a client that does not run the script (or that keeps
  the cookie and changes its user agent) gets 412 forever. A cookie serves `cookie_uses`
  requests, then the challenge comes again.
- 510105 青羊区 answers with a challenge whose script never ends (a hung render).
- 510106 金牛区 answers with a challenge whose script sets a cookie the server never accepts.
- 530323 师宗县 has a column whose rows arrive as JSON from a POST the page's script makes,
  paged by a script button (下一页) with no link: the shape of the XHR-built lists of the
  CMSs its real portal and 涡阳县's use (BRIEF.md, "The five seed portals"). The list API's
  path is `list_path`: a site built with another path has moved its API, and the old path
  answers like any missing page: 404, or with `missing_status=200` a 200 HTML page saying
  the page does not exist (the soft 404 many portals serve).

Every request is logged (`requests`): the portal, the path, the status and whether it carried
an accepted challenge cookie, so tests count which requests passed and how.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from govcorpus.registry import Portal

CHALLENGED, HUNG, NEVER, SCRIPTED = "510104", "510105", "510106", "530323"
NAMES = {CHALLENGED: "锦江区", HUNG: "青羊区", NEVER: "金牛区", SCRIPTED: "师宗县"}
CHALLENGE_STATUS = 412
COOKIE = "__jsl_clearance"
YEARS = tuple(range(2013, 2025))
"""One annual report per year in every column: 12 documents."""
ROWS_PER_PAGE = 5
LIST_PATH = "api/list"


def fnv1a(text: str) -> str:
    """32-bit FNV-1a of the UTF-16 code units of `text`, in hex: what the challenge script
    computes."""
    value = 2166136261
    for unit in text.encode("utf-16-le")[::2]:  # the low byte of each unit, as charCodeAt & 0xFF
        value = ((value ^ unit) * 16777619) & 0xFFFFFFFF
    return format(value, "x")


@dataclass(frozen=True)
class Logged:
    """One request the scripted portals answered."""

    code: str
    path: str
    status: int
    cleared: bool  # carried a challenge cookie the server accepted
    signed: bool  # carried a cookie the challenge script computed (accepted or used up)
    user_agent: str
    browser: bool  # sent by a browser (its Sec-Fetch-* headers), not a plain HTTP client


class ChallengeGate:
    """The challenge in front of a portal: its page, and which cookies it accepts."""

    def __init__(self, cookie_uses: int = 1000) -> None:
        self.cookie_uses = cookie_uses
        self.salt = secrets.token_hex(4)
        self.seeds: dict[str, int] = {}  # issued seed -> requests it may still clear
        self._lock = threading.Lock()

    def signed(self, cookie_header: str, user_agent: str) -> str | None:
        """The seed of a challenge cookie computed for this user agent, if one is sent."""
        for part in cookie_header.split(";"):
            name, _, value = part.strip().partition("=")
            seed, _, digest = value.partition("|")
            if name == COOKIE and seed in self.seeds and digest == fnv1a(
                    seed + self.salt + user_agent):
                return seed
        return None

    def use(self, seed: str) -> bool:
        """Whether the cookie of `seed` still clears a request (it then serves one fewer)."""
        with self._lock:
            left = self.seeds[seed]
            self.seeds[seed] = left - 1
            return left > 0

    def page(self, script_ends: bool = True, cookie_right: bool = True) -> bytes:
        """A challenge page with a fresh seed; its script may hang or set a refused cookie."""
        seed = secrets.token_hex(6)
        with self._lock:
            self.seeds[seed] = self.cookie_uses
        if not script_ends:
            compute = "for(;;){}"
        elif not cookie_right:
            compute = f'document.cookie="{COOKIE}="+_0x5a[0]+"|0;max-age=3600;path=/";'
        else:
            compute = (f'document.cookie="{COOKIE}="+_0x5a[0]+"|"+_0xh(_0x5a[0]+_0x5a[1]'
                       '+navigator.userAgent)+";max-age=3600;path=/";')
        script = (f'var _0x5a=["{seed}","{self.salt}"];function _0xh(s){{var h=2166136261;'
                  "for(var i=0;i<s.length;i++){h^=s.charCodeAt(i)&255;"
                  "h=Math.imul(h,16777619)>>>0;}return h.toString(16);}"
                  f"{compute}location.href=location.pathname+location.search;")
        return f"<html><body><script>{script}</script></body></html>".encode()

    def check(self, headers) -> tuple[bool, bool]:
        """(signed, cleared) for a request's headers: whether it carries the script's cookie,
        and whether that cookie still clears it."""
        seed = self.signed(headers.get("Cookie", ""), headers.get("User-Agent", ""))
        return seed is not None, seed is not None and self.use(seed)


class ScriptedSite:
    """The answers of the scripted portals and the log of what they served."""

    def __init__(self, cookie_uses: int = 1000, list_path: str = LIST_PATH,
                 missing_status: int = 404) -> None:
        self.gate = ChallengeGate(cookie_uses)
        self.list_path, self.missing_status = list_path, missing_status
        self.requests: list[Logged] = []
        self._lock = threading.Lock()

    def portals(self, base_url: str) -> list[Portal]:
        """Registry rows of the scripted portals, allowed at their own loopback origin. The hung
        portal is at `localhost`: another site than the others, as real portals are, so the
        browser gives its pages a renderer process of their own."""
        base = base_url.rstrip("/")
        rows = []
        for code, name in NAMES.items():
            url = f"{base}/{code}/index.html"
            host = "127.0.0.1"
            if code == HUNG:
                host, url = "localhost", url.replace("//127.0.0.1:", "//localhost:")
            rows.append(Portal(code, name, "county", (url,), (host,), {"allow_private": "1"}))
        return rows

    def answer(self, method: str, path: str, headers, body: bytes) -> tuple[int, str, bytes]:
        """(status, content type, body) for one request; logged."""
        code = path.split("/")[1] if path.count("/") >= 2 else ""
        signed, cleared = self.gate.check(headers) if code in NAMES else (False, False)
        if code not in NAMES:
            status, kind, answer = 404, "text/html", b"not found"
        elif code in (CHALLENGED, HUNG, NEVER) and not cleared:
            status, kind = CHALLENGE_STATUS, "text/html"
            answer = self.gate.page(script_ends=code != HUNG, cookie_right=code != NEVER)
        else:
            status, kind, answer = 200, "text/html; charset=utf-8", b""
            answer = self._page(code, method, path.partition("?")[0], body)
            if answer is None:
                status, answer = self.missing_status, MISSING_PAGE
            elif answer.startswith(b"{"):
                kind = "application/json; charset=utf-8"
        with self._lock:
            self.requests.append(Logged(code, path, status, cleared, signed,
                                        headers.get("User-Agent", ""),
                                        "Sec-Fetch-Mode" in headers))
        return status, kind, answer

    def _page(self, code: str, method: str, path: str, body: bytes) -> bytes | None:
        name = NAMES[code]
        if path in (f"/{code}/", f"/{code}/index.html"):
            link = f'<a href="/{code}/zfxxgknb/index.html">政府信息公开年报</a>'
            return _html(f"{name}人民政府", f'<div class="nav">{link}</div>')
        if path == f"/{code}/zfxxgknb/index.html":
            return (_scripted_column(code, self.list_path) if code == SCRIPTED
                    else _static_column(code))
        if path == f"/{code}/{self.list_path}" and method == "POST" and code == SCRIPTED:
            return _list_answer(code, body)
        if path.startswith(f"/{code}/content/report_"):
            year = path.rsplit("_", 1)[-1].removesuffix(".html")
            return _report(code, int(year)) if year.isdigit() and int(year) in YEARS else None
        return None


def _title(code: str, year: int) -> str:
    return f"{NAMES[code]}{year}年政府信息公开工作年度报告"


def _html(title: str, body: str) -> bytes:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8" /><title>{html.escape(title)}'
            f"</title></head>\n<body>\n{body}\n</body></html>\n").encode()


MISSING_PAGE = _html("页面不存在", "<p>您访问的页面不存在</p>")


def _static_column(code: str) -> bytes:
    rows = "\n".join(f'<li><a href="/{code}/content/report_{year}.html">{_title(code, year)}</a>'
                     f"<span>{year + 1}-01-20</span></li>" for year in YEARS)
    return _html(f"政府信息公开年报_{NAMES[code]}",
                 f'<ul class="list">\n{rows}\n</ul><div class="page">共{len(YEARS)}条</div>')


def _scripted_column(code: str, list_path: str = LIST_PATH) -> bytes:
    script = f"""
var page = 1;
function load() {{
  var xhr = new XMLHttpRequest();
  xhr.open("POST", "/{code}/{list_path}");
  xhr.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
  xhr.onload = function () {{
    var data = JSON.parse(xhr.responseText), list = document.getElementById("list");
    list.innerHTML = "";
    data.rows.forEach(function (row) {{
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = row.url; a.textContent = row.title; li.appendChild(a);
      var span = document.createElement("span"); span.textContent = row.date;
      li.appendChild(span); list.appendChild(li);
    }});
    document.getElementById("total").textContent = "共" + data.total + "条";
    document.getElementById("next").disabled = page * data.size >= data.total;
  }};
  xhr.send("page=" + page + "&size={ROWS_PER_PAGE}&channelId=1042");
}}
document.getElementById("next").onclick = function () {{ page += 1; load(); }};
load();
"""
    body = ('<div class="list-box"><ul id="list"></ul></div>\n'
            '<div class="page"><span id="total"></span> <button id="next">下一页</button></div>\n'
            f"<script>{script}</script>")
    return _html(f"政府信息公开年报_{NAMES[code]}", body)


def _list_answer(code: str, body: bytes) -> bytes:
    form = parse_qs(body.decode("ascii", "replace"))
    page = int((form.get("page") or ["1"])[0])
    start = (page - 1) * ROWS_PER_PAGE
    years = YEARS[::-1][start:start + ROWS_PER_PAGE]
    rows = [{"title": _title(code, year), "url": f"/{code}/content/report_{year}.html",
             "date": f"{year + 1}-01-20"} for year in years]
    answer = {"total": len(YEARS), "size": ROWS_PER_PAGE, "page": page, "rows": rows}
    return json.dumps(answer, ensure_ascii=False).encode()


def _report(code: str, year: int) -> bytes:
    name = NAMES[code]
    text = (f'<div class="TRS_Editor"><h1>{_title(code, year)}</h1>\n'
            f"<p>发布机构：{name}人民政府办公室 发布日期：{year + 1}-01-20</p>\n"
            f"<p>一、总体情况</p><p>{year}年，{name}深入贯彻《中华人民共和国政府信息公开条例》，"
            f"编号{code}-{year}。</p>\n<p>二、主动公开政府信息情况</p>"
            "<p>三、收到和处理政府信息公开申请情况</p>\n"
            f"<table><tr><td>一、本年新收政府信息公开申请数量</td><td>{year % 50 + 3}</td></tr>"
            "</table>\n<p>四、政府信息公开行政复议、行政诉讼情况</p>"
            "<p>五、存在的主要问题及改进情况</p>\n<p>六、其他需要报告的事项</p></div>")
    return _html(_title(code, year), text)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    site: ScriptedSite

    def do_GET(self) -> None:
        self._reply(b"")

    def do_POST(self) -> None:
        self._reply(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

    def _reply(self, body: bytes) -> None:
        status, kind, answer = self.site.answer(self.command, self.path, self.headers, body)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args) -> None:
        pass


class ScriptedServer:
    """`with ScriptedServer(site) as server:` serves the scripted portals at `server.base_url`."""

    __test__ = False

    def __init__(self, site: ScriptedSite, port: int = 0, host: str = "127.0.0.1") -> None:
        handler = type("ScriptedHandler", (_Handler,), {"site": site})
        self._httpd = ThreadingHTTPServer((host, port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
