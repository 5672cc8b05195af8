"""Hand-built runs for history, diff and gate tests: no crawl, no browser."""

from __future__ import annotations

from auditor.artifacts import Channels, Email, Messenger, Phone, Probe, SiteInfo
from auditor.results import AuditResults, CategoryResult, CheckResult, EvidenceRow, ToolInfo

SITE = "https://www.nimbus-bikes.example/"


def footer_check(*missing: str, score: float | None = None) -> CheckResult:
    """contact-link-in-footer failing on the given paths (passing when none)."""
    value = 1.0 - 0.25 * len(missing) if score is None else score
    return CheckResult(
        id="contact-link-in-footer",
        title="Every page links to the contact page from its footer",
        category="findability",
        score=value,
        mode="numeric",
        weight=3,
        evidence=[
            EvidenceRow(url=f"{SITE.rstrip('/')}{path}", selector="footer", snippet="no link") for path in missing
        ],
    )


def binary_check(check_id: str, passed: bool, category: str = "coverage") -> CheckResult:
    return CheckResult(
        id=check_id,
        title=f"{check_id} passes" if passed else f"{check_id} fails",
        category=category,
        score=1.0 if passed else 0.0,
        mode="binary",
        weight=1,
        display_value="" if passed else "none",
    )


def run(
    *,
    score: int | None = 80,
    categories: dict[str, int | None] | None = None,
    checks: list[CheckResult] | None = None,
    emails: list[tuple[str, str | None]] | None = None,
    whatsapp: bool = True,
    finished_at: str = "2026-01-01T10:00:00+00:00",
    url: str = SITE,
    probes: list[Probe] | None = None,
) -> AuditResults:
    categories = {"findability": 75, "coverage": 100, "clarity": 60} if categories is None else categories
    channels = Channels(
        emails=[
            Email(address=a, label=label, pages=[url]) for a, label in (emails or [("info@nimbus-bikes.example", None)])
        ],
        phones=[Phone(raw="+44 20 7946 0958", e164="+442079460958", pages=[url])],
        messengers=[Messenger(network="whatsapp", url="https://wa.me/442079460958", target="442079460958")]
        if whatsapp
        else [],
    )
    return AuditResults(
        tool=ToolInfo(name="contact-auditor", version="0.1.0"),
        site=SiteInfo(
            url=url, domain="nimbus-bikes.example", started_at=finished_at, finished_at=finished_at, pages_crawled=4
        ),
        score=score,
        categories=[CategoryResult(id=c, title=c.capitalize(), score=s) for c, s in categories.items()],
        checks=checks if checks is not None else [footer_check("/about/"), binary_check("written-channel", True)],
        channels=channels,
        probes=probes or [],
    )
