"""index.html of a scan: one page, every site of the portfolio, its score, trend and biggest regression.

Autoescaped: site names, owners and regression sentences (which quote page text) are data.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reports.view import environment

if TYPE_CHECKING:
    from auditor.results import OverviewRow

TEMPLATE_NAME = "portfolio.html.j2"


def render_overview(title: str, rows: Sequence[OverviewRow], generated: str) -> str:
    env = environment(autoescape=True)
    return env.get_template(TEMPLATE_NAME).render(title=title, rows=rows, generated=generated)
