"""What the report says about earlier runs: the score over time and what changed since the last run.

Both are filled at audit time from the history database and saved in results.json, so
that re-rendering a run offline shows the same history it was audited with.
"""

from __future__ import annotations

from pydantic import Field

from auditor.artifacts import Model


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
