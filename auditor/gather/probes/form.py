"""The contact-form probe: fill the form in Chromium as a customer would, and submit it once.

Fields are classified by the same extraction the audit uses; honeypots stay empty;
a form behind a CAPTCHA is never submitted. Success is judged from what the site did:
the status of the request the submit caused, a new URL, or a confirmation message.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, Locator, Page, Response
from playwright.sync_api import Error as PlaywrightError

from auditor.artifacts import FormField
from auditor.config.probes import ProbesConfig
from auditor.gather.extract.forms import CAPTCHAS, classify_field
from auditor.gather.probes.message import body, reply_address, subject
from auditor.gather.probes.timing import Clock, utc_now

_CONFIRMATION = re.compile(
    r"thank|received|has been sent|was sent|message sent|we'll be in touch|get back to you|"
    r"danke|vielen dank|erhalten|gesendet|gracias|recibido|enviado|merci|bien reçu|envoyé|grazie|ricevuto|"
    r"obrigad|спасибо|получено|отправлено|धन्यवाद|प्राप्त|ありがとう|谢谢|감사",
    re.I,
)
_CAPTCHA_FRAMES = re.compile(r"recaptcha|hcaptcha|turnstile|friendlycaptcha|captcha", re.I)


@dataclass(frozen=True)
class FormOutcome:
    status: str  # "sent", "protected", "failed" or "unknown" (submitted, then the browser failed)
    submitted_at: datetime | None = None
    detail: str = ""


def _candidate_forms(html: str) -> list[tuple[int, Tag, list[tuple[Tag, FormField]], str | None]]:
    """(index among the page's forms, form, its classified fields, CAPTCHA) for forms a customer writes in."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    for index, form in enumerate(soup.find_all("form")):
        fields = [(el, f) for el in form.find_all(["input", "textarea", "select"]) if (f := classify_field(form, el))]
        if not any(f.kind == "message" for _, f in fields):
            continue
        markup = str(form)
        captcha = next((name for name, pattern in CAPTCHAS if pattern.search(markup)), None)
        if captcha is None and form.find(class_=re.compile("captcha", re.I)):
            captcha = "unknown"
        found.append((index, form, fields, captcha))
    return found


def _value_for(field: FormField, config: ProbesConfig, token: str) -> str | bool | None:
    """What the probe writes in a field: its own identity and question, never personal data."""
    values: dict[str, str | bool | None] = {
        "name": config.operator_name or "Contact-audit test",
        "email": reply_address(config.reply_mailbox or config.from_address, token),
        "subject": subject(config, token),
        "message": body(config, token, "contact form"),
        "consent": True,
        "honeypot": None,  # bots fill these; a person never sees them
    }
    if field.kind in values:
        return values[field.kind]
    return "Contact-audit test" if field.required and field.kind == "other" else None


def _fill(form: Locator, fields: list[tuple[Tag, FormField]], config: ProbesConfig, token: str) -> str:
    """Fill the form; returns why it cannot be submitted honestly, or ''."""
    for element, field in fields:
        if not field.name:
            continue
        value = _value_for(field, config, token)
        if value is None:
            if field.required and field.kind in ("phone", "file"):
                return f"the form requires a {field.kind}, which a probe does not give"
            continue
        target = form.locator(f'[name="{field.name}"]').first
        kind = str(element.get("type") or "").lower()
        if element.name == "select":
            options = [o.get("value") for o in element.find_all("option") if o.get("value")]
            if options:
                target.select_option(str(options[0]))
        elif kind in ("checkbox", "radio"):
            if value is True or field.required:
                target.check()
        else:
            target.fill(str(value))
    return ""


def _visible_text(page: Page) -> str:
    try:
        return page.inner_text("body", timeout=2000)
    except PlaywrightError:
        return ""


def submit_form(
    browser: Browser, page_url: str, config: ProbesConfig, token: str, timeout: float = 20, now: Clock = utc_now
) -> FormOutcome:
    """Fill and submit the contact form on `page_url` once."""
    context = browser.new_context()
    context.set_default_timeout(timeout * 1000)
    pressed = False
    try:
        page = context.new_page()
        page.goto(page_url, wait_until="load")
        candidates = _candidate_forms(page.content())
        if not candidates:
            return FormOutcome("failed", detail="no contact form was found on the page any more")
        open_forms = [c for c in candidates if c[3] is None]
        captcha_frame = any(_CAPTCHA_FRAMES.search(f.url) for f in page.frames[1:])
        if not open_forms or (captcha_frame and len(candidates) == 1):
            shown = next((c[3] for c in candidates if c[3]), None) or "a CAPTCHA frame"
            return FormOutcome("protected", detail=f"protected by a CAPTCHA ({shown}); not probed")
        index, _, fields, _ = open_forms[0]
        form = page.locator("form").nth(index)
        problem = _fill(form, fields, config, token)
        if problem:
            return FormOutcome("failed", detail=problem)
        before_url, before_text = page.url, _visible_text(page)
        responses: list[Response] = []
        page.on("response", lambda r: responses.append(r) if r.request.method in ("POST", "PUT") else None)
        submit = form.locator("button[type=submit], input[type=submit], button:not([type])").first
        pressed = True
        if submit.count():
            submit.click()
        else:
            form.evaluate("f => f.requestSubmit()")
        with suppress(PlaywrightError):  # a page that keeps polling never goes idle; judge it anyway
            page.wait_for_load_state("networkidle", timeout=min(timeout, 10) * 1000)
        return _judge(page, responses, before_url, before_text, now())
    except PlaywrightError as error:
        reason = str(error).splitlines()[0]
        if pressed:  # the message may have gone out: never submit it again
            return FormOutcome("unknown", detail=f"the browser failed after the form was submitted: {reason}")
        return FormOutcome("failed", detail=f"the form could not be submitted: {reason}")
    finally:
        context.close()


def _judge(
    page: Page, responses: list[Response], before_url: str, before_text: str, submitted_at: datetime
) -> FormOutcome:
    failed = [r for r in responses if r.status >= 400]
    if failed:
        return FormOutcome("failed", detail=f"the site answered the submission with HTTP {failed[0].status}")
    after_text = _visible_text(page)
    confirmed = bool(_CONFIRMATION.search(after_text)) and not _CONFIRMATION.search(before_text)
    if responses and (confirmed or page.url != before_url):
        return FormOutcome("sent", submitted_at)
    if confirmed:
        return FormOutcome("sent", submitted_at, detail="confirmed on the page; no request was seen")
    if not responses:
        return FormOutcome("failed", detail="nothing was sent: the page did not accept the submission")
    return FormOutcome("sent", submitted_at, detail="the site accepted the request but showed no confirmation")
