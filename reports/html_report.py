"""report.html: one self-contained page a consultant can hand to a client.

Everything shown comes from crawled pages, so it is untrusted: the template is
autoescaped, never marks data `|safe`, and only http(s) URLs become links.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from auditor.results import AuditResults, CheckResult, band

REPORT_NAME = "report.html"
TEMPLATE_NAME = "report.html.j2"
PASSING = 0.9
SCORED_MODES = ("binary", "numeric")
# Networks and chat vendors are stored as lower-case ids; these are spelt otherwise.
PROPER_NAMES = {
    "facebook-customer-chat": "Facebook customer chat",
    "github": "GitHub",
    "helpscout": "Help Scout",
    "hubspot": "HubSpot",
    "jivochat": "JivoChat",
    "kakaotalk": "KakaoTalk",
    "linkedin": "LinkedIn",
    "livechat": "LiveChat",
    "reviews": "Review sites",
    "tiktok": "TikTok",
    "vk": "VK",
    "wechat": "WeChat",
    "whatsapp": "WhatsApp",
    "youtube": "YouTube",
    "zoho-salesiq": "Zoho SalesIQ",
}


@dataclass(frozen=True)
class CheckSections:
    """The checks grouped as the report shows them, most urgent first."""

    findings: list[CheckResult]
    errored: list[CheckResult]
    passed: list[CheckResult]
    other: list[CheckResult]


def write_html(results: AuditResults, out_dir: Path) -> Path:
    """Write `report.html` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_html(results), encoding="utf-8")
    return path


def render_html(results: AuditResults) -> str:
    """The HTML report as a string."""
    template = _environment().get_template(TEMPLATE_NAME)
    return template.render(
        results=results,
        sections=check_sections(results.checks),
        category_titles={c.id: c.title for c in results.categories},
        settings=flatten_settings(results.settings),
        duration=_duration(results.site.started_at, results.site.finished_at),
    )


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


def display_name(name: str) -> str:
    """`whatsapp` -> `WhatsApp`, `tawk` -> `Tawk`: ids as a reader expects to see them."""
    if name in PROPER_NAMES:
        return PROPER_NAMES[name]
    return name[:1].upper() + name[1:].replace("-", " ")


def when(timestamp: str | None) -> str:
    """`2025-03-04T09:15:00+00:00` -> `4 March 2025, 09:15 UTC`; other text is shown as it is."""
    if not timestamp:
        return "–"
    try:
        moment = datetime.fromisoformat(timestamp)
    except ValueError:
        return timestamp
    zone = moment.tzname() or ""
    return f"{moment.day} {moment:%B %Y, %H:%M} {zone}".strip()


def _duration(started: str, finished: str | None) -> str:
    try:
        seconds = (datetime.fromisoformat(finished or "") - datetime.fromisoformat(started)).total_seconds()
    except (TypeError, ValueError):
        return ""
    if seconds < 0:
        return ""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _check_band(check: CheckResult) -> str:
    return band(None if check.score is None else check.score * 100)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,  # every string in the results may come from a hostile page
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["web_url"] = is_web_url
    env.filters["short_url"] = short_url
    env.filters["when"] = when
    env.filters["display_name"] = display_name
    env.filters["check_band"] = _check_band
    env.globals["band"] = band
    return env
