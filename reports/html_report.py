"""report.html: one self-contained page a consultant can hand to a client.

Everything shown comes from crawled pages, so it is untrusted: the template is
autoescaped, never marks data `|safe`, and only http(s) URLs become links.

The run's screenshots are embedded as `data:` URIs, so that the one file keeps its
evidence when it is e-mailed or moved away from its run directory. Each is embedded once,
in an SVG `<defs>` at the end of the page, however often it is shown: every place is an
`<svg role="img">` that `<use>`s it, so one home-page screenshot shown beside the chat and
in several findings costs its bytes once.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from auditor.results import AuditResults, band
from reports.i18n import Catalogue, catalogue
from reports.i18n.check_texts import translate_checks
from reports.options import ReportOptions
from reports.view import (
    FIX_FIRST,
    breakable,
    category_titles,
    check_band,
    check_sections,
    duration,
    environment,
    hours_only,
    is_screenshot_path,
    page_screenshots,
    when,
)

REPORT_NAME = "report.html"
TEMPLATE_NAME = "report.html.j2"
THUMBNAIL_PX = 240  # a screenshot's thumbnail fits this square; a click shows it whole


def write_html(results: AuditResults, out_dir: Path, options: ReportOptions | None = None) -> Path:
    """Write `report.html` into `out_dir` (created if missing), with the screenshots of the
    run directory `out_dir` embedded, and return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    path.write_text(render_html(results, options, run_dir=out_dir), encoding="utf-8")
    return path


def render_html(
    results: AuditResults, options: ReportOptions | None = None, *, expand: bool = False, run_dir: Path | None = None
) -> str:
    """The HTML report as a string; `expand` opens every collapsed section, for print.

    Screenshots are shown only when `run_dir` holds them, and then embedded."""
    options = options or ReportOptions()
    t = catalogue(options.lang)
    screenshots = EmbeddedScreenshots(run_dir)
    template = _environment(t, screenshots).get_template(TEMPLATE_NAME)
    results = translate_checks(results, t.lang)
    sections = check_sections(results.checks)
    return template.render(
        results=results,
        sections=sections,
        fix_first=sections.findings[:FIX_FIRST],
        category_titles=category_titles(results.categories, t),
        category_numbers={category.id: number for number, category in enumerate(results.categories, 1)},
        page_shots=page_screenshots(results.channels),
        settings=flatten_settings(results.settings),
        duration=duration(results.site.started_at, results.site.finished_at, t),
        branding=options,
        expand=expand,
        screenshots=screenshots,
    )


@dataclass(frozen=True)
class Screenshot:
    """One of the run's screenshots as the page shows it: `id` names its one embedded
    copy, `width` and `height` are its own pixels."""

    id: str
    path: Path
    width: int
    height: int

    @property
    def thumbnail(self) -> tuple[int, int]:
        """Width and height shrunk to fit a THUMBNAIL_PX square, never enlarged."""
        scale = min(1.0, THUMBNAIL_PX / self.width, THUMBNAIL_PX / self.height)
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    def data_uri(self) -> str:
        return f"data:image/png;base64,{base64.b64encode(self.path.read_bytes()).decode('ascii')}"


class EmbeddedScreenshots:
    """The screenshots of `run_dir` that one rendering of the report shows, each once.

    The template asks `show` at every place a screenshot appears and lists `shown()` at
    the end of the page, when every place has asked."""

    def __init__(self, run_dir: Path | None) -> None:
        self.run_dir = run_dir
        self._shown: dict[str, Screenshot] = {}
        self._sizes: dict[str, tuple[int, int] | None] = {}

    def in_run(self, value: object) -> bool:
        """Whether `value` names a PNG screenshot in the run directory (see is_screenshot_path)."""
        return self._size(value) is not None

    def show(self, value: object) -> Screenshot | None:
        """The screenshot `value` names, to be embedded; None when it is not in the run."""
        size = self._size(value)
        if size is None or self.run_dir is None:
            return None
        path = str(value)
        if path not in self._shown:
            self._shown[path] = Screenshot(f"screenshot-{len(self._shown) + 1}", self.run_dir / path, *size)
        return self._shown[path]

    def shown(self) -> list[Screenshot]:
        return list(self._shown.values())

    def _size(self, value: object) -> tuple[int, int] | None:
        if self.run_dir is None or not is_screenshot_path(value):
            return None
        path = str(value)
        if path not in self._sizes:
            file = self.run_dir / path
            self._sizes[path] = png_size(file) if file.is_file() else None
        return self._sizes[path]


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


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of the PNG at `path`, from its header; None when it is no PNG."""
    with path.open("rb") as image:
        header = image.read(24)
    if len(header) < 24 or not header.startswith(b"\x89PNG\r\n\x1a\n") or header[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
    return (width, height) if width and height else None


def _environment(t: Catalogue, screenshots: EmbeddedScreenshots) -> Environment:
    env = environment(autoescape=True)  # every string in the results may come from a hostile page
    env.tests["screenshot_in_run"] = screenshots.in_run
    env.filters["when"] = lambda timestamp: when(timestamp, t)
    env.filters["check_band"] = check_band
    env.filters["hours_only"] = hours_only
    env.filters["breakable"] = breakable
    env.filters["gain"] = lambda gain: t("gain_points", gain=f"{gain:.1f}")
    env.globals["band"] = band
    env.globals["t"] = t  # a global, so that macros see it too
    return env
