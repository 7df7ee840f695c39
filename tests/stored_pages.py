"""Pages of one portal written straight to a corpus, night by night, for storage tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from storage import CorpusWriter, init_db, make_engine
from tests.portals import portal

T0 = datetime(2026, 1, 1, 2, 0, tzinfo=timezone.utc)
PORTAL = portal("350128", "平潭综合实验区", "county", "https://www.pingtan.gov.cn/",
                "pingtan.gov.cn")


def page(n: int, text: str, night: int = 0, year: int = 2023, **fields) -> dict:
    url = f"https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/t{n}.htm"
    body = f"<html><body><p>{text}</p></body></html>".encode()
    return {"portal_code": "350128", "url": url, "canonical_url": url, "status": 200,
            "headers": {"ETag": f'"{n}-{len(text)}"'}, "body": body,
            "fetched_at": T0 + timedelta(days=night), "content_hash": f"h{hash(text)}",
            "title": f"报告{n}", "text": text, "text_normalized": text,
            "is_annual_report": True, "report_year": year, **fields}


def writer_for(db_url: str) -> CorpusWriter:
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=50)
    writer.start_run()
    writer.upsert_portals([PORTAL])
    return writer
