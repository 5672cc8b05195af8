"""index.html of a scan: one page, every site of the portfolio, its score, trend and biggest regression.

Autoescaped: site names, owners and regression sentences (which quote page text) are data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined

from reports.html_report import is_web_url, when

if TYPE_CHECKING:
    from auditor.portfolio.overview import OverviewRow

TEMPLATE_NAME = "portfolio.html.j2"


def render_overview(title: str, rows: Sequence[OverviewRow], generated: str) -> str:
    env = Environment(
        loader=PackageLoader("reports", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True
    )
    env.tests["web_url"] = is_web_url
    env.filters["when"] = when
    return env.get_template(TEMPLATE_NAME).render(title=title, rows=rows, generated=generated)


def write_overview(path: Path, title: str, rows: Sequence[OverviewRow], generated: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(render_overview(title, rows, generated), encoding="utf-8")
    tmp.replace(path)
    return path
