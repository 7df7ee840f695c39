"""The body HTML of a document page, rendered on request from its plan item."""

from __future__ import annotations

from testbed.notices import notice_html, notice_text
from testbed.plan import Item, text_values
from testbed.regions import PortalSpec
from testbed.reports import body_template, render


def body_html(spec: PortalSpec, item: Item) -> str:
    """The article body: a report template filled in, or a non-report text with its signature."""
    values = text_values(spec, item.unit.name, item.year, item.pick)
    if item.is_report:
        return render(body_template(item.template).html, values)
    day = item.published
    signature = (item.unit.name, f"{day.year}年{day.month}月{day.day}日")
    return notice_html(notice_text(item.kind, values, item.pick), signature)
