"""`govcorpus registry`: list, check and show, run as a user runs them."""

from __future__ import annotations

import csv
import io

from tests.conftest import govcorpus

HEADER = "region_code,name,level,start_urls,allowed_domains,hints\n"


def test_list_guizhou_as_a_table_and_as_a_registry():
    table = govcorpus("registry", "list", "--province", "52")
    assert table.returncode == 0, table.stderr
    assert "97 governments" in table.stdout and "88 county, 9 prefecture" in table.stdout
    out = govcorpus("registry", "list", "--province", "贵州", "--csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == 97 and {r["province"] for r in rows} == {"贵州省"}
    assert next(r for r in rows if r["region_code"] == "520204")["hints"] == (
        "report_columns=http://www.shuicheng.gov.cn/newsite/zwgk/zfxxgk_1/zfxxgknb/")


def test_list_output_is_a_registry_a_crawl_reads(tmp_path):
    out = govcorpus("registry", "list", "--prefecture", "5202", "--csv")
    path = tmp_path / "lps.csv"
    path.write_text(out.stdout, encoding="utf-8")
    checked = govcorpus("registry", "check", str(path))
    assert checked.returncode == 0 and "every row is good" in checked.stdout


def test_check_names_every_bad_row_and_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "520204,水城区,county,http://www.shuicheng.gov.cn/,,\n"
                   "999999,x,county,http://x.gov.cn/,,\n"
                   "520201,y,county,file:///etc/passwd,,\n", encoding="utf-8")
    result = govcorpus("registry", "check", str(bad))
    assert result.returncode == 2
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}:3: region_code 999999")
    assert lines[1].startswith(f"{bad}:4: start URL 'file:///etc/passwd' is not http(s)")


def test_show_a_government_before_any_night(tmp_path):
    result = govcorpus("registry", "show", "520204", "--db", f"sqlite:///{tmp_path}/c.db")
    assert result.returncode == 0, result.stderr
    assert "水城区" in result.stdout and "columns found: none yet" in result.stdout
    assert "no night recorded yet" in result.stdout
    missing = govcorpus("registry", "show", "000000")
    assert missing.returncode == 2 and "no government 000000" in missing.stderr


def test_a_crawl_with_a_selection_that_matches_nothing_is_refused(tmp_path):
    result = govcorpus("crawl", "--registry", "national", "--province", "火星",
                       "--db", f"sqlite:///{tmp_path}/c.db")
    assert result.returncode == 2 and "no province '火星'" in result.stderr
