"""The real 加速乐 challenge pages of CNVD are challenges to the crawler, and their cookies.

The pages are captures (tests/files/real_challenges/PROVENANCE.md); the cookie values in
tests/real_challenges.py were read off them by hand, and are checked here against the pages'
own hash parameters with hashlib, not with the crawler.
"""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from crawler.politeness.waf import is_challenge
from govcorpus.soft_blocks import soft_block_reason
from tests.real_challenges import FIRST_PAGE, SECOND_PAGES, second_page

GO_CALL = re.compile(rb'go\((\{"bts":.*?\})\)</script>')


def test_the_real_first_page_is_a_challenge():
    page = FIRST_PAGE.read_bytes()
    assert page.startswith(b"<script>document.cookie=('_')+('_')+('j')+('s')+('l')")
    assert page.endswith(b";location.href=location.pathname+location.search</script>")
    assert is_challenge(521, page)
    assert not is_challenge(200, page)


def test_the_real_first_page_answering_a_document_is_a_soft_block():
    assert soft_block_reason(200, FIRST_PAGE.read_bytes(), 64, 400) == (
        "challenge page (JavaScript cookie script)")


@pytest.mark.parametrize("name", sorted(SECOND_PAGES))
def test_each_real_second_page_is_a_challenge(name):
    assert is_challenge(521, second_page(name).read_bytes())


@pytest.mark.parametrize("name", sorted(SECOND_PAGES))
def test_each_second_page_sets_the_cookie_given_for_it(name):
    params = json.loads(GO_CALL.search(second_page(name).read_bytes()).group(1))
    cookie = SECOND_PAGES[name][1]
    head, tail = params["bts"]
    assert params["tn"] == "__jsl_clearance_s"
    assert cookie.startswith(head) and cookie.endswith(tail)
    assert len(cookie) == len(head) + 2 + len(tail)
    assert set(cookie[len(head):len(head) + 2]) <= set(params["chars"])
    assert hashlib.new(params["ha"], cookie.encode()).hexdigest() == params["ct"]
