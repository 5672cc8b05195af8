"""report.html: one self-contained page a consultant can hand to a client.

Everything shown comes from crawled pages, so it is untrusted: the template is
autoescaped, never marks data `|safe`, and only http(s) URLs become links.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from auditor.names import display_name
from auditor.results import AuditResults, CategoryResult, CheckResult, band
from reports.i18n import Catalogue, catalogue
from reports.i18n.check_texts import translate_checks
from reports.options import ReportOptions

REPORT_NAME = "report.html"
TEMPLATE_NAME = "report.html.j2"
PASSING = 0.9
SCORED_MODES = ("binary", "numeric")
# Networks and chat vendors are stored as lower-case ids; these are spelt otherwise.


@dataclass(frozen=True)
class CheckSections:
    """The checks grouped as the report shows them, most urgent first."""

    findings: list[CheckResult]
    errored: list[CheckResult]
    passed: list[CheckResult]
    other: list[CheckResult]


def write_html(results: AuditResults, out_dir: Path, options: ReportOptions | None = None) -> Path:
    """Write `report.html` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_html(results, options), encoding="utf-8")
    return path


def render_html(results: AuditResults, options: ReportOptions | None = None, *, expand: bool = False) -> str:
    """The HTML report as a string; `expand` opens every collapsed section, for print."""
    options = options or ReportOptions()
    t = catalogue(options.lang)
    template = _environment(t).get_template(TEMPLATE_NAME)
    results = translate_checks(results, t.lang)
    return template.render(
        results=results,
        sections=check_sections(results.checks),
        category_titles=category_titles(results.categories, t),
        settings=flatten_settings(results.settings),
        duration=duration(results.site.started_at, results.site.finished_at, t),
        branding=options,
        expand=expand,
    )


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


def flatten_settings(settings: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    """`{"crawl": {"delay": 1}}` -> `[("crawl.delay", "1")]`, values as compact JSON."""
    rows: list[tuple[str, str]] = []
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            rows += flatten_settings(value, f"{name}.")
        else:
            rows.append((name, json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)))
    return rows


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


def _check_band(check: CheckResult) -> str:
    return band(None if check.score is None else check.score * 100)


def _environment(t: Catalogue) -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,  # every string in the results may come from a hostile page
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["web_url"] = is_web_url
    env.tests["screenshot_path"] = is_screenshot_path
    env.filters["short_url"] = short_url
    env.filters["when"] = lambda timestamp: when(timestamp, t)
    env.filters["display_name"] = display_name
    env.filters["check_band"] = _check_band
    env.globals["band"] = band
    env.globals["t"] = t  # a global, so that macros see it too
    return env
