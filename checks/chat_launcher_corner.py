"""The chat launcher sits in a bottom corner, where customers look for it.

Why it matters: after years of chat bubbles in the bottom-right corner,
customers look there first; a launcher at the top or in the middle of the page
is missed, or mistaken for an advertisement.

How to fix: keep the vendor's default bottom-right position (bottom-left is
acceptable, and expected on right-to-left sites) on desktop and mobile.
"""

from auditor.judge.api import CheckInput, CheckMeta, Evidence, Messages, Outcome, Phrase
from checks._common import COMMON

META = CheckMeta(
    id="chat-launcher-corner",
    category="findability",
    title="The chat launcher sits in a bottom corner",
    failure_title="The chat launcher is not where customers look for it",
    requires=("chat_widgets",),
    weight=1,
    mode="numeric",
    options={"bottom-right": 1.0, "bottom-left": 0.75},
)

MESSAGES = Messages(
    META.id,
    {
        "placed": "{vendor}: {corner}",
        "top-left": "top-left",
        "top-right": "top-right",
        "bottom-left": "bottom-left",
        "bottom-right": "bottom-right",
        "away": "The launcher is away from the bottom-right corner.",
    },
)


def run(site: CheckInput) -> Outcome:
    scores: list[float] = []
    evidence: list[Evidence] = []
    placed: list[Phrase] = []
    for widget in (w for w in site.chat_widgets if not w.retired):
        for viewport, box in (("desktop", widget.placement.desktop), ("mobile", widget.placement.mobile)):
            # "none": nothing was drawn, which the unobstructed check reports.
            if box is None or box.corner == "none":
                continue
            score = float(site.options.get(box.corner, 0.0))
            scores.append(score)
            if score < 1:
                page = box.page or (widget.pages[0] if widget.pages else "")
                corner = MESSAGES(box.corner) if box.corner in MESSAGES else box.corner
                snippet = MESSAGES("placed", vendor=widget.vendor, corner=corner)
                placed.append(snippet)
                evidence.append(Evidence(url=page, selector=viewport, snippet=snippet, screenshot=box.screenshot))
    if not scores:
        return Outcome.not_applicable(COMMON("no-launcher-measured"))
    return Outcome(
        sum(scores) / len(scores),
        display_value=COMMON("list", items=placed) if placed else MESSAGES("bottom-right"),
        explanation="" if not evidence else MESSAGES("away"),
        evidence=evidence,
    )
