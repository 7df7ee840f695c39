"""The README is a user's page; the reference is in docs/, complete and linked."""

from __future__ import annotations

import ast
import re

import pytest

from tests.paths import ROOT

DOCS = sorted((ROOT / "docs").glob("*.md"))
PAGES = [ROOT / "README.md", *DOCS]
LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")


def crawler_settings() -> list[str]:
    tree = ast.parse((ROOT / "crawler" / "settings.py").read_text("utf-8"))
    return [target.id for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name) and target.id.isupper()]


def test_the_readme_is_short():
    assert len((ROOT / "README.md").read_text("utf-8").splitlines()) <= 250


def test_every_docs_page_is_linked_from_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert [page.name for page in DOCS if f"docs/{page.name}" not in readme] == []


def test_every_setting_is_in_the_settings_table():
    table = (ROOT / "docs" / "settings.md").read_text("utf-8")
    missing = [name for name in crawler_settings()
               if name.startswith("GOVCORPUS_") and f"`{name}`" not in table]
    assert missing == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_relative_links_resolve(page):
    broken = [target for target, _anchor in LINK.findall(page.read_text("utf-8"))
              if "://" not in target and not target.startswith("mailto:")
              and not (page.parent / target).exists()]
    assert broken == []
