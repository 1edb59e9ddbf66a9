"""HTML → PDF with the Debian Chromium the project already uses (headless print).

No network: the page is a local file with its styles inline, and Chromium runs with a
throwaway profile. Where Chromium is missing, callers offer the printable HTML instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


class PdfUnavailable(RuntimeError):
    """Chromium is not installed here (or failed); use the printable page."""


def chromium_path() -> str | None:
    configured = getattr(settings, "SAMBAT_CHROMIUM", "/usr/bin/chromium")
    return configured if Path(configured).exists() else shutil.which("chromium")


def html_to_pdf(html: str, timeout: int = 90) -> bytes:
    binary = chromium_path()
    if not binary:
        raise PdfUnavailable("Chromium tidak terpasang di server ini.")
    with tempfile.TemporaryDirectory(prefix="sambat-pdf-") as folder:
        page = Path(folder) / "laporan.html"
        output = Path(folder) / "laporan.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailable(f"Chromium gagal membuat PDF: {exc}") from exc
        if not output.exists() or output.stat().st_size == 0:
            raise PdfUnavailable("Chromium tidak menghasilkan PDF.")
        return output.read_bytes()
