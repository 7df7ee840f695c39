"""Bad input to the CLI: one clear error line naming the problem, a non-zero exit, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govcorpus.cli.main import app

HEADER = "region_code,name,level,start_urls,allowed_domains,hints\n"
REGISTRIES = {
    "binary.csv": b"\x89PNG\r\n\x1a\n\x00\x01\xff\xfe",
    "header.csv": b"region_code,name\n350128,x\n",
    "code.csv": (HEADER + "35012,x,county,http://a.gov.cn/,,\n").encode(),
    "scheme.csv": (HEADER + "350128,x,county,ftp://a.gov.cn/,,\n").encode(),
    "hint.csv": (HEADER + "350128,x,county,http://a.gov.cn/,,oops\n").encode(),
    "twice.csv": (HEADER + "350128,x,county,http://a.gov.cn/,,\n" * 2).encode(),
    "empty.csv": b"",
    "ok.csv": (HEADER + "350128,x,county,http://a.gov.cn/,,\n").encode(),
}
# arguments -> words the error line must contain ({tmp} is the test's folder)
CASES = {
    ("crawl", "--registry", "{tmp}/missing.csv"): "registry file not found",
    ("crawl", "--registry", "{tmp}/binary.csv"): "not UTF-8",
    ("crawl", "--registry", "{tmp}/header.csv"): "header lacks column(s) level, start_urls",
    ("crawl", "--registry", "{tmp}/code.csv"): "code.csv:2: region_code '35012'",
    ("crawl", "--registry", "{tmp}/scheme.csv"): "scheme.csv:2: start URL 'ftp://a.gov.cn/'",
    ("crawl", "--registry", "{tmp}/hint.csv"): "hint.csv:2: hint 'oops' is not key=value",
    ("crawl", "--registry", "{tmp}/twice.csv"): "region_code 350128 listed twice",
    ("crawl", "--registry", "{tmp}/empty.csv"): "header lacks column(s)",
    ("crawl", "--registry", "{tmp}/ok.csv", "--db", "nosuchdb://x"): "bad database URL",
    ("crawl", "--registry", "{tmp}/ok.csv", "--db", "not a url"): "bad database URL",
    ("crawl", "--registry", "{tmp}/ok.csv", "--db",
     "postgresql+psycopg://postgres@127.0.0.1:1/x"): "database unreachable",
    ("crawl", "--registry", "{tmp}/ok.csv", "--db", "sqlite:///{tmp}/binary.csv/c.db"):
        "binary.csv",
    ("crawl", "--registry", "{tmp}/ok.csv", "--set", "TIMEOUT"): "setting 'TIMEOUT'",
    ("crawl", "--registry", "{tmp}/ok.csv", "--set", "GOVCORPUS_NOPE=1"): "GOVCORPUS_NOPE",
    ("export", "--out", "{tmp}/binary.csv/out.jsonl", "--db", "sqlite:///{tmp}/c.db"):
        "output folder does not exist",
    ("export", "--out", "/proc/govcorpus-out.jsonl", "--db", "sqlite:///{tmp}/c.db"):
        "/proc/govcorpus-out.jsonl",
    ("coverage", "--out", "{tmp}/nofolder/c.html", "--db", "sqlite:///{tmp}/c.db"):
        "output folder does not exist",
    ("restore", "{tmp}/missing.jsonl", "--db", "sqlite:///{tmp}/c.db"): "no such file",
    ("restore", "{tmp}/binary.csv", "--db", "sqlite:///{tmp}/c.db"): "not a govcorpus spill file",
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    for name, data in REGISTRIES.items():
        (tmp / name).write_bytes(data)
    return tmp


@pytest.mark.parametrize("case", list(CASES), ids=lambda case: " ".join(case)[:60])
def test_bad_input_is_one_clear_line(folder, case, monkeypatch):
    monkeypatch.chdir(folder)
    answer = CliRunner().invoke(app, [a.format(tmp=folder) for a in case])
    assert isinstance(answer.exception, SystemExit), answer.exception  # nothing escaped
    assert answer.exit_code != 0
    lines = [line for line in answer.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, answer.stderr
    assert lines[0].startswith("error: ")
    assert CASES[case] in lines[0], lines[0]
    assert not Path("/proc/govcorpus-out.jsonl").exists()


def test_a_real_process_prints_no_traceback(folder):
    answer = subprocess.run(
        [sys.executable, "-m", "govcorpus", "crawl", "--registry", str(folder / "code.csv"),
         "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "80"},
    )
    assert answer.returncode == 2
    assert answer.stderr.strip().splitlines() == [
        "error: " + str(folder / "code.csv") + ":2: region_code '35012' is not a 6-digit GB/T "
        "2260 code"
    ]
