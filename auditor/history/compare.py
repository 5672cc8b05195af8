"""Compare two runs of a site: findings new, fixed, changed, unchanged; channels that came or went;
scores that moved. Pure: snapshots in, a comparison out.

A finding is a failing check, counted once however many evidence rows (places) it has. Places
are matched one by one, so a problem fixed on one page and a new one on another never cancel
out: the finding is "changed", with the place that is new and the one that is fixed.

A score change counts only when its band changes or it moves by at least `noise`
points: a crawl that found one page more should not page anyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.config.usage import NOISE
from auditor.history.findings import CheckFinding, FindingMove, check_findings_of
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
        if self.after == self.before:
            return f"{what} stayed at {self.after}"
        verb = "rose" if self.after > self.before else "fell"
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
    new: list[CheckFinding] = field(default_factory=list)
    fixed: list[CheckFinding] = field(default_factory=list)
    changed: list[FindingMove] = field(default_factory=list)
    unchanged: list[CheckFinding] = field(default_factory=list)
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

    @property
    def spread(self) -> list[FindingMove]:
        """Findings of both runs now found on a page or place they were not on before."""
        return [m for m in self.changed if m.new_places]

    def summary(self) -> list[str]:
        """The comparison in a few plain sentences, the most important first."""
        lines = [s.sentence() for s in self.notable_scores]
        lines += [text for _, text in self.disappeared] + [text for _, text in self.appeared]
        if self.new or self.fixed:
            lines.append(f"{_count(len(self.new), 'new finding')}, {len(self.fixed)} fixed")
        if self.spread:
            lines.append(f"{_count(len(self.spread), 'finding')} found on more pages than before")
        return lines


def compare(before: Snapshot, after: Snapshot, noise: float = NOISE) -> Comparison:
    result = Comparison(before=before, after=after, noise=noise)
    earlier, later = check_findings_of(before), check_findings_of(after)
    for check_id, finding in later.items():
        old = earlier.get(check_id)
        if old is None:
            result.new.append(finding)
        elif _differs(old, finding):
            result.changed.append(FindingMove(old, finding))
        else:
            result.unchanged.append(finding)
    result.fixed = [f for check_id, f in earlier.items() if check_id not in later]
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


def _differs(old: CheckFinding, new: CheckFinding) -> bool:
    if old.detail != new.detail or {p.key for p in old.places} != {p.key for p in new.places}:
        return True
    if new.places:
        return False  # the same problem on the same pages, whatever the check's score
    if old.score is None or new.score is None:
        return old.score != new.score
    return abs(old.score - new.score) >= 0.005


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _finding(finding: CheckFinding, places: tuple[Finding, ...] | None = None) -> FindingChange:
    """A finding once; `url` its first page (of `places` when given), `detail` its other places."""
    shown = finding.places if places is None else places
    first = next((p.url for p in shown if p.url), "")
    more = len(shown) - 1 if first else 0
    detail = finding.detail or (shown[0].detail if shown and not first else "")
    if more:
        detail = f"{detail}; " if detail else ""
        detail += f"and {_count(more, 'more place')}"
    return FindingChange(check_id=finding.check_id, title=finding.title, url=first, detail=detail)


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
        # A finding on a page it was not on before is new there (and fixed where it has gone):
        # listed once, at its first such page.
        new_findings=[_finding(f) for f in comparison.new]
        + [_finding(m.after, m.new_places) for m in comparison.changed if m.new_places],
        fixed_findings=[_finding(f) for f in comparison.fixed]
        + [_finding(m.before, m.fixed_places) for m in comparison.changed if m.fixed_places],
        changed_findings=[_finding(m.after) for m in comparison.changed],
        unchanged_findings=len(comparison.unchanged),
        channels_appeared=[ChannelChange(kind=c.kind, value=c.value, text=t) for c, t in comparison.appeared],
        channels_disappeared=[ChannelChange(kind=c.kind, value=c.value, text=t) for c, t in comparison.disappeared],
        summary=comparison.summary(),
    )


def to_json(comparison: Comparison) -> dict[str, Any]:
    """The whole comparison for `diff --json`: unchanged findings and quiet score moves included."""

    def place(f: Finding) -> dict[str, Any]:
        return {"key": f.key, "url": f.url, "detail": f.detail}

    def finding(f: CheckFinding) -> dict[str, Any]:
        return {
            "check": f.check_id,
            "title": f.title,
            "score": f.score,
            "detail": f.detail,
            "url": f.url,
            "places": [place(p) for p in f.places],
        }

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
            "changed": [
                {
                    "before": finding(m.before),
                    "after": finding(m.after),
                    "new_places": [place(p) for p in m.new_places],
                    "fixed_places": [place(p) for p in m.fixed_places],
                }
                for m in comparison.changed
            ],
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


def regression_lines(comparison: Comparison) -> list[str]:
    """What an alert says of a site that regressed: the overall score's change first (even a
    small one), every channel gone, then the categories and checks that got worse and the
    new findings, each counted once."""
    overall = next(s for s in comparison.scores if s.id == "overall")
    lines = [overall.sentence()] if overall.before is not None or overall.after is not None else []
    lines += [text for _, text in comparison.disappeared]
    lines += [s.sentence() for s in comparison.worse_scores if s.id != "overall"]
    lines += [f"{m.after.title} ({m.after.id}) got worse" for m in comparison.regressed_checks if m.after is not None]
    if comparison.new:
        lines.append(_capital(_count(len(comparison.new), "new finding")))
    if comparison.spread:
        lines.append(_capital(f"{_count(len(comparison.spread), 'finding')} found on more pages than before"))
    return lines
