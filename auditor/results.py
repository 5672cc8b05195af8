"""Results: the judged audit, the only input of every report format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import Field

from auditor.artifacts import Channels as Channels  # a report reads the channels from the results
from auditor.artifacts import Model, Probe, SiteInfo
from auditor.messages import Message as Message  # what reports translate, carried in the results

SCHEMA_VERSION = "1.0"
# The one pass line: a scored check passes at 0.9 (90 of 100), the line of Lighthouse's green band.
PASSING = 0.9
# Modes whose score counts; informative checks and errors carry none.
SCORED_MODES = ("binary", "numeric")
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
    # Points the overall score would rise by if this failing check were fixed; None when it
    # passes, is not scored, or the results predate it.
    gain: float | None = None
    # The display value and explanation as messages, for reports in other languages; results.json
    # only (report.json keeps the English), and absent in results from older versions.
    messages: dict[Literal["display_value", "explanation"], Message] = Field(default_factory=dict)

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


# What the report says about earlier runs: filled at audit time from the history database and
# saved in results.json, so that re-rendering a run offline shows the history it was audited with.


class HistoryPoint(Model):
    """One stored run of the site, oldest first; the last one is this run."""

    run_id: int
    finished_at: str | None
    score: int | None


class ScoreChange(Model):
    """An overall (`id` "overall") or category score that moved past the noise or changed band."""

    id: str
    title: str
    before: int | None
    after: int | None
    band_before: str
    band_after: str


class FindingChange(Model):
    check_id: str
    title: str
    url: str = ""
    detail: str = ""


class ChannelChange(Model):
    kind: str
    value: str
    text: str


class Changes(Model):
    """The difference between the previous stored run of the site and this one."""

    since_run_id: int
    since: str | None
    scores: list[ScoreChange] = Field(default_factory=list)
    new_findings: list[FindingChange] = Field(default_factory=list)
    fixed_findings: list[FindingChange] = Field(default_factory=list)
    changed_findings: list[FindingChange] = Field(default_factory=list)
    unchanged_findings: int = 0
    channels_appeared: list[ChannelChange] = Field(default_factory=list)
    channels_disappeared: list[ChannelChange] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)


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
        return self.model_dump(
            mode="json", exclude={"pages": True, "settings": True, "checks": {"__all__": {"messages"}}}
        )


def band(score: float | None) -> str:
    """Lighthouse's bands on a 0-100 score: pass >= 90, average >= 50, fail below."""
    if score is None:
        return "none"
    if score >= 90:
        return "pass"
    if score >= 50:
        return "average"
    return "fail"


# gate.json: the verdict of `contact-audit ci`.


class Assertion(Model):
    kind: Literal["score", "category", "check", "findings", "baseline"]
    target: str
    level: Literal["error", "warn"]
    expected: str
    actual: str
    passed: bool


class BaselineFinding(Model):
    check_id: str
    title: str
    where: str = ""


class BaselineSummary(Model):
    source: str
    fail_on: str
    new: list[BaselineFinding] = Field(default_factory=list)
    fixed: list[BaselineFinding] = Field(default_factory=list)
    regressed: list[str] = Field(default_factory=list)
    summary: list[str] = Field(default_factory=list)


class ListedPage(Model):
    """A page named to `ci` (a second URL of a site, a sitemap's page), matched with the site's crawl."""

    url: str
    crawled: bool
    findings: list[str] = Field(default_factory=list)  # failing checks with evidence on this page


class SiteGate(Model):
    """One site's verdict: what the gate checked and how it ended."""

    passed: bool
    exit_code: int
    site: str = ""
    run_dir: str = ""
    score: int | None = None
    band: str = "none"
    assertions: list[Assertion] = Field(default_factory=list)
    baseline: BaselineSummary | None = None
    pages: list[ListedPage] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None

    @property
    def failures(self) -> list[Assertion]:
        return [a for a in self.assertions if not a.passed and a.level == "error"]


class GateResult(SiteGate):
    """gate.json: `exit_code` is the command's; `sites` holds every audited site's verdict in
    the order given. With one site, its verdict is the top level too, as before several sites."""

    sites: list[SiteGate] = Field(default_factory=list)


# One row of a portfolio's overview page.


@dataclass
class OverviewRow:
    name: str
    url: str
    owner: str
    status: str
    error: str = ""
    score: int | None = None
    scores: list[int | None] = field(default_factory=list)
    delta: int | None = None
    regression: str = ""
    report: str = ""

    @property
    def band(self) -> str:
        return band(self.score)
