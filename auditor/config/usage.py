"""What a user types on the command line, checked before any work: web addresses, report
formats, and the default noise of a comparison.

It imports nothing heavy, so that `contact-audit --help` and usage errors answer at once,
before the crawler, the browser or the database is loaded.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from auditor.errors import UsageError

FORMATS = ("html", "json", "pdf", "md", "junit", "csv")
NOISE = 5.0  # score points a change must reach to count


def check_url(url: str) -> str:
    """The URL to audit, or a UsageError saying what is wrong with it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise UsageError(f"'{url}' is not a web address: it must start with http:// or https://")
    if not parts.hostname:
        raise UsageError(f"'{url}' has no host name")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise UsageError(f"'{url}' has an invalid port") from None
    return url.strip() if parts.path else url.strip() + "/"


def parse_formats(value: str) -> list[str]:
    """`--format md,junit` -> ["md", "junit"]; `all` stands for every format."""
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    formats = [chosen for f in formats for chosen in (FORMATS if f == "all" else (f,))]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown report format '{','.join(unknown) or value}'; choose from {', '.join(FORMATS)} or all"
        )
    return list(dict.fromkeys(formats))
