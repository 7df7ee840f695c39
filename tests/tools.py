"""System tools some tests need (`make setup` installs them): skip outside CI, fail under it."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from govcorpus.attachments.ocr import OCR_LANGUAGES
from testbed.files import cjk_font_file

SETUP = "`make setup` installs the system tools when run as root"


def missing(what: str) -> None:
    """Skip the test for a missing tool, or fail it under CI=true, where every tool must be."""
    message = f"{what} ({SETUP})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def need_word_tool() -> None:
    """antiword or catdoc, which read DOC and WPS files."""
    if not (shutil.which("antiword") or shutil.which("catdoc")):
        missing("neither antiword nor catdoc is installed")


def need_catdoc() -> None:
    if not shutil.which("catdoc"):
        missing("catdoc is not installed")


def tesseract_languages() -> set[str]:
    if not shutil.which("tesseract"):
        return set()
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                            check=False, timeout=30).stdout
    return {line.strip() for line in listed.splitlines()[1:]}


def need_ocr() -> None:
    """tesseract with its simplified-Chinese data, and a Chinese font to print a scan with."""
    wanted = set(OCR_LANGUAGES.split("+"))
    if not wanted <= tesseract_languages():
        missing(f"tesseract with {OCR_LANGUAGES} (tesseract-ocr, tesseract-ocr-chi-sim) is not "
                "installed")
    if cjk_font_file() is None:
        missing("no Chinese font for the testbed's scans (fonts-wqy-microhei) is installed")
