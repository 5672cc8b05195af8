"""How a report is dressed: its language and the consultant's branding.

Built by the pipeline from the `[report]` config table and `--lang`; the renderers
only read it. The logo is carried as a `data:` URI so that every report stays one
self-contained file that loads nothing from anywhere.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from reports.i18n import DEFAULT_LANGUAGE

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 1024 * 1024  # a logo, not a photo: keeps report.html light enough to e-mail


@dataclass(frozen=True)
class ReportOptions:
    lang: str = DEFAULT_LANGUAGE
    client: str = ""
    auditor: str = ""
    logo: str = ""  # a data: URI made by logo_data_uri, or empty
    chromium: str = "/usr/bin/chromium"
    # The flags Chromium is started with to print the PDF (quiet on the network, headless).
    chromium_args: tuple[str, ...] = ()


class LogoError(ValueError):
    """The logo file cannot go into a report; the message is one sentence for the user."""


def logo_data_uri(path: Path) -> str:
    """The image at `path` as a `data:` URI, for an <img> that needs no network."""
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise LogoError(f"the logo {path} must be one of {', '.join(sorted(LOGO_TYPES))}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LogoError(f"the logo {path} could not be read: {error.strerror or error}") from None
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(f"the logo {path} is larger than 1 MiB")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
