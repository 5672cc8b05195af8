"""What every view of the results shares: one Jinja environment, the checks grouped as the
reports show them, and the small helpers that turn results into words (times, URLs, bands).

Each writer (HTML, Markdown, CSV, JUnit, PDF, the portfolio page) builds on this module,
never on another writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from auditor.names import display_name
from auditor.results import PASSING, SCORED_MODES, CategoryResult, CheckResult, band
from reports.i18n import Catalogue, catalogue


def environment(*, autoescape: bool, **options: Any) -> Environment:
    """The reports' Jinja environment: our templates, strict about missing names, quiet white space."""
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        **options,
    )
    env.tests["web_url"] = is_web_url
    env.filters["short_url"] = short_url
    env.filters["when"] = when
    env.filters["display_name"] = display_name
    return env


@dataclass(frozen=True)
class CheckSections:
    """The checks grouped as the report shows them, most urgent first."""

    findings: list[CheckResult]
    errored: list[CheckResult]
    passed: list[CheckResult]
    other: list[CheckResult]


def category_titles(categories: list[CategoryResult], t: Catalogue) -> dict[str, str]:
    """Category names in the report's language; English keeps the titles the scoring wrote."""
    if t.lang == "en":
        return {c.id: c.title for c in categories}
    return {c.id: t.texts.get(f"category_{c.id}", c.title) for c in categories}


def check_sections(checks: list[CheckResult]) -> CheckSections:
    """Failing scored checks by impact (weight x missing score), then errors, passes, and
    the unscored rest (not applicable, informative)."""
    scored = [c for c in checks if _is_scored(c)]
    findings = sorted((c for c in scored if _score(c) < PASSING), key=impact, reverse=True)
    return CheckSections(
        findings=findings,
        errored=[c for c in checks if c.mode == "error"],
        passed=[c for c in scored if _score(c) >= PASSING],
        other=[c for c in checks if c.mode != "error" and not _is_scored(c)],
    )


def _is_scored(check: CheckResult) -> bool:
    return check.mode in SCORED_MODES and check.score is not None


def impact(check: CheckResult) -> float:
    """How many weighted points the check costs its category."""
    return check.weight * (1 - _score(check))


def _score(check: CheckResult) -> float:
    return 1.0 if check.score is None else check.score


_SCREENSHOT = re.compile(r"screenshots/[A-Za-z0-9][A-Za-z0-9._-]*\.png")


def is_screenshot_path(value: object) -> bool:
    """Only the run's own screenshots become images: a plain relative path inside the
    run directory, where the report lives, never a URL or a path out of it."""
    return isinstance(value, str) and _SCREENSHOT.fullmatch(value) is not None and ".." not in value


def is_web_url(value: object) -> bool:
    """Only these may become links: no javascript:, data: or relative surprises."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def short_url(url: str) -> str:
    """A URL as a reader scans it: `example.com/contact/` without the scheme."""
    if not is_web_url(url):
        return url
    parts = urlsplit(url)
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    return parts.netloc + (rest if rest != "/" else "")


def when(timestamp: str | None, t: Catalogue | None = None) -> str:
    """`2025-03-04T09:15:00+00:00` -> `4 March 2025, 09:15 UTC`; other text is shown as it is."""
    if not timestamp:
        return "–"
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    zone = moment.tzname() or ""
    month = (t or catalogue()).months[moment.month - 1]  # not %B: that follows the machine's locale
    return f"{moment.day} {month} {moment:%Y, %H:%M} {zone}".strip()


def duration(started: str, finished: str | None, t: Catalogue | None = None) -> str:
    """How long the crawl took, `1 min 12 s`; empty when unknown."""
    t = t or catalogue()
    try:
        seconds = (datetime.fromisoformat(finished or "") - datetime.fromisoformat(started)).total_seconds()
    except (TypeError, ValueError):
        return ""
    if seconds < 0:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return t("duration_min_s", minutes=minutes, seconds=rest) if minutes else t("duration_s", seconds=rest)


def check_band(check: CheckResult) -> str:
    return band(None if check.score is None else check.score * 100)
