"""The site runs one chat widget, once.

Why it matters: two chat bubbles from different vendors (or the same one
loaded twice) cover each other, split conversations between two inboxes, and
leave customers unsure which one a person is watching.

How to fix: keep one chat vendor, remove the old snippet (check the tag manager
too), and load the snippet once from the shared layout.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome
from checks._common import COMMON

META = CheckMeta(
    id="single-chat-widget",
    category="clarity",
    title="One chat widget",
    failure_title="Several chat widgets, or one installed twice",
    requires=("chat_widgets",),
    weight=1,
)

MESSAGES = Messages(META.id, {"several": "Customers see, or load, more than one chat."})


def run(site: CheckInput) -> Outcome:
    widgets = [w for w in site.chat_widgets if not w.retired]
    if not widgets:
        return Outcome.not_applicable(COMMON("no-live-chat"))
    evidence = (
        [Evidence(url=w.pages[0] if w.pages else "", snippet=w.vendor) for w in widgets] if len(widgets) > 1 else []
    )
    evidence += [
        Evidence(url=w.pages[0] if w.pages else "", snippet=f"{w.vendor} installed {w.instances} times")
        for w in widgets
        if w.instances > 1
    ]
    if not evidence:
        return Outcome(1.0, display_value=widgets[0].vendor)
    return Outcome(
        0.0,
        display_value=", ".join(w.vendor for w in widgets),
        explanation=MESSAGES("several"),
        evidence=evidence,
    )
