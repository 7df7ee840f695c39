"""scrapyd: scrapyd-deploy from deploy/scrapyd, then a scheduled crawl of the testbed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage import make_engine
from storage.models import Document
from tests.paths import ROOT
from tests.ports import free_port

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(shutil.which("scrapyd", path=str(BIN)) is None,
                                reason="scrapyd is in the test extra: pip install -e .[test]")



def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path):
    """A scrapyd on 127.0.0.1 working in a temporary folder."""
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {tmp_path}/eggs\nlogs_dir = {tmp_path}/logs\n"
        f"dbs_dir = {tmp_path}/dbs\nitems_dir =\nmax_proc = 1\npoll_interval = 0.2\n"
    )
    process = subprocess.Popen([str(BIN / "scrapyd")], cwd=tmp_path, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                call(base, "daemonstatus.json")
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_deploy_and_schedule_the_portal_spider(scrapyd, served_testbed, tmp_path):
    config = tmp_path / "xdg"
    config.mkdir()
    (config / "scrapy.cfg").write_text(f"[deploy:testing]\nurl = {scrapyd}/\nproject = govcorpus\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    try:
        deployed = subprocess.run([str(BIN / "scrapyd-deploy"), "testing"],
                                  cwd=ROOT / "deploy/scrapyd", env=env, capture_output=True,
                                  text=True, timeout=120)
    finally:  # the egg's build files (git-ignored) are not left in the work tree
        shutil.rmtree(ROOT / "deploy/scrapyd/build", ignore_errors=True)
        shutil.rmtree(ROOT / "deploy/scrapyd/govcorpus_crawler.egg-info", ignore_errors=True)
    assert deployed.returncode == 0, deployed.stderr[-3000:]
    assert call(scrapyd, "listspiders.json?project=govcorpus")["spiders"] == ["portal"]

    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    settings = {"GOVCORPUS_DB_URL": db_url, "AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0",
                "CONCURRENT_REQUESTS_PER_DOMAIN": "32", "GOVCORPUS_WORKERS": "0"}
    job = call(scrapyd, "schedule.json", [
        ("project", "govcorpus"), ("spider", "portal"),
        ("registry", str(served_testbed.registry)),
        *(("setting", f"{name}={value}") for name, value in settings.items()),
    ])
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        jobs = call(scrapyd, "listjobs.json?project=govcorpus")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the scheduled crawl did not finish")

    engine = make_engine(db_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(Document)).scalar_one()
    engine.dispose()
    assert stored == len(served_testbed.testbed.manifest())
