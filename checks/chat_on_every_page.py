"""Live chat is offered on every page, not only on some.

Why it matters: a customer who saw the chat bubble on the home page expects it
on the order or contact page too, exactly where questions come up; chat that
comes and goes feels broken.

How to fix: load the chat snippet from the shared layout (or the tag manager
rule for all pages) instead of individual templates.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="chat-on-every-page",
    category="findability",
    title="Live chat is on every page",
    failure_title="Live chat is missing from some pages",
    requires=("chat_widgets", "pages"),
    weight=1,
    mode="numeric",
)

MESSAGES = Messages(
    META.id,
    {
        "not-rendered": "No page was rendered, so chat presence could not be compared.",
        "with-chat_one": "{n} of {total} pages checked",
        "with-chat_other": "{n} of {total} pages checked",
        "missing": "These pages show no chat: rendered without it, or without any script.",
    },
)


def run(site: CheckInput) -> Outcome:
    widgets = [w for w in site.chat_widgets if not w.retired]
    if not widgets:
        return Outcome.not_applicable(COMMON("no-live-chat"))
    # Only pages known to show or lack the widget are judged: rendered pages, and pages
    # the widget is known to be missing on (a page with no script at all runs no chat).
    known = {url for w in widgets for url in w.missing_on}
    judged = [p.url for p in site.html_pages if p.rendered or p.url in known]
    with_chat = {url for w in widgets for url in w.pages}
    missing = [url for url in judged if url not in with_chat]
    if not judged:
        return Outcome.not_applicable(MESSAGES("not-rendered"))
    return Outcome(
        1 - len(missing) / len(judged),
        display_value=MESSAGES("with-chat", n=len(judged) - len(missing), total=len(judged)),
        explanation="" if not missing else MESSAGES("missing"),
        evidence=[Evidence(url=url, snippet="no chat widget") for url in missing],
    )
