"""Hand-built inputs for the tests, in one module: artifacts for checks, results for reports
and history, probes, and small fixture sites written to a folder. No crawl, no browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor.artifacts import (
    Box,
    Channels,
    ChatWidget,
    ContactPage,
    Email,
    Form,
    FormField,
    Link,
    Messenger,
    OpeningHours,
    Page,
    Phone,
    Placement,
    PostalAddress,
    Probe,
    SiteArtifacts,
    SiteInfo,
    SocialProfile,
)
from auditor.judge.api import CheckInput, Outcome
from auditor.results import (
    AuditResults,
    CategoryResult,
    CheckResult,
    EvidenceRow,
    ToolInfo,
)

BASE = "https://shop.example.co.uk"


def page(
    path: str, *, footer_contact: bool = True, status: int = 200, contact: bool = False, links: list[Link] | None = None
) -> Page:
    all_links = list(links or [])
    if footer_contact:
        all_links.append(Link(url=f"{BASE}/contact/", text="Contact us", location="footer", contact_like=True))
    return Page(url=f"{BASE}{path}", status=status, links=all_links, is_contact_page=contact)


def site(pages: list[Page] | None = None, probes: list[Probe] | None = None, **channels: Any) -> SiteArtifacts:
    pages = pages if pages is not None else [page("/"), page("/contact/", contact=True)]
    return SiteArtifacts(
        probes=probes or [],
        site=SiteInfo(
            url=f"{BASE}/", domain="example.co.uk", started_at="2026-11-23T00:00:00+00:00", pages_crawled=len(pages)
        ),
        pages=pages,
        channels=Channels.model_validate(channels),
    )


def judge(check: Any, artifacts: SiteArtifacts, **options: Any) -> Outcome:
    """Run one check module on hand-built artifacts, as the registry would."""
    return check.run(CheckInput(artifacts, check.META.requires, {**check.META.options, **options}))  # type: ignore[no-any-return]


# Results for the history, the comparison and the gate.

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
    partial: bool = False,
    crawl: dict[str, Any] | None = None,
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
            url=url,
            domain="nimbus-bikes.example",
            started_at=finished_at,
            finished_at=finished_at,
            pages_crawled=4,
            partial=partial,
        ),
        score=score,
        categories=[CategoryResult(id=c, title=c.capitalize(), score=s) for c, s in categories.items()],
        checks=checks if checks is not None else [footer_check("/about/"), binary_check("written-channel", True)],
        channels=channels,
        probes=probes or [],
        settings={"crawl": crawl} if crawl else {},
    )


# Results for the reports: every kind of row a report shows, hostile text included.

HOME = "https://www.velo-werk.example/"
CONTACT = "https://www.velo-werk.example/kontakt/"
HOSTILE_LABEL = "<script>alert(1)</script>"
HOSTILE_URL = "javascript:alert(1)"
HOSTILE_SNIPPET = "<img src=x onerror=alert(2)>"

FOOTER_TITLE = "Some pages have no contact link in their footer"
FOOTER_FIX = "Put a Contact link in the shared footer template so that every page carries it."
PROMISE_TITLE = "No reply time is promised"
LABEL_TITLE = "Several email addresses with no word on which to use"
PASSED_TITLE = "The site has a contact page"


def check(**fields: Any) -> CheckResult:
    defaults: dict[str, Any] = {"weight": 1.0, "description": "", "recommendation": ""}
    return CheckResult(**(defaults | fields))


def sample_results(**site: Any) -> AuditResults:
    """A realistic run: findings across categories, one error, one not applicable, hostile page text."""
    checks = [
        check(
            id="contact-link-in-footer",
            category="findability",
            title=FOOTER_TITLE,
            score=0.5,
            mode="numeric",
            weight=3,
            display_value="4 of 8 pages",
            explanation="These pages have no link to the contact page in their footer.",
            description="A customer with a problem looks for Contact in the footer first.",
            recommendation=FOOTER_FIX,
            evidence=[
                EvidenceRow(url=f"{HOME}werkstatt/", selector="footer", snippet=HOSTILE_SNIPPET),
                EvidenceRow(url=HOSTILE_URL, selector="footer nav", snippet="Impressum · AGB"),
            ],
        ),
        check(
            id="contact-page-exists",
            category="findability",
            title=PASSED_TITLE,
            score=1.0,
            mode="binary",
            weight=3,
            display_value="/kontakt/",
        ),
        check(
            id="unlabelled-emails",
            category="clarity",
            title=LABEL_TITLE,
            score=0.6,
            mode="numeric",
            weight=2,
            display_value="2 of 5 unlabelled",
            recommendation="Label every address with its purpose.",
        ),
        check(
            id="reply-time-promised",
            category="clarity",
            title=PROMISE_TITLE,
            score=0.0,
            mode="binary",
            weight=1,
            recommendation="Say when customers can expect an answer, e.g. within one working day.",
        ),
        check(
            id="channel-types",
            category="coverage",
            title="Several kinds of contact channel are offered",
            score=1.0,
            mode="numeric",
            weight=3,
            display_value="email, phone, form, chat",
        ),
        check(
            id="written-channel",
            category="coverage",
            title="Customers can write by email or through a form",
            score=1.0,
            mode="binary",
            weight=2,
        ),
        check(
            id="chat-launcher-visible",
            category="human-touch",
            title="The chat launcher is visible on phones",
            score=None,
            mode="error",
            weight=2,
            explanation="The check failed: KeyError: 'mobile'",
        ),
        check(
            id="probe-reply-time",
            category="responsiveness",
            title="Emails are answered within a day",
            score=None,
            mode="not_applicable",
            weight=3,
            explanation="No probe was sent in this run.",
        ),
        check(
            id="channel-inventory",
            category="coverage",
            title="Channels found on the site",
            score=1.0,
            mode="informative",
            weight=0,
            display_value="7 channels",
        ),
    ]
    channels = Channels(
        emails=[
            Email(
                address="service@velo-werk.example",
                pages=[HOME, CONTACT],
                sources=["mailto"],
                locations=["footer", "contact-page"],
                label="Kundenservice – Zürich",
            ),
            Email(
                address="info@velo-werk.example",
                pages=[HOSTILE_URL],
                sources=["text"],
                locations=["main"],
                label=HOSTILE_LABEL,
            ),
        ],
        phones=[
            Phone(raw="+41 44 123 45 67", e164="+41441234567", pages=[HOME], sources=["tel"], locations=["header"]),
            Phone(raw="044 123 45 68", pages=[CONTACT], sources=["text"], locations=["contact-page"]),
        ],
        contact_pages=[ContactPage(url=CONTACT, depth=1, linked_from=[HOME, f"{HOME}shop/"], status=200)],
        forms=[
            Form(
                page=CONTACT,
                action=f"{CONTACT}send",
                method="post",
                captcha="recaptcha",
                fields=[
                    FormField(name="name", kind="name", required=True),
                    FormField(name="mail", kind="email", required=True),
                    FormField(name="msg", kind="message", label="Ihre Nachricht"),
                ],
            )
        ],
        chat_widgets=[
            ChatWidget(
                vendor="crisp",
                pages=[HOME, CONTACT],
                evidence=["script:client.crisp.chat"],
                placement=Placement(
                    desktop=Box(corner="bottom-right", x=1200, y=640, width=60, height=60, visible=True),
                    mobile=Box(
                        corner="bottom-right",
                        x=320,
                        y=700,
                        width=60,
                        height=60,
                        visible=True,
                        overlaps=["div#cookie-banner"],
                    ),
                ),
            )
        ],
        social=[
            SocialProfile(
                network="instagram",
                url="https://instagram.com/velowerk",
                handle="velowerk",
                pages=[HOME],
                locations=["footer"],
            )
        ],
        messengers=[
            Messenger(
                network="whatsapp",
                url="https://wa.me/41441234567",
                target="+41441234567",
                pages=[CONTACT],
                locations=["contact-page"],
            )
        ],
        addresses=[
            PostalAddress(
                text="Langstrasse 12, 8004, Zürich, CH",
                street="Langstrasse 12",
                locality="Zürich",
                postal_code="8004",
                country="CH",
                pages=[CONTACT],
                sources=["jsonld"],
            )
        ],
        opening_hours=[OpeningHours(text="Mo-Fr 08:00-18:00", pages=[CONTACT], sources=["jsonld"])],
    )
    return AuditResults(
        tool=ToolInfo(name="contact-auditor", version="0.1.0"),
        site=SiteInfo(
            url=HOME,
            domain="velo-werk.example",
            started_at="2025-03-04T09:15:00+00:00",
            finished_at="2025-03-04T09:16:12+00:00",
            pages_crawled=8,
            pages_rendered=3,
            **site,
        ),
        score=72,
        categories=[
            CategoryResult(
                id="findability",
                title="Findability",
                score=75,
                checks=["contact-link-in-footer", "contact-page-exists"],
            ),
            CategoryResult(
                id="coverage",
                title="Coverage",
                score=100,
                checks=["channel-types", "written-channel", "channel-inventory"],
            ),
            CategoryResult(
                id="clarity", title="Clarity", score=40, checks=["unlabelled-emails", "reply-time-promised"]
            ),
            CategoryResult(id="responsiveness", title="Responsiveness", score=None, checks=["probe-reply-time"]),
            CategoryResult(
                id="human-touch", title="Human touch", score=None, provisional=True, checks=["chat-launcher-visible"]
            ),
        ],
        checks=checks,
        channels=channels,
        warnings=[f"{HOME}alt/: HTTP 500"],
        settings={"crawl": {"max_pages": 50, "render": True}, "checks": {}},
    )


# Probes for the responsiveness checks.

SENT = "2026-11-02T09:00:00+00:00"


def probe(channel: str = "email", status: str = "replied", **fields: object) -> Probe:
    return Probe(channel=channel, target="help@shop.co.uk", token="t1", sent_at=SENT, status=status, **fields)  # type: ignore[arg-type]


# A small site in two versions, for history and CI runs.

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head><body>
<header><nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/contact/">Contact</a></nav></header>
<main><h1>{title}</h1>{main}</main>
<footer>{footer}</footer></body></html>"""


def write_site(root: Path, version: int) -> None:
    """Version 1 has a WhatsApp link and one support email; version 2 drops the WhatsApp link,
    adds a second support email and loses the footer contact link on /about/."""
    footer = '<p><a href="/contact/">Contact us</a> <a href="mailto:info@velo-test.co.uk">info@velo-test.co.uk</a></p>'
    whatsapp = '<p><a href="https://wa.me/442079460958">WhatsApp</a></p>' if version == 1 else ""
    second = '<p>Support: <a href="mailto:help@velo-test.co.uk">help@velo-test.co.uk</a></p>' if version == 2 else ""
    pages = {
        "index.html": PAGE.format(title="Velo Test", main="<p>Bikes.</p>", footer=footer + whatsapp),
        "about/index.html": PAGE.format(
            title="About", main="<p>About us.</p>", footer="<p>© Velo Test</p>" if version == 2 else footer
        ),
        "contact/index.html": PAGE.format(
            title="Contact",
            main='<p>Support: <a href="mailto:support@velo-test.co.uk">support@velo-test.co.uk</a></p>' + second,
            footer=footer,
        ),
    }
    for name, html in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(html, encoding="utf-8")
