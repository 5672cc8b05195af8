"""Artifacts: typed, JSON-serialisable facts about a site, gathered once.

Nothing here is a judgement. Spiders produce these; checks read them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Location = Literal["header", "nav", "main", "footer", "contact-page", "widget"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Link(Model):
    url: str
    text: str = ""
    location: Location = "main"
    contact_like: bool = False


class TextStats(Model):
    """The size of a page's readable text: enough to judge how plain it is."""

    words: int = 0
    sentences: int = 0
    long_words: int = 0


class Page(Model):
    url: str
    status: int | None = None
    depth: int = 0
    rendered: bool = False
    title: str = ""
    lang: str = ""
    is_contact_page: bool = False
    referrer: str | None = None
    links: list[Link] = Field(default_factory=list)
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    text: TextStats | None = None
    # The text of the link the crawl followed to reach this page (on `referrer`).
    link_text: str = ""
    # Why the page was rendered in Chromium, or why not (spiders/render_plan.py).
    render_reason: str = ""
    # Why the page is a "not found" page though its server answered 200 (a single-page
    # app's "not found" view, or nothing at all once its scripts ran).
    not_found: str | None = None
    # The page that shows exactly what this one shows (`/contact/` and `/contact`): the
    # site's contacts are counted there, once.
    same_as: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300 and self.not_found is None


class Email(Model):
    address: str
    pages: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    label: str | None = None
    # Pages that show the address as plain text with no mailto link beside it.
    unlinked_on: list[str] = Field(default_factory=list)


class Phone(Model):
    raw: str
    e164: str | None = None
    pages: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    label: str | None = None
    # Pages that show the number as plain text with no tel: link beside it.
    unlinked_on: list[str] = Field(default_factory=list)
    # The country the number belongs to, and how we know: "explicit" (written with +),
    # "tld:de", "lang:hi-IN", "address:DE"; national numbers are read in this region.
    region: str | None = None
    region_source: str = ""
    # What is wrong with links this number was read from, on some page (codes of
    # ContactLinkProblem.problem: "mailto-phone", "tel-letters", ...); empty when they work.
    link_problems: list[str] = Field(default_factory=list)


class ContactLinkProblem(Model):
    """A contact link that does not work as written, and the number it was meant to reach.

    `problem` says what is wrong: "mailto-phone" (a mailto: link whose target is a phone
    number), "web-phone" (an http:// or relative link to one), "tel-letters" (a vanity word
    that many dialers do not turn into digits), "tel-letter-for-digit" (a letter typed for a
    digit: "9OO"), "tel-placeholder" (a template's number in a link meant to call),
    "whatsapp-no-country-code", "whatsapp-no-number" (a chat link that names no number while
    its text shows one), "whatsapp-number-mismatch" (it opens a chat with another number than
    the one it shows), "whatsapp-placeholder". `href` is the link as written; `number` the
    number as the link (or its text) writes it; `e164` the number the link should reach,
    when it is certain (the site's country known); never a template's placeholder.
    """

    problem: str
    href: str
    text: str = ""
    number: str = ""
    e164: str | None = None
    pages: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)


class PostalAddress(Model):
    """A postal address the site states, as one line plus the parts structured data gives."""

    text: str
    street: str = ""
    locality: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    pages: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)


class OpeningHours(Model):
    """When the company says it can be reached, as stated ("Mo-Fr 09:00-17:00")."""

    text: str
    pages: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class ResponsePromise(Model):
    """How fast the site says it answers ("we reply within 24 hours"), as stated on its pages.

    `duration` is the promised time as an ISO 8601 duration (PT24H, P2D); `text` is the
    sentence that says it.
    """

    text: str
    duration: str
    pages: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)


class ContactPage(Model):
    url: str
    depth: int = 0
    linked_from: list[str] = Field(default_factory=list)
    status: int | None = None


FieldKind = Literal["name", "email", "phone", "subject", "message", "consent", "honeypot", "file", "other"]


class FormField(Model):
    name: str
    kind: FieldKind
    label: str = ""
    required: bool = False


class Form(Model):
    page: str
    action: str
    method: str = "get"
    fields: list[FormField] = Field(default_factory=list)
    captcha: str | None = None
    location: Location = "main"


class Box(Model):
    """Where a chat launcher sits in one viewport, in CSS pixels, as measured on `page`.

    `corner` is "none" when the widget's code ran but no launcher was drawn (hidden
    in this viewport, or broken). `overlaps` names what is drawn over the launcher's
    centre (what a tap would hit instead); `intersects` names the other fixed
    elements sharing its space, above or below it. Both say "cookie banner: ...",
    "back to top: ...", "chat widget: VENDOR" when they recognise the element.
    """

    corner: str
    x: float
    y: float
    width: float
    height: float
    visible: bool
    overlaps: list[str] = Field(default_factory=list)
    intersects: list[str] = Field(default_factory=list)
    page: str = ""
    screenshot: str | None = None
    appeared_ms: int | None = None
    after_nudge: bool = False


class Placement(Model):
    desktop: Box | None = None
    mobile: Box | None = None


class ChatWidget(Model):
    """One vendor's chat widget across the site.

    `missing_on` lists the rendered pages that loaded without it; `instances` is the
    most copies seen on one page (2: embedded twice); `failed_requests` are requests
    for the vendor's code that failed while the page loaded.
    """

    vendor: str
    pages: list[str] = Field(default_factory=list)
    evidence: list[str] = Field(default_factory=list)
    placement: Placement = Field(default_factory=Placement)
    retired: bool = False
    vendor_id: str = ""
    missing_on: list[str] = Field(default_factory=list)
    instances: int = 1
    failed_requests: list[str] = Field(default_factory=list)


class SocialProfile(Model):
    network: str
    url: str
    handle: str = ""
    pages: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    # What the profile is when it is not the company's ("a theme author's page"); such
    # profiles are listed in `Channels.foreign_social`, never in `Channels.social`.
    not_company: str | None = None


class Messenger(Model):
    network: str
    url: str
    target: str = ""
    pages: list[str] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    # What is wrong with links to this conversation, on some page ("whatsapp-no-country-code":
    # `target` is then the number in international form when the site's country says it).
    link_problems: list[str] = Field(default_factory=list)


class Channels(Model):
    emails: list[Email] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    contact_pages: list[ContactPage] = Field(default_factory=list)
    forms: list[Form] = Field(default_factory=list)
    chat_widgets: list[ChatWidget] = Field(default_factory=list)
    social: list[SocialProfile] = Field(default_factory=list)
    # Social links on the site that are not the company's: a theme's or a builder's own
    # page, a template's placeholder (see auditor/gather/extract/foreign_social.py).
    foreign_social: list[SocialProfile] = Field(default_factory=list)
    messengers: list[Messenger] = Field(default_factory=list)
    addresses: list[PostalAddress] = Field(default_factory=list)
    opening_hours: list[OpeningHours] = Field(default_factory=list)
    # What the pages say about the company's country ("VN lang:vi", "US tel:+1"), the
    # region national numbers were read in first; see auditor/gather/extract/site_region.py.
    country_hints: list[str] = Field(default_factory=list)
    response_promises: list[ResponsePromise] = Field(default_factory=list)
    link_problems: list[ContactLinkProblem] = Field(default_factory=list)

    def channel_types(self) -> list[str]:
        """The kinds of channel a customer can use, in a fixed order."""
        present = {
            "email": bool(self.emails),
            "phone": bool(self.phones),
            "form": bool(self.forms),
            "chat": any(not w.retired for w in self.chat_widgets),
            "messenger": bool(self.messengers),
            "social": bool(self.social),
        }
        return [kind for kind, there in present.items() if there]


ProbeChannel = Literal["email", "form", "chat"]


class ProbeEvent(Model):
    """One moment in a probe's timeline: sent, a reply (automatic or from a person), a handover asked."""

    at: str
    kind: Literal["sent", "auto_reply", "human_reply", "handover_asked"]
    note: str = ""
    seconds_after_sent: float | None = None


class Probe(Model):
    """One test message sent to the company and what came back; timestamps are ISO 8601 UTC.

    `status` is "planned", "sent", "replied", "no_reply" (the waiting window closed
    without an answer), "protected" (a CAPTCHA stopped it), "failed", or "unknown" (a
    crash interrupted the send: it may have gone out, and is never sent again).
    """

    channel: ProbeChannel
    target: str
    token: str
    sent_at: str | None = None
    first_reply_at: str | None = None
    first_human_reply_at: str | None = None
    auto_reply: bool | None = None
    promised_response_time: str | None = None
    status: str = "planned"
    human_handover: bool | None = None
    # Why a probe failed, was not sent (CAPTCHA) or is in doubt; empty otherwise.
    detail: str = ""
    # The wait for a person's answer counted in the configured business hours only.
    business_seconds_to_human_reply: float | None = None
    events: list[ProbeEvent] = Field(default_factory=list)


class SiteInfo(Model):
    url: str
    domain: str
    started_at: str
    finished_at: str | None = None
    pages_crawled: int = 0
    pages_rendered: int = 0
    partial: bool = False
    # How many pages were rendered, or not, for each reason (spiders/render_plan.py).
    render_reasons: dict[str, int] = Field(default_factory=dict)
    # Stopped by a signal (Ctrl-C, a kill) before the crawl finished; implies partial.
    interrupted: bool = False


class SiteArtifacts(Model):
    """Everything gathered about one site; the input of every check."""

    site: SiteInfo
    pages: list[Page] = Field(default_factory=list)
    channels: Channels = Field(default_factory=Channels)
    probes: list[Probe] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def home(self) -> Page | None:
        return self.pages[0] if self.pages else None

    @property
    def html_pages(self) -> list[Page]:
        """Pages that loaded: the ones a customer could actually see."""
        return [p for p in self.pages if p.ok]
