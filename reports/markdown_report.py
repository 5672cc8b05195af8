"""report.md: a short summary for a CI job summary or a pull-request comment.

GitHub refuses job summaries over 1 MiB, so the summary shows the costliest findings
with a few evidence rows each, clips long page text, and shrinks further if it must.
Everything from the results is page content: the template's `finalize` escapes every
`{{ }}` for Markdown and HTML, so nothing a page says can become a link, a mention,
a table cell border or a tag. Only `Markup` values (built here, from safe parts) pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from auditor.results import AuditResults, CheckResult, band
from reports.i18n import catalogue
from reports.i18n.check_texts import translate_checks
from reports.options import ReportOptions
from reports.view import FIX_FIRST, category_titles, check_sections, environment, when

REPORT_NAME = "report.md"
TEMPLATE_NAME = "summary.md.j2"
LIMIT_BYTES = 1024 * 1024  # GitHub's $GITHUB_STEP_SUMMARY limit
BUDGET_BYTES = LIMIT_BYTES - 16 * 1024  # room for the truncation note and a CI job's own lines
CLIP_CHARS = 300
BAND_ICONS = {"pass": "🟢", "average": "🟠", "fail": "🔴", "none": "⚪"}
CHANNELS = (
    ("emails", "channel_emails"),
    ("phones", "channel_phones"),
    ("contact_pages", "channel_contact_pages"),
    ("forms", "channel_forms"),
    ("chat_widgets", "channel_chat"),
    ("social", "channel_social"),
    ("messengers", "channel_messengers"),
)
# Backslash-escapable ASCII punctuation that means something in GitHub Markdown anywhere
# in a line (emphasis, links, code, tables, mentions, issue references, strikethrough).
_INLINE = re.compile(r"([\\`*_{}\[\]()#!|~@$])")
# These only start a list, a quote or a heading underline at the start of a line (a list
# marker only when a space follows), so `127.0.0.1` and `-1` mid-text stay as they are.
_LINE_START = re.compile(r"^(?:[-+]|\d{1,9}\.)(?=\s|$)|^=")
_WHITESPACE = re.compile(r"[\s\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Limits:
    """How much of the results fits: shrunk step by step until the summary fits the budget."""

    findings: int = 10
    evidence: int = 5
    clip: int = CLIP_CHARS


SHRINKING = (Limits(), Limits(evidence=1), Limits(findings=5, evidence=0, clip=120), Limits(3, 0, 60))


def md_escape(value: object) -> str:
    """Page text as literal Markdown on one line: `<b>|x` -> `&lt;b&gt;\\|x`."""
    text = _WHITESPACE.sub(" ", str(value)).strip()
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def clip(value: object, limit: int) -> str:
    """At most `limit` characters on one line, `…` marking a cut."""
    # Cut before collapsing whitespace (which only shortens): a page can hold megabytes.
    text = _WHITESPACE.sub(" ", str(value)[: limit * 8]).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def write_markdown(results: AuditResults, out_dir: Path, options: ReportOptions | None = None) -> Path:
    """Write `report.md` into `out_dir` (created if missing) and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_markdown(results, options), encoding="utf-8")
    return path


def render_markdown(results: AuditResults, options: ReportOptions | None = None) -> str:
    """The summary, at most `BUDGET_BYTES` of UTF-8 whatever the results hold."""
    options = options or ReportOptions()
    for limits in SHRINKING:
        text = _render(results, options, limits, truncated=limits != SHRINKING[0])
        if len(text.encode("utf-8")) <= BUDGET_BYTES:
            return text
    # Only absurd results get here (thousands of categories): cut at a line and say so.
    t = catalogue(options.lang)
    cut = text.encode("utf-8")[:BUDGET_BYTES].decode("utf-8", errors="ignore").rsplit("\n", 1)[0]
    return f"{cut}\n\n> {md_escape(t('md_truncated', limit='1 MiB'))}\n"


def _render(results: AuditResults, options: ReportOptions, limits: Limits, truncated: bool) -> str:
    t = catalogue(options.lang)
    results = translate_checks(results, t.lang)
    sections = check_sections(results.checks)
    return (
        _environment()
        .get_template(TEMPLATE_NAME)
        .render(
            results=results,
            t=t,
            limits=limits,
            truncated=truncated or any(len(c.evidence) > limits.evidence for c in sections.findings[: limits.findings]),
            sections=sections,
            fix_first=sections.findings[:FIX_FIRST],
            category_titles=category_titles(results.categories, t),
            channels=[(t(key), len(getattr(results.channels, name))) for name, key in CHANNELS],
            options=options,
            limit="1 MiB",
        )
    )


def band_label(score: float | None, t: Any) -> Markup:
    """`🟠 average`: the icon says it at a glance, the word for screen readers and greyscale."""
    name = band(score)
    return Markup(f"{BAND_ICONS[name]} {md_escape(t('band_' + name))}")


def check_band_label(check: CheckResult, t: Any) -> Markup:
    return band_label(None if check.score is None else check.score * 100, t)


def site_link(url: str) -> Markup:
    """An autolink for a plain web address, escaped text for anything else."""
    if re.fullmatch(r"https?://[^\s<>`|\\\"'()\[\]]+", url, flags=re.IGNORECASE):
        return Markup(f"<{url}>")
    return Markup(md_escape(url))


@pass_context
def _clip_filter(context: Context, value: object) -> str:
    return clip(value, context["limits"].clip)


@pass_context
def _when_filter(context: Context, timestamp: str | None) -> str:
    return when(timestamp, context["t"])


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    return md_escape("" if value is None else value)


@cache
def _environment() -> Environment:
    # Markdown, not HTML: escaping is `_finalize`, applied to every {{ }}.
    env = environment(autoescape=False, finalize=_finalize, keep_trailing_newline=True)
    env.filters["clip"] = _clip_filter
    env.filters["when"] = _when_filter
    env.globals["band_label"] = band_label
    env.globals["check_band_label"] = check_band_label
    env.globals["site_link"] = site_link
    env.filters["gain"] = lambda gain, t: t("gain_points", gain=f"{gain:.1f}")
    return env
