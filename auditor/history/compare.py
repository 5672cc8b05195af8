"""Compare two runs of a site: findings new, fixed, changed, unchanged; channels that came or went;
scores that moved. Pure: snapshots in, a comparison out.

A score change counts only when its band changes or it moves by at least `noise`
points: a crawl that found one page more should not page anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.config.usage import NOISE
from auditor.history.snapshot import COMPARED_SETTINGS, Channel, CheckState, Finding, Snapshot
from auditor.results import Changes, ChannelChange, FindingChange, ScoreChange, band

BAND_RANK = {"fail": 0, "average": 1, "pass": 2}
ORDINALS = {2: "a second", 3: "a third", 4: "a fourth", 5: "a fifth"}


@dataclass(frozen=True)
class ScoreMove:
    id: str
    title: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def band_changed(self) -> bool:
        return band(self.before) != band(self.after)

    def notable(self, noise: float) -> bool:
        return self.band_changed or (self.delta is not None and abs(self.delta) >= noise)

    def worse(self, noise: float) -> bool:
        """Fell a band, fell past the noise, or can no longer be scored."""
        if self.before is not None and self.after is None:
            return True
        if self.before is None or self.after is None:
            return False
        return BAND_RANK[band(self.after)] < BAND_RANK[band(self.before)] or self.before - self.after >= noise

    def sentence(self) -> str:
        what = "The score" if self.id == "overall" else self.title
        if self.after is None:
            return f"{what} can no longer be scored (it was {self.before})"
        if self.before is None:
            return f"{what} is now scored: {self.after}"
        verb = "rose" if self.after > self.before else "fell" if self.after < self.before else "stayed"
        text = f"{what} {verb} from {self.before} to {self.after} ({self.after - self.before:+d})"
        if self.band_changed:
            text += f" and is now {band(self.after)}" if band(self.after) != "pass" else " and now passes"
        return text


@dataclass(frozen=True)
class CheckMove:
    before: CheckState | None
    after: CheckState | None

    def worse(self, noise: float) -> bool:
        """A check that now fails where it passed, or fails by more than the noise."""
        if self.after is None or not self.after.failing or self.after.score is None:
            return False
        if self.before is None or self.before.score is None or self.before.mode not in ("binary", "numeric"):
            return False
        if not self.before.failing:
            return True
        return BAND_RANK[_band01(self.after.score)] < BAND_RANK[_band01(self.before.score)] or (
            (self.before.score - self.after.score) * 100 >= noise
        )


def _band01(score: float) -> str:
    return band(score * 100)


@dataclass
class Comparison:
    before: Snapshot
    after: Snapshot
    noise: float = NOISE
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    changed: list[tuple[Finding, Finding]] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)
    appeared: list[tuple[Channel, str]] = field(default_factory=list)
    disappeared: list[tuple[Channel, str]] = field(default_factory=list)
    scores: list[ScoreMove] = field(default_factory=list)
    checks: list[CheckMove] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Why the comparison may say more about the runs than about the site."""
        said = []
        for snap in (self.before, self.after):
            if snap.partial:
                said.append(
                    f"{snap.label} is partial (it stopped before it saw the whole site): "
                    "what it did not reach shows here as gone or fixed"
                )
        for key in COMPARED_SETTINGS:
            a, b = self.before.crawl.get(key), self.after.crawl.get(key)
            if a is not None and b is not None and a != b:
                said.append(
                    f"the runs were audited with different settings (crawl.{key}: {a} and {b}): "
                    "differences may come from the settings, not from the site"
                )
        return said

    @property
    def notable_scores(self) -> list[ScoreMove]:
        return [s for s in self.scores if s.notable(self.noise)]

    @property
    def worse_scores(self) -> list[ScoreMove]:
        return [s for s in self.scores if s.worse(self.noise)]

    @property
    def regressed_checks(self) -> list[CheckMove]:
        return [c for c in self.checks if c.worse(self.noise)]

    @property
    def regressed(self) -> bool:
        return bool(self.worse_scores or self.regressed_checks)

    def summary(self) -> list[str]:
        """The comparison in a few plain sentences, the most important first."""
        lines = [s.sentence() for s in self.notable_scores]
        lines += [text for _, text in self.disappeared] + [text for _, text in self.appeared]
        if self.new or self.fixed:
            lines.append(f"{_count(len(self.new), 'new finding')}, {len(self.fixed)} fixed")
        return lines


def compare(before: Snapshot, after: Snapshot, noise: float = NOISE) -> Comparison:
    result = Comparison(before=before, after=after, noise=noise)
    for match, finding in after.findings.items():
        old = before.findings.get(match)
        if old is None:
            result.new.append(finding)
        elif _differs(old, finding):
            result.changed.append((old, finding))
        else:
            result.unchanged.append(finding)
    result.fixed = [f for m, f in before.findings.items() if m not in after.findings]
    result.scores = [ScoreMove("overall", "Score", before.score, after.score)]
    for category in dict.fromkeys([*before.categories, *after.categories]):
        title = after.category_titles.get(category) or before.category_titles.get(category, category)
        result.scores.append(
            ScoreMove(category, title, before.categories.get(category), after.categories.get(category))
        )
    result.checks = [
        CheckMove(before.checks.get(check), after.checks.get(check))
        for check in dict.fromkeys([*before.checks, *after.checks])
    ]
    result.appeared = appeared(before, after)
    result.disappeared = [
        (channel, _capital(f"the {channel.noun} {channel.value}".strip() + " is gone"))
        for key, channel in before.channels.items()
        if key not in after.channels
    ]
    return result


def appeared(before: Snapshot, after: Snapshot) -> list[tuple[Channel, str]]:
    """`A second support email appeared: help@x`: counted among channels of the same kind."""
    kept: dict[str, int] = {}
    for key, channel in after.channels.items():
        if key in before.channels:
            kept[channel.noun] = kept.get(channel.noun, 0) + 1
    found = []
    for key, channel in after.channels.items():
        if key in before.channels:
            continue
        kept[channel.noun] = kept.get(channel.noun, 0) + 1
        number = kept[channel.noun]
        article = "an" if channel.noun[:1].lower() in "aeiou" else "a"
        ordinal = article if number == 1 else ORDINALS.get(number, "another")
        text = f"{ordinal} {channel.noun} appeared" + (f": {channel.value}" if channel.value else "")
        found.append((channel, _capital(text)))
    return found


def _differs(old: Finding, new: Finding) -> bool:
    if old.detail != new.detail:
        return True
    if new.key:
        return False  # an evidence row is the same problem on the same page, whatever the check's score
    if old.score is None or new.score is None:
        return old.score != new.score
    return abs(old.score - new.score) >= 0.005


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _finding(finding: Finding) -> FindingChange:
    return FindingChange(check_id=finding.check_id, title=finding.title, url=finding.url, detail=finding.detail)


def to_changes(comparison: Comparison, since_run_id: int) -> Changes:
    """The comparison as the report shows it: only what moved."""
    return Changes(
        since_run_id=since_run_id,
        since=comparison.before.finished_at,
        scores=[
            ScoreChange(
                id=s.id,
                title=s.title,
                before=s.before,
                after=s.after,
                band_before=band(s.before),
                band_after=band(s.after),
            )
            for s in comparison.notable_scores
        ],
        new_findings=[_finding(f) for f in comparison.new],
        fixed_findings=[_finding(f) for f in comparison.fixed],
        changed_findings=[_finding(new) for _, new in comparison.changed],
        unchanged_findings=len(comparison.unchanged),
        channels_appeared=[ChannelChange(kind=c.kind, value=c.value, text=t) for c, t in comparison.appeared],
        channels_disappeared=[ChannelChange(kind=c.kind, value=c.value, text=t) for c, t in comparison.disappeared],
        summary=comparison.summary(),
    )


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison for `diff --json`: unchanged findings and quiet score moves included."""

    def finding(f: Finding) -> dict[str, Any]:
        return {"check": f.check_id, "key": f.key, "title": f.title, "score": f.score, "url": f.url, "detail": f.detail}

    return {
        "before": {"run": comparison.before.label, "url": comparison.before.url, "score": comparison.before.score},
        "after": {"run": comparison.after.label, "url": comparison.after.url, "score": comparison.after.score},
        "noise": comparison.noise,
        "warnings": comparison.warnings,
        "regressed": comparison.regressed,
        "scores": [
            {
                "id": s.id,
                "before": s.before,
                "after": s.after,
                "delta": s.delta,
                "band_before": band(s.before),
                "band_after": band(s.after),
                "notable": s.notable(comparison.noise),
            }
            for s in comparison.scores
        ],
        "findings": {
            "new": [finding(f) for f in comparison.new],
            "fixed": [finding(f) for f in comparison.fixed],
            "changed": [{"before": finding(a), "after": finding(b)} for a, b in comparison.changed],
            "unchanged": [finding(f) for f in comparison.unchanged],
        },
        "regressed_checks": [m.after.id for m in comparison.regressed_checks if m.after is not None],
        "channels": {
            "appeared": [{"kind": c.kind, "key": c.key, "value": c.value, "text": t} for c, t in comparison.appeared],
            "disappeared": [
                {"kind": c.kind, "key": c.key, "value": c.value, "text": t} for c, t in comparison.disappeared
            ],
        },
        "summary": comparison.summary(),
    }


def biggest_regression(comparison: Comparison) -> str:
    """The one change to tell a site's owner first: the largest fall, a channel gone, a check worse."""
    worse = sorted(comparison.worse_scores, key=lambda s: (s.before or 0) - (s.after or 0), reverse=True)
    if worse:
        return worse[0].sentence()
    if comparison.disappeared:
        return comparison.disappeared[0][1]
    checks = [m.after for m in comparison.regressed_checks if m.after is not None]
    if checks:
        return f"{checks[0].title} ({checks[0].id}) got worse"
    return ""
