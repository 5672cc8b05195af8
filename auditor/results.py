"""Results: the judged audit, the only input of every report format."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from auditor.artifacts import Channels, Model, Probe, SiteInfo
from auditor.history.changes import Changes, HistoryPoint

SCHEMA_VERSION = "1.0"
ResultMode = Literal["binary", "numeric", "informative", "not_applicable", "error"]


class EvidenceRow(Model):
    url: str = ""
    selector: str = ""
    snippet: str = ""
    screenshot: str | None = None


class CheckResult(Model):
    id: str
    title: str
    category: str
    score: float | None
    mode: ResultMode
    weight: float
    display_value: str = ""
    explanation: str = ""
    evidence: list[EvidenceRow] = Field(default_factory=list)
    recommendation: str = ""
    description: str = ""

    @property
    def band(self) -> str:
        return band(None if self.score is None else self.score * 100)


class CategoryResult(Model):
    id: str
    title: str
    score: int | None
    weight: float = 1.0
    provisional: bool = False
    checks: list[str] = Field(default_factory=list)


class ToolInfo(Model):
    name: str
    version: str


class PageSummary(Model):
    url: str
    status: int | None
    depth: int
    rendered: bool
    is_contact_page: bool
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)


class AuditResults(Model):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo
    site: SiteInfo
    score: int | None
    categories: list[CategoryResult]
    checks: list[CheckResult]
    channels: Channels
    probes: list[Probe] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    # Filled from the history database at audit time; empty with --no-history.
    history: list[HistoryPoint] = Field(default_factory=list)
    changes: Changes | None = None
    pages: list[PageSummary] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)

    def report_dict(self) -> dict[str, Any]:
        """The public `report.json` contract: results without the run's internals."""
        return self.model_dump(mode="json", exclude={"pages", "settings"})


def band(score: float | None) -> str:
    """Lighthouse's bands on a 0-100 score: pass >= 90, average >= 50, fail below."""
    if score is None:
        return "none"
    if score >= 90:
        return "pass"
    if score >= 50:
        return "average"
    return "fail"
