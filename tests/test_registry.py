"""The registry file: valid rows load, bad ones fail with the file and line."""

import pytest

from crawler.registry import Portal, RegistryError, load_registry, write_registry

HEADER = "region_code,name,level,start_urls,allowed_domains,hints\n"


def write(tmp_path, text: str):
    path = tmp_path / "registry.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_row_with_hints(tmp_path):
    path = write(
        tmp_path,
        HEADER + "350128,平潭综合实验区,county,https://www.pingtan.gov.cn/,pingtan.gov.cn,"
        "report_columns=https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/\n",
    )
    [portal] = load_registry(path)
    assert portal.region_code == "350128"
    assert portal.allowed_domains == ("pingtan.gov.cn",)
    assert portal.hints == {"report_columns": "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"}


def test_allowed_domains_default_to_start_hosts(tmp_path):
    path = write(tmp_path, HEADER + "341621,涡阳县,county,https://www.gy.gov.cn/ ,,\n")
    assert load_registry(path)[0].allowed_domains == ("www.gy.gov.cn",)


@pytest.mark.parametrize(
    "row, message",
    [
        ("35012,x,county,https://a.gov.cn/,,", "6-digit"),
        ("350128,x,town,https://a.gov.cn/,,", "level"),
        ("350128,x,county,ftp://a.gov.cn/,,", "not http"),
        ("350128,x,county,,,", "no start_urls"),
        ("350128,x,county,https://a.gov.cn/,,broken", "key=value"),
    ],
)
def test_bad_rows_name_the_line(tmp_path, row, message):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(RegistryError, match=message) as info:
        load_registry(path)
    assert f"{path}:2" in str(info.value)


def test_missing_file_and_header(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.csv")
    with pytest.raises(RegistryError, match="lacks column"):
        load_registry(write(tmp_path, "code,name\n1,2\n"))


def test_duplicate_region_code(tmp_path):
    row = "350128,x,county,https://a.gov.cn/,,\n"
    with pytest.raises(RegistryError, match="twice"):
        load_registry(write(tmp_path, HEADER + row + row))


def test_round_trip(tmp_path):
    portal = Portal("530323", "师宗县", "county", ("http://127.0.0.1:1/a/",), ("127.0.0.1",))
    write_registry(tmp_path / "r.csv", [portal])
    assert load_registry(tmp_path / "r.csv") == [portal]
