"""Findings as a user counts them: a failing check once, with the places it was found at.

A snapshot keeps a failing check and each of its evidence rows under stable keys (the
history stores them so); here they are put back together, one finding per check, so that a
check failing on three pages is one finding on three pages, not three findings, while its
places are still compared one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.history.snapshot import Finding, Snapshot, page_key


@dataclass(frozen=True)
class CheckFinding:
    """A failing check, once, with the places (its evidence rows) it was found at."""

    check_id: str
    title: str
    score: float | None = None
    detail: str = ""
    places: tuple[Finding, ...] = ()

    @property
    def url(self) -> str:
        """The first page it was found on, or ""."""
        return next((p.url for p in self.places if p.url), "")

    def where(self, places: tuple[Finding, ...] | None = None, shown: int = 3) -> str:
        """`/about/, /shop/ and 2 more`: the places, by page where they have one."""
        names = list(dict.fromkeys(page_key(p.url) if p.url else p.detail for p in (places or self.places)))
        names = [n for n in names if n]
        text = ", ".join(names[:shown])
        return text + (f" and {len(names) - shown} more" if len(names) > shown else "")


@dataclass(frozen=True)
class FindingMove:
    """A finding of both runs that differs: its places, its display value, or (without places) its score."""

    before: CheckFinding
    after: CheckFinding

    @property
    def new_places(self) -> tuple[Finding, ...]:
        known = {p.key for p in self.before.places}
        return tuple(p for p in self.after.places if p.key not in known)

    @property
    def fixed_places(self) -> tuple[Finding, ...]:
        kept = {p.key for p in self.after.places}
        return tuple(p for p in self.before.places if p.key not in kept)


def check_findings_of(snapshot: Snapshot) -> dict[str, CheckFinding]:
    """The snapshot's findings, one per failing check, with their places."""
    whole: dict[str, Finding] = {}
    places: dict[str, list[Finding]] = {}
    for finding in snapshot.findings.values():
        if finding.key:
            places.setdefault(finding.check_id, []).append(finding)
        else:
            whole[finding.check_id] = finding
    grouped = {}
    for check_id in dict.fromkeys([*whole, *places]):
        head = whole.get(check_id) or places[check_id][0]
        detail = head.detail if head.key == "" else ""
        rows = tuple(places.get(check_id, ()))
        grouped[check_id] = CheckFinding(check_id, head.title, head.score, detail, rows)
    return grouped
