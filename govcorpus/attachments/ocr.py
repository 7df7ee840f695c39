"""Optional OCR of scanned PDFs with the tesseract command (Chinese model), when installed."""

from __future__ import annotations

import io
import shutil
import subprocess

from govcorpus.attachments.model import Limits

OCR_LANGUAGES = "chi_sim+eng"
OCR_MAX_PAGES = 20
OCR_RESOLUTION = 200


def ocr_pages(data: bytes, limits: Limits) -> str | None:
    """Text of the PDF's pages rendered as images and read by tesseract, or None."""
    if shutil.which("tesseract") is None:
        return None
    import pdfplumber

    texts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages[: min(limits.max_pages, OCR_MAX_PAGES)]:
            image = io.BytesIO()
            page.to_image(resolution=OCR_RESOLUTION).original.save(image, format="PNG")
            texts.append(_tesseract(image.getvalue(), limits.tool_timeout))
    text = "\n".join(t for t in texts if t)
    return text or None


def _tesseract(png: bytes, timeout: float) -> str:
    try:
        result = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGES],
            input=png, capture_output=True, timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    return result.stdout.decode("utf-8", "replace").strip() if result.returncode == 0 else ""
