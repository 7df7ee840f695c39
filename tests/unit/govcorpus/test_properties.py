"""Every reader of a page's bytes or text survives hostile input and keeps its invariants.

Inputs are real pages mutated (tests/mutations.py), cut at 256 KB, and random bytes. Each
reader may raise only the error its contract names (none, for most); the time each takes on
such input is measured by bench/hostile.py (hangs=0 means none took over its bound).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govcorpus.attachments import sniff
from govcorpus.decoding.charsets import collect_declarations
from govcorpus.decoding.decode import decode_html
from govcorpus.decoding.mojibake import mojibake_score, repair_runs
from govcorpus.extraction.body import extract_body
from govcorpus.extraction.metadata import METADATA_FIELDS, extract_metadata
from govcorpus.extraction.normalize import normalize_text
from govcorpus.registry import NATIONAL_PORTALS, RegistryError, load_registry
from govcorpus.reports.classify import classify_report
from govcorpus.reports.regions import resolve_region
from govcorpus.tables import parse_stats
from tests.mutations import (
    HOSTILE_SNIPPETS,
    content_types,
    hostile_html,
    hostile_text,
    is_web_url,
    page_urls,
)

SNIFFED_KINDS = {"pdf", "docx", "xlsx", "xls", "doc", "wps", "html", "zip", "ole", "unknown"}


@given(hostile_html(), content_types())
def test_the_decoder_returns_valid_text_in_a_real_codec(body, content_type):
    decoded = decode_html(body, content_type)
    decoded.text.encode("utf-8")  # no lone surrogates: storable, printable
    codecs.lookup(decoded.encoding)
    assert 0.0 <= decoded.confidence <= 1.0
    evidence = collect_declarations(body, content_type)
    assert isinstance(evidence["meta"], list | tuple | dict)


@given(hostile_text())
def test_mojibake_readers_score_within_bounds_and_repair_to_text(text):
    assert 0.0 <= mojibake_score(text) <= 1.0
    repaired = repair_runs(text)
    assert repaired is None or isinstance(repaired, str)


@given(hostile_html(), page_urls())
def test_metadata_comes_back_as_text_for_every_field(body, url):
    html = decode_html(body).text
    metadata = extract_metadata(html, url)
    assert set(metadata) == set(METADATA_FIELDS)
    assert all(value is None or isinstance(value, str) for value in metadata.values())


@given(hostile_html(), page_urls())
def test_the_body_reader_gives_text_or_nothing(body, url):
    text = extract_body(decode_html(body).text, url)
    assert text is None or isinstance(text, str)


@given(hostile_text())
def test_normalizing_gives_text_of_a_known_script(text):
    normalized = normalize_text(text)
    assert isinstance(normalized.text, str)
    normalized.text.encode("utf-8")


@given(st.one_of(st.none(), hostile_text()), st.one_of(st.none(), hostile_text()))
def test_classification_gives_a_verdict_and_a_plausible_year(title, text):
    is_report, year = classify_report(title, text)
    assert isinstance(is_report, bool)
    assert year is None or 1990 <= year <= 2100


@given(st.one_of(st.none(), hostile_text()),
       st.one_of(st.none(), st.from_regex(r"\d{6}", fullmatch=True)),
       st.one_of(st.none(), hostile_text()))
def test_regions_are_six_digit_codes_or_unknown(issuer, portal_code, title):
    region = resolve_region(issuer, portal_code, title)
    assert region.code is None or (len(region.code) == 6 and region.code.isdigit())


@given(st.one_of(st.none(), hostile_text()), st.one_of(st.none(), hostile_html()))
def test_the_statistics_reader_gives_numbers_or_nothing(text, html):
    stats = parse_stats(text=text, html=html)
    if stats is not None:
        for cell in stats.cells:
            assert cell.value is None or isinstance(cell.value, int | float)


@given(st.one_of(hostile_html(), st.binary(max_size=2048)), content_types(),
       st.one_of(st.none(), page_urls(), st.text(max_size=200)))
def test_sniff_names_a_known_kind(data, content_type, url):
    assert sniff(data, content_type, url) in SNIFFED_KINDS


# --- the registry and its hints ------------------------------------------------------------

REGISTRY_HEADER = ["region_code", "name", "level", "start_urls", "allowed_domains", "hints"]
HOSTILE_URLS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "file:///etc/passwd", "http://[::1", "https://[v1.x]/", "ftp://x.gov.cn/",
                "java\tscript:alert(1)", " http://www.gov.cn/ ", "//www.gov.cn/", ""]


@cache
def real_registry_rows() -> list[list[str]]:
    """The first rows of the shipped national portal list, as registry rows."""
    with NATIONAL_PORTALS.open(encoding="utf-8", newline="") as handle:
        rows = list(itertools.islice(csv.DictReader(handle), 40))
    return [[r["code"], r["name"], r["level"], r["portal_url"], "", ""] for r in rows]


def registry_cells() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE_URLS),
                     st.sampled_from([s.decode("utf-8", "replace") for s in HOSTILE_SNIPPETS]),
                     st.text(max_size=40))


@st.composite
def hostile_registries(draw) -> bytes:
    rows = [list(row) for row in draw(st.lists(st.sampled_from(real_registry_rows()),
                                               min_size=1, max_size=6))]
    for row in rows:
        for _ in range(draw(st.integers(0, 3))):
            column = draw(st.integers(0, len(row) - 1))
            cell = draw(registry_cells())
            if column == 5 and draw(st.booleans()):
                cell = f"report_columns={cell};allow_private=yes"
            row[column] = cell
    out = io.StringIO()
    csv.writer(out).writerows([REGISTRY_HEADER, *rows])
    data = out.getvalue().encode("utf-8")
    if draw(st.booleans()):  # broken bytes, a cut line, a BOM
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff\xfe", b"\xef\xbb\xbf", b"\x00", b"\""])) \
            + data[at:]
    return data


@given(hostile_registries())
def test_the_registry_loads_web_urls_only_or_says_why_not(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("registry") / "portals.csv"
    path.write_bytes(data)
    try:
        portals = load_registry(path)
    except RegistryError:
        return
    for portal in portals:
        assert all(is_web_url(url) for url in portal.start_urls)
        assert all(is_web_url(url) for url in portal.hints.get("report_columns", "").split())
        assert all(domain and "/" not in domain for domain in portal.allowed_domains)


@pytest.mark.parametrize("url", [u for u in HOSTILE_URLS if u.strip()])
def test_a_registry_url_that_is_not_web_is_refused(tmp_path, url):
    for row in (["110101", "东城区", "county", url, "", ""],
                ["110101", "东城区", "county", "https://www.bjdch.gov.cn/", "",
                 f"report_columns={url}"]):
        if is_web_url(url.strip()):
            continue
        out = io.StringIO()
        csv.writer(out).writerows([REGISTRY_HEADER, row])
        path = tmp_path / "portals.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        with pytest.raises(RegistryError):
            load_registry(path)
