"""Precision and recall of contact extraction on a labelled corpus, ours beside other tools'.

The corpus (tests/corpus/) holds pages and small sites with the contacts a person finds
on them in labels.json. Pages are read from disk as bytes, decoded as the crawler would,
and run through extract_page without a browser; small sites are merged as a crawl would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.artifacts import Channels, Page
from auditor.domains import host_of, registrable_domain
from auditor.errors import UsageError
from auditor.evaluate import rivals as baselines
from auditor.gather.extract.decoding import decode_html
from auditor.gather.extract.findings import PageFindings
from auditor.gather.extract.merge import build_channels
from auditor.gather.extract.page import extract_page
from auditor.gather.extract.phones import infer_region

KINDS = ("emails", "phones", "social", "messengers", "forms", "contact_pages")
# The accuracy the issue asks for; the test suite holds the extractors to it.
TARGETS = {"emails": 0.98, "phones": 0.95, "social": 0.98, "messengers": 0.98}


@dataclass
class Case:
    name: str
    pages: list[tuple[Path, str]]
    expected: dict[str, set[str]]


@dataclass
class Tally:
    """Counts for one kind of contact, and which cases and values it got wrong."""

    true_positives: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        found = self.true_positives + len(self.false_positives)
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + len(self.misses)
        return self.true_positives / expected if expected else None

    def add(self, case: str, expected: set[str], found: set[str]) -> None:
        self.true_positives += len(expected & found)
        self.false_positives += [f"{case}: {value}" for value in sorted(found - expected)]
        self.misses += [f"{case}: {value}" for value in sorted(expected - found)]


def load_corpus(root: Path) -> list[Case]:
    labels_file = root / "labels.json"
    if not labels_file.is_file():
        raise UsageError(f"{root} is not a corpus: it has no labels.json")
    try:
        cases: dict[str, dict[str, Any]] = json.loads(labels_file.read_text(encoding="utf-8"))["cases"]
    except (ValueError, KeyError) as error:
        raise UsageError(f"{labels_file} is not a valid labels file ({error})") from None
    loaded = []
    for name, label in cases.items():
        if "pages" in label:
            pages = [(root / name / path, url) for path, url in label["pages"].items()]
        else:
            pages = [(root / name, label["url"])]
        loaded.append(Case(name, pages, {kind: set(label.get(kind, [])) for kind in KINDS}))
    return loaded


def contact_keys(channels: Channels, pages: list[Page]) -> dict[str, set[str]]:
    """What was found, in the labels' terms (E.164 for phones, network:handle for profiles)."""
    social = {f"{s.network}:{s.handle.lower()}" for s in channels.social}
    return {
        "emails": {e.address for e in channels.emails},
        "phones": {p.e164 or f"raw:{p.raw}" for p in channels.phones},
        "social": social,
        "messengers": {f"{m.network}:{m.target.lower()}" for m in channels.messengers},
        "forms": {f.action for f in channels.forms},
        "contact_pages": {c.url for c in channels.contact_pages},
    }


def run_ours(case: Case) -> tuple[dict[str, set[str]], list[str]]:
    findings: list[PageFindings] = []
    warnings: list[str] = []
    for path, url in case.pages:
        domain = registrable_domain(host_of(url))
        decoded = decode_html(path.read_bytes())
        warnings += [f"{case.name}: {w}" for w in decoded.warnings]
        if decoded.text is None:
            findings.append(PageFindings(page=Page(url=url, status=200, warnings=decoded.warnings)))
            continue
        findings.append(extract_page(decoded.text, url, domain=domain))
    pages, channels = build_channels(findings)
    return contact_keys(channels, pages), warnings


def _page_text(path: Path) -> str:
    return decode_html(path.read_bytes()).text or ""


def run_baselines(case: Case) -> dict[str, dict[str, set[str]]]:
    """Each other tool's findings on the case's pages, by tool name."""
    results: dict[str, dict[str, set[str]]] = {}
    for name, baseline in baselines.available().items():
        results[name] = {"emails": set().union(*(baseline(_page_text(p)).get("emails", set()) for p, _ in case.pages))}
    phones: dict[str, set[str]] = {"phones": set()}
    links: dict[str, set[str]] = {"social": set(), "messengers": set()}
    for path, url in case.pages:
        html = _page_text(path)
        region, _ = infer_region(registrable_domain(host_of(url)), "")
        phones["phones"] |= baselines.naive_phones(html, region)["phones"]
        for kind, values in baselines.naive_links(html).items():
            links[kind] |= values
    results[baselines.NAIVE_PHONES] = phones
    results[baselines.NAIVE_LINKS] = links
    return results


@dataclass
class Evaluation:
    ours: dict[str, Tally]
    others: dict[str, dict[str, Tally]]
    warnings: list[str]
    cases: int

    def meets_targets(self) -> bool:
        return all(
            (self.ours[kind].precision or 0) >= target and (self.ours[kind].recall or 0) >= target
            for kind, target in TARGETS.items()
        )


def evaluate(root: Path, with_baselines: bool = True) -> Evaluation:
    cases = load_corpus(root)
    ours = {kind: Tally() for kind in KINDS}
    others: dict[str, dict[str, Tally]] = {}
    warnings: list[str] = []
    for case in cases:
        found, page_warnings = run_ours(case)
        warnings += page_warnings
        for kind in KINDS:
            ours[kind].add(case.name, case.expected[kind], found[kind])
        if not with_baselines:
            continue
        for tool, tool_found in run_baselines(case).items():
            tallies = others.setdefault(tool, {})
            for kind, values in tool_found.items():
                tallies.setdefault(kind, Tally()).add(case.name, case.expected[kind], values)
    return Evaluation(ours, others, warnings, len(cases))
