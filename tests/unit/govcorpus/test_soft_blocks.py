"""The collapsed-text rule the writer applies: a fetch whose text fell far below the stored one."""

from __future__ import annotations

from govcorpus.soft_blocks import text_collapsed


def test_a_text_under_the_share_of_the_stored_one_collapsed():
    assert text_collapsed(0, 5000, 0.2, 200)
    assert text_collapsed(999, 5000, 0.2, 200)
    assert not text_collapsed(1000, 5000, 0.2, 200)


def test_nothing_or_little_stored_is_no_ground_to_judge():
    assert not text_collapsed(0, 199, 0.2, 200)
    assert not text_collapsed(0, None, 0.2, 200)  # a first fetch
