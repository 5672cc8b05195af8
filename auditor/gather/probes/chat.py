"""The chat probe: open the widget, send one message, time every reply, and ask for a person if a bot answers.

The widget is opened through the vendor's JavaScript API where it has one (the
`open` call in chat_vendors.json), otherwise by clicking its launcher. A reply's
author is read from the marks the widget puts on it (`data-author="bot"`,
`class="agent"`); an unmarked reply that came faster than a person types is a bot's.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime

from playwright.sync_api import Browser, Frame, Page
from playwright.sync_api import Error as PlaywrightError

from auditor.config.probes import ProbesConfig
from auditor.gather.extract.chat import vendors
from auditor.gather.probes.timing import Clock, utc_now

HANDOVER_REQUEST = "Could I talk to a person, please? (This is still the test message.)"
_OURS = re.compile(r"\b(?:visitor|user|customer|client|me|self|outgoing|mine)\b", re.I)
_BOT = re.compile(r"bot|automat|assistant|virtual|\bai\b", re.I)
_PERSON = re.compile(r"agent|operator|human|person|staff|admin|support|team", re.I)

_FIND_INPUT = """
(containers) => {
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const inWidget = (el) => window.top !== window.self
    || containers.some((sel) => { try { return !!el.closest(sel); } catch (e) { return false; } })
    || !!el.closest('[role=dialog], [class*=chat i], [id*=chat i]');
  const fields = document.querySelectorAll(
    'textarea, input[type=text], input:not([type]), [contenteditable=true], [contenteditable=""]');
  for (const el of fields) {
    if (visible(el) && inWidget(el)) { el.setAttribute('data-contact-audit-input', '1'); return true; }
  }
  return false;
}
"""
# Each call returns the messages not seen before, and marks them seen.
_NEW_MESSAGES = """
() => {
  const sel = '[data-author], [data-sender], [data-from], [data-message-author], [class~=message], [class~=msg]';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.hasAttribute('data-contact-audit-seen') || el.querySelector(sel)) continue;
    const text = (el.innerText || '').trim();
    if (!text) continue;
    el.setAttribute('data-contact-audit-seen', '1');
    const marks = [];
    for (let node = el, depth = 0; node && node.getAttribute && depth < 3; node = node.parentElement, depth++) {
      for (const name of ['data-author', 'data-sender', 'data-from', 'data-message-author', 'aria-label', 'class']) {
        const value = node.getAttribute(name); if (value) marks.push(value);
      }
    }
    out.push({text: text.slice(0, 300), marks: marks.join(' ')});
  }
  return out;
}
"""


@dataclass
class ChatReply:
    at: datetime
    automatic: bool
    reason: str


@dataclass
class ChatOutcome:
    status: str  # "sent" or "failed"
    sent_at: datetime | None = None
    replies: list[ChatReply] = field(default_factory=list)
    handover_asked_at: datetime | None = None
    human_handover: bool | None = None
    detail: str = ""


def _open_widget(page: Page) -> str:
    """Open the chat: the vendor's API first, then a click on its launcher. Returns how, or ''."""
    for vendor in vendors():
        opener = vendor.open or ""
        first_global = vendor.globals[0] if vendor.globals else ""
        if opener and first_global and page.evaluate(f"() => typeof window[{first_global!r}] !== 'undefined'"):
            try:
                page.evaluate(f"() => {{ {opener}; }}")
                return f"{vendor.id} API"
            except PlaywrightError:
                pass
    for vendor in vendors():
        for selector in vendor.launchers:
            launcher = page.locator(selector).first
            if launcher.count() and launcher.is_visible():
                launcher.click()
                return f"{vendor.id} launcher"
    return ""


def _find_input(page: Page, containers: list[str]) -> Frame | None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(_FIND_INPUT, containers):
                    return frame
            except PlaywrightError:
                continue
        page.wait_for_timeout(200)
    return None


def _say(frame: Frame, text: str, now: Clock) -> datetime:
    box = frame.locator("[data-contact-audit-input]").first
    box.fill(text)
    box.press("Enter")
    return now()


def _new_messages(page: Page, said: tuple[str, ...]) -> list[tuple[str, str]]:
    found = []
    for frame in page.frames:
        try:
            found += [(m["text"], m["marks"]) for m in frame.evaluate(_NEW_MESSAGES)]
        except PlaywrightError:
            continue
    return [(t, m) for t, m in found if not _OURS.search(m) and not any(s.strip() in t for s in said)]


def chat_probe(
    browser: Browser, page_url: str, config: ProbesConfig, question: str, timeout: float = 20, now: Clock = utc_now
) -> ChatOutcome:
    """Send one chat message on `page_url` and time the replies until the chat window closes."""
    context = browser.new_context()
    context.set_default_timeout(timeout * 1000)
    try:
        page = context.new_page()
        page.goto(page_url, wait_until="load")
        page.wait_for_timeout(1000)  # widgets load late
        how = _open_widget(page)
        containers = [s for v in vendors() for s in v.selectors]
        frame = _find_input(page, containers)
        if frame is None:
            detail = "the chat opened but offered no message box" if how else "the chat widget could not be opened"
            return ChatOutcome("failed", detail=detail)
        _new_messages(page, ())  # the greeting is not a reply
        outcome = ChatOutcome("sent", sent_at=_say(frame, question, now))
        said: tuple[str, ...] = (question,)
        deadline = time.monotonic() + config.chat_window_seconds
        while time.monotonic() < deadline:
            for _text, marks in _new_messages(page, said):
                seen_at = now()
                waited = (seen_at - outcome.sent_at).total_seconds() if outcome.sent_at else 0.0
                if _BOT.search(marks):
                    reply = ChatReply(seen_at, True, "marked as a bot by the widget")
                elif _PERSON.search(marks):
                    reply = ChatReply(seen_at, False, "marked as a person by the widget")
                else:
                    automatic = waited < config.instant_reply_seconds
                    reply = ChatReply(seen_at, automatic, "unmarked; " + ("instant" if automatic else "not instant"))
                outcome.replies.append(reply)
            humans = [r for r in outcome.replies if not r.automatic]
            if outcome.handover_asked_at is not None:
                outcome.human_handover = any(r.at >= outcome.handover_asked_at for r in humans)
            if humans:
                break
            if outcome.replies and outcome.handover_asked_at is None:
                outcome.handover_asked_at = _say(frame, HANDOVER_REQUEST, now)
                said += (HANDOVER_REQUEST,)
                outcome.human_handover = False
            page.wait_for_timeout(250)
        return outcome
    except PlaywrightError as error:
        return ChatOutcome("failed", detail=f"the chat probe failed: {str(error).splitlines()[0]}")
    finally:
        context.close()
