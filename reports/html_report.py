"""report.html: one self-contained page a consultant can hand to a client.

Everything shown comes from crawled pages, so it is untrusted: the template is
autoescaped, never marks data `|safe`, and only http(s) URLs become links.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment

from auditor.results import AuditResults, band
from reports.i18n import Catalogue, catalogue
from reports.i18n.check_texts import translate_checks
from reports.options import ReportOptions
from reports.view import category_titles, check_band, check_sections, duration, environment, is_screenshot_path, when

REPORT_NAME = "report.html"
TEMPLATE_NAME = "report.html.j2"
# Networks and chat vendors are stored as lower-case ids; these are spelt otherwise.


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


def _environment(t: Catalogue) -> Environment:
    env = environment(autoescape=True)  # every string in the results may come from a hostile page
    env.tests["screenshot_path"] = is_screenshot_path
    env.filters["when"] = lambda timestamp: when(timestamp, t)
    env.filters["check_band"] = check_band
    env.globals["band"] = band
    env.globals["t"] = t  # a global, so that macros see it too
    return env
