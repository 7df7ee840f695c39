"""How real detail pages mark their date and source: the label markup of the testbed's pages.

Each line is a real page's own markup around its 发布日期/来源 labels, kept as it was (spacing,
colons, order, comments, stale alt texts, labels beside them such as 浏览次数 and 作者) with
only the values replaced: {date} (YYYY-MM-DD) and {time} (HH:MM), and {source_line}, where
the page names its source, `source` with {source} the issuing body. The source goes in
`after` (after the article body) where the real page names it at the end.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InfoLine:
    pages: str  # the real pages it is taken from (govcorpus/data/eval/files/PROVENANCE.md)
    before: str  # between the title and the body
    source: str  # the source element, with {source}
    after: str = ""  # after the body

    def render(self, date: str, time: str, source: str | None) -> tuple[str, str]:
        """The markup before and after the body; a page without a source omits its element."""
        values = {"date": date, "time": time,
                  "source_line": self.source.format(source=source) if source else ""}
        return self.before.format(**values), self.after.format(**values)


INFO_LINES: tuple[InfoLine, ...] = (
    InfoLine(  # fgw.zj.gov.cn: full-width colons, an empty 浏览次数, CMS markers in the value
        "gzggw_news.html",
        '<div class="small-title clearfix">\n<span>发布日期：{date}</span>\n'
        "<span>浏览次数： </span>\n{source_line}</div>",
        "<span>信息来源：<!--<$[信息来源]>begin-->{source}<!--<$[信息来源]>end--></span>\n",
    ),
    InfoLine(  # www.cmse.gov.cn: ASCII colon and a space, the values in their own spans
        "cmse_2012_news.html cmse_2021_news.html",  # 2021's without its capture's attributes
        '<div class="info">\n<div class="pubDate">发布日期: <span>{date}</span></div>\n'
        "<!---->\n{source_line}</div>",
        '<div class="source">信息来源: <span>{source}</span></div>\n',
    ),
    InfoLine(  # www.nmg.gov.cn: a commented-out 来源, the source named after the body
        "nmg_news.html",
        '<div class="ql_detailbro_date_source">\n<span>发布日期：{date} {time}</span>\n'
        "<!-- <span>来源：内蒙古日报</span> -->\n"
        '<span id="pageview">\n<!--浏览次数：192-->\n</span>\n</div>',
        "<p style=\"text-align: right !important;font-family: '微软雅黑' !important;\" "
        'id="infoSource">信息来源： {source} </p>\n',
        "{source_line}",
    ),
    InfoLine(  # www.shanxi.gov.cn: labels in <i>, the value after it, stale alt texts
        "shanxi_news.html",
        '<ul class="detail-article-infos oflow-hd">\n<li class="article-infos-source left">\n'
        '<span alt="时间：2017-11-08 20:26"><i>时间：</i>{date} {time}</span>\n'
        "{source_line}</li>\n</ul>",
        '<span alt="来源：省政府办公厅"><i>来源：</i> {source} </span>\n',
    ),
    InfoLine(  # www.kepu.gov.cn: source first, an empty 作者, a date with no label
        "kepu_news.html",
        "<ul>\n{source_line}<li>作者：</li>\n<li>{date} {time}</li>\n</ul>",
        "<li>来源：{source}</li>\n",
    ),
)
"""The info lines of the query-CMS portals' detail pages, one per document in turn."""


def info_line(serial: int) -> InfoLine:
    """The real markup a document's page uses."""
    return INFO_LINES[serial % len(INFO_LINES)]
