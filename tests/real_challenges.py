"""The real 加速乐 challenge pages the tests replay, and the cookie each one's script sets.

The cookie values were read off the captures, not computed by the crawler: the first page's by
evaluating its expression of literals by hand (tests/files/real_challenges/PROVENANCE.md shows
the working), each second page's as the one value `bts[0] + two of chars + bts[1]` whose hash
(`ha`) is the page's `ct` (checked against the page by tests/unit/crawler/test_real_challenges.py).
"""

from __future__ import annotations

from pathlib import Path

from testbed.real_challenge import ChallengeReplay
from tests.paths import FILES

REAL_CHALLENGES = FILES / "real_challenges"
FIRST_PAGE = REAL_CHALLENGES / "jiasule_first_layer_cnvd.html"
FIRST_COOKIE = "1739259956.848|-1|eXswhYLcwK%2FrA%2BEkDThmKdRtMV8%3D"
SECOND_PAGES = {  # the second page of each capture -> the cookie its script sets
    "md5": ("jiasule_second_layer_cnvd_md5.html",
            "1770107754.409|0|4IRlmv6YahKV2Dz2TDVRtomlJL4%3D"),
    "sha1": ("jiasule_second_layer_cnvd_sha1.html",
             "1770107051.362|0|53zdhwDxywZndPmaPkk3GSRJhmU%3D"),
    "sha256": ("jiasule_second_layer_cnvd_sha256.html",
               "1770190633.231|0|mRcpDasONO058ORgdKvfL3cKTi0%3D"),
    "sha256_2": ("jiasule_second_layer_cnvd_sha256_2.html",
                 "1770886049.49|0|dUANvsAHQyPy3F5BLx3Qlj397Bc%3D"),
}


def second_page(name: str) -> Path:
    return REAL_CHALLENGES / SECOND_PAGES[name][0]


def replay(name: str) -> ChallengeReplay:
    """The real challenge with the second page of capture `name`."""
    return ChallengeReplay(FIRST_PAGE.read_bytes(), FIRST_COOKIE,
                           second_page(name).read_bytes(), SECOND_PAGES[name][1])
