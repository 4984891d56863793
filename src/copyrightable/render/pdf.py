"""HTML to PDF through WeasyPrint, an optional extra (`pip install '.[pdf]'`).

WeasyPrint takes about 1.3 s to import, so it is imported only when a PDF is
asked for. Without a font that covers Chinese, WeasyPrint silently prints
empty boxes, and a report that cites 著作权法 must not be filed like that: we
check with fontconfig first and stop with the package to install. Debian's
`fonts-wqy-zenhei` is the one we recommend: `fonts-noto-cjk` works too but
makes a PDF about five times slower (measured on a two-page report).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from typing import Any

from ..io.errors import EnvironmentProblem
from ..io.gc_settings import paused_collector
from .optional_extras import install_hint

INSTALL_EXTRA = install_hint("pdf")
INSTALL_FONT = (
    "apt-get install fonts-wqy-zenhei (Debian/Ubuntu; it brings fontconfig) or "
    "another font covering Chinese"
)


def html_to_pdf(html: str, generated_at: str | None = None) -> bytes:
    """Typeset a self-contained HTML document (no network access is needed or allowed)."""
    weasyprint = _weasyprint()
    check_chinese_font()
    with paused_collector():
        document = weasyprint.HTML(string=html, url_fetcher=_no_fetching)
        # A fixed document id keeps the bytes reproducible; the dates come from the
        # <meta name="dcterms.created"> of the HTML (the Result's generated_at).
        return document.write_pdf(pdf_identifier=b"copyrightable-report", uncompressed_pdf=False)


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as error:
        raise EnvironmentProblem(
            f"PDF output needs WeasyPrint, which is not installed ({error})",
            expected=f"the pdf extra: {INSTALL_EXTRA}",
        ) from None
    except OSError as error:  # WeasyPrint is there but the Pango library is not
        raise EnvironmentProblem(
            f"WeasyPrint cannot load its system libraries ({error})",
            expected="Pango 1.44 or later: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        ) from None
    return weasyprint


@functools.lru_cache(maxsize=1)
def chinese_fonts() -> tuple[str, ...] | None:
    """The font files fontconfig offers for Chinese; None when fc-list is not installed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        listed = subprocess.run(
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted(line.strip().rstrip(":") for line in listed.splitlines() if line.strip()))


def check_chinese_font() -> None:
    fonts = chinese_fonts()
    if fonts is None:
        raise EnvironmentProblem(
            "cannot look for a font for Chinese text: fc-list (fontconfig) is not installed",
            expected=f"fontconfig and a Chinese font: {INSTALL_FONT}",
        )
    if not fonts:
        raise EnvironmentProblem(
            "no font for Chinese text was found (fc-list :lang=zh lists "
            "none), so Chinese would print as empty boxes",
            expected=INSTALL_FONT,
        )


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The report is self-contained: a reference to anything outside it is a bug, not a fetch."""
    raise ValueError(f"the report refers to an outside resource: {url}")
